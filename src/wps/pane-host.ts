// The task pane's host (src/taskpane/host.ts) over the WPS 表格 object model: the same React pane as
// in Excel, on src/wps (run, settings, live check, 自检). WPS answers synchronously; the promises only
// fit the interface. The live check ignores SheetChange while the pane's own run writes.
import type { Lang } from '../core/types';
import type { Analyze } from '../office/adapter';
import type { PaneLive, ZipingHost } from '../taskpane/host';
import pkg from '../../package.json';
import type { EtAddinRoot } from './et-api';
import { WpsLiveCheck } from './live';
import { runAnalysis, runRestore, selectCell } from './run';
import { runSelfTest, selfTestText } from './selftest-probes';
import { loadLastRun, loadSettings, saveSettings } from './settings';

export interface WpsPaneOptions {
  analyze: Analyze;
  displayLanguage: string | null;
  userAgent?: string;
  platform?: string | null;
}

/** Runs `fn` now; its result or exception as a promise. */
function now<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}

export function wpsPaneHost(app: EtAddinRoot, o: WpsPaneOptions): ZipingHost {
  const { analyze } = o;
  const ua = o.userAgent ?? (typeof navigator !== 'undefined' ? navigator.userAgent : '');
  /** Live checks running now: told when the pane's own run writes. */
  const lives = new Set<WpsLiveCheck>();
  const writing = (on: boolean) => lives.forEach((l) => l.setWriting(on));
  let liveSupported = false;
  try {
    liveSupported = !!app.ApiEvent && typeof app.ApiEvent.AddApiEventListener === 'function';
  } catch {
    liveSupported = false;
  }
  return {
    kind: 'wps',
    run: (mode, { settings, lang }) => now(() => runAnalysis(app, mode, { analyze, settings, lang, writing })),
    restore: ({ settings, resetUnreadable }) => now(() => runRestore(app, { settings, writing, resetUnreadable })),
    selectCell: (sheet, address) => now(() => selectCell(app, sheet, address)),
    loadSettings: () => now(() => loadSettings(app)),
    saveSettings: (settings) => now(() => saveSettings(app, settings)),
    loadLastRun: () => now(() => loadLastRun(app)),
    liveSupported,
    createLive: (l): PaneLive => {
      const lc = new WpsLiveCheck(app, { analyze, current: l.current, onUpdate: l.onUpdate, onError: l.onError });
      return {
        start: () => {
          try {
            lc.start();
            lives.add(lc);
          } catch (e) {
            l.onError(e);
          }
        },
        stop: () => {
          lives.delete(lc);
          lc.stop();
        },
        setBase: (out) => lc.setBase(out),
        refreshSheets: () => undefined, // sheets are named at each event
      };
    },
    diagnostics: () => {
      let build: string | null = null;
      try {
        build = String(app.Build);
      } catch {
        build = null;
      }
      return {
        host: 'WPS 表格',
        platform: o.platform ?? (typeof navigator !== 'undefined' ? navigator.platform || null : null),
        version: build,
        excelApi: null,
        addinVersion: pkg.version,
        displayLanguage: o.displayLanguage,
        userAgent: ua || null,
      };
    },
    selfCheck: (lang: Lang) => runSelfTest(app, ua).then((report) => selfTestText(report, lang)),
  };
}

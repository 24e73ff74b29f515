// The task pane's host (src/taskpane/host.ts) over the WPS 表格 object model: the same React pane as
// in Excel, on src/wps (run, settings, live check, 自检). WPS answers synchronously; the promises only
// fit the interface. The live check ignores SheetChange while the pane's own run writes; the pane
// refreshes on SheetActivate (subscribe), as it does on Excel's worksheets.onActivated.
import type { Lang } from '../core/types';
import type { Analyze } from '../office/adapter';
import type { PaneLive, ZipingHost } from '../taskpane/host';
import pkg from '../../package.json';
import type { EtAddinRoot } from './et-api';
import { WpsLiveCheck } from './live';
import { runAnalysis, runRestore, selectCell } from './run';
import { runSelfTest, selfTestText } from './selftest-probes';
import { loadLastRun, loadSettings, saveSettings } from './settings';
import { buildSummary, restoreSummary } from './summary';
import { SUMMARY_SHEET } from '../host/summary';

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
  /** The pane's own writes are under way (Sheets.Add and Activate may raise SheetActivate). */
  let ownWrites = false;
  const writing = (on: boolean) => {
    ownWrites = on;
    lives.forEach((l) => l.setWriting(on));
  };
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
    summary: {
      build: ({ settings, lang }) => now(() => buildSummary(app, { analyze, settings, lang, writing })),
      afterRestore: (text, status, lang) => now(() => restoreSummary(app, text, status, lang, { writing })),
      open: () => now(() => selectCell(app, SUMMARY_SHEET, 'A1')),
    },
    subscribe: (onChange) => {
      // another sheet activated by the user: the pane refreshes (its own writes are ignored)
      const handler = () => {
        if (!ownWrites) onChange();
      };
      try {
        app.ApiEvent.AddApiEventListener('SheetActivate', handler);
      } catch {
        return () => undefined; // no events in this WPS: focus and visibility still refresh
      }
      return () => {
        try {
          app.ApiEvent.RemoveApiEventListener('SheetActivate', handler);
        } catch {
          /* the page is going away */
        }
      };
    },
    diagnostics: () => {
      const read = (f: () => unknown): string | null => {
        try {
          const v = f();
          return v === null || v === undefined || v === '' ? null : String(v);
        } catch {
          return null;
        }
      };
      const build = read(() => app.Build);
      return {
        app: 'wps',
        etVersion: read(() => app.Version),
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

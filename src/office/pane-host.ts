// The task pane's host (src/taskpane/host.ts) over Office.js, or over the browser preview's fake
// Excel host: the adapter, the live check, the summary sheet, diagnostics and 自检.
import type { Lang } from '../core/types';
import type { ZipingHost } from '../taskpane/host';
import pkg from '../../package.json';
import type { XlHost } from './excel-api';
import { loadLastRun, loadSettings, runAnalysis, runRestore, saveSettings, selectCell, type Analyze } from './adapter';
import { highestExcelApi, type Diagnostics, type OfficeInfo } from './diagnostics';
import { LiveCheck } from './live';
import { runSelfCheck, selfCheckText } from './selfcheck';
import { buildSummary, restoreSummary, SUMMARY_SHEET } from './summary';

export interface OfficePaneOptions {
  kind: 'office' | 'preview';
  host: XlHost;
  analyze: Analyze;
  displayLanguage: string | null;
  subscribe?(onChange: () => void): () => void;
  /** Office.context.diagnostics (host, platform, version). */
  officeInfo?(): OfficeInfo;
  onClosed?(fn: () => void): () => void;
  /** Office.context.document.url, for the self-check's .xls line. */
  documentUrl?(): string | null;
}

export function officePaneHost(o: OfficePaneOptions): ZipingHost {
  const { host, analyze } = o;
  const diagnostics = (): Diagnostics => ({
    ...(o.officeInfo?.() ?? { host: null, platform: null, version: null }),
    excelApi: highestExcelApi((n, v) => host.isSetSupported(n, v)),
    addinVersion: pkg.version,
    displayLanguage: o.displayLanguage,
    userAgent: typeof navigator !== 'undefined' ? navigator.userAgent : null,
  });
  return {
    kind: o.kind,
    run: (mode, { settings, lang }) => runAnalysis(host, mode, { analyze, settings, lang }),
    restore: ({ settings, resetUnreadable }) => runRestore(host, { settings, resetUnreadable }),
    documentUrl: () => o.documentUrl?.() ?? null,
    selectCell: (sheet, address) => selectCell(host, sheet, address),
    loadSettings: () => loadSettings(host),
    saveSettings: (settings) => saveSettings(host, settings),
    loadLastRun: () => loadLastRun(host),
    // worksheet.onChanged is ExcelApi 1.7 (the manifest's minimum, so this is a safeguard)
    liveSupported: host.isSetSupported('ExcelApi', '1.7'),
    createLive: (l) => {
      const lc = new LiveCheck(host, { analyze, current: l.current, onUpdate: (out) => l.onUpdate(out), onError: l.onError });
      return {
        start: () => lc.start(),
        stop: () => lc.stop(),
        setBase: (out) => lc.setBase(out),
        refreshSheets: () => void lc.refreshSheets(),
      };
    },
    summary: {
      build: ({ settings, lang }) => buildSummary(host, { analyze, settings, lang }),
      afterRestore: (text, status, lang) => restoreSummary(host, text, status, lang),
      open: () => selectCell(host, SUMMARY_SHEET, 'A1'),
    },
    diagnostics,
    selfCheck: async (lang: Lang) => {
      const info = diagnostics();
      const lines = await runSelfCheck({ host, info, addinVersion: info.addinVersion, documentUrl: o.documentUrl?.() ?? null }, lang);
      return selfCheckText(lines, lang);
    },
    subscribe: o.subscribe,
    onClosed: o.onClosed,
  };
}

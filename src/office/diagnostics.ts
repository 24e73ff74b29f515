// 关于/诊断: where the add-in runs, for bug reports. Pure: the Office values come from office-host.ts.
import type { Lang } from '../core/types';
import { t } from '../ui-strings';

export interface OfficeInfo {
  /** Office.context.diagnostics.host, e.g. 'Excel'. */
  host: string | null;
  /** Office.context.diagnostics.platform, e.g. 'PC', 'OfficeOnline', 'Mac'. */
  platform: string | null;
  /** Office.context.diagnostics.version, e.g. '16.0.17928.20114'. */
  version: string | null;
}

export interface Diagnostics extends OfficeInfo {
  excelApi: string | null;
  addinVersion: string;
  displayLanguage: string | null;
  userAgent: string | null;
  /** The host application; absent: Excel (Office.js). */
  app?: 'excel' | 'wps';
  /** WPS: Application.Version of the ET object model, e.g. '12.0' (version above is Application.Build). */
  etVersion?: string | null;
}

/** The Chromium version in a user agent (WPS's embedded browser is Chromium), or null. */
export function chromiumVersion(userAgent: string | null | undefined): string | null {
  const m = /(?:Chrome|Chromium)\/([\d.]+)/.exec(userAgent ?? '');
  return m ? m[1] : null;
}

/** ExcelApi minor versions probed: 1.1 … 1.20. */
export const EXCEL_API_PROBE = Array.from({ length: 20 }, (_, i) => `1.${i + 1}`);

/** The highest ExcelApi version the host supports (probing upwards; stops at the first gap). */
export function highestExcelApi(isSetSupported: (name: string, version: string) => boolean): string | null {
  let best: string | null = null;
  for (const v of EXCEL_API_PROBE) {
    let ok = false;
    try {
      ok = isSetSupported('ExcelApi', v);
    } catch {
      ok = false;
    }
    if (!ok) break;
    best = v;
  }
  return best;
}

export function diagnosticsLines(d: Diagnostics, lang: Lang): [string, string][] {
  const u = t(lang, 'diagUnknown');
  if (d.app === 'wps') {
    return [
      [t(lang, 'diagHostWps'), t(lang, 'diagHostWpsValue')],
      [t(lang, 'diagPlatform'), d.platform ?? u],
      [t(lang, 'diagVersionWps'), d.version ?? u],
      [t(lang, 'diagApiWps'), t(lang, 'diagApiWpsValue', { version: d.etVersion ?? '' }).trim()],
      [t(lang, 'diagChromium'), chromiumVersion(d.userAgent) ?? u],
      [t(lang, 'diagAddin'), d.addinVersion],
      [t(lang, 'diagLang'), d.displayLanguage ?? u],
      [t(lang, 'diagBrowser'), d.userAgent ?? u],
    ];
  }
  return [
    [t(lang, 'diagHost'), d.host ?? u],
    [t(lang, 'diagPlatform'), d.platform ?? u],
    [t(lang, 'diagVersion'), d.version ?? u],
    [t(lang, 'diagApi'), d.excelApi ?? u],
    [t(lang, 'diagAddin'), d.addinVersion],
    [t(lang, 'diagLang'), d.displayLanguage ?? u],
    [t(lang, 'diagBrowser'), d.userAgent ?? u],
  ];
}

/** Plain text for the clipboard. */
export function diagnosticsText(d: Diagnostics, lang: Lang): string {
  return [`${t(lang, 'appName')} — ${t(lang, 'about')}`, ...diagnosticsLines(d, lang).map(([k, v]) => `${k}: ${v}`)].join('\n');
}

/** navigator.clipboard where allowed, else a hidden textarea + execCommand('copy') (IE, old WebViews). */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    const nav = (doc.defaultView ?? window).navigator;
    if (nav?.clipboard?.writeText) {
      await nav.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* denied (iframe without clipboard-write): fall back */
  }
  const ta = doc.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.top = '-1000px';
  ta.style.opacity = '0';
  doc.body.appendChild(ta);
  try {
    ta.select();
    ta.setSelectionRange(0, text.length);
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    doc.body.removeChild(ta);
  }
}

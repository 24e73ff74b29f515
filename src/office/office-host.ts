// The only place that touches the Office/Excel globals from office.js (with dialog-page.ts, the
// outcome dialog's two calls).
import type { XlHost, XlRequestContext } from './excel-api';
import type { ActionsApi } from '../commands/commands';
import type { OutcomeText } from '../ui-strings';

declare const Office: any;
declare const Excel: any;

export function hasOffice(): boolean {
  return typeof Office !== 'undefined' && !!Office?.onReady;
}

export interface ReadyInfo {
  /** 'Excel' inside Excel; null outside Office (plain browser) or when office.js did not load. */
  host: string | null;
  displayLanguage: string | null;
}

/** Office.onReady with a timeout: outside Office it resolves with host null instead of hanging. */
export function officeReady(timeoutMs = 8000): Promise<ReadyInfo> {
  if (!hasOffice()) return Promise.resolve({ host: null, displayLanguage: null });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ host: null, displayLanguage: null }), timeoutMs);
    Office.onReady((info: { host: string | null }) => {
      clearTimeout(timer);
      let displayLanguage: string | null = null;
      try {
        displayLanguage = Office.context?.displayLanguage ?? null;
      } catch {
        displayLanguage = null;
      }
      resolve({ host: info?.host ?? null, displayLanguage });
    });
  });
}

export function isSetSupported(name: string, version: string): boolean {
  try {
    return !!Office?.context?.requirements?.isSetSupported(name, version);
  } catch {
    return false;
  }
}

/** Excel.run as an XlHost. */
export function officeXlHost(): XlHost {
  return {
    run: <T>(batch: (ctx: XlRequestContext) => Promise<T>) => Excel.run((ctx: unknown) => batch(ctx as XlRequestContext)) as Promise<T>,
    // Excel.run(context, batch): event handlers are removed in the context that added them
    runIn: <T>(context: unknown, batch: (ctx: XlRequestContext) => Promise<T>) =>
      Excel.run(context, (ctx: unknown) => batch(ctx as XlRequestContext)) as Promise<T>,
    isSetSupported,
  };
}

/** Office.context.diagnostics (host, platform, version); nulls outside Office. */
export function officeInfo(): { host: string | null; platform: string | null; version: string | null } {
  try {
    const d = Office?.context?.diagnostics;
    return { host: d?.host ?? null, platform: d?.platform ?? null, version: d?.version ?? null };
  } catch {
    return { host: null, platform: null, version: null };
  }
}

/**
 * Calls back when the task pane is hidden or its page goes away. With the shared runtime the page
 * lives on when the pane closes (Office.addin.onVisibilityModeChanged, SharedRuntime 1.1).
 */
export function onPaneClosed(fn: () => void): () => void {
  let off: (() => void) | null = null;
  try {
    if (isSetSupported('SharedRuntime', '1.1') && Office?.addin?.onVisibilityModeChanged) {
      const p = Office.addin.onVisibilityModeChanged((args: { visibilityMode: string }) => {
        if (args?.visibilityMode === 'Hidden') fn();
      });
      void Promise.resolve(p).then((remove: unknown) => {
        if (typeof remove === 'function') off = remove as () => void;
      });
    }
  } catch {
    /* no shared runtime */
  }
  window.addEventListener('pagehide', fn);
  return () => {
    window.removeEventListener('pagehide', fn);
    try {
      off?.();
    } catch {
      /* already gone */
    }
  };
}

/** `file` next to the page at `href` (no URL constructor: Internet Explorer has none). */
export function siblingUrl(href: string, file: string): string {
  return href.replace(/[?#].*$/, '').replace(/[^/]*$/, file);
}

export function officeActions(): ActionsApi {
  return { associate: (name, fn) => Office.actions.associate(name, fn) };
}

/** Internet Explorer (the dialog's webview in Office 2019) refuses URLs over 2,083 characters. */
export const MAX_DIALOG_URL = 2000;

/**
 * dialog.html#<the outcome as JSON>, the message shortened (with …) so the URL stays under
 * MAX_DIALOG_URL: a long list of protected sheets or an error text would otherwise not open at all.
 */
export function dialogUrlFor(dialogUrl: string, text: Omit<OutcomeText, 'lang'> & { lang: string }): string {
  const make = (message: string) => `${dialogUrl}#${encodeURIComponent(JSON.stringify({ ...text, message }))}`;
  let url = make(text.message);
  let keep = text.message.length;
  while (url.length > MAX_DIALOG_URL && keep > 0) {
    keep = Math.floor(keep * 0.9);
    url = make(`${text.message.slice(0, keep)}…`);
  }
  return url;
}

/**
 * Shows the outcome in a small dialog where DialogApi 1.1 exists (Office 2016+ incl. 2019),
 * and waits until the user closes it (at most `maxWaitMs`). Otherwise does nothing: the
 * outcome is also stored in the workbook settings and shown by the task pane.
 */
export function dialogNotifier(dialogUrl: string, lang: () => string, maxWaitMs = 4 * 60_000) {
  return (text: OutcomeText): Promise<void> => {
    if (!isSetSupported('DialogApi', '1.1')) return Promise.resolve();
    const url = dialogUrlFor(dialogUrl, { ...text, lang: text.lang ?? lang() });
    return new Promise<void>((resolve) => {
      let done = false;
      let dialog: any = null;
      const finish = () => {
        if (done) return;
        done = true;
        try {
          dialog?.close();
        } catch {
          /* already closed */
        }
        resolve();
      };
      const timer = setTimeout(finish, maxWaitMs);
      try {
        Office.context.ui.displayDialogAsync(
          url,
          { height: 30, width: 32, displayInIframe: true },
          (res: any) => {
            if (res.status !== 'succeeded') {
              clearTimeout(timer);
              finish();
              return;
            }
            dialog = res.value;
            const end = () => {
              clearTimeout(timer);
              finish();
            };
            dialog.addEventHandler(Office.EventType.DialogMessageReceived, end);
            dialog.addEventHandler(Office.EventType.DialogEventReceived, end);
          },
        );
      } catch {
        clearTimeout(timer);
        finish();
      }
    });
  };
}

/** Opens the task pane (needs the shared runtime, SharedRuntime 1.1). */
export async function showTaskpane(): Promise<boolean> {
  if (!isSetSupported('SharedRuntime', '1.1') || !Office?.addin?.showAsTaskpane) return false;
  try {
    await Office.addin.showAsTaskpane();
    return true;
  } catch {
    return false;
  }
}

/**
 * Calls back when another sheet is activated (ExcelApi 1.7) or the workbook settings change
 * (1.4; a ribbon command stores its outcome there). Returns an unsubscribe function.
 */
export function subscribeWorkbook(onChange: () => void): () => void {
  let active = true;
  const fire = async () => {
    if (active) onChange();
  };
  Excel.run(async (ctx: any) => {
    ctx.workbook.worksheets.onActivated.add(fire);
    ctx.workbook.settings.onSettingsChanged.add(fire);
    await ctx.sync();
  }).catch(() => undefined);
  return () => {
    active = false;
  };
}

export { closeDialog } from './dialog-page';

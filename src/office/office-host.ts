// The only place that touches the Office/Excel globals from office.js (with dialog-page.ts, the
// outcome dialog's two calls).
import type { XlHost, XlRequestContext, XlRunOptions } from './excel-api';
import type { ActionsApi } from '../commands/commands';
import type { OutcomeText } from '../ui-strings';
import { DIALOG_KEY } from './dialog-page';

export function hasOffice(): boolean {
  return typeof Office !== 'undefined' && !!Office?.onReady;
}

export interface ReadyInfo {
  /** 'Excel' inside Excel; null outside Office (plain browser) or when office.js did not load. */
  host: string | null;
  displayLanguage: string | null;
}

/**
 * Office.onReady. With `timeoutMs` (the task pane) it resolves with host null after that long, so a
 * page opened outside Office does not hang; null waits as long as Office takes (the ribbon's function
 * file: Office 2019 on a cold start can take more than 8 s, and giving up there leaves the buttons dead).
 */
export function officeReady(timeoutMs: number | null = 8000): Promise<ReadyInfo> {
  if (!hasOffice()) return Promise.resolve({ host: null, displayLanguage: null });
  return new Promise((resolve) => {
    const timer = timeoutMs === null ? null : setTimeout(() => resolve({ host: null, displayLanguage: null }), timeoutMs);
    Office.onReady((info) => {
      if (timer !== null) clearTimeout(timer);
      let displayLanguage: string | null = null;
      try {
        displayLanguage = Office.context?.displayLanguage ?? null;
      } catch {
        displayLanguage = null;
      }
      resolve({ host: info?.host ? String(info.host) : null, displayLanguage });
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

/**
 * Excel.run as an XlHost. `defaults`: run options for every batch; the task pane passes
 * `{ delayForCellEdit: true }` so a button pressed while a cell is being edited waits for the edit to
 * end instead of failing (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit).
 * The ribbon cannot be clicked during a cell edit and keeps the plain Excel.run(batch).
 */
export function officeXlHost(defaults: XlRunOptions = {}): XlHost {
  return {
    run: <T>(batch: (ctx: XlRequestContext) => Promise<T>, options?: XlRunOptions) => {
      const o = { ...defaults, ...(options ?? {}) };
      const fn = (ctx: unknown) => batch(ctx as XlRequestContext);
      return (o.delayForCellEdit ? Excel.run({ delayForCellEdit: true }, fn) : Excel.run(fn)) as Promise<T>;
    },
    // Excel.run(context, batch): event handlers are removed in the context that added them
    runIn: <T>(context: unknown, batch: (ctx: XlRequestContext) => Promise<T>) =>
      Excel.run(context as Excel.RequestContext, (ctx: unknown) => batch(ctx as XlRequestContext)) as Promise<T>,
    isSetSupported,
    officeJsHas,
    documentUrl: officeDocumentUrl,
  };
}

/** Office.context.document.url (a path or URL; null when unsaved or unknown). */
export function officeDocumentUrl(): string | null {
  try {
    return Office?.context?.document?.url ?? null;
  } catch {
    return null;
  }
}

/** The loaded office.js defines Excel[cls] (a self-hosted npm office.js has no NoteCollection). */
export function officeJsHas(cls: string): boolean {
  try {
    return typeof (Excel as unknown as Record<string, unknown>)[cls] === 'function';
  } catch {
    return false;
  }
}

/** Office.context.diagnostics (host, platform, version); nulls outside Office. */
export function officeInfo(): { host: string | null; platform: string | null; version: string | null } {
  try {
    const d = Office?.context?.diagnostics;
    return { host: d?.host ? String(d.host) : null, platform: d?.platform ? String(d.platform) : null, version: d?.version ?? null };
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

/** Internet Explorer (the dialog's webview in Office 2019) opens no URL over 2,083 characters. */
export const IE_MAX_URL = 2083;
/**
 * Room for what Office adds to a dialog URL before loading it: `?_host_Info=Excel$Win32$16.01$zh-CN…`
 * with a session GUID on recent builds (~90 characters), and office.js's `&_serializer_version=1` /
 * `&_xdm_Info=…` in the fragment.
 */
export const OFFICE_URL_RESERVE = 250;
/** Budget for the URL the add-in passes to displayDialogAsync. */
export const MAX_DIALOG_URL = IE_MAX_URL - OFFICE_URL_RESERVE;

/** Length of a URL as sent: a non-ASCII character counts as its percent-encoded UTF-8 (e.g. 部 = 9). */
export function wireLength(url: string): number {
  let n = 0;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 6;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 12;
      i++;
    } else n += 9;
  }
  return n;
}

/**
 * dialog.html#ziping=<the outcome as JSON>, the message shortened (with …) so the URL stays under
 * MAX_DIALOG_URL as sent: a long list of protected sheets or an error text would otherwise not open.
 * The key lets the page find its payload among what office.js adds to the fragment (parseDialogHash).
 */
export function dialogUrlFor(dialogUrl: string, text: Omit<OutcomeText, 'lang'> & { lang: string }): string {
  const make = (message: string) => `${dialogUrl}#${DIALOG_KEY}${encodeURIComponent(JSON.stringify({ ...text, message }))}`;
  let url = make(text.message);
  let keep = text.message.length;
  while (wireLength(url) > MAX_DIALOG_URL && keep > 0) {
    keep = Math.floor(keep * 0.9);
    const code = text.message.charCodeAt(keep - 1);
    if (code >= 0xd800 && code < 0xdc00) keep--; // never split a surrogate pair (encodeURIComponent throws)
    url = make(`${text.message.slice(0, keep)}…`);
  }
  return url;
}

/**
 * How long a ribbon command waits for the user to close its outcome dialog before it calls
 * event.completed(): Office queues further add-in command clicks until then (audit-2 #11), so a
 * dialog left open (or hidden behind Excel) must not make the buttons look dead for long. The
 * wait keeps the command's runtime, which closes the dialog on its Close button, alive meanwhile;
 * the dialog's own title-bar X works without it.
 */
export const DIALOG_HOLD_MS = 60_000;

/**
 * Shows the outcome in a small dialog where DialogApi 1.1 exists (Office 2016+ incl. 2019),
 * and waits until the user closes it (at most `maxWaitMs`). Otherwise does nothing: the
 * outcome is also stored in the workbook settings and shown by the task pane.
 */
export function dialogNotifier(dialogUrl: string, lang: () => string, maxWaitMs = DIALOG_HOLD_MS) {
  return (text: OutcomeText): Promise<void> => {
    if (!isSetSupported('DialogApi', '1.1')) return Promise.resolve();
    const url = dialogUrlFor(dialogUrl, { ...text, lang: text.lang ?? lang() });
    return new Promise<void>((resolve) => {
      let done = false;
      let dialog: Office.Dialog | null = null;
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
        Office.context.ui.displayDialogAsync(url, { height: 30, width: 32, displayInIframe: true }, (res: Office.AsyncResult<Office.Dialog>) => {
          if (String(res.status) !== 'succeeded') {
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
        });
      } catch {
        clearTimeout(timer);
        finish();
      }
    });
  };
}

/** The page is the ribbon's own function file (commands.html), never a shared runtime. */
export function inFunctionFile(): boolean {
  try {
    return /\/commands\.html(?:[?#]|$)/i.test(String(window.location.href));
  } catch {
    return false;
  }
}

/**
 * Opens the task pane. Only a shared runtime can (the manifest's <Runtimes>, a ZIPING_SHARED_RUNTIME=1
 * build, where the ribbon functions run in taskpane.html): isSetSupported('SharedRuntime', '1.1')
 * says what the host can do, not what the manifest declares, and without a shared runtime
 * showAsTaskpane may never answer. Gives up (false) after `timeoutMs`, so the caller still shows
 * its dialog.
 */
export function showTaskpane(sharedRuntime = !inFunctionFile(), timeoutMs = 3000): Promise<boolean> {
  if (!sharedRuntime || !isSetSupported('SharedRuntime', '1.1') || !Office?.addin?.showAsTaskpane) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    try {
      Promise.resolve(Office.addin.showAsTaskpane()).then(
        () => done(true),
        () => done(false),
      );
    } catch {
      done(false);
    }
  });
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
  Excel.run(async (context) => {
    context.workbook.worksheets.onActivated.add(fire);
    context.workbook.settings.onSettingsChanged.add(fire);
    await context.sync();
  }).catch(() => undefined);
  return () => {
    active = false;
  };
}

export { closeDialog } from './dialog-page';

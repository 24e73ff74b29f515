// A fake `Office` / `Excel` global pair over a FakeExcelHost, as strict as the real office.js where
// the add-in depends on it: Office.onReady may take long (Office 2019 cold start), showAsTaskpane
// only works in a shared runtime (the manifest's <Runtimes>), whatever isSetSupported says, and the
// dialog URL gets Office's own additions before Internet Explorer's 2,083-character limit applies.
import type { FakeExcelHost } from './host';

/** What Office for Windows adds to a dialog URL (query) — with the session GUID of recent builds. */
export const HOST_INFO_QUERY = '_host_Info=Excel$Win32$16.01$zh-CN$$$$0|6eb1d7b8-3f0c-4c5a-9d1e-2b7f7c1a9e55|isDialog|0';
/** What office.js prepends to the dialog's fragment (OSF.OUtil.addSerializerVersionAsHash). */
export const SERIALIZER_HASH = '&_serializer_version=1';
/** Internet Explorer's URL limit. */
export const IE_URL_LIMIT = 2083;

export interface FakeOfficeOptions {
  /** ms until Office.onReady calls back (Office 2019 cold start: more than 8 s). */
  readyAfterMs?: number;
  /** The manifest declares a shared runtime and this code runs in it. */
  sharedRuntime?: boolean;
  /** Internet Explorer webview: dialog URLs over 2,083 characters open a blank page. */
  ie?: boolean;
  displayLanguage?: string;
  /**
   * Which office.js is loaded: the CDN's defines every Excel class; the npm package 1.1.110 (a
   * ZIPING_OFFICE_JS=local build) has no NoteCollection (audit-2 #7a), whatever the host supports.
   */
  officeJs?: 'cdn' | 'npm-1.1.110';
  /** The user leaves the outcome dialog open (by default it is closed at once). */
  dialogStaysOpen?: boolean;
}

export interface FakeOffice {
  /** Stands in for the Office global (the calls the add-in makes). */
  Office: object;
  /** Stands in for the Excel global (Excel.run over the fake host). */
  Excel: object;
  /** Names passed to Office.actions.associate. */
  associated: Map<string, (event: unknown) => unknown>;
  /** Final URLs the dialogs were opened with (after Office's additions). */
  dialogs: string[];
  /** Dialogs that Internet Explorer could not open (URL too long). */
  blankDialogs: string[];
  /** Calls of Office.addin.showAsTaskpane, and how many actually showed the pane. */
  taskpane: { calls: number; shown: number };
}

/** Length of a URL as sent: every non-ASCII character percent-encoded (3 characters per UTF-8 byte). */
export function wireLength(url: string): number {
  let n = 0;
  for (const ch of url) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 6 : cp < 0x10000 ? 9 : 12;
  }
  return n;
}

/** The URL Office actually loads for displayDialogAsync(url). */
export function officeDialogUrl(url: string): string {
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash + 1);
  const query = `${base}${base.includes('?') ? '&' : '?'}${HOST_INFO_QUERY}`;
  return `${query}#${SERIALIZER_HASH}${fragment}`;
}

export function fakeOffice(host: FakeExcelHost | null, options: FakeOfficeOptions = {}): FakeOffice {
  const associated = new Map<string, (event: unknown) => unknown>();
  const dialogs: string[] = [];
  const blankDialogs: string[] = [];
  const taskpane = { calls: 0, shown: 0 };
  const Office = {
    onReady(cb?: (info: { host: string | null; platform: string | null }) => void) {
      return new Promise((resolve) => {
        setTimeout(() => {
          const info = { host: host ? 'Excel' : null, platform: host ? 'PC' : null };
          cb?.(info);
          resolve(info);
        }, options.readyAfterMs ?? 0);
      });
    },
    context: {
      displayLanguage: options.displayLanguage ?? 'zh-CN',
      // Office.context.document.url: the fake host's file (null when unsaved)
      get document() {
        return { url: host?.fileUrl ?? null };
      },
      requirements: { isSetSupported: (name: string, version?: string) => !!host?.isSetSupported(name, version) },
      ui: {
        displayDialogAsync(url: string, _options: unknown, cb: (r: unknown) => void) {
          const final = officeDialogUrl(url);
          dialogs.push(final);
          if (options.ie && wireLength(final) > IE_URL_LIMIT) blankDialogs.push(final);
          const handlers: ((arg: unknown) => void)[] = [];
          const dialog = { addEventHandler: (_t: string, fn: (arg: unknown) => void) => void handlers.push(fn), close: () => undefined };
          cb({ status: 'succeeded', value: dialog });
          if (!options.dialogStaysOpen) setTimeout(() => handlers[0]?.({ message: 'close' }), 0);
        },
      },
    },
    actions: { associate: (name: string, fn: (event: unknown) => unknown) => void associated.set(name, fn) },
    addin: {
      // Without a shared runtime the call goes nowhere: the promise never settles.
      showAsTaskpane(): Promise<void> {
        taskpane.calls++;
        if (!options.sharedRuntime) return new Promise<void>(() => undefined);
        taskpane.shown++;
        return Promise.resolve();
      },
    },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  };
  // office.js classes the add-in tests for (typeof Excel.NoteCollection === 'function')
  class CommentCollection {}
  class NoteCollection {}
  // Excel.run(batch) or Excel.run(options, batch) (RunOptions.delayForCellEdit)
  const Excel = {
    run: (a: unknown, b?: unknown) =>
      typeof a === 'function' ? host!.run(a as never) : host!.run(b as never, (a ?? {}) as { delayForCellEdit?: boolean }),
    CommentCollection,
    ...(options.officeJs === 'npm-1.1.110' ? {} : { NoteCollection }),
  };
  return { Office, Excel, associated, dialogs, blankDialogs, taskpane };
}

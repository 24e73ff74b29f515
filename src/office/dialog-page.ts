// The outcome dialog page's only Office calls. Kept apart from office-host.ts because the ES5 build
// adds core-js polyfills per module: this one needs none (no Promise), so dialog.js stays small.

/** The fragment key of the outcome (office.js adds its own keys to the fragment). */
export const DIALOG_KEY = 'ziping=';

export interface DialogPayload {
  title: string;
  message: string;
  intent: 'success' | 'warning' | 'error' | 'info';
  lang: 'zh' | 'en';
}

/**
 * The outcome in the dialog's fragment, found by its key: office.js may prepend
 * `&_serializer_version=1` or append `&_xdm_Info=…`. null when there is none or it is broken.
 */
export function parseDialogHash(hash: string): DialogPayload | null {
  const at = hash.indexOf(DIALOG_KEY);
  let body = at < 0 ? hash.replace(/^#/, '') : hash.slice(at + DIALOG_KEY.length);
  const amp = body.indexOf('&');
  if (amp >= 0) body = body.slice(0, amp);
  try {
    const p = JSON.parse(decodeURIComponent(body));
    return p && typeof p.title === 'string' && typeof p.message === 'string' ? (p as DialogPayload) : null;
  } catch {
    return null;
  }
}

/** Lets office.js initialise the page (messageParent needs it). Outside Office: nothing. */
export function initDialogPage(): void {
  try {
    if (typeof Office !== 'undefined' && Office.onReady) Office.onReady(() => undefined);
  } catch {
    /* office.js missing or broken: the close button falls back to window.close() */
  }
}

/** In the dialog page: tells the command's runtime that the user closed the message. */
export function closeDialog(): void {
  try {
    Office.context.ui.messageParent('close');
  } catch {
    window.close();
  }
}

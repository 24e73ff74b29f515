// The outcome dialog page's only Office calls. Kept apart from office-host.ts because the ES5 build
// adds core-js polyfills per module: this one needs none (no Promise), so dialog.js stays small.
declare const Office: any;

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

// Function file entry (commands.html): registers the ribbon functions.
// Built to ES5 with polyfills (webpack 'ribbon' compilation): also runs in Internet Explorer 11,
// the webview of Office 2019 volume licence. Keep it free of APIs core-js cannot polyfill.
import { analyzeWorkbook } from '../core';
import { langFromDisplay } from '../office/settings';
import { dialogNotifier, officeActions, officeReady, officeXlHost, showTaskpane, siblingUrl } from '../office/office-host';
import { registerCommands, type CommandEnv } from './commands';

// No deadline: Office 2019 on a cold start can take more than 8 s to call Office.onReady, and
// giving up would leave the ribbon buttons without their functions.
void officeReady(null).then((info) => {
  if (!info.host) return;
  const lang = langFromDisplay(info.displayLanguage);
  const dialogUrl = siblingUrl(window.location.href, 'dialog.html');
  const env = (): CommandEnv => ({
    host: officeXlHost(),
    analyze: analyzeWorkbook,
    lang,
    notify: dialogNotifier(dialogUrl, () => lang),
    // the function file is its own runtime, never the shared one: showAsTaskpane cannot work here
    // (with a shared-runtime manifest the functions run in taskpane.html, src/taskpane/index.tsx)
    showTaskpane: () => showTaskpane(false),
  });
  registerCommands(officeActions(), env, window as unknown as Record<string, unknown>);
});

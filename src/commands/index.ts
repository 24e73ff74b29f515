// Function file entry (commands.html): registers the ribbon functions.
// Built to ES5 with polyfills (webpack 'ribbon' compilation): also runs in Internet Explorer 11,
// the webview of Office 2019 volume licence. Keep it free of APIs core-js cannot polyfill.
import { analyzeWorkbook } from '../core';
import { langFromDisplay } from '../office/settings';
import { dialogNotifier, officeActions, officeReady, officeXlHost, showTaskpane, siblingUrl } from '../office/office-host';
import { registerCommands, type CommandEnv } from './commands';

void officeReady().then((info) => {
  if (!info.host) return;
  const lang = langFromDisplay(info.displayLanguage);
  const dialogUrl = siblingUrl(window.location.href, 'dialog.html');
  const env = (): CommandEnv => ({
    host: officeXlHost(),
    analyze: analyzeWorkbook,
    lang,
    notify: dialogNotifier(dialogUrl, () => lang),
    showTaskpane,
  });
  registerCommands(officeActions(), env, window as unknown as Record<string, unknown>);
});

// Function file entry (commands.html): registers the ribbon functions.
import { analyzeWorkbook } from '../core';
import { langFromDisplay } from '../office/settings';
import { dialogNotifier, officeActions, officeReady, officeXlHost, showTaskpane } from '../office/office-host';
import { registerCommands, type CommandEnv } from './commands';

void officeReady().then((info) => {
  if (!info.host) return;
  const lang = langFromDisplay(info.displayLanguage);
  const dialogUrl = new URL('dialog.html', window.location.href).href;
  const env = (): CommandEnv => ({
    host: officeXlHost(),
    analyze: analyzeWorkbook,
    lang,
    notify: dialogNotifier(dialogUrl, () => lang),
    showTaskpane,
  });
  registerCommands(officeActions(), env, window as unknown as Record<string, unknown>);
});

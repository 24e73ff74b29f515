// Task pane entry (taskpane.html).
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { analyzeWorkbook } from '../core';
import { langFromDisplay } from '../office/settings';
import {
  dialogNotifier,
  officeActions,
  officeDocumentUrl,
  officeInfo,
  officeReady,
  officeXlHost,
  onPaneClosed,
  showTaskpane,
  subscribeWorkbook,
} from '../office/office-host';
import { officePaneHost } from '../office/pane-host';
import { registerCommands } from '../commands/commands';
import { App, type AppBridge } from './App';

void officeReady().then((info) => {
  const inExcel = info.host === 'Excel';
  const bridge: AppBridge = {
    app: 'excel',
    host: inExcel
      ? officePaneHost({
          kind: 'office',
          // pane buttons and the live check wait for a cell edit to end (RunOptions.delayForCellEdit)
          host: officeXlHost({ delayForCellEdit: true }),
          analyze: analyzeWorkbook,
          displayLanguage: info.displayLanguage,
          subscribe: subscribeWorkbook,
          officeInfo,
          onClosed: onPaneClosed,
          documentUrl: officeDocumentUrl,
        })
      : null,
    displayLanguage: info.displayLanguage,
  };
  if (inExcel) {
    // With the shared runtime (manifest.shared.xml) the ribbon functions live in this page.
    const lang = langFromDisplay(info.displayLanguage);
    const dialogUrl = new URL('dialog.html', window.location.href).href;
    try {
      registerCommands(officeActions(), () => ({
        host: officeXlHost(),
        analyze: analyzeWorkbook,
        lang,
        notify: dialogNotifier(dialogUrl, () => lang),
        showTaskpane,
      }));
    } catch {
      /* not a shared runtime */
    }
  }
  createRoot(document.getElementById('root') as HTMLElement).render(<App bridge={bridge} />);
});

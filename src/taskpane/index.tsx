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
import { registerCommands } from '../commands/commands';
import { App, type AppBridge } from './App';

void officeReady().then((info) => {
  const inExcel = info.host === 'Excel';
  const bridge: AppBridge = {
    kind: inExcel ? 'office' : 'none',
    // pane buttons and the live check wait for a cell edit to end (RunOptions.delayForCellEdit)
    host: inExcel ? officeXlHost({ delayForCellEdit: true }) : null,
    displayLanguage: info.displayLanguage,
    analyze: analyzeWorkbook,
    subscribe: inExcel ? subscribeWorkbook : undefined,
    officeInfo,
    onClosed: inExcel ? onPaneClosed : undefined,
    documentUrl: inExcel ? officeDocumentUrl : undefined,
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

// The WPS task pane (taskpane.html): the same React pane as in Excel (src/taskpane/App.tsx), on the
// WPS host (pane-host.ts). Built to ES5 with core-js polyfills (webpack.wps.js; docs/decisions.md).
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { analyzeWorkbook } from '../core';
import { App } from '../taskpane/App';
import type { AppBridge } from '../taskpane/host';
import { getApplication } from './commands';
import { wpsPaneHost } from './pane-host';

/** The pane also refreshes when it gets the focus back (a ribbon command may have run meanwhile). */
function onFocus(fn: () => void): () => void {
  window.addEventListener('focus', fn);
  return () => window.removeEventListener('focus', fn);
}

function onPageHide(fn: () => void): () => void {
  window.addEventListener('pagehide', fn);
  return () => window.removeEventListener('pagehide', fn);
}

if (!(window as unknown as { __zipingLegacy?: boolean }).__zipingLegacy) {
  const app = getApplication(window);
  const displayLanguage = typeof navigator !== 'undefined' ? navigator.language || null : null;
  const host = app ? wpsPaneHost(app, { analyze: analyzeWorkbook, displayLanguage }) : null;
  const bridge: AppBridge = {
    app: 'wps',
    host: host && {
      ...host,
      // SheetActivate (the pane host) and the focus coming back (a ribbon command may have run)
      subscribe: (fn: () => void) => {
        const offSheets = host.subscribe?.(fn);
        const offFocus = onFocus(fn);
        // a closed pane leaves no SheetActivate listener behind in WPS
        const offHide = onPageHide(() => offSheets?.());
        return () => {
          offSheets?.();
          offFocus();
          offHide();
        };
      },
      onClosed: onPageHide,
    },
    displayLanguage,
  };
  createRoot(document.getElementById('root') as HTMLElement).render(<App bridge={bridge} />);
}

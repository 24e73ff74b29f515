// The WPS add-in's main page (index.html): WPS opens it hidden at start and calls the ribbon
// callbacks on the global `ribbon` object that ribbon.xml names.
import { analyzeWorkbook } from '../core';
import { CONTROLS, getApplication, makeRibbon, siblingUrl, type WpsCommandEnv } from './commands';

function env(): WpsCommandEnv | null {
  const app = getApplication(window);
  if (!app) return null;
  return {
    app,
    analyze: analyzeWorkbook,
    lang: /^en/i.test(String(navigator.language || '')) ? 'en' : 'zh',
    notify: (text) => window.alert(`${text.title}\n\n${text.message}`),
    paneUrl: siblingUrl(window.location.href, 'taskpane.html'),
  };
}

(window as unknown as { ribbon: ReturnType<typeof makeRibbon>; zipingControls: typeof CONTROLS }).ribbon = makeRibbon(env);
(window as unknown as { zipingControls: typeof CONTROLS }).zipingControls = CONTROLS;

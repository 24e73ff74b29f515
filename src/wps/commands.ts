// The WPS ribbon (ribbon.xml, tab 绩效自评): its callbacks and commands. Runs in the add-in's main
// page (index.html), which WPS opens hidden at start; built to ES5 (webpack.wps.js).
import type { Lang } from '../core/types';
import type { Analyze, RunOutcome } from '../office/adapter';
import { describeOutcome, type OutcomeText } from '../ui-strings';
import type { EtAddinRoot } from './et-api';
import { runAnalysis, runRestore } from './run';
import { loadSettings } from './settings';
import { restoreSummary } from './summary';

/** Control ids of ribbon.xml. */
export const CONTROLS = {
  recompute: 'zipingRecompute',
  validate: 'zipingValidate',
  restore: 'zipingRestore',
  pane: 'zipingPane',
} as const;

export type WpsCommand = 'recompute' | 'validate' | 'restore';

export const PANE_KEY = 'ziping.taskpane';
export const PANE_TITLE = '绩效自评助手';

export interface WpsCommandEnv {
  app: EtAddinRoot;
  analyze: Analyze;
  lang: Lang;
  /** Tells the user the outcome (alert in the main page). */
  notify(text: OutcomeText): void;
  /** The task pane page's URL. */
  paneUrl: string;
}

/** window.Application, or the older wps.EtApplication(); null outside WPS. */
export function getApplication(w: unknown): EtAddinRoot | null {
  const g = w as { Application?: EtAddinRoot; wps?: { EtApplication?: () => EtAddinRoot } } | null;
  if (!g) return null;
  if (g.Application) return g.Application;
  try {
    return g.wps?.EtApplication ? g.wps.EtApplication() : null;
  } catch {
    return null;
  }
}

/** Shows the task pane, creating it once per WPS session (its id kept in PluginStorage). */
export function showPane(app: EtAddinRoot, url: string): void {
  const id = app.PluginStorage.getItem(PANE_KEY);
  if (id) {
    try {
      const pane = app.GetTaskPane(Number(id));
      pane.Visible = true;
      return;
    } catch {
      /* closed for good: create it again */
    }
  }
  const pane = app.CreateTaskPane(url, PANE_TITLE);
  app.PluginStorage.setItem(PANE_KEY, pane.ID);
  pane.Visible = true;
}

/** Runs one ribbon command; never throws. */
export function runWpsCommand(kind: WpsCommand, env: WpsCommandEnv): RunOutcome | null {
  let lang = env.lang;
  try {
    const settings = loadSettings(env.app);
    lang = settings.lang ?? env.lang;
    const outcome = kind === 'restore' ? runRestore(env.app, { settings }) : runAnalysis(env.app, kind, { analyze: env.analyze, settings, lang });
    if (kind === 'validate' && outcome.counts.error > 0) {
      try {
        showPane(env.app, env.paneUrl);
      } catch {
        /* the dialog below still tells */
      }
    }
    let text = describeOutcome(outcome, lang);
    if (kind === 'restore') text = restoreSummary(env.app, text, outcome.status, lang).text; // and the summary sheet
    env.notify(text);
    return outcome;
  } catch (e) {
    const message = (e as { message?: string })?.message ?? String(e);
    try {
      env.notify({
        title: lang === 'zh' ? '操作未完成' : 'Not completed',
        message: (lang === 'zh' ? '操作失败：' : 'Failed: ') + message,
        intent: 'error',
        lang,
      });
    } catch {
      /* nothing left to tell the user with */
    }
    return null;
  }
}

export interface RibbonControl {
  Id: string;
}

/** The callbacks ribbon.xml names (ribbon.OnAddinLoad, ribbon.OnAction, ribbon.GetImage). */
export function makeRibbon(env: () => WpsCommandEnv | null) {
  return {
    OnAddinLoad(): boolean {
      return true;
    },
    OnAction(control: RibbonControl): void {
      const e = env();
      if (!e) return;
      const id = control?.Id;
      if (id === CONTROLS.pane) {
        try {
          showPane(e.app, e.paneUrl);
        } catch (err) {
          e.notify({ title: PANE_TITLE, message: String((err as Error)?.message ?? err), intent: 'error' });
        }
        return;
      }
      const kind = (Object.keys(CONTROLS) as (keyof typeof CONTROLS)[]).find((k) => CONTROLS[k] === id);
      if (kind && kind !== 'pane') runWpsCommand(kind, e);
    },
    GetImage(control: RibbonControl): string {
      const icons: Record<string, string> = {
        [CONTROLS.recompute]: 'assets/recompute-32.png',
        [CONTROLS.validate]: 'assets/validate-32.png',
        [CONTROLS.restore]: 'assets/restore-32.png',
        [CONTROLS.pane]: 'assets/taskpane-32.png',
      };
      return icons[control?.Id] ?? 'assets/icon-32.png';
    },
  };
}

/** `file` next to the page at `href` (no URL constructor needed). */
export function siblingUrl(href: string, file: string): string {
  return href.replace(/[?#].*$/, '').replace(/[^/]*$/, file);
}

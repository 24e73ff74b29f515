// Ribbon functions (ExecuteFunction). Office-free core so tests and the preview can run it.
import type { Lang } from '../core/types';
import type { XlHost } from '../office/excel-api';
import { loadSettings, runAnalysis, runRestore, type Analyze, type RunOutcome } from '../office/adapter';
import { describeOutcome, type OutcomeText } from '../ui-strings';
import { restoreSummary } from '../office/summary';

/** FunctionName values in manifest.xml. */
export const FUNCTIONS = {
  recompute: 'zipingRecompute',
  validate: 'zipingValidate',
  restore: 'zipingRestore',
} as const;

export type CommandKind = keyof typeof FUNCTIONS;

export interface CommandEnv {
  host: XlHost;
  analyze: Analyze;
  /** UI language when the workbook settings do not choose one. */
  lang: Lang;
  /** Tells the user the outcome (dialog where DialogApi exists; the status is also in the workbook settings). */
  notify(text: OutcomeText, outcome: RunOutcome | null): Promise<void>;
  /** Opens the task pane where the shared runtime allows it; false when it cannot. */
  showTaskpane?(): Promise<boolean>;
}

/** Runs one ribbon command; never throws. */
export async function runCommand(kind: CommandKind, env: CommandEnv): Promise<RunOutcome | null> {
  let lang = env.lang;
  try {
    const settings = await loadSettings(env.host);
    lang = settings.lang ?? env.lang;
    const outcome =
      kind === 'restore' ? await runRestore(env.host, { settings }) : await runAnalysis(env.host, kind, { analyze: env.analyze, settings, lang });
    let text = describeOutcome(outcome, lang);
    if (kind === 'restore') text = (await restoreSummary(env.host, text, outcome.status, lang)).text; // and the summary sheet
    // validate with errors: open the task pane where possible, else tell the user
    const opened = kind === 'validate' && outcome.counts.error > 0 && env.showTaskpane ? await env.showTaskpane() : false;
    if (!opened) await env.notify(text, outcome);
    return outcome;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const message = [err?.code, err?.message ?? String(e)].filter(Boolean).join(': ');
    const text: OutcomeText = {
      title: lang === 'zh' ? '操作未完成' : 'Not completed',
      message: (lang === 'zh' ? '操作失败：' : 'Failed: ') + message,
      intent: 'error',
      lang,
    };
    try {
      await env.notify(text, null);
    } catch {
      /* nothing left to tell the user with */
    }
    return null;
  }
}

export interface ActionEvent {
  completed(options?: unknown): void;
}

/** The ExecuteFunction handler: event.completed() on every path, errors included. */
export function makeHandler(kind: CommandKind, env: () => CommandEnv | Promise<CommandEnv>): (event: ActionEvent) => Promise<void> {
  return async (event: ActionEvent) => {
    try {
      await runCommand(kind, await env());
    } catch {
      /* runCommand never throws; env() might */
    } finally {
      event.completed();
    }
  };
}

export interface ActionsApi {
  associate(name: string, fn: (event: ActionEvent) => unknown): void;
}

/**
 * Registers the three ribbon functions with Office.actions.associate, and as globals for
 * clients that look ExecuteFunction names up on the window.
 */
export function registerCommands(actions: ActionsApi, env: () => CommandEnv | Promise<CommandEnv>, globals?: Record<string, unknown>): void {
  const handlers: [string, (event: ActionEvent) => Promise<void>][] = [
    [FUNCTIONS.recompute, makeHandler('recompute', env)],
    [FUNCTIONS.validate, makeHandler('validate', env)],
    [FUNCTIONS.restore, makeHandler('restore', env)],
  ];
  // globals first: if Office.actions is missing (older office.js), the buttons still find them
  if (globals) for (const [name, fn] of handlers) globals[name] = fn;
  for (const [name, fn] of handlers) {
    try {
      actions.associate(name, fn);
    } catch {
      /* no Office.actions: the globals above answer */
    }
  }
}

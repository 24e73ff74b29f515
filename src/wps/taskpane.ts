// The WPS task pane (taskpane.html): the three commands, the tables and findings of the last run
// (click to go to the cell), the scope, and the live check. Plain DOM and ES5 so it runs in whatever
// Chromium a WPS build embeds. (The Excel pane is React/Fluent; sharing it behind a host interface is
// a later step, see docs/wps.md.)
import { analyzeWorkbook } from '../core';
import type { Lang } from '../core/types';
import type { RunOutcome } from '../office/adapter';
import { describeOutcome, t } from '../ui-strings';
import { getApplication } from './commands';
import type { EtAddinRoot } from './et-api';
import { WpsLiveCheck } from './live';
import { runAnalysis, runRestore, selectCell } from './run';
import { loadLastRun, loadSettings, saveSettings } from './settings';

const LIVE_KEY = 'ziping.live';

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const k of Object.keys(attrs)) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}

export function mountPane(root: HTMLElement, app: EtAddinRoot | null): void {
  root.innerHTML = '';
  if (!app) {
    root.appendChild(h('p', { 'data-testid': 'not-in-wps' }, '请在 WPS 表格中打开“绩效自评助手”：此页面是 WPS 加载项的任务窗格。'));
    return;
  }
  let settings = loadSettings(app);
  const lang: Lang = settings.lang ?? 'zh';
  let result: RunOutcome | null = null;
  root.appendChild(h('h3', {}, t(lang, 'appName')));
  const actions = h('div');
  const status = h('div', { id: 'status', 'data-testid': 'status' });
  const scope = h('select', { 'data-testid': 'scope' });
  scope.appendChild(h('option', { value: 'sheet' }, t(lang, 'scopeSheet')));
  scope.appendChild(h('option', { value: 'workbook' }, t(lang, 'scopeWorkbook')));
  scope.value = settings.scope;
  const liveBox = h('input', { type: 'checkbox', 'data-testid': 'live' });
  const tables = h('div', { 'data-testid': 'tables' });
  const findings = h('ul', { 'data-testid': 'findings' });

  let live: WpsLiveCheck | null = null;
  const show = (out: RunOutcome | null) => {
    result = out;
    live?.setBase(out);
    tables.innerHTML = '';
    findings.innerHTML = '';
    if (!out) return;
    if (!out.tables.length) tables.appendChild(h('p', { class: 'muted' }, t(lang, 'noTables')));
    for (const tb of out.tables) {
      const line = `${tb.sheet}!${tb.range} ${tb.projectName ?? t(lang, 'unnamed')} · ${t(lang, 'total')} ${tb.total ?? '—'} · ${t(lang, 'grade')} ${tb.grade ?? '—'}`;
      tables.appendChild(h('div', {}, line));
    }
    for (const f of out.findings.filter((x) => x.severity !== 'info')) {
      const li = h('li', { class: `sev-${f.severity}`, title: t(lang, 'clickToSelect') }, `${f.sheet}!${f.cell} ${f.message}`);
      li.onclick = () => {
        try {
          selectCell(app, f.sheet, f.cell);
        } catch {
          /* sheet gone */
        }
      };
      findings.appendChild(li);
    }
  };
  const say = (title: string, message: string, error = false) => {
    status.textContent = `${title}\n${message}`;
    status.className = error ? 'error' : '';
  };
  const run = (mode: 'recompute' | 'validate' | 'restore') => {
    try {
      const writing = (on: boolean) => live?.setWriting(on);
      const out =
        mode === 'restore' ? runRestore(app, { settings, writing }) : runAnalysis(app, mode, { analyze: analyzeWorkbook, settings, lang, writing });
      const text = describeOutcome(out, lang);
      say(text.title, text.message, text.intent === 'error');
      show(mode === 'restore' ? runAnalysis(app, 'analyze', { analyze: analyzeWorkbook, settings, lang }) : out);
    } catch (e) {
      say(t(lang, 'titleFailed'), String((e as Error)?.message ?? e), true);
    }
  };
  for (const mode of ['recompute', 'validate', 'restore'] as const) {
    const b = h(
      'button',
      { type: 'button', 'data-testid': mode, class: mode === 'recompute' ? 'primary' : '', title: t(lang, `${mode}Tip`) },
      t(lang, mode),
    );
    b.onclick = () => run(mode);
    actions.appendChild(b);
  }
  scope.onchange = () => {
    settings = { ...settings, scope: scope.value === 'workbook' ? 'workbook' : 'sheet' };
    saveSettings(app, settings);
    show(runAnalysis(app, 'analyze', { analyze: analyzeWorkbook, settings, lang }));
  };
  const setLive = (on: boolean) => {
    live?.stop();
    live = null;
    if (on) {
      live = new WpsLiveCheck(app, {
        analyze: analyzeWorkbook,
        current: () => ({ settings, lang }),
        onUpdate: (out) => show(out),
        onError: (e) => {
          liveBox.checked = false;
          say(t(lang, 'titleFailed'), t(lang, 'liveStopped', { error: String((e as Error)?.message ?? e) }), true);
        },
      });
      live.setBase(result);
      live.start();
    }
    try {
      window.localStorage.setItem(LIVE_KEY, on ? 'on' : 'off');
    } catch {
      /* storage blocked */
    }
  };
  liveBox.onchange = () => setLive(liveBox.checked);

  root.appendChild(actions);
  const opts = h('div');
  const scopeLabel = h('label', {}, `${t(lang, 'scope')}：`);
  scopeLabel.appendChild(scope);
  opts.appendChild(scopeLabel);
  const liveLabel = h('label', { title: t(lang, 'liveTip') });
  liveLabel.appendChild(liveBox);
  liveLabel.appendChild(document.createTextNode(t(lang, 'live')));
  opts.appendChild(document.createTextNode(' '));
  opts.appendChild(liveLabel);
  root.appendChild(opts);
  root.appendChild(status);
  root.appendChild(h('h3', {}, t(lang, 'tables')));
  root.appendChild(tables);
  root.appendChild(h('h3', {}, t(lang, 'findings')));
  root.appendChild(findings);
  root.appendChild(h('p', { class: 'muted' }, '')).appendChild(h('a', { href: 'selftest.html' }, 'WPS 自检'));
  window.addEventListener('pagehide', () => live?.stop());

  const last = loadLastRun(app);
  if (last) {
    const d = describeOutcome(last, lang);
    say(`${t(lang, 'lastRun')} · ${d.title}`, d.message);
  }
  try {
    show(runAnalysis(app, 'analyze', { analyze: analyzeWorkbook, settings, lang }));
  } catch (e) {
    say(t(lang, 'titleFailed'), String((e as Error)?.message ?? e), true);
  }
  let liveStored = true;
  try {
    liveStored = window.localStorage.getItem(LIVE_KEY) !== 'off';
  } catch {
    /* default on */
  }
  liveBox.checked = liveStored;
  setLive(liveStored);
}

mountPane(document.getElementById('root') as HTMLElement, getApplication(window));

// src/wps on the fake ET host: call budget, protection, formulas, rollback, user edits, settings,
// the live check and the ribbon commands.
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../../src/core';
import type { AnalysisResult, SheetGrid } from '../../src/core/types';
import type { Analyze, RunOutcome } from '../../src/office/adapter';
import { DEFAULT_SETTINGS, LAST_RUN_KEY } from '../../src/office/settings';
import { STORE_SHEET } from '../../src/office/store';
import { CONTROLS, PANE_KEY, makeRibbon, runWpsCommand, type WpsCommandEnv } from '../../src/wps/commands';
import { WpsLiveCheck } from '../../src/wps/live';
import { runAnalysis, runRestore, selectCell } from '../../src/wps/run';
import { loadLastRun, loadSettings, readText, saveSettings } from '../../src/wps/settings';
import { parseProfile, PROFILES } from '../../src/core/profile';
import { cloneFixture, setCell } from '../fixtures/define';
import { educationWithFormulas, fengtai, yuxiOffice } from '../fixtures/tables';
import { toWorkbook, type SheetSpec } from '../fixtures/build';
import { FakeEtHost } from '../support/fake-et';
import { measureWpsRecompute } from '../support/measure-wps';
import { diffSnapshots, snapshot } from '../support/workbooks';

const analyze: Analyze = analyzeWorkbook;

async function etFor(specs: SheetSpec[]): Promise<FakeEtHost> {
  return FakeEtHost.fromBuffer((await toWorkbook(specs).xlsx.writeBuffer()) as ArrayBuffer);
}

function plainBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  for (let r = 1; r <= 6; r++) ws.getCell(r, 1).value = `行${r}`;
  ws.getCell('B2').value = 5;
  ws.getCell('B3').value = 6;
  ws.getCell('B4').value = '原值';
  return wb;
}

function mark(row: number, col: number) {
  const address = `${String.fromCharCode(65 + col)}${row + 1}`;
  return {
    sheet: '表',
    row,
    col,
    address,
    severity: 'error' as const,
    fill: 'FFFFC7CE',
    note: 'ziping:\n[错误] 测试',
    rules: ['score-mismatch' as const],
  };
}

function write(row: number, col: number, value: number | string) {
  return { sheet: '表', row, col, address: `${String.fromCharCode(65 + col)}${row + 1}`, kind: 'score' as const, value };
}

function planWith(marks: ReturnType<typeof mark>[], writes: ReturnType<typeof write>[]): AnalysisResult {
  const table = {
    sheet: '表',
    range: 'A1:C6',
    kind: 'project' as const,
    projectName: 't',
    funds: null,
    indicators: [],
    weightsTotal: null,
    total: null,
    grade: null,
    totalCell: null,
    gradeCell: null,
    findings: [],
  };
  return { tables: [table], findings: [], writes, marks } as unknown as AnalysisResult;
}

describe('call budget', () => {
  const sizes = [10, 100, 1000];
  const m = sizes.map((n) => measureWpsRecompute(n));

  it('reads the sheet with one Value2 and one Formula at every size; reads grow with runs, not rows', () => {
    for (const x of m) {
      expect(x.outcome.status).toBe('ok');
      expect(x.byMember['Range.Value2']).toBe(1);
      expect(x.byMember['Range.Formula']).toBe(1);
    }
    // bisection: formats and merges cost a few calls per run and per halving (log of the rows)
    expect(m[2].readCalls).toBeLessThan(2 * m[0].readCalls);
    expect(m[2].readCalls - m[1].readCalls).toBeLessThan(150);
  });

  it('writes values per vertical run: the same number of value writes at every size', () => {
    expect(new Set(m.map((x) => x.byMember['Range.Value2='])).size).toBe(1);
    expect(new Set(m.map((x) => x.byMember['Range.NumberFormat='])).size).toBe(1);
    expect(m[2].outcome.written.values).toBeGreaterThan(m[0].outcome.written.values * 50);
  });

  it('beyond the one call per note that WPS needs (AddComment), calls grow with runs, not rows', () => {
    const rest = m.map((x) => x.calls - 2 * x.outcome.written.notes);
    expect(rest[2]).toBeLessThan(2 * rest[0]);
    expect(m.map((x) => x.byMember['Range.AddComment'])).toEqual(m.map((x) => x.outcome.written.notes));
  });
});

describe('WPS host behaviour', () => {
  it('a sheet without a table: no write, no store, no undo step', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('空').getCell('A1').value = '会议纪要';
    const h = new FakeEtHost(wb);
    const out = runAnalysis(h.Application, 'recompute', { analyze });
    expect(out.status).toBe('no-table');
    expect(h.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
    expect(h.undo.done).toEqual([]);
  });

  it('a protected sheet is analysed, not written', async () => {
    const h = await etFor([{ name: '锁定', placed: [{ table: fengtai, at: 'A1' }], protect: true }]);
    const before = snapshot(h.workbook);
    const out = runAnalysis(h.Application, 'recompute', { analyze });
    expect(out.status).toBe('protected');
    expect(out.counts.error).toBeGreaterThan(0);
    expect(snapshot(h.workbook)).toEqual(before);
  });

  it('never overwrites a formula', async () => {
    const stale = cloneFixture(educationWithFormulas, 'staleFormulas');
    setCell(stale, 'H6', 0.5, '0.00%');
    setCell(stale, 'I6', 3, '0.00');
    const h = await etFor([{ name: '公式', placed: [{ table: stale, at: 'A1' }] }]);
    const out = runAnalysis(h.Application, 'recompute', { analyze });
    expect(out.status).toBe('ok');
    expect(out.findings.some((f) => f.rule === 'formula-kept')).toBe(true);
    expect(h.formulaOverwrites).toEqual([]);
  });

  it('a failing write is rolled back: cells and store as before, still one undo step', async () => {
    const h = await etFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]);
    const before = snapshot(h.workbook);
    let n = 0;
    h.fault = (member) => member === 'Range.AddComment' && ++n === 3;
    const out = runAnalysis(h.Application, 'recompute', { analyze });
    h.fault = null;
    expect(out.status).toBe('error');
    expect(out.error).toMatch(/injected failure/);
    expect(out.rolledBack).toBe(true);
    expect(diffSnapshots(before, snapshot(h.workbook))).toEqual([]);
    expect(h.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
    expect(h.undo.done.length).toBe(1);
    expect(h.displayAlerts).toBe(true);
    expect(h.activeSheetName).toBe('丰台');
  });

  it('undoes marks no longer wanted, keeps what the user edited, restores the rest', () => {
    const h = new FakeEtHost(plainBook());
    const before = snapshot(h.workbook);
    let plan = planWith([mark(1, 1), mark(2, 1)], [write(3, 1, 42)]);
    const fake: Analyze = () => plan;
    runAnalysis(h.Application, 'recompute', { analyze: fake });
    const ws = h.workbook.getWorksheet('表')!;
    expect(ws.getCell('B2').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getCell('B4').value).toBe(42);
    h.userEdit('表', 'B4', 7);
    plan = planWith([mark(1, 1)], []);
    const out = runAnalysis(h.Application, 'recompute', { analyze: fake });
    expect(ws.getCell('B3').fill).toBeUndefined();
    expect(out.written.kept).toBe(1);
    const r = runRestore(h.Application);
    expect(r.status).toBe('ok');
    expect(diffSnapshots(before, snapshot(h.workbook))).toEqual(['表!B4']);
    expect(runRestore(h.Application).status).toBe('nothing-to-restore');
  });

  it('restores text that would otherwise be parsed, and a fill the user had', () => {
    const wb = plainBook();
    const ws = wb.getWorksheet('表')!;
    ws.getCell('C2').value = '0012';
    ws.getCell('C3').value = 'TRUE';
    ws.getCell('B2').fill = { type: 'pattern', pattern: 'lightGrid', fgColor: { argb: 'FF00B050' }, bgColor: { argb: 'FFFFFF00' } };
    ws.getCell('B2').note = '用户批注';
    const h = new FakeEtHost(wb);
    const before = snapshot(h.workbook);
    runAnalysis(h.Application, 'recompute', { analyze: () => planWith([mark(1, 1)], [write(1, 2, 1), write(2, 2, 2)]) });
    expect(ws.getCell('C2').value).toBe(1);
    expect(snapshot(h.workbook)['表!B2'].note).toMatch(/^用户批注\n\nziping/);
    runRestore(h.Application);
    expect(diffSnapshots(before, snapshot(h.workbook))).toEqual([]);
  });

  it('structure protected and no store yet: nothing is written', async () => {
    const h = await etFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]);
    h.workbookProtected = true;
    const before = snapshot(h.workbook);
    const out = runAnalysis(h.Application, 'recompute', { analyze });
    expect(out.status).toBe('workbook-protected');
    expect(snapshot(h.workbook)).toEqual(before);
  });

  it('reads text starting with "=" as text and errors as errors', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.getCell('A1').value = '=';
    ws.getCell('B1').value = '=100%';
    ws.getCell('C1').value = { formula: 'SUM(D1:D2)', result: 3 } as ExcelJS.CellFormulaValue;
    ws.getCell('D1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    for (const errorValues of ['code', 'text'] as const) {
      let seen: SheetGrid[] = [];
      runAnalysis(new FakeEtHost(wb, { errorValues }).Application, 'analyze', { analyze: (g) => ((seen = g), planWith([], [])) });
      expect(seen[0].values[0].slice(0, 4)).toEqual(['=', '=100%', 3, errorValues === 'code' ? { error: '#N/A' } : '#N/A']);
      expect(seen[0].formulas![0].slice(0, 3)).toEqual([null, null, '=SUM(D1:D2)']);
    }
  });

  it('selectCell activates the sheet and selects the cell', async () => {
    const h = await etFor([
      { name: '甲', placed: [{ table: yuxiOffice, at: 'A1' }] },
      { name: '乙', placed: [{ table: fengtai, at: 'A1' }] },
    ]);
    selectCell(h.Application, '乙', 'C5');
    expect(h.activeSheetName).toBe('乙');
    expect(h.selection).toEqual({ sheet: '乙', address: 'C5' });
  });
});

describe('settings in the workbook', () => {
  it('round-trips settings longer than one property (255 characters) and the last run', async () => {
    const h = await etFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]);
    const app = h.Application;
    expect(loadSettings(app)).toEqual(DEFAULT_SETTINGS);
    const custom = parseProfile({ ...PROFILES[DEFAULT_SETTINGS.profile], name: '本单位口径' });
    const s = { ...DEFAULT_SETTINGS, profile: '本单位口径', customProfiles: [custom], scope: 'workbook' as const };
    saveSettings(app, s);
    expect(JSON.stringify(s).length).toBeGreaterThan(255);
    expect(loadSettings(app)).toEqual(s);
    saveSettings(app, { ...s, checkOnly: true });
    expect(loadSettings(app).checkOnly).toBe(true);
    const out = runAnalysis(app, 'recompute', { analyze });
    const last = loadLastRun(app)!;
    expect(last.at).toBe(out.at);
    expect(last.tables[0].total).toBe(out.tables[0].total);
    expect(readText(app.ActiveWorkbook!, LAST_RUN_KEY)).toContain('"mode":"recompute"');
  });
});

describe('live check', () => {
  function manualTimers() {
    const queue: (() => void)[] = [];
    return { timers: { set: (fn: () => void) => queue.push(fn), clear: () => queue.splice(0) }, run: () => queue.splice(0).forEach((f) => f()) };
  }

  it('a user edit re-analyses the touched sheet; the add-in’s own writes are ignored', async () => {
    const h = await etFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]);
    h.eventsOnAddinWrites = true;
    const app = h.Application;
    const t = manualTimers();
    const updates: RunOutcome[] = [];
    const live = new WpsLiveCheck(app, {
      analyze,
      current: () => ({ settings: DEFAULT_SETTINGS, lang: 'zh' }),
      onUpdate: (o) => updates.push(o),
      onError: (e) => {
        throw e;
      },
      timers: t.timers,
    });
    live.start();
    expect(h.listenerCount).toBe(1);
    const base = runAnalysis(app, 'recompute', { analyze, writing: (on) => live.setWriting(on) });
    live.setBase(base);
    t.run();
    expect(updates).toEqual([]);
    // the user types over a score the add-in wrote
    const cell = base.tables[0].indicators.find((i) => i.scoreCell)!.scoreCell!;
    h.userEdit('丰台', cell, 999);
    t.run();
    expect(updates.length).toBe(1);
    expect(updates[0].findings.some((f) => f.cell === cell)).toBe(true);
    live.stop();
    expect(h.listenerCount).toBe(0);
  });
});

describe('ribbon commands', () => {
  function env(h: FakeEtHost, said: string[]): WpsCommandEnv {
    return { app: h.Application, analyze, lang: 'zh', notify: (t) => said.push(`${t.title}|${t.message}`), paneUrl: 'https://x/taskpane.html' };
  }

  it('OnAction runs the command and tells the outcome; 打开助手 creates the pane once', async () => {
    const h = await etFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]);
    const said: string[] = [];
    const ribbon = makeRibbon(() => env(h, said));
    expect(ribbon.OnAddinLoad()).toBe(true);
    ribbon.OnAction({ Id: CONTROLS.recompute });
    expect(said.length).toBe(1);
    expect(h.workbook.getWorksheet(STORE_SHEET)).toBeDefined();
    ribbon.OnAction({ Id: CONTROLS.pane });
    ribbon.OnAction({ Id: CONTROLS.pane });
    expect(h.panes.length).toBe(1);
    expect(h.panes[0]).toMatchObject({ Visible: true, url: 'https://x/taskpane.html' });
    expect(h.storage.get(PANE_KEY)).toBe('1');
    ribbon.OnAction({ Id: CONTROLS.restore });
    expect(said.length).toBe(2);
    expect(h.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
    expect(ribbon.GetImage({ Id: CONTROLS.validate })).toBe('assets/validate-32.png');
  });

  it('提交前校验 with errors opens the pane; an exception becomes a message', async () => {
    const h = await etFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]);
    const said: string[] = [];
    const out = runWpsCommand('validate', env(h, said));
    expect(out!.counts.error).toBeGreaterThan(0);
    expect(h.panes.length).toBe(1);
    const broken = runWpsCommand('recompute', {
      ...env(h, said),
      analyze: () => {
        throw new Error('engine bug');
      },
    });
    expect(broken).toBeNull();
    expect(said[said.length - 1]).toMatch(/操作失败：engine bug/);
  });
});

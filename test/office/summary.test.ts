// The summary sheet 绩效自评汇总 through the fake host, on ExcelApi 1.7 and 1.18.
import { analyzeWorkbook } from '../../src/core';
import type { TableResult } from '../../src/core/types';
import { runAnalysis } from '../../src/office/adapter';
import { runCommand } from '../../src/commands/commands';
import { toWan } from '../../src/core/units';
import { buildSummary, removeSummary, summaryRows, SUMMARY_KEY, SUMMARY_SHEET } from '../../src/office/summary';
import { STORE_SHEET } from '../../src/office/store';
import { SUMMARY_SPECS } from '../fixtures/layouts';
import { hostFor, snapshot } from '../support/workbooks';
import { readCell } from '../support/fake-excel/cells';
import type { FakeExcelHost } from '../support/fake-excel';

const SPECS = SUMMARY_SPECS;
const analyze = analyzeWorkbook;

function summaryGrid(host: FakeExcelHost): (string | number | boolean)[][] {
  const ws = host.sheet(SUMMARY_SHEET);
  const used = host.usedRect(SUMMARY_SHEET, true)!;
  const out: (string | number | boolean)[][] = [];
  for (let r = 0; r <= used.bottom; r++) {
    const row: (string | number | boolean)[] = [];
    for (let c = 0; c <= used.right; c++) row.push(readCell(ws.getCell(r + 1, c + 1)).value);
    out.push(row);
  }
  return out;
}

const others = (host: FakeExcelHost) =>
  snapshot(
    host.workbook,
    host.workbook.worksheets.map((w) => w.name).filter((n) => n !== SUMMARY_SHEET),
  );

describe.each(['1.7', '1.18'])('summary sheet on ExcelApi %s', (api) => {
  it('summary: lists every recognised table with its figures and a link, and touches no other sheet', async () => {
    const host = await hostFor(SPECS, { excelApi: api });
    const before = others(host);
    const sheetsBefore = host.workbook.worksheets.map((w) => w.name);
    host.resetStats();
    const out = await buildSummary(host, { analyze, lang: 'zh' });
    expect(out).toMatchObject({ status: 'ok', tables: 5, sheet: SUMMARY_SHEET });
    expect(host.violations).toEqual([]);
    expect(host.stats.syncs).toBe(5);
    expect(others(host)).toEqual(before);
    expect(host.workbook.worksheets.map((w) => w.name)).toEqual([...sheetsBefore, SUMMARY_SHEET]);

    const g = summaryGrid(host);
    expect(g[0][0]).toBe('项目支出绩效自评汇总表');
    expect(g[2]).toEqual([
      '序号',
      '工作表',
      '项目名称',
      '表格类型',
      '预算数（万元）',
      '执行数（万元）',
      '执行率',
      '总分',
      '等级',
      '错误',
      '警告',
      '位置',
    ]);
    expect(g.length).toBe(3 + 5 + 1);
    const full = await runAnalysis(host, 'analyze', { analyze, settings: { scope: 'workbook' } });
    expect(full.tables.filter((t) => t.sheet === SUMMARY_SHEET)).toEqual([]); // the summary is not a table itself
    const listed = full.tables;
    expect(listed).toHaveLength(5);
    // one of them (Fengtai) has weights of 120: its row shows — for total and grade
    expect(listed.filter((tb) => tb.withheldTotal === 120).map((tb) => [g[3 + listed.indexOf(tb)][7], g[3 + listed.indexOf(tb)][8]])).toEqual([
      ['—', '—'],
    ]);
    listed.forEach((tb, i) => {
      const row = g[3 + i];
      expect(row[0]).toBe(i + 1);
      expect(row[1]).toBe(tb.sheet);
      expect(row[2]).toBe(tb.projectName ?? '（未命名）');
      // amounts in 万元 (a 元 table divided by 10 000)
      expect(row[4]).toBe(toWan(tb.funds?.budget, tb.amountUnit) ?? '');
      expect(row[5]).toBe(toWan(tb.funds?.spent, tb.amountUnit) ?? '');
      expect(row[6]).toBe(tb.funds?.executionRate ?? '');
      // weights that do not add up (§4.5): "—", not the sum and not a blank
      expect(row[7]).toBe(tb.total ?? (tb.withheldTotal !== undefined ? '—' : ''));
      expect(row[8]).toBe(tb.grade ?? (tb.withheldTotal !== undefined ? '—' : ''));
      expect(row[9]).toBe(tb.findings.filter((f) => f.severity === 'error').length);
      expect(row[10]).toBe(tb.findings.filter((f) => f.severity === 'warning').length);
      const linkCell = host.cell(SUMMARY_SHEET, 3 + i, 11);
      const first = tb.range.split(':')[0];
      expect(linkCell.value).toMatchObject({ text: `${tb.sheet}!${first}`, hyperlink: `#'${tb.sheet}'!${first}` });
    });
    expect(g[1][0]).toMatch(/共 5 张表/);
    expect(g[8][0]).toBe('合计');
    const withFunds = listed.filter((t) => t.funds?.budget != null && t.funds?.spent != null);
    expect(g[8][4]).toBeCloseTo(
      withFunds.reduce((a, t) => a + (toWan(t.funds!.budget, t.amountUnit) as number), 0),
      6,
    );
    expect(host.cell(SUMMARY_SHEET, 3, 6).numFmt).toBe('0.00%');
    expect(host.settings.get(SUMMARY_KEY)).toContain(host.idOfSheet(SUMMARY_SHEET));
  });

  it('summary: a second click rebuilds the same sheet, with syncs constant in the number of tables', async () => {
    const small = await hostFor(SPECS.slice(1, 2), { excelApi: api });
    small.resetStats();
    await buildSummary(small, { analyze });
    const host = await hostFor(SPECS, { excelApi: api });
    await buildSummary(host, { analyze });
    host.userEdit('丰台', 'A1', '外事工作经费');
    host.resetStats();
    const again = await buildSummary(host, { analyze, lang: 'en' });
    expect(again.status).toBe('ok');
    expect(host.stats.syncs).toBe(small.stats.syncs);
    expect(host.workbook.worksheets.filter((w) => w.name === SUMMARY_SHEET)).toHaveLength(1);
    expect(summaryGrid(host)[2][0]).toBe('No.');
    expect(host.violations).toEqual([]);
  });

  it('summary: restore removes it; a user’s own sheet of that name is never replaced nor removed', async () => {
    const host = await hostFor(SPECS, { excelApi: api });
    await buildSummary(host, { analyze });
    expect(await removeSummary(host)).toMatchObject({ status: 'removed' });
    expect(host.hasSheet(SUMMARY_SHEET)).toBe(false);
    expect(host.settings.has(SUMMARY_KEY)).toBe(false);
    expect(await removeSummary(host)).toMatchObject({ status: 'nothing-to-remove' });

    host.workbook.addWorksheet(SUMMARY_SHEET).getCell('A1').value = '我自己的汇总';
    const before = snapshot(host.workbook);
    expect(await buildSummary(host, { analyze })).toMatchObject({ status: 'name-taken' });
    expect(await removeSummary(host)).toMatchObject({ status: 'nothing-to-remove' });
    expect(snapshot(host.workbook)).toEqual(before);
    expect(host.hasSheet(STORE_SHEET)).toBe(false);
  });

  it('summary: the ribbon’s 清除标记 removes it too and says so', async () => {
    const host = await hostFor(SPECS, { excelApi: api });
    await runCommand('recompute', { host, analyze, lang: 'zh', notify: async () => undefined });
    await buildSummary(host, { analyze });
    const notes: string[] = [];
    await runCommand('restore', { host, analyze, lang: 'zh', notify: async (text) => void notes.push(text.message) });
    expect(host.hasSheet(SUMMARY_SHEET)).toBe(false);
    expect(notes[0]).toMatch(/^已恢复 \d+ 个单元格。.*已删除汇总表“绩效自评汇总”。$/);
    await buildSummary(host, { analyze });
    await runCommand('restore', { host, analyze, lang: 'zh', notify: async (text) => void notes.push(text.message) });
    expect(notes[1]).toBe('已删除汇总表“绩效自评汇总”。'); // nothing else to restore
    await runCommand('restore', { host, analyze, lang: 'zh', notify: async (text) => void notes.push(text.message) });
    expect(notes[2]).toBe('没有需要恢复的改动。');
  });

  it('summary: a protected workbook or a workbook without tables gets a message and no change', async () => {
    const host = await hostFor(SPECS, { excelApi: api });
    host.workbookProtected = true;
    host.resetStats();
    expect(await buildSummary(host, { analyze })).toMatchObject({ status: 'workbook-protected' });
    expect(host.stats.writes).toBe(0);
    const empty = await hostFor(SPECS.slice(4), { excelApi: api });
    empty.resetStats();
    expect(await buildSummary(empty, { analyze })).toMatchObject({ status: 'no-table', tables: 0 });
    expect(empty.stats.writes).toBe(0);
    expect(empty.hasSheet(SUMMARY_SHEET)).toBe(false);
  });
});

it('summary rows: text that looks like a formula stays text, amounts sum only where both are known', () => {
  const tb = (name: string, budget: number | null, spent: number | null) =>
    ({
      sheet: 'S',
      range: 'A1:B2',
      kind: 'project',
      projectName: name,
      funds: budget === null ? null : { budget, spent, executionRate: spent === null ? null : spent / budget },
      indicators: [],
      weightsTotal: 100,
      total: 90,
      grade: '优',
      totalCell: null,
      gradeCell: null,
      findings: [],
    }) as unknown as TableResult;
  const rows = summaryRows([tb('=1+1', 10, 5), tb('b', 10, null)], 'zh', '全国', new Date(2026, 0, 2, 3, 4));
  expect(rows[3][2]).toBe('=1+1');
  expect(rows[1][0]).toContain('2026-01-02 03:04');
  expect(rows.at(-1)!.slice(4, 7)).toEqual([10, 5, 0.5]);
});

it('summary rows: 元 and 万元 tables are converted to 万元 before the 合计 adds them (RULES §3)', () => {
  const tb = (name: string, budget: number, spent: number, amountUnit: '元' | '万元' | null) =>
    ({
      sheet: 'S',
      range: 'A1:B2',
      kind: 'project',
      projectName: name,
      amountUnit,
      funds: { budget, spent, executionRate: spent / budget },
      indicators: [],
      weightsTotal: 100,
      total: 90,
      grade: '优',
      totalCell: null,
      gradeCell: null,
      findings: [],
    }) as unknown as TableResult;
  // Yongde 387,664.62 元 (= 38.766462 万元) beside a 34.64 万元 table, and one that states no unit (万元)
  const rows = summaryRows(
    [tb('元', 387664.62, 387664.62, '元'), tb('万元', 34.64, 30, '万元'), tb('无', 1, 1, null)],
    'zh',
    '全国',
    new Date(2026, 0, 2),
  );
  expect(rows[3][4]).toBeCloseTo(38.766462, 6);
  expect(rows[4][4]).toBe(34.64);
  const sum = rows.at(-1)!;
  expect(sum[4]).toBeCloseTo(38.766462 + 34.64 + 1, 6);
  expect(sum[5]).toBeCloseTo(38.766462 + 30 + 1, 6);
});

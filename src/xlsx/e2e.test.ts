// End to end: fixture tables → .xlsx bytes → src/xlsx/read → engine. Expectations come from
// RULES.md and CLI.md, not from the engine's current output.
import { analyzeWorkbook } from '../core';
import type { AnalysisResult, AnalyzeOptions, TableResult } from '../core';
import { stack, workbookBuffer, type SheetSpec } from '../../test/fixtures/build';
import { cloneFixture, setCell } from '../../test/fixtures/define';
import {
  DECOYS,
  EXPECTED_KIND,
  REAL_TABLES,
  VARIANTS,
  beijingExecution,
  educationFirstRowLabels,
  educationPercentCells,
  educationRepeatedLabels,
  educationSichuanHeaders,
  educationWithFormulas,
  fengtai,
  inlineOperators,
  jiangxiRubric,
  receptionHubeiHeaders,
  receptionMessyHeaders,
  yuxiDepartment,
  yuxiEducation,
  yuxiFestival,
  yuxiOffice,
  yuxiReception,
  type TableFixture,
  INLINE_OPERATORS_READ,
} from '../../test/fixtures/tables';
import { readWorkbookBuffer } from './read';

async function analyze(specs: SheetSpec[], opts: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const { sheets } = await readWorkbookBuffer(await workbookBuffer(specs), 'e2e.xlsx');
  return analyzeWorkbook(sheets, opts);
}

const one = (t: TableFixture, opts: AnalyzeOptions = {}, at = 'A1') => analyze([{ name: 'S', placed: [{ table: t, at }] }], opts);
const rules = (t: TableResult, severity?: string) =>
  t.findings
    .filter((f) => !severity || f.severity === severity)
    .map((f) => `${f.rule}@${f.cell}`)
    .sort();
const write = (r: AnalysisResult, address: string) => r.writes.find((w) => w.address === address);
const ind = (t: TableResult, name: string) => {
  const i = t.indicators.find((x) => x.name === name);
  if (!i) throw new Error(`no indicator ${name} in ${t.indicators.map((x) => x.name).join(', ')}`);
  return i;
};

describe('recognition', () => {
  it.each(Object.keys({ ...REAL_TABLES, ...VARIANTS }))('%s is one table of the expected kind', async (id) => {
    const r = await one({ ...REAL_TABLES, ...VARIANTS }[id]);
    expect(r.tables.map((t) => t.kind)).toEqual([EXPECTED_KIND[id]]);
  });

  it.each(Object.keys(DECOYS))('decoy %s is not a table and gets no writes or marks', async (id) => {
    const r = await one(DECOYS[id]);
    expect(r).toEqual({ tables: [], findings: [], writes: [], marks: [] });
  });

  it('finds stacked tables anywhere on a sheet, with sheet addresses', async () => {
    const r = await analyze([
      { name: '项目', placed: stack([yuxiOffice, yuxiFestival, yuxiReception], 'C5', 3) },
      { name: '说明', placed: [{ table: DECOYS.fengtaiNotes, at: 'A1' }] },
    ]);
    expect(r.tables.map((t) => t.projectName)).toEqual(['办公场地修葺及搬迁专项经费', '中老边民大联欢活动专项资金', '外事接待专项经费']);
    // yuxiOffice at C5: its fund 得分 H6 is J10.
    expect(r.tables[0].funds?.scoreCell).toBe('J10');
    expect(rules(r.tables[0], 'error')).toEqual(['score-mismatch@J10']);
  });
});

describe('seed tables (national profile)', () => {
  it('yuxiOffice: 全年执行数 0 makes the fund score 0, not the entered 10', async () => {
    const r = await one(yuxiOffice);
    const t = r.tables[0];
    expect(t.projectName).toBe('办公场地修葺及搬迁专项经费');
    expect(t.funds).toMatchObject({ budget: 5, spent: 0, executionRate: 0, weight: 10, score: 0, rateCell: 'G6', scoreCell: 'H6' });
    expect(rules(t, 'error')).toEqual(['score-mismatch@H6']);
    expect(write(r, 'G6')).toMatchObject({ kind: 'fundRate', value: 0, numFmt: '0.00%' });
    expect(write(r, 'H6')).toMatchObject({ kind: 'fundScore', value: 0 });
    expect(t).toMatchObject({ weightsTotal: 100, total: 90, grade: '优', totalCell: 'I22', gradeCell: 'J22' });
    expect(t.indicators.map((i) => i.name)).toEqual(['工程数量', '竣工验收合格率', '项目实施时间', '整合优化办公场所', '办事人员对项目满意度']);
    expect(ind(t, '项目实施时间')).toMatchObject({ operator: '<=', target: 3, actual: 2, unit: '月', weight: 20, score: 20 });
    expect(r.marks.find((m) => m.address === 'H6')).toMatchObject({ severity: 'error', fill: 'FFFFC7CE' });
  });

  it('yuxiEducation: everything met, nothing flagged, nothing to change', async () => {
    const r = await one(yuxiEducation);
    const t = r.tables[0];
    expect(t.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(t).toMatchObject({ weightsTotal: 100, total: 100, grade: '优' });
    expect(t.funds).toMatchObject({ budget: 10, spent: 10, executionRate: 1, score: 10 });
    expect(r.marks).toEqual([]);
    for (const w of r.writes) expect(w.value).toBe(w.kind === 'fundRate' ? 1 : w.kind === 'grade' ? '优' : expect.any(Number));
  });

  it('yuxiFestival: 受益对象人数 ≥200, actual 1000 → 20.00 with a warning and a required reason', async () => {
    const r = await one(yuxiFestival);
    const t = r.tables[0];
    expect(ind(t, '受益对象人数（人次）')).toMatchObject({ operator: '>=', target: 200, actual: 1000, weight: 20, score: 20 });
    expect(rules(t)).toEqual(expect.arrayContaining(['target-too-low@G14', 'missing-deviation-reason@J14']));
    expect(t.findings.find((f) => f.rule === 'target-too-low')?.severity).toBe('warning');
    expect(t.total).toBe(100);
  });

  it('yuxiFestival, beijing profile: 10/20/30 % deduction → 16.00, total 96', async () => {
    const r = await one(yuxiFestival, { profile: 'beijing' });
    const t = r.tables[0];
    expect(ind(t, '受益对象人数（人次）').score).toBe(16);
    expect(t.total).toBe(96);
    expect(t.grade).toBe('优');
    expect(rules(t, 'error')).toEqual(expect.arrayContaining(['score-mismatch@I14', 'total-mismatch@I21']));
    expect(write(r, 'I14')?.value).toBe(16);
    expect(write(r, 'I21')?.value).toBe(96);
  });

  it('yuxiReception: 全年执行数 above 财政下达数, qualitative 是/否 achieved', async () => {
    const r = await one(yuxiReception);
    const t = r.tables[0];
    expect(rules(t, 'warning')).toContain('execution-over-budget@F6');
    expect(rules(t, 'error')).toEqual([]);
    expect(ind(t, '是否纳入年度计划')).toMatchObject({ operator: 'qualitative', target: '是', actual: '是', weight: 10, score: 10 });
    expect(ind(t, '会议费用')).toMatchObject({ operator: '<=', target: 10, actual: 1.78, unit: '万元', score: 10 });
    expect(t.total).toBe(100);
  });

  it('fengtai: placeholders are not indicators; empty 二级 groups; weights 120 ≠ 100', async () => {
    const r = await one(fengtai);
    const t = r.tables[0];
    expect(t.indicators).toHaveLength(11);
    expect(t.indicators.some((i) => /指标\s*\d|……/.test(i.name))).toBe(false);
    expect(rules(t, 'warning').filter((x) => x.startsWith('missing-level3'))).toEqual([
      'missing-level3@C20',
      'missing-level3@C23',
      'missing-level3@C26',
      'missing-level3@C32',
    ]);
    expect(rules(t)).toContain('weights-total@G41');
    expect(t.findings.find((f) => f.rule === 'weights-total')?.severity).toBe('error');
    expect(t.funds).toMatchObject({ budget: 4.3, spent: 4.3, executionRate: 1, weight: 10, score: 10 });
    expect(t).toMatchObject({ weightsTotal: 120, total: null, grade: null, withheldTotal: 120, totalCell: 'H41', gradeCell: null });
    // §4.5 (issue 18): 120 is not a score out of 100: reported, never written
    expect(write(r, 'H41')).toBeUndefined();
    expect(t.findings.filter((f) => f.rule === 'operator-assumed').every((f) => f.severity === 'info')).toBe(true);
  });

  it('fengtai, beijing profile: missing-level3 is an error', async () => {
    const t = (await one(fengtai, { profile: 'beijing' })).tables[0];
    expect(rules(t, 'error').filter((x) => x.startsWith('missing-level3'))).toHaveLength(4);
  });

  it('yuxiDepartment: task rates, 总额 rate written, indicators without weights', async () => {
    const r = await one(yuxiDepartment);
    const t = r.tables[0];
    expect(t.kind).toBe('department');
    expect(t.funds).toMatchObject({ budget: 4437844.91, spent: 4437844.91, executionRate: 1, rateCell: 'H14' });
    expect(write(r, 'H14')).toMatchObject({ value: 1, numFmt: '0.00%' });
    const named = (t.tasks ?? []).filter((x) => x.name);
    expect(named.map((x) => [x.name, x.executionRate, x.rateCell])).toEqual([
      ['外事工作业务经费', 1, 'H15'],
      ['国际交流活动专项经费', 1, 'H16'],
    ]);
    expect(t.indicators).toHaveLength(7);
    expect(ind(t, '翻译劳务费')).toMatchObject({ operator: '<=', target: 15000, actual: 2475, unit: '元', weight: null });
    expect(t.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('yuxiDepartment: the 总额 row is described by funds, tasks are the 重点工作任务 rows (CLI.md)', async () => {
    const t = (await one(yuxiDepartment)).tables[0];
    expect((t.tasks ?? []).map((x) => x.row)).toEqual([15, 16]);
  });

  it('yuxiDepartment: a task below 100 % needs a reason', async () => {
    const d = cloneFixture(yuxiDepartment, 'deptLow');
    setCell(d, 'G16', 900000, '#,##0.00');
    setCell(d, 'H16', null);
    const r = await one(d);
    const t = r.tables[0];
    // 900,000 / 1,012,137.62 = 88.92 % (rates are rounded to 2 decimals as percentages).
    expect(t.tasks?.find((x) => x.row === 16)?.executionRate).toBe(0.8892);
    expect(rules(t, 'error')).toContain('missing-deviation-reason@I16');
    expect(write(r, 'H16')).toMatchObject({ kind: 'taskRate', numFmt: '0.00%' });
  });

  it('jiangxiRubric: totals and the published weight inconsistencies', async () => {
    const r = await one(jiangxiRubric);
    const t = r.tables[0];
    expect(t.kind).toBe('rubric');
    expect(t.funds?.executionRate).toBeCloseTo(0.7947, 4);
    expect(t).toMatchObject({ weightsTotal: 100, total: 93, grade: '优', totalCell: 'G32' });
    expect(rules(t, 'error')).toEqual(['weights-total@B13', 'weights-total@B24']);
    // The ticked-box cell "优 ☑ 良 □ …" must never be overwritten.
    expect(r.writes.find((w) => w.address === 'B33')).toBeUndefined();
  });

  it('beijingExecution: 资金总体 18,214.74 / 19,347.12 = 94.15 % × 20 = 18.83', async () => {
    const r = await one(beijingExecution);
    const t = r.tables[0];
    expect(t.funds).toMatchObject({ budget: 19347.12, spent: 18214.74, executionRate: 0.9415, weight: 20, score: 18.83 });
    expect(t.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(t.indicators.filter((i) => i.operator === 'qualitative').length).toBeGreaterThanOrEqual(12);
  });

  it('beijingExecution: the 合计 row (100.00 / 94.83) closes the table', async () => {
    const t = (await one(beijingExecution)).tables[0];
    expect(t.total).toBe(94.83);
    expect(t.totalCell).toBe('G27');
  });
});

describe('variants read like the table they derive from', () => {
  const essence = (t: TableResult) => ({
    kind: t.kind,
    projectName: t.projectName,
    funds: t.funds,
    indicators: t.indicators,
    weightsTotal: t.weightsTotal,
    total: t.total,
    grade: t.grade,
    totalCell: t.totalCell,
    gradeCell: t.gradeCell,
    findings: rules(t),
  });

  it.each([
    ['labels repeated on every row', educationRepeatedLabels, yuxiEducation],
    ['labels on the first row only', educationFirstRowLabels, yuxiEducation],
    ['Sichuan header words', educationSichuanHeaders, yuxiEducation],
    ['Hubei header words', receptionHubeiHeaders, yuxiReception],
    ['messy header text', receptionMessyHeaders, yuxiReception],
    ['percentages stored as fractions', educationPercentCells, yuxiEducation],
    ['formulas with correct cached values', educationWithFormulas, yuxiEducation],
  ])('%s', async (_label, variant, base) => {
    const [a, b] = await Promise.all([one(variant), one(base)]);
    expect(essence(a.tables[0])).toEqual(essence(b.tables[0]));
  });

  it('inline operators and units in the target cells', async () => {
    const t = (await one(inlineOperators)).tables[0];
    expect(t.indicators.map((i) => [i.operator, i.target, i.actual, i.unit])).toEqual(INLINE_OPERATORS_READ);
    expect(t.findings.filter((f) => f.rule === 'operator-assumed')).toEqual([]);
    expect(t).toMatchObject({ total: 99.6, grade: '优', weightsTotal: 100 });
    expect(t.funds).toMatchObject({ executionRate: 0.96, score: 9.6 });
  });

  it('a formula in a cell the engine would change is kept and reported', async () => {
    const f = cloneFixture(yuxiOffice, 'officeFormula');
    f.formulas = { H6: 'F6*1' };
    const r = await one(f);
    expect(write(r, 'H6')).toBeUndefined();
    expect(r.tables[0].findings.find((x) => x.rule === 'formula-kept')).toMatchObject({ cell: 'H6', severity: 'info' });
  });
});

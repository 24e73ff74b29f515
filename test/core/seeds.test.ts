// The worked numbers of RULES.md and the real mistakes of the seed tables.
import { run, cells, findings, writeAt } from './helpers';
import { analyzeWorkbook } from '../../src/core';
import { placeTables } from '../fixtures/build';
import {
  yuxiOffice,
  yuxiEducation,
  yuxiFestival,
  yuxiReception,
  fengtai,
  yuxiDepartment,
  jiangxiRubric,
  beijingExecution,
  fengtaiNotes,
  budgetList,
  meetingMinutes,
  REAL_TABLES,
  EXPECTED_KIND,
} from '../fixtures/tables';

describe('seed tables', () => {
  it('Beijing: 18214.74 / 19347.12 = 94.15 %, × 20 = 18.83', () => {
    const t = run(beijingExecution).tables[0];
    expect(t.kind).toBe('rubric');
    expect(t.funds!.executionRate).toBe(0.9415);
    expect(t.funds!.score).toBe(18.83);
    expect(t.funds!.rateCell).toBe('E4');
  });
  it('Yuxi festival: 受益对象人数 200 → 1000 is 16.00 in beijing, 20.00 with a warning in national', () => {
    const nat = run(yuxiFestival);
    const bj = run(yuxiFestival, { profile: 'beijing' });
    const ind = (r: typeof nat) => r.tables[0].indicators.find((i) => i.name.startsWith('受益对象人数'))!;
    expect(ind(nat).score).toBe(20);
    expect(ind(bj).score).toBe(16);
    expect(cells(nat, 'target-too-low')).toEqual(['G14']);
    expect(bj.tables[0].total).toBe(96);
    expect(cells(bj, 'total-mismatch')).toEqual(['I21']);
  });
  it('Yuxi office: 0 % execution cannot score 10', () => {
    const r = run(yuxiOffice);
    const t = r.tables[0];
    expect(t.projectName).toBe('办公场地修葺及搬迁专项经费');
    expect(t.funds).toMatchObject({ budget: 5, spent: 0, executionRate: 0, weight: 10, score: 0, rateCell: 'G6', scoreCell: 'H6' });
    expect(t.total).toBe(90);
    expect(t.grade).toBe('优');
    expect(cells(r, 'score-mismatch')).toEqual(['H6']);
    expect(r.writes.map((w) => [w.address, w.value, w.numFmt])).toEqual([
      ['G6', 0, '0.00%'],
      ['H6', 0, undefined],
    ]);
  });
  it('Yuxi education and reception score 100 优 and plan no change', () => {
    for (const fx of [yuxiEducation, yuxiReception]) {
      const r = run(fx);
      expect(r.tables[0].total).toBe(100);
      expect(r.tables[0].grade).toBe('优');
      expect(r.writes).toEqual([]);
    }
  });
  it('Yuxi reception reads the qualitative 是/否 indicator', () => {
    const ind = run(yuxiReception).tables[0].indicators.find((i) => i.name === '是否纳入年度计划')!;
    expect(ind).toMatchObject({ operator: 'qualitative', target: '是', actual: '是', score: 10 });
    const cost = run(yuxiReception).tables[0].indicators.find((i) => i.name === '会议费用')!;
    expect(cost).toMatchObject({ operator: '<=', target: 10, actual: 1.78, unit: '万元', score: 10 });
  });
  it('Fengtai: 120 weights, placeholders are not indicators; the total 120 is reported, never written (§4.5)', () => {
    const r = run(fengtai);
    const t = r.tables[0];
    expect(t.indicators).toHaveLength(11);
    expect(t.indicators.every((i) => i.operator === '>=')).toBe(true);
    expect(t.weightsTotal).toBe(120);
    expect(t.funds!.executionRate).toBe(1);
    expect(t.indicators[0]).toMatchObject({ level1: '产出指标', level2: '数量指标', name: '国际友城交流活动' });
    expect(t.totalCell).toBe('H41');
    // §4.5: 120 is no score out of 100: total and grade are null (shown —), the sum is kept for the finding
    expect([t.total, t.grade, t.withheldTotal]).toEqual([null, null, 120]);
    expect(writeAt(r, 'H41')).toBeUndefined();
    expect(r.writes.filter((w) => w.kind === 'total' || w.kind === 'grade')).toEqual([]);
    expect(findings(r, 'weights-total')[0].messageZh).toContain('总分和等级均未写入');
  });
  it('Yuxi department: task rates, 总额 row rate written, no weights', () => {
    const r = run(yuxiDepartment);
    const t = r.tables[0];
    expect(t.kind).toBe('department');
    expect(t.projectName).toBe('玉溪市人民政府外事办公室');
    expect(t.tasks!.map((x) => [x.row, x.name, x.executionRate, x.rateCell])).toEqual([
      [15, '外事工作业务经费', 1, 'H15'],
      [16, '国际交流活动专项经费', 1, 'H16'],
    ]);
    expect(t.funds).toMatchObject({ budget: 4437844.91, spent: 4437844.91, executionRate: 1, rateCell: 'H14' });
    expect(t.indicators).toHaveLength(7);
    expect(t.weightsTotal).toBeNull();
    expect(r.writes.map((w) => w.address)).toEqual(['H14']);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('Beijing scoring table: parts 一 to 三 and the rows under the 2022/2023 sub-header total 94.83', () => {
    const r = run(beijingExecution);
    const t = r.tables[0];
    expect(t.total).toBe(94.83);
    expect(t.weightsTotal).toBe(100);
    expect(t.totalCell).toBe('G27');
    expect(t.grade).toBe('优');
    expect(t.gradeCell).toBeNull();
    expect(t.indicators.find((i) => i.name === '结转结余率（4）')).toMatchObject({ weight: 4, enteredScore: 4, operator: null });
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.writes).toEqual([]);
  });
  it('Jiangxi rubric: leaf scores total 93 优, execution 1560.97 / 1964.32', () => {
    const t = run(jiangxiRubric).tables[0];
    expect(t.kind).toBe('rubric');
    expect(t.total).toBe(93);
    expect(t.grade).toBe('优');
    expect(t.weightsTotal).toBe(100);
    expect(t.funds!.executionRate).toBe(0.7947);
    expect(t.rubric!.filter((i) => i.level === 3)).toHaveLength(19);
  });
  it('decoys are not tables', () => {
    for (const fx of [fengtaiNotes, budgetList, meetingMinutes]) expect(run(fx).tables).toEqual([]);
  });
  it('every real table is recognised with the expected kind', () => {
    for (const [id, fx] of Object.entries(REAL_TABLES)) {
      const r = run(fx);
      const kind = EXPECTED_KIND[id];
      expect([id, r.tables.map((t) => t.kind)]).toEqual([id, kind ? [kind] : []]);
    }
  });
  it('tables stacked on one sheet, starting anywhere, are separate tables', () => {
    const grid = placeTables('汇总', [
      { table: fengtaiNotes, at: 'B2' },
      { table: yuxiOffice, at: 'C20' },
      { table: yuxiFestival, at: 'C50' },
      { table: yuxiDepartment, at: 'D80' },
      { table: jiangxiRubric, at: 'C120' },
    ]);
    const r = analyzeWorkbook([grid]);
    expect(r.tables.map((t) => [t.kind, t.projectName])).toEqual([
      ['project', '办公场地修葺及搬迁专项经费'],
      ['project', '中老边民大联欢活动专项资金'],
      ['department', '玉溪市人民政府外事办公室'],
      ['rubric', '对外合作交流、外事侨务综合事务管理'],
    ]);
    // Yuxi office fund row 6 moves to row 25, columns shift by 2
    expect(r.tables[0].funds!.scoreCell).toBe('J25');
    expect(r.tables[1].indicators[0].scoreCell).toBe('K63');
  });
});

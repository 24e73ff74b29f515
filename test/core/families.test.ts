// RULES.md §2.4: the template families across provinces read and score as a reviewer would.
import { run, cells, writeAt } from './helpers';
import {
  hubeiBlocks,
  hubeiLevel1Weights,
  sichuan0013,
  sichuanLinkage,
  hunanNoWeights,
  monitoring,
  monitoringNoTitle,
  declaration,
  blankTemplate,
  adjusted,
} from './families';
import { placeTables } from '../fixtures/build';
import { analyzeWorkbook } from '../../src/core';
import { yuxiEducation } from '../fixtures/tables';
import { defineTable } from '../fixtures/define';

const _ = null;

const rules = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.cell} ${f.rule}`);

describe('§2.4 weights only in block labels (Hubei)', () => {
  it('reads the fund row 年度财政资金总额 under 预算执行情况(万元)(20分) and takes W = 20 from the label', () => {
    const t = run(hubeiBlocks, { profile: 'hubei' }).tables[0];
    expect(t.funds).toMatchObject({ budget: 1.56, spent: 1.56, executionRate: 1, weight: 20, score: 20, rateCell: 'D4', scoreCell: 'E4' });
  });
  it('joins the two target blocks of one project into one table with their block weights', () => {
    const r = run(hubeiBlocks, { profile: 'hubei' });
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(t.indicators.map((i) => i.name)).toEqual(['补贴渔船数', '渔船补贴发放率', '补贴发放时间', '退捕渔民抽样调查满意度']);
    expect(t.blocks).toEqual([
      { label: '年度绩效目标1(40分)', weight: 40, enteredScore: 40, cell: 'A5' },
      { label: '年度绩效目标2(40分)', weight: 40, enteredScore: 40, cell: 'A9' },
    ]);
    expect(t.indicators.every((i) => i.weight === null && i.score === null)).toBe(true); // never invented
    expect(t).toMatchObject({ weightsTotal: 100, total: 100, grade: '优', totalCell: 'G11' });
    expect(rules(r)).toEqual([]);
  });
  it('weights in 一级 labels (产出指标(60分)): fund 20 × 90 % = 18, total 18 + 75 = 93', () => {
    const r = run(hubeiLevel1Weights, { profile: 'hubei' });
    const t = r.tables[0];
    expect(t.funds).toMatchObject({ executionRate: 0.9, weight: 20, score: 18 });
    expect(t.blocks?.map((b) => [b.label, b.weight, b.enteredScore])).toEqual([
      ['产出指标(60分)', 60, 55],
      ['效益指标(20分)', 20, 20],
    ]);
    expect(t.total).toBe(93);
    expect(writeAt(r, 'E3')).toBe(18);
  });
  it('block-weights: a block scored above its weight, and fund + blocks ≠ 100', () => {
    const over = hubeiBlocks.rows.map((x) => [...x]);
    over[9][6] = 45;
    const fx = { ...hubeiBlocks, id: 'over', rows: over };
    expect(cells(run(fx, { profile: 'hubei' }), 'block-weights')).toEqual(['A9']);
    const ten = hubeiBlocks.rows.map((x) => [...x]);
    ten[2][0] = '预算执行情况(万元)(10分)';
    ten[2][4] = '得分(10分*执行率)';
    const r = run({ ...hubeiBlocks, id: 'ten', rows: ten }, { profile: 'hubei' });
    expect(cells(r, 'block-weights')).toEqual(['A5']);
    expect(cells(r, 'weights-total')).toEqual([]);
  });
});

describe('§2.4 one reason row for the table (Hubei)', () => {
  it('an indicator that misses its target needs the 偏差大或目标未完成原因分析 row filled ("无" is no reason)', () => {
    const rows = hubeiBlocks.rows.map((x) => [...x]);
    rows[9][5] = '85%'; // 满意度 85 % < 90 %
    const r = run({ ...hubeiBlocks, id: 'missed', rows }, { profile: 'hubei' });
    expect(cells(r, 'missing-deviation-reason')).toEqual(['B12']);
    rows[11][1] = '问卷回收率低，下年改进调查方式';
    expect(cells(run({ ...hubeiBlocks, id: 'reasoned', rows }, { profile: 'hubei' }), 'missing-deviation-reason')).toEqual([]);
  });
});

describe('§2.4 Sichuan templates', () => {
  it('510000_0013zp: 年度预算数(万元) is the label column, 调整后预算数 beside 年初预算 is the budget; 总额 row read', () => {
    const r = run(sichuan0013, { profile: 'sichuan' });
    const t = r.tables[0];
    expect(t.funds).toMatchObject({ budget: 3.36, spent: 3.36, executionRate: 1, weight: 10, score: 10, rateCell: 'F4', scoreCell: 'H4' });
    expect(t).toMatchObject({ weightsTotal: 100, total: 95, grade: '优', totalCell: 'J13' });
    expect(rules(r)).toEqual(['K11 missing-deviation-reason']);
  });
  it("执行率 < 90 %: the reason goes into the fund block's 原因 cell; the printed instruction is no reason", () => {
    const rows = sichuan0013.rows.map((x) => [...x]);
    rows[3][4] = 2.5; // 2.5 / 3.36 = 74.40 %
    rows[3][8] = '1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内)';
    const r = run({ ...sichuan0013, id: 'low', rows }, { profile: 'sichuan' });
    expect(r.tables[0].funds?.executionRate).toBe(0.744);
    expect(cells(r, 'missing-deviation-reason')).toEqual(['I4', 'K11']);
    rows[3][8] = '部分设备下年初到货';
    expect(cells(run({ ...sichuan0013, id: 'low2', rows }, { profile: 'sichuan' }), 'missing-deviation-reason')).toEqual(['K11']);
  });
  it('衔接资金: 分值 before 年度指标值, "30%" is 30 points, 全年实际值 "≥266米" reads 266', () => {
    const r = run(sichuanLinkage, { profile: 'sichuan' });
    const t = r.tables[0];
    expect(t.funds).toMatchObject({ executionRate: 0.9, weight: 10, score: 9 });
    expect(t.indicators.map((i) => [i.weight, i.target, i.actual, i.score])).toEqual([
      [30, 250, 266, 30],
      [20, 100, 100, 20],
      [30, 500, 400, 24],
      [10, 90, 95, 10],
    ]);
    expect(t).toMatchObject({ weightsTotal: 100, total: 93, grade: '优' });
    expect(writeAt(r, 'G9')).toBe(93);
  });
});

describe('§2.4 no weights at all (Hunan 专项资金绩效目标自评表)', () => {
  it('is a project table: R computed, B vs A, reasons required, no total and no grade', () => {
    const r = run(hunanNoWeights);
    const t = r.tables[0];
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 100, spent: 85, executionRate: 0.85, weight: null, score: null });
    expect(t).toMatchObject({ total: null, grade: null, weightsTotal: null });
    expect(cells(r, 'missing-deviation-reason')).toEqual(['F7']);
    expect(cells(r, 'fund-breakdown')).toEqual([]); // a "其中" share is not a part
    expect(cells(r, 'weights-total')).toEqual([]);
    expect(r.writes.map((w) => w.address)).toEqual(['D4']);
  });
});

describe('§2.4 tables that are not self-evaluation tables', () => {
  for (const fx of [monitoring, monitoringNoTitle, declaration]) {
    it(`${fx.id} is never read and never touched`, () => {
      const r = run(fx);
      expect(r.tables).toEqual([]);
      expect(r.writes).toEqual([]);
      expect(r.marks).toEqual([]);
    });
  }
  it('a self-evaluation table after a monitoring table on the same sheet is still read', () => {
    const r = run([monitoring, yuxiEducation]);
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0].projectName).toContain('教育交流');
  });
});

describe('§2.4 blank template', () => {
  it('gets exactly one table-not-filled at its first header cell and nothing written', () => {
    const r = run(blankTemplate);
    expect(r.findings.map((f) => `${f.cell} ${f.rule}`)).toEqual(['A3 table-not-filled']);
    expect(r.writes).toEqual([]);
    expect(r.tables[0].notFilled).toBe(true);
  });
  it('one filled figure makes it a table again', () => {
    const rows = blankTemplate.rows.map((x) => [...x]);
    rows[3][3] = 10;
    const r = run({ ...blankTemplate, id: 'b2', rows });
    expect(cells(r, 'table-not-filled')).toEqual([]);
  });
});

describe('§2.4 adjusted values', () => {
  it('调整后预算数 and 调整后指标值 beside the initial ones win', () => {
    const r = run(adjusted);
    const t = r.tables[0];
    expect(t.funds).toMatchObject({ budget: 80, spent: 80, executionRate: 1, score: 10 });
    expect(t.indicators[0]).toMatchObject({ target: 800, actual: 800, score: 50 });
    expect(t.total).toBe(100);
  });
});

describe('any column order', () => {
  it('a fund block reads 执行数 before 预算数 and 执行率 first', () => {
    const rows = hunanNoWeights.rows.map((x, i) => {
      const y = [...x];
      if (i >= 2 && i <= 4) [y[1], y[2], y[3]] = [x[3], x[2], x[1]];
      return y;
    });
    const t = run({ ...hunanNoWeights, id: 'fundShuffled', rows }).tables[0];
    expect(t.funds).toMatchObject({ budget: 100, spent: 85, executionRate: 0.85, rateCell: 'B4' });
  });
  it('a block reads its columns wherever they stand (columns of the Sichuan table shuffled)', () => {
    const base = analyzeWorkbook([placeTables('S', [{ table: sichuanLinkage, at: 'A1' }])], { profile: 'sichuan' }).tables[0];
    // swap 年度指标值 (E) and 全年实际值 (F), and 分值 (D) with 得分 (G), in the indicator block only
    const rows = sichuanLinkage.rows.map((x, i) => {
      const y = [...x];
      if (i >= 3 && i <= 7) [y[3], y[4], y[5], y[6]] = [x[6], x[5], x[4], x[3]];
      return y;
    });
    const r = run({ ...sichuanLinkage, id: 'shuffled', rows }, { profile: 'sichuan' }).tables[0];
    expect(r.indicators.map((i) => [i.name, i.weight, i.target, i.actual, i.score])).toEqual(
      base.indicators.map((i) => [i.name, i.weight, i.target, i.actual, i.score]),
    );
    expect(r.total).toBe(base.total);
  });
});

describe('percentages as points', () => {
  it('a score "27%" beside a weight "30%" is 27 points', () => {
    const rows = sichuanLinkage.rows.map((x) => [...x]);
    rows[4][6] = '27%';
    const t = run({ ...sichuanLinkage, id: 'pct', rows }, { profile: 'sichuan' }).tables[0];
    expect(t.indicators[0]).toMatchObject({ weight: 30, enteredScore: 27, score: 30 });
  });
});

describe('numbered parents and their parts', () => {
  it('"一、…" followed by "1、…", "2、…" whose weights add up to it: only the parent counts', () => {
    const fx = defineTable(
      'outline',
      [
        ['项目名称', '农技培训'],
        ['项目资金(万元)', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
        ['年度资金总额', 10, 10, 10, _, _],
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析'],
        ['产出指标', '数量指标', '一、培训人次', '≥300人次', '320人次', 50, 50, _],
        [_, _, '1、种植技术培训', '≥200人次', '210人次', 30, 30, _],
        [_, _, '2、养殖技术培训', '≥100人次', '110人次', 20, 20, _],
        ['效益指标', '社会效益指标', '技术普及率', '≥80%', '85%', 30, 30, _],
        ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '95%', 10, 10, _],
        ['总分', _, _, _, _, 100, 100, _],
      ],
      [],
    );
    const t = run(fx).tables[0];
    expect(t.indicators.map((i) => i.name)).toEqual(['一、培训人次', '技术普及率', '学员满意度']);
    expect(t).toMatchObject({ weightsTotal: 100, total: 100 });
  });
});

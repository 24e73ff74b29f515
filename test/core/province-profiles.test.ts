// The provincial profiles (research/yitihua-rules.md §4.2): one test per knob on real tables of that shape,
// with hand-computed figures, and the proof that every new knob's default is the old behaviour.
import { run, edit, cells, findings } from './helpers';
import { PROFILES, parseProfile, resolveProfile, type Profile } from '../../src/core';
import { cloneFixture, setCell, type FixtureCell, type TableFixture } from '../fixtures/define';
import { yuxiEducation } from '../fixtures/tables';
import { anhuiChizhouWeituo } from '../fixtures/real/anhui-chizhou-weituo';
import { hubeiEzhouZhengwu } from '../fixtures/real/hubei-ezhou-zhengwu';

const P = PROFILES;
const score = (t: TableFixture, name: string, profile?: string | Profile) =>
  run(t, { profile }).tables[0].indicators.find((i) => i.name === name)!.score;

/** A copy with `extra` blank columns on the right, then the given cells set. */
function widen(t: TableFixture, extra: number, set: Record<string, FixtureCell>): TableFixture {
  const c = cloneFixture(t, `${t.id}+`);
  for (const r of c.rows) for (let i = 0; i < extra; i++) r.push(null);
  for (const [ref, v] of Object.entries(set)) setCell(c, ref, v);
  return c;
}

describe('new knobs default to the old behaviour', () => {
  const NEW_KNOBS = ['equalScoring', 'fundSteps', 'deductionColumn', 'overRatioReason', 'checks', 'unfilledCostCap', 'executionGap'];
  it('a profile written without them parses to national exactly', () => {
    const old: Record<string, unknown> = JSON.parse(JSON.stringify(P.national));
    for (const k of NEW_KNOBS) delete old[k];
    expect(parseProfile(old)).toEqual(P.national);
  });
  it('beijing and sichuan keep the defaults', () => {
    for (const p of [P.beijing, P.sichuan])
      for (const k of NEW_KNOBS) expect((p as Record<string, unknown>)[k]).toEqual((P.national as Record<string, unknown>)[k]);
  });
  it('every shipped JSON profile validates and names the source of every value', () => {
    for (const id of ['hebei', 'tianjin', 'shanxi', 'guangxi', 'zhejiang', 'jiangxi', 'anhui', 'hubei']) {
      const p = P[id];
      expect(parseProfile(JSON.parse(JSON.stringify(p)), id)).toEqual(p);
      const knobs = Object.keys(p).filter((k) => !['name', 'label', 'sources'].includes(k));
      for (const k of knobs) expect([id, k, typeof p.sources?.[k]]).toEqual([id, k, 'string']);
    }
  });
  it('profiles are found by id and by Chinese name', () => {
    expect(resolveProfile('河北').name).toBe('hebei');
    expect(resolveProfile('江西省').name).toBe('jiangxi');
    expect(resolveProfile('广西').name).toBe('guangxi');
    expect(resolveProfile('广西壮族自治区').name).toBe('guangxi');
    expect(resolveProfile('天津市').name).toBe('tianjin');
    expect(resolveProfile('全国').name).toBe('national');
    expect(resolveProfile('tianjin').name).toBe('tianjin');
    expect(() => resolveProfile('火星')).toThrow(/unknown profile/);
  });
});

describe('equalScoring: "=" scored like "≥" (system selfequalindex)', () => {
  // yuxiEducation row 15: 组织培训期数, A = 3, W = 10; made "="
  it('over-shooting costs nothing under atLeast, W·A/B under symmetric', () => {
    const t = edit(yuxiEducation, { D15: '=', G15: 4 });
    expect(score(t, '组织培训期数')).toBe(7.5); // national: 10 × 3 / 4
    expect(score(t, '组织培训期数', 'hebei')).toBe(10);
  });
  it('under-shooting is W·B/A in both', () => {
    const t = edit(yuxiEducation, { D15: '=', G15: 2 });
    expect(score(t, '组织培训期数')).toBe(6.67);
    expect(score(t, '组织培训期数', 'anhui')).toBe(6.67);
  });
  it('A = 0: B ≤ 0 → W, B > 0 → 0', () => {
    expect(score(edit(yuxiEducation, { D15: '=', E15: 0, G15: 0 }), '组织培训期数', 'tianjin')).toBe(10);
    expect(score(edit(yuxiEducation, { D15: '=', E15: 0, G15: 1 }), '组织培训期数', 'tianjin')).toBe(0);
  });
});

describe('reverseScoring linear in the system profiles', () => {
  // row 18: 培训成本 ≤ 10 万元, W = 20
  it('B = 15: national 20 × 10/15 = 13.33; hebei 20 × (1 − 0.5) = 10; hubei keeps W·A/B', () => {
    const t = edit(yuxiEducation, { G18: 15 });
    expect(score(t, '培训成本')).toBe(13.33);
    expect(score(t, '培训成本', 'hebei')).toBe(10);
    expect(score(t, '培训成本', 'zhejiang')).toBe(10);
    expect(score(t, '培训成本', 'hubei')).toBe(13.33);
    expect(score(edit(yuxiEducation, { G18: 20 }), '培训成本', 'shanxi')).toBe(0);
  });
});

describe('fundSteps (Jiangxi 10/7/5/0 at 100/80/60 %)', () => {
  // fund row 6: budget 10, spent F6, W = 10
  const fund = (spent: number, profile?: string) => run(edit(yuxiEducation, { F6: spent }), { profile }).tables[0].funds!.score;
  it('steps instead of W·min(R,1)', () => {
    expect([
      fund(10, 'jiangxi'),
      fund(9.99, 'jiangxi'),
      fund(8, 'jiangxi'),
      fund(7.99, 'jiangxi'),
      fund(6, 'jiangxi'),
      fund(5.99, 'jiangxi'),
    ]).toEqual([10, 7, 7, 5, 5, 0]);
    expect([fund(9.99), fund(8), fund(6)]).toEqual([9.99, 8, 6]);
  });
  it('the total follows: 85 % → 7 instead of 8.5', () => {
    expect(run(edit(yuxiEducation, { F6: 8.5 }), { profile: 'jiangxi' }).tables[0].total).toBe(97);
    expect(run(edit(yuxiEducation, { F6: 8.5 })).tables[0].total).toBe(98.5);
  });
});

describe('execution above 100 % blocks the save (error), except Zhejiang', () => {
  it('severity of execution-over-budget', () => {
    const t = edit(yuxiEducation, { F6: 11 });
    expect(findings(run(t), 'execution-over-budget').map((f) => f.severity)).toEqual(['warning']);
    expect(findings(run(t, { profile: 'hebei' }), 'execution-over-budget').map((f) => f.severity)).toEqual(['error']);
    expect(findings(run(t, { profile: 'hubei' }), 'execution-over-budget').map((f) => f.severity)).toEqual(['error']);
    expect(findings(run(t, { profile: 'zhejiang' }), 'execution-over-budget').map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('grades knob: 80/70/60 as the newer system rule set', () => {
  it('a total of 75 is 中 nationally and 良 under 80/70/60', () => {
    const p = {
      ...P.national,
      name: 'x',
      grades: [
        { min: 80, grade: '优' },
        { min: 70, grade: '良' },
        { min: 60, grade: '中' },
        { min: 0, grade: '差' },
      ],
    };
    const t = edit(yuxiEducation, { G19: 0, F6: 7.5 }); // row 19: 30 × 0/3 = 0; fund 7.5: 100 − 30 − 2.5 = 67.5
    expect(run(t).tables[0].total).toBe(67.5);
    expect(run(t).tables[0].grade).toBe('中');
    const t2 = edit(yuxiEducation, { G19: 1 }); // 100 − 30 + 10 = 80 → national 良, 80/70/60 优
    expect(run(t2).tables[0].total).toBe(80);
    expect(run(t2).tables[0].grade).toBe('良');
    expect(run(t2, { profile: p }).tables[0].grade).toBe('优');
  });
});

describe('overRatioReason (Guangxi: B ≥ 1.3·A, or B ≥ 30 when A = 0, needs a reason)', () => {
  it('rows 16 (60 → 100) and 19 (3 → 8) need a reason under guangxi only', () => {
    expect(cells(run(yuxiEducation), 'missing-deviation-reason')).toEqual([]);
    const r = run(yuxiEducation, { profile: 'guangxi' });
    expect(cells(r, 'missing-deviation-reason')).toEqual(['J16', 'J19']);
    expect(findings(r, 'missing-deviation-reason')[0].messageZh).toContain('实际完成情况超计划较大');
  });
  it('at 1.3 exactly it fires, just below it does not; a reason silences it', () => {
    expect(cells(run(edit(yuxiEducation, { G16: 78 }), { profile: 'guangxi' }), 'missing-deviation-reason')).toContain('J16');
    expect(cells(run(edit(yuxiEducation, { G16: 77.9 }), { profile: 'guangxi' }), 'missing-deviation-reason')).not.toContain('J16');
    expect(cells(run(edit(yuxiEducation, { J16: '培训需求增加' }), { profile: 'guangxi' }), 'missing-deviation-reason')).not.toContain('J16');
  });
  it('A = 0: 30 or more', () => {
    expect(cells(run(edit(yuxiEducation, { E15: 0, G15: 30 }), { profile: 'guangxi' }), 'missing-deviation-reason')).toContain('J15');
    expect(cells(run(edit(yuxiEducation, { E15: 0, G15: 29 }), { profile: 'guangxi' }), 'missing-deviation-reason')).not.toContain('J15');
  });
});

describe('deductionColumn (扣减分数: score = max(0, S − deduction))', () => {
  const withDeduction = (k15: FixtureCell) => widen(yuxiEducation, 1, { K12: '扣减分数', K15: k15 });
  it('the quantitative score loses the deduction; national ignores the column', () => {
    expect(score(withDeduction(2), '组织培训期数')).toBe(10);
    expect(score(withDeduction(2), '组织培训期数', 'guangxi')).toBe(8);
    expect(score(withDeduction(12.5), '组织培训期数', 'guangxi')).toBe(0);
    expect(run(withDeduction(2), { profile: 'guangxi' }).tables[0].total).toBe(98);
  });
  it('deduction-invalid: text, negative, or above the weight', () => {
    expect(cells(run(withDeduction('两分'), { profile: 'guangxi' }), 'deduction-invalid')).toEqual(['K15']);
    expect(cells(run(withDeduction(-1), { profile: 'guangxi' }), 'deduction-invalid')).toEqual(['K15']);
    expect(cells(run(withDeduction(12.5), { profile: 'guangxi' }), 'deduction-invalid')).toEqual(['K15']);
    expect(cells(run(withDeduction(2), { profile: 'guangxi' }), 'deduction-invalid')).toEqual([]);
    expect(cells(run(withDeduction('两分')), 'deduction-invalid')).toEqual([]);
  });
  it('a deduction switches the qualitative band check off (Anhui table, row 16 W = 8, entered 3)', () => {
    const t = widen(anhuiChizhouWeituo, 1, { J13: '扣减分数', H16: 3 });
    expect(cells(run(t, { profile: 'anhui' }), 'qualitative-score-band')).toEqual(['H16']);
    setCell(t, 'J16', 5);
    expect(cells(run(t, { profile: 'anhui' }), 'qualitative-score-band')).toEqual([]);
    expect(cells(run(t), 'qualitative-score-band')).toEqual(['H16']);
  });
});

describe('system checks on save', () => {
  it('weight-not-positive (Anhui table, G15 = 0)', () => {
    const t = edit(anhuiChizhouWeituo, { G15: 0, H15: 0 });
    expect(cells(run(t, { profile: 'anhui' }), 'weight-not-positive')).toEqual(['G15']);
    expect(cells(run(t), 'weight-not-positive')).toEqual([]);
  });
  it('group-weights: Σ child 分值 = the weight on the 一级 / 二级 label', () => {
    // 产出指标(50分): 8 + 8 + 8 + 8 + 8 + 10 = 50; 效益指标(30分): 10 + 10 + 10 = 30
    expect(cells(run(anhuiChizhouWeituo, { profile: 'anhui' }), 'group-weights')).toEqual([]);
    const t = edit(anhuiChizhouWeituo, { G14: 10, H14: 10 }); // 52 ≠ 50
    const r = run(t, { profile: 'anhui' });
    expect(cells(r, 'group-weights')).toEqual(['B14']);
    expect(findings(r, 'group-weights')[0].messageZh).toContain('52');
    expect(cells(run(t), 'group-weights')).toEqual([]);
    expect(cells(run(t, { profile: 'zhejiang' }), 'group-weights')).toEqual([]);
    // a 二级 label "质量指标(20)" over 8 + 8 = 16
    expect(cells(run(edit(anhuiChizhouWeituo, { C15: '质量指标(20)' }), { profile: 'anhui' }), 'group-weights')).toEqual(['C15']);
  });
  it('description-missing (Guangxi): a qualitative row needs 完成情况简要描述', () => {
    const t = widen(anhuiChizhouWeituo, 1, {
      J13: '完成情况简要描述（定量选填，定性必填）',
      J17: '按期提交',
      J19: '符合规定',
      J20: '市场公平',
      J21: '成本可控',
      J22: '制度健全',
    });
    expect(cells(run(t, { profile: 'guangxi' }), 'description-missing')).toEqual(['J16']);
    expect(cells(run(t), 'description-missing')).toEqual([]);
  });
  it('unit-missing (Hubei): a quantitative row needs its unit', () => {
    // yuxiEducation has a 度量单位 column F; blank it on row 15
    const t = edit(yuxiEducation, { F15: null });
    expect(cells(run(t, { profile: 'hubei' }), 'unit-missing')).toEqual(['F15']);
    expect(cells(run(yuxiEducation, { profile: 'hubei' }), 'unit-missing')).toEqual([]);
    expect(cells(run(t), 'unit-missing')).toEqual([]);
  });
  it('unit-missing on the real Hubei table: units only where the values carry none', () => {
    const r = run(hubeiEzhouZhengwu, { profile: 'hubei' });
    // 90% / 60% and 2019年 / 2020年 carry their units; nothing to report
    expect(cells(r, 'unit-missing')).toEqual([]);
    expect(cells(run(edit(hubeiEzhouZhengwu, { D13: [90, null], E13: [60, null] }), { profile: 'hubei' }), 'unit-missing')).toEqual(['D13']);
  });
  it('cost-unfilled-cap (Shanxi 5): a 成本指标 row 未填报 may score at most 5', () => {
    const t = edit(yuxiEducation, { C18: '成本指标', D18: '定性', E18: '未填报', F18: null, G18: '未填报', I18: 8 });
    expect(cells(run(t, { profile: 'shanxi' }), 'cost-unfilled-cap')).toEqual(['I18']);
    expect(cells(run(edit(t, { I18: 5 }), { profile: 'shanxi' }), 'cost-unfilled-cap')).toEqual([]);
    expect(cells(run(t), 'cost-unfilled-cap')).toEqual([]);
  });
});

describe('executionGap threshold (data for the execution-gap rule)', () => {
  it('national 0.20 absolute; the system profiles 5 % relative (自评预警)', () => {
    expect(P.national.executionGap).toEqual({ threshold: 0.2, relative: false });
    for (const id of ['hebei', 'tianjin', 'shanxi', 'guangxi', 'zhejiang', 'jiangxi', 'anhui', 'hubei'])
      expect([id, P[id].executionGap]).toEqual([id, { threshold: 0.05, relative: true }]);
  });
});

// The knobs of §4.6 change scores only through profile data.
import { run, edit, findings } from './helpers';
import { PROFILES } from '../../src/core';
import { yuxiEducation, yuxiFestival } from '../fixtures/tables';

const base = PROFILES.national;

describe('profile knobs', () => {
  it('fixed deduction when B ≥ 130 % of A', () => {
    const p = { ...base, name: 'x', fixedDeduction: { atRatio: 1.3, points: 2 } };
    const t = run(yuxiEducation, { profile: p }).tables[0];
    // 培训参加人次 60 → 100 (167 %), 新闻媒体报道篇数 3 → 8
    expect(t.indicators.find((i) => i.name === '培训参加人次')!.score).toBe(8);
    expect(t.indicators.find((i) => i.name === '新闻媒体报道篇数')!.score).toBe(28);
    expect(t.indicators.find((i) => i.name === '组织培训期数')!.score).toBe(10);
  });
  it('total capped by execution-rate band', () => {
    const p = {
      ...base,
      name: 'x',
      totalCapByRate: [
        { below: 0.8, cap: 89 },
        { below: 0.7, cap: 79 },
        { below: 0.6, cap: 69 },
      ],
    };
    const t = run(edit(yuxiEducation, { F6: 6.5, I6: 6.5 }), { profile: p }).tables[0];
    expect(t.funds!.executionRate).toBe(0.65);
    expect(t.total).toBe(79);
    expect(t.grade).toBe('中');
  });
  it('linear reverse scoring reaches 0 at B ≥ 2A', () => {
    const p = { ...base, name: 'x', reverseScoring: 'linear' as const };
    const t1 = run(edit(yuxiEducation, { G18: 15 }), { profile: p }).tables[0];
    expect(t1.indicators.find((i) => i.name === '培训成本')!.score).toBe(10); // 20 × (1 − 0.5)
    const t2 = run(edit(yuxiEducation, { G18: 20 }), { profile: p }).tables[0];
    expect(t2.indicators.find((i) => i.name === '培训成本')!.score).toBe(0);
    const t3 = run(edit(yuxiEducation, { G18: 15 })).tables[0];
    expect(t3.indicators.find((i) => i.name === '培训成本')!.score).toBe(13.33); // 20 × 10/15
  });
  it('rule switches and severity overrides', () => {
    expect(findings(run(yuxiFestival, { disabledRules: ['target-too-low'] }), 'target-too-low')).toEqual([]);
    const p = { ...base, name: 'x', severities: { 'target-too-low': 'error' as const } };
    expect(findings(run(yuxiFestival, { profile: p }), 'target-too-low')[0].severity).toBe('error');
  });
  it('English messages', () => {
    const f = findings(run(yuxiFestival, { lang: 'en' }), 'target-too-low')[0];
    expect(f.message).toBe(f.messageEn);
    expect(f.message).toMatch(/exceeds the target 200 by 400\.00%/);
  });
});

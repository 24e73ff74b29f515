import { run, edit, cells, findings } from '../../../test/core/helpers';
import { PROFILES } from '..';
import { anhuiChizhouWeituo } from '../../../test/fixtures/real/anhui-chizhou-weituo';
import { yuxiEducation } from '../../../test/fixtures/tables';

const on = { ...PROFILES.national, name: 'x', checks: { ...PROFILES.national.checks, groupWeights: true } };

describe('group-weights', () => {
  it('the real Anhui table adds up: 产出指标(50分) = 5 × 8 + 10, 效益指标(30分) = 3 × 10', () => {
    expect(cells(run(anhuiChizhouWeituo, { profile: on }), 'group-weights')).toEqual([]);
  });
  it('效益 weights 10 + 10 + 5 = 25 ≠ 30: error at the 一级 label', () => {
    const r = run(edit(anhuiChizhouWeituo, { G22: 5, H22: 5 }), { profile: on });
    expect(cells(r, 'group-weights')).toEqual(['B20']);
    expect(findings(r, 'group-weights')[0].messageZh).toMatch(/^1级指标“效益指标\(30分\)”的下级指标分值合计 25，应等于其设定权重 30/);
  });
  it('a 二级 label "时效指标(10)" over one row of 8', () => {
    expect(cells(run(edit(anhuiChizhouWeituo, { C17: '时效指标(10)' }), { profile: on }), 'group-weights')).toEqual(['C17']);
    expect(cells(run(edit(anhuiChizhouWeituo, { C17: '时效指标(8)' }), { profile: on }), 'group-weights')).toEqual([]);
  });
  it('labels without a weight are not checked; off in national', () => {
    expect(cells(run(yuxiEducation, { profile: on }), 'group-weights')).toEqual([]);
    expect(cells(run(edit(anhuiChizhouWeituo, { G22: 5, H22: 5 })), 'group-weights')).toEqual([]);
  });
});

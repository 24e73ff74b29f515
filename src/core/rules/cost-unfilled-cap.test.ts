import { run, edit, cells, findings } from '../../../test/core/helpers';
import { PROFILES } from '..';
import { yuxiEducation } from '../../../test/fixtures/tables';

const on = { ...PROFILES.national, name: 'x', unfilledCostCap: 5 };
// row 18 turned into the default row the Shanxi system adds when no cost indicator was filled
const unfilled = (score: number) => edit(yuxiEducation, { C18: '成本指标', D18: '定性', E18: '未填报', F18: null, G18: '未填报', I18: score });

describe('cost-unfilled-cap', () => {
  it('score 6 above the cap 5 is an error at the score cell', () => {
    const r = run(unfilled(6), { profile: on });
    expect(cells(r, 'cost-unfilled-cap')).toEqual(['I18']);
    expect(findings(r, 'cost-unfilled-cap')[0].messageZh).toMatch(/^未填报成本指标的项目，成本指标得分 6 不得超过 5 分/);
  });
  it('5, a filled cost indicator, or the knob off: nothing', () => {
    expect(cells(run(unfilled(5), { profile: on }), 'cost-unfilled-cap')).toEqual([]);
    expect(cells(run(yuxiEducation, { profile: on }), 'cost-unfilled-cap')).toEqual([]);
    expect(cells(run(unfilled(6)), 'cost-unfilled-cap')).toEqual([]);
  });
});

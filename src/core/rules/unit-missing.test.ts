import { run, edit, cells, findings } from '../../../test/core/helpers';
import { PROFILES } from '..';
import { yuxiEducation } from '../../../test/fixtures/tables';

const on = { ...PROFILES.national, name: 'x', checks: { ...PROFILES.national.checks, quantitativeUnit: true } };

describe('unit-missing', () => {
  it('a quantitative row without 计量单位 (column or suffix) is an error at the unit cell', () => {
    const t = edit(yuxiEducation, { F16: null, F19: null });
    const r = run(t, { profile: on });
    expect(cells(r, 'unit-missing')).toEqual(['F16', 'F19']);
    expect(findings(r, 'unit-missing')[0].messageEn).toMatch(/^A quantitative indicator needs its unit/);
    expect(cells(run(t), 'unit-missing')).toEqual([]);
  });
  it('a unit written in the value counts', () => {
    expect(cells(run(edit(yuxiEducation, { F16: null, E16: '60人次' }), { profile: on }), 'unit-missing')).toEqual([]);
  });
});

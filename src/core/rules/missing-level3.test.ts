import { run, edit, cells, findings } from '../../../test/core/helpers';
import { fengtai, yuxiEducation } from '../../../test/fixtures/tables';

describe('missing-level3', () => {
  it('flags the 二级指标 of the Fengtai table that only hold placeholder rows', () => {
    const r = run(fengtai);
    expect(cells(r, 'missing-level3')).toEqual(['C20', 'C23', 'C26', 'C32']);
    expect(findings(r, 'missing-level3').every((f) => f.severity === 'warning')).toBe(true);
  });
  it('is an error in the beijing profile', () => {
    expect(findings(run(fengtai, { profile: 'beijing' }), 'missing-level3').every((f) => f.severity === 'error')).toBe(true);
  });
  it('flags a missing 满意度 一级 as an error at the 一级指标 header', () => {
    const t = edit(yuxiEducation, { A20: '效益指标', B20: '社会效益指标' });
    const f = findings(run(t), 'missing-level3');
    expect(f.map((x) => [x.cell, x.severity])).toEqual([['A13', 'error']]);
  });
  it('does not fire when every 二级 has a 三级 row', () => {
    expect(cells(run(yuxiEducation), 'missing-level3')).toEqual([]);
  });
});

import { run, edit, cells } from '../../../test/core/helpers';
import { yuxiEducation, fengtai, yuxiDepartment } from '../../../test/fixtures/tables';

describe('fund-breakdown', () => {
  it('fires per column when the parts do not add up to 年度资金总额', () => {
    expect(cells(run(edit(yuxiEducation, { D7: 8 })), 'fund-breakdown')).toEqual(['D6']);
    expect(cells(run(edit(fengtai, { E9: 1 })), 'fund-breakdown')).toEqual(['E7']);
  });
  it('department: 财政拨款 + 其他资金 must equal 总额, and tasks must add up to the 总额 row', () => {
    expect(cells(run(edit(yuxiDepartment, { F15: 100 })), 'fund-breakdown')).toEqual(['D15']);
    expect(cells(run(edit(yuxiDepartment, { D16: 1000000, E16: 1000000, G16: 1000000 })), 'fund-breakdown').sort()).toEqual(['D14', 'G14']);
  });
  it('does not fire on the published tables', () => {
    expect(cells(run([yuxiEducation, fengtai, yuxiDepartment]), 'fund-breakdown')).toEqual([]);
  });
});

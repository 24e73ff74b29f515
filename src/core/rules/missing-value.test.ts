import { run, edit, cells } from '../../../test/core/helpers';
import { yuxiEducation, yuxiDepartment } from '../../../test/fixtures/tables';

describe('missing-value', () => {
  it('points at each blank target, actual or weight of a named indicator', () => {
    expect(cells(run(edit(yuxiEducation, { G17: null })), 'missing-value')).toEqual(['G17']);
    expect(cells(run(edit(yuxiEducation, { E17: null, H17: null })), 'missing-value')).toEqual(['E17', 'H17']);
  });
  it('department tables have no weights to miss', () => {
    expect(cells(run(edit(yuxiDepartment, { G20: null })), 'missing-value')).toEqual(['G20']);
    expect(cells(run(yuxiDepartment), 'missing-value')).toEqual([]);
  });
  it('does not fire on a complete table', () => {
    expect(cells(run(yuxiEducation), 'missing-value')).toEqual([]);
  });
});

import { run, edit, cells, writeAt } from '../../../test/core/helpers';
import { yuxiEducation, jiangxiRubric } from '../../../test/fixtures/tables';

describe('total-mismatch', () => {
  it('fires when the entered total differs from the sum', () => {
    const r = run(edit(yuxiEducation, { I23: 95 }));
    expect(cells(r, 'total-mismatch')).toEqual(['I23']);
    expect(writeAt(r, 'I23')).toBe(100);
  });
  it('fires on a rubric total', () => {
    expect(cells(run(edit(jiangxiRubric, { G32: 95 })), 'total-mismatch')).toEqual(['G32']);
  });
  it('does not fire when the total is right', () => {
    expect(cells(run(yuxiEducation), 'total-mismatch')).toEqual([]);
    expect(cells(run(jiangxiRubric), 'total-mismatch')).toEqual([]);
  });
});

import { run, edit, cells, writeAt } from '../../../test/core/helpers';
import { yuxiEducation } from '../../../test/fixtures/tables';

describe('grade-mismatch', () => {
  it('fires when the entered grade does not match the total', () => {
    const r = run(edit(yuxiEducation, { J23: '良' }));
    expect(cells(r, 'grade-mismatch')).toEqual(['J23']);
    expect(writeAt(r, 'J23')).toBe('优');
  });
  it('uses lower bounds inclusive: 90 is 优, 89.99 is 良', () => {
    // 新闻媒体报道篇数 (W 30, target 3): actual 2 → 20, total exactly 90
    const at90 = edit(yuxiEducation, { G19: 2, I19: 20, F6: 10, I23: 90, J23: '优' });
    expect(run(at90).tables[0].total).toBe(90);
    expect(cells(run(at90), 'grade-mismatch')).toEqual([]);
    const below = edit(yuxiEducation, { G19: 1.999, I19: 20, I23: 90, J23: '优' });
    expect(run(below).tables[0].total).toBe(89.99);
    expect(run(below).tables[0].grade).toBe('良');
    expect(cells(run(below), 'grade-mismatch')).toEqual(['J23']);
  });
  it('does not fire on a correct grade', () => {
    expect(cells(run(yuxiEducation), 'grade-mismatch')).toEqual([]);
  });
});

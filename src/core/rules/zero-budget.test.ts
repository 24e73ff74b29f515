import { run, edit, cells, writeAt } from '../../../test/core/helpers';
import { yuxiEducation } from '../../../test/fixtures/tables';

describe('zero-budget', () => {
  it('reports a 0 budget and computes neither rate nor score', () => {
    const r = run(edit(yuxiEducation, { D6: 0, D7: 0 }));
    expect(cells(r, 'zero-budget')).toEqual(['D6']);
    expect(r.tables[0].funds!.executionRate).toBeNull();
    expect(writeAt(r, 'H6')).toBeUndefined();
    expect(r.tables[0].total).toBe(100); // entered fund score counts
  });
  it('does not fire on a positive budget', () => {
    expect(cells(run(yuxiEducation), 'zero-budget')).toEqual([]);
  });
});

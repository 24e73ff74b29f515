import { run, edit, cells } from '../../../test/core/helpers';
import { yuxiEducation } from '../../../test/fixtures/tables';

describe('budget-fallback', () => {
  it('uses 年初预算数 when 全年预算数 is blank', () => {
    const r = run(edit(yuxiEducation, { D6: null, D7: null, C6: 20, C7: 20, I6: 5 }));
    expect(cells(r, 'budget-fallback')).toEqual(['C6']);
    expect(r.tables[0].funds!.executionRate).toBe(0.5);
    expect(r.tables[0].funds!.score).toBe(5);
  });
  it('does not fire when 全年预算数 is filled', () => {
    expect(cells(run(yuxiEducation), 'budget-fallback')).toEqual([]);
  });
});

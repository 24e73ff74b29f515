import { run, cells } from '../../../test/core/helpers';
import { educationWithFormulas, yuxiEducation } from '../../../test/fixtures/tables';
import { edit } from '../../../test/core/helpers';

describe('formula-kept', () => {
  it('never plans a write over a formula and says so when the value would change', () => {
    const t = edit(educationWithFormulas, { G16: 50 });
    const formulaCells = Object.keys(t.formulas ?? {});
    const r = run(t);
    for (const w of r.writes) expect(formulaCells).not.toContain(w.address);
    expect(cells(r, 'formula-kept').length).toBeGreaterThan(0);
    for (const c of cells(r, 'formula-kept')) expect(formulaCells).toContain(c);
  });
  it('does not fire without formulas', () => {
    expect(cells(run(edit(yuxiEducation, { G16: 50 })), 'formula-kept')).toEqual([]);
  });
});

import { run, edit, cells, writeAt } from '../../../test/core/helpers';
import { yuxiOffice, yuxiEducation } from '../../../test/fixtures/tables';

describe('score-mismatch', () => {
  it('catches the real Yuxi error: 0 % execution scored 10', () => {
    const r = run(yuxiOffice);
    expect(cells(r, 'score-mismatch')).toEqual(['H6']);
    expect(writeAt(r, 'H6')).toBe(0);
    expect(writeAt(r, 'G6')).toBe(0);
  });
  it('fires when an indicator score is off by more than 0.005', () => {
    // 培训参加人次 ≥60, actual 50 → 10 × 50/60 = 8.33
    const r = run(edit(yuxiEducation, { G16: 50 }));
    expect(cells(r, 'score-mismatch')).toEqual(['I16']);
    expect(writeAt(r, 'I16')).toBe(8.33);
  });
  it('does not fire within 0.005', () => {
    const r = run(edit(yuxiEducation, { G16: 50, I16: 8.334 }));
    expect(cells(r, 'score-mismatch')).toEqual([]);
  });
});

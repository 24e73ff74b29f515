import { run, edit, cells } from '../../../test/core/helpers';
import { yuxiEducation, yuxiFestival, yuxiDepartment } from '../../../test/fixtures/tables';

describe('missing-deviation-reason', () => {
  it('fires when a score is below its weight and the reason is blank', () => {
    expect(cells(run(edit(yuxiEducation, { G16: 50, I16: 8.33 })), 'missing-deviation-reason')).toEqual(['J16']);
  });
  it('does not fire when the reason is filled in', () => {
    expect(cells(run(edit(yuxiEducation, { G16: 50, I16: 8.33, J16: '疫情影响，培训延期' })), 'missing-deviation-reason')).toEqual([]);
  });
  it('fires for a target set too low (Yuxi festival 200 → 1000)', () => {
    expect(cells(run(yuxiFestival), 'missing-deviation-reason')).toEqual(['J14']);
  });
  it('department: fires when an indicator misses its target, or a task rate is below 100 %', () => {
    const r = run(edit(yuxiDepartment, { G20: 40, G15: 3000000 }));
    expect(cells(r, 'missing-deviation-reason').sort()).toEqual(['H20', 'I15'].sort());
  });
  it('sichuan: a fund execution rate below 90 % needs an explanation', () => {
    const t = edit(yuxiEducation, { F6: 8, I6: 8 });
    expect(cells(run(t, { profile: 'sichuan' }), 'missing-deviation-reason')).toEqual(['C21']);
    expect(cells(run(t, { profile: 'national' }), 'missing-deviation-reason')).toEqual([]);
  });
});

import { run, cells, findings } from '../../../test/core/helpers';
import { PROFILES } from '..';
import { cloneFixture, setCell, type FixtureCell } from '../../../test/fixtures/define';
import { yuxiEducation } from '../../../test/fixtures/tables';

const on = { ...PROFILES.national, name: 'x', deductionColumn: true };

function withDeduction(v: FixtureCell) {
  const c = cloneFixture(yuxiEducation, 'ded');
  for (const r of c.rows) r.push(null);
  setCell(c, 'K12', '扣减分数');
  setCell(c, 'K17', v);
  return c;
}

describe('deduction-invalid', () => {
  it('text or a negative number is refused', () => {
    for (const v of ['扣2分', -0.5]) {
      const r = run(withDeduction(v), { profile: on });
      expect(cells(r, 'deduction-invalid')).toEqual(['K17']);
      expect(findings(r, 'deduction-invalid')[0].messageZh).toMatch(/^扣减分数只能填写不小于 0 的数字/);
    }
  });
  it('a deduction above the weight (10) is refused and the score floors at 0', () => {
    const r = run(withDeduction(11), { profile: on });
    expect(findings(r, 'deduction-invalid')[0].messageZh).toMatch(/^扣减分数 11 超过分值 10/);
    expect(r.tables[0].indicators.find((i) => i.name === '培训人员合格率')!.score).toBe(0);
  });
  it('0, a number up to W, or the column off: nothing', () => {
    expect(cells(run(withDeduction(0), { profile: on }), 'deduction-invalid')).toEqual([]);
    expect(cells(run(withDeduction(10), { profile: on }), 'deduction-invalid')).toEqual([]);
    expect(cells(run(withDeduction('扣2分')), 'deduction-invalid')).toEqual([]);
  });
});

import { run, edit, cells } from '../../../test/core/helpers';
import { yuxiEducation, jiangxiRubric } from '../../../test/fixtures/tables';

describe('score-exceeds-weight', () => {
  it('fires on an indicator score above its weight', () => {
    const r = run(edit(yuxiEducation, { I15: 12 }));
    expect(cells(r, 'score-exceeds-weight')).toEqual(['I15']);
    expect(r.findings.find((f) => f.rule === 'score-exceeds-weight')!.messageZh).toContain('12');
  });
  it('fires on the fund score and on a rubric leaf', () => {
    expect(cells(run(edit(yuxiEducation, { I6: 11 })), 'score-exceeds-weight')).toEqual(['I6']);
    expect(cells(run(edit(jiangxiRubric, { G14: 4 })), 'score-exceeds-weight')).toEqual(['G14']);
  });
  it('does not fire when the score equals the weight', () => {
    expect(cells(run(edit(yuxiEducation, { I15: 10 })), 'score-exceeds-weight')).toEqual([]);
    expect(cells(run(jiangxiRubric), 'score-exceeds-weight')).toEqual([]);
  });
});

import { run, edit, cells, findings } from '../../../test/core/helpers';
import { fengtai, yuxiEducation, jiangxiRubric } from '../../../test/fixtures/tables';

describe('weights-total', () => {
  it('flags the Fengtai table whose weights add up to 120 at the 总分 row weight cell', () => {
    const r = run(fengtai);
    expect(cells(r, 'weights-total')).toEqual(['G41']);
    expect(findings(r, 'weights-total')[0].messageZh).toContain('120');
  });
  it('flags rubric parents whose weight differs from their children (Jiangxi 决策 40 vs 18)', () => {
    const r = run(jiangxiRubric);
    expect(cells(r, 'weights-total')).toEqual(['B13', 'B24']);
  });
  it('does not fire when weights total 100', () => {
    expect(cells(run(yuxiEducation), 'weights-total')).toEqual([]);
  });
  it('fires when one weight is changed', () => {
    expect(cells(run(edit(yuxiEducation, { H15: 15, I15: 15 })), 'weights-total')).toEqual(['H23']);
  });
});

import { run, cells, findings } from '../../../test/core/helpers';
import { PROFILES } from '..';
import { cloneFixture, setCell } from '../../../test/fixtures/define';
import { anhuiChizhouWeituo } from '../../../test/fixtures/real/anhui-chizhou-weituo';

const on = { ...PROFILES.national, name: 'x', checks: { ...PROFILES.national.checks, qualitativeDescription: true } };

/** The Anhui table with a 完成情况简要描述 column J, filled on the rows given. */
function withDescriptions(filled: Record<string, string>) {
  const c = cloneFixture(anhuiChizhouWeituo, 'desc');
  for (const r of c.rows) r.push(null);
  setCell(c, 'J13', '完成情况简要描述');
  for (const [ref, v] of Object.entries(filled)) setCell(c, ref, v);
  return c;
}

describe('description-missing', () => {
  it('every qualitative row (16, 17, 19–22) needs its description; quantitative rows do not', () => {
    const r = run(withDescriptions({ J14: '', J17: '按期提交', J20: '市场公平' }), { profile: on });
    expect(cells(r, 'description-missing')).toEqual(['J16', 'J19', 'J21', 'J22']);
    expect(findings(r, 'description-missing')[0].messageZh).toMatch(/^定性指标须填写完成情况简要描述/);
  });
  it('no such column, or the check off: nothing', () => {
    expect(cells(run(anhuiChizhouWeituo, { profile: on }), 'description-missing')).toEqual([]);
    expect(cells(run(withDescriptions({})), 'description-missing')).toEqual([]);
  });
});

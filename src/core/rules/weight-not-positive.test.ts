import { run, edit, cells, findings } from '../../../test/core/helpers';
import { PROFILES } from '..';
import { anhuiChizhouWeituo } from '../../../test/fixtures/real/anhui-chizhou-weituo';

const on = { ...PROFILES.national, name: 'x', checks: { ...PROFILES.national.checks, weightPositive: true } };

describe('weight-not-positive', () => {
  it('off in national; on, a 分值 of 0 is an error at the weight cell', () => {
    const t = edit(anhuiChizhouWeituo, { G17: 0, H17: 0 });
    expect(cells(run(t), 'weight-not-positive')).toEqual([]);
    const r = run(t, { profile: on });
    expect(cells(r, 'weight-not-positive')).toEqual(['G17']);
    expect(findings(r, 'weight-not-positive')[0].severity).toBe('error');
    expect(findings(r, 'weight-not-positive')[0].messageZh).toMatch(/^分值为 0，分值须大于 0（依据：规则说明 §4\.6/);
  });
  it('positive weights and blank ones pass', () => {
    expect(cells(run(anhuiChizhouWeituo, { profile: on }), 'weight-not-positive')).toEqual([]);
    expect(cells(run(edit(anhuiChizhouWeituo, { G17: null }), { profile: on }), 'weight-not-positive')).toEqual([]);
  });
});

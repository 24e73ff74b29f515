// RULES.md §3 / §2.4 readings on the Yunnan seed 003 table (玉溪 办公, row 17 项目实施时间 ≤ 3 月 → 2, W 20):
// "无X" against a count target reads 0, a bare "无" is a value that cannot be read (never "未填写"),
// "/" rows and "指标1:/" are not applicable.
import { run, edit, cells, findings } from './helpers';
import { yuxiOffice } from '../fixtures/tables';

const row17 = (r: ReturnType<typeof run>) => r.tables[0].indicators.find((i) => i.row === 17);

describe('§3 readings', () => {
  it('"无上访" against "小于5次" reads 0 次: a reverse indicator met, full score, no finding on the row', () => {
    const r = run(edit(yuxiOffice, { D17: null, E17: '小于5次', F17: null, G17: '无上访' }));
    expect(row17(r)).toMatchObject({ operator: '<=', target: 5, actual: 0, score: 20 });
    expect(r.findings.filter((f) => f.row === 16)).toEqual([]);
  });
  it('"没有发生" and "零投诉" against "≤3起" read 0 as well', () => {
    expect(row17(run(edit(yuxiOffice, { D17: null, E17: '≤3起', F17: null, G17: '没有发生' })))).toMatchObject({ actual: 0, score: 20 });
    expect(row17(run(edit(yuxiOffice, { D17: null, E17: '≤3起', F17: null, G17: '零投诉' })))).toMatchObject({ actual: 0, score: 20 });
  });
  it('a bare "无" beside a quantitative target: unparsable-value saying what to enter, never "未填写"', () => {
    const r = run(edit(yuxiOffice, { G17: '无' }));
    expect(cells(r, 'missing-value')).toEqual([]);
    expect(cells(r, 'unparsable-value')).toEqual(['G17']);
    const f = findings(r, 'unparsable-value')[0];
    expect(f.messageZh).toContain('请填写实际完成的数值（单位：月）');
    expect(f.messageZh).not.toContain('未填写');
    expect(f.messageEn).toContain('enter the number achieved (in 月)');
  });
  it('"指标1:/" with blank cells is a placeholder: no missing-value', () => {
    const r = run(edit(yuxiOffice, { C17: '指标1:/', D17: null, E17: null, F17: null, G17: null, H17: null, I17: null }));
    expect(row17(r)).toBeUndefined();
    expect(cells(r, 'missing-value')).toEqual([]);
  });
  it('"/" in place of target, actual and weight: the row does not apply; a real target beside "/" is still a missing value', () => {
    const na = run(edit(yuxiOffice, { D17: null, E17: '/', F17: null, G17: '/', H17: '/', I17: null }));
    expect(row17(na)).toBeUndefined();
    expect(cells(na, 'missing-value')).toEqual([]);
    const half = run(edit(yuxiOffice, { G17: '/' }));
    expect(cells(half, 'missing-value')).toEqual(['G17']);
    expect(findings(half, 'missing-value')[0].messageZh).toContain('请填写实际完成值（单位：月）');
  });
});

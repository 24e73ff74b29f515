import { run, edit, cells, findings, writeAt } from '../../../test/core/helpers';
import { sichuanQingshenGongzi } from '../../../test/fixtures/real/sichuan-qingshen-gongzi';
import { hunanHengshanChubeiliang } from '../../../test/fixtures/real/hunan-hengshan-chubeiliang';
import { yuxiEducation, jiangxiRubric } from '../../../test/fixtures/tables';

describe('total-mismatch', () => {
  it('fires when the entered total differs from the sum', () => {
    const r = run(edit(yuxiEducation, { I23: 95 }));
    expect(cells(r, 'total-mismatch')).toEqual(['I23']);
    expect(writeAt(r, 'I23')).toBe(100);
  });
  it('fires on a rubric total', () => {
    expect(cells(run(edit(jiangxiRubric, { G32: 95 })), 'total-mismatch')).toEqual(['G32']);
  });
  it('does not fire when the total is right', () => {
    expect(cells(run(yuxiEducation), 'total-mismatch')).toEqual([]);
    expect(cells(run(jiangxiRubric), 'total-mismatch')).toEqual([]);
  });
});

describe('total-mismatch: a total that cannot be computed says why, at the total cell', () => {
  it('Qingshen (published half filled, no 完成值, no 得分): one info finding at the 合计 row naming the row', () => {
    const r = run(sichuanQingshenGongzi);
    const f = findings(r, 'total-mismatch');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('info');
    expect(f[0].messageZh).toMatch(/^总分无法计算：第 \d+ 行“发放\(缴纳\)覆盖率”的得分无法计算/);
    expect(r.tables[0].total).toBeNull();
    expect(r.writes.filter((w) => w.kind === 'total' || w.kind === 'grade')).toEqual([]);
  });
  it('no such finding where the total is computed, nor on a table without weights', () => {
    expect(findings(run(yuxiEducation), 'total-mismatch')).toEqual([]);
    expect(findings(run(hunanHengshanChubeiliang), 'total-mismatch')).toEqual([]);
  });
});

// Issue 18 / RULES.md §6 on the add-in side: 重新计算 applies AnalysisResult.writes, the same plan as `fix`.
// The Yunnan shape: "总分(100分) … 自评等级 | 优" on the total row and "偏差大或目标未完成原因分析 | 无"
// on the row below. The grade is written right of its label; 无 is never touched. The table is the
// Yunnan seed 003 (玉溪 办公) with its last two rows laid out that way.
import { analyzeWorkbook } from '../../src/core';
import { runAnalysis } from '../../src/office/adapter';
import { cloneFixture, defineTable, N } from '../fixtures/define';
import { yuxiOffice } from '../fixtures/tables';
import { hostFor } from '../support/workbooks';

function yunnanShape(grade: string) {
  const c = cloneFixture(yuxiOffice, 'yuxiOfficeYunnanTotal');
  const rows = c.rows.map((r) => [...r, null]);
  rows[20] = ['总分(100分)', null, null, null, null, null, null, N('100.00'), N('90.00'), '自评等级', grade] as never;
  rows[21] = ['偏差大或目标未完成原因分析', '无', null, null, null, null, null, null, null, null, null];
  const merges = c.merges.filter((m) => m !== 'A21:G22' && m !== 'A1:J1').concat(['A1:K1', 'A21:G21', 'B22:K22']);
  return defineTable(c.id, rows as never, merges, c.formats);
}

describe('add-in: the grade beside its label, never over the reason row', () => {
  it('a wrong grade (良 for 90) is rewritten at K21; B22 "无" stays', async () => {
    const fx = yunnanShape('良');
    const host = await hostFor([{ name: '玉溪', placed: [{ table: fx, at: 'A1' }] }]);
    const out = await runAnalysis(host, 'recompute', { analyze: analyzeWorkbook });
    expect(out.status).toBe('ok');
    expect(host.cell('玉溪', 21, 1).value).toBe('无'); // B22
    expect(host.cell('玉溪', 20, 10).value).toBe('优'); // K21
    const t = out.tables[0];
    expect(t.gradeCell).toBe('K21');
    expect(t.findings.filter((f) => f.rule === 'grade-mismatch').map((f) => f.cell)).toEqual(['K21']);
  });
  it('a right grade: nothing written on either row, no grade-mismatch', async () => {
    const fx = yunnanShape('优');
    const host = await hostFor([{ name: '玉溪', placed: [{ table: fx, at: 'A1' }] }]);
    const out = await runAnalysis(host, 'recompute', { analyze: analyzeWorkbook });
    expect(host.cell('玉溪', 21, 1).value).toBe('无');
    expect(host.cell('玉溪', 20, 10).value).toBe('优');
    expect(out.tables[0].findings.filter((f) => f.rule === 'grade-mismatch')).toEqual([]);
  });
});

// §4.5 (issue 18): where the weights do not add up (Fengtai seed: 120), the sum is no score out of 100.
// Total and grade are null in the engine and in check --json, "—" in check's text, the HTML report (the
// report workbook and the add-in 汇总表 are tested in src/cli/report.test.ts and test/office/summary.test.ts),
// and the weights-total finding says why; no total-mismatch / grade-mismatch is raised against that sum.
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeWorkbook } from '../../src/core';
import { main, type CliIO } from '../../src/cli/main';
import { reportHtml } from '../../src/report/html';
import { summarizeTables } from '../../src/report/summary';
import { placeTables, workbookBuffer } from '../fixtures/build';
import { fengtai, yuxiDepartment, yuxiReception } from '../fixtures/tables';
import { sichuanZhongjiangShuibiaochi } from '../fixtures/real/sichuan-zhongjiang-shuibiaochi';

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-withheld-'));
  file = path.join(dir, 'fengtai.xlsx');
  await fsp.writeFile(file, await workbookBuffer([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  let stdout = '';
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: () => undefined, stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, stdout };
}

describe('weights 120: no total, no grade, and one finding saying why', () => {
  it('engine: total and grade null, the sum 120 kept as withheldTotal; weights-total, no total/grade-mismatch, no write', () => {
    const r = analyzeWorkbook([placeTables('丰台', [{ table: fengtai, at: 'A1' }])]);
    const t = r.tables[0];
    expect([t.weightsTotal, t.total, t.grade, t.withheldTotal]).toEqual([120, null, null, 120]);
    expect(r.findings.filter((f) => f.rule === 'weights-total').map((f) => f.messageZh)).toEqual([
      expect.stringContaining('各项分值合计为 120，应为 100；计算得分 120 不是百分制得分，总分和等级均未写入'),
    ]);
    expect(r.findings.filter((f) => f.rule === 'total-mismatch' || f.rule === 'grade-mismatch')).toEqual([]);
    expect(r.writes.filter((w) => w.kind === 'total' || w.kind === 'grade')).toEqual([]);
  });
  it('a real table (中江 水标尺, weights 110, entered total 100): the entered 100 is not called wrong', () => {
    const r = analyzeWorkbook([placeTables('Sheet1', [{ table: sichuanZhongjiangShuibiaochi, at: 'A1' }])]);
    expect([r.tables[0].total, r.tables[0].grade, r.tables[0].withheldTotal]).toEqual([null, null, 110]);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}@${f.cell}`)).toEqual(['weights-total@E22']);
  });
  it('check (text): 总分 — with the reason, 等级 —; --lang en the same in English', async () => {
    const zh = await cli(['check', file]);
    const line = zh.stdout.split('\n').find((l) => l.includes('总分'))!;
    expect(line).toContain('总分 —（分值合计不为 100，各项得分之和 120.00 不计为总分）  等级 —');
    expect(line).not.toMatch(/总分 120|等级 优/);
    expect(zh.stdout).toMatch(/weights-total {2}各项分值合计为 120/);
    const en = await cli(['check', file, '--lang', 'en']);
    expect(en.stdout).toContain('total — (the weights do not add up to 100: the sum 120.00 is no total)  grade —');
  });
  it('check (text): a table without weights (Yuxi 部门整体, seed 003) says why its total is —; a scored one says nothing', async () => {
    const dept = path.join(dir, 'dept.xlsx');
    await fsp.writeFile(
      dept,
      await workbookBuffer([
        { name: '部门', placed: [{ table: yuxiDepartment, at: 'A1' }] },
        { name: '项目', placed: [{ table: yuxiReception, at: 'A1' }] },
      ]),
    );
    const zh = (await cli(['check', dept])).stdout.split('\n').filter((l) => l.includes('总分'));
    expect(zh[0]).toMatch(/部门整体支出 .*总分 —（本表不设分值，不评总分和等级） {2}等级 —$/);
    expect(zh[1]).toMatch(/总分 \d+\.\d\d {2}等级 [优良中差]$/);
    const en = (await cli(['check', dept, '--lang', 'en'])).stdout;
    expect(en).toContain('total — (the table has no weights: no total or grade)  grade —');
  });
  it('check --json: total and grade null, withheldTotal 120, the weights-total finding listed', async () => {
    const { stdout } = await cli(['check', file, '--json']);
    const t = JSON.parse(stdout).files[0].tables[0];
    expect([t.total, t.grade, t.withheldTotal]).toEqual([null, null, 120]);
    expect(t.findings.map((f: { rule: string }) => f.rule)).toContain('weights-total');
    expect(t.findings.map((f: { rule: string }) => f.rule)).not.toContain('total-mismatch');
  });
  it('HTML report: the total cell shows — with the reason on hover, the grade —', () => {
    const grid = placeTables('丰台', [{ table: fengtai, at: 'A1' }]);
    const r = analyzeWorkbook([grid]);
    const tables = summarizeTables([grid], r.tables, 'zh');
    expect([tables[0].total, tables[0].grade, tables[0].withheldTotal]).toEqual([null, null, 120]);
    const html = reportHtml([{ file, error: null, tables }], { lang: 'zh', profile: 'national' });
    expect(html).toContain('<td class="n" data-v="" title="分值合计不为 100：各项得分之和 120.00 不是百分制得分，总分和等级不计">—</td><td>—</td>');
    expect(html).not.toContain('data-v="120"');
    const en = reportHtml([{ file, error: null, tables: summarizeTables([grid], r.tables, 'en') }], { lang: 'en', profile: 'national' });
    expect(en).toContain(
      'title="The weights do not add up to 100: the sum 120.00 is no score out of 100, so no total and no grade">—</td><td>—</td>',
    );
  });
});

// End to end through the CLI: a budget-system export as .xls, as .xlsx with overlapping merges,
// as WPS .et (zip and BIFF); blank and filled self-evaluation sheets. Fixtures written by SheetJS.
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, type CliIO } from './main';
import { readWorkbookFile } from '../xlsx/read';
import { BUDGET_SHEETS, budgetExport, writeBook, wpsStyleZip } from '../../test/fixtures/sheetjs-books';

let dir: string;
const files: Record<string, string> = {};
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-cli-formats-'));
  const put = async (key: string, name: string, bytes: Buffer) => {
    files[key] = path.join(dir, name);
    await fsp.writeFile(files[key], bytes);
  };
  await put('xls', '部门预算-项目.xls', writeBook(budgetExport('filled'), 'xls'));
  await put('xlsx', '部门预算-项目.xlsx', writeBook(budgetExport('filled'), 'xlsx'));
  await put('blankXls', '部门预算-空白.xls', writeBook(budgetExport('blank'), 'xls'));
  await put('blankXlsx', '部门预算-空白.xlsx', writeBook(budgetExport('blank'), 'xlsx'));
  await put('et', 'WPS导出.et', wpsStyleZip());
  await put('etBiff', 'WPS旧版.et', writeBook(budgetExport('filled'), 'xls'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

interface JsonTable {
  sheet: string;
  kind: string;
  total: number | null;
  grade: string | null;
  findings: { rule: string; severity: string }[];
}

async function checkJson(file: string) {
  const r = await run(['check', file, '--json']);
  const doc = JSON.parse(r.stdout) as { files: { error: string | null; tables: JsonTable[]; warnings?: string[] }[] };
  return { ...r, file: doc.files[0] };
}

const SELF = '项目支出绩效自评表';

describe('check on budget-system exports', () => {
  it.each(['xls', 'xlsx', 'et', 'etBiff'])('%s: read, self-evaluation sheet scored, one merge warning on stderr', async (key) => {
    const { code, stderr, file } = await checkJson(files[key]);
    expect(file.error).toBeNull();
    expect([0, 1]).toContain(code);
    const self = file.tables.filter((t) => t.sheet === SELF);
    expect(self).toHaveLength(1);
    expect(self[0]).toMatchObject({ kind: 'project', total: 100, grade: '优' });
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^警告：.*的工作表「项目支出计划」有 3 处合并区域与前面的合并区域重叠/);
    expect(file.warnings).toEqual(lines);
  });

  it.each(['xls', 'xlsx'])('%s: the human output lists the self-evaluation table and exits 0/1, not 2', async (key) => {
    const r = await run(['check', files[key], '--lang', 'en']);
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toMatch(/sheet "项目支出绩效自评表"\n\s+A3:J23 {2}project {2}外事接待专项经费/);
    expect(r.stderr).toMatch(/^warning: .*sheet "项目支出计划" has 3 merged range\(s\) overlapping/);
  });

  // Wait on branch i8 (RULES.md §2.4): a blank template gets one table-not-filled finding, and
  // neither 绩效目标申报表 nor 绩效目标执行监控表 is read as a self-evaluation table.
  it.each(['blankXls', 'blankXlsx'])('%s: the blank template is recognised and gets table-not-filled only', async (key) => {
    const { code, file } = await checkJson(files[key]);
    expect(file.error).toBeNull();
    expect([0, 1]).toContain(code);
    const self = file.tables.filter((t) => t.sheet === SELF);
    expect(self).toHaveLength(1);
    expect(self[0].findings.map((f) => f.rule)).toEqual(['table-not-filled']);
  });

  it.each(['xls', 'xlsx', 'blankXls'])('%s: 绩效目标申报表 and 绩效目标执行监控表 are not self-evaluation tables', async (key) => {
    const { file } = await checkJson(files[key]);
    expect(file.tables.map((t) => t.sheet)).toEqual([SELF]);
  });

  it('checks all of them in one run', async () => {
    const r = await run(['check', files.xls, files.xlsx, files.et, files.etBiff]);
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toMatch(/汇总：4 个文件，\d+ 张表/);
    expect(r.stderr.trim().split('\n')).toHaveLength(4); // one merge warning per file, no unreadable one
  });
});

describe('fix on budget-system exports', () => {
  // a BIFF input is rebuilt and says what it loses; zip inputs (.xlsx, WPS zip .et) keep their styles
  it.each([
    ['xls', '.xls'],
    ['etBiff', '.et'],
    ['et', null],
    ['xlsx', null],
  ])('%s: writes a readable .xlsx with every sheet, says what was not kept', async (key, legacy) => {
    const out = path.join(dir, `${key}.checked.xlsx`);
    const before = await fsp.readFile(files[key]);
    const r = await run(['fix', files[key], '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已写出带批注的副本：${out}`);
    expect(r.stdout).toMatch(/注意：工作表「项目支出计划」重叠的合并区域 A1:H1, A4:B4, D3:E3 未保留/);
    if (legacy) expect(r.stdout).toContain(`注意：${legacy} 文件已写成 .xlsx：字体、边框`);
    else expect(r.stdout).not.toMatch(/文件已写成 \.xlsx/);
    expect(await fsp.readFile(files[key])).toEqual(before);
    const copy = await readWorkbookFile(out);
    expect(copy.format).toBe('xlsx');
    expect(copy.sheets.map((s) => s.name)).toEqual([...BUDGET_SHEETS]);
    expect(copy.warnings).toEqual([]); // the copy has no overlapping merges left
    const again = await checkJson(out);
    expect(again.file.tables.find((t) => t.sheet === SELF)).toMatchObject({ kind: 'project', total: 100, grade: '优' });
  });

  it('--json lists what was not kept', async () => {
    const out = path.join(dir, 'json.checked.xlsx');
    const r = await run(['fix', files.xls, '-o', out, '--json', '--lang', 'en']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.output).toBe(out);
    expect(doc.notKept[0]).toMatch(/^the \.xls file is written as \.xlsx: fonts, borders/);
  });

  it.each([
    ['zh', 'x.xls', /^ziping: |fix 只写出 \.xlsx 文件，不能写成 \.xls/],
    ['en', 'x.et', /fix writes \.xlsx files only, not \.et/],
  ])('refuses -o %s %s with exit 2 and writes nothing', async (lang, name, re) => {
    const out = path.join(dir, name);
    const r = await run(['fix', files.xls, '-o', out, '--lang', lang]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(re);
    await expect(fsp.stat(out)).rejects.toThrow();
  });
});

// The seeds' Word reports end to end: `ziping check` (text and --json), `fix` refusing a .docx, and
// `ziping report` over a folder of mixed .xlsx and .docx submissions (issue 23, RULES.md §7).
import { existsSync, promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main, type CliIO } from '../../src/cli/main';
import { single, workbookBuffer } from '../fixtures/build';
import { yuxiEducation } from '../fixtures/tables';
import { SEED_REPORTS, wordReport } from '../fixtures/docx';

let dir: string;
let sub: string;
const files: Record<string, string> = {};

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A compound file holding a WordDocument stream, as Word 97-2003 writes (the sniffer reads no further). */
const legacyDoc = () =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    Buffer.from('WordDocument', 'utf16le'),
    Buffer.alloc(512),
  ]);

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-docx-'));
  sub = path.join(dir, '报送材料');
  await fsp.mkdir(path.join(sub, '江西'), { recursive: true });
  files.fengtai = path.join(sub, '丰台外办项目支出绩效评价报告.docx');
  files.jiangxi = path.join(sub, '江西', '对外合作交流绩效评价报告.docx');
  files.wanzhou = path.join(sub, '万州外办整体支出绩效评价报告.docx');
  files.yuxi = path.join(sub, '玉溪教育.xlsx');
  files.legacy = path.join(sub, '旧版报告.doc');
  await fsp.writeFile(files.fengtai, await wordReport(SEED_REPORTS.fengtai()));
  await fsp.writeFile(files.jiangxi, await wordReport(SEED_REPORTS.jiangxi()));
  await fsp.writeFile(files.wanzhou, await wordReport(SEED_REPORTS.wanzhou()));
  await fsp.writeFile(files.yuxi, await workbookBuffer([single(yuxiEducation)]));
  await fsp.writeFile(files.legacy, legacyDoc());
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

type JsonFinding = { rule: string; severity: string; cell: string | null; where?: string; quote?: string; tableCell?: string; message: string };
type JsonDoc = {
  files: {
    file: string;
    error: string | null;
    format?: string;
    findings?: JsonFinding[];
    tables: { sheet: string; kind: string; total: number; findings: JsonFinding[] }[];
  }[];
};

const reportRules = (d: JsonDoc) =>
  d.files.flatMap((f) => [...(f.findings ?? []), ...f.tables.flatMap((t) => t.findings)]).filter((x) => x.rule.startsWith('report-'));

describe('ziping check on Word reports', () => {
  it('004: the 93.9 / 93 mismatch at its paragraph, with cell null, where, quote and the table cell', async () => {
    const r = await run(['check', files.jiangxi, '--json']);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout) as JsonDoc;
    expect(d.files[0]).toMatchObject({ error: null, format: 'docx', findings: [] });
    expect(d.files[0].tables.map((t) => [t.sheet, t.kind, t.total])).toEqual([
      ['表1', 'rubric', 93],
      ['表2', 'rubric', 93],
    ]);
    const found = reportRules(d);
    expect(found).toEqual([expect.objectContaining({ rule: 'report-mismatch', severity: 'error', cell: null, where: '第38段', tableCell: 'G32' })]);
    expect(found[0].quote).toBe('此项自评得分93.9分，为优秀等级。');
    expect(d.files[0].tables[1].findings).toContainEqual(found[0]);
  });
  it('000 and 001: nothing false on the text (000 table and text agree; 001 parts add up, no table)', async () => {
    const r = await run(['check', files.fengtai, files.wanzhou, '--json']);
    const d = JSON.parse(r.stdout) as JsonDoc;
    expect(reportRules(d)).toEqual([]);
    expect(d.files[0].tables.map((t) => t.sheet)).toEqual(['表1']);
    expect(d.files[1]).toMatchObject({ error: null, tables: [], findings: [] });
  });
  it('prints text findings by paragraph in the human listing', async () => {
    const r = await run(['check', files.jiangxi]);
    expect(r.stdout).toMatch(/第38段\s+错误\s+report-mismatch\s+正文第38段写“自评得分93\.9分”，而表2 G32 的总分为 93 分/);
    const en = await run(['check', files.jiangxi, '--lang', 'en']);
    expect(en.stdout).toMatch(/paragraph 38 error {2}report-mismatch {2}Paragraph 38 states "自评得分93\.9分"/);
  });
  it('--disable report-mismatch is accepted and switches it off', async () => {
    const r = await run(['check', files.jiangxi, '--json', '--disable', 'report-mismatch']);
    expect(reportRules(JSON.parse(r.stdout) as JsonDoc)).toEqual([]);
  });
  it('a legacy .doc gets one line asking for .docx', async () => {
    const r = await run(['check', files.legacy]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/旧版报告\.doc.*另存为 \.docx/)]);
  });
});

describe('ziping fix on a Word report', () => {
  it('refuses with a reason and writes nothing', async () => {
    const out = path.join(dir, 'out.xlsx');
    const r = await run(['fix', files.jiangxi, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Word 报告（\.docx）：fix 只为 Excel 工作簿写出带批注的副本/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('ziping report over mixed .xlsx and .docx submissions', () => {
  it('one row per table, the text finding in 问题清单 and the HTML, .doc and table-less reports listed', async () => {
    const out = path.join(dir, '汇总.xlsx');
    const html = path.join(dir, '报告.html');
    const r = await run(['report', sub, '-o', out, '--html', html, '--jobs', '1']);
    expect(r.code).toBe(2); // the .doc cannot be read
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const text = (v: unknown) => (v && typeof v === 'object' && 'text' in (v as object) ? (v as { text: string }).text : v);
    const sheetRows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row, n) => {
        if (n > 1) out.push((row.values as unknown[]).slice(1).map(text));
      });
      return out;
    };
    const summary = sheetRows('汇总');
    // the walk's order (names sorted, folders entered in place); the table-less 001 has no row
    expect(summary.map((x) => [x[0], x[1]])).toEqual([
      ['丰台外办项目支出绩效评价报告.docx', '表1'],
      ['对外合作交流绩效评价报告.docx', '表1'],
      ['对外合作交流绩效评价报告.docx', '表2'],
      ['玉溪教育.xlsx', 'yuxiEducation'],
    ]);
    const findings = sheetRows('问题清单');
    const mismatch = findings.filter((x) => x[4] === 'report-mismatch');
    expect(mismatch).toEqual([
      [
        '对外合作交流绩效评价报告.docx',
        '表2',
        '第38段',
        '错误',
        'report-mismatch',
        '报告正文与表格不符',
        expect.stringContaining('93.9'),
        '对外合作交流、外事侨务综合事务管理',
      ],
    ]);
    expect(findings.filter((x) => x[4] === 'report-sum')).toEqual([]);
    const unreadable = sheetRows('无法读取');
    expect(unreadable.map((x) => [path.basename(String(x[0])), x[1]])).toEqual([['旧版报告.doc', '无法读取']]);
    // a readable report without a table stands on its own sheet, not among the unreadable (issue 19)
    expect(sheetRows('未识别到表').map((x) => [path.basename(String(x[0])), x[1]])).toEqual([
      ['万州外办整体支出绩效评价报告.docx', '未识别到绩效自评表'],
    ]);
    const page = await fsp.readFile(html, 'utf8');
    expect(page).toMatch(/<table id="text-findings">.*第38段.*93\.9/s);
  });
});

import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { makeCorpus, type Corpus } from '../../test/support/report-corpus';
import { workbookBuffer } from '../../test/fixtures/build';
import { yuxiEducation } from '../../test/fixtures/tables';
import { toWan } from '../core/units';
import { REPORT_EXTENSIONS, collectInputs } from '../report/inputs';
import { reportHtml } from '../report/html';
import { SUMMARY_HEADERS } from '../report/labels';
import { checkFiles } from '../report/pool';
import { main, type CliIO } from './main';
import { parseReportArgs, runReport, type ReportArgs } from './report';

let dir: string;
let corpus: Corpus;

interface CheckDoc {
  files: { file: string; tables: { sheet: string; findings: { rule: string; severity: string; cell: string; message: string }[] }[] }[];
}

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-report-'));
  corpus = await makeCorpus(path.join(dir, 'in'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], opts: { tty?: boolean; stream?: NodeJS.WritableStream } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTTY: Boolean(opts.tty) };
  const code = argv[0] === 'report' && opts.stream ? await runReport(argv.slice(1), io, { progressStream: opts.stream }) : await main(argv, io);
  return { code, stdout, stderr };
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A sheet's rows as arrays of plain values (hyperlinks → their text), header included. */
function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row) => {
    const vals: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value as unknown;
      vals.push(v && typeof v === 'object' && 'hyperlink' in (v as object) ? (v as { text: string }).text : (v ?? null));
    }
    out.push(vals);
  });
  return out;
}

describe('inputs', () => {
  it('walks folders recursively for the workbook extensions, sorted, skipping lock and hidden files', async () => {
    expect(REPORT_EXTENSIONS).toEqual(['.xlsx', '.xls', '.et', '.xlsm', '.xlsb', '.docx', '.doc', '.wps']);
    expect(await collectInputs([corpus.root])).toEqual(corpus.found);
  });

  it('keeps explicit paths as given, once, also missing ones', async () => {
    const office = corpus.found.find((f) => f.endsWith('office.xlsx'))!;
    const missing = path.join(dir, 'nope.xlsx');
    const txt = path.join(corpus.root, '玉溪', 'readme.txt');
    expect(await collectInputs([office, missing, office, txt])).toEqual([office, missing, txt]);
  });
});

describe('arguments', () => {
  it('parses report options with util.parseArgs', () => {
    const a = parseReportArgs([
      'x',
      'y',
      '-o',
      'o.xlsx',
      '--html=r.html',
      '--pdf',
      'r.pdf',
      '--jobs',
      '3',
      '--lang',
      'en',
      '--disable',
      'operator-assumed,level1-weights',
      '--profile',
      'beijing',
    ]);
    expect(a).toEqual({
      inputs: ['x', 'y'],
      output: 'o.xlsx',
      html: 'r.html',
      pdf: 'r.pdf',
      profile: 'beijing',
      lang: 'en',
      jobs: 3,
      disable: ['operator-assumed', 'level1-weights'],
    });
    expect(parseReportArgs(['--help'])).toBe('help');
    expect(parseReportArgs(['x', '--version'])).toBe('version');
    expect((parseReportArgs(['x', '-o', 'o.xlsx']) as ReportArgs).jobs).toBeNull(); // automatic
  });

  it.each([
    [['-o', 'o.xlsx'], /至少一个文件或文件夹/],
    [['in'], /需要 -o/],
    [['in', '-o', 'o.xlsx', '--jobs', '0'], /--jobs 需要一个正整数，收到 0/],
    [['in', '-o', 'o.xlsx', '--jobs', 'many'], /--jobs 需要一个正整数/],
    [['in', '-o', 'o.xlsx', '--frobnicate'], /未知选项：--frobnicate/],
    [['in', '-o'], /选项 -o 需要一个值/],
    [['in', '-o', 'o.xlsx', '--jobs=-1'], /--jobs 需要一个正整数，收到 -1/],
    [['in', '-o', 'o.xlsx', '--html'], /选项 --html 需要一个值/],
    [['in', '-o', '--html', 'r.html'], /选项 -o 需要一个值/],
    [['in', '-o', 'o.xlsx', '--lang', 'fr'], /--lang 只能是 zh 或 en/],
    [['in', '-o', 'o.xlsx', '--disable', 'no-such-rule'], /未知的规则编号：no-such-rule/],
    [['in', '-o', 'o.xlsx', '--profile', 'mars'], /找不到评分口径「mars」/],
  ])('refuses %j with exit code 2 and a message', async (argv, msg) => {
    const r = await run(['report', ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stdout).toBe('');
  });

  it('prints its help, and the main help names it', async () => {
    const h = await run(['report', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/ziping report <文件或文件夹>\.\.\. -o <汇总\.xlsx>/);
    expect((await run(['--help'])).stdout).toMatch(/ziping report/);
    expect((await run(['report', '--help', '--lang', 'en'])).stdout).toMatch(/Usage:[\s\S]*--jobs/);
    const v = await run(['report', 'in', '--version']);
    expect([v.code, v.stdout]).toEqual([
      0,
      `ziping ${JSON.parse(await fsp.readFile(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version}\n`,
    ]);
  });
});

describe('report', () => {
  let out: string;
  let res: { code: number; stdout: string; stderr: string };
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    out = path.join(corpus.root, 'summary.xlsx'); // inside the walked folder: never read back
    // twice: the second run must not pick up the first run's summary
    await run(['report', corpus.root, '-o', out, '--jobs', '1']);
    res = await run(['report', corpus.root, '-o', out, '--jobs', '1']);
    wb = await load(out);
  });

  it('exits 2 when a file is unreadable, names it on stderr, and still reports the others', async () => {
    expect(res.code).toBe(2);
    for (const f of corpus.unreadable) expect(res.stderr).toContain(`无法读取 ${f}：`);
    // plain progress lines when stderr is not a terminal
    expect(res.stderr).toContain(`[1/${corpus.found.length}] `);
    expect(res.stderr).toContain(`[${corpus.found.length}/${corpus.found.length}] `);
    expect(res.stdout).toMatch(new RegExp(`汇总：${corpus.found.length} 个文件（2 个无法读取）`));
    expect(res.stdout).toContain(`已写出汇总工作簿：${out}`);
  });

  it('has one 汇总 row per table that check --json reports for the same inputs', async () => {
    const check = await run(['check', ...corpus.found, '--json']);
    expect(check.code).toBe(2);
    const doc = JSON.parse(check.stdout);
    const expected: unknown[][] = [];
    for (const f of doc.files) {
      for (const t of f.tables) {
        const sev = (s: string) => t.findings.filter((x: { severity: string }) => x.severity === s).length;
        expected.push([
          path.basename(f.file),
          t.sheet,
          t.range,
          t.projectName,
          toWan(t.funds?.budget, t.funds?.unit ?? null),
          toWan(t.funds?.spent, t.funds?.unit ?? null),
          t.funds?.executionRate ?? null,
          t.weightsTotal,
          // weights that do not add up: null in --json, "—" in the workbook (§4.5)
          t.total ?? (t.withheldTotal !== undefined ? '—' : null),
          t.grade ?? (t.withheldTotal !== undefined ? '—' : null),
          sev('error'),
          sev('warning'),
          sev('info'),
        ]);
      }
    }
    expect(expected.length).toBeGreaterThanOrEqual(8);
    // Fengtai (weights 120) is among them: its total and grade are "—"
    expect(expected.filter((e) => e[8] === '—' && e[9] === '—')).toHaveLength(1);
    const got = rows(wb.getWorksheet('汇总')!)
      .slice(1)
      .map((r) => [r[0], r[1], r[2], r[6], r[7], r[8], r[9], r[10], r[11], r[13], r[15], r[16], r[17]]);
    expect(got).toEqual(expected);
    // and the findings sheet has one row per finding of check --json
    const findings = (doc as CheckDoc).files.flatMap((f) =>
      f.tables.flatMap((t) => t.findings.map((x) => [path.basename(f.file), t.sheet, x.cell, x.rule, x.message])),
    );
    expect(
      rows(wb.getWorksheet('问题清单')!)
        .slice(1)
        .map((r) => [r[0], r[1], r[2], r[4], r[6]]),
    ).toEqual(findings);
  });

  it('the 汇总 sheet reads department, unit, entered total and grade from the tables, in Chinese', () => {
    const ws = wb.getWorksheet('汇总')!;
    const all = rows(ws);
    expect(all[0]).toEqual([
      '文件',
      '工作表',
      '区域',
      '类型',
      '主管部门',
      '实施单位',
      '项目名称',
      '预算数(万元)',
      '执行数(万元)',
      '执行率',
      '分值合计',
      '计算总分',
      '填报总分',
      '计算等级',
      '填报等级',
      '错误',
      '警告',
      '提示',
      '主要问题',
    ]);
    const office = all.find((r) => r[0] === 'office.xlsx')!;
    expect(office.slice(1, 7)).toEqual([
      '办公',
      expect.stringMatching(/^B\d+:K\d+$/),
      '项目支出',
      '玉溪市人民政府外事办公室',
      '玉溪市人民政府外事办公室',
      '办公场地修葺及搬迁专项经费',
    ]);
    expect(office[9]).toBe(0); // 执行率 0.00 / 5.00
    expect(office[12]).toBe(90); // 填报总分 as written
    expect(office[14]).toBe('优'); // 填报等级 as written
    expect(office[15]).toBeGreaterThan(0);
    expect(String(office[18])).toMatch(/^[A-Z]+\d+ /); // first problems name their cell
    const fengtai = all.find((r) => r[0] === 'fengtai.xlsx')!;
    expect(fengtai[4]).toBe('北京市丰台区人民政府外事办公室');
    expect(fengtai[5]).toBe('区政府外办');
    const dept = all.find((r) => r[3] === '部门整体支出')!;
    expect(dept[4]).toBe('玉溪市人民政府外事办公室'); // 部门名称
    const rubric = all.find((r) => r[0] === 'rubric.xlsx')!;
    expect(rubric[4]).toBe('江西省人民政府外事办公室');
    expect(rubric[5]).toBe('江西省人民政府外事办公室本级'); // 项目实施单位
  });

  it('is a workbook another reader opens too (SheetJS), with the same rows', async () => {
    const x = XLSX.read(await fsp.readFile(out));
    expect(x.SheetNames).toEqual(['汇总', '问题清单', '无法读取', '未识别到表']);
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(x.Sheets['汇总'], { header: 1 });
    expect(aoa.length).toBe(wb.getWorksheet('汇总')!.rowCount);
    expect(aoa[0]).toEqual(SUMMARY_HEADERS.zh);
    expect(x.Sheets['汇总']['!autofilter']).toEqual({ ref: `A1:S${aoa.length}` });
  });

  it('formats the 汇总 sheet: frozen header, autofilter, 0.00% rates, fills for errors', () => {
    const ws = wb.getWorksheet('汇总')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:S${ws.rowCount}`);
    const fill = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? null;
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      expect(row.getCell(10).numFmt).toBe('0.00%');
      expect(row.getCell(8).numFmt).toBe('#,##0.00');
      const errors = row.getCell(16).value as number;
      expect(fill(row.getCell(16))).toBe(errors > 0 ? 'FFFFC7CE' : null);
    }
    const link = ws.getRow(2).getCell(1).value as ExcelJS.CellHyperlinkValue;
    expect(link.hyperlink).toMatch(/\.xlsx#'.+'!B?[A-Z]+\d+$/);
  });

  it('问题清单 links every finding back to its file and cell', () => {
    const ws = wb.getWorksheet('问题清单')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.rowCount).toBeGreaterThan(5);
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const link = row.getCell(1).value as ExcelJS.CellHyperlinkValue;
      const cell = row.getCell(3).value as string;
      // relative to the summary's folder, with the sheet and cell
      expect(link.hyperlink).toBe(`${link.hyperlink.split('#')[0]}#'${row.getCell(2).value}'!${cell}`);
      expect(link.hyperlink).not.toMatch(/^\//);
      expect(['错误', '警告', '提示']).toContain(row.getCell(4).value);
    }
    const target = (ws.getRow(2).getCell(1).value as ExcelJS.CellHyperlinkValue).hyperlink.split('#')[0];
    expect(corpus.found.map((f) => path.relative(corpus.root, f).split(path.sep).join('/'))).toContain(target);
  });

  it('无法读取 lists only the unreadable files, with the reader message; 未识别到表 the files without a table', () => {
    const r = rows(wb.getWorksheet('无法读取')!);
    expect(r[0]).toEqual(['文件', '情况', '原因']);
    const bad = r.slice(1);
    expect(bad.every((x) => x[1] === '无法读取')).toBe(true);
    expect(bad.map((x) => x[0])).toEqual(corpus.found.filter((f) => corpus.unreadable.includes(f)));
    expect(String(bad.find((x) => String(x[0]).endsWith('.xls'))![2])).toMatch(/Excel/); // the reader's own message
    const none = rows(wb.getWorksheet('未识别到表')!);
    expect(none[0]).toEqual(['文件', '情况']);
    expect(none.slice(1).map((x) => x[0])).toEqual(corpus.noTables);
    expect(none.slice(1).every((x) => x[1] === '未识别到绩效自评表')).toBe(true);
  });

  it('writes English headers and messages with --lang en', async () => {
    const o = path.join(dir, 'en.xlsx');
    const r = await run(['report', path.join(corpus.root, '玉溪'), '-o', o, '--lang', 'en', '--jobs', '1']);
    expect(r.code).toBe(2); // legacy.xls
    expect(r.stdout).toMatch(/Summary: \d+ file\(s\) \(1 unreadable\)/);
    const en = await load(o);
    expect(en.worksheets.map((w) => w.name)).toEqual(['Summary', 'Findings', 'Unreadable', 'No table']);
    expect(rows(en.getWorksheet('Summary')!)[0][9]).toBe('Execution rate');
    const msgs = rows(en.getWorksheet('Findings')!)
      .slice(1)
      .map((x) => String(x[6]));
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.some((m) => /[\u4e00-\u9fff]{6,}/.test(m.replace(/"[^"]*"|「[^」]*」/g, '')))).toBe(false);
  });

  it('exits 0 without errors and 1 with errors, as check', async () => {
    const clean = corpus.found.find((f) => f.endsWith('clean.xlsx'))!;
    const office = corpus.found.find((f) => f.endsWith('office.xlsx'))!;
    const o = path.join(dir, 'codes.xlsx');
    const checkClean = await run(['check', clean]);
    expect((await run(['report', clean, '-o', o, '--jobs', '1'])).code).toBe(checkClean.code);
    expect(checkClean.code).toBe(0);
    expect((await run(['report', office, '-o', o, '--jobs', '1'])).code).toBe(1);
    const noDir = await run(['report', office, '-o', path.join(dir, 'no', 'such', 'dir', 'x.xlsx'), '--jobs', '1']);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/无法写出 .*x\.xlsx：/);
    const noHtml = await run(['report', office, '-o', o, '--html', path.join(dir, 'no', 'such', 'r.html'), '--jobs', '1']);
    expect(noHtml.code).toBe(2);
    expect(noHtml.stderr).toMatch(/无法写出 .*r\.html：/);
    // a failed write leaves no temporary file behind
    expect((await fsp.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const none = await run(['report', path.join(dir, 'empty-folder-that-does-not-exist'), '-o', o]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('文件不存在');
  });

  it('passes the profile and disabled rules to the engine', async () => {
    const o = path.join(dir, 'disabled.xlsx');
    await run(['report', corpus.root, '-o', o, '--jobs', '1', '--disable', 'operator-assumed', '--profile', 'beijing']);
    const r = rows((await load(o)).getWorksheet('问题清单')!).slice(1);
    expect(r.some((x) => x[4] === 'operator-assumed')).toBe(false);
    const check = JSON.parse(
      (await run(['check', ...corpus.found, '--json', '--disable', 'operator-assumed', '--profile', 'beijing'])).stdout,
    ) as CheckDoc;
    const n = check.files.reduce((a, f) => a + f.tables.reduce((b, t) => b + t.findings.length, 0), 0);
    expect(r.length).toBe(n);
  });
});

describe('worker pool', () => {
  it('checks on worker threads and returns the same summaries as in this thread', async () => {
    const base = { disabledRules: [], lang: 'zh' as const };
    const seen: number[] = [];
    let inWorkers = 0;
    const pooled = await checkFiles(corpus.found, base, {
      jobs: 3,
      onDone: (_s, done, _n, inWorker) => {
        seen.push(done);
        if (inWorker) inWorkers++;
      },
    });
    // two worker threads and this one share the files
    expect(inWorkers).toBeGreaterThanOrEqual(2);
    const inline = await checkFiles(corpus.found, base, { jobs: 1 });
    expect(pooled).toEqual(inline);
    expect(pooled.map((s) => s.file)).toEqual(corpus.found);
    expect(seen).toEqual(corpus.found.map((_f, i) => i + 1));
    expect(inline.flatMap((s) => s.tables).length).toBeGreaterThan(5);
  });

  it('the report over the pool writes the same workbook rows as with one job', async () => {
    const a = path.join(dir, 'pool-a.xlsx');
    const b = path.join(dir, 'pool-b.xlsx');
    const ra = await run(['report', corpus.root, '-o', a, '--jobs', '2']);
    const rb = await run(['report', corpus.root, '-o', b, '--jobs', '1']);
    expect(ra.code).toBe(rb.code);
    const wa = await load(a);
    const wb2 = await load(b);
    for (const name of ['汇总', '问题清单', '无法读取']) expect(rows(wa.getWorksheet(name)!)).toEqual(rows(wb2.getWorksheet(name)!));
  });
});

describe('progress', () => {
  it('draws a cli-progress bar on a terminal and names unreadable files after it', async () => {
    let drawn = '';
    const tty = Object.assign(
      new Writable({
        write(chunk, _enc, cb) {
          drawn += chunk.toString();
          cb();
        },
      }),
      { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
    );
    const o = path.join(dir, 'tty.xlsx');
    const n = (await collectInputs([corpus.root])).length;
    const r = await run(['report', corpus.root, '-o', o, '--jobs', '1'], { tty: true, stream: tty });
    expect(r.code).toBe(2);
    expect(drawn).toMatch(new RegExp(`█ ${n}/${n}`));
    expect(drawn).toContain('░');
    expect(r.stderr).not.toContain('[1/'); // no plain lines on a terminal
    for (const f of corpus.unreadable) expect(r.stderr).toContain(`无法读取 ${f}`);
  });
});

describe('a file given twice and a single clean file', () => {
  it('reports a file once and one row for its one table', async () => {
    const f = path.join(dir, 'one.xlsx');
    await fsp.writeFile(f, await workbookBuffer([{ name: '教育', placed: [{ table: yuxiEducation, at: 'A1' }] }]));
    const o = path.join(dir, 'one-summary.xlsx');
    expect((await run(['report', f, f, '-o', o, '--jobs', '1'])).code).toBe(0);
    const r = rows((await load(o)).getWorksheet('汇总')!);
    expect(r.length).toBe(2);
    expect(rows((await load(o)).getWorksheet('无法读取')!).length).toBe(1);
  });
});

/** The finding rows of the HTML report: file, sheet, cell, severity, rule, message (entities decoded). */
function htmlFindings(doc: string): string[][] {
  const un = (x: string) =>
    x.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] as string);
  const re =
    /<tr class="finding [^"]*" data-sev="[^"]*" data-rule="([^"]*)" data-file="([^"]*)" data-sheet="([^"]*)" data-cell="([^"]*)"><td>([^<]*)<\/td><td[^>]*>[^<]*<\/td><td[^>]*>[^<]*<\/td><td>([^<]*)<\/td><\/tr>/g;
  return [...doc.matchAll(re)].map((m) => [path.basename(un(m[2])), un(m[3]), un(m[4]), un(m[5]), un(m[1]), un(m[6])]);
}

describe('the HTML report and the summary workbook', () => {
  it('list the same findings, one to one, in the same order (file, sheet, cell, severity, rule, message)', async () => {
    const o = path.join(dir, 'same.xlsx');
    const h = path.join(dir, 'same.html');
    const r = await run(['report', corpus.root, '-o', o, '--html', h, '--jobs', '1']);
    expect(r.code).toBe(2);
    const fromSheet = rows((await load(o)).getWorksheet('问题清单')!)
      .slice(1)
      .map((x) => [x[0], x[1], x[2], x[3], x[4], x[6]]);
    const fromHtml = htmlFindings(await fsp.readFile(h, 'utf8'));
    expect(fromSheet.length).toBeGreaterThan(20);
    expect(fromHtml).toEqual(fromSheet);
    expect(new Set(fromHtml.map((x) => x[3]))).toEqual(new Set(['错误', '警告', '提示']));
  });

  it("names the profile by its label and gives amounts in 万元 converted from each table's unit", async () => {
    const h = path.join(dir, 'units.html');
    const o = path.join(dir, 'units.xlsx');
    await run(['report', corpus.root, '-o', o, '--html', h, '--jobs', '1', '--profile', 'beijing']);
    const doc = await fsp.readFile(h, 'utf8');
    expect(doc).toContain('评分口径 北京（丰台填报注意事项）');
    expect(doc).not.toMatch(/评分口径 beijing/);
    // the budget total card is the sum of the 汇总 sheet's 预算数(万元) column
    const sum = rows((await load(o)).getWorksheet('汇总')!)
      .slice(1)
      .filter((x) => x[7] !== null && x[8] !== null)
      .reduce((a, x) => a + Number(x[7]), 0);
    const card = /data-total="预算合计\(万元\)"><b>([^<]+)<\/b>/.exec(doc)![1];
    expect(Number(card.replace(/,/g, ''))).toBeCloseTo(sum, 2);
  });

  it('reportHtml sums and sorts amounts only after converting them to 万元', () => {
    const t = (budget: number, unit: '元' | '万元' | null, name: string) => ({
      sheet: 'S',
      range: 'A1:J20',
      kind: 'project' as const,
      projectName: name,
      department: null,
      unit: null,
      budget,
      spent: budget,
      amountUnit: unit,
      budgetWan: toWan(budget, unit),
      spentWan: toWan(budget, unit),
      executionRate: 1,
      weightsTotal: 100,
      total: 100,
      enteredTotal: null,
      grade: '优',
      enteredGrade: null,
      errors: 0,
      warnings: 0,
      infos: 0,
      findings: [],
    });
    const doc = reportHtml([{ file: '/s/a.xlsx', error: null, tables: [t(120000, '元', '甲'), t(5, '万元', '乙'), t(3, null, '丙')] }], {
      lang: 'zh',
      profile: 'x',
    });
    expect(doc).toContain('data-total="预算合计(万元)"><b>20.00</b>');
    expect(doc).toContain('data-v="12" title="原表：120,000.00 元">12.00</td>');
  });
});

describe('output paths are checked before any file is read', () => {
  const office = () => corpus.found.find((f) => f.endsWith('office.xlsx'))!;
  const leftovers = async (d: string) => (await fsp.readdir(d)).filter((f) => /\.(tmp|probe)|tmp\.(html|pdf)$/.test(f));

  it.each([
    [
      'a missing folder for -o',
      (d: string) => ['-o', path.join(d, 'missing', 'x.xlsx')],
      /^ziping: 无法写出 .*missing\/x\.xlsx：文件夹 .*missing 不存在\n$/,
    ],
    [
      'a missing folder for --html',
      (d: string) => ['-o', path.join(d, 'ok.xlsx'), '--html', path.join(d, 'missing', 'r.html')],
      /^ziping: 无法写出 .*r\.html：文件夹 .*missing 不存在\n$/,
    ],
    ['a wrong extension for -o', (d: string) => ['-o', path.join(d, 'x.csv')], /^ziping: -o 须是 \.xlsx 文件：.*x\.csv\n$/],
    [
      'a wrong extension for --html',
      (d: string) => ['-o', path.join(d, 'ok.xlsx'), '--html', path.join(d, 'r.txt')],
      /^ziping: --html 须是 \.html 文件：.*r\.txt\n$/,
    ],
    [
      'a wrong extension for --pdf',
      (d: string) => ['-o', path.join(d, 'ok.xlsx'), '--pdf', path.join(d, 'r.html')],
      /^ziping: --pdf 须是 \.pdf 文件：.*r\.html\n$/,
    ],
    [
      'a file where a folder should be',
      (d: string) => ['-o', path.join(d, 'plain.txt', 'x.xlsx')],
      /^ziping: 无法写出 .*x\.xlsx：.*plain\.txt 不是文件夹\n$/,
    ],
    ['a folder as the target', (d: string) => ['-o', path.join(d, 'sub.xlsx')], /^ziping: 无法写出 .*sub\.xlsx：这是一个文件夹\n$/],
  ])('%s: one line, exit 2, nothing read, nothing written', async (_name, args, message) => {
    const d = await fsp.mkdtemp(path.join(dir, 'out-'));
    await fsp.writeFile(path.join(d, 'plain.txt'), 'x');
    await fsp.mkdir(path.join(d, 'sub.xlsx'));
    const r = await run(['report', office(), ...args(d), '--jobs', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect((await fsp.readdir(d)).sort()).toEqual(['plain.txt', 'sub.xlsx']);
  });

  it('says so when no browser can print the PDF, before reading any file, and writes nothing', async () => {
    const d = await fsp.mkdtemp(path.join(dir, 'pdf-'));
    const before = process.env.ZIPING_BROWSER;
    process.env.ZIPING_BROWSER = path.join(d, 'no-such-browser');
    try {
      const r = await run(['report', office(), '-o', path.join(d, 'x.xlsx'), '--html', path.join(d, 'r.html'), '--pdf', path.join(d, 'r.pdf')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`ziping: 找不到 ZIPING_BROWSER=${path.join(d, 'no-such-browser')} 指定的浏览器，无法写出 PDF\n`);
    } finally {
      if (before === undefined) delete process.env.ZIPING_BROWSER;
      else process.env.ZIPING_BROWSER = before;
    }
    expect(await fsp.readdir(d)).toEqual([]);
  });

  it('a browser that prints nothing fails the run and leaves none of the outputs', async () => {
    const d = await fsp.mkdtemp(path.join(dir, 'pdf-'));
    const before = process.env.ZIPING_BROWSER;
    process.env.ZIPING_BROWSER = process.platform === 'win32' ? 'C:\\Windows\\System32\\where.exe' : '/bin/true';
    try {
      const r = await run([
        'report',
        office(),
        '-o',
        path.join(d, 'x.xlsx'),
        '--html',
        path.join(d, 'r.html'),
        '--pdf',
        path.join(d, 'r.pdf'),
        '--jobs',
        '1',
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/ziping: 无法写出 PDF .*r\.pdf：浏览器打印失败（.*wrote no PDF）\n$/);
      expect(r.stdout).toBe('');
    } finally {
      if (before === undefined) delete process.env.ZIPING_BROWSER;
      else process.env.ZIPING_BROWSER = before;
    }
    expect(await fsp.readdir(d)).toEqual([]);
    expect(await leftovers(dir)).toEqual([]);
  });
});

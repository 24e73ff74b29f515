import { execFile, execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { promises as fsp, statSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import { PROFILES } from '../core';
import { stack, workbookBuffer, type SheetSpec } from '../../test/fixtures/build';
import {
  budgetList,
  fengtaiNotes,
  jiangxiRubric,
  meetingMinutes,
  yuxiDepartment,
  yuxiEducation,
  yuxiFestival,
  yuxiOffice,
  yuxiReception,
} from '../../test/fixtures/tables';
import { main, type CliIO } from './main';

const ROOT = path.resolve(__dirname, '..', '..');
let dir: string;
const files: Record<string, string> = {};

async function make(name: string, specs: SheetSpec[]): Promise<string> {
  const file = path.join(dir, name);
  await fsp.writeFile(file, await workbookBuffer(specs));
  return file;
}

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-cli-'));
  files.clean = await make('clean.xlsx', [{ name: '教育', placed: [{ table: yuxiEducation, at: 'A1' }] }]);
  files.office = await make('office.xlsx', [{ name: '办公', placed: [{ table: yuxiOffice, at: 'B2' }] }]);
  files.festival = await make('festival.xlsx', [{ name: '联欢', placed: [{ table: yuxiFestival, at: 'A1' }] }]);
  files.mixed = await make('mixed.xlsx', [
    { name: '项目', placed: stack([yuxiOffice, yuxiReception], 'A1', 2) },
    { name: '部门', placed: [{ table: yuxiDepartment, at: 'A1' }] },
    { name: '评分', placed: [{ table: jiangxiRubric, at: 'A1' }] },
    { name: '说明', placed: [{ table: fengtaiNotes, at: 'A1' }] },
  ]);
  files.decoys = await make('decoys.xlsx', [
    { name: '预算', placed: [{ table: budgetList, at: 'A1' }] },
    { name: '纪要', placed: [{ table: meetingMinutes, at: 'A1' }] },
  ]);
  files.missing = path.join(dir, 'missing.xlsx');
  files.csv = path.join(dir, 'table.csv');
  await fsp.writeFile(files.csv, '项目名称,分值\n外事接待专项经费,10\n');
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], tty = false) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTTY: tty };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

async function json(argv: string[]) {
  const r = await run([...argv, '--json']);
  return { ...r, doc: JSON.parse(r.stdout) };
}

describe('help and usage errors', () => {
  it('prints help and version', async () => {
    const h = await run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/ziping check <文件\.xlsx>\.\.\./);
    expect((await run(['-h', '--lang', 'en'])).stdout).toMatch(/Usage:[\s\S]*ziping fix <file\.xlsx> -o <out\.xlsx>/);
    const v = await run(['--version']);
    expect(v.code).toBe(0);
    const pkg = JSON.parse(await fsp.readFile(path.join(ROOT, 'package.json'), 'utf8'));
    expect(v.stdout.trim()).toBe(`ziping ${pkg.version}`);
  });

  it.each([
    [[], /请指定命令/],
    [['lint', 'a.xlsx'], /未知命令：lint/],
    [['check'], /至少一个/],
    [['check', 'a.xlsx', '--frobnicate'], /未知选项：--frobnicate/],
    [['check', 'a.xlsx', '--lang', 'fr'], /zh 或 en/],
    [['check', 'a.xlsx', '--profile'], /需要一个值/],
    [['check', 'a.xlsx', '--disable', 'score-mismatch,no-such-rule'], /未知的规则编号：no-such-rule/],
    [['fix', 'a.xlsx'], /-o/],
    [['fix', 'a.xlsx', 'b.xlsx', '-o', 'c.xlsx'], /一个输入文件/],
  ])('%j → exit 2', async (argv, msg) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stdout).toBe('');
  });
});

describe('argument parsing (util.parseArgs)', () => {
  it('--help: usage on stdout in Chinese by default, English with --lang en; wherever it stands; exit 0', async () => {
    for (const argv of [
      ['--help'],
      ['-h'],
      ['check', '--help'],
      ['fix', 'a.xlsx', '-h'],
      ['lint', '--help'],
      ['check', 'a.xlsx', '--help', '--frobnicate'],
    ]) {
      const r = await run(argv);
      expect([argv, r.code, r.stderr]).toEqual([argv, 0, '']);
      expect(r.stdout).toMatch(/^用法：\n {2}ziping check <文件\.xlsx>\.\.\. \[--json\]/);
      expect(r.stdout).toContain('ziping fix <文件.xlsx> -o <输出.xlsx>');
    }
    for (const argv of [
      ['--lang', 'en', '--help'],
      ['--help', '--lang=en'],
      ['check', '-h', '--lang', 'en'],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage:\n {2}ziping check <file\.xlsx>\.\.\./);
      expect(r.stdout).toContain('--disable    rule ids to switch off, comma-separated');
    }
  });

  it('--version / -v: the package version, exit 0', async () => {
    const pkg = JSON.parse(await fsp.readFile(path.join(ROOT, 'package.json'), 'utf8'));
    for (const argv of [['--version'], ['-v'], ['check', 'a.xlsx', '--version']]) {
      const r = await run(argv);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, `ziping ${pkg.version}\n`, '']);
    }
  });

  it.each([
    [['check', 'a.xlsx', '--frobnicate=3'], 'ziping: 未知选项：--frobnicate=3\n使用 ziping --help 查看用法\n'],
    [['check', 'a.xlsx', '-x'], 'ziping: 未知选项：-x\n使用 ziping --help 查看用法\n'],
    [['--nope', 'check', 'a.xlsx'], 'ziping: 未知选项：--nope\n使用 ziping --help 查看用法\n'],
    [['lint', '--nope'], 'ziping: 未知选项：--nope\n使用 ziping --help 查看用法\n'],
    [['check', 'a.xlsx', '--frobnicate', '--help'], 'ziping: 未知选项：--frobnicate\n使用 ziping --help 查看用法\n'],
    [['check', 'a.xlsx', '--nope', '--lang', 'en'], 'ziping: unknown option: --nope\nsee ziping --help\n'],
    [['check', 'a.xlsx', '--json=yes'], 'ziping: 选项 --json 不带值\n使用 ziping --help 查看用法\n'],
  ])('unknown option %j → exit 2, one message and the hint on stderr', async (argv, err) => {
    const r = await run(argv);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', err]);
  });

  it.each([
    [['check', 'a.xlsx', '--profile'], '--profile'],
    [['check', 'a.xlsx', '--profile', '--json'], '--profile'],
    [['check', 'a.xlsx', '--lang'], '--lang'],
    [['check', 'a.xlsx', '--disable', '-o', 'x.xlsx'], '--disable'],
    [['fix', 'a.xlsx', '-o'], '-o'],
    [['fix', 'a.xlsx', '--output', '--json'], '--output'],
  ])('missing value %j → exit 2 naming the option', async (argv, opt) => {
    const r = await run(argv);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `ziping: 选项 ${opt} 需要一个值\n使用 ziping --help 查看用法\n`]);
    const en = await run([...argv, '--lang=en']);
    expect(en.stderr).toBe(`ziping: option ${opt} needs a value\nsee ziping --help\n`);
  });

  it('option forms: --name=value, options before the command, -ovalue, repeated --disable, -- before file names', async () => {
    const before = await json(['--profile', 'beijing', '--lang=en', 'check', files.festival]);
    const after = await json(['check', files.festival, '--profile=beijing', '--lang', 'en']);
    expect(before.doc.profile).toBe('beijing');
    expect(before.doc.files[0].tables[0].total).toBe(96);
    expect([before.code, before.doc]).toEqual([after.code, after.doc]);
    const zh = await json(['check', files.festival, '--profile=beijing']);
    expect(zh.doc.files[0].tables[0].findings[0].message).not.toBe(before.doc.files[0].tables[0].findings[0].message);

    const twice = await run(['check', files.office, '--disable', 'score-mismatch', '--disable=target-too-low,']);
    expect(twice.code).toBe(0);
    expect(twice.stdout).not.toContain('score-mismatch');
    const bad = await run(['check', files.office, '--disable', 'score-mismatch', '--disable', 'nope']);
    expect(bad.stderr).toMatch(/^ziping: 未知的规则编号：nope/);

    const out = path.join(dir, 'short-o.xlsx');
    const fx = await run(['fix', files.office, `-o${out}`]);
    expect(fx.code).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(0);

    // after --, an argument starting with a dash is a file name, not an option
    const dash = await run(['check', '--', '-missing.xlsx']);
    expect(dash.code).toBe(2);
    expect(dash.stderr).toBe('无法读取 -missing.xlsx：文件不存在\n');
  });
});

describe('check, human output', () => {
  it('a clean table: exit 0, grouped file → sheet → table, summary line', async () => {
    const r = await run(['check', files.clean]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(files.clean);
    expect(lines[1]).toBe('  工作表「教育」');
    expect(lines[2]).toMatch(/^ {4}A3:J23 {2}项目支出 {2}与周边国家开展教育交流平台建设专项经费 {2}执行率 100\.00% {2}总分 100\.00 {2}等级 优$/);
    expect(lines[lines.length - 1]).toBe('汇总：1 个文件，1 张表，错误 0，警告 0，提示 0');
  });

  it('findings carry cell, severity, rule id and message; exit 1 on an error', async () => {
    const r = await run(['check', files.office]);
    expect(r.code).toBe(1);
    // yuxiOffice placed at B2: the fund 得分 H6 is I7 on the sheet.
    expect(r.stdout).toMatch(/^ {6}I7 +错误 {2}score-mismatch {2}\S.*$/m);
    expect(r.stdout).toMatch(/执行率 0\.00% {2}总分 90\.00 {2}等级 优/);
    expect(r.stdout).toMatch(/汇总：1 个文件，1 张表，错误 1，/);
  });

  it('English with --lang en', async () => {
    const r = await run(['check', files.office, '--lang', 'en']);
    expect(r.stdout).toContain('  sheet "办公"');
    expect(r.stdout).toMatch(/project {2}办公场地修葺及搬迁专项经费 {2}execution 0\.00% {2}total 90\.00 {2}grade 优/);
    expect(r.stdout).toMatch(/I7 +error {2}score-mismatch {2}[A-Za-z]/);
    expect(r.stdout).toMatch(/Summary: 1 file\(s\), 1 table\(s\), 1 error\(s\)/);
  });

  it('--disable switches rules off', async () => {
    const r = await run(['check', files.office, '--disable', 'score-mismatch']);
    expect(r.stdout).not.toContain('score-mismatch');
    expect(r.code).toBe(0);
  });

  it('an unreadable file: one stderr line, the other files still checked, exit 2', async () => {
    const r = await run(['check', files.missing, files.clean, files.csv]);
    expect(r.code).toBe(2);
    const err = r.stderr.trimEnd().split('\n');
    expect(err).toHaveLength(2);
    expect(err[0]).toBe(`无法读取 ${files.missing}：文件不存在`);
    expect(err[1]).toContain(files.csv);
    expect(r.stdout).toContain('与周边国家开展教育交流平台建设专项经费');
    expect(r.stdout).toMatch(/汇总：3 个文件（2 个无法读取），1 张表/);
  });

  it('a workbook without tables is not an error', async () => {
    const r = await run(['check', files.decoys]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('未识别到绩效自评表');
  });
});

describe('check --json', () => {
  it('has exactly the CLI.md shape', async () => {
    const { code, doc } = await json(['check', files.mixed, files.missing]);
    expect(code).toBe(2);
    expect(doc.files).toHaveLength(2);
    const [ok, bad] = doc.files;
    expect(ok.file).toBe(files.mixed);
    expect(ok.error).toBeNull();
    expect(bad).toEqual({ file: files.missing, error: `无法读取 ${files.missing}：文件不存在`, tables: [] });
    const kinds = ok.tables.map((t: { kind: string }) => t.kind);
    expect(kinds).toEqual(['project', 'project', 'department', 'rubric']);
    for (const t of ok.tables) {
      for (const k of [
        'sheet',
        'range',
        'kind',
        'projectName',
        'funds',
        'indicators',
        'weightsTotal',
        'total',
        'grade',
        'totalCell',
        'gradeCell',
        'findings',
      ]) {
        expect(t).toHaveProperty(k);
      }
      for (const f of t.findings) {
        expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'cell', 'message']));
        expect(['error', 'warning', 'info']).toContain(f.severity);
      }
    }
    const office = ok.tables[0];
    expect(office).toMatchObject({
      sheet: '项目',
      kind: 'project',
      projectName: '办公场地修葺及搬迁专项经费',
      funds: { budget: 5, spent: 0, executionRate: 0, weight: 10, score: 0, rateCell: 'G6', scoreCell: 'H6' },
      weightsTotal: 100,
      total: 90,
      grade: '优',
      totalCell: 'I22',
      gradeCell: 'J22',
    });
    expect(office.indicators[0]).toEqual({
      row: 15,
      level1: '产出指标',
      level2: '数量指标',
      name: '工程数量',
      operator: '=',
      target: 1,
      actual: 1,
      unit: '批次',
      weight: 10,
      enteredScore: 10,
      score: 10,
      scoreCell: 'I15',
    });
    expect(office.findings).toContainEqual(expect.objectContaining({ rule: 'score-mismatch', severity: 'error', cell: 'H6' }));
    const reception = ok.tables[1];
    const qual = reception.indicators.find((i: { name: string }) => i.name === '是否纳入年度计划');
    expect(qual).toMatchObject({ operator: 'qualitative', target: '是', actual: '是', score: 10 });
    const dept = ok.tables[2];
    const task = dept.tasks.find((x: { name: string }) => x.name === '外事工作业务经费');
    expect(task).toEqual({ row: 15, name: '外事工作业务经费', approved: 3425707.29, spent: 3425707.29, executionRate: 1, rateCell: 'H15' });
    expect(dept.funds).toMatchObject({ budget: 4437844.91, spent: 4437844.91, executionRate: 1 });
    const rubric = ok.tables[3];
    expect(rubric.funds.executionRate).toBeCloseTo(0.7947, 4);
    expect(rubric.total).toBe(93);
  });

  it('no tables → "tables": []', async () => {
    const { code, doc } = await json(['check', files.decoys]);
    expect(code).toBe(0);
    expect(doc.files).toEqual([{ file: files.decoys, error: null, tables: [] }]);
  });

  it('--profile beijing deducts for a target set too low', async () => {
    const nat = await json(['check', files.festival]);
    const bj = await json(['check', files.festival, '--profile', 'beijing']);
    const ind = (d: typeof nat.doc) => d.files[0].tables[0].indicators.find((i: { name: string }) => i.name.startsWith('受益对象人数'));
    expect(ind(nat.doc).score).toBe(20);
    expect(ind(bj.doc).score).toBe(16);
    expect(bj.doc.files[0].tables[0].total).toBe(96);
    expect(bj.doc.profile).toBe('beijing');
    expect(nat.doc.files[0].tables[0].findings.map((f: { rule: string }) => f.rule)).toContain('target-too-low');
  });

  it('--profile with a JSON file, and a bad one naming the field', async () => {
    const good = path.join(dir, 'custom.json');
    await fsp.writeFile(good, JSON.stringify({ ...PROFILES.beijing, name: 'custom' }));
    const r = await json(['check', files.festival, '--profile', good]);
    expect(r.doc.profile).toBe('custom');
    expect(r.doc.files[0].tables[0].total).toBe(96);

    const bad = path.join(dir, 'bad.json');
    await fsp.writeFile(bad, JSON.stringify({ ...PROFILES.national, overTarget: { mode: 'sometimes', warnAt: 2, bands: [] } }));
    const b = await run(['check', files.festival, '--profile', bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/overTarget\.mode/);
    expect(b.stdout).toBe('');

    const broken = path.join(dir, 'broken.json');
    await fsp.writeFile(broken, '{ "name": ');
    const c = await run(['check', files.festival, '--profile', broken]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/不是有效的 JSON/);

    const d = await run(['check', files.festival, '--profile', 'shanghai']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/找不到评分口径「shanghai」/);
  });
});

describe('progress on stderr', () => {
  it('shown for more than 5 files, or more than one on a terminal; never for one', async () => {
    const six = Array(6).fill(files.clean);
    const r6 = await run(['check', ...six, '--json']);
    expect(r6.stderr.trimEnd().split('\n')).toEqual(six.map((f, i) => `[${i + 1}/6] ${f}`));
    JSON.parse(r6.stdout); // stdout stays pure JSON
    expect((await run(['check', files.clean, files.office])).stderr).toBe('');
    expect((await run(['check', files.clean, files.office], true)).stderr).toBe(`[1/2] ${files.clean}\n[2/2] ${files.office}\n`);
    expect((await run(['check', files.clean], true)).stderr).toBe('');
  });
});

describe('fix', () => {
  const sha = async (f: string) =>
    createHash('sha256')
      .update(await fsp.readFile(f))
      .digest('hex');

  it('writes the annotated copy and leaves the input alone', async () => {
    const out = path.join(dir, 'office.checked.xlsx');
    const before = await sha(files.office);
    const r = await run(['fix', files.office, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已写出带批注的副本：${out}`);
    expect(r.stdout).toMatch(/办公场地修葺及搬迁专项经费 {2}执行率 0\.00%/);
    expect(r.stdout).toMatch(/汇总：1 个文件，1 张表，错误 1，/);
    expect(r.stdout).not.toContain('score-mismatch'); // findings go into the copy's notes
    expect(await sha(files.office)).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cell = wb.getWorksheet('办公')!.getCell('I7');
    expect(cell.value).toBe(0);
    expect(cell.fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(String(cell.note)).toContain('score-mismatch');
  });

  it('refuses to overwrite the input, and reports unreadable input, with exit 2', async () => {
    const same = await run(['fix', files.office, '--output', files.office]);
    expect(same.code).toBe(2);
    expect(same.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(same.stderr).toMatch(/不能与输入文件相同/);
    const missing = await run(['fix', files.missing, '-o', path.join(dir, 'x.xlsx')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`无法读取 ${files.missing}：文件不存在\n`);
  });

  it('--json reports the copy', async () => {
    const out = path.join(dir, 'festival.checked.xlsx');
    const { code, doc } = await json(['fix', files.festival, '-o', out, '--profile', 'beijing']);
    expect(code).toBe(0);
    expect(doc.output).toBe(out);
    expect(doc.written).toBeGreaterThan(0);
    expect(doc.files[0].tables[0].total).toBe(96);
  });
});

describe('the built bin/ziping.js', () => {
  const started = Date.now();
  beforeAll(() => {
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch (e) {
      const out = e as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`tsc -p tsconfig.build.json failed:\n${out.stdout?.toString() ?? ''}${out.stderr?.toString() ?? ''}`);
    }
  }, 180_000);

  it('was just built and runs check with the documented exit codes', async () => {
    expect(statSync(path.join(ROOT, 'build', 'cli', 'main.js')).mtimeMs).toBeGreaterThanOrEqual(started - 2000);
    const exec = promisify(execFile);
    const bin = path.join(ROOT, 'bin', 'ziping.js');
    const ok = await exec(process.execPath, [bin, 'check', files.clean, '--json']);
    expect(JSON.parse(ok.stdout).files[0].tables[0].grade).toBe('优');
    await expect(exec(process.execPath, [bin, 'check', files.office])).rejects.toMatchObject({ code: 1 });
    const bad = await exec(process.execPath, [bin, 'check', files.missing]).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`无法读取 ${files.missing}：文件不存在\n`);
    const v = await exec(process.execPath, [bin, '--version']);
    expect(v.stdout).toMatch(/^ziping \d+\.\d+\.\d+\n$/);
  });
});

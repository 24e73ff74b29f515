// The `ziping` command line (spec: CLI.md): check and fix .xlsx files with the engine.
import { analyzeWorkbook } from '../core';
import type { AnalysisResult, Finding, Lang, Profile, RuleId, Severity, TableResult, TextFinding } from '../core';
import { analyzeDocument } from '../core/document';
import { readSubmissionFile } from '../docx/submission';
import { WorkbookReadError } from '../xlsx/read';
import { FixError, fixFile } from '../xlsx/write';
import { toWan } from '../core/units';
import { noTotalReason } from '../core/no-total';
import { loadProfile, disabledRules, shippedList } from './profile';
import { profileDisplay } from '../core/profile';
import { COMMON_OPTIONS, UsageError, parseOptions, peekLang, splitCommand, version, type OptionValues, type OptionsConfig } from './args';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (progress lines). */
  stderrIsTTY: boolean;
}

const defaultIO = (): CliIO => ({
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  stderrIsTTY: Boolean(process.stderr.isTTY),
});

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

const T = {
  zh: {
    usage: `用法：
  ziping check <文件.xlsx>... [--json] [--profile 名称|配置.json] [--lang zh|en] [--disable 规则,...]
  ziping fix <文件.xlsx> -o <输出.xlsx> [--profile 名称|配置.json] [--lang zh|en] [--disable 规则,...]
  ziping report <文件或文件夹>... -o <汇总.xlsx> [--html <报告.html>] [--pdf <报告.pdf>] [--jobs N] …（ziping report --help）
  ziping --help | --version

check  检查绩效自评表（.xlsx、.xls、.et）和 Word 自评报告（.docx：正文所写数字与表格核对），只读不写。退出码：0 无错误；1 有错误级别的问题；2 有文件无法读取或参数错误。
fix    写出一份副本：填入计算出的执行率、得分、总分和等级，并用底色和批注标出问题；原文件不会被修改。
       退出码：0 已写出副本；2 无法读取、参数错误或无法写入。
--json       以 JSON 输出（格式见 CLI.md）
--profile    评分口径：${shippedList('zh')}（名称或中文名均可），或自定义的 JSON 配置文件路径（默认 national）
--lang       消息语言：zh（默认）或 en
--disable    关闭的规则编号，用逗号分隔`,
    sheet: (s: string) => `工作表「${s}」`,
    kind: { project: '项目支出', department: '部门整体支出', rubric: '评分表' } as Record<string, string>,
    rate: '执行率',
    total: '总分',
    grade: '等级',
    withheld: (sum: string) => `（分值合计不为 100，各项得分之和 ${sum} 不计为总分）`,
    unscored: '（本表不设分值，不评总分和等级）',
    sev: { error: '错误', warning: '警告', info: '提示' } as Record<Severity, string>,
    noTables: '未识别到绩效自评表',
    unreadable: '无法读取（见错误输出）',
    summary: (f: number, bad: number, t: number, e: number, w: number, i: number) =>
      `汇总：${f} 个文件${bad ? `（${bad} 个无法读取）` : ''}，${t} 张表，错误 ${e}，警告 ${w}，提示 ${i}`,
    notKept: (line: string) => `注意：${line}`,
    profile: (p: string) => `评分口径：${p}`,
    wrote: (out: string, w: number, m: number) => `已写出带批注的副本：${out}（填入 ${w} 个单元格，标记 ${m} 个单元格）`,
    noCopy: (out: string) => `未识别到绩效自评表，未生成副本 ${out}`,
    skipped: (n: number) => `另有 ${n} 处未改动（单元格含公式或工作表受保护）`,
    noCommand: '请指定命令：check 或 fix',
    unknownCommand: (c: string) => `未知命令：${c}`,
    noFiles: 'check 需要至少一个工作簿文件（.xlsx、.xls 或 .et）或 Word 报告（.docx）',
    text: '正文',
    fixArgs: 'fix 需要一个输入文件和 -o <输出文件>',
    hint: '使用 ziping --help 查看用法',
    internal: (f: string, m: string) => `处理 ${f} 时出现内部错误：${m}`,
  },
  en: {
    usage: `Usage:
  ziping check <file.xlsx>... [--json] [--profile name|profile.json] [--lang zh|en] [--disable rule,...]
  ziping fix <file.xlsx> -o <out.xlsx> [--profile name|profile.json] [--lang zh|en] [--disable rule,...]
  ziping report <file-or-folder>... -o <summary.xlsx> [--html <report.html>] [--pdf <report.pdf>] [--jobs N] … (ziping report --help)
  ziping --help | --version

check  checks performance self-evaluation tables (.xlsx, .xls, .et) and Word reports (.docx: the figures in the
       text against the table); never writes. Exit code: 0 no errors; 1 at least one
       error-severity finding; 2 a file could not be read or bad arguments.
fix    writes a copy with computed rates, scores, total and grade, and highlights and notes on the
       problems; the input file is never modified. Exit code: 0 copy written; 2 unreadable input,
       bad arguments or the copy could not be written.
--json       JSON output (shape in CLI.md)
--profile    scoring profile: ${shippedList('en')} (id or Chinese name), or the path of a JSON profile (default national)
--lang       message language: zh (default) or en
--disable    rule ids to switch off, comma-separated`,
    sheet: (s: string) => `sheet "${s}"`,
    kind: { project: 'project', department: 'department', rubric: 'rubric' } as Record<string, string>,
    rate: 'execution',
    total: 'total',
    grade: 'grade',
    withheld: (sum: string) => ` (the weights do not add up to 100: the sum ${sum} is no total)`,
    unscored: ' (the table has no weights: no total or grade)',
    sev: { error: 'error', warning: 'warning', info: 'info' } as Record<Severity, string>,
    noTables: 'no self-evaluation table recognised',
    unreadable: 'unreadable (see stderr)',
    summary: (f: number, bad: number, t: number, e: number, w: number, i: number) =>
      `Summary: ${f} file(s)${bad ? ` (${bad} unreadable)` : ''}, ${t} table(s), ${e} error(s), ${w} warning(s), ${i} info`,
    notKept: (line: string) => `note: ${line}`,
    profile: (p: string) => `Profile: ${p}`,
    wrote: (out: string, w: number, m: number) => `Wrote the annotated copy: ${out} (${w} cell(s) filled, ${m} cell(s) marked)`,
    noCopy: (out: string) => `No self-evaluation table recognised: no copy written (${out})`,
    skipped: (n: number) => `${n} change(s) not made (the cell holds a formula or the sheet is protected)`,
    noCommand: 'give a command: check or fix',
    unknownCommand: (c: string) => `unknown command: ${c}`,
    noFiles: 'check needs at least one workbook file (.xlsx, .xls or .et) or Word report (.docx)',
    text: 'text',
    fixArgs: 'fix needs one input file and -o <output file>',
    hint: 'see ziping --help',
    internal: (f: string, m: string) => `internal error while processing ${f}: ${m}`,
  },
};

// ---------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------

interface Args {
  command: 'check' | 'fix';
  files: string[];
  output: string | null;
  json: boolean;
  profile: string | null;
  lang: Lang;
  disable: RuleId[];
}

/** Options of check and fix: one set, both commands accept all of them. */
const CHECK_OPTIONS = {
  json: { type: 'boolean' },
  profile: { type: 'string' },
  disable: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
} as const satisfies OptionsConfig;

/** A subcommand: its util.parseArgs options, and a check of the parsed arguments returning the run. */
interface Command {
  options: OptionsConfig;
  /** Throws a UsageError (printed with the --help hint) for bad arguments; else returns the run. */
  prepare(values: OptionValues<OptionsConfig>, positionals: string[], lang: Lang, io: CliIO): () => Promise<number>;
}

/** Types a command's parsed values by its own options. */
function command<T extends OptionsConfig>(
  options: T,
  prepare: (values: OptionValues<T & typeof COMMON_OPTIONS>, positionals: string[], lang: Lang, io: CliIO) => () => Promise<number>,
): Command {
  return { options, prepare: (values, positionals, lang, io) => prepare(values as OptionValues<T & typeof COMMON_OPTIONS>, positionals, lang, io) };
}

function checkFixArgs(name: 'check' | 'fix', v: OptionValues<typeof CHECK_OPTIONS & typeof COMMON_OPTIONS>, files: string[], lang: Lang): Args {
  const t = T[lang];
  const disable = disabledRules(v.disable, lang);
  if (name === 'check' && files.length === 0) throw new UsageError(t.noFiles);
  if (name === 'fix' && (files.length !== 1 || !v.output)) throw new UsageError(t.fixArgs);
  return {
    command: name,
    files,
    output: v.output ?? null,
    json: v.json ?? false,
    profile: v.profile ?? null,
    lang: (v.lang as Lang) ?? lang,
    disable,
  };
}

const COMMANDS: Record<string, Command> = {
  check: command(CHECK_OPTIONS, (v, files, lang, io) => {
    const a = checkFixArgs('check', v, files, lang);
    return async () => runCheck(a, io, await loadProfile(a.profile, a.lang));
  }),
  fix: command(CHECK_OPTIONS, (v, files, lang, io) => {
    const a = checkFixArgs('fix', v, files, lang);
    return async () => runFix(a, io, await loadProfile(a.profile, a.lang));
  }),
};

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

interface FileReport {
  file: string;
  error: string | null;
  tables: TableResult[];
  /** Sheet-level read problems (overlapping merges, a sheet that cannot be parsed); also on stderr. */
  warnings?: string[];
  /** A Word report (RULES.md §7): its tables are 表1, 表2 …; findings on its text, and its non-empty paragraphs. */
  format?: 'docx';
  textFindings?: TextFinding[];
  paragraphs?: number;
}

/** A text finding as --json shows it: `cell` null, `where` the paragraph, the quote and the table cell it disagrees with. */
function jsonTextFinding(f: TextFinding) {
  return {
    rule: f.rule,
    severity: f.severity,
    cell: null,
    where: f.where,
    quote: f.quote,
    table: f.table,
    tableCell: f.tableCell,
    message: f.message,
  };
}

/** The --json form: a finding carries its message and source in the chosen language only; amounts also in 万元 (CLI.md). */
function jsonReport(r: FileReport, lang: Lang = 'zh'): object {
  const { textFindings, ...rest } = r;
  const text = textFindings ?? [];
  return {
    ...rest,
    tables: r.tables.map((t, i) => ({
      ...t,
      amountUnit: t.amountUnit ?? null,
      funds: t.funds
        ? {
            ...t.funds,
            unit: t.amountUnit ?? '万元',
            budgetWan: toWan(t.funds.budget, t.amountUnit),
            spentWan: toWan(t.funds.spent, t.amountUnit),
          }
        : null,
      findings: [
        ...t.findings.map((f) => ({
          rule: f.rule,
          severity: f.severity,
          cell: f.cell,
          message: f.message,
          source: (lang === 'en' ? f.sourceEn : f.sourceZh) ?? null,
        })),
        ...text.filter((f) => f.tableIndex === i).map(jsonTextFinding),
      ],
    })),
    ...(r.format === 'docx' ? { findings: text.filter((f) => f.tableIndex === null).map(jsonTextFinding) } : {}),
  };
}

interface Counts {
  files: number;
  unreadable: number;
  tables: number;
  error: number;
  warning: number;
  info: number;
}

function count(reports: FileReport[]): Counts {
  const c: Counts = { files: reports.length, unreadable: 0, tables: 0, error: 0, warning: 0, info: 0 };
  for (const r of reports) {
    if (r.error) c.unreadable++;
    c.tables += r.tables.length;
    for (const t of r.tables) for (const f of t.findings) c[f.severity]++;
    for (const f of r.textFindings ?? []) c[f.severity]++;
  }
  return c;
}

const fmt2 = (n: number) => (Math.round(n * 100) / 100).toFixed(2);
const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${fmt2(r * 100)}%`);
const numOrDash = (n: number | null | undefined) => (n === null || n === undefined ? '—' : fmt2(n));

function renderHuman(reports: FileReport[], lang: Lang, profile: string | Profile | undefined, withFindings = true): string {
  const t = T[lang];
  // why the total is "—": weights that do not add up, or a table without weights (a finding says the rest)
  const totalWhy = (tb: TableResult) => {
    const why = noTotalReason(tb);
    return why?.kind === 'withheld' ? t.withheld(fmt2(why.sum)) : why?.kind === 'unscored' ? t.unscored : '';
  };
  const out: string[] = [];
  for (const r of reports) {
    out.push(r.file);
    if (r.error) {
      out.push(`  ${t.unreadable}`);
      continue;
    }
    const text = r.textFindings ?? [];
    const textLine = (f: TextFinding) => `      ${renderTextFinding(f, lang)}`;
    if (!r.tables.length) {
      out.push(`  ${t.noTables}`);
      if (withFindings && text.length) out.push(`  ${t.text}`, ...text.map(textLine));
      continue;
    }
    let sheet: string | null = null;
    for (const [k, tb] of r.tables.entries()) {
      if (tb.sheet !== sheet) {
        sheet = tb.sheet;
        out.push(`  ${t.sheet(sheet)}`);
      }
      const parts = [
        tb.range,
        t.kind[tb.kind] ?? tb.kind,
        tb.projectName ?? '—',
        `${t.rate} ${pct(tb.funds?.executionRate)}`,
        `${t.total} ${numOrDash(tb.total)}${totalWhy(tb)}`,
        `${t.grade} ${tb.grade ?? '—'}`,
      ];
      out.push(`    ${parts.join('  ')}`);
      if (withFindings) for (const f of tb.findings) out.push(`      ${renderFinding(f, lang)}`);
      if (withFindings) for (const f of text.filter((x) => x.tableIndex === k)) out.push(textLine(f));
    }
    const loose = text.filter((x) => x.tableIndex === null);
    if (withFindings && loose.length) out.push(`  ${t.text}`, ...loose.map(textLine));
  }
  const c = count(reports);
  out.push(t.profile(profileDisplay(profile, lang)));
  out.push(t.summary(c.files, c.unreadable, c.tables, c.error, c.warning, c.info));
  return out.join('\n') + '\n';
}

function renderTextFinding(f: TextFinding, lang: Lang): string {
  const msg = (lang === 'en' ? f.messageEn : f.messageZh) || f.message;
  return `${f.where.padEnd(6)} ${T[lang].sev[f.severity]}  ${f.rule}  ${msg.replace(/[\r\n]+/g, ' ')}`;
}

const profileName = (p: string | Profile | undefined) => (typeof p === 'object' ? p.name : (p ?? 'national'));

function renderFinding(f: Finding, lang: Lang): string {
  const msg = (lang === 'en' ? f.messageEn : f.messageZh) || f.message;
  return `${f.cell.padEnd(6)} ${T[lang].sev[f.severity]}  ${f.rule}  ${msg.replace(/[\r\n]+/g, ' ')}`;
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

async function checkFile(file: string, opts: { profile?: string | Profile; disabledRules: RuleId[]; lang: Lang }): Promise<FileReport> {
  try {
    const sub = await readSubmissionFile(file, { lang: opts.lang });
    if (sub.kind === 'document') {
      const doc = analyzeDocument(sub.blocks, { ...opts, marks: false });
      return { file, error: null, tables: doc.tables, format: 'docx', textFindings: doc.textFindings, paragraphs: sub.paragraphs };
    }
    const { sheets, warnings } = sub;
    const result: AnalysisResult = analyzeWorkbook(sheets, { ...opts, marks: false });
    return { file, error: null, tables: result.tables, ...(warnings.length ? { warnings: warnings.map((w) => w.message) } : {}) };
  } catch (e) {
    if (e instanceof WorkbookReadError) return { file, error: e.message, tables: [] };
    // An engine failure on one file must not stop the others; report it like an unreadable file.
    const msg = String((e as Error)?.message ?? e).replace(/[\r\n]+/g, ' ');
    return { file, error: T[opts.lang].internal(file, msg), tables: [] };
  }
}

async function runCheck(a: Args, io: CliIO, profile: string | Profile | undefined): Promise<number> {
  const reports: FileReport[] = [];
  const progress = a.files.length > 1 && (io.stderrIsTTY || a.files.length > 5);
  for (let i = 0; i < a.files.length; i++) {
    const file = a.files[i];
    if (progress) io.stderr(`[${i + 1}/${a.files.length}] ${file}\n`);
    const r = await checkFile(file, { profile, disabledRules: a.disable, lang: a.lang });
    if (r.error) io.stderr(`${r.error}\n`);
    for (const w of r.warnings ?? []) io.stderr(`${w}\n`);
    reports.push(r);
  }
  if (a.json) {
    const c = count(reports);
    const doc = {
      files: reports.map((x) => jsonReport(x, a.lang)),
      summary: { files: c.files, unreadable: c.unreadable, tables: c.tables, errors: c.error, warnings: c.warning, info: c.info },
      profile: profileName(profile),
    };
    io.stdout(JSON.stringify(doc, null, 2) + '\n');
  } else {
    io.stdout(renderHuman(reports, a.lang, profile));
  }
  if (reports.some((r) => r.error)) return 2;
  const isError = (f: { severity: Severity }) => f.severity === 'error';
  return reports.some((r) => r.tables.some((tb) => tb.findings.some(isError)) || (r.textFindings ?? []).some(isError)) ? 1 : 0;
}

async function runFix(a: Args, io: CliIO, profile: string | Profile | undefined): Promise<number> {
  const t = T[a.lang];
  const input = a.files[0];
  const output = a.output as string;
  try {
    const res = await fixFile(input, output, {
      profile,
      disabledRules: a.disable,
      lang: a.lang,
    });
    const report: FileReport = {
      file: input,
      error: null,
      tables: res.analysis.tables,
      ...(res.warnings.length ? { warnings: res.warnings.map((w) => w.message) } : {}),
    };
    for (const w of res.warnings) io.stderr(`${w.message}\n`);
    if (res.noTables) {
      if (a.json) io.stdout(JSON.stringify({ files: [jsonReport(report, a.lang)], output: null, written: 0, marked: 0 }, null, 2) + '\n');
      else io.stdout(renderHuman([report], a.lang, profile, false) + t.noCopy(output) + '\n');
      return 0;
    }
    if (a.json) {
      const doc = {
        files: [report],
        profile: profileName(profile),
        output,
        written: res.applied.written,
        marked: res.applied.marked,
        skipped: res.applied.skipped,
        notKept: res.notKept,
      };
      io.stdout(JSON.stringify(doc, null, 2) + '\n');
    } else {
      // The findings themselves are in the copy's notes; list the tables and the counts.
      io.stdout(renderHuman([report], a.lang, profile, false));
      io.stdout(t.wrote(output, res.applied.written, res.applied.marked) + '\n');
      if (res.applied.skipped.length) io.stdout(t.skipped(res.applied.skipped.length) + '\n');
      for (const line of res.notKept) io.stdout(t.notKept(line) + '\n');
    }
    return 0;
  } catch (e) {
    if (e instanceof WorkbookReadError || e instanceof FixError) {
      const msg = e.message;
      io.stderr(`${msg}\n`);
      if (a.json) io.stdout(JSON.stringify({ files: [{ file: input, error: msg, tables: [] }], output: null }, null, 2) + '\n');
      return 2;
    }
    throw e;
  }
}

/** The options of every command: finds the command whatever options stand before it. */
const ALL_OPTIONS: OptionsConfig = Object.assign({}, ...Object.values(COMMANDS).map((c) => c.options));

/** Runs the CLI; returns the exit code. Never throws for user errors. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  if (argv[0] === 'report') return (await import('./report')).runReport(argv.slice(1), io);
  const lang0 = peekLang(argv);
  let run: () => Promise<number>;
  try {
    const { command: name, rest } = splitCommand(argv, ALL_OPTIONS);
    const cmd = name !== null && Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : null;
    // an unknown or missing command: the options are still checked first, and --help / --version still answer
    const p = parseOptions(cmd ? rest : argv, cmd ? cmd.options : ALL_OPTIONS, lang0);
    if (p.stop === 'help') {
      io.stdout(T[lang0].usage + '\n');
      return 0;
    }
    if (p.stop === 'version') {
      io.stdout(`ziping ${version()}\n`);
      return 0;
    }
    if (name === null) throw new UsageError(T[lang0].noCommand);
    if (!cmd) throw new UsageError(T[lang0].unknownCommand(name));
    run = cmd.prepare(p.values, p.positionals, lang0, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`ziping: ${e.message}\n${T[lang0].hint}\n`);
      return 2;
    }
    throw e;
  }
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`ziping: ${e.message}\n`);
      return 2;
    }
    // An internal error: one line, no stack trace.
    io.stderr(`ziping: ${(e as Error)?.message ?? String(e)}\n`);
    return 2;
  }
}

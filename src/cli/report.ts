// `ziping report <file-or-folder>... -o <summary.xlsx> [--html <report.html>] [--pdf <report.pdf>] [--profile …] [--lang …] [--jobs N]`
// Checks every workbook on all cores and writes the reviewer's summary workbook, offline HTML report and its PDF.
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PROFILES, type Profile } from '../core/profile';
import type { Lang, RuleId } from '../core/types';
import { collectInputs } from '../report/inputs';
import { outputsProblem, type OutputKind } from '../report/outputs';
import { NoBrowserError, findBrowser, printPdf } from '../report/pdf';
import { checkFiles, defaultJobs } from '../report/pool';
import { openSummarySink, type SummarySink } from '../report/sink';
import type { FileSummary } from '../report/summary';
import { UsageError, parseOptions, peekLang, version, type OptionsConfig } from './args';
import type { CliIO } from './main';
import { disabledRules, loadProfile } from './profile';
import { profileDisplay } from '../core/profile';

const T = {
  zh: {
    usage: `用法：
  ziping report <文件或文件夹>... -o <汇总.xlsx> [--html <报告.html>] [--pdf <报告.pdf>] [--profile 名称|配置.json] [--lang zh|en] [--jobs N] [--disable 规则,...]

report  检查所有工作簿（文件夹递归查找 .xlsx/.xls/.et），写出汇总工作簿（汇总、问题清单、无法读取），
        可选写出离线 HTML 报告（图表和可排序的项目表）。退出码同 check：0 无错误；1 有错误；2 有文件无法读取或参数错误。
-o, --output  汇总工作簿路径（必填）
--html        同时写出 HTML 报告
--pdf         同时写出 PDF（A4 横向，由本机的 Chromium、Chrome 或 Edge 打印同一份 HTML 报告；可用环境变量 ZIPING_BROWSER 指定浏览器）
--jobs        并行检查的线程数（默认自动：本机 ${defaultJobs()} 核；2 核及以下的机器上，文件合计不足 8 MB 时单线程更快）`,
    badJobs: (j: string) => `--jobs 需要一个正整数，收到 ${j}`,
    noInputs: 'report 需要至少一个文件或文件夹',
    noOutput: 'report 需要 -o <汇总.xlsx>',
    hint: '使用 ziping report --help 查看用法',
    cannotWrite: (f: string, m: string) => `无法写出 ${f}：${m}`,
    noBrowser: (given: string) =>
      given
        ? `找不到 ${given} 指定的浏览器，无法写出 PDF`
        : '找不到可打印 PDF 的浏览器（Chromium、Chrome 或 Edge），无法写出 PDF：请安装其中之一，或用环境变量 ZIPING_BROWSER 指定浏览器程序的路径；也可用 --html 写出报告后在浏览器中打印',
    pdfFailed: (f: string, m: string) => `无法写出 PDF ${f}：浏览器打印失败（${m}）`,
    wrotePdf: (f: string) => `已写出 PDF 报告：${f}`,
    nothing: '没有找到任何工作簿或报告（.xlsx/.xlsm/.xls/.et/.docx）',
    profile: (p: string) => `评分口径：${p}`,
    summary: (f: number, bad: number, t: number, e: number, w: number, none = 0) =>
      `汇总：${f} 个文件${bad ? `（${bad} 个无法读取）` : ''}${none ? `，${none} 个未识别到表` : ''}，${t} 张表，错误 ${e}，警告 ${w}`,
    wrote: (f: string) => `已写出汇总工作簿：${f}`,
    wroteHtml: (f: string) => `已写出 HTML 报告：${f}`,
  },
  en: {
    usage: `Usage:
  ziping report <file-or-folder>... -o <summary.xlsx> [--html <report.html>] [--pdf <report.pdf>] [--profile name|profile.json] [--lang zh|en] [--jobs N] [--disable rule,...]

report  checks every workbook (folders are walked recursively for .xlsx/.xls/.et) and writes a summary workbook
        (summary, findings, unreadable files) and optionally an offline HTML report (charts and a sortable table).
        Exit code as check: 0 no errors; 1 error findings; 2 a file could not be read or bad arguments.
-o, --output  the summary workbook (required)
--html        also write the HTML report
--pdf         also write a PDF (A4 landscape, the same HTML report printed by this machine's Chromium, Chrome or Edge; ZIPING_BROWSER names another browser)
--jobs        files checked in parallel (default automatic: this machine's ${defaultJobs()} cores; on 2 cores or fewer, one thread when the files add up to less than 8 MB, which is faster)`,
    badJobs: (j: string) => `--jobs needs a positive integer, got ${j}`,
    noInputs: 'report needs at least one file or folder',
    noOutput: 'report needs -o <summary.xlsx>',
    hint: 'see ziping report --help',
    cannotWrite: (f: string, m: string) => `cannot write ${f}: ${m}`,
    noBrowser: (given: string) =>
      given
        ? `the browser named by ${given} is missing: cannot write the PDF`
        : 'no browser to print the PDF with (Chromium, Chrome or Edge): install one, or set ZIPING_BROWSER to its program; or write --html and print it from a browser',
    pdfFailed: (f: string, m: string) => `cannot write the PDF ${f}: the browser failed to print (${m})`,
    wrotePdf: (f: string) => `Wrote the PDF report: ${f}`,
    nothing: 'no workbook or report (.xlsx/.xlsm/.xls/.et/.docx) found',
    profile: (p: string) => `Profile: ${p}`,
    summary: (f: number, bad: number, t: number, e: number, w: number, none = 0) =>
      `Summary: ${f} file(s)${bad ? ` (${bad} unreadable)` : ''}${none ? `, ${none} without a table` : ''}, ${t} table(s), ${e} error(s), ${w} warning(s)`,
    wrote: (f: string) => `Wrote the summary workbook: ${f}`,
    wroteHtml: (f: string) => `Wrote the HTML report: ${f}`,
  },
};

export interface ReportArgs {
  inputs: string[];
  output: string;
  html: string | null;
  pdf: string | null;
  profile: string | null;
  lang: Lang;
  /** null: automatic (autoJobs). */
  jobs: number | null;
  disable: RuleId[];
}

const REPORT_OPTIONS = {
  output: { type: 'string', short: 'o' },
  html: { type: 'string' },
  pdf: { type: 'string' },
  profile: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  disable: { type: 'string', multiple: true },
} as const satisfies OptionsConfig;

/** Parses report's own options (argv after the word `report`); 'help' or 'version' when those were asked for. */
export function parseReportArgs(argv: string[]): ReportArgs | 'help' | 'version' {
  const lang = peekLang(argv);
  const t = T[lang];
  const p = parseOptions(argv, REPORT_OPTIONS, lang);
  if (p.stop) return p.stop;
  const v = p.values;
  let jobs: number | null = null;
  if (v.jobs !== undefined) {
    if (!/^\d+$/.test(v.jobs) || Number(v.jobs) < 1) throw new UsageError(t.badJobs(v.jobs));
    jobs = Number(v.jobs);
  }
  const disable = disabledRules(v.disable, lang);
  if (!p.positionals.length) throw new UsageError(t.noInputs);
  if (!v.output) throw new UsageError(t.noOutput);
  return {
    inputs: p.positionals,
    output: v.output,
    html: v.html ?? null,
    pdf: v.pdf ?? null,
    profile: v.profile ?? null,
    lang: (v.lang as Lang | undefined) ?? lang,
    jobs,
    disable,
  };
}

/** Progress on stderr: a cli-progress bar on a terminal, plain `[i/n] file` lines otherwise. */
export interface Progress {
  tick(s: FileSummary, done: number): void;
  stop(): void;
}

export function progress(io: CliIO, total: number, stream?: NodeJS.WritableStream): Progress {
  if (io.stderrIsTTY) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
    const bar = new SingleBar(
      { stream: stream ?? process.stderr, format: '{bar} {value}/{total} {file}', hideCursor: true, clearOnComplete: true, barsize: 30 },
      Presets.shades_classic,
    );
    bar.start(total, 0, { file: '' });
    const errors: string[] = [];
    return {
      tick: (s, done) => {
        if (s.error) errors.push(s.error);
        bar.update(done, { file: path.basename(s.file) });
      },
      stop: () => {
        bar.stop();
        // unreadable files are named after the bar, which would overwrite them
        for (const e of errors) io.stderr(`${e}\n`);
      },
    };
  }
  return {
    tick: (s, done) => {
      io.stderr(`[${done}/${total}] ${s.file}\n`);
      if (s.error) io.stderr(`${s.error}\n`);
    },
    stop: () => undefined,
  };
}

export interface ReportDeps {
  /** The terminal the progress bar draws on (default process.stderr). */
  progressStream?: NodeJS.WritableStream;
}

/** `ziping report …`: returns the exit code (0 no errors, 1 error findings, 2 unreadable file or bad arguments). */
export async function runReport(argv: string[], io: CliIO, deps: ReportDeps = {}): Promise<number> {
  let a: ReportArgs;
  const lang0 = peekLang(argv);
  try {
    const parsed = parseReportArgs(argv);
    if (parsed === 'help' || parsed === 'version') {
      io.stdout(parsed === 'help' ? T[lang0].usage + '\n' : `ziping ${version()}\n`);
      return 0;
    }
    a = parsed;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`ziping: ${e.message}\n${T[lang0].hint}\n`);
      return 2;
    }
    throw e;
  }
  const t = T[a.lang];
  // every output is checked before any input is read: a bad path costs nothing and leaves nothing
  const outputs: { file: string; kind: OutputKind }[] = [{ file: a.output, kind: 'xlsx' }];
  if (a.html) outputs.push({ file: a.html, kind: 'html' });
  if (a.pdf) outputs.push({ file: a.pdf, kind: 'pdf' });
  const problem = await outputsProblem(outputs, a.lang);
  if (problem) {
    io.stderr(`ziping: ${problem}\n`);
    return 2;
  }
  let browser: string | null = null;
  if (a.pdf) {
    try {
      browser = findBrowser();
    } catch (e) {
      if (!(e instanceof NoBrowserError)) throw e;
      io.stderr(`ziping: ${t.noBrowser(e.message)}\n`);
      return 2;
    }
  }
  // written beside their targets and renamed at the end, so a failure leaves no part of the output
  const temps: string[] = [];
  const dropTemps = () => Promise.all(temps.map((f) => fsp.rm(f, { recursive: true, force: true })));
  try {
    const profile = await loadProfile(a.profile, a.lang);
    // never read our own previous output back in when it sits in a walked folder
    const own = new Set(outputs.map((x) => path.resolve(x.file)));
    const files = (await collectInputs(a.inputs)).filter((f) => !own.has(path.resolve(f)));
    if (!files.length) {
      io.stderr(`ziping: ${t.nothing}\n`);
      return 2;
    }
    // the summary is written on its own thread while the files are checked, in their order
    let sink: SummarySink;
    try {
      sink = await openSummarySink(a.output, a.lang);
    } catch (e) {
      io.stderr(`ziping: ${t.cannotWrite(a.output, oneLine(e))}\n`);
      return 2;
    }
    const bar = progress(io, files.length, deps.progressStream);
    const ready = new Map<number, FileSummary>();
    let nextRow = 0;
    let summaries: FileSummary[];
    try {
      summaries = await checkFiles(
        files,
        { profile, disabledRules: a.disable, lang: a.lang },
        {
          jobs: a.jobs ?? undefined,
          onDone: (s, done, _total, _inWorker, index) => {
            bar.tick(s, done);
            ready.set(index, s);
            for (let r = ready.get(nextRow); r; r = ready.get(nextRow)) {
              ready.delete(nextRow++);
              sink.add(r);
            }
          },
        },
      );
    } catch (e) {
      await sink.abort();
      throw e;
    } finally {
      bar.stop();
    }
    let htmlTmp: string | null = null;
    let pdfTmp: string | null = null;
    if (a.html || a.pdf) {
      const { reportHtml } = await import('../report/html');
      const doc = reportHtml(summaries, { lang: a.lang, profile: profileLabel(profile, a.lang) });
      // the browser needs a .html name to render it
      if (a.html) htmlTmp = path.join(path.dirname(path.resolve(a.html)), `.${path.basename(a.html)}.${process.pid}.tmp.html`);
      else {
        const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-report-'));
        temps.push(dir);
        htmlTmp = path.join(dir, 'report.html');
      }
      try {
        if (a.html) temps.push(htmlTmp);
        await fsp.writeFile(htmlTmp, doc, 'utf8');
        if (a.pdf && browser) {
          pdfTmp = path.join(path.dirname(path.resolve(a.pdf)), `.${path.basename(a.pdf)}.${process.pid}.tmp.pdf`);
          temps.push(pdfTmp);
          try {
            await printPdf(browser, htmlTmp, pdfTmp);
          } catch (e) {
            await sink.abort();
            await dropTemps();
            io.stderr(`ziping: ${t.pdfFailed(a.pdf, oneLine(e))}\n`);
            return 2;
          }
        }
      } catch (e) {
        await sink.abort();
        await dropTemps();
        io.stderr(`ziping: ${t.cannotWrite(a.html ?? a.pdf ?? '', oneLine(e))}\n`);
        return 2;
      }
    }
    try {
      await sink.close();
      if (a.html && htmlTmp) await fsp.rename(htmlTmp, a.html);
      if (a.pdf && pdfTmp) await fsp.rename(pdfTmp, a.pdf);
    } catch (e) {
      await dropTemps();
      io.stderr(`ziping: ${t.cannotWrite(a.output, oneLine(e))}\n`);
      return 2;
    }
    await dropTemps();
    let tables = 0;
    let errors = 0;
    let warnings = 0;
    for (const s of summaries)
      for (const x of s.tables) {
        tables++;
        errors += x.errors;
        warnings += x.warnings;
      }
    const bad = summaries.filter((s) => s.error).length;
    const none = summaries.filter((s) => !s.error && !s.tables.length).length;
    io.stdout(
      `${t.profile(profileDisplay(profile, a.lang))}\n${t.summary(summaries.length, bad, tables, errors, warnings, none)}\n${t.wrote(a.output)}\n${a.html ? t.wroteHtml(a.html) + '\n' : ''}${a.pdf ? t.wrotePdf(a.pdf) + '\n' : ''}`,
    );
    if (bad) return 2;
    return errors ? 1 : 0;
  } catch (e) {
    await dropTemps();
    io.stderr(`ziping: ${e instanceof UsageError ? e.message : oneLine(e)}\n`);
    return 2;
  }
}

/** The profile as the report names it: its label (全国（财预〔2020〕10号）), else its name. */
export function profileLabel(profile: string | Profile | undefined, lang: Lang): string {
  const p = typeof profile === 'object' ? profile : PROFILES[profile ?? 'national'];
  return p?.label?.[lang] ?? (typeof profile === 'object' ? profile.name : (profile ?? 'national'));
}

const oneLine = (e: unknown) => String((e as Error)?.message ?? e).replace(/[\r\n]+/g, ' ');

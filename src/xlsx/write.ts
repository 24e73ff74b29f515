// Applies the engine's plan (computed values, highlights, notes) to an ExcelJS workbook, and
// writes an annotated copy of a file. No engine logic here.
import { promises as fsp } from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import type * as ExcelJsLite from './exceljs';
import { analyzeWorkbook } from '../core';
import type { AnalysisResult, AnalyzeOptions, Lang, PlannedMark, PlannedWrite } from '../core';
import { readWorkbookFile, type ReadWarning, type SourceFormat } from './read';
import { withVbaProject } from './macros';
import { notCarriedOver } from './kept';
import { readZip } from './zip';

// ExcelJS loads only when a copy is written, so `check` starts without it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const valueType = (): typeof ExcelJsLite.ValueType => (require('./exceljs') as typeof ExcelJsLite).ValueType;

export interface SkippedChange {
  sheet: string;
  address: string;
  kind: 'write' | 'mark';
  reason: 'formula' | 'protected' | 'missing-sheet';
}

export interface ApplyReport {
  written: number;
  marked: number;
  skipped: SkippedChange[];
}

type SheetProtection = { sheetProtection?: { sheet?: boolean } | null };

function isProtected(ws: ExcelJS.Worksheet): boolean {
  return Boolean((ws as unknown as SheetProtection).sheetProtection?.sheet);
}

/** Sets one style property on a copy of the cell's style (ExcelJS shares style objects between cells). */
function setStyle<K extends keyof ExcelJS.Style>(cell: ExcelJS.Cell, key: K, value: ExcelJS.Style[K]): void {
  cell.style = { ...cell.style, [key]: value };
}

type NoteValue = string | ExcelJS.Comment;

function noteText(note: NoteValue): string {
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

/** The note with `text` appended after a blank line; the existing note (and its formatting) is kept. */
function appendNote(existing: NoteValue | undefined, text: string): NoteValue {
  if (existing === undefined || existing === null || noteText(existing) === '') return text;
  if (noteText(existing).includes(text)) return existing; // already annotated by an earlier run
  if (typeof existing === 'string') return `${existing}\n\n${text}`;
  return { ...existing, texts: [...(existing.texts ?? []), { text: `\n\n${text}` } as ExcelJS.RichText] };
}

/**
 * Applies planned writes (value + numFmt, never over a formula, never on a protected sheet) and
 * marks (solid fill + note appended to any existing note). Nothing else on the cells changes.
 */
export function applyPlan(workbook: ExcelJS.Workbook, plan: { writes: PlannedWrite[]; marks: PlannedMark[] }): ApplyReport {
  const report: ApplyReport = { written: 0, marked: 0, skipped: [] };
  const ValueType = valueType();
  const sheet = (name: string) => workbook.getWorksheet(name);

  for (const w of plan.writes) {
    const ws = sheet(w.sheet);
    const skip = (reason: SkippedChange['reason']) => report.skipped.push({ sheet: w.sheet, address: w.address, kind: 'write', reason });
    if (!ws) {
      skip('missing-sheet');
      continue;
    }
    if (isProtected(ws)) {
      skip('protected');
      continue;
    }
    const cell = ws.getCell(w.row + 1, w.col + 1);
    const target = cell.type === ValueType.Merge ? cell.master : cell;
    if (target.type === ValueType.Formula) {
      skip('formula');
      continue;
    }
    target.value = w.value;
    if (w.numFmt !== undefined) setStyle(target, 'numFmt', w.numFmt);
    report.written++;
  }

  for (const m of plan.marks) {
    const ws = sheet(m.sheet);
    const skip = (reason: SkippedChange['reason']) => report.skipped.push({ sheet: m.sheet, address: m.address, kind: 'mark', reason });
    if (!ws) {
      skip('missing-sheet');
      continue;
    }
    if (isProtected(ws)) {
      skip('protected');
      continue;
    }
    const cell = ws.getCell(m.row + 1, m.col + 1);
    const target = cell.type === ValueType.Merge ? cell.master : cell;
    setStyle(target, 'fill', { type: 'pattern', pattern: 'solid', fgColor: { argb: m.fill } });
    target.note = appendNote(target.note as NoteValue | undefined, m.note) as ExcelJS.Comment;
    report.marked++;
  }
  return report;
}

/**
 * ExcelJS writes "\r" raw, which XML parsing turns into "\n"; Excel's own escape "_x000D_" survives.
 * Call before writing so text with carriage returns comes back unchanged.
 */
export function escapeCarriageReturns(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v === 'string' && v.includes('\r')) {
          cell.value = v.replace(/\r/g, '_x000D_');
        } else if (v && typeof v === 'object' && 'richText' in v && v.richText.some((r) => r.text.includes('\r'))) {
          cell.value = { richText: v.richText.map((r) => ({ ...r, text: r.text.replace(/\r/g, '_x000D_') })) };
        }
      });
    });
  });
}

export interface FixOptions {
  profile?: AnalyzeOptions['profile'];
  disabledRules?: AnalyzeOptions['disabledRules'];
  lang?: Lang;
}

export interface FixResult {
  analysis: AnalysisResult;
  applied: ApplyReport;
  output: string;
  /** The input's container: an .xls or .et input is written as .xlsx. */
  format: SourceFormat;
  /** Sheet-level problems met while reading (also on stderr). */
  warnings: ReadWarning[];
  /** What the copy could not keep from the original, one line each. */
  notKept: string[];
  /** No self-evaluation table was recognised: no copy was written (`output` names the file not written). */
  noTables?: boolean;
}

/** Extensions of formats fix cannot write: the copy is always .xlsx. */
const NOT_WRITTEN = /\.(xls|et|xlt|ett|xlsb|ods|csv)$/i;
const MACRO_OUT = /\.xlsm$/i;

const MACROS_DROPPED = {
  zh: (xlsm: string) => `原文件中的宏（VBA）未写入副本：.xlsx 不能保存宏（要保留宏，请用 -o ${xlsm}）；原文件及其中的宏保持不变`,
  en: (xlsm: string) =>
    `the macros (VBA) of the original are not in the copy: an .xlsx cannot hold macros (to keep them, use -o ${xlsm}); the original and its macros are unchanged`,
};

/** Thrown when fix refuses to run (e.g. output would overwrite the input). One-line message. */
export class FixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixError';
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([fsp.stat(a), fsp.stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

/**
 * Reads `input`, analyses it, applies the plan and writes the annotated copy to `output`.
 * The input file is never modified; output === input is refused.
 * Throws WorkbookReadError (unreadable input), ProfileError (bad profile) or FixError.
 */
export async function fixFile(input: string, output: string, options: FixOptions = {}): Promise<FixResult> {
  const lang = options.lang ?? 'zh';
  if (await sameFile(input, output)) {
    throw new FixError(
      lang === 'zh'
        ? `输出文件不能与输入文件相同：${output}（fix 从不修改原文件，请用 -o 指定另一个文件名）`
        : `the output must differ from the input: ${output} (fix never modifies the original; choose another name with -o)`,
    );
  }
  const ext = NOT_WRITTEN.exec(output)?.[0];
  if (ext) {
    const suggested = output.slice(0, output.length - ext.length) + '.xlsx';
    throw new FixError(
      lang === 'zh'
        ? `fix 只写出 .xlsx 文件，不能写成 ${ext}：${output}（请改用 -o ${suggested}）`
        : `fix writes .xlsx files only, not ${ext}: ${output} (use -o ${suggested})`,
    );
  }
  const { workbook, sheets, format, warnings, notKept, vba, parts } = await readWorkbookFile(input, { lang, forFix: true });
  // .xlsm: the copy keeps the VBA project when it is an .xlsm itself; an .xlsx copy cannot hold macros (said in notKept)
  const keepMacros = MACRO_OUT.test(output);
  if (keepMacros && !vba) {
    const suggested = output.slice(0, output.length - 5) + '.xlsx';
    throw new FixError(
      lang === 'zh'
        ? `原文件中没有宏，副本不能写成 .xlsm：${output}（请改用 -o ${suggested}）`
        : `the original holds no macros, so the copy cannot be an .xlsm: ${output} (use -o ${suggested})`,
    );
  }
  if (vba && !keepMacros) notKept.unshift(MACROS_DROPPED[lang](output.replace(/\.[^./\\]*$/, '') + '.xlsm'));
  const analysis = analyzeWorkbook(sheets, {
    profile: options.profile,
    disabledRules: options.disabledRules,
    lang,
  });
  // nothing recognised: nothing to compute or mark, and no copy that looks like a checked file
  if (!analysis.tables.length)
    return { analysis, applied: { written: 0, marked: 0, skipped: [] }, output, format, warnings, notKept, noTables: true };
  const applied = applyPlan(workbook, analysis);
  escapeCarriageReturns(workbook);
  let bytes: Buffer = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  if (vba && keepMacros) bytes = withVbaProject(bytes, vba);
  if (parts) notKept.push(...notCarriedOver(parts, readZip(bytes).files, lang));
  const tmp = path.join(path.dirname(path.resolve(output)), `.${path.basename(output)}.${process.pid}.tmp`);
  try {
    await fsp.writeFile(tmp, bytes);
    await fsp.rename(tmp, output);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException)?.code ?? String(e);
    throw new FixError(lang === 'zh' ? `无法写入 ${output}：${code}` : `cannot write ${output}: ${code}`);
  }
  return { analysis, applied, output, format, warnings, notKept };
}

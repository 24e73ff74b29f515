// The reviewer's working copy: a summary workbook written with ExcelJS (汇总 / 问题清单 / 无法读取).
import { createWriteStream, promises as fsp } from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import type { Lang, Severity } from '../core/types';
import { FINDING_HEADERS, KIND, SEVERITY, SHEETS, SUMMARY_HEADERS, UNREADABLE_HEADERS, UNREADABLE_STATUS, ruleLabel } from './labels';
import { firstProblems, type FileSummary } from './summary';

const FILL: Record<Severity, string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };
const HEADER_FILL = 'FFD9E1F2';
const WIDTHS = {
  summary: [28, 14, 10, 12, 22, 22, 28, 14, 14, 10, 10, 10, 10, 9, 9, 7, 7, 7, 60],
  findings: [28, 14, 8, 9, 24, 22, 70, 28],
  unreadable: [40, 20, 80],
  noTable: [40, 30],
};

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** A link from the summary workbook to `file` (relative to the summary's folder), optionally to a cell. */
export function fileLink(file: string, outDir: string, sheet?: string, cell?: string): string {
  const rel = path.relative(outDir, path.resolve(file)).split(path.sep).join('/');
  if (!sheet || !cell) return rel;
  return `${rel}#'${sheet.replace(/'/g, "''")}'!${cell}`;
}

type Sheet = ExcelJS.Worksheet;

function header(ws: Sheet, names: string[], widths: number[]): void {
  ws.columns = names.map((n, i) => ({ header: n, width: widths[i] ?? 12 }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  for (let c = 1; c <= names.length; c++) row.getCell(c).fill = solid(HEADER_FILL);
  row.commit();
}

const FROZEN: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
const autoFilter = (rows: number, columns: number): ExcelJS.AutoFilter => ({
  from: { row: 1, column: 1 },
  to: { row: Math.max(1, rows + 1), column: columns },
});
const name = (file: string) => path.basename(file);
const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };
/** The 工作表 column of a finding on a Word report's text. */
const TEXT_SHEET: Record<Lang, string> = { zh: '正文', en: 'text' };

/**
 * The summary workbook, written with ExcelJS's streaming writer as files are added: rows go to the
 * file as they are made (12,000 finding rows cost a fraction of the in-memory writer's time and
 * memory). Files must be added in the order their rows should appear. Written beside the target and
 * renamed by close(): a failed run leaves no half-written summary.
 */
export class SummaryWriter {
  private tables = 0;
  private findings = 0;
  private readonly unreadable: FileSummary[] = [];
  private readonly noTable: FileSummary[] = [];
  private failed: Error | null = null;
  private readonly sevFill = { error: solid(FILL.error), warning: solid(FILL.warning), info: solid(FILL.info) };

  private constructor(
    private readonly outFile: string,
    private readonly lang: Lang,
    private readonly tmp: string,
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly sum: ExcelJS.Worksheet,
    private readonly fnd: ExcelJS.Worksheet,
    private readonly unr: ExcelJS.Worksheet,
    private readonly none: ExcelJS.Worksheet,
    private readonly outDir: string,
  ) {}

  /** Opens the temporary file beside `outFile`; rejects when it cannot be created. */
  static async open(outFile: string, lang: Lang): Promise<SummaryWriter> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter = require('exceljs/lib/stream/xlsx/workbook-writer');
    const tmp = `${outFile}.${process.pid}.tmp`;
    const stream = createWriteStream(tmp);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    const wb = new WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    wb.creator = 'ziping';
    wb.created = new Date();
    const sheet = (title: string, names: string[], widths: number[]) => {
      const ws = wb.addWorksheet(title, { views: FROZEN });
      header(ws, names, widths);
      return ws;
    };
    const w = new SummaryWriter(
      outFile,
      lang,
      tmp,
      wb,
      sheet(SHEETS[lang].summary, SUMMARY_HEADERS[lang], WIDTHS.summary),
      sheet(SHEETS[lang].findings, FINDING_HEADERS[lang], WIDTHS.findings),
      sheet(SHEETS[lang].unreadable, UNREADABLE_HEADERS[lang], WIDTHS.unreadable),
      sheet(SHEETS[lang].noTable, UNREADABLE_HEADERS[lang].slice(0, 2), WIDTHS.noTable),
      path.dirname(path.resolve(outFile)),
    );
    stream.on('error', (e) => (w.failed = w.failed ?? e));
    return w;
  }

  /** The rows of one file: its tables in 汇总, its findings in 问题清单 (无法读取 is written by close). */
  add(f: FileSummary): void {
    const { lang, outDir, sum, fnd } = this;
    // a Word report is opened, not jumped into: Excel links cannot point at a paragraph
    const link = (x: FileSummary, sheet: string, cell: string) =>
      x.format === 'docx' ? fileLink(x.file, outDir) : fileLink(x.file, outDir, sheet, cell);
    // 无法读取: files that could not be read; 未识别到表: read, but no self-evaluation table in them
    if (f.error) this.unreadable.push(f);
    else if (!f.tables.length) this.noTable.push(f);
    for (const t of f.tables) {
      this.tables++;
      const row = sum.addRow([
        { text: name(f.file), hyperlink: link(f, t.sheet, t.range.split(':')[0]), tooltip: f.file },
        t.sheet,
        t.range,
        KIND[lang][t.kind],
        t.department,
        t.unit,
        t.projectName,
        t.budgetWan,
        t.spentWan,
        t.executionRate,
        t.weightsTotal,
        // weights that do not add up: "—", the weights finding in 主要问题 says why (§4.5)
        t.total ?? (t.withheldTotal !== undefined ? '—' : null),
        t.enteredTotal,
        t.grade ?? (t.withheldTotal !== undefined ? '—' : null),
        t.enteredGrade,
        t.errors,
        t.warnings,
        t.infos,
        firstProblems(t),
      ]);
      row.getCell(1).font = LINK_FONT;
      for (const c of [8, 9]) row.getCell(c).numFmt = '#,##0.00';
      row.getCell(10).numFmt = '0.00%';
      for (const c of [11, 12, 13]) row.getCell(c).numFmt = '0.00';
      if (t.errors) {
        for (const c of [16, 19]) row.getCell(c).fill = solid(FILL.error);
      } else if (t.warnings) row.getCell(19).fill = solid(FILL.warning);
      if (t.warnings) row.getCell(17).fill = solid(FILL.warning);
      if (t.executionRate !== null && t.executionRate < 0.9) row.getCell(10).fill = solid(FILL.warning);
      if (t.enteredTotal !== null && t.total !== null && Math.abs(t.enteredTotal - t.total) > 0.005) row.getCell(13).fill = solid(FILL.error);
      if (t.enteredGrade !== null && t.grade !== null && t.enteredGrade !== t.grade) row.getCell(15).fill = solid(FILL.error);
      row.commit();
    }
    for (const t of f.tables) {
      for (const x of t.findings) {
        this.findings++;
        const row = fnd.addRow([
          { text: name(f.file), hyperlink: link(f, t.sheet, x.cell), tooltip: f.file },
          t.sheet,
          x.cell,
          SEVERITY[lang][x.severity],
          x.rule,
          ruleLabel(lang, x.rule),
          x.message,
          t.projectName,
        ]);
        row.getCell(1).font = LINK_FONT;
        row.getCell(4).fill = this.sevFill[x.severity];
        row.commit();
      }
    }
    // findings on a Word report's text that name no table (RULES.md §7)
    for (const x of f.textFindings ?? []) {
      this.findings++;
      const row = fnd.addRow([
        { text: name(f.file), hyperlink: fileLink(f.file, outDir), tooltip: f.file },
        TEXT_SHEET[lang],
        x.cell,
        SEVERITY[lang][x.severity],
        x.rule,
        ruleLabel(lang, x.rule),
        x.message,
        null,
      ]);
      row.getCell(1).font = LINK_FONT;
      row.getCell(4).fill = this.sevFill[x.severity];
      row.commit();
    }
  }

  /** Writes 无法读取, the autofilters, and moves the file into place. */
  async close(): Promise<void> {
    const { lang, outDir, sum, fnd, unr, none } = this;
    try {
      // autofilters are written when a sheet is committed: their size is known by then
      sum.autoFilter = autoFilter(this.tables, SUMMARY_HEADERS[lang].length);
      sum.commit();
      fnd.autoFilter = autoFilter(this.findings, FINDING_HEADERS[lang].length);
      fnd.commit();
      unr.autoFilter = autoFilter(this.unreadable.length, UNREADABLE_HEADERS[lang].length);
      for (const f of this.unreadable) {
        const row = unr.addRow([f.file, UNREADABLE_STATUS[lang].unreadable, f.error]);
        row.getCell(2).fill = solid(FILL.error);
        row.commit();
      }
      unr.commit();
      none.autoFilter = autoFilter(this.noTable.length, 2);
      for (const f of this.noTable) none.addRow([{ text: f.file, hyperlink: fileLink(f.file, outDir) }, UNREADABLE_STATUS[lang].noTable]).commit();
      none.commit();
      await this.wb.commit();
      if (this.failed) throw this.failed;
      await fsp.rename(this.tmp, this.outFile);
    } catch (e) {
      await this.abort();
      throw e;
    }
  }

  /** Drops the temporary file. */
  async abort(): Promise<void> {
    await fsp.rm(this.tmp, { force: true });
  }
}

/** Writes the summary workbook of `files` (in their order) to `outFile`. */
export async function writeSummaryWorkbook(files: FileSummary[], outFile: string, lang: Lang): Promise<void> {
  const w = await SummaryWriter.open(outFile, lang);
  try {
    for (const f of files) w.add(f);
  } catch (e) {
    await w.abort();
    throw e;
  }
  await w.close();
}

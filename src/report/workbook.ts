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
  summary: [28, 14, 10, 12, 22, 22, 28, 12, 12, 10, 10, 10, 10, 9, 9, 7, 7, 7, 60],
  findings: [28, 14, 8, 9, 24, 22, 70, 28],
  unreadable: [40, 20, 80],
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

/**
 * Writes the summary workbook to `outFile` with ExcelJS's streaming writer: rows go to the file as
 * they are made (12,000 finding rows cost a fraction of the in-memory writer's time and memory).
 */
export async function writeSummaryWorkbook(files: FileSummary[], outFile: string, lang: Lang): Promise<void> {
  const outDir = path.dirname(path.resolve(outFile));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter = require('exceljs/lib/stream/xlsx/workbook-writer');
  // written beside the target and renamed at the end: a failed run leaves no half-written summary
  const tmp = `${outFile}.${process.pid}.tmp`;
  const stream = createWriteStream(tmp);
  let failed: Error | null = null;
  stream.on('error', (e) => (failed = failed ?? e));
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  const wb = new WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'ziping';
  wb.created = new Date();
  let tables = 0;
  let findings = 0;
  let bad = 0;
  for (const f of files) {
    tables += f.tables.length;
    for (const t of f.tables) findings += t.findings.length;
    if (f.error || !f.tables.length) bad++;
  }

  const sumCols = SUMMARY_HEADERS[lang].length;
  const sum = wb.addWorksheet(SHEETS[lang].summary, { views: FROZEN });
  sum.autoFilter = autoFilter(tables, sumCols);
  header(sum, SUMMARY_HEADERS[lang], WIDTHS.summary);
  for (const f of files) {
    for (const t of f.tables) {
      const row = sum.addRow([
        { text: name(f.file), hyperlink: fileLink(f.file, outDir, t.sheet, t.range.split(':')[0]), tooltip: f.file },
        t.sheet,
        t.range,
        KIND[lang][t.kind],
        t.department,
        t.unit,
        t.projectName,
        t.budget,
        t.spent,
        t.executionRate,
        t.weightsTotal,
        t.total,
        t.enteredTotal,
        t.grade,
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
  }
  sum.commit();

  const fndCols = FINDING_HEADERS[lang].length;
  const fnd = wb.addWorksheet(SHEETS[lang].findings, { views: FROZEN });
  fnd.autoFilter = autoFilter(findings, fndCols);
  header(fnd, FINDING_HEADERS[lang], WIDTHS.findings);
  const sevFill = { error: solid(FILL.error), warning: solid(FILL.warning), info: solid(FILL.info) };
  for (const f of files) {
    for (const t of f.tables) {
      for (const x of t.findings) {
        const row = fnd.addRow([
          { text: name(f.file), hyperlink: fileLink(f.file, outDir, t.sheet, x.cell), tooltip: f.file },
          t.sheet,
          x.cell,
          SEVERITY[lang][x.severity],
          x.rule,
          ruleLabel(lang, x.rule),
          x.message,
          t.projectName,
        ]);
        row.getCell(1).font = LINK_FONT;
        row.getCell(4).fill = sevFill[x.severity];
        row.commit();
      }
    }
  }
  fnd.commit();

  const badCols = UNREADABLE_HEADERS[lang].length;
  const unr = wb.addWorksheet(SHEETS[lang].unreadable, { views: FROZEN });
  unr.autoFilter = autoFilter(bad, badCols);
  header(unr, UNREADABLE_HEADERS[lang], WIDTHS.unreadable);
  for (const f of files) {
    if (f.error) {
      const row = unr.addRow([f.file, UNREADABLE_STATUS[lang].unreadable, f.error]);
      row.getCell(2).fill = solid(FILL.error);
      row.commit();
    } else if (!f.tables.length) {
      unr.addRow([{ text: f.file, hyperlink: fileLink(f.file, outDir) }, UNREADABLE_STATUS[lang].noTable, null]).commit();
    }
  }
  unr.commit();
  try {
    await wb.commit();
    if (failed) throw failed;
    await fsp.rename(tmp, outFile);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

// The reviewer's working copy: a summary workbook written with ExcelJS (汇总 / 问题清单 / 无法读取).
import * as path from 'path';
import type ExcelJS from 'exceljs';
import type { Lang, Severity } from '../core/types';
import { Workbook } from '../xlsx/exceljs';
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

function header(ws: ExcelJS.Worksheet, names: string[], widths: number[]): void {
  ws.columns = names.map((n, i) => ({ header: n, width: widths[i] ?? 12 }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = solid(HEADER_FILL);
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
}

function finish(ws: ExcelJS.Worksheet, columns: number): void {
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ws.rowCount), column: columns } };
}

const name = (file: string) => path.basename(file);

/** Builds the summary workbook; `outFile` only decides where links point from. */
export function summaryWorkbook(files: FileSummary[], outFile: string, lang: Lang): ExcelJS.Workbook {
  const outDir = path.dirname(path.resolve(outFile));
  const wb = new Workbook();
  wb.creator = 'ziping';
  wb.created = new Date();

  const sum = wb.addWorksheet(SHEETS[lang].summary);
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
      row.getCell(1).font = { color: { argb: 'FF0563C1' }, underline: true };
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
      row.getCell(19).alignment = { wrapText: false };
    }
  }
  finish(sum, SUMMARY_HEADERS[lang].length);

  const fnd = wb.addWorksheet(SHEETS[lang].findings);
  header(fnd, FINDING_HEADERS[lang], WIDTHS.findings);
  for (const f of files) {
    for (const t of f.tables) {
      for (const x of t.findings) {
        const link = fileLink(f.file, outDir, t.sheet, x.cell);
        const row = fnd.addRow([
          { text: name(f.file), hyperlink: link, tooltip: f.file },
          t.sheet,
          { text: x.cell, hyperlink: link },
          SEVERITY[lang][x.severity],
          x.rule,
          ruleLabel(lang, x.rule),
          x.message,
          t.projectName,
        ]);
        for (const c of [1, 3]) row.getCell(c).font = { color: { argb: 'FF0563C1' }, underline: true };
        row.getCell(4).fill = solid(FILL[x.severity]);
      }
    }
  }
  finish(fnd, FINDING_HEADERS[lang].length);

  const bad = wb.addWorksheet(SHEETS[lang].unreadable);
  header(bad, UNREADABLE_HEADERS[lang], WIDTHS.unreadable);
  for (const f of files) {
    if (f.error) {
      const row = bad.addRow([f.file, UNREADABLE_STATUS[lang].unreadable, f.error]);
      row.getCell(2).fill = solid(FILL.error);
    } else if (!f.tables.length) {
      bad.addRow([{ text: f.file, hyperlink: fileLink(f.file, outDir) }, UNREADABLE_STATUS[lang].noTable, null]);
    }
  }
  finish(bad, UNREADABLE_HEADERS[lang].length);
  return wb;
}

export async function writeSummaryWorkbook(files: FileSummary[], outFile: string, lang: Lang): Promise<void> {
  await summaryWorkbook(files, outFile, lang).xlsx.writeFile(outFile);
}

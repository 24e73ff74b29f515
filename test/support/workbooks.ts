// Workbook helpers for adapter tests: build hosts from fixtures or grids, snapshot cells.
import ExcelJS from 'exceljs';
import type { SheetGrid } from '../../src/core/types';
import { a1 } from '../../src/core/address';
import { toWorkbook, type SheetSpec } from '../fixtures/build';
import { FakeExcelHost, type FakeHostOptions } from './fake-excel';
import { readFill, readNote } from './fake-excel/cells';

/** A fake host over the fixture workbook, round-tripped through .xlsx bytes like a real file. */
export async function hostFor(specs: SheetSpec[] | ExcelJS.Workbook, options?: FakeHostOptions): Promise<FakeExcelHost> {
  const wb = specs instanceof ExcelJS.Workbook ? specs : toWorkbook(specs);
  const buf = await wb.xlsx.writeBuffer();
  return FakeExcelHost.fromBuffer(buf as ArrayBuffer, options);
}

/** Reloads a workbook from bytes (a second, independent copy). */
export async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return copy;
}

/** An ExcelJS workbook holding SheetGrids (values, formats, formulas, merges). */
export function gridWorkbook(grids: SheetGrid[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = wb.addWorksheet(g.name);
    g.values.forEach((line, r) =>
      line.forEach((v, c) => {
        const cell = ws.getCell(g.top + r + 1, g.left + c + 1);
        const f = g.formulas?.[r]?.[c];
        if (f) cell.value = { formula: f.replace(/^=/, ''), result: v as ExcelJS.CellFormulaValue['result'] } as ExcelJS.CellFormulaValue;
        else if (v !== null && v !== undefined) cell.value = v as ExcelJS.CellValue;
        const fmt = g.formats?.[r]?.[c];
        if (fmt) cell.numFmt = fmt;
      }),
    );
    for (const m of g.merges) ws.mergeCellsWithoutStyle(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    if (g.protected) (ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection = { sheet: true };
  }
  return wb;
}

export interface CellSnap {
  value: unknown;
  numFmt: string;
  fill: string | null;
  note: string | null;
}

function plainValue(v: unknown): unknown {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as { richText?: ExcelJS.RichText[]; formula?: string; sharedFormula?: string; result?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return { formula: o.formula ?? o.sharedFormula, result: o.result };
  }
  return v === undefined ? null : v;
}

/** Every non-empty cell of the given sheets: value, number format, fill (#RRGGBB or pattern), note. */
export function snapshot(wb: ExcelJS.Workbook, sheets?: string[]): Record<string, CellSnap> {
  const out: Record<string, CellSnap> = {};
  for (const ws of wb.worksheets) {
    if (sheets && !sheets.includes(ws.name)) continue;
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if ((cell as unknown as { type: number }).type === 1) return; // merged slave
        const f = readFill(cell);
        const fill = f.tintAndShade === null ? null : `${f.color}${f.pattern && f.pattern !== 'Solid' ? '/' + f.pattern : ''}`;
        const snap: CellSnap = { value: plainValue(cell.value), numFmt: cell.numFmt || 'General', fill, note: readNote(cell) };
        if (snap.value === null && snap.numFmt === 'General' && !snap.fill && !snap.note) return;
        out[`${ws.name}!${a1(r - 1, c - 1)}`] = snap;
      });
    });
  }
  return out;
}

/** Keys whose snapshots differ. */
export function diffSnapshots(a: Record<string, CellSnap>, b: Record<string, CellSnap>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)).sort();
}

// Reading sheets from WPS 表格 into SheetGrids. Calls per sheet: the used range's geometry, one
// Value2 and one Formula for the whole block, number formats by column (split only where a column
// mixes formats), merges by bisection on MergeCells. A block is split where the values change shape
// (a cell's kind in the column, or a row's pattern of kinds), nearest its middle, else in halves: a
// table's uniform rows stay one block, so the count grows with columns and with format/merge runs,
// not with rows.
import type { CellRange, CellValue, SheetGrid } from '../core/types';
import { a1, parseRangeA1 } from '../core/address';
import { STORE_SHEET, type StoreDoc } from '../office/store';
import { readStoreColumn, type StoreBackup } from '../host/plan';
import type { EtRange, EtWorkbook, EtWorksheet } from './et-api';
import { sheetItem, XL_SHEET_VISIBLE } from './et-api';

/** COM error codes (CVErr as HRESULT) → error text; WPS may also give the text itself (自检). */
const COM_ERROR_TEXT: Record<number, string> = {
  [-2146826288]: '#NULL!',
  [-2146826281]: '#DIV/0!',
  [-2146826273]: '#VALUE!',
  [-2146826265]: '#REF!',
  [-2146826259]: '#NAME?',
  [-2146826252]: '#NUM!',
  [-2146826246]: '#N/A',
  [-2146826245]: '#GETTING_DATA',
};

export function rectAddress(top: number, left: number, rows: number, cols: number): string {
  const tl = a1(top, left);
  return rows === 1 && cols === 1 ? tl : `${tl}:${a1(top + rows - 1, left + cols - 1)}`;
}

/** Value2/Formula of a block as rows: a single cell comes back as a scalar. */
export function as2d(v: unknown, rows: number, cols: number): unknown[][] {
  if (Array.isArray(v)) return v.map((line) => (Array.isArray(line) ? line : [line]));
  // a single cell reads as a scalar; a wider range never should (padded with empties if it does)
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r === 0 && c === 0 ? v : undefined)));
}

export function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return COM_ERROR_TEXT[v] !== undefined ? { error: COM_ERROR_TEXT[v] } : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  return String(v);
}

/** A formula's text; a constant reads as its value in Formula too (see src/office/read.ts formulaOf). */
export function formulaText(formula: unknown, value: unknown): string | null {
  return typeof formula === 'string' && formula.startsWith('=') && formula.length > 1 && formula !== value ? formula : null;
}

/** Chinese WPS may report General as its local name. */
export function normalFormat(f: unknown): string {
  return typeof f === 'string' && f !== '' && f !== 'G/通用格式' ? f : 'General';
}

export interface SheetInfo {
  name: string;
  visible: boolean;
  index: number;
}

/** Every sheet's name and visibility (2 calls per sheet). */
export function listSheets(book: EtWorkbook): SheetInfo[] {
  const sheets = book.Worksheets;
  const n = sheets.Count;
  const out: SheetInfo[] = [];
  for (let i = 1; i <= n; i++) {
    const ws = sheetItem(sheets, i);
    out.push({ name: ws.Name, visible: Number(ws.Visible) === XL_SHEET_VISIBLE, index: i });
  }
  return out;
}

/** A cell's kind for the split points: empty, number, text, boolean, formula, other. */
function kindOf(v: unknown, formula: string | null): string {
  if (formula) return 'f';
  if (v === null || v === undefined || v === '') return 'e';
  return typeof v === 'number' ? 'n' : typeof v === 'string' ? 's' : typeof v === 'boolean' ? 'b' : 'x';
}

/** Rows (absolute) where the row's pattern of kinds, or with `col` the kind in that column, changes; ascending. */
function shapeBounds(kinds: string[][], top: number, col?: number): number[] {
  const out: number[] = [];
  const rowSig = kinds.map((line) => line.join(''));
  for (let r = 1; r < kinds.length; r++) {
    if (rowSig[r] !== rowSig[r - 1] || (col !== undefined && kinds[r][col] !== kinds[r - 1][col])) out.push(top + r);
  }
  return out;
}

/** Where to split rows [lo, hi): the bound nearest the middle, else the middle. */
export function splitRow(bounds: number[], lo: number, hi: number): number {
  const mid = lo + ((hi - lo) >> 1);
  let a = 0;
  let b = bounds.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (bounds[m] < mid) a = m + 1;
    else b = m;
  }
  let best = -1;
  for (const x of [bounds[a - 1], bounds[a]]) {
    if (x !== undefined && x > lo && x < hi && (best < 0 || Math.abs(x - mid) < Math.abs(best - mid))) best = x;
  }
  return best > 0 ? best : mid;
}

/** Number formats of a column block, splitting (at `bounds`, else in halves) where NumberFormat is null (mixed). */
function readFormats(
  ws: EtWorksheet,
  top: number,
  col: number,
  rows: number,
  out: string[][],
  gridTop: number,
  gridLeft: number,
  bounds: number[],
): void {
  const f = ws.Range(rectAddress(top, col, rows, 1)).NumberFormat;
  if (f !== null && f !== undefined) {
    const fmt = normalFormat(f);
    for (let r = 0; r < rows; r++) out[top - gridTop + r][col - gridLeft] = fmt;
    return;
  }
  if (rows === 1) return; // stays General
  const at = splitRow(bounds, top, top + rows);
  readFormats(ws, top, col, at - top, out, gridTop, gridLeft, bounds);
  readFormats(ws, at, col, top + rows - at, out, gridTop, gridLeft, bounds);
}

function inside(r: CellRange, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

/** Every cell of the block lies in a merge already found. */
function covered(found: Map<string, CellRange>, top: number, left: number, rows: number, cols: number): boolean {
  const list = [...found.values()];
  if (!list.length) return false;
  for (let r = top; r < top + rows; r++) for (let c = left; c < left + cols; c++) if (!list.some((m) => inside(m, r, c))) return false;
  return true;
}

/**
 * Merged areas meeting a block, by bisection on MergeCells (false: none; true or null: split until a
 * block lies in one merge area; rows at `bounds` where there are any). Blocks inside merges already
 * found cost no call.
 */
function readMerges(ws: EtWorksheet, top: number, left: number, rows: number, cols: number, found: Map<string, CellRange>, bounds: number[]): void {
  if (covered(found, top, left, rows, cols)) return;
  const m = ws.Range(rectAddress(top, left, rows, cols)).MergeCells;
  if (m === false) return;
  if (m === true || (rows === 1 && cols === 1)) {
    let r: CellRange | null = [...found.values()].find((x) => inside(x, top, left)) ?? null;
    if (!r) {
      const area = ws.Range(a1(top, left)).MergeArea.Address(false, false);
      r = parseRangeA1(area);
      if (r && (r.top !== r.bottom || r.left !== r.right)) found.set(area, r);
    }
    if (r && r.top <= top && r.left <= left && r.bottom >= top + rows - 1 && r.right >= left + cols - 1) return;
    if (rows === 1 && cols === 1) return;
  }
  if (rows >= cols && rows > 1) {
    const at = splitRow(bounds, top, top + rows);
    readMerges(ws, top, left, at - top, cols, found, bounds);
    readMerges(ws, at, left, top + rows - at, cols, found, bounds);
  } else {
    const half = cols >> 1;
    readMerges(ws, top, left, rows, half, found, bounds);
    readMerges(ws, top, left + half, rows, cols - half, found, bounds);
  }
}

/** Geometry of the used range; null when the sheet is empty. */
export function usedBlock(ws: EtWorksheet): { range: EtRange; top: number; left: number; rows: number; cols: number } {
  const u = ws.UsedRange;
  return { range: u, top: u.Row - 1, left: u.Column - 1, rows: u.Rows.Count, cols: u.Columns.Count };
}

/** One sheet as a SheetGrid (empty grid for an empty sheet). */
export function readSheet(ws: EtWorksheet, name: string, isProtected: boolean): SheetGrid {
  const grid: SheetGrid = { name, top: 0, left: 0, values: [], formats: [], formulas: [], merges: [], protected: isProtected };
  const { range, top, left, rows, cols } = usedBlock(ws);
  const raw = as2d(range.Value2, rows, cols);
  if (rows * cols === 1 && cellValue(raw[0][0]) === null) return grid; // an empty sheet's used range is A1
  const formulas = as2d(range.Formula, rows, cols);
  grid.top = top;
  grid.left = left;
  grid.values = raw.map((line) => line.map(cellValue));
  grid.formulas = raw.map((line, r) => line.map((v, c) => formulaText(formulas[r]?.[c], v)));
  const kinds = raw.map((line, r) => Array.from({ length: cols }, (_, c) => kindOf(line[c], grid.formulas![r]?.[c] ?? null)));
  const formats: string[][] = raw.map((line) => line.map(() => 'General'));
  const whole = range.NumberFormat;
  if (whole !== null && whole !== undefined) {
    const fmt = normalFormat(whole);
    for (const line of formats) line.fill(fmt);
  } else {
    for (let c = 0; c < cols; c++) readFormats(ws, top, left + c, rows, formats, top, left, shapeBounds(kinds, top, c));
  }
  grid.formats = formats;
  const found = new Map<string, CellRange>();
  readMerges(ws, top, left, rows, cols, found, shapeBounds(kinds, top));
  grid.merges = [...found.values()].sort((a, b) => a.top - b.top || a.left - b.left);
  return grid;
}

/**
 * The store sheet's column A (one Value2): the document (null when empty), or a backup to keep when
 * it cannot be read (src/host/plan.ts readStoreColumn).
 */
export function readStore(ws: EtWorksheet): { doc: StoreDoc | null; backup: StoreBackup | null; rows: number } {
  const { top, rows } = usedBlock(ws);
  const n = top + rows;
  const values = as2d(ws.Range(rectAddress(0, 0, n, 1)).Value2, n, 1);
  const { doc, backup } = readStoreColumn(values);
  return { doc, backup, rows: values.some((r) => r[0] !== undefined && r[0] !== null && r[0] !== '') ? n : 0 };
}

export { STORE_SHEET };

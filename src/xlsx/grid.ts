// Cells → SheetGrid, shared by the ExcelJS and the SheetJS readers; merge clean-up.
import type { CellRange, CellValue, SheetGrid } from '../core/types';

export interface GridCell {
  row: number;
  col: number;
  value: CellValue;
  formula: string | null;
  format: string | null;
}

/** Sheets whose content box is at most this many cells are read as a full rectangle. */
export const DENSE_CELLS = 2_000_000;

export function boundingBox(cells: { row: number; col: number }[], merges: CellRange[]): CellRange {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const { row, col } of cells) {
    if (row < top) top = row;
    if (col < left) left = col;
    if (row > bottom) bottom = row;
    if (col > right) right = col;
  }
  for (const m of merges) {
    top = Math.min(top, m.top);
    left = Math.min(left, m.left);
    bottom = Math.max(bottom, m.bottom);
    right = Math.max(right, m.right);
  }
  return bottom < 0 ? { top: 0, left: 0, bottom: 0, right: 0 } : { top, left, bottom, right };
}

/**
 * The grid of one sheet: every cell with a value, a formula or a non-General number format, plus
 * every merge. Formatted blanks count only inside the box of real content (whole formatted columns
 * don't). Rows end at their own last cell (jagged) when the box is huge, so a stray entry far away
 * costs one long row, not a dense rectangle; nothing is dropped. `merges` must be sorted.
 */
export function buildGrid(name: string, cells: GridCell[], merges: CellRange[], isProtected: boolean): SheetGrid {
  const grid: SheetGrid = { name, top: 0, left: 0, values: [], formats: [], formulas: [], merges };
  if (isProtected) grid.protected = true;
  if (!cells.length && !merges.length) return grid;
  const box = boundingBox(
    cells.filter((x) => x.value !== null || x.formula !== null),
    merges,
  );
  const kept = cells.filter(
    (c) => c.value !== null || c.formula !== null || (c.row >= box.top && c.row <= box.bottom && c.col >= box.left && c.col <= box.right),
  );
  if (!kept.length && !merges.length) return grid;
  const { top, left, bottom, right } = boundingBox(kept, merges);
  const h = bottom - top + 1;
  const values: CellValue[][] = Array.from({ length: h }, () => []);
  const formats: (string | null)[][] = Array.from({ length: h }, () => []);
  const formulas: (string | null)[][] = Array.from({ length: h }, () => []);
  for (const c of kept) {
    const r = c.row - top;
    const k = c.col - left;
    const vr = values[r];
    while (vr.length < k) {
      vr.push(null);
      formats[r].push(null);
      formulas[r].push(null);
    }
    vr[k] = c.value;
    formats[r][k] = c.format;
    formulas[r][k] = c.formula;
  }
  const w = right - left + 1;
  if (h * w <= DENSE_CELLS) {
    for (let r = 0; r < h; r++) {
      while (values[r].length < w) {
        values[r].push(null);
        formats[r].push(null);
        formulas[r].push(null);
      }
    }
  }
  return { ...grid, merges, top, left, values, formats, formulas };
}

const overlaps = (a: CellRange, b: CellRange) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/**
 * Merges as Excel shows them: of each set of overlapping (or duplicate) ranges the first in file
 * order is kept. Returns the kept ranges (file order) and the dropped ones.
 */
export function dedupeMerges(ranges: CellRange[]): { kept: CellRange[]; dropped: CellRange[] } {
  const kept: CellRange[] = [];
  const dropped: CellRange[] = [];
  // bucket kept ranges by blocks of rows so a sheet with thousands of merges stays linear-ish
  const B = 64;
  const buckets = new Map<number, CellRange[]>();
  for (const m of ranges) {
    const b0 = Math.floor(m.top / B);
    const b1 = Math.floor(m.bottom / B);
    let clash = false;
    for (let b = b0; b <= b1 && !clash; b++) {
      const list = buckets.get(b);
      if (list)
        for (const k of list)
          if (overlaps(k, m)) {
            clash = true;
            break;
          }
    }
    if (clash) {
      dropped.push(m);
      continue;
    }
    kept.push(m);
    for (let b = b0; b <= b1; b++) {
      const list = buckets.get(b);
      if (list) list.push(m);
      else buckets.set(b, [m]);
    }
  }
  return { kept, dropped };
}

export const byPosition = (a: CellRange, b: CellRange) => a.top - b.top || a.left - b.left;

/** Row → the merges that cover it (multi-cell merges only), for rows below `rows`. */
export function mergedBelowTopLeft(merges: CellRange[], rows: number): Map<number, CellRange[]> {
  const out = new Map<number, CellRange[]>();
  for (const m of merges) {
    if (m.top === m.bottom && m.left === m.right) continue;
    for (let r = m.top; r <= m.bottom && r < rows; r++) {
      const list = out.get(r);
      if (list) list.push(m);
      else out.set(r, [m]);
    }
  }
  return out;
}

/** Merged cells other than the top-left carry no value of their own (Excel hides what is stored there). */
export function hidesCell(merges: CellRange[], r: number, c: number): boolean {
  for (const m of merges) if (c >= m.left && c <= m.right && (r !== m.top || c !== m.left)) return true;
  return false;
}

// Read-only view over a SheetGrid: absolute coordinates, merged areas resolved.
import type { CellRange, CellValue, SheetGrid } from './types';
import { cellText, normalizeText } from './values';

export class Sheet {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number; // inclusive
  readonly right: number; // inclusive
  private readonly mergesByRow = new Map<number, CellRange[]>();
  private readonly normRows: (string | undefined)[][] = [];

  constructor(readonly grid: SheetGrid) {
    this.name = grid.name;
    this.top = grid.top;
    this.left = grid.left;
    let width = 0;
    for (const row of grid.values) if (row && row.length > width) width = row.length;
    this.bottom = grid.top + grid.values.length - 1;
    this.right = grid.left + width - 1;
    for (const m of grid.merges) {
      if (m.bottom - m.top > 5000) continue; // absurd merges are not labels
      for (let r = m.top; r <= m.bottom; r++) {
        const list = this.mergesByRow.get(r);
        if (list) list.push(m);
        else this.mergesByRow.set(r, [m]);
      }
    }
  }

  private readonly ends: number[] = [];

  /** Last column of row `row` that holds anything (its own cells or a merged area): rows may be jagged. */
  rowEnd(row: number): number {
    const ri = row - this.top;
    if (ri < 0 || row > this.bottom) return this.left - 1;
    let e = this.ends[ri];
    if (e === undefined) {
      const r = this.grid.values[ri];
      e = this.left + (r ? r.length : 0) - 1;
      const ms = this.mergesByRow.get(row);
      if (ms) for (const m of ms) if (m.right > e) e = m.right;
      if (e > this.right) e = this.right; // a merge running to XFD adds nothing past the grid
      this.ends[ri] = e;
    }
    return e;
  }

  mergeAt(row: number, col: number): CellRange | null {
    const list = this.mergesByRow.get(row);
    if (!list) return null;
    for (const m of list) if (col >= m.left && col <= m.right) return m;
    return null;
  }

  /** Raw value stored in this exact cell (no merge resolution). */
  own(row: number, col: number): CellValue {
    const r = this.grid.values[row - this.top];
    const ci = col - this.left;
    if (!r || ci < 0 || ci >= r.length) return null;
    const v = r[ci];
    return v === undefined ? null : v;
  }

  /** Value of the cell, or of the top-left cell of its merged area. */
  value(row: number, col: number): CellValue {
    if (!this.mergesByRow.has(row)) return this.own(row, col);
    const m = this.mergeAt(row, col);
    return m ? this.own(m.top, m.left) : this.own(row, col);
  }

  /** The cell that holds the value (top-left of a merged area). */
  anchor(row: number, col: number): { row: number; col: number } {
    const m = this.mergeAt(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  format(row: number, col: number): string | null {
    const a = this.anchor(row, col);
    const r = this.grid.formats?.[a.row - this.top];
    return (r && r[a.col - this.left]) || null;
  }

  formula(row: number, col: number): string | null {
    const r = this.grid.formulas?.[row - this.top];
    const f = r && r[col - this.left];
    return f ? f : null;
  }

  /** Normalised text (NFKC, no whitespace) of the (merge-resolved) cell. */
  norm(row: number, col: number): string {
    const ri = row - this.top;
    if (ri < 0 || row > this.bottom) return '';
    let cache = this.normRows[ri];
    if (!cache) cache = this.normRows[ri] = [];
    const ci = col - this.left;
    let t = cache[ci];
    if (t === undefined) {
      const v = this.value(row, col);
      t = v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : normalizeText(cellText(v));
      cache[ci] = t;
    }
    return t;
  }

  text(row: number, col: number): string {
    return cellText(this.value(row, col)).trim();
  }

  /** True when the cell is inside a merged area but is not its top-left cell. */
  isMergedFollower(row: number, col: number): boolean {
    const m = this.mergeAt(row, col);
    return !!m && (m.top !== row || m.left !== col);
  }

  rowIsEmpty(row: number, left = this.left, right = this.right): boolean {
    const end = Math.min(right, this.rowEnd(row));
    for (let c = left; c <= end; c++) {
      const v = this.value(row, c);
      if (v === null || v === undefined) continue;
      if (typeof v !== 'string') return false;
      if (v.trim() !== '' && this.norm(row, c) !== '') return false;
    }
    return true;
  }
}

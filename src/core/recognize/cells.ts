// Cell readers shared by the block readers.
import type { Sheet } from '../sheet';
import type { FundBlock, NumCell, Pos } from '../model';
import type { CellValue } from '../types';
import { isProjectNameLabel, isTotalLabel, isOtherNotesLabel } from '../vocab';
import { isBlank, isCellError, parseNumber } from '../values';

/** Drops layout whitespace (line breaks inside CJK labels), keeps single spaces between Latin words. */
// eslint-disable-next-line no-control-regex -- the range is "not ASCII", control characters included on purpose
const SPACE_AFTER_CJK = /([^\u0000-\u007f]) /g;
// eslint-disable-next-line no-control-regex -- as above
const SPACE_BEFORE_CJK = / (?=[^\u0000-\u007f])/g;

export function cleanLabel(s: string): string {
  return (
    s
      .trim()
      .replace(/\s+/g, ' ')
      // no lookbehind: Trident and EdgeHTML (Office 2019) cannot parse it
      .replace(SPACE_AFTER_CJK, '$1')
      .replace(SPACE_BEFORE_CJK, '')
  );
}

export function readNum(sheet: Sheet, row: number, c: number | null): NumCell {
  if (c === null) return { pos: null, value: null, blank: true, unparsable: false, formula: false };
  const a = sheet.anchor(row, c);
  const v = sheet.value(row, c);
  const formula = sheet.formula(a.row, a.col) !== null;
  if (isBlank(v)) return { pos: a, value: null, blank: true, unparsable: false, formula };
  const p = parseNumber(v, sheet.format(row, c));
  if (!p) return { pos: a, value: null, blank: false, unparsable: true, formula };
  const value = p.unit === '%' && typeof v === 'number' ? p.value / 100 : p.unit === '%' ? p.value / 100 : p.value;
  return { pos: a, value, blank: false, unparsable: false, formula };
}

/** Like readNum but keeps percentages as written (95 for 95 %). */
export function readPlain(sheet: Sheet, row: number, c: number | null): NumCell {
  const n = readNum(sheet, row, c);
  if (n.value === null || c === null) return n;
  const p = parseNumber(sheet.value(row, c), sheet.format(row, c));
  return { ...n, value: p ? p.value : n.value };
}

export function rowHasText(sheet: Sheet, r: number, test: (norm: string) => boolean, left = sheet.left, right = sheet.right): Pos | null {
  const end = Math.min(right, sheet.rowEnd(r));
  for (let c = left; c <= end; c++) {
    const t = sheet.norm(r, c);
    if (t !== '' && !sheet.isMergedFollower(r, c) && test(t)) return { row: r, col: c };
  }
  return null;
}

/** One pass over a row for the labels that end or shape an indicator block. */
export function rowLabels(sheet: Sheet, r: number, right: number): { projectName: boolean; total: Pos | null; notes: Pos | null } {
  let projectName = false;
  let total: Pos | null = null;
  let notes: Pos | null = null;
  for (let c = sheet.left; c <= sheet.rowEnd(r); c++) {
    const t = sheet.norm(r, c);
    if (t === '' || sheet.isMergedFollower(r, c)) continue;
    if (isProjectNameLabel(t)) projectName = true;
    else if (c <= right && !total && isTotalLabel(t)) total = { row: r, col: c };
    else if (c <= right && !notes && isOtherNotesLabel(t)) notes = { row: r, col: c };
  }
  return { projectName, total, notes };
}

export function nextValueRight(sheet: Sheet, r: number, c: number, limit = 12): Pos | null {
  const self = sheet.anchor(r, c);
  for (let x = c + 1; x <= Math.min(sheet.right, c + limit); x++) {
    const a = sheet.anchor(r, x);
    if (a.row === self.row && a.col === self.col) continue;
    if (sheet.norm(r, x) !== '') return a;
  }
  return null;
}

/** The amount right of a label; a label next to it (the amount left blank) is no amount. */
export function amountRightOf(sheet: Sheet, r: number, c: number): NumCell | null {
  // the first filled cell right of the label; another label there means the amount is blank
  const p = nextValueRight(sheet, r, c, 3);
  if (!p) return null;
  const n = readNum(sheet, p.row, p.col);
  if (n.unparsable && /资金|投资|使用情况|到位|万元|财政|预算|执行/.test(sheet.norm(p.row, p.col))) return null;
  return n;
}

/** A fund block of one line (rubric header, department 总额 row, execution line). */
export function oneLineFunds(
  sheet: Sheet,
  headerRow: number,
  row: number,
  budget: NumCell,
  spent: NumCell,
  extra: { weight?: NumCell; score?: NumCell; rateCell?: Pos | null; rateFormula?: boolean } = {},
): FundBlock {
  const none = readNum(sheet, row, null);
  return {
    headerRow,
    rows: [{ kind: 'total', row, initialBudget: none, budget, allocated: none, spent }],
    total: null,
    weight: extra.weight ?? none,
    rateCell: extra.rateCell ?? null,
    rateFormula: extra.rateFormula ?? false,
    score: extra.score ?? none,
    budgetUsed: null,
    budgetFallback: false,
    zeroBudget: false,
    rate: null,
    computedScore: null,
  };
}

export function valueAt(sheet: Sheet, p: Pos | null): CellValue {
  return p ? sheet.value(p.row, p.col) : null;
}
export function isErrorAt(sheet: Sheet, p: Pos | null): boolean {
  return p ? isCellError(sheet.value(p.row, p.col)) : false;
}

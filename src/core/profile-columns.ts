// Columns only some provinces' tables carry (research/yitihua-rules.md §3.2): 扣减分数 and
// 完成情况简要描述. Found by their header word on the table's header rows; read per indicator row.
import type { Pos, Table } from './model';
import { annotate } from './vocab';
import { isBlank, parseValue } from './values';

export const DEDUCTION_WORDS = ['扣减分数', '扣减分', '扣减分值', '扣分', '扣分值'];
export const DESCRIPTION_WORDS = ['完成情况简要描述', '完成情况简要说明', '完成情况描述', '完成情况说明', '简要描述'];

/** Column of the first header cell (header row, or the rows just above or below) whose word is in `words`. */
export function findHeaderColumn(t: Table, words: readonly string[]): number | null {
  const sheet = t.sheet;
  for (const r of [t.headerRow, t.headerRow - 1, t.headerRow + 1]) {
    if (r < sheet.top || r > sheet.bottom) continue;
    // a column the recognizer does not know may stand right of the table it found
    for (let c = t.left; c <= Math.min(sheet.right, t.right + 4); c++) {
      const norm = sheet.norm(r, c);
      if (norm && words.includes(annotate(norm).base)) return c;
    }
  }
  return null;
}

/** Fills deductionPos / columnDeduction / deductionInvalid of each indicator (score = max(0, S − deduction)). */
export function readDeductions(t: Table): void {
  const c = findHeaderColumn(t, DEDUCTION_WORDS);
  if (c === null) return;
  const sheet = t.sheet;
  for (const ind of t.indicators) {
    const at: Pos = sheet.anchor(ind.row, c);
    ind.deductionPos = at;
    const v = sheet.value(at.row, at.col);
    if (isBlank(v)) continue;
    const p = parseValue(v, sheet.format(at.row, at.col), sheet.norm(at.row, at.col));
    const x = p.number ? p.number.value : null;
    if (x === null || x < 0 || !Number.isFinite(x)) {
      ind.deductionInvalid = true;
      continue;
    }
    if (x > 0) ind.columnDeduction = x;
  }
}

/** Fills descriptionPos / descriptionBlank of each indicator when the table has a 完成情况简要描述 column. */
export function readDescriptions(t: Table): boolean {
  const c = findHeaderColumn(t, DESCRIPTION_WORDS);
  if (c === null) return false;
  for (const ind of t.indicators) {
    const at = t.sheet.anchor(ind.row, c);
    ind.descriptionPos = at;
    ind.descriptionBlank = isBlank(t.sheet.value(at.row, at.col));
  }
  return true;
}

/** A weight written on a group label: "数量指标(20)", "产出指标（50分）" → 20 / 50; none → null. */
export function labelWeight(text: string): number | null {
  const m = /[(（【[]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）】\]]\s*$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

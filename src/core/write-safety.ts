// Where a computed value may be written (RULES.md §6): never on a narrative row, never over text
// other than a number, a percent or a grade word. The last guard before any write is planned.
import type { Sheet } from './sheet';
import type { Pos } from './model';
import type { CellValue } from './types';
import { cellText, normalizeText, parseNumber } from './values';

/** Labels of narrative rows: their cells hold prose and are never written or read as a score. */
const NARRATIVE = [
  /^(偏差|未完成|偏低|未达标|差异|目标未完成).*(原因|措施|说明)/,
  /原因分析/,
  /改进措施/,
  /结果应用/,
  /^(情况)?说明$/,
  /^其他(需要|需)?说明/,
  /^年度(总体)?(绩效)?目标$/,
  /^总体目标/,
  /^(实际)?完成情况$/,
  /^存在(的)?问题/,
];

export function isNarrativeLabel(norm: string): boolean {
  if (norm === '' || norm.length > 30) return false;
  const base = norm.replace(/[（(][^)）]*[)）]/g, '').replace(/[:：]$/, '');
  return NARRATIVE.some((p) => p.test(base));
}

/** A row whose label (any text cell left of `col`) is a narrative label. */
export function isNarrativeRow(sheet: Sheet, row: number, col: number): boolean {
  if (row < sheet.top || row > sheet.bottom) return false;
  for (let c = sheet.left; c < col; c++) {
    const t = sheet.norm(row, c);
    if (t !== '' && isNarrativeLabel(t)) return true;
  }
  return false;
}

export const GRADE_WORDS: ReadonlySet<string> = new Set(['优', '良', '中', '差', '优秀', '良好', '合格', '不合格', '较好', '好', '一般']);

/** A value a computed cell may hold before it is written: blank, a number, a percent or a grade word. */
export function isWritableValue(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return true;
  if (typeof v === 'boolean' || v instanceof Date) return false;
  if (typeof v === 'object') return true; // an error value (#DIV/0!) left by a broken computation
  const t = normalizeText(cellText(v));
  if (t === '') return true;
  if (GRADE_WORDS.has(t)) return true;
  const p = parseNumber(t);
  if (p === null) return false;
  // a bare number or a percent; "10万元" or "3个" is an entered amount, not a computed cell
  return /^[-+]?[\d,.]+%?$/.test(t) || /^[-+]?[\d,.]+分$/.test(t);
}

/** Whether the engine may write into this cell. */
export function isWritableCell(sheet: Sheet, p: Pos): boolean {
  return isWritableValue(sheet.value(p.row, p.col)) && !isNarrativeRow(sheet, p.row, p.col);
}

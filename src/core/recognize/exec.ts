// Execution line of a rubric (一级 | 预算数 | 执行数 | 预算执行率 | 分值 | 得分).
import type { Sheet } from '../sheet';
import type { FundBlock } from '../model';
import { fundRowKind } from '../vocab';
import { type Block, col } from './blocks';
import { oneLineFunds, readNum } from './cells';

export function readExec(sheet: Sheet, b: Block, stopRow: number): { fund: FundBlock; lastRow: number } | null {
  const c2 = col(b, 'level2');
  let lastRow = b.headerBottom;
  let first: number | null = null;
  for (let r = b.headerBottom + 1; r <= Math.min(stopRow, b.headerBottom + 12); r++) {
    if (sheet.rowIsEmpty(r, b.left, b.right)) {
      if (first !== null) break;
      continue;
    }
    if (first === null) first = r;
    lastRow = r;
  }
  if (first === null) return null;
  // the 资金总体 row, else the first data row
  let row = first;
  for (let r = first; r <= lastRow; r++) if (c2 !== null && fundRowKind(sheet.norm(r, c2)) === 'total') row = r;
  const budgetCol = col(b, 'budget') ?? col(b, 'initialBudget');
  const rateCol = col(b, 'rate');
  const rateCell = rateCol !== null ? sheet.anchor(row, rateCol) : null;
  const fund = oneLineFunds(sheet, b.headerTop, row, readNum(sheet, row, budgetCol), readNum(sheet, row, col(b, 'spent')), {
    weight: readNum(sheet, row, col(b, 'weight')),
    score: readNum(sheet, row, col(b, 'score')),
    rateCell,
    rateFormula: rateCell ? sheet.formula(rateCell.row, rateCell.col) !== null : false,
  });
  return { fund, lastRow };
}

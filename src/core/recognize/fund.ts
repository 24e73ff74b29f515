// Fund block (项目资金 / 资金情况 / 预算执行情况): budget, spent, rate, weight and score of the fund rows.
import type { Sheet } from '../sheet';
import type { FundBlock, FundRow } from '../model';
import { fundRowKind } from '../vocab';
import { type Block, col } from './blocks';
import { readNum } from './cells';

export function readFundBlock(sheet: Sheet, b: Block, stopRow: number): FundBlock {
  // no amount column (the row below renamed them): scan at most to the row's end
  const firstData = Math.min(sheet.right + 1, ...[col(b, 'initialBudget'), col(b, 'budget'), col(b, 'spent')].filter((x): x is number => x !== null));
  const rows: FundRow[] = [];
  let lastRow = b.headerBottom;
  let misses = 0;
  for (let r = b.headerBottom + 1; r <= Math.min(stopRow, b.headerBottom + 8); r++) {
    let kind: FundRow['kind'] | null = null;
    const end = Math.min(firstData - 1, sheet.rowEnd(r));
    for (let c = sheet.left; c <= end; c++) {
      const k = fundRowKind(sheet.norm(r, c));
      if (k) {
        kind = k;
        break;
      }
    }
    if (!kind) {
      if (++misses > 1 || rows.length > 0) break;
      continue;
    }
    rows.push({
      kind,
      row: r,
      initialBudget: readNum(sheet, r, col(b, 'initialBudget')),
      budget: readNum(sheet, r, col(b, 'budget')),
      allocated: readNum(sheet, r, col(b, 'allocated')),
      spent: readNum(sheet, r, col(b, 'spent')),
    });
    lastRow = r;
  }
  const total = rows.find((x) => x.kind === 'total') ?? null;
  const tr = total ? total.row : b.headerBottom + 1;
  const rateCol = col(b, 'rate');
  const rateCell = rateCol !== null && total ? sheet.anchor(tr, rateCol) : null;
  void lastRow;
  return {
    headerRow: b.headerTop,
    rows,
    total,
    weight: total ? readNum(sheet, tr, col(b, 'weight')) : readNum(sheet, tr, null),
    rateCell,
    rateFormula: rateCell ? sheet.formula(rateCell.row, rateCell.col) !== null : false,
    score: total ? readNum(sheet, tr, col(b, 'score')) : readNum(sheet, tr, null),
    budgetUsed: null,
    budgetFallback: false,
    zeroBudget: false,
    rate: null,
    computedScore: null,
  };
}

export function fundBlockEnd(f: FundBlock): number {
  return f.rows.length ? f.rows[f.rows.length - 1].row : f.headerRow;
}

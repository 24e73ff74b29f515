// Fund block (项目资金 / 资金情况 / 预算执行情况): budget, spent, rate, weight and score of the fund rows.
import type { Sheet } from '../sheet';
import type { FundBlock, FundRow } from '../model';
import { annotate, fundRowKind, headerRole } from '../vocab';
import { type Block, col } from './blocks';
import { readNum, readPlain } from './cells';
import { isBlank, normalizeText, parseNumber } from '../values';

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
  // the fund weight: a 分值/权重 column ("20%" is 20 points), else the block label ("(20分)", "得分(20分*执行率)")
  let weight = total ? readPlain(sheet, tr, col(b, 'weight')) : readNum(sheet, tr, null);
  let weightFromLabel = false;
  const wc = col(b, 'weight');
  const weightPercent = total !== null && wc !== null && parseNumber(sheet.value(tr, wc), sheet.format(tr, wc))?.unit === '%';
  if (total && col(b, 'weight') === null) {
    const w = labelWeight(sheet, b);
    if (w) {
      weight = { pos: w.pos, value: w.weight, blank: false, unparsable: false, formula: false };
      weightFromLabel = true;
    }
  }
  const rc = col(b, 'reason');
  const reasonPos = total && rc !== null ? sheet.anchor(tr, rc) : null;
  return {
    weightFromLabel,
    reasonPos,
    reasonBlank: reasonPos ? isTemplateText(sheet.text(reasonPos.row, reasonPos.col)) : true,
    headerRow: b.headerTop,
    rows,
    total,
    weight,
    rateCell,
    rateFormula: rateCell ? sheet.formula(rateCell.row, rateCell.col) !== null : false,
    score: total ? (weightPercent ? readPlain : readNum)(sheet, tr, col(b, 'score')) : readNum(sheet, tr, null),
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

/** A weight in the fund block's label or in its 得分 header ("得分(20分*执行率)"). */
function labelWeight(sheet: Sheet, b: Block): { pos: { row: number; col: number }; weight: number } | null {
  let fromScore: { pos: { row: number; col: number }; weight: number } | null = null;
  for (let r = b.headerTop; r <= b.headerBottom; r++) {
    for (let c = sheet.left; c <= sheet.rowEnd(r); c++) {
      const t = sheet.norm(r, c);
      if (t === '' || t.indexOf('分') < 0 || sheet.isMergedFollower(r, c)) continue;
      const a = annotate(t);
      if (a.weight === null) continue;
      const role = headerRole(t);
      if (role === 'fundLabel') return { pos: sheet.anchor(r, c), weight: a.weight };
      if (role === 'score' && !fromScore) fromScore = { pos: sheet.anchor(r, c), weight: a.weight };
    }
  }
  return fromScore;
}

/** Blank, or the template's printed instruction ("…未达到90%的需说明原因(100字以内)…"): no reason given. */
export function isTemplateText(text: string): boolean {
  if (isBlank(text)) return true;
  return /字以内|需说明原因|应单独说明理由/.test(normalizeText(text));
}

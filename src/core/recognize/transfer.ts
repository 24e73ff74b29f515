// Transfer-payment forms (转移支付区域绩效自评表, RULES.md §2.4): 资金情况(万元) → 年度金额(提前下达) beside
// 资金使用情况(万元) → 合计, amounts often text with their unit ("208万元"). No fund weight: all 100 points
// are indicators, but R = 合计 / 年度金额 is reported and checked (execution-gap).
import type { Sheet } from '../sheet';
import type { FundBlock } from '../model';
import { amountRightOf, oneLineFunds, rowHasText } from './cells';

export function readTransferFunds(sheet: Sheet, from: number, to: number): FundBlock | null {
  for (let r = Math.max(from, sheet.top); r <= to; r++) {
    const label = rowHasText(sheet, r, (t) => /^资金情况/.test(t));
    const use = rowHasText(sheet, r, (t) => /^资金使用情况/.test(t));
    if (!label || !use || use.col <= label.col) continue;
    const year = rowHasText(sheet, r, (t) => /^年度(金额|资金|预算)/.test(t), label.col + 1, use.col - 1);
    const total = rowHasText(sheet, r, (t) => /^合计/.test(t), use.col + 1);
    if (!year || !total) continue;
    const budget = amountRightOf(sheet, r, year.col);
    const spent = amountRightOf(sheet, r, total.col);
    if (!budget || !spent) continue;
    const f = oneLineFunds(sheet, r, r, budget, spent);
    f.transfer = true;
    return f;
  }
  return null;
}

import { defineRule, n, SRC } from './rule';
import type { Table } from '../model';
import { weightsAddUp } from '../plan';

/** Why a table with a total row has no computed total (§4.5), or null when it has one or needs none. */
export function totalUnknownReason(t: Table): { zh: string; en: string } | null {
  if (t.computedTotal !== null || t.kind === 'department' || !t.total || t.notFilled) return null;
  if (t.kind === 'project' && !t.hasWeights && !t.blocks.length) return null; // no weights at all: no total (§2.4)
  if (t.partial) return { zh: '表中有本助手不能读取的部分', en: 'part of the table has a layout the engine does not read' };
  const f = t.funds;
  if (f && !f.transfer && f.computedScore === null && f.score.value === null && (t.hasWeights || f.weight.value !== null))
    return {
      zh: '资金得分无法计算（预算数或执行数缺失、为零或无法读取）且未填写',
      en: 'the fund score cannot be computed (budget or spending missing, zero or unreadable) and none is entered',
    };
  const i = t.indicators.find((x) => x.counted === null);
  if (i)
    return {
      zh: `第 ${i.row + 1} 行“${i.name}”的得分无法计算（指标值或实际完成值缺失、无法读取，或定性得分不在区间内）且未填写得分`,
      en: `the score of "${i.name}" (row ${i.row + 1}) cannot be computed (a value missing or unreadable, or a qualitative score outside its band) and none is entered`,
    };
  return { zh: '有得分未填写且无法计算', en: 'a score is blank and cannot be computed' };
}

export default defineRule({
  id: 'total-mismatch',
  severity: () => 'error',
  source: SRC.national('§4.5'),
  message: (d) =>
    d.unknown
      ? {
          zh: `总分无法计算：${(d.why as { zh: string }).zh}；总分和等级均未写入、未核对`,
          en: `The total cannot be computed: ${(d.why as { en: string }).en}; neither total nor grade is written or checked`,
        }
      : {
          zh: `总分应为 ${n(d.expected)}（各项得分之和），填报为 ${n(d.entered)}`,
          en: `Total should be ${n(d.expected)} (the sum of the scores), entered ${n(d.entered)}`,
        },
  check({ table: t, report }) {
    const tb = t.total;
    const why = totalUnknownReason(t);
    // one finding at the total cell saying why (§4.5, §6)
    if (tb && why) report(tb.totalCell ?? tb.labelPos, { unknown: true, why, severity: 'info' });
    if (!tb || tb.enteredTotal === null || t.computedTotal === null) return;
    // weights that do not add up: the sum is no score out of 100 and the weights finding says so (§4.5)
    if (!weightsAddUp(t)) return;
    if (Math.abs(tb.enteredTotal - t.computedTotal) > 0.005) report(tb.totalCell, { expected: t.computedTotal, entered: tb.enteredTotal });
  },
});

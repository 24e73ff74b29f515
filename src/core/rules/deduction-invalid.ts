import { defineRule, n } from './rule';
import { SRC_SYSTEM } from './yitihua-source';

export default defineRule({
  id: 'deduction-invalid',
  severity: () => 'error',
  source: SRC_SYSTEM,
  message: (d) =>
    d.over
      ? { zh: `扣减分数 ${n(d.deduction)} 超过分值 ${n(d.weight)}`, en: `The deduction ${n(d.deduction)} exceeds the weight ${n(d.weight)}` }
      : { zh: '扣减分数只能填写不小于 0 的数字', en: 'A deduction must be a number not below 0' },
  check({ table: t, profile, report }) {
    if (!profile.deductionColumn) return;
    for (const i of t.indicators) {
      if (i.deductionInvalid) report(i.deductionPos, {});
      else if (i.columnDeduction && i.weight !== null && i.columnDeduction > i.weight + 0.005)
        report(i.deductionPos, { over: true, deduction: i.columnDeduction, weight: i.weight });
    }
  },
});

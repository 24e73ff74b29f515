import { defineRule, n, pct, SRC } from './rule';

export default defineRule({
  id: 'target-too-low',
  severity: () => 'warning',
  source: SRC.fengtai(5, '§4.3'),
  message: (d) =>
    (d.deduction as number) > 0
      ? {
          zh: `实际完成值 ${n(d.actual)} 超出指标值 ${n(d.target)} 达 ${pct(d.over)}，指标值设定偏低，扣 ${n(d.deduction)} 分`,
          en: `Actual ${n(d.actual)} exceeds the target ${n(d.target)} by ${pct(d.over)}: target set too low, ${n(d.deduction)} points deducted`,
        }
      : {
          zh: `实际完成值 ${n(d.actual)} 超出指标值 ${n(d.target)} 达 ${pct(d.over)}，指标值可能设定偏低，请说明原因`,
          en: `Actual ${n(d.actual)} exceeds the target ${n(d.target)} by ${pct(d.over)}: the target may be set too low, give the reason`,
          source: SRC.rules('§4.3'),
        },
  check({ table: t, report }) {
    for (const i of t.indicators)
      if (i.over !== null) report(i.actualPos, { over: i.over, deduction: i.deduction, target: i.targetNum, actual: i.actualNum });
  },
});

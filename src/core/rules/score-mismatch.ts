import { defineRule, n, pct, SRC } from './rule';

export default defineRule({
  id: 'score-mismatch',
  severity: () => 'error',
  source: SRC.fengtai(5, '§4.2'),
  message: (d) =>
    d.fund
      ? {
          zh: `资金得分应为 ${n(d.expected)}（分值 ${n(d.weight)} × 执行率 ${pct(d.rate)}），填报为 ${n(d.entered)}`,
          en: `Fund score should be ${n(d.expected)} (weight ${n(d.weight)} × execution rate ${pct(d.rate)}), entered ${n(d.entered)}`,
          source: SRC.rules('§4.1'),
        }
      : {
          zh: `得分应为 ${n(d.expected)}（指标值 ${n(d.target)}，实际完成值 ${n(d.actual)}，分值 ${n(d.weight)}），填报为 ${n(d.entered)}`,
          en: `Score should be ${n(d.expected)} (target ${n(d.target)}, actual ${n(d.actual)}, weight ${n(d.weight)}), entered ${n(d.entered)}`,
        },
  check({ table: t, report }) {
    const f = t.funds;
    if (f && f.computedScore !== null && f.score.value !== null && Math.abs(f.score.value - f.computedScore) > 0.005)
      report(f.score.pos, { fund: true, expected: f.computedScore, entered: f.score.value, weight: f.weight.value, rate: f.rate });
    for (const i of t.indicators) {
      if (i.operator === 'qualitative' || i.computed === null || i.entered === null) continue;
      if (Math.abs(i.entered - i.computed) > 0.005)
        report(i.scorePos, { expected: i.computed, entered: i.entered, target: i.targetNum, actual: i.actualNum, weight: i.weight });
    }
  },
});

import { defineRule, n, SRC } from './rule';

export default defineRule({
  id: 'weights-total',
  severity: () => 'error',
  source: SRC.national('§4.5'),
  message: (d) =>
    d.parent
      ? {
          zh: `“${d.name}”分值 ${n(d.weight)} 应等于其下级指标分值之和 ${n(d.expected)}`,
          en: `Weight ${n(d.weight)} of "${d.name}" should equal the sum of its sub-indicators' weights, ${n(d.expected)}`,
        }
      : {
          zh: `各项分值合计为 ${n(d.total)}，应为 ${n(d.expected)}；${typeof d.computed === 'number' ? `计算得分 ${n(d.computed)} 不是百分制得分，` : ''}总分和等级均未写入`,
          en: `Weights add up to ${n(d.total)}; they should total ${n(d.expected)}. ${typeof d.computed === 'number' ? `The computed ${n(d.computed)} is not a score out of ${n(d.expected)}: n` : 'N'}either total nor grade is written`,
        },
  check({ table: t, report }) {
    if (t.kind === 'department') return;
    if (t.kind === 'project' && !t.hasWeights) return; // weights in block labels: block-weights
    const tb = t.total;
    const fallback = tb ? tb.labelPos : (t.headerCell.weight ?? null);
    if (t.kind === 'project' && t.weightsTotal !== null) {
      const expected = tb?.enteredWeights ?? 100;
      if (Math.abs(t.weightsTotal - expected) > 0.005)
        report(tb?.weightsCell ?? fallback, { total: t.weightsTotal, expected, computed: t.computedTotal });
      return;
    }
    if (t.kind !== 'rubric') return;
    for (const item of t.rubric) {
      if (!item.children.length || item.weight.value === null) continue;
      const ws = item.children.map((c) => c.weight.value);
      if (ws.some((w) => w === null)) continue;
      const s = (ws as number[]).reduce((a, b) => a + b, 0);
      if (Math.abs(s - item.weight.value) > 0.005) report(item.weight.pos, { parent: true, name: item.name, weight: item.weight.value, expected: s });
    }
    if (t.weightsTotal !== null && Math.abs(t.weightsTotal - 100) > 0.005)
      report(tb?.weightsCell ?? fallback, { total: t.weightsTotal, expected: 100, computed: t.computedTotal });
  },
});

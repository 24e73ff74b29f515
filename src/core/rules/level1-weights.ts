import { defineRule, n, SRC } from './rule';
import { LEVEL1_LABEL } from '../vocab';

const EN: Record<string, string> = { fund: 'budget execution', output: 'output', effect: 'effect', satisfaction: 'satisfaction' };

export default defineRule({
  id: 'level1-weights',
  severity: () => 'warning',
  source: SRC.national('§4.6'),
  message: (d) => ({
    zh: `${d.label}分值合计 ${n(d.actual)}，通常应为 ${n(d.expected)}`,
    en: `The ${EN[d.kind as keyof typeof EN]} weights add up to ${n(d.actual)}; the usual weight is ${n(d.expected)}`,
  }),
  check({ table: t, profile, report }) {
    if (t.kind !== 'project') return;
    // transfer-payment forms: weights are set per 专项 by the 主管部门, no 10/50/30/10 convention (docs/decisions.md)
    if (t.funds?.transfer) return;
    // 部门整体支出 forms (§2.4): the split is the project form's, not theirs (docs/decisions.md, "level1-weights")
    if (t.form === 'department') return;
    const dw = profile.defaultWeights;
    if (t.funds && dw.fund !== null && t.funds.weight.value !== null && Math.abs(t.funds.weight.value - dw.fund) > 0.005)
      report(t.funds.weight.pos, { kind: 'fund', label: '预算执行率', actual: t.funds.weight.value, expected: dw.fund });
    for (const kind of ['output', 'effect', 'satisfaction'] as const) {
      const expected = dw[kind];
      if (expected === null || !t.hasWeights) continue;
      const rows = t.indicators.filter((i) => i.level1Kind === kind);
      if (!rows.length) continue;
      const actual = rows.reduce((s, i) => s + (i.weight ?? 0), 0);
      if (Math.abs(actual - expected) > 0.005) report(rows[0].weightPos ?? rows[0].namePos, { kind, label: LEVEL1_LABEL[kind], actual, expected });
    }
  },
});

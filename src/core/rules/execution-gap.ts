// execution-gap (RULES.md §5): indicators report more completion than the money shows, as the 预算管理一体化
// system's 自评预警 flags it. National gap 0.20 (a profile may set `executionGap`).
import { defineRule, n, pct, SRC } from './rule';
import type { Indicator } from '../model';

export const DEFAULT_GAP = 0.2;
/** Without weights: every indicator met while R is below this. */
export const UNWEIGHTED_RATE = 0.8;

function met(i: Indicator): boolean | null {
  if (i.operator === 'qualitative') return i.qual === null ? null : i.qual === 'achieved';
  const a = i.targetNum;
  const b = i.actualNum;
  if (a === null || b === null) return null;
  if (i.operator === '<=') return b <= a + 1e-9;
  if (i.operator === '=') return Math.abs(a - b) <= 1e-9;
  return b >= a - 1e-9;
}

export default defineRule({
  id: 'execution-gap',
  severity: () => 'warning',
  source: SRC.national('§5'),
  message: (d) =>
    d.unweighted
      ? {
          zh: `各项指标均已达成，但预算执行率仅 ${pct(d.rate)}（低于 ${pct(d.limit)}）：资金未用完而目标全部完成，请核实实际完成值，或说明资金结余的原因`,
          en: `Every indicator is met while only ${pct(d.rate)} of the budget was spent (below ${pct(d.limit)}): check the actual values, or explain the unspent money`,
        }
      : {
          zh: `指标完成度 ${pct(d.completion)}（指标得分 ${n(d.scores)} / 分值 ${n(d.weights)}）高于预算执行率 ${pct(d.rate)} 超过 ${pct(d.gap)}：资金只执行了 ${pct(d.rate)}，请核实指标完成值和得分，或说明原因`,
          en: `Indicator completion ${pct(d.completion)} (scores ${n(d.scores)} of weights ${n(d.weights)}) exceeds the execution rate ${pct(d.rate)} by more than ${pct(d.gap)}: only ${pct(d.rate)} of the money was spent; check the actual values and scores, or give the reason`,
        },
  check({ table: t, profile, report }) {
    const f = t.funds;
    if (t.kind === 'department' || !f || f.rate === null || !t.indicators.length) return;
    const total = f.rows.find((r) => r.kind === 'total');
    const at = f.rateCell ?? total?.spent.pos ?? null;
    const g = profile.executionGap ?? { threshold: DEFAULT_GAP, relative: false };
    const gap = g.relative ? g.threshold * f.rate : g.threshold;
    const weighted = t.indicators.filter((i) => i.weight !== null && i.weight > 0);
    if (weighted.length) {
      if (weighted.some((i) => i.counted === null)) return;
      const weights = weighted.reduce((s, i) => s + (i.weight ?? 0), 0);
      const scores = weighted.reduce((s, i) => s + (i.counted ?? 0), 0);
      const completion = scores / weights;
      if (completion - f.rate > gap + 1e-9) report(at, { completion, scores, weights, rate: f.rate, gap });
      return;
    }
    const all = t.indicators.map(met);
    if (all.every((m) => m === true) && f.rate < UNWEIGHTED_RATE) report(at, { unweighted: true, rate: f.rate, limit: UNWEIGHTED_RATE });
  },
});

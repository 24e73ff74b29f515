import { defineRule, n } from './rule';
import { SRC_SYSTEM } from './yitihua-source';
import { isCostLevel2 } from '../vocab';

/** A 成本指标 row standing in for cost indicators nobody filled: its target or actual reads 未填报. */
const UNFILLED = /^未填报$/;

export default defineRule({
  id: 'cost-unfilled-cap',
  severity: () => 'error',
  source: SRC_SYSTEM,
  message: (d) => ({
    zh: `未填报成本指标的项目，成本指标得分 ${n(d.score)} 不得超过 ${n(d.cap)} 分`,
    en: `No cost indicator was filled: the cost score ${n(d.score)} may not exceed ${n(d.cap)}`,
  }),
  check({ table: t, profile, report }) {
    const cap = profile.unfilledCostCap;
    if (cap === null || !t.hasWeights) return;
    for (const i of t.indicators) {
      if (!isCostLevel2(i.level2) && !isCostLevel2(i.name)) continue;
      if (!UNFILLED.test(i.targetText) && !UNFILLED.test(i.actualText)) continue;
      const s = i.entered ?? i.computed;
      if (s !== null && s > cap + 0.005) report(i.scorePos, { score: s, cap });
    }
  },
});

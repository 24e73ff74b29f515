import { defineRule, n } from './rule';
import { SRC_SYSTEM } from './yitihua-source';

export default defineRule({
  id: 'weight-not-positive',
  severity: () => 'error',
  source: SRC_SYSTEM,
  message: (d) => ({
    zh: `分值为 ${n(d.weight)}，分值须大于 0`,
    en: `The weight is ${n(d.weight)}; a weight must be above 0`,
  }),
  check({ table: t, profile, report }) {
    if (!profile.checks.weightPositive || !t.hasWeights) return;
    for (const i of t.indicators) if (i.weight !== null && !i.weightBlank && i.weight <= 0) report(i.weightPos, { weight: i.weight });
  },
});

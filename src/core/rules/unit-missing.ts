import { defineRule } from './rule';
import { SRC_SYSTEM } from './yitihua-source';

export default defineRule({
  id: 'unit-missing',
  severity: () => 'error',
  source: SRC_SYSTEM,
  message: () => ({
    zh: '定量指标须填写计量单位',
    en: 'A quantitative indicator needs its unit',
  }),
  check({ table: t, profile, report }) {
    if (!profile.checks.quantitativeUnit) return;
    for (const i of t.indicators) {
      if (i.operator === null || i.operator === 'qualitative' || i.targetNum === null) continue;
      if (i.unit === null) report(i.unitPos ?? i.targetPos, {});
    }
  },
});

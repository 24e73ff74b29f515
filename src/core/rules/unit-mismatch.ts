import { defineRule, SRC } from './rule';

export default defineRule({
  id: 'unit-mismatch',
  severity: () => 'error',
  source: SRC.rules('§3'),
  message: (d) => ({
    zh: `实际完成值“${d.actual}”与指标值的单位（${d.unit ?? '无'}）不一致且无法换算`,
    en: `The unit of the actual "${d.actual}" differs from the target's (${d.unit ?? 'none'}) and does not convert`,
  }),
  check({ table: t, report }) {
    for (const i of t.indicators) if (i.unitMismatch) report(i.actualPos, { actual: i.actualText, unit: i.unit });
  },
});

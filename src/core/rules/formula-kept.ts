import { defineRule, n, SRC } from './rule';

export default defineRule({
  id: 'formula-kept',
  severity: () => 'info',
  source: SRC.rules('§6'),
  message: (d) => ({
    zh: `此单元格为公式，未改写；按规则计算的值为 ${typeof d.value === 'number' ? n(d.value) : d.value}`,
    en: `This cell holds a formula and was left as is; the computed value is ${typeof d.value === 'number' ? n(d.value) : d.value}`,
  }),
  check({ candidates, report }) {
    for (const c of candidates)
      if (c.formula) report(c.at, { value: c.kind === 'fundRate' || c.kind === 'taskRate' ? `${n((c.value as number) * 100)}%` : c.value });
  },
});

import { defineRule, n, SRC } from './rule';

export default defineRule({
  id: 'total-mismatch',
  severity: () => 'error',
  source: SRC.national('§4.5'),
  message: (d) => ({
    zh: `总分应为 ${n(d.expected)}（各项得分之和），填报为 ${n(d.entered)}`,
    en: `Total should be ${n(d.expected)} (the sum of the scores), entered ${n(d.entered)}`,
  }),
  check({ table: t, report }) {
    const tb = t.total;
    if (!tb || tb.enteredTotal === null || t.computedTotal === null) return;
    if (Math.abs(tb.enteredTotal - t.computedTotal) > 0.005) report(tb.totalCell, { expected: t.computedTotal, entered: tb.enteredTotal });
  },
});

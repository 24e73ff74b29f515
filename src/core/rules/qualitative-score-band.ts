import { defineRule, n, SRC } from './rule';

const STATUS: Record<string, [string, string]> = {
  achieved: ['达成', 'achieved'],
  partial: ['部分达成', 'partly achieved'],
  not: ['未达成', 'not achieved'],
};

export default defineRule({
  id: 'qualitative-score-band',
  severity: () => 'error',
  source: SRC.national('§4.4'),
  message: (d) => ({
    zh: `定性指标${STATUS[d.status as keyof typeof STATUS][0]}，得分应在 ${n(d.low)}–${n(d.high)} 分之间，${d.entered === null ? '未填写得分' : `填报为 ${n(d.entered)}`}`,
    en: `Qualitative indicator ${STATUS[d.status as keyof typeof STATUS][1]}: the score must lie in ${n(d.low)}–${n(d.high)}, ${d.entered === null ? 'none entered' : `entered ${n(d.entered)}`}`,
  }),
  check({ table: t, report }) {
    for (const i of t.indicators)
      if (i.bandViolation)
        report(i.scorePos ?? i.actualPos, { status: i.qual, low: i.bandViolation.low, high: i.bandViolation.high, entered: i.entered });
  },
});

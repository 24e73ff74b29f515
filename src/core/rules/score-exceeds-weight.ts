import { defineRule, n, SRC } from './rule';

export default defineRule({
  id: 'score-exceeds-weight',
  severity: () => 'error',
  source: SRC.fengtai(3, '§5'),
  message: (d) => ({
    zh: `得分 ${n(d.score)} 超过该指标分值 ${n(d.weight)}，得分最高不能超过分值`,
    en: `Score ${n(d.score)} exceeds the weight ${n(d.weight)}; a score cannot exceed its weight`,
  }),
  check({ table: t, report }) {
    const over = (s: number | null, w: number | null) => s !== null && w !== null && s > w + 0.005;
    if (t.funds && over(t.funds.score.value, t.funds.weight.value))
      report(t.funds.score.pos, { score: t.funds.score.value, weight: t.funds.weight.value });
    for (const i of t.indicators) if (over(i.entered, i.weight)) report(i.scorePos, { score: i.entered, weight: i.weight });
    for (const r of t.rubric) if (over(r.score.value, r.weight.value)) report(r.score.pos, { score: r.score.value, weight: r.weight.value });
  },
});

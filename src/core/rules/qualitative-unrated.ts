import { defineRule, SRC } from './rule';

export default defineRule({
  id: 'qualitative-unrated',
  severity: () => 'info',
  source: SRC.national('§4.4'),
  message: (d) => ({
    zh: `无法判断定性完成情况“${d.actual}”是否达成“${d.target}”，请人工确认得分`,
    en: `Cannot tell whether "${d.actual}" achieves "${d.target}"; check the score by hand`,
  }),
  check({ table: t, report }) {
    for (const i of t.indicators) if (i.qual === 'unrated') report(i.actualPos, { actual: i.actualText, target: i.targetText });
  },
});

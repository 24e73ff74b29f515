import { defineRule, n, SRC } from './rule';
import { weightsAddUp } from '../plan';

export default defineRule({
  id: 'grade-mismatch',
  severity: () => 'error',
  source: SRC.fengtai(6, '§4.5'),
  message: (d) => ({
    zh: `总分 ${n(d.total)} 对应的等级为“${d.expected}”，填报为“${d.entered}”（90 分及以上为优，80–90 为良，60–80 为中，60 以下为差）`,
    en: `A total of ${n(d.total)} grades "${d.expected}", entered "${d.entered}" (≥90 优, ≥80 良, ≥60 中, else 差)`,
  }),
  check({ table: t, report }) {
    const tb = t.total;
    if (!tb || tb.enteredGrade === null || t.grade === null || t.computedTotal === null || !weightsAddUp(t)) return;
    if (tb.enteredGrade !== t.grade) report(tb.gradeCell, { expected: t.grade, entered: tb.enteredGrade, total: t.computedTotal });
  },
});

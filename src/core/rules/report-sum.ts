import { defineTextRule, n, SRC } from './rule';
import { gradeOf } from '../score';
import type { StatedFigure } from '../sentences';

/** The score a stated grade is judged by: the score stated in its paragraph, else the nearest one before it, else after. */
function scoreFor(grade: StatedFigure, scores: StatedFigure[]): StatedFigure | null {
  const same = scores.filter((s) => s.paragraph === grade.paragraph);
  if (same.length) return same[same.length - 1];
  const before = scores.filter((s) => s.paragraph < grade.paragraph);
  if (before.length) return before[before.length - 1];
  return scores.find((s) => s.paragraph > grade.paragraph) ?? null;
}

/** Stated parts do not add up to the stated total, or a stated grade does not match the stated score (RULES.md §7, §4.5). */
export default defineTextRule({
  id: 'report-sum',
  severity: () => 'error',
  source: SRC.rules('§7'),
  message: (d) =>
    d.grade !== undefined
      ? {
          zh: `正文第${d.paragraph}段写等级“${d.grade}”，但正文所写得分 ${n(d.score)} 分对应的等级为“${d.expected}”（90 分及以上为优，80–90 为良，60–80 为中，60 以下为差）`,
          en: `Paragraph ${d.paragraph} states the grade "${d.grade}", but the stated score of ${n(d.score)} grades "${d.expected}" (≥90 优, ≥80 良, ≥60 中, else 差)`,
        }
      : {
          zh: `正文第${d.paragraph}段所列各部分得分之和为 ${n(d.sum)} 分（${d.parts}），与所写总分 ${n(d.total)} 分不符`,
          en: `Paragraph ${d.paragraph} lists parts adding up to ${n(d.sum)} (${d.parts}), not the stated total of ${n(d.total)}`,
        },
  check({ part, profile, report }) {
    for (const s of part.sums) {
      const sum = s.parts.reduce((a, p) => a + p.value, 0);
      const total = s.total.value as number;
      if (Math.abs(sum - total) > s.total.tolerance + 1e-9 * Math.max(1, total)) {
        report({ figure: s.total }, { sum, total, parts: s.parts.map((p) => `${p.label} ${n(p.value)}`).join(' + ') });
      }
    }
    const scores = part.figures.filter((f) => f.kind === 'score');
    for (const g of part.figures.filter((f) => f.kind === 'grade')) {
      const s = scoreFor(g, scores);
      if (!s) continue;
      const expected = gradeOf(s.value as number, profile);
      if (expected !== g.value) report({ figure: g }, { grade: g.value, score: s.value, expected });
    }
  },
});

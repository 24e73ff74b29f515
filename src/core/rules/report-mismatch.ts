import { defineTextRule, n, pct, SRC } from './rule';
import type { StatedFigure } from '../sentences';

const LABEL: Record<StatedFigure['kind'], { zh: string; en: string }> = {
  budget: { zh: '预算数', en: 'budget' },
  spent: { zh: '执行数', en: 'spending' },
  rate: { zh: '执行率', en: 'execution rate' },
  score: { zh: '总分', en: 'total score' },
  grade: { zh: '等级', en: 'grade' },
};

function shown(kind: StatedFigure['kind'], v: unknown): { zh: string; en: string } {
  if (kind === 'budget' || kind === 'spent') return { zh: `${n(v)} 万元`, en: `${n(v)} (10k yuan)` };
  if (kind === 'rate') return { zh: pct(v), en: pct(v) };
  if (kind === 'score') return { zh: `${n(v)} 分`, en: `${n(v)} points` };
  return { zh: `“${String(v)}”`, en: `"${String(v)}"` };
}

/** A figure stated in the text differs from its table's by more than the text's own rounding (RULES.md §7). */
export default defineTextRule({
  id: 'report-mismatch',
  severity: () => 'error',
  source: SRC.rules('§7'),
  message: (d) => {
    const kind = d.kind as StatedFigure['kind'];
    const v = shown(kind, d.tableValue);
    const at = d.cell ? `${d.table} ${d.cell}` : `${d.table}`;
    const atEn = d.cell ? `${d.table}!${d.cell}` : `${d.table}`;
    return {
      zh: `正文第${d.paragraph}段写“${d.text}”，而${at} 的${LABEL[kind].zh}为 ${v.zh}（按正文所写的位数取舍后仍不相同）`,
      en: `Paragraph ${d.paragraph} states "${d.text}", but ${atEn} has a ${LABEL[kind].en} of ${v.en} (they differ even at the text's own rounding)`,
    };
  },
  check({ part, report }) {
    const t = part.table;
    if (!t) return;
    for (const f of part.figures) {
      const tf = t[f.kind];
      if (!tf) continue;
      let differs: boolean;
      if (typeof f.value === 'string' || typeof tf.value === 'string') differs = f.value !== tf.value;
      else differs = Math.abs(f.value - tf.value) > f.tolerance + 1e-9 * Math.max(1, Math.abs(tf.value));
      if (differs) report({ figure: f, tableCell: tf.cell }, { kind: f.kind, text: f.text, table: t.name, cell: tf.cell, tableValue: tf.value });
    }
  },
});

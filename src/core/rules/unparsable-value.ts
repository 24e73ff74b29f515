import { defineRule, SRC } from './rule';
import { cellText } from '../values';
import type { NumCell, Pos } from '../model';

export default defineRule({
  id: 'unparsable-value',
  severity: () => 'error',
  source: SRC.rules('§3'),
  message: (d) => ({ zh: `无法读取数值“${d.text}”`, en: `Cannot read "${d.text}" as a number` }),
  check({ table: t, report }) {
    const seen = new Set<string>();
    const emit = (p: Pos | null) => {
      if (!p) return;
      const k = `${p.row}:${p.col}`;
      if (seen.has(k)) return;
      seen.add(k);
      report(p, { text: cellText(t.sheet.value(p.row, p.col)).slice(0, 40) });
    };
    for (const i of t.indicators) for (const p of i.unparsable) emit(p);
    const cells: NumCell[] = [];
    if (t.funds) {
      for (const r of t.funds.rows) cells.push(r.initialBudget, r.budget, r.allocated, r.spent);
      cells.push(t.funds.weight, t.funds.score);
    }
    for (const task of t.tasks) cells.push(task.approved, task.fiscal, task.other, task.spent);
    for (const r of t.rubric) cells.push(r.weight, r.score);
    for (const c of cells) if (c.unparsable) emit(c.pos);
  },
});

import { defineRule, n, pct, SRC } from './rule';
import { cellText } from '../values';
import type { NumCell, Pos } from '../model';

export default defineRule({
  id: 'unparsable-value',
  severity: () => 'error',
  source: SRC.rules('§3'),
  message: (d) =>
    d.replaced
      ? {
          zh: `此处应为计算结果，现为文字“${d.text}”，未改写；按规则计算的值为 ${d.value}，请删除文字后填入该值`,
          en: `This computed cell holds the text "${d.text}" and was left as is; the computed value is ${d.value}: delete the text and enter it`,
        }
      : d.negative
        ? { zh: `此处不能为负数（${d.text}），不据此计算`, en: `This value cannot be negative (${d.text}); nothing is computed from it` }
        : d.none
          ? {
              zh: `实际完成值填为“${d.text}”，无法据此计算：请填写实际完成的数值${d.unit ? `（单位：${d.unit}）` : ''}；实际为零请填 0`,
              en: `The actual value reads "${d.text}" and cannot be scored: enter the number achieved${d.unit ? ` (in ${d.unit})` : ''}; enter 0 if none`,
            }
          : {
              zh: `无法读取数值“${d.text}”：请填写一个数字${d.unit ? `（单位：${d.unit}）` : '（可带单位，如 95%、10万元）'}`,
              en: `Cannot read "${d.text}" as a number: enter a number${d.unit ? ` (in ${d.unit})` : ' (a unit may follow, e.g. 95%, 10万元)'}`,
            },
  check({ table: t, candidates, report }) {
    const seen = new Set<string>();
    const emit = (p: Pos | null, extra: Record<string, unknown> = {}) => {
      if (!p) return;
      const k = `${p.row}:${p.col}`;
      if (seen.has(k)) return;
      seen.add(k);
      report(p, { text: cellText(t.sheet.value(p.row, p.col)).slice(0, 40), ...extra });
    };
    for (const i of t.indicators)
      for (const p of i.unparsable) {
        const isActual = !!i.actualPos && p.row === i.actualPos.row && p.col === i.actualPos.col;
        emit(p, { unit: i.unit, none: isActual && i.noneActual === true });
      }
    const cells: NumCell[] = [];
    if (t.funds) {
      for (const r of t.funds.rows) cells.push(r.initialBudget, r.budget, r.allocated, r.spent);
      cells.push(t.funds.weight, t.funds.score);
    }
    for (const task of t.tasks) cells.push(task.approved, task.fiscal, task.other, task.spent);
    for (const r of t.rubric) cells.push(r.weight, r.score);
    for (const c of cells) if (c.unparsable) emit(c.pos);
    // text in a computed cell the engine will write
    for (const c of candidates) {
      const k = `${c.at.row}:${c.at.col}`;
      // text (a word, or a "/", "—" mark) where a computed value goes: never written over (§6), said here
      if (c.blocked !== 'text' || c.formula || seen.has(k)) continue;
      seen.add(k);
      const value = c.kind === 'fundRate' || c.kind === 'taskRate' ? pct(c.value) : typeof c.value === 'number' ? n(c.value) : c.value;
      report(c.at, { replaced: true, text: cellText(t.sheet.value(c.at.row, c.at.col)).slice(0, 40), value });
    }
    // negative amounts: budgets and spending
    const amounts: NumCell[] = [];
    if (t.funds) for (const r of t.funds.rows) amounts.push(r.initialBudget, r.budget, r.allocated, r.spent);
    for (const task of t.tasks) amounts.push(task.approved, task.spent);
    if (t.funds) amounts.push(t.funds.weight);
    for (const i of t.indicators)
      if (i.weight !== null && i.weight < 0 && i.weightPos)
        amounts.push({ pos: i.weightPos, value: i.weight, blank: false, unparsable: false, formula: false });
    for (const c of amounts) {
      if (c.value === null || c.value >= 0 || !c.pos) continue;
      const k = `${c.pos.row}:${c.pos.col}`;
      if (seen.has(k)) continue;
      seen.add(k);
      report(c.pos, { negative: true, text: cellText(t.sheet.value(c.pos.row, c.pos.col)).slice(0, 40) });
    }
  },
});

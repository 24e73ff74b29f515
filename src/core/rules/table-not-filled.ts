import { defineRule, SRC } from './rule';

export default defineRule({
  id: 'table-not-filled',
  severity: () => 'error',
  source: SRC.rules('§2.4'),
  message: () => ({
    zh: '表格未填写：没有资金数据，也没有填写实际完成值或得分的指标行',
    en: 'The table is not filled in: no fund figures and no indicator row with an actual value or a score',
  }),
  check({ table: t, report }) {
    if (t.notFilled) report(notFilledCell(t));
  },
});

/** The table's first header cell: the first filled cell of its first header row. */
export function notFilledCell(t: import('../model').Table): import('../model').Pos {
  const row = t.funds ? Math.min(t.funds.headerRow, t.headerRow) : t.headerRow;
  const s = t.sheet;
  for (let c = Math.min(t.left, s.left); c <= Math.min(s.rowEnd(row), t.right); c++) if (s.norm(row, c) !== '') return s.anchor(row, c);
  return { row, col: t.left };
}

import { defineRule, n } from './rule';
import { SRC_SYSTEM } from './yitihua-source';
import { labelWeight } from '../profile-columns';
import type { Indicator, Pos } from '../model';

const key = (p: Pos | null) => (p ? `${p.row}:${p.col}` : '');

export default defineRule({
  id: 'group-weights',
  severity: () => 'error',
  source: SRC_SYSTEM,
  message: (d) => ({
    zh: `${d.level}级指标“${d.label}”的下级指标分值合计 ${n(d.actual)}，应等于其设定权重 ${n(d.expected)}`,
    en: `The weights under level-${d.level} indicator "${d.label}" add up to ${n(d.actual)}; they must equal its set weight ${n(d.expected)}`,
  }),
  check({ table: t, profile, report }) {
    if (!profile.checks.groupWeights || !t.hasWeights || t.kind !== 'project') return;
    const groups: { level: 1 | 2; pos: Pos; rows: Indicator[] }[] = [];
    for (const g of t.level2Groups) groups.push({ level: 2, pos: g.pos, rows: t.indicators.filter((i) => key(i.level2Pos) === key(g.pos)) });
    for (const g of t.level1Groups) groups.push({ level: 1, pos: g.pos, rows: t.indicators.filter((i) => key(i.level1Pos) === key(g.pos)) });
    for (const g of groups) {
      const text = t.sheet.text(g.pos.row, g.pos.col);
      const expected = labelWeight(text);
      // only a weight written on the label is a 设定权重; rows without a weight are reported elsewhere
      if (expected === null || !g.rows.length || g.rows.some((i) => i.weight === null)) continue;
      const actual = g.rows.reduce((s, i) => s + (i.weight ?? 0), 0);
      if (Math.abs(actual - expected) > 0.005) report(g.pos, { level: g.level, label: text.replace(/\s+/g, ''), actual, expected });
    }
  },
});

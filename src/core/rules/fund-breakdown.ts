import { defineRule, n, SRC } from './rule';
import type { NumCell } from '../model';

const COLS = ['initialBudget', 'budget', 'allocated', 'spent'] as const;

export default defineRule({
  id: 'fund-breakdown',
  severity: () => 'error',
  source: SRC.national('§5'),
  message: (d) => ({
    zh: `分项资金合计 ${n(d.sum)}，与总额 ${n(d.total)} 不一致`,
    en: `The breakdown adds up to ${n(d.sum)}, not the total ${n(d.total)}`,
  }),
  check({ table: t, report }) {
    const check = (total: NumCell, parts: NumCell[]) => {
      if (total.value === null) return;
      const vals = parts.map((p) => p.value).filter((v): v is number => v !== null);
      if (!vals.length) return;
      const sum = vals.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - total.value) > 0.005) report(total.pos, { sum, total: total.value });
    };
    if (t.kind === 'project' && t.funds?.total) {
      // a "其中" share of a part (中央、省、市补助县级资金) is not a part of the total
      const subs = t.funds.rows.filter((r) => r.kind !== 'total' && r.kind !== 'part');
      for (const c of COLS)
        check(
          t.funds.total[c],
          subs.map((r) => r[c]),
        );
    }
    if (t.kind === 'department' && t.tasks.length) {
      for (const task of t.tasks) check(task.approved, [task.fiscal, task.other]);
      const total = t.tasks.find((x) => x.isTotal);
      const rest = t.tasks.filter((x) => !x.isTotal);
      if (total && rest.length) {
        check(
          total.approved,
          rest.map((x) => x.approved),
        );
        check(
          total.spent,
          rest.map((x) => x.spent),
        );
      }
    }
  },
});

import { defineRule, n, SRC } from './rule';

export default defineRule({
  id: 'execution-over-budget',
  severity: () => 'warning',
  source: SRC.national('§5'),
  message: (d) => ({
    zh: `执行数 ${n(d.spent)} 超过${d.allocated ? '财政下达数' : '预算数'} ${n(d.limit)}`,
    en: `Spending ${n(d.spent)} exceeds the ${d.allocated ? 'allocated amount' : 'budget'} ${n(d.limit)}`,
  }),
  check({ table: t, report }) {
    const f = t.funds;
    const total = f?.rows.find((r) => r.kind === 'total');
    if (t.kind !== 'department' && f && total && total.spent.value !== null) {
      const spent = total.spent.value;
      if (f.budgetUsed !== null && spent > f.budgetUsed + 0.005) report(total.spent.pos, { spent, limit: f.budgetUsed });
      else if (total.allocated.value !== null && spent > total.allocated.value + 0.005)
        report(total.spent.pos, { spent, limit: total.allocated.value, allocated: true });
    }
    for (const task of t.tasks)
      if (task.spent.value !== null && task.approved.value !== null && task.spent.value > task.approved.value + 0.005)
        report(task.spent.pos, { spent: task.spent.value, limit: task.approved.value });
  },
});

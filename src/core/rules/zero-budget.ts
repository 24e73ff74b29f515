import { defineRule, SRC } from './rule';

export default defineRule({
  id: 'zero-budget',
  severity: () => 'error',
  source: SRC.national('§4.1'),
  message: () => ({ zh: '预算数为 0，无法计算执行率和得分', en: 'The budget is 0: no execution rate or score can be computed' }),
  check({ table: t, report }) {
    const total = t.funds?.rows.find((r) => r.kind === 'total');
    if (t.kind !== 'department' && t.funds?.zeroBudget && total) report(total.budget.blank ? total.initialBudget.pos : total.budget.pos);
    for (const task of t.tasks) if (task.approved.value === 0) report(task.approved.pos);
  },
});

import { defineRule, SRC } from './rule';

export default defineRule({
  id: 'budget-fallback',
  severity: () => 'info',
  source: SRC.national('§4.1'),
  message: () => ({ zh: '全年预算数未填，按年初预算数计算执行率', en: 'The full-year budget is blank: the execution rate uses the initial budget' }),
  check({ table: t, report }) {
    const total = t.funds?.rows.find((r) => r.kind === 'total');
    if (t.funds?.budgetFallback && total) report(total.initialBudget.pos);
  },
});

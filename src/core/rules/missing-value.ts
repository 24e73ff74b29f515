import { defineRule, SRC } from './rule';

const WHAT: Record<string, [string, string]> = {
  target: ['指标值', 'target'],
  actual: ['实际完成值', 'actual value'],
  weight: ['分值', 'weight'],
  budget: ['预算数', 'budget'],
  spent: ['执行数', 'spending'],
};

export default defineRule({
  id: 'missing-value',
  severity: () => 'error',
  source: SRC.rules('§5'),
  message: (d) => ({
    zh: d.name ? `“${d.name}”未填写${WHAT[d.what as keyof typeof WHAT][0]}` : `未填写${WHAT[d.what as keyof typeof WHAT][0]}`,
    en: d.name ? `"${d.name}" has no ${WHAT[d.what as keyof typeof WHAT][1]}` : `No ${WHAT[d.what as keyof typeof WHAT][1]} entered`,
  }),
  check({ table: t, report }) {
    for (const i of t.indicators) {
      if (i.targetBlank && i.targetPos) report(i.targetPos, { what: 'target', name: i.name });
      if (i.actualBlank && i.actualPos) report(i.actualPos, { what: 'actual', name: i.name });
      if (t.hasWeights && i.weightBlank && i.weightPos) report(i.weightPos, { what: 'weight', name: i.name });
    }
    if (t.kind === 'project' && t.funds?.total) {
      const tr = t.funds.total;
      if (tr.budget.blank && tr.initialBudget.blank && (tr.budget.pos ?? tr.initialBudget.pos))
        report(tr.budget.pos ?? tr.initialBudget.pos, { what: 'budget' });
      if (tr.spent.blank && tr.spent.pos) report(tr.spent.pos, { what: 'spent' });
      if (t.funds.weight.blank && t.funds.weight.pos) report(t.funds.weight.pos, { what: 'weight' });
    }
  },
});

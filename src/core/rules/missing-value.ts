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
  message: (d) => {
    const [zh, en] = WHAT[d.what as keyof typeof WHAT];
    const unitZh = d.unit ? `（单位：${d.unit}）` : '';
    const unitEn = d.unit ? ` (in ${d.unit})` : '';
    return {
      zh: `${d.name ? `“${d.name}”` : ''}未填写${zh}：请填写${zh}${unitZh}${d.name ? '；该指标不适用时在指标值、实际完成值和分值中均填“/”' : ''}`,
      en: `${d.name ? `"${d.name}" has` : 'There is'} no ${en}: enter the ${en}${unitEn}${d.name ? '; if the indicator does not apply, put "/" in its target, actual and weight' : ''}`,
    };
  },
  check({ table: t, report }) {
    for (const i of t.indicators) {
      if (i.targetBlank && i.targetPos) report(i.targetPos, { what: 'target', name: i.name, unit: i.unit });
      if (i.actualBlank && i.actualPos) report(i.actualPos, { what: 'actual', name: i.name, unit: i.unit });
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

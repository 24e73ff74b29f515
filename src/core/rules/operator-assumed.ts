import { defineRule, SRC } from './rule';

export default defineRule({
  id: 'operator-assumed',
  severity: () => 'info',
  source: SRC.rules('§3'),
  message: (d) =>
    d.op === '<='
      ? { zh: '未注明指标性质，按成本指标视为反向（≤）指标', en: 'No comparison given: treated as a reverse (≤) cost indicator' }
      : { zh: '未注明指标性质，视为正向（≥）指标', en: 'No comparison given: treated as a positive (≥) indicator' },
  check({ table: t, report }) {
    for (const i of t.indicators) if (i.operatorAssumed) report(i.targetPos, { op: i.operator });
  },
});

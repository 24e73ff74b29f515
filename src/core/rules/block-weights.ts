import { defineRule, n, SRC } from './rule';

const HUBEI = {
  zh: '湖北省 2020 年项目支出绩效自评表填表说明（得分不得突破权重总额）；《规则说明》§2.4',
  en: 'Hubei 2020 project self-evaluation table notes (scores never exceed the weight); Rule book §2.4',
};

export default defineRule({
  id: 'block-weights',
  severity: () => 'error',
  source: SRC.rules('§2.4'),
  message: (d) =>
    d.sum
      ? {
          zh: `资金分值与各指标块分值合计为 ${n(d.total)}，应为 ${n(d.expected)}；总分和等级均未写入`,
          en: `The fund weight and the block weights add up to ${n(d.total)}; they should total ${n(d.expected)}. Neither total nor grade is written`,
        }
      : {
          zh: `“${d.label}”各项得分合计 ${n(d.entered)}，超过该块分值 ${n(d.weight)}；总分和等级均未写入`,
          en: `The scores of "${d.label}" add up to ${n(d.entered)}, above the block's weight ${n(d.weight)}. Neither total nor grade is written`,
          source: HUBEI,
        },
  check({ table: t, report }) {
    if (t.kind !== 'project' || t.hasWeights || !t.blocks.length) return;
    for (const b of t.blocks) {
      const entered = b.indicators.reduce((s, i) => s + (i.entered ?? 0), 0);
      if (entered > b.weight + 0.005) report(b.pos, { label: b.label, entered, weight: b.weight });
    }
    if (t.weightsTotal === null) return;
    const expected = t.total?.enteredWeights ?? 100;
    if (Math.abs(t.weightsTotal - expected) > 0.005) report(t.blocks[0].pos, { sum: true, total: t.weightsTotal, expected });
  },
});

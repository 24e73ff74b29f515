import { defineRule, n, pct, SRC } from './rule';
import { indicatorMet } from '../score';
import { SRC_SYSTEM } from './yitihua-source';

export default defineRule({
  id: 'missing-deviation-reason',
  severity: () => 'error',
  source: SRC.fengtai(7, '§5'),
  message: (d) => {
    if (d.task)
      return {
        zh: `预算执行率 ${pct(d.rate)} 未达 100%，请说明执行偏低原因及改进措施`,
        en: `Execution rate ${pct(d.rate)} is below 100%; explain why and what will be done`,
      };
    if (d.fund)
      return {
        zh: `资金执行率 ${pct(d.rate)} 低于 ${pct(d.limit)}，请在“其他需要说明的事项”中说明原因`,
        en: `Execution rate ${pct(d.rate)} is below ${pct(d.limit)}; explain why under "other matters"`,
      };
    if (d.tooLow)
      return {
        zh: `实际完成值远超指标值（超出 ${pct(d.over)}），请说明指标值设定偏低的原因`,
        en: `The actual exceeds the target by ${pct(d.over)}; explain why the target was set so low`,
      };
    if (d.overRatio)
      return {
        zh: `实际完成值超出指标值${d.zeroTarget ? `（指标值为 0，完成值达 ${n(d.limit)}）` : ` ${pct((d.ratio as number) - 1)}及以上`}，请填写“实际完成情况超计划较大”的说明`,
        en: `The actual exceeds the target ${d.zeroTarget ? `(target 0, actual at least ${n(d.limit)})` : `by ${pct((d.ratio as number) - 1)} or more`}; explain why it far exceeds the plan`,
        source: SRC_SYSTEM,
      };
    if (d.weighted)
      return {
        zh: `得分 ${n(d.score)} 低于分值 ${n(d.weight)}，请填写偏差原因分析及改进措施`,
        en: `Score ${n(d.score)} is below the weight ${n(d.weight)}; fill in the deviation reason and remedy`,
      };
    return {
      zh: `实际完成值未达到指标值，请填写偏差原因分析及改进措施`,
      en: `The actual misses the target; fill in the deviation reason and remedy`,
    };
  },
  check({ table: t, profile, report }) {
    const cfg = profile.deviationReason;
    for (const i of t.indicators) {
      // only tables with a reason column (or one reason row for the table) can hold a reason
      const rr = i.reasonPos ? null : t.reasonRow;
      if (rr ? !rr.blank : !i.reasonBlank || !i.reasonPos) continue;
      const at = rr ? rr.cell : i.reasonPos!;
      if (i.over !== null && cfg.whenTargetTooLow) {
        report(at, { tooLow: true, over: i.over });
        continue;
      }
      const orr = profile.overRatioReason;
      if (orr && i.operator !== null && i.operator !== 'qualitative' && i.targetNum !== null && i.actualNum !== null) {
        const A = i.targetNum;
        const B = i.actualNum;
        if (A > 0 && B >= orr.ratio * A - 1e-9) {
          report(at, { overRatio: true, ratio: orr.ratio });
          continue;
        }
        if (A === 0 && B >= orr.zeroTargetAt - 1e-9) {
          report(at, { overRatio: true, zeroTarget: true, limit: orr.zeroTargetAt });
          continue;
        }
      }
      if (t.hasWeights) {
        const s = i.computed ?? (i.bandViolation ? i.entered : null);
        if (cfg.whenBelowWeight && s !== null && i.weight !== null && s < i.weight - 0.005)
          report(at, { weighted: true, score: s, weight: i.weight });
      } else if (indicatorMet(i) === false) report(at, {});
    }
    for (const task of t.tasks)
      if (task.rate !== null && task.rate < 1 - 1e-9 && task.reasonBlank) report(task.reasonPos ?? task.ratePos, { task: true, rate: task.rate });
    const f = t.funds;
    if (t.kind === 'project' && f && f.rate !== null && cfg.fundRateBelow !== null && f.rate < cfg.fundRateBelow) {
      // the fund block's own 原因 cell (Sichuan), else 其他需要说明的事项, else the rate cell
      if (f.reasonPos) {
        if (f.reasonBlank) report(f.reasonPos, { fund: true, rate: f.rate, limit: cfg.fundRateBelow });
      } else if (t.notesCell ? t.notesBlank : true) report(t.notesCell ?? f.rateCell, { fund: true, rate: f.rate, limit: cfg.fundRateBelow });
    }
  },
});

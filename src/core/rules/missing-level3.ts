import { defineRule, SRC } from './rule';
import { LEVEL1_LABEL, level1Kind } from '../vocab';

export default defineRule({
  id: 'missing-level3',
  severity: (p) => p.missingLevel3.severity,
  source: SRC.fengtai(4, '§5'),
  message: (d) =>
    d.level1
      ? { zh: `一级指标“${d.name}”下没有任何三级指标`, en: `Level-1 indicator "${d.name}" has no level-3 indicator` }
      : { zh: `二级指标“${d.name}”下至少应填写一条三级指标`, en: `Level-2 indicator "${d.name}" needs at least one level-3 indicator` },
  check({ table: t, profile, report }) {
    if (t.kind === 'rubric' || (!t.indicators.length && !t.level2Groups.length)) return;
    const sev1 = profile.missingLevel3.emptyLevel1Severity;
    const empty1 = new Set<string>();
    for (const g of t.level1Groups) {
      if (g.realRows === 0 && g.kind !== 'other') {
        empty1.add(g.label);
        report(g.pos, { level1: true, name: g.label, severity: sev1 });
      }
    }
    for (const g of t.level2Groups) if (g.realRows === 0 && !empty1.has(g.level1)) report(g.pos, { name: g.level2 });
    if (t.kind !== 'project') return;
    const present = new Set(t.level1Groups.map((g) => g.kind));
    // a 二级 that names its dimension counts for it: Hubei prints 满意度指标 as a 二级 under 效益指标,
    // and a 社会效益指标 row whose 一级 cell was left blank is still an 效益 row
    for (const g of t.level2Groups) {
      const k = g.realRows > 0 ? level1Kind(g.level2) : 'other';
      if (k !== 'other') present.add(k);
    }
    const headerCell = t.headerCell.level1 ?? null;
    if (!headerCell || !t.level1Groups.length) return;
    for (const kind of ['output', 'effect', 'satisfaction'] as const)
      if (!present.has(kind)) report(headerCell, { level1: true, name: LEVEL1_LABEL[kind], severity: sev1 });
  },
});

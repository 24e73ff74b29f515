// Figures over all files of a report: the totals, and the data behind each chart.
import { departmentOf, type FileSummary, type TableSummary } from './summary';

export interface TableRef {
  file: string;
  table: TableSummary;
}

export interface RateBin {
  label: string;
  count: number;
}

export interface ReportStats {
  files: number;
  unreadable: number;
  withoutTables: number;
  tables: number;
  tablesWithErrors: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Σ budget and Σ spent in 万元 (each table converted from its own unit first), over the tables that have both. */
  budget: number;
  spent: number;
  /** spent / budget over the tables that have both; null when none. */
  executionRate: number | null;
  /** Mean of the tables' execution rates; null when none has one. */
  meanRate: number | null;
  grades: { grade: string; count: number }[];
  rateBins: RateBin[];
  /** Tables with an execution rate under 90 %, lowest first. */
  under90: TableRef[];
  /** Per rule: findings by severity; ranked by errors, then warnings, then info. */
  rules: { rule: string; count: number; tables: number; error: number; warning: number; info: number }[];
  /** Ranked by errors, then warnings, then tables. */
  departments: { name: string; tables: number; withErrors: number; avgRate: number | null; errors: number; warnings: number }[];
}

export const GRADES = ['优', '良', '中', '差'] as const;
export const NO_GRADE = '—';
export const NO_DEPARTMENT = '—';

const BINS: { label: string; test: (r: number) => boolean }[] = [
  { label: '<60%', test: (r) => r < 0.6 },
  { label: '60–70%', test: (r) => r >= 0.6 && r < 0.7 },
  { label: '70–80%', test: (r) => r >= 0.7 && r < 0.8 },
  { label: '80–90%', test: (r) => r >= 0.8 && r < 0.9 },
  { label: '90–95%', test: (r) => r >= 0.9 && r < 0.95 },
  { label: '95–100%', test: (r) => r >= 0.95 && r < 0.99995 },
  { label: '100%', test: (r) => r >= 0.99995 && r <= 1.00005 },
  { label: '>100%', test: (r) => r > 1.00005 },
];

export function allTables(files: FileSummary[]): TableRef[] {
  const out: TableRef[] = [];
  for (const f of files) for (const table of f.tables) out.push({ file: f.file, table });
  return out;
}

export function reportStats(files: FileSummary[]): ReportStats {
  const tables = allTables(files);
  const s: ReportStats = {
    files: files.length,
    unreadable: files.filter((f) => f.error).length,
    withoutTables: files.filter((f) => !f.error && !f.tables.length).length,
    tables: tables.length,
    tablesWithErrors: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    budget: 0,
    spent: 0,
    executionRate: null,
    meanRate: null,
    grades: [],
    rateBins: BINS.map((b) => ({ label: b.label, count: 0 })),
    under90: [],
    rules: [],
    departments: [],
  };
  const grades = new Map<string, number>([...GRADES, NO_GRADE].map((g) => [g, 0]));
  const rules = new Map<string, { count: number; tables: number; error: number; warning: number; info: number }>();
  const depts = new Map<string, { tables: number; withErrors: number; rateSum: number; rated: number; errors: number; warnings: number }>();
  let withBoth = false;
  let rateSum = 0;
  let rated = 0;
  for (const ref of tables) {
    const t = ref.table;
    s.errors += t.errors;
    s.warnings += t.warnings;
    s.infos += t.infos;
    if (t.errors) s.tablesWithErrors++;
    if (t.budgetWan !== null && t.spentWan !== null) {
      s.budget += t.budgetWan;
      s.spent += t.spentWan;
      withBoth = true;
    }
    const g = t.grade && grades.has(t.grade) ? t.grade : NO_GRADE;
    grades.set(g, (grades.get(g) ?? 0) + 1);
    const r = t.executionRate;
    if (r !== null) {
      rateSum += r;
      rated++;
      const bin = BINS.findIndex((b) => b.test(r));
      if (bin >= 0) s.rateBins[bin].count++;
      if (r < 0.9) s.under90.push(ref);
    }
    const seen = new Set<string>();
    for (const f of t.findings) {
      const e = rules.get(f.rule) ?? { count: 0, tables: 0, error: 0, warning: 0, info: 0 };
      e.count++;
      e[f.severity]++;
      if (!seen.has(f.rule)) e.tables++;
      seen.add(f.rule);
      rules.set(f.rule, e);
    }
    const name = departmentOf(t) ?? NO_DEPARTMENT;
    const d = depts.get(name) ?? { tables: 0, withErrors: 0, rateSum: 0, rated: 0, errors: 0, warnings: 0 };
    d.tables++;
    d.errors += t.errors;
    d.warnings += t.warnings;
    if (t.errors) d.withErrors++;
    if (r !== null) {
      d.rateSum += r;
      d.rated++;
    }
    depts.set(name, d);
  }
  // findings on a Word report's text that name no table (RULES.md §7)
  for (const f of files) {
    for (const x of f.textFindings ?? []) {
      if (x.severity === 'error') s.errors++;
      else if (x.severity === 'warning') s.warnings++;
      else s.infos++;
      const e = rules.get(x.rule) ?? { count: 0, tables: 0, error: 0, warning: 0, info: 0 };
      e.count++;
      e[x.severity]++;
      rules.set(x.rule, e);
    }
  }
  s.meanRate = rated ? rateSum / rated : null;
  s.executionRate = withBoth && s.budget > 0 ? s.spent / s.budget : null;
  s.grades = [...grades].map(([grade, count]) => ({ grade, count }));
  s.under90.sort((a, b) => (a.table.executionRate ?? 0) - (b.table.executionRate ?? 0));
  s.rules = [...rules]
    .map(([rule, e]) => ({ rule, ...e }))
    .sort((a, b) => b.error - a.error || b.warning - a.warning || b.info - a.info || (a.rule < b.rule ? -1 : 1));
  s.departments = [...depts]
    .map(([name, d]) => ({
      name,
      tables: d.tables,
      withErrors: d.withErrors,
      avgRate: d.rated ? d.rateSum / d.rated : null,
      errors: d.errors,
      warnings: d.warnings,
    }))
    .sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || b.tables - a.tables || (a.name < b.name ? -1 : 1));
  return s;
}

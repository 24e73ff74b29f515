// One file's check boiled down to what the reviewer's report needs: the compact result a worker returns.
// Pure: SheetGrids + the engine's TableResults in, plain JSON out (no workbook is kept).
import { parseA1, parseRangeA1 } from '../core/address';
import { cellText, isBlank, normalizeText, parseNumber } from '../core/values';
import type { CellValue, DocumentResult, Lang, Severity, SheetGrid, TableKind, TableResult, TextFinding } from '../core/types';
import { toWan, type AmountUnit } from '../core/units';

export interface FindingRow {
  rule: string;
  severity: Severity;
  /** A1 address; for a finding on a Word report's text, the paragraph ("第12段"). */
  cell: string;
  message: string;
  /** A finding on a Word report's text: the paragraph it is in (also in `cell`) and the sentence. */
  where?: string;
  quote?: string;
}

export interface TableSummary {
  sheet: string;
  range: string;
  kind: TableKind;
  projectName: string | null;
  /** 主管部门 (or 部门名称 of a department table), as written in the table head. */
  department: string | null;
  /** 实施单位, as written in the table head. */
  unit: string | null;
  /** Amounts as the table states them, in `amountUnit`. */
  budget: number | null;
  spent: number | null;
  /** The unit the table states (null: none stated, taken as 万元). */
  amountUnit: AmountUnit | null;
  /** budget / spent converted to 万元: the only amounts added, compared or sorted across tables. */
  budgetWan: number | null;
  spentWan: number | null;
  executionRate: number | null;
  weightsTotal: number | null;
  total: number | null;
  /** The sum where the weights do not add up (§4.5): `total` and `grade` are null and shown "—". */
  withheldTotal?: number;
  enteredTotal: number | null;
  grade: string | null;
  enteredGrade: string | null;
  errors: number;
  warnings: number;
  infos: number;
  findings: FindingRow[];
}

export interface FileSummary {
  file: string;
  /** One line naming the file and the reason when it could not be read; null otherwise. */
  error: string | null;
  tables: TableSummary[];
  /** A Word report (RULES.md §7): tables are 表1, 表2 …; `textFindings` are those on its text tied to no table. */
  format?: 'docx';
  textFindings?: FindingRow[];
}

// normalised head labels: 主管部门, 主管部门(单位), 主管部门名称, 部门名称, 预算部门 …; 实施单位, 项目实施单位, 预算单位名称 …
const DEPT_LABEL = /^(?:主管部门|主管单位|预算部门|部门)(?:\([^)]*\))?(?:名称)?[:：]?/;
const UNIT_LABEL = /^(?:项目)?(?:实施单位|预算单位|单位名称)(?:\([^)]*\))?(?:名称)?[:：]?/;

function valueAt(grid: SheetGrid, row: number, col: number): CellValue {
  return grid.values[row - grid.top]?.[col - grid.left] ?? null;
}

function formatAt(grid: SheetGrid, row: number, col: number): string | null {
  return grid.formats?.[row - grid.top]?.[col - grid.left] ?? null;
}

function isLabel(norm: string): boolean {
  return DEPT_LABEL.test(norm) || UNIT_LABEL.test(norm) || /^(项目名称|项目负责人|联系电话|项目资金)/.test(norm);
}

/** The value written after a head label ("主管部门 | 玉溪市外办" or "主管部门：玉溪市外办"). */
function headValue(grid: SheetGrid, top: number, bottom: number, left: number, right: number, label: RegExp): string | null {
  for (let r = top; r <= bottom; r++) {
    for (let c = left; c <= right; c++) {
      const v = valueAt(grid, r, c);
      if (typeof v !== 'string') continue;
      const norm = normalizeText(v);
      const m = label.exec(norm);
      if (!m) continue;
      const inline = norm.slice(m[0].length);
      if (inline && /[:：]/.test(m[0])) return v.replace(/^[^:：]*[:：]\s*/, '').trim() || null;
      if (inline) continue; // a longer word that merely starts like the label
      for (let k = c + 1; k <= right; k++) {
        const w = valueAt(grid, r, k);
        if (isBlank(w)) continue;
        const text = cellText(w).trim();
        if (isLabel(normalizeText(text))) break;
        return text;
      }
    }
  }
  return null;
}

function enteredNumber(grid: SheetGrid | undefined, cell: string | null): number | null {
  if (!grid || !cell) return null;
  const p = parseA1(cell);
  if (!p) return null;
  const n = parseNumber(valueAt(grid, p.row, p.col), formatAt(grid, p.row, p.col));
  return n ? n.value : null;
}

function enteredText(grid: SheetGrid | undefined, cell: string | null): string | null {
  if (!grid || !cell) return null;
  const p = parseA1(cell);
  if (!p) return null;
  const v = valueAt(grid, p.row, p.col);
  return isBlank(v) ? null : cellText(v).trim();
}

/** Summarises the engine's tables of one workbook; `grids` are the sheets the engine read. */
export function summarizeTables(grids: SheetGrid[], tables: TableResult[], lang: Lang): TableSummary[] {
  const byName = new Map(grids.map((g) => [g.name, g]));
  return tables.map((t) => {
    const grid = byName.get(t.sheet);
    const box = parseRangeA1(t.range);
    let department: string | null = null;
    let unit: string | null = null;
    if (grid && box) {
      // the head sits in the table's first rows (a few rows above when the range starts lower)
      const top = Math.max(0, box.top - 3);
      const bottom = Math.min(box.bottom, box.top + 8);
      department = headValue(grid, top, bottom, box.left, box.right, DEPT_LABEL);
      unit = headValue(grid, top, bottom, box.left, box.right, UNIT_LABEL);
    }
    // the engine's reading when the head label is another (省级主管部门, 单位名称 of a 部门整体 table; RULES §2.4)
    department = department ?? t.department ?? null;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of t.findings) counts[f.severity]++;
    return {
      sheet: t.sheet,
      range: t.range,
      kind: t.kind,
      projectName: t.projectName,
      department,
      unit,
      budget: t.funds?.budget ?? null,
      spent: t.funds?.spent ?? null,
      amountUnit: t.amountUnit ?? null,
      budgetWan: toWan(t.funds?.budget, t.amountUnit),
      spentWan: toWan(t.funds?.spent, t.amountUnit),
      executionRate: t.funds?.executionRate ?? null,
      weightsTotal: t.weightsTotal,
      total: t.total,
      ...(t.withheldTotal !== undefined ? { withheldTotal: t.withheldTotal } : {}),
      enteredTotal: enteredNumber(grid, t.totalCell),
      grade: t.grade,
      enteredGrade: enteredText(grid, t.gradeCell),
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      findings: t.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        cell: f.cell,
        message: ((lang === 'en' ? f.messageEn : f.messageZh) || f.message).replace(/[\r\n]+/g, ' '),
      })),
    };
  });
}

/** The department a table is counted under in the charts: 主管部门, else 实施单位. */
export function departmentOf(t: TableSummary): string | null {
  return t.department ?? t.unit ?? null;
}

/** The first problems of a table in words (errors first, then warnings), for the 汇总 sheet. */
export function firstProblems(t: TableSummary, max = 3): string {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const shown = t.findings
    .filter((f) => f.severity !== 'info')
    .sort((a, b) => rank[a.severity] - rank[b.severity])
    .slice(0, max)
    .map((f) => `${f.cell} ${f.message}`);
  const rest = t.errors + t.warnings - shown.length;
  return rest > 0 ? `${shown.join('；')}；…(+${rest})` : shown.join('；');
}

function textRow(f: TextFinding, lang: Lang): FindingRow {
  return {
    rule: f.rule,
    severity: f.severity,
    cell: f.where,
    message: ((lang === 'en' ? f.messageEn : f.messageZh) || f.message).replace(/[\r\n]+/g, ' '),
    where: f.where,
    quote: f.quote,
  };
}

/** A Word report's summary: one row per table, its text findings with the table they name (else on the file). */
export function summarizeDocument(file: string, grids: SheetGrid[], doc: DocumentResult, lang: Lang): FileSummary {
  const tables = summarizeTables(grids, doc.tables, lang);
  const loose: FindingRow[] = [];
  for (const f of doc.textFindings) {
    const t = f.tableIndex === null ? undefined : tables[f.tableIndex];
    if (!t) {
      loose.push(textRow(f, lang));
      continue;
    }
    t.findings.push(textRow(f, lang));
    if (f.severity === 'error') t.errors++;
    else if (f.severity === 'warning') t.warnings++;
    else t.infos++;
  }
  return { file, error: null, tables, format: 'docx', ...(loose.length ? { textFindings: loose } : {}) };
}

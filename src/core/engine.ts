// The pipeline: grid → recognise → score → rules → findings, planned writes and marks.
import type { AnalysisResult, AnalyzeOptions, Finding, PlannedMark, PlannedWrite, RuleId, Severity, SheetGrid, TableResult, Lang } from './types';
import type { Table, Pos } from './model';
import type { Profile } from './profile';
import { resolveProfile } from './profile';
import { Sheet } from './sheet';
import { recognizeSheet } from './recognize';
import { scoreTable } from './score';
import { candidateWrites, CandidateWrite, weightsAddUp } from './plan';
import { RULES } from './rules';
import type { Rule } from './rules/rule';
import { citedSource } from './rules/rule';
import { a1, rangeA1 } from './address';
import { isBlank } from './values';
import { type AmountUnit, unitInLabel, unitSuffix } from './units';

export const FILLS: Record<Severity, string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };
const SEV_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const SEV_LABEL: Record<Severity, Record<Lang, string>> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

export function ruleSeverity(rule: Rule, profile: Profile): Severity {
  return (profile.severities?.[rule.id] as Severity | undefined) ?? rule.severity(profile);
}

/** A blank template (§2.4): no fund figures and no indicator row with an actual or a score. */
export function isNotFilled(t: Table): boolean {
  const f = t.funds;
  if (f && f.rows.some((r) => !r.initialBudget.blank || !r.budget.blank || !r.allocated.blank || !r.spent.blank)) return false;
  if (f && (!f.score.blank || (f.rateCell && !isBlank(t.sheet.value(f.rateCell.row, f.rateCell.col))))) return false;
  if (t.tasks.length) return false;
  if (t.rubric.some((i) => !i.score.blank)) return false;
  for (const i of t.indicators) {
    if (!i.actualBlank || i.entered !== null) return false;
    if (i.scorePos && !isBlank(t.sheet.value(i.scorePos.row, i.scorePos.col))) return false;
  }
  return true;
}

function runRules(t: Table, profile: Profile, disabled: Set<string>, candidates: CandidateWrite[], lang: Lang): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of RULES) {
    if (disabled.has(rule.id)) continue;
    if (t.notFilled && rule.id !== 'table-not-filled') continue; // a blank template gets one finding
    const base = ruleSeverity(rule, profile);
    rule.check({
      table: t,
      profile,
      candidates,
      report(at: Pos | null | undefined, data = {}) {
        if (!at) return;
        const key = `${rule.id}@${at.row}:${at.col}`;
        if (seen.has(key)) return;
        seen.add(key);
        const msg = rule.message(data);
        const src = citedSource(msg.source ?? rule.source, profile.name);
        const severity = (profile.severities?.[rule.id] as Severity | undefined) ?? data.severity ?? base;
        const zh = `${msg.zh}（依据：${src.zh}）`;
        const en = `${msg.en} (per ${src.en})`;
        out.push({
          rule: rule.id,
          severity,
          sheet: t.sheet.name,
          cell: a1(at.row, at.col),
          row: at.row,
          col: at.col,
          message: lang === 'en' ? en : zh,
          messageZh: zh,
          messageEn: en,
          sourceZh: src.zh,
          sourceEn: src.en,
        });
      },
    });
  }
  return out;
}

/** The table's amount unit (§3): a fund/task block label or header "(万元)"/"(元)", a "单位：元" line above, or a value's suffix. */
export function amountUnitOf(t: Table): AmountUnit | null {
  const s = t.sheet;
  const f = t.funds;
  const total = f?.rows.find((r) => r.kind === 'total');
  for (const c of [total?.budget.pos, total?.spent.pos, total?.initialBudget.pos]) {
    if (!c) continue;
    const v = s.value(c.row, c.col);
    if (typeof v === 'string') {
      const u = unitSuffix(v.trim());
      if (u) return u;
    }
  }
  // the rows of the fund (or task) block's header, and up to two rows above the table (title, "单位：万元")
  const amountTop = f ? f.headerRow : t.tasks.length ? t.headerRow : t.top;
  const amountBottom = f ? (total?.row ?? f.headerRow) : t.tasks.length ? t.headerRow + 1 : t.top;
  const rows: number[] = [];
  for (let r = amountTop; r <= amountBottom; r++) rows.push(r);
  rows.push(t.top - 1, t.top - 2);
  for (const r of rows) {
    if (r < s.top || r > s.bottom) continue;
    const end = s.rowEnd(r);
    for (let c = s.left; c <= end; c++) {
      const v = s.own(r, c);
      if (typeof v !== 'string' || v.length > 60) continue;
      const u = unitInLabel(v);
      if (u) return u;
    }
  }
  return null;
}

function cellOf(p: Pos | null | undefined): string | null {
  return p ? a1(p.row, p.col) : null;
}

function toResult(t: Table, findings: Finding[]): TableResult {
  const f = t.funds;
  const total = f?.rows.find((r) => r.kind === 'total') ?? null;
  const res: TableResult = {
    sheet: t.sheet.name,
    range: rangeA1({ top: t.top, left: t.left, bottom: t.bottom, right: t.right }),
    kind: t.form ?? t.kind,
    projectName: t.projectName,
    amountUnit: amountUnitOf(t),
    funds: f
      ? {
          budget: f.budgetUsed ?? total?.budget.value ?? null,
          spent: total?.spent.value ?? null,
          executionRate: f.rate,
          weight: f.weight.value,
          score: f.computedScore ?? (f.weight.value === null ? null : f.score.value),
          enteredScore: f.score.value,
          rateCell: cellOf(f.rateCell),
          scoreCell: cellOf(f.score.pos),
          budgetCell: cellOf(f.budgetFallback ? total?.initialBudget.pos : total?.budget.pos),
          spentCell: cellOf(total?.spent.pos),
        }
      : null,
    indicators: t.indicators.map((i) => ({
      row: i.row + 1,
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      operator: i.operator,
      target: i.operator === 'qualitative' ? i.targetText || null : i.targetNum,
      actual: i.operator === 'qualitative' ? i.actualText || null : i.actualNum,
      unit: i.unit,
      weight: i.weight,
      enteredScore: i.entered,
      score: i.computed,
      scoreCell: cellOf(i.scorePos),
    })),
    weightsTotal: t.kind === 'department' ? null : t.weightsTotal,
    total: t.computedTotal,
    grade: t.grade,
    totalCell: cellOf(t.total?.totalCell),
    gradeCell: cellOf(t.total?.gradeCell),
    findings,
  };
  if (t.blocks.length && !t.hasWeights)
    res.blocks = t.blocks.map((b) => ({ label: b.label, weight: b.weight, enteredScore: b.entered, cell: a1(b.pos.row, b.pos.col) }));
  if (t.notFilled) res.notFilled = true;
  if (t.computedTotal !== null && !weightsAddUp(t)) {
    // §4.5: not a score out of 100: neither shown nor written as one; the weights finding says why
    res.withheldTotal = t.computedTotal;
    res.total = null;
    res.grade = null;
  }
  if (t.department) res.department = t.department;
  if (t.kind === 'department') {
    res.tasks = t.tasks
      .filter((x) => !x.isTotal)
      .map((x) => ({
        row: x.row + 1,
        name: x.name,
        approved: x.approved.value,
        spent: x.spent.value,
        executionRate: x.rate,
        rateCell: cellOf(x.ratePos),
      }));
  }
  if (t.kind === 'rubric') {
    res.rubric = t.rubric.map((x) => ({
      row: x.row + 1,
      level: x.level,
      name: x.name,
      weight: x.weight.value,
      enteredScore: x.score.value,
      weightCell: cellOf(x.weight.pos),
      scoreCell: cellOf(x.score.pos),
    }));
  }
  return res;
}

export function buildMarks(findings: Finding[], lang: Lang): PlannedMark[] {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity === 'info') continue; // info is listed, not painted
    const k = `${f.sheet}\u0000${f.cell}`;
    const l = byCell.get(k);
    if (l) l.push(f);
    else byCell.set(k, [f]);
  }
  const marks: PlannedMark[] = [];
  for (const list of byCell.values()) {
    const worst = list.reduce((a, b) => (SEV_RANK[b.severity] > SEV_RANK[a.severity] ? b : a));
    const lines = list.map((f) => `[${SEV_LABEL[f.severity][lang]}] ${lang === 'en' ? f.messageEn : f.messageZh} (${f.rule})`);
    marks.push({
      sheet: worst.sheet,
      row: worst.row,
      col: worst.col,
      address: worst.cell,
      severity: worst.severity,
      fill: FILLS[worst.severity],
      note: `ziping:\n${lines.join('\n')}`,
      rules: [...new Set(list.map((f) => f.rule))],
    });
  }
  return marks;
}

/** Recognises, scores and checks every table of the given sheets. Writes nothing. */
export function analyzeWorkbook(sheets: SheetGrid[], options: AnalyzeOptions = {}): AnalysisResult {
  const profile = resolveProfile(options.profile);
  const lang: Lang = options.lang ?? 'zh';
  const disabled = new Set<string>([...(profile.disabledRules ?? []), ...(options.disabledRules ?? [])]);
  const tables: TableResult[] = [];
  const findings: Finding[] = [];
  const writes: PlannedWrite[] = [];
  for (const grid of sheets) {
    const sheet = new Sheet(grid);
    for (const t of recognizeSheet(sheet)) {
      scoreTable(t, profile);
      t.notFilled = isNotFilled(t);
      const candidates = t.notFilled ? [] : candidateWrites(t);
      const tf = runRules(t, profile, disabled, candidates, lang);
      tf.sort((a, b) => a.row - b.row || a.col - b.col);
      tables.push(toResult(t, tf));
      findings.push(...tf);
      for (const c of candidates) {
        if (c.formula || c.blocked) continue; // formula kept; text or narrative row never written (§6)
        writes.push({
          sheet: grid.name,
          row: c.at.row,
          col: c.at.col,
          address: a1(c.at.row, c.at.col),
          kind: c.kind,
          value: c.value,
          numFmt: c.numFmt,
        });
      }
    }
  }
  return { tables, findings, writes, marks: options.marks === false ? [] : buildMarks(findings, lang) };
}

export function allRuleIds(): RuleId[] {
  return RULES.map((r) => r.id);
}

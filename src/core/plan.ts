// Which computed cells the engine would write (RULES.md §6). Formula cells are flagged, never written.
import type { Table, Pos } from './model';
import type { WriteKind } from './types';
import { readNum, isCheckboxGrade } from './recognize';
import { cellText, isBlank, normalizeText, parseNumber } from './values';
import { isNarrativeRow, isWritableValue } from './write-safety';

export interface CandidateWrite {
  at: Pos;
  kind: WriteKind;
  value: number | string;
  numFmt?: string;
  formula: boolean;
  /** The value currently in the cell, for messages. */
  current: number | string | null;
  /** Not written (RULES.md §6): the cell holds text other than a number, a percent or a grade word, or sits on a narrative row. */
  blocked?: 'text' | 'narrative';
}

const RATE_FMT = '0.00%';

function scoreFmt(t: Table, p: Pos): string | undefined {
  const f = t.sheet.format(p.row, p.col);
  return !f || f === 'General' || f === '@' ? '0.00' : undefined;
}

function isFormula(t: Table, p: Pos): boolean {
  return t.sheet.formula(p.row, p.col) !== null;
}

function currentNum(t: Table, p: Pos): number | null {
  return readNum(t.sheet, p.row, p.col).value;
}

function differs(a: number | null, b: number, eps: number): boolean {
  return a === null || Math.abs(a - b) > eps;
}

/** Text where a computed value goes (a remark, a stray word): never replaced (§6), reported by unparsable-value. */
export function holdsText(c: CandidateWrite): boolean {
  const cur = c.current;
  if (typeof cur !== 'string' || parseNumber(cur) !== null) return false;
  return c.kind === 'grade' ? !/^[优良中差]$/.test(normalizeText(cur)) : true;
}

export function candidateWrites(t: Table): CandidateWrite[] {
  const out: CandidateWrite[] = [];
  const add = (at: Pos | null | undefined, kind: WriteKind, value: number | string | null, numFmt?: string) => {
    if (!at || value === null || (typeof value === 'number' && !Number.isFinite(value))) return;
    const cur = t.sheet.value(at.row, at.col);
    const blocked = isNarrativeRow(t.sheet, at.row, at.col) ? 'narrative' : isWritableValue(cur) ? undefined : 'text';
    out.push({
      at,
      kind,
      value,
      numFmt,
      formula: isFormula(t, at),
      current: isBlank(cur) ? null : typeof cur === 'number' ? cur : cellText(cur),
      ...(blocked ? { blocked } : {}),
    });
  };
  const rate = (at: Pos | null | undefined, kind: WriteKind, value: number | null) => {
    if (!at || value === null) return;
    const cur = t.sheet.value(at.row, at.col);
    const fmt = t.sheet.format(at.row, at.col) ?? '';
    const same = typeof cur === 'number' && /%/.test(fmt) && Math.abs(cur - value) < 5e-5;
    if (!same) add(at, kind, value, RATE_FMT);
  };
  if (t.kind === 'department') {
    for (const task of t.tasks) rate(task.ratePos, task.isTotal ? 'fundRate' : 'taskRate', task.rate);
  } else if (t.funds) {
    rate(t.funds.rateCell, 'fundRate', t.funds.rate);
    const s = t.funds.score.pos;
    if (s && t.funds.computedScore !== null && differs(t.funds.score.value, t.funds.computedScore, 0.005))
      add(s, 'fundScore', t.funds.computedScore, scoreFmt(t, s));
  }
  for (const ind of t.indicators) if (ind.write !== null && ind.scorePos) add(ind.scorePos, 'score', ind.write, scoreFmt(t, ind.scorePos));
  const tb = t.total;
  // §4.5: when the weights are wrong the computed total is not a score out of 100: write neither total nor grade
  if (!weightsHold(t)) return dedupe(out);
  if (tb && t.computedTotal !== null && tb.totalCell) {
    const entered = currentNum(t, tb.totalCell);
    // a rubric's entered total is only checked, a blank one is filled
    if (differs(entered, t.computedTotal, 0.005)) add(tb.totalCell, 'total', t.computedTotal, scoreFmt(t, tb.totalCell));
  }
  if (tb && t.grade !== null && tb.gradeCell) {
    const raw = cellText(t.sheet.value(tb.gradeCell.row, tb.gradeCell.col));
    if (!isCheckboxGrade(raw) && (tb.enteredGrade ?? '') !== t.grade) add(tb.gradeCell, 'grade', t.grade);
  }
  return dedupe(out);
}

/** The weights add up to the table's total weight (100 or its 总分值), block entries stay within their block, and the total does not exceed it (§4.5). */
export function weightsHold(t: Table): boolean {
  const expected = t.total?.enteredWeights ?? 100;
  if (!weightsAddUp(t)) return false;
  if (t.computedTotal !== null && t.computedTotal > expected + 0.005) return false;
  return true;
}

/** The weights add up and block entries stay within their block: no `weights-total` / `block-weights` (§4.5). */
export function weightsAddUp(t: Table): boolean {
  const expected = t.total?.enteredWeights ?? 100;
  const near = (a: number, b: number) => Math.abs(a - b) <= 0.005;
  if (t.kind === 'project' && !t.hasWeights && t.blocks.length) {
    for (const b of t.blocks) if (b.indicators.reduce((s, i) => s + (i.entered ?? 0), 0) > b.weight + 0.005) return false;
  }
  if (t.kind !== 'department' && t.weightsTotal !== null && !near(t.weightsTotal, t.kind === 'rubric' ? 100 : expected)) return false;
  return true;
}

function dedupe(out: CandidateWrite[]): CandidateWrite[] {
  // one cell, two values (total and grade merged together, a score shared by two rows): write neither
  const seen = new Map<string, number>();
  for (const c of out) seen.set(`${c.at.row}:${c.at.col}`, (seen.get(`${c.at.row}:${c.at.col}`) ?? 0) + 1);
  return out.filter((c) => seen.get(`${c.at.row}:${c.at.col}`) === 1);
}

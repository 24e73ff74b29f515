// Computations of RULES.md §4 over a recognised Table. Pure: fills computed fields in place.
import type { Table, Indicator, FundBlock, RubricItem } from './model';
import type { Profile } from './profile';
import type { Sheet } from './sheet';
import { convertUnit, isCellError, normalizeUnit, parseOperatorCell, parseValue, rateQualitative, roundHalfUp, cellText } from './values';
import { isCostLevel2 } from './vocab';
import { readDeductions } from './profile-columns';

const EPS = 0.005;

export function gradeOf(total: number, profile: Profile): string {
  for (const g of profile.grades) if (total >= g.min - 1e-9) return g.grade;
  return profile.grades[profile.grades.length - 1].grade;
}

/** Reads target, actual, operator and unit of an indicator row. */
export function readIndicatorValues(sheet: Sheet, ind: Indicator): void {
  const at = (p: typeof ind.targetPos) => (p ? sheet.value(p.row, p.col) : null);
  const fmt = (p: typeof ind.targetPos) => (p ? sheet.format(p.row, p.col) : null);
  const norm = (p: typeof ind.targetPos) => (p ? sheet.norm(p.row, p.col) : undefined);
  const pT = parseValue(at(ind.targetPos), fmt(ind.targetPos), norm(ind.targetPos));
  let pA = parseValue(at(ind.actualPos), fmt(ind.actualPos), norm(ind.actualPos));
  // §3: "无上访" / "没有X" / "零X" against a count target reads 0 of the target's unit; a bare "无" beside a
  // quantitative target is a value that cannot be read (not a blank): unparsable-value says what to enter
  const rawA = norm(ind.actualPos) ?? '';
  if (pT.number && !pT.blank && typeof at(ind.actualPos) === 'string') {
    if (/^(无|没有|零)[^\d]{1,12}$/.test(rawA) && rawA !== '无' && !/^(无法|无需|没有完成)/.test(rawA))
      pA = { operator: null, number: { value: 0, unit: pT.number.unit }, text: rawA, blank: false, error: false };
    else if (/^(无|没有)$/.test(rawA)) {
      pA = { operator: null, number: null, text: rawA, blank: false, error: false };
      ind.noneActual = true;
    }
  }
  ind.targetBlank = pT.blank;
  ind.actualBlank = pA.blank;
  ind.targetText = pT.error ? cellText(at(ind.targetPos)) : pT.text;
  ind.actualText = pA.error ? cellText(at(ind.actualPos)) : pA.text;
  const natureOp = ind.naturePos ? parseOperatorCell(null, sheet.norm(ind.naturePos.row, ind.naturePos.col)) : null;
  const unitCol = ind.unitPos ? normalizeUnit(sheet.norm(ind.unitPos.row, ind.unitPos.col)) : null;
  if (pT.error && ind.targetPos) ind.unparsable.push(ind.targetPos);
  if (pA.error && ind.actualPos) ind.unparsable.push(ind.actualPos);

  const targetIsText = !pT.blank && !pT.error && pT.number === null;
  if (targetIsText) {
    ind.operator = 'qualitative';
    ind.unit = unitCol;
    ind.qual = pA.blank || pA.error ? null : rateQualitative(pT.text, pA.text);
    return;
  }
  ind.operator = natureOp === 'qualitative' ? null : (natureOp ?? pT.operator ?? null);
  if (ind.operator === null && !pT.blank && !pT.error) {
    ind.operator = isCostLevel2(ind.level2) ? '<=' : '>=';
    ind.operatorAssumed = true;
  }
  ind.targetNum = pT.number ? pT.number.value : null;
  const uT = normalizeUnit(pT.number?.unit) ?? unitCol;
  ind.unit = uT;
  if (pA.number) {
    const uA = normalizeUnit(pA.number.unit) ?? unitCol;
    const conv = convertUnit(pA.number.value, uA, uT);
    if (conv === null) ind.unitMismatch = true;
    else ind.actualNum = conv;
  } else if (!pA.blank && !pA.error && ind.actualPos) {
    ind.unparsable.push(ind.actualPos);
  }
}

/** Score of a quantitative indicator before clamping (§4.2, §4.3). */
export function quantitativeScore(
  op: '>=' | '<=' | '=',
  A: number,
  B: number,
  W: number,
  profile: Profile,
): { score: number; over: number | null; deduction: number } {
  let score: number;
  let over: number | null = null;
  let deduction = 0;
  if (op === '>=') {
    if (A === 0) score = B >= 0 ? W : 0;
    else if (B >= A) {
      score = W;
      if (A > 0) {
        const d = (B - A) / A;
        if (profile.overTarget.mode !== 'none' && d >= profile.overTarget.warnAt - 1e-12) over = d;
        if (profile.overTarget.mode === 'deduct') {
          let frac = 0;
          for (const band of profile.overTarget.bands) if (d >= band.from - 1e-12 && band.deduct > frac) frac = band.deduct;
          if (frac > 0) over = d;
          deduction = W * frac;
        }
        if (profile.fixedDeduction && B >= profile.fixedDeduction.atRatio * A) deduction += profile.fixedDeduction.points;
        score = W - deduction;
      }
    } else score = (W * B) / A;
  } else if (op === '<=') {
    if (B <= A) score = W;
    else if (A <= 0) score = 0;
    else if (profile.reverseScoring === 'linear') score = B >= 2 * A ? 0 : W * (1 - (B - A) / A);
    else score = (W * A) / B;
  } else if (profile.equalScoring === 'atLeast') {
    // the 一体化 system's selfequalindex: '=' scored like '≥'; A = 0 → W when B ≤ 0, else 0
    if (A === 0) score = B <= 0 ? W : 0;
    else if (B >= A) score = W;
    else score = A > 0 ? (W * Math.max(B, 0)) / A : 0;
  } else {
    if (B === A) score = W;
    else {
      const lo = Math.min(A, B);
      const hi = Math.max(A, B);
      score = hi <= 0 ? 0 : (W * Math.max(lo, 0)) / hi;
    }
  }
  return { score, over, deduction };
}

export function clampRound(x: number, W: number, digits: number): number {
  return roundHalfUp(Math.min(Math.max(x, 0), Math.max(W, 0)), digits);
}

function qualitativeBand(status: 'achieved' | 'partial' | 'not', W: number, profile: Profile): { low: number; high: number; highInclusive: boolean } {
  const { achieved, partial } = profile.qualitativeBands;
  if (status === 'achieved') return { low: W * achieved, high: W, highInclusive: true };
  if (status === 'partial') return { low: W * partial, high: W * achieved, highInclusive: false };
  return { low: 0, high: W * partial, highInclusive: false };
}

/** Whether the indicator met its target (for tables without weights). */
export function indicatorMet(ind: Indicator): boolean | null {
  if (ind.operator === 'qualitative') return ind.qual === null || ind.qual === 'unrated' ? null : ind.qual === 'achieved';
  if (ind.targetNum === null || ind.actualNum === null || ind.operator === null) return null;
  const A = ind.targetNum;
  const B = ind.actualNum;
  if (ind.operator === '>=') return B >= A;
  if (ind.operator === '<=') return B <= A;
  return Math.abs(B - A) < 1e-9;
}

export function scoreIndicator(ind: Indicator, profile: Profile, weighted: boolean): void {
  const d = profile.roundingDigits;
  if (!weighted) {
    ind.counted = ind.entered;
    // §4.3 applies to every met positive indicator, weighted or not
    const A = ind.targetNum;
    const B = ind.actualNum;
    if (ind.operator === '>=' && A !== null && B !== null && A > 0 && B >= A && profile.overTarget.mode !== 'none') {
      const over = (B - A) / A;
      if (over >= profile.overTarget.warnAt - 1e-12) ind.over = over;
    }
    return;
  }
  const W = ind.weight;
  if (W === null || W < 0) {
    // no weight, or a negative one (reported by unparsable-value): nothing to score against
    ind.counted = ind.entered;
    return;
  }
  if (ind.operator === 'qualitative') {
    // a deduction switches the band check off: the entered score stands (research §1.5, §1.6)
    if (ind.qual === null || ind.qual === 'unrated' || ind.columnDeduction) {
      ind.counted = ind.entered;
      return;
    }
    const band = qualitativeBand(ind.qual, W, profile);
    const e = ind.entered;
    const inBand = e !== null && e >= band.low - EPS && (band.highInclusive ? e <= band.high + EPS : e < band.high - 1e-9);
    if (inBand) {
      ind.computed = roundHalfUp(e as number, d);
    } else if (ind.qual === 'achieved' && e === null) {
      ind.computed = roundHalfUp(W, d);
      ind.write = ind.computed;
    } else {
      ind.bandViolation = { low: roundHalfUp(band.low, d), high: roundHalfUp(band.high, d) };
    }
    ind.counted = ind.computed ?? ind.entered;
    return;
  }
  if (ind.operator === null || ind.targetNum === null || ind.actualNum === null || ind.unitMismatch) {
    ind.counted = ind.entered;
    return;
  }
  const r = quantitativeScore(ind.operator, ind.targetNum, ind.actualNum, W, profile);
  ind.over = r.over;
  ind.deduction = roundHalfUp(r.deduction, d);
  ind.computed = clampRound(r.score, W, d);
  // 扣减分数 column (profile.deductionColumn): score = max(0, score − deduction)
  if (ind.columnDeduction) ind.computed = clampRound(ind.computed - ind.columnDeduction, W, d);
  ind.counted = ind.computed;
  if (ind.entered === null || Math.abs(ind.entered - ind.computed) > EPS) ind.write = ind.computed;
}

export function scoreFunds(f: FundBlock, profile: Profile): void {
  const d = profile.roundingDigits;
  const total = f.rows.find((r) => r.kind === 'total') ?? null;
  if (!total) return;
  let budget = total.budget.value;
  if (total.budget.blank && total.initialBudget.value !== null) {
    budget = total.initialBudget.value;
    f.budgetFallback = true;
  }
  f.budgetUsed = budget;
  const spent = total.spent.value;
  if (budget === 0) {
    f.zeroBudget = true;
    return;
  }
  if (budget === null || spent === null) return;
  // a negative amount is not an execution; an overflowing quotient is no rate (both are reported)
  if (budget < 0 || spent < 0 || !Number.isFinite(spent / budget)) return;
  f.rate = roundHalfUp(spent / budget, d + 2);
  if (f.weight.value === null) return;
  const W = f.weight.value;
  if (profile.fundSteps) {
    // steps on the rate as shown (rounded), highest `from` first; below every step → 0
    let step: { from: number; share: number } | null = null;
    for (const s of profile.fundSteps) if (f.rate >= s.from - 1e-12 && (!step || s.from > step.from)) step = s;
    f.computedScore = clampRound(W * (step ? step.share : 0), W, d);
  } else f.computedScore = clampRound(W * Math.min(spent / budget, 1), W, d);
}

function sum(xs: (number | null)[]): number | null {
  let s = 0;
  for (const x of xs) {
    if (x === null) return null;
    s += x;
  }
  return s;
}

export function scoreTable(t: Table, profile: Profile): void {
  const d = profile.roundingDigits;
  if (profile.deductionColumn && t.kind === 'project') readDeductions(t);
  for (const ind of t.indicators) {
    readIndicatorValues(t.sheet, ind);
    scoreIndicator(ind, profile, t.hasWeights);
  }
  if (t.funds) scoreFunds(t.funds, profile);
  for (const task of t.tasks) {
    const a = task.approved.value;
    const s = task.spent.value;
    if (a !== null && s !== null && a > 0 && s >= 0 && Number.isFinite(s / a)) task.rate = roundHalfUp(s / a, d + 2);
  }
  if (t.kind === 'department') return;

  if (t.partial) return;
  if (t.kind === 'rubric') {
    const leaves = t.rubric.filter((i) => i.children.length === 0);
    const leafScores = leaves.map((i) => (i.score.blank && i.weight.blank ? 0 : i.score.value));
    const parts: (number | null)[] = [...leafScores, ...t.indicators.map((i) => i.counted)];
    if (t.funds && t.funds.weight.value !== null) parts.push(t.funds.computedScore ?? t.funds.score.value);
    const total = leaves.length || t.indicators.length ? sum(parts) : null;
    t.computedTotal = total === null || !Number.isFinite(total) ? null : roundHalfUp(total, d);
    const weights = [...leaves.map((i) => i.weight.value ?? 0), ...t.indicators.map((i) => i.weight ?? 0)];
    if (t.funds && t.funds.weight.value !== null) weights.push(t.funds.weight.value);
    t.weightsTotal = roundHalfUp(
      weights.reduce((a, b) => a + b, 0),
      d,
    );
    if (t.computedTotal !== null && t.total) t.grade = gradeOf(t.computedTotal, profile);
    return;
  }

  // project
  if (!t.hasWeights) {
    if (!t.blocks.length) return; // no weights at all: R and B vs A only, no total, no grade (§2.4)
    scoreBlocks(t, profile);
    return;
  }
  const fundPart = t.funds && !t.funds.transfer ? (t.funds.computedScore ?? t.funds.score.value) : 0;
  const total = sum([fundPart, ...t.indicators.map((i) => i.counted)]);
  let capped = total;
  if (capped !== null && profile.totalCapByRate && t.funds?.rate !== null && t.funds?.rate !== undefined) {
    const rate = t.funds.rate;
    const bands = [...profile.totalCapByRate].sort((a, b) => a.below - b.below);
    const band = bands.find((b) => rate < b.below);
    if (band) capped = Math.min(capped, band.cap);
  }
  t.computedTotal = capped === null || !Number.isFinite(capped) ? null : roundHalfUp(capped, d);
  const w = [t.funds ? (t.funds.weight.value ?? 0) : 0, ...t.indicators.map((i) => i.weight ?? 0)];
  t.weightsTotal = roundHalfUp(
    w.reduce((a, b) => a + b, 0),
    d,
  );
  t.grade = t.computedTotal === null ? null : gradeOf(t.computedTotal, profile);
}

/** Weights only in block labels (§2.4): entered scores count as entered; total = fund score + Σ entered. */
function scoreBlocks(t: Table, profile: Profile): void {
  const d = profile.roundingDigits;
  for (const b of t.blocks) b.entered = sum(b.indicators.map((i) => i.entered));
  const inBlocks = new Set(t.blocks.flatMap((b) => b.indicators));
  const fundPart = t.funds && !t.funds.transfer ? (t.funds.computedScore ?? t.funds.score.value) : 0;
  const total = sum([fundPart, ...t.indicators.map((i) => (inBlocks.has(i) || i.entered !== null ? i.entered : null))]);
  t.computedTotal = total === null || !Number.isFinite(total) ? null : roundHalfUp(total, d);
  const w = [t.funds ? (t.funds.weight.value ?? 0) : 0, ...t.blocks.map((b) => b.weight)];
  t.weightsTotal = roundHalfUp(
    w.reduce((a, b) => a + b, 0),
    d,
  );
  t.grade = t.computedTotal === null ? null : gradeOf(t.computedTotal, profile);
}

/** Leaves of a rubric: rows without children. */
export function rubricLeaves(items: RubricItem[]): RubricItem[] {
  return items.filter((i) => i.children.length === 0);
}

export function isErrorValue(sheet: Sheet, p: { row: number; col: number } | null): boolean {
  return !!p && isCellError(sheet.value(p.row, p.col));
}

// Every rule, in report order. Users switch any of them off by id.
import type { Rule, TextRule } from './rule';
import scoreExceedsWeight from './score-exceeds-weight';
import scoreMismatch from './score-mismatch';
import weightsTotal from './weights-total';
import level1Weights from './level1-weights';
import missingLevel3 from './missing-level3';
import missingDeviationReason from './missing-deviation-reason';
import targetTooLow from './target-too-low';
import totalMismatch from './total-mismatch';
import gradeMismatch from './grade-mismatch';
import fundBreakdown from './fund-breakdown';
import executionOverBudget from './execution-over-budget';
import zeroBudget from './zero-budget';
import budgetFallback from './budget-fallback';
import missingValue from './missing-value';
import unparsableValue from './unparsable-value';
import unitMismatch from './unit-mismatch';
import operatorAssumed from './operator-assumed';
import qualitativeScoreBand from './qualitative-score-band';
import qualitativeUnrated from './qualitative-unrated';
import formulaKept from './formula-kept';
import tableNotFilled from './table-not-filled';
import blockWeights from './block-weights';
import executionGap from './execution-gap';

import reportMismatch from './report-mismatch';
import reportSum from './report-sum';
import weightNotPositive from './weight-not-positive';
import groupWeights from './group-weights';
import descriptionMissing from './description-missing';
import unitMissing from './unit-missing';
import deductionInvalid from './deduction-invalid';
import costUnfilledCap from './cost-unfilled-cap';

export const RULES: readonly Rule[] = [
  tableNotFilled,
  zeroBudget,
  budgetFallback,
  fundBreakdown,
  executionOverBudget,
  executionGap,
  missingValue,
  unparsableValue,
  unitMismatch,
  operatorAssumed,
  scoreExceedsWeight,
  scoreMismatch,
  qualitativeScoreBand,
  qualitativeUnrated,
  targetTooLow,
  missingDeviationReason,
  missingLevel3,
  level1Weights,
  weightsTotal,
  blockWeights,
  totalMismatch,
  gradeMismatch,
  formulaKept,
  // checks of the provinces' budget systems, on when the profile asks (RULES.md §4.6)
  weightNotPositive,
  groupWeights,
  descriptionMissing,
  unitMissing,
  deductionInvalid,
  costUnfilledCap,
];

/** Rules on a Word report's text (RULES.md §7), run per report part by analyzeDocument. */
export const TEXT_RULES: readonly TextRule[] = [reportMismatch, reportSum];

export type { Rule, TextRule } from './rule';

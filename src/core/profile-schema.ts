// The zod schema of a profile. Loaded only when a user's profile is validated (zod costs ~50 ms
// of start-up that `ziping check` with a shipped profile does not need).
import { z } from 'zod';
import { ProfileError, RULE_IDS } from './profile';

const severity = z.enum(['error', 'warning', 'info']);

const ruleId = z.enum(RULE_IDS);
const fraction = z.number().min(0).max(1);

export const profileSchema = z
  .object({
    name: z.string().min(1),
    label: z.object({ zh: z.string(), en: z.string() }).optional(),
    /** Where each value comes from (knob → section or public notice); documentation only. */
    sources: z.record(z.string(), z.string()).optional(),
    /** Expected weights of the fund row and each 一级指标; null = not checked. */
    defaultWeights: z.object({
      fund: z.number().nonnegative().nullable(),
      output: z.number().nonnegative().nullable(),
      effect: z.number().nonnegative().nullable(),
      satisfaction: z.number().nonnegative().nullable(),
    }),
    /** Handling of a met positive indicator far above its target (§4.3). */
    overTarget: z.object({
      mode: z.enum(['none', 'warn', 'deduct']),
      /** d = (B − A) / A at or above which target-too-low is reported. */
      warnAt: z.number().positive(),
      /** Deduction bands (fraction of W), used when mode = 'deduct'. Highest matching `from` wins. */
      bands: z.array(z.object({ from: z.number().nonnegative(), deduct: fraction })),
    }),
    /** Fixed deduction (points) when B ≥ ratio × A; null = off. */
    fixedDeduction: z.object({ atRatio: z.number().positive(), points: z.number().nonnegative() }).nullable(),
    /** 'ratio' = W·A/B; 'linear' = W·(1 − (B−A)/A), 0 at B ≥ 2A. */
    reverseScoring: z.enum(['ratio', 'linear']),
    /** Lower bounds (fraction of W) of the qualitative bands; achieved is [achieved, 1]. */
    qualitativeBands: z
      .object({ achieved: fraction, partial: fraction })
      .refine((b) => b.partial <= b.achieved, { message: 'partial must be ≤ achieved' }),
    deviationReason: z.object({
      whenBelowWeight: z.boolean(),
      whenTargetTooLow: z.boolean(),
      /** Fund 执行率 below which a reason is required; null = never. */
      fundRateBelow: fraction.nullable(),
    }),
    missingLevel3: z.object({ severity, emptyLevel1Severity: severity }),
    /** Cap on the total by 执行率 band: rate < below → total ≤ cap. */
    totalCapByRate: z.array(z.object({ below: fraction, cap: z.number().nonnegative() })).nullable(),
    roundingDigits: z.number().int().min(0).max(6),
    /** Grade bands, highest first: total ≥ min → grade; below every min → the last grade. */
    grades: z.array(z.object({ min: z.number(), grade: z.string().min(1) })).min(1),
    // Knobs of the 一体化 systems (research/yitihua-rules.md §4.2). Each defaults to the old behaviour,
    // so a profile written before them stays valid and scores the same.
    /** '=' indicator: 'symmetric' = W·min(A,B)/max(A,B); 'atLeast' = scored like '≥' (A = 0: B ≤ 0 → W, else 0). */
    equalScoring: z.enum(['symmetric', 'atLeast']).default('symmetric'),
    /** Fund score in steps instead of W·min(R,1): highest `from` (a rate) ≤ R gives share × W; below all → 0. */
    fundSteps: z
      .array(z.object({ from: z.number().nonnegative(), share: fraction }))
      .nullable()
      .default(null),
    /** 扣减分数 column: quantitative score = max(0, score − deduction); a deduction switches the band check off. */
    deductionColumn: z.boolean().default(false),
    /** A deviation reason is also required when B ≥ ratio × A (A = 0: B ≥ zeroTargetAt); null = off. */
    overRatioReason: z.object({ ratio: z.number().positive(), zeroTargetAt: z.number().nonnegative() }).nullable().default(null),
    /** Checks the system runs on save; all off by default. */
    checks: z
      .object({
        /** weight-not-positive: an indicator's 分值 must be > 0. */
        weightPositive: z.boolean().default(false),
        /** group-weights: Σ child 分值 = the weight written on its 二级 / 一级 label ("数量指标(20)"). */
        groupWeights: z.boolean().default(false),
        /** description-missing: a qualitative row needs its 完成情况简要描述. */
        qualitativeDescription: z.boolean().default(false),
        /** unit-missing: a quantitative row needs its 计量单位. */
        quantitativeUnit: z.boolean().default(false),
      })
      .default({ weightPositive: false, groupWeights: false, qualitativeDescription: false, quantitativeUnit: false }),
    /** Cap on the score of a 成本指标 row marked 未填报 (no cost indicator was filled); null = off. */
    unfilledCostCap: z.number().nonnegative().nullable().default(null),
    /** execution-gap: completion Σ S ÷ Σ W may exceed the fund rate R by at most `threshold` (relative: of R). */
    executionGap: z.object({ threshold: z.number().nonnegative(), relative: z.boolean() }).default({ threshold: 0.2, relative: false }),
    /** Per-rule severity overrides. */
    severities: z.partialRecord(ruleId, severity).optional(),
    /** Rules off by default in this profile. */
    disabledRules: z.array(ruleId).optional(),
  })
  .strict();

export type ProfileData = z.infer<typeof profileSchema>;

/** Validates a user profile (parsed JSON); the error names the bad field. */
export function parseProfile(data: unknown, source = 'profile'): ProfileData {
  const r = profileSchema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : '(root)';
  throw new ProfileError(`${source}: invalid field "${field}": ${issue.message}`);
}

// Scoring profiles are data (RULES.md §4.6): a zod schema plus the shipped profiles.
import { z } from 'zod';

const severity = z.enum(['error', 'warning', 'info']);

export const RULE_IDS = [
  'score-exceeds-weight', 'score-mismatch', 'weights-total', 'level1-weights', 'missing-level3',
  'missing-deviation-reason', 'target-too-low', 'total-mismatch', 'grade-mismatch', 'fund-breakdown',
  'execution-over-budget', 'zero-budget', 'budget-fallback', 'missing-value', 'unparsable-value',
  'unit-mismatch', 'operator-assumed', 'qualitative-score-band', 'qualitative-unrated', 'formula-kept',
] as const;
const ruleId = z.enum(RULE_IDS);
const fraction = z.number().min(0).max(1);

export const profileSchema = z
  .object({
    name: z.string().min(1),
    label: z.object({ zh: z.string(), en: z.string() }).optional(),
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
    fixedDeduction: z
      .object({ atRatio: z.number().positive(), points: z.number().nonnegative() })
      .nullable(),
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
    /** Per-rule severity overrides. */
    severities: z.partialRecord(ruleId, severity).optional(),
    /** Rules off by default in this profile. */
    disabledRules: z.array(ruleId).optional(),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;

const GRADES = [
  { min: 90, grade: '优' },
  { min: 80, grade: '良' },
  { min: 60, grade: '中' },
  { min: 0, grade: '差' },
];

const national: Profile = {
  name: 'national',
  label: { zh: '全国（财预〔2020〕10号）', en: 'National (Caiyu [2020] No. 10)' },
  defaultWeights: { fund: 10, output: 50, effect: 30, satisfaction: 10 },
  overTarget: { mode: 'warn', warnAt: 2, bands: [] },
  fixedDeduction: null,
  reverseScoring: 'ratio',
  qualitativeBands: { achieved: 0.8, partial: 0.6 },
  deviationReason: { whenBelowWeight: true, whenTargetTooLow: true, fundRateBelow: null },
  missingLevel3: { severity: 'warning', emptyLevel1Severity: 'error' },
  totalCapByRate: null,
  roundingDigits: 2,
  grades: GRADES,
};

const beijing: Profile = {
  ...national,
  name: 'beijing',
  label: { zh: '北京（丰台填报注意事项）', en: 'Beijing (Fengtai filing notes)' },
  overTarget: {
    mode: 'deduct',
    warnAt: 2,
    bands: [
      { from: 2, deduct: 0.1 },
      { from: 3, deduct: 0.2 },
      { from: 5, deduct: 0.3 },
    ],
  },
  missingLevel3: { severity: 'error', emptyLevel1Severity: 'error' },
};

const hubei: Profile = {
  ...national,
  name: 'hubei',
  label: { zh: '湖北（2020 项目自评表）', en: 'Hubei (2020 project table)' },
  defaultWeights: { fund: 20, output: null, effect: null, satisfaction: null },
  overTarget: { mode: 'none', warnAt: 2, bands: [] },
  qualitativeBands: { achieved: 0.8, partial: 0.5 },
  deviationReason: { whenBelowWeight: true, whenTargetTooLow: false, fundRateBelow: null },
  missingLevel3: { severity: 'warning', emptyLevel1Severity: 'warning' },
};

const sichuan: Profile = {
  ...national,
  name: 'sichuan',
  label: { zh: '四川（2023 自评表）', en: 'Sichuan (2023 table)' },
  defaultWeights: { fund: 10, output: null, effect: null, satisfaction: null },
  overTarget: { mode: 'none', warnAt: 2, bands: [] },
  deviationReason: { whenBelowWeight: true, whenTargetTooLow: false, fundRateBelow: 0.9 },
  missingLevel3: { severity: 'warning', emptyLevel1Severity: 'warning' },
};

export const PROFILES: Readonly<Record<string, Profile>> = { national, beijing, hubei, sichuan };
export const DEFAULT_PROFILE = 'national';

export class ProfileError extends Error {}

/** Validates a user profile (parsed JSON); the error names the bad field. */
export function parseProfile(data: unknown, source = 'profile'): Profile {
  const r = profileSchema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : '(root)';
  throw new ProfileError(`${source}: invalid field "${field}": ${issue.message}`);
}

export function resolveProfile(p: string | Profile | undefined): Profile {
  if (p === undefined) return PROFILES[DEFAULT_PROFILE];
  if (typeof p !== 'string') return parseProfile(p);
  const found = PROFILES[p];
  if (!found) throw new ProfileError(`unknown profile "${p}" (shipped: ${Object.keys(PROFILES).join(', ')})`);
  return found;
}

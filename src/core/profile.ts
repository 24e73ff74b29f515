// Scoring profiles are data (RULES.md §4.6): the shipped profiles; the zod schema is in profile-schema.ts.
import type { ProfileData } from './profile-schema';
import type * as schema from './profile-schema';
// Provincial profiles: JSON data with the source of every value (checked against the schema in profile.test.ts)
import hebeiJson from './profiles/hebei.json';
import tianjinJson from './profiles/tianjin.json';
import shanxiJson from './profiles/shanxi.json';
import guangxiJson from './profiles/guangxi.json';
import zhejiangJson from './profiles/zhejiang.json';
import jiangxiJson from './profiles/jiangxi.json';
import anhuiJson from './profiles/anhui.json';
import hubeiJson from './profiles/hubei.json';

export const RULE_IDS = [
  'score-exceeds-weight',
  'score-mismatch',
  'weights-total',
  'level1-weights',
  'missing-level3',
  'missing-deviation-reason',
  'target-too-low',
  'total-mismatch',
  'grade-mismatch',
  'fund-breakdown',
  'execution-over-budget',
  'zero-budget',
  'budget-fallback',
  'missing-value',
  'unparsable-value',
  'unit-mismatch',
  'operator-assumed',
  'qualitative-score-band',
  'qualitative-unrated',
  'formula-kept',
  'table-not-filled',
  'block-weights',
  'execution-gap',

  'report-mismatch',
  'report-sum',
  'weight-not-positive',
  'group-weights',
  'description-missing',
  'unit-missing',
  'deduction-invalid',
  'cost-unfilled-cap',
] as const;
export type Profile = ProfileData;

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
  equalScoring: 'symmetric',
  fundSteps: null,
  deductionColumn: false,
  overRatioReason: null,
  checks: { weightPositive: false, groupWeights: false, qualitativeDescription: false, quantitativeUnit: false },
  unfilledCostCap: null,
  executionGap: { threshold: 0.2, relative: false },
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

const sichuan: Profile = {
  ...national,
  name: 'sichuan',
  label: { zh: '四川（2023 自评表）', en: 'Sichuan (2023 table)' },
  defaultWeights: { fund: 10, output: null, effect: null, satisfaction: null },
  overTarget: { mode: 'none', warnAt: 2, bands: [] },
  deviationReason: { whenBelowWeight: true, whenTargetTooLow: false, fundRateBelow: 0.9 },
  missingLevel3: { severity: 'warning', emptyLevel1Severity: 'warning' },
};

const hubei = hubeiJson as Profile;
const PROVINCES = [hebeiJson, tianjinJson, shanxiJson, guangxiJson, zhejiangJson, jiangxiJson, anhuiJson].map((p) => p as Profile);

const SHIPPED: Profile[] = [national, beijing, hubei, sichuan, ...PROVINCES];
export const PROFILES: Readonly<Record<string, Profile>> = Object.fromEntries(SHIPPED.map((p) => [p.name, p]));
export const DEFAULT_PROFILE = 'national';

/** Short Chinese name of a profile: its label up to the bracket ("河北（…）" → "河北"). */
export function profileShortName(p: Profile): string {
  const zh = p.label?.zh ?? p.name;
  // indexOf, not split(/regex/): core-js's split polyfill fails in the IE11 realm of Office 2019
  const cut = [zh.indexOf('（'), zh.indexOf('(')].filter((i) => i >= 0);
  return (cut.length ? zh.slice(0, Math.min(...cut)) : zh).trim() || p.name;
}

/** A shipped profile by its id ("hebei"), Chinese name ("河北", "河北省") or full Chinese label; undefined when none. */
export function findProfile(name: string): Profile | undefined {
  const key = name.trim();
  if (Object.prototype.hasOwnProperty.call(PROFILES, key)) return PROFILES[key];
  const lower = key.toLowerCase();
  // 河北省, 天津市, 广西壮族自治区 → 河北, 天津, 广西
  const short = key.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '');
  return SHIPPED.find((p) => p.name === lower || p.label?.zh === key || profileShortName(p) === key || profileShortName(p) === short);
}

/** Label shown wherever the profile in force is printed: "河北（预算管理一体化系统） (hebei)". */
export function profileDisplay(p: string | Profile | undefined, lang: 'zh' | 'en'): string {
  const prof = typeof p === 'string' ? findProfile(p) : (p ?? PROFILES[DEFAULT_PROFILE]);
  if (!prof) return String(p);
  return prof.label ? `${prof.label[lang]} (${prof.name})` : prof.name;
}

/** The schema module, loaded on first use. */
function lazySchema(): typeof schema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./profile-schema');
}

export class ProfileError extends Error {}

/** Validates a user profile (parsed JSON); the error names the bad field. */
export function parseProfile(data: unknown, source = 'profile'): Profile {
  return lazySchema().parseProfile(data, source);
}

export function resolveProfile(p: string | Profile | undefined): Profile {
  if (p === undefined) return PROFILES[DEFAULT_PROFILE];
  if (typeof p !== 'string') return SHIPPED.indexOf(p) >= 0 ? p : parseProfile(p);
  const found = findProfile(p);
  if (!found) throw new ProfileError(`unknown profile "${p}" (shipped: ${Object.keys(PROFILES).join(', ')})`);
  return found;
}

// Public API of the engine. Pure TypeScript: no Office.js, no ExcelJS.
export * from './types';
export { analyzeWorkbook, allRuleIds, buildMarks, FILLS } from './engine';
export {
  PROFILES,
  DEFAULT_PROFILE,
  RULE_IDS,
  parseProfile,
  resolveProfile,
  findProfile,
  profileShortName,
  profileDisplay,
  ProfileError,
} from './profile';
export type { Profile } from './profile';
export { RULES } from './rules';
export { a1, colLetters, parseA1, parseRangeA1, rangeA1 } from './address';
export { parseNumber, parseValue, normalizeText, roundHalfUp } from './values';

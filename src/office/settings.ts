// Task pane settings persisted in the workbook (Excel workbook settings, ExcelApi 1.4).
import type { AnalyzeOptions, Lang, RuleId } from '../core/types';
import { DEFAULT_PROFILE, PROFILES, parseProfile, type Profile } from '../core/profile';
import type { Scope } from './read';

export const SETTINGS_KEY = 'ziping.settings';
export const LAST_RUN_KEY = 'ziping.lastRun';

export interface ZipingSettings {
  /** A shipped profile name or the name of an imported one. */
  profile: string;
  /** Profiles imported from JSON (validated). */
  customProfiles: Profile[];
  disabledRules: RuleId[];
  scope: Scope;
  /** Recompute only marks, never writes values. */
  checkOnly: boolean;
  /** null = follow Office's display language. */
  lang: Lang | null;
}

export const DEFAULT_SETTINGS: ZipingSettings = {
  profile: DEFAULT_PROFILE,
  customProfiles: [],
  disabledRules: [],
  scope: 'sheet',
  checkOnly: false,
  lang: null,
};

/**
 * Imported profiles live in the workbook settings (the ribbon and a colleague opening the file need
 * them whole), bounded so the settings stay small: at most MAX_CUSTOM_PROFILES (the newest kept),
 * each at most MAX_PROFILE_CHARS of JSON (the shipped ones are 0.9–2.8k). docs/decisions.md.
 */
export const MAX_CUSTOM_PROFILES = 5;
export const MAX_PROFILE_CHARS = 16_384;

/** JSON length of a profile when it is larger than MAX_PROFILE_CHARS, else null. */
export function profileTooLarge(p: Profile): number | null {
  const n = JSON.stringify(p).length;
  return n > MAX_PROFILE_CHARS ? n : null;
}

/** The list with `p` added (replacing one of its name) and the profiles dropped to stay within the bound. */
export function addCustomProfile(list: Profile[], p: Profile): { customProfiles: Profile[]; dropped: string[] } {
  const all = [...list.filter((x) => x.name !== p.name), p];
  const cut = Math.max(0, all.length - MAX_CUSTOM_PROFILES);
  return { customProfiles: all.slice(cut), dropped: all.slice(0, cut).map((x) => x.name) };
}

/** Tolerant reading of stored settings: bad fields fall back to defaults. */
export function normalizeSettings(raw: unknown): ZipingSettings {
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
  }
  if (!parsed || typeof parsed !== 'object') return { ...DEFAULT_SETTINGS };
  const o = parsed as Record<string, unknown>;
  const customProfiles: Profile[] = [];
  if (Array.isArray(o.customProfiles)) {
    for (const p of o.customProfiles) {
      try {
        const parsed = parseProfile(p);
        if (!profileTooLarge(parsed)) customProfiles.push(parsed);
      } catch {
        /* dropped: invalid */
      }
    }
    customProfiles.splice(0, Math.max(0, customProfiles.length - MAX_CUSTOM_PROFILES));
  }
  const names = new Set([...Object.keys(PROFILES), ...customProfiles.map((p) => p.name)]);
  return {
    profile: typeof o.profile === 'string' && names.has(o.profile) ? o.profile : DEFAULT_PROFILE,
    customProfiles,
    disabledRules: Array.isArray(o.disabledRules) ? o.disabledRules.filter((r: unknown): r is RuleId => typeof r === 'string') : [],
    scope: o.scope === 'workbook' ? 'workbook' : 'sheet',
    checkOnly: o.checkOnly === true,
    lang: o.lang === 'zh' || o.lang === 'en' ? o.lang : null,
  };
}

export function profileFor(s: ZipingSettings): Profile {
  return s.customProfiles.find((p) => p.name === s.profile) ?? PROFILES[s.profile] ?? PROFILES[DEFAULT_PROFILE];
}

export function analyzeOptions(s: ZipingSettings, lang: Lang): AnalyzeOptions {
  const custom = s.customProfiles.find((p) => p.name === s.profile);
  return { profile: custom ?? (PROFILES[s.profile] ? s.profile : DEFAULT_PROFILE), disabledRules: s.disabledRules, lang };
}

/** Chinese by default; English when Office itself runs in English. */
export function langFromDisplay(displayLanguage: string | null | undefined): Lang {
  return displayLanguage && /^en/i.test(displayLanguage) ? 'en' : 'zh';
}

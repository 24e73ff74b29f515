// What check, fix and report share after parsing: the --profile file and the --disable list, with their messages.
import { promises as fsp } from 'fs';
import { PROFILES, ProfileError, findProfile, parseProfile, profileShortName, type Profile } from '../core/profile';
import { RULE_IDS } from '../core/profile';
import type { Lang, RuleId } from '../core/types';
import { UsageError } from './args';

const M = {
  zh: {
    unknownRule: (r: string) => `未知的规则编号：${r}（可用：${RULE_IDS.join(', ')}）`,
    profileMissing: (p: string) => `找不到评分口径「${p}」：既不是内置口径（${shippedList('zh')}），也不是存在的 JSON 文件`,
    profileJson: (p: string, m: string) => `评分口径文件 ${p} 不是有效的 JSON：${m}`,
    profileBad: (m: string) => `评分口径无效：${m}`,
  },
  en: {
    unknownRule: (r: string) => `unknown rule id: ${r} (known: ${RULE_IDS.join(', ')})`,
    profileMissing: (p: string) => `profile "${p}" not found: neither a shipped profile (${shippedList('en')}) nor an existing JSON file`,
    profileJson: (p: string, m: string) => `profile file ${p} is not valid JSON: ${m}`,
    profileBad: (m: string) => `invalid profile: ${m}`,
  },
};

/** The rule ids of `--disable a,b --disable c`; an unknown id is a UsageError. */
export function disabledRules(values: string[] | undefined, lang: Lang): RuleId[] {
  const ids = (values ?? [])
    .flatMap((d) => d.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const known = new Set<string>(RULE_IDS);
  for (const r of ids) if (!known.has(r)) throw new UsageError(M[lang].unknownRule(r));
  return ids as RuleId[];
}

/** Shipped profiles as "national（全国）, hebei（河北）, …". */
export function shippedList(lang: Lang): string {
  return Object.values(PROFILES)
    .map((p) => (lang === 'zh' ? `${p.name}（${profileShortName(p)}）` : `${p.name} (${profileShortName(p)})`))
    .join(lang === 'zh' ? '、' : ', ');
}

/** A shipped profile id (given as id or Chinese name: 河北), or a parsed and validated JSON profile; undefined when none was asked for. */
export async function loadProfile(spec: string | null, lang: Lang): Promise<string | Profile | undefined> {
  if (spec === null) return undefined;
  const shipped = /\.json$/i.test(spec) ? undefined : findProfile(spec);
  if (shipped) return shipped.name;
  let text: string;
  try {
    text = await fsp.readFile(spec, 'utf8');
  } catch {
    throw new UsageError(M[lang].profileMissing(spec));
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(M[lang].profileJson(spec, (e as Error).message));
  }
  try {
    return parseProfile(data, spec);
  } catch (e) {
    if (e instanceof ProfileError) throw new UsageError(M[lang].profileBad(e.message));
    throw e;
  }
}

// Rule modules: id, severity, zh/en message with its source, and a check over a scored table.
import type { Table, Pos } from '../model';
import type { Profile } from '../profile';
import type { RuleId, Severity } from '../types';
import type { CandidateWrite } from '../plan';
import { roundHalfUp } from '../values';

export interface Emit {
  at: Pos;
  /** Message arguments; `severity` overrides the rule's default for this finding. */
  data: Record<string, unknown> & { severity?: Severity };
}

export interface RuleContext {
  table: Table;
  profile: Profile;
  /** Cell writes the engine would plan for this table (formula cells included, flagged). */
  candidates: CandidateWrite[];
  report(at: Pos | null | undefined, data?: Emit['data']): void;
}

export interface Rule {
  id: RuleId;
  /** Severity under a profile (profile.severities overrides it). */
  severity(profile: Profile): Severity;
  source: Source;
  /** Text of one finding; `source` overrides the rule's source for this finding. */
  message(d: Record<string, unknown>): { zh: string; en: string; source?: Source };
  check(ctx: RuleContext): void;
}

/** What a finding cites (RULES.md §6): the rule book shipped in docs/规则说明.md, or a public document. */
export interface Source {
  zh: string;
  en: string;
  /** Cited only under the `beijing` profile (Fengtai notes); other profiles cite `fallback`. */
  beijingOnly?: boolean;
  fallback?: { zh: string; en: string };
}

const MOF = {
  zh: '《项目支出绩效评价管理办法》（财预〔2020〕10号）',
  en: 'MOF Measures for project expenditure performance evaluation (Caiyu [2020] No. 10)',
};
const BOOK = (s: string) => ({ zh: `《规则说明》${s}`, en: `Rule book ${s}` });

export const SRC = {
  /** 财预〔2020〕10号 and the rule book section that applies it. */
  national: (s: string): Source => ({ zh: `${MOF.zh}；${BOOK(s).zh}`, en: `${MOF.en}; ${BOOK(s).en}` }),
  /** The Fengtai notes (seed 000) under `beijing`; 财预〔2020〕10号 and the rule book elsewhere. */
  fengtai: (n: number, s: string): Source => ({
    zh: `丰台区自评表填报注意事项第${n}条；${BOOK(s).zh}`,
    en: `Fengtai self-evaluation filing notes, item ${n}; ${BOOK(s).en}`,
    beijingOnly: true,
    fallback: SRC.national(s),
  }),
  /** The rule book shipped with the product (docs/规则说明.md). */
  rules: (s: string): Source => BOOK(s),
};

/** The source a finding cites under a profile. */
export function citedSource(src: Source, profileName: string): { zh: string; en: string } {
  if (src.beijingOnly && profileName !== 'beijing' && src.fallback) return src.fallback;
  return { zh: src.zh, en: src.en };
}

/** 94.15 → "94.15", 10 → "10", null → "—". */
export function n(x: unknown): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '—';
  const r = roundHalfUp(x, 2);
  return String(Number(r.toFixed(2)));
}

export function pct(x: unknown): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '—';
  return `${roundHalfUp(x * 100, 2).toFixed(2)}%`;
}

export function defineRule(r: Rule): Rule {
  return r;
}

// ---------------------------------------------------------------------------
// Rules on a Word report's text (RULES.md §7): they see one part of the report (its paragraphs'
// figures and, when the part holds exactly one self-evaluation table, that table's figures).
// ---------------------------------------------------------------------------

export interface TextAt {
  /** The statement the finding is on. */
  figure: import('../sentences').StatedFigure | { paragraph: number; quote: string };
  /** The table cell it disagrees with, if any. */
  tableCell?: string | null;
}

export interface TextRuleContext {
  part: import('../document').ReportPart;
  profile: Profile;
  report(at: TextAt, data?: Record<string, unknown>): void;
}

export interface TextRule {
  id: RuleId;
  severity(profile: Profile): Severity;
  source: { zh: string; en: string };
  message(d: Record<string, unknown>): { zh: string; en: string };
  check(ctx: TextRuleContext): void;
}

export function defineTextRule(r: TextRule): TextRule {
  return r;
}

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
  source: { zh: string; en: string };
  /** Text of one finding; `source` overrides the rule's source for this finding. */
  message(d: Record<string, unknown>): { zh: string; en: string; source?: { zh: string; en: string } };
  check(ctx: RuleContext): void;
}

export const SRC = {
  national: {
    zh: '《项目支出绩效评价管理办法》（财预〔2020〕10号）',
    en: 'MOF Measures for project expenditure performance evaluation (Caiyu [2020] No. 10)',
  },
  fengtai: (n: number) => ({ zh: `丰台区自评表填报注意事项第${n}条`, en: `Fengtai self-evaluation filing notes, item ${n}` }),
  rules: (s: string) => ({ zh: `规则说明 ${s}`, en: `RULES.md ${s}` }),
};

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

// Reading numbers, operators, units and qualitative values out of cells (RULES.md §3).
import type { CellValue, CellError } from './types';

export function isCellError(v: CellValue | undefined): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'error' in v;
}

const hasNormalize = typeof ''.normalize === 'function';

/** Full-width ASCII → half-width: the part of NFKC that tables need, for engines without String.normalize (Trident). */
export function foldWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** NFKC (full-width → half-width), no whitespace of any kind. */
// Labels repeat across tables and sheets: short texts are normalised once (bounded, so memory stays flat).
const MEMO = new Map<string, string>();
const MEMO_MAX = 20000;

export function normalizeText(s: string): string {
  const hit = MEMO.get(s);
  if (hit !== undefined) return hit;
  const out = (hasNormalize ? s.normalize('NFKC') : foldWidth(s)).replace(/[\s\u00a0\u3000\u200b]+/g, '');
  if (s.length <= 64) {
    if (MEMO.size >= MEMO_MAX) MEMO.clear();
    MEMO.set(s, out);
  }
  return out;
}

export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return v.error;
}

const DASHES = /^[-—–－_/\\无]+$|^(n\/?a|null)$/i;

/** Blank, whitespace, or a placeholder dash ("—", "-", "/"). */
export function isBlank(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  if (v.length > 8) return false; // longer than any placeholder
  const t = normalizeText(v);
  return t === '' || DASHES.test(t);
}

export function isPercentFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  // ignore % inside quotes or escaped
  return /%/.test(fmt.replace(/"[^"]*"/g, '').replace(/\\%/g, ''));
}

export interface ParsedNumber {
  value: number;
  /** Unit suffix as written ('%', '万元', '个月' …), null when none. */
  unit: string | null;
}

// number, optional thousands separators, optional exponent
const NUM_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?(?:[eE]([+-]?\d+))?/;

/**
 * Reads a number from a cell: real numbers, numeric text ("1,964.32", full-width digits),
 * a number with a unit ("10万元", "95%"). A cell formatted with % holds a fraction:
 * 0.95 with "0%" reads as 95 with unit '%'. Returns null for blanks, errors and text.
 */
export function parseNumber(v: CellValue | undefined, fmt?: string | null): ParsedNumber | null {
  if (v === null || v === undefined || isCellError(v) || typeof v === 'boolean' || v instanceof Date) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    if (isPercentFormat(fmt)) return { value: fixFloat(v * 100), unit: '%' };
    return { value: v, unit: null };
  }
  const t = normalizeText(v).replace(/^[约≈]/, '');
  if (t === '') return null;
  const m = NUM_RE.exec(t);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const numText = (m[2] ?? '0').replace(/,/g, '') + (m[3] ?? '') + (m[4] !== undefined ? `e${m[4]}` : '');
  let value = Number(numText);
  if (!Number.isFinite(value)) return null;
  if (m[1] === '-') value = -value;
  const rest = t.slice(m[0].length);
  if (rest === '') return { value, unit: null };
  if (!isUnitSuffix(rest)) return null;
  return { value, unit: rest };
}

function fixFloat(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/** A unit is a short run of non-digit characters (万元, 个月, %, 人次, 次/年). */
function isUnitSuffix(s: string): boolean {
  return s.length <= 6 && !/[\d.]/.test(s);
}

export type Op = '>=' | '<=' | '=';

/** Operator from a 指标性质 cell: symbols, full-width forms, words, 正向/反向. */
export function parseOperatorCell(v: CellValue | undefined, norm?: string): Op | 'qualitative' | null {
  const t = norm ?? normalizeText(cellText(v ?? null));
  if (t === '') return null;
  if (/定性/.test(t)) return 'qualitative';
  const lead = leadingOperator(t);
  if (lead && lead.rest === '') return lead.op;
  if (/^正向/.test(t)) return '>=';
  if (/^反向/.test(t)) return '<=';
  if (/定量/.test(t)) return null;
  return lead ? lead.op : null;
}

const SYMBOL_OPS: [RegExp, Op][] = [
  [/^(>=|=>|≥|≧|>|大于等于|大于或等于|不低于|不少于|不小于|至少|高于|大于|超过)/, '>='],
  [/^(<=|=<|≤|≦|<|小于等于|小于或等于|不高于|不超过|不多于|不大于|至多|低于|小于|少于)/, '<='],
  [/^(==|=|═|等于)/, '='],
];

function leadingOperator(t: string): { op: Op; rest: string } | null {
  for (const [re, op] of SYMBOL_OPS) {
    const m = re.exec(t);
    if (m) return { op, rest: t.slice(m[0].length) };
  }
  return null;
}

export interface ParsedValue {
  /** Operator written in the cell, if any. */
  operator: Op | null;
  number: ParsedNumber | null;
  /** The cell's text, normalised (for qualitative comparison). */
  text: string;
  blank: boolean;
  error: boolean;
}

/**
 * Reads a target or actual value: "≥90%", "＞＝90", "≧90", "不低于90%", "≤3个月", "=100%",
 * "90%以上", "3个月以内", plain numbers, or qualitative text (是, 优, 达成 …).
 */
export function parseValue(v: CellValue | undefined, fmt?: string | null, norm?: string): ParsedValue {
  if (typeof v === 'number') return { operator: null, number: parseNumber(v, fmt), text: String(v), blank: false, error: false };
  const blank = isBlank(v);
  const error = isCellError(v);
  if (blank || error) return { operator: null, number: null, text: '', blank, error };
  const t = norm ?? normalizeText(cellText(v ?? null));
  let operator: Op | null = null;
  let body = t;
  const lead = leadingOperator(t);
  if (lead && lead.rest !== '') {
    operator = lead.op;
    body = lead.rest;
  } else {
    // "9月前" is done by September: ≤ 9 月
    const m = /(以上|及以上|以内|以下|及以下|之内|之前|以前|前)$/.exec(t);
    if (m) {
      operator = m[1].includes('上') ? '>=' : '<=';
      body = t.slice(0, -m[1].length);
    }
  }
  const number = parseNumber(body, fmt);
  return { operator: number ? operator : null, number, text: t, blank, error };
}

// ---- units ----

interface UnitInfo {
  family: string;
  factor: number;
}

const UNITS: Record<string, UnitInfo> = {
  元: { family: 'money', factor: 1 },
  万元: { family: 'money', factor: 1e4 },
  亿元: { family: 'money', factor: 1e8 },
  万: { family: 'money?', factor: 1e4 },
  天: { family: 'time', factor: 1 },
  日: { family: 'time', factor: 1 },
  个工作日: { family: 'workday', factor: 1 },
  工作日: { family: 'workday', factor: 1 },
  月: { family: 'time', factor: 30 },
  个月: { family: 'time', factor: 30 },
};

export function normalizeUnit(u: string | null | undefined): string | null {
  if (u === null || u === undefined) return null;
  const t = normalizeText(u).replace(/^[（(](.*)[）)]$/, '$1');
  if (t === '' || DASHES.test(t)) return null;
  return t;
}

/**
 * Converts `value` from unit `from` to unit `to`. Same or missing units pass through.
 * Returns null when the units differ and do not convert.
 */
export function convertUnit(value: number, from: string | null, to: string | null): number | null {
  const f = normalizeUnit(from);
  const t = normalizeUnit(to);
  if (f === null || t === null || f === t) return value;
  const a = UNITS[f];
  const b = UNITS[t];
  if (!a || !b || a.family !== b.family) return null;
  return fixFloat((value * a.factor) / b.factor);
}

// ---- qualitative ----

export type QualStatus = 'achieved' | 'partial' | 'not' | 'unrated';

const SCALES: string[][] = [
  ['优', '良', '中', '差'],
  ['优秀', '良好', '中等', '差'],
  ['好', '较好', '一般', '差'],
  ['高', '较高', '一般', '低'],
];

const ACHIEVED = /^(达成|已达成|完成|已完成|达到|已达到|全部完成|是|有效|满足|符合|合格|实现|已实现|达标|有|通过|正常|按时完成|及时)$/;
const PARTIAL = /^(部分达成|部分完成|基本完成|基本达成|基本达到|基本实现|基本符合|基本满足|部分实现|较好|基本)$/;
const NOT = /^(未达成|未完成|未达到|否|未实现|无效|不符合|不合格|不满足|无|未通过|未开展)$/;

/** Rates a qualitative actual against its target (§4.4). */
export function rateQualitative(target: string, actual: string): QualStatus {
  const a = normalizeText(actual);
  const t = normalizeText(target);
  if (a === '') return 'unrated';
  if (t === '是' || t === '否') return a === t ? 'achieved' : NOT.test(a) || a === '是' || a === '否' ? 'not' : wordStatus(a);
  for (const scale of SCALES) {
    const ti = scale.indexOf(t);
    const ai = scale.indexOf(a);
    if (ti >= 0 && ai >= 0) {
      const gap = ai - ti;
      return gap <= 0 ? 'achieved' : gap === 1 ? 'partial' : 'not';
    }
  }
  if (a === t) return 'achieved';
  return wordStatus(a);
}

function wordStatus(a: string): QualStatus {
  // the national template's three words: 达成预期指标 / 部分达成预期指标(并具有一定效果) / 未达成预期指标(且效果较差)
  if (/^(未达成|未完成|未达到|未实现)预期/.test(a)) return 'not';
  if (/^(部分达成|部分完成|基本达成|基本完成|基本实现)预期/.test(a)) return 'partial';
  if (/^(已)?(达成|完成|达到|实现)预期(指标|目标)(值)?$/.test(a)) return 'achieved';
  if (PARTIAL.test(a)) return 'partial';
  if (NOT.test(a)) return 'not';
  if (ACHIEVED.test(a)) return 'achieved';
  for (const scale of SCALES) {
    const i = scale.indexOf(a);
    if (i === 0) return 'achieved';
  }
  return 'unrated';
}

/** Half-up rounding that survives binary floats (1.005 → 1.01). */
export function roundHalfUp(x: number, digits = 2): number {
  const f = 10 ** digits;
  const y = Math.abs(x) * f;
  if (!Number.isFinite(y)) return x; // beyond 2-decimal precision anyway
  // the tolerance absorbs binary representation error (1.005 × 100 = 100.49999999999999)
  const r = Math.floor(y + 0.5 + y * 1e-13 + 1e-9) / f;
  return x < 0 ? -r : r;
}

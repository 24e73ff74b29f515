// Figures stated in a report's sentences (RULES.md §7): budget, spending, execution rate, score, grade,
// and sentences that list parts adding up to a total. The words are data (report-vocab.ts).
import type { DocParagraph } from './types';
import { AMOUNT_SUFFIXES, CLAUSE_END, FIGURE_WORDS, GRADE_WORDS, LINK_WORDS, PART_NOT_LABELS, SENTENCE_MARKS, TOTAL_WORDS } from './report-vocab';
import type { FigureKind, FigureWords } from './report-vocab';
import { normalizeText } from './values';
import { toWan, type AmountUnit } from './units';

export type { FigureKind } from './report-vocab';

export interface StatedFigure {
  kind: FigureKind;
  /** 1-based paragraph number ("第N段"). */
  paragraph: number;
  /** Amounts in 万元, a rate as a fraction (0.79), a score in points, a grade as 优/良/中/差. */
  value: number | string;
  /** Half a unit of the last digit written, in `value`'s unit: "79%" → 0.005, "93.9分" → 0.05. 0 for a grade. */
  tolerance: number;
  /** The statement as written (normalised): "支出实现率79%", "自评得分93.9分". */
  text: string;
  /** The sentence it stands in, as written. */
  quote: string;
  /** A score word naming a total (总分, 总绩效, 自评得分 …): a list of parts before it adds up to it. */
  isTotal?: boolean;
}

export interface StatedPart {
  label: string;
  value: number;
  text: string;
}

/** A sentence listing parts and their total ("投入绩效为5分，…，总绩效为94分"). */
export interface StatedSum {
  paragraph: number;
  parts: StatedPart[];
  total: StatedFigure;
  quote: string;
}

export interface ParagraphFigures {
  figures: StatedFigure[];
  sums: StatedSum[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join('|');

const NUM = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const LINK = `(?:${alt(LINK_WORDS)}|:)*`;
const QUOTE = `["“”'‘’「」『』]?`;
const GRADE = alt(Object.keys(GRADE_WORDS));

function figureRegex(e: FigureWords): RegExp {
  const w = `(${alt(e.words)})`;
  switch (e.unit) {
    case 'amount':
      return new RegExp(`${w}(?:${alt(AMOUNT_SUFFIXES)})?${LINK}${NUM}(万元|亿元|元)`, 'g');
    case 'percent':
      return new RegExp(`${w}${LINK}${NUM}%`, 'g');
    case 'points':
      return new RegExp(`${w}${LINK}${NUM}分`, 'g');
    case 'grade':
      // "等级为“优”" and "为优秀等级"
      return new RegExp(`${w}${LINK}${QUOTE}(${GRADE})${QUOTE}|${QUOTE}(${GRADE})${QUOTE}(${alt(e.words)})`, 'g');
  }
}

const REGEXES = FIGURE_WORDS.map((e) => ({ e, re: figureRegex(e) }));
const TOTALS = new Set(TOTAL_WORDS);

const decimalsOf = (num: string) => (num.includes('.') ? num.length - num.indexOf('.') - 1 : 0);
const half = (decimals: number) => 0.5 * 10 ** -decimals;
const toNumber = (num: string) => Number(num.replace(/,/g, ''));

/** The clause before `at` (back to the last clause mark) holds a word that makes it about something else. */
function aboutOther(s: string, at: number, notAbout: readonly string[]): boolean {
  let start = at;
  while (start > 0 && !CLAUSE_END.test(s[start - 1])) start--;
  const before = s.slice(start, at);
  return notAbout.some((w) => before.includes(w));
}

/** After 其中 in the same sentence, amounts are parts of the one stated before. */
const afterQizhong = (s: string, at: number) => s.slice(0, at).includes('其中');

/** Sentences of a paragraph: the original text (for quotes) and its normalised form. */
function sentencesOf(text: string): { raw: string; norm: string }[] {
  const out: { raw: string; norm: string }[] = [];
  // split the original on the full- and half-width ends, keeping the mark with its sentence
  for (const raw of text.replace(SENTENCE_MARKS, '$1\u0000').split('\u0000')) {
    const r = raw.trim();
    if (!r) continue;
    out.push({ raw: r, norm: normalizeText(r) });
  }
  return out;
}

const shortQuote = (s: string, max = 80) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function readSentence(paragraph: number, raw: string, s: string): ParagraphFigures {
  const figures: StatedFigure[] = [];
  const quote = shortQuote(raw);
  for (const { e, re } of REGEXES) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (aboutOther(s, m.index, e.notAbout)) continue;
      const base = { kind: e.kind, paragraph, text: m[0], quote };
      if (e.unit === 'grade') {
        const word = m[2] ?? m[3];
        figures.push({ ...base, value: GRADE_WORDS[word], tolerance: 0 });
        continue;
      }
      const num = m[2];
      const d = decimalsOf(num);
      const v = toNumber(num);
      if (e.unit === 'amount') {
        if (afterQizhong(s, m.index)) continue;
        const unit = m[3] as AmountUnit;
        figures.push({ ...base, value: toWan(v, unit) as number, tolerance: toWan(half(d), unit) as number });
      } else if (e.unit === 'percent') {
        figures.push({ ...base, value: v / 100, tolerance: half(d) / 100 });
      } else {
        figures.push({ ...base, value: v, tolerance: half(d), ...(TOTALS.has(m[1]) ? { isTotal: true } : {}) });
      }
    }
  }
  return { figures, sums: readSums(paragraph, quote, s, figures) };
}

const PART = new RegExp(`^([\\u4e00-\\u9fff]{2,12}?)(?:为|得|是)?${NUM}分$`);

/** A sentence whose clauses list "label N分" parts right before a total score clause. */
function readSums(paragraph: number, quote: string, s: string, figures: StatedFigure[]): StatedSum[] {
  const totals = figures.filter((f) => f.kind === 'score' && f.isTotal);
  if (!totals.length) return [];
  // weights in brackets ("预算配置(5分)") are not parts
  const clauses = s
    .replace(/\([^()]*\)/g, '')
    .split(CLAUSE_END)
    .filter((c) => c !== '');
  const out: StatedSum[] = [];
  for (const total of totals) {
    const at = clauses.findIndex((c) => c.endsWith(total.text));
    if (at < 2) continue;
    const parts: StatedPart[] = [];
    for (let i = at - 1; i >= 0; i--) {
      const m = PART.exec(clauses[i]);
      if (!m || PART_NOT_LABELS.some((w) => m[1].includes(w))) break;
      parts.unshift({ label: m[1], value: toNumber(m[2]), text: clauses[i] });
    }
    if (parts.length >= 2) out.push({ paragraph, parts, total, quote });
  }
  return out;
}

/** Every figure and every list of parts stated in one paragraph. */
export function readParagraph(p: DocParagraph): ParagraphFigures {
  const figures: StatedFigure[] = [];
  const sums: StatedSum[] = [];
  for (const { raw, norm } of sentencesOf(p.text)) {
    const r = readSentence(p.index, raw, norm);
    figures.push(...r.figures);
    sums.push(...r.sums);
  }
  return { figures, sums };
}

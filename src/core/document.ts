// A Word report (RULES.md §7): its tables go through the engine like sheets; its sentences are read for
// the figures they state; the text rules compare the two. A document holding several reports (a
// project report, its table, then a department report…) is cut into parts at each report title:
// a part's text is compared only with a table of the same part.
import type { AnalyzeOptions, DocBlock, DocParagraph, DocumentResult, Lang, RuleId, Severity, SheetGrid, TableResult, TextFinding } from './types';
import { analyzeWorkbook } from './engine';
import { resolveProfile, type Profile } from './profile';
import { readParagraph, type ParagraphFigures, type StatedFigure, type StatedSum } from './sentences';
import { REPORT_TITLE } from './report-vocab';
import { TEXT_RULES } from './rules';
import type { TextRule } from './rules/rule';
import { parseA1 } from './address';
import { normalizeText, parseNumber, cellText, isBlank } from './values';
import { toWan } from './units';

export interface TableFigure {
  value: number | string;
  cell: string | null;
}

/** The figures of the one table a part's text is compared with. */
export interface TableFigures {
  /** Index in DocumentResult.tables. */
  index: number;
  /** 表N. */
  name: string;
  /** Amounts in 万元, the rate as a fraction. */
  budget: TableFigure | null;
  spent: TableFigure | null;
  rate: TableFigure | null;
  score: TableFigure | null;
  grade: TableFigure | null;
}

export interface ReportPart {
  index: number;
  paragraphs: DocParagraph[];
  figures: StatedFigure[];
  sums: StatedSum[];
  /** Recognised self-evaluation tables in the part (indexes in DocumentResult.tables). */
  tables: number[];
  /** The table the text is compared with: the part's only recognised table, else none. */
  table: TableFigures | null;
}

const isTitle = (p: DocParagraph) => {
  const t = normalizeText(p.text);
  return t.length <= 40 && REPORT_TITLE.test(t);
};

function valueAt(grid: SheetGrid, cell: string | null): { num: number | null; text: string | null } {
  const p = cell ? parseA1(cell) : null;
  if (!p) return { num: null, text: null };
  const v = grid.values[p.row - grid.top]?.[p.col - grid.left] ?? null;
  if (isBlank(v)) return { num: null, text: null };
  const n = parseNumber(v, grid.formats?.[p.row - grid.top]?.[p.col - grid.left]);
  return { num: n ? n.value : null, text: cellText(v).trim() };
}

const GRADE_OF_TEXT: Record<string, string> = { 优秀: '优', 良好: '良', 合格: '中', 不合格: '差', 优: '优', 良: '良', 中: '中', 差: '差' };

/** The table's figures: computed where the engine computes them, else as entered. */
export function tableFigures(t: TableResult, index: number, grid: SheetGrid | undefined): TableFigures {
  const f = t.funds;
  const unit = t.amountUnit ?? null;
  const amount = (v: number | null | undefined, cell: string | null | undefined): TableFigure | null =>
    v === null || v === undefined ? null : { value: toWan(v, unit) as number, cell: cell ?? null };
  let rate: TableFigure | null = null;
  if (f) {
    if (f.budget !== null && f.spent !== null && f.budget > 0 && f.spent >= 0) rate = { value: f.spent / f.budget, cell: f.rateCell };
    else if (f.executionRate !== null) rate = { value: f.executionRate, cell: f.rateCell };
    else if (grid && f.rateCell) {
      const e = valueAt(grid, f.rateCell);
      // an entered rate reads 79.47 with unit % (text) or as a fraction formatted % (parseNumber gives 79.47)
      if (e.num !== null) rate = { value: e.num / 100, cell: f.rateCell };
    }
  }
  let score: TableFigure | null = t.total === null ? null : { value: t.total, cell: t.totalCell };
  if (!score && grid && t.totalCell) {
    const e = valueAt(grid, t.totalCell);
    if (e.num !== null) score = { value: e.num, cell: t.totalCell };
  }
  let grade: TableFigure | null = t.grade === null ? null : { value: t.grade, cell: t.gradeCell };
  if (!grade && grid && t.gradeCell) {
    const e = valueAt(grid, t.gradeCell);
    const g = e.text ? GRADE_OF_TEXT[normalizeText(e.text)] : undefined;
    if (g) grade = { value: g, cell: t.gradeCell };
  }
  return {
    index,
    name: t.sheet,
    budget: amount(f?.budget, f?.budgetCell),
    spent: amount(f?.spent, f?.spentCell),
    rate,
    score,
    grade,
  };
}

/** Cuts the body into parts at report titles (a title starts a new part once the current one has a table or a figure). */
export function reportParts(blocks: DocBlock[]): { paragraphs: DocParagraph[]; grids: string[]; read: ParagraphFigures[] }[] {
  const parts: { paragraphs: DocParagraph[]; grids: string[]; read: ParagraphFigures[]; figures: number }[] = [
    { paragraphs: [], grids: [], read: [], figures: 0 },
  ];
  for (const b of blocks) {
    let cur = parts[parts.length - 1];
    if (b.kind === 'table') {
      cur.grids.push(b.grid.name);
      continue;
    }
    if (isTitle(b.paragraph) && (cur.grids.length || cur.figures)) {
      cur = { paragraphs: [], grids: [], read: [], figures: 0 };
      parts.push(cur);
    }
    const r = readParagraph(b.paragraph);
    cur.paragraphs.push(b.paragraph);
    cur.read.push(r);
    cur.figures += r.figures.length;
  }
  return parts.map(({ paragraphs, grids, read }) => ({ paragraphs, grids, read }));
}

function runTextRules(part: ReportPart, profile: Profile, disabled: Set<string>, lang: Lang, tables: TableResult[]): TextFinding[] {
  const out: TextFinding[] = [];
  const seen = new Set<string>();
  for (const rule of TEXT_RULES as readonly TextRule[]) {
    if (disabled.has(rule.id)) continue;
    const severity = (profile.severities?.[rule.id] as Severity | undefined) ?? rule.severity(profile);
    rule.check({
      part,
      profile,
      report(at, data = {}) {
        const tableCell = at.tableCell ?? null;
        const key = `${rule.id}@${at.figure.paragraph}:${'text' in at.figure ? at.figure.text : ''}:${tableCell ?? ''}`;
        if (seen.has(key)) return;
        seen.add(key);
        const msg = rule.message({ ...data, paragraph: at.figure.paragraph });
        const zh = `${msg.zh}（依据：${rule.source.zh}）`;
        const en = `${msg.en} (per ${rule.source.en})`;
        const ti = tableCell !== null && part.table ? part.table.index : null;
        out.push({
          rule: rule.id as RuleId,
          severity,
          cell: null,
          where: lang === 'en' ? `paragraph ${at.figure.paragraph}` : `第${at.figure.paragraph}段`,
          paragraph: at.figure.paragraph,
          quote: at.figure.quote,
          table: ti === null ? null : tables[ti].sheet,
          tableCell,
          tableIndex: ti,
          message: lang === 'en' ? en : zh,
          messageZh: zh,
          messageEn: en,
        });
      },
    });
  }
  return out;
}

/** Checks a Word report: every table as a sheet (§2–§6), and the text against its table (§7). Writes nothing. */
export function analyzeDocument(blocks: DocBlock[], options: AnalyzeOptions = {}): DocumentResult {
  const profile = resolveProfile(options.profile);
  const lang: Lang = options.lang ?? 'zh';
  const disabled = new Set<string>([...(profile.disabledRules ?? []), ...(options.disabledRules ?? [])]);
  const grids = blocks.flatMap((b) => (b.kind === 'table' ? [b.grid] : []));
  const gridByName = new Map(grids.map((g) => [g.name, g]));
  const analysis = analyzeWorkbook(grids, { ...options, profile, marks: false });
  const tables = analysis.tables;
  const figures: StatedFigure[] = [];
  const textFindings: TextFinding[] = [];
  let paragraphs = 0;
  reportParts(blocks).forEach((p, i) => {
    const names = new Set(p.grids);
    const inPart = tables.flatMap((t, k) => (names.has(t.sheet) && !t.notFilled ? [k] : []));
    const read = p.read;
    const part: ReportPart = {
      index: i,
      paragraphs: p.paragraphs,
      figures: read.flatMap((r) => r.figures),
      sums: read.flatMap((r) => r.sums),
      tables: inPart,
      table: inPart.length === 1 ? tableFigures(tables[inPart[0]], inPart[0], gridByName.get(tables[inPart[0]].sheet)) : null,
    };
    paragraphs += p.paragraphs.length;
    figures.push(...part.figures);
    textFindings.push(...runTextRules(part, profile, disabled, lang, tables));
  });
  textFindings.sort((a, b) => a.paragraph - b.paragraph);
  return { tables, findings: analysis.findings, textFindings, figures, paragraphs };
}

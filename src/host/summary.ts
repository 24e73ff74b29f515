// Host-neutral deciding for the summary sheet 绩效自评汇总 (the department's 项目支出绩效自评汇总表):
// its rows (amounts in 万元 before the 合计), its layout (formats, bold, fill, merges, links), whether an
// existing sheet of that name is the add-in's, and what a run does. No host I/O: src/office/summary.ts
// and src/wps/summary.ts read, call these, and move the cells, so the two hosts build the same sheet.
import type { Lang, TableResult } from '../core/types';
import { parseRangeA1, a1 } from '../core/address';
import { toWan } from '../core/units';
import { t, type OutcomeText } from '../ui-strings';
import type { RunStatus } from './outcome';

export const SUMMARY_SHEET = '绩效自评汇总';
/** The setting (Excel) or document property (WPS) that says the add-in made the sheet. */
export const SUMMARY_KEY = 'ziping.summary';

export type SummaryStatus = 'ok' | 'no-table' | 'name-taken' | 'workbook-protected' | 'removed' | 'nothing-to-remove' | 'error';

export interface SummaryOutcome {
  status: SummaryStatus;
  /** Tables listed. */
  tables: number;
  sheet: string;
  error?: string;
}

/** Column order of the summary (keys of the UI strings). */
export const SUMMARY_COLUMNS = [
  'sumNo',
  'sumSheet',
  'sumProject',
  'sumKind',
  'sumBudget',
  'sumSpent',
  'rate',
  'total',
  'grade',
  'error',
  'warning',
  'sumLink',
] as const;
/** Number format of each column on the table rows (title, subtitle and header stay General). */
export const SUMMARY_FORMATS = ['0', 'General', 'General', 'General', '#,##0.00', '#,##0.00', '0.00%', '0.00', 'General', '0', '0', 'General'];
export const SUMMARY_HEADER_FILL = '#DDEBF7';
/** Rows above the first table: title, subtitle, header. */
export const SUMMARY_HEAD_ROWS = 3;

export type SummaryCell = string | number;

export function firstCell(tb: TableResult): string {
  const r = parseRangeA1(tb.range);
  return r ? a1(r.top, r.left) : 'A1';
}

/** 'Sheet name'!A1 for a document reference. */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

function kindText(lang: Lang, tb: TableResult): string {
  return t(lang, tb.kind === 'project' ? 'kindProject' : tb.kind === 'department' ? 'kindDepartment' : 'kindRubric');
}

function stampOf(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}:${p(at.getMinutes())}`;
}

/** The summary's rows: title, subtitle, header, one per table, 合计. */
export function summaryRows(tables: TableResult[], lang: Lang, profileLabel: string, at: Date): SummaryCell[][] {
  const rows: SummaryCell[][] = [];
  const blank = () => SUMMARY_COLUMNS.map(() => '' as SummaryCell);
  const title = blank();
  title[0] = t(lang, 'sumTitle');
  rows.push(title);
  const sub = blank();
  sub[0] = t(lang, 'sumSubtitle', { at: stampOf(at), profile: profileLabel, tables: tables.length });
  rows.push(sub);
  rows.push(SUMMARY_COLUMNS.map((k) => t(lang, k)));
  let budget = 0;
  let spent = 0;
  let both = 0;
  let errors = 0;
  let warnings = 0;
  tables.forEach((tb, i) => {
    const e = tb.findings.filter((f) => f.severity === 'error').length;
    const w = tb.findings.filter((f) => f.severity === 'warning').length;
    errors += e;
    warnings += w;
    // amounts in 万元 whatever unit the table states (RULES.md §3), so the 合计 adds like with like
    const b = toWan(tb.funds?.budget, tb.amountUnit);
    const s = toWan(tb.funds?.spent, tb.amountUnit);
    if (b !== null && s !== null) {
      budget += b;
      spent += s;
      both++;
    }
    rows.push([
      i + 1,
      tb.sheet,
      tb.projectName ?? t(lang, 'unnamed'),
      kindText(lang, tb),
      b ?? '',
      s ?? '',
      tb.funds?.executionRate ?? '',
      // weights that do not add up: "—", not a blank (§4.5)
      tb.total ?? (tb.withheldTotal !== undefined ? '—' : ''),
      tb.grade ?? (tb.withheldTotal !== undefined ? '—' : ''),
      e,
      w,
      `${tb.sheet}!${firstCell(tb)}`,
    ]);
  });
  const sum = blank();
  sum[0] = t(lang, 'sumTotal');
  if (both) {
    sum[4] = budget;
    sum[5] = spent;
    if (budget > 0) sum[6] = spent / budget;
  }
  sum[9] = errors;
  sum[10] = warnings;
  rows.push(sum);
  return rows;
}

/** A link from the summary to a table's first cell. */
export interface SummaryLink {
  /** 0-based row and column in the summary sheet. */
  row: number;
  col: number;
  /** 'Sheet'!A1 */
  documentReference: string;
  text: string;
  tip: string;
}

/** Everything a host writes, in 0-based sheet coordinates. */
export interface SummaryLayout {
  rows: SummaryCell[][];
  cols: number;
  /** Per cell number format (rows below the header take the column's, others General). */
  formats: string[][];
  /** Rows whose every cell is bold: the header and the 合计; the title cell A1 is bold too. */
  boldRows: number[];
  boldCells: { row: number; col: number }[];
  /** The header row's fill. */
  fill: { row: number; color: string };
  /** Rows merged across all columns (title and subtitle). */
  mergedRows: number[];
  links: SummaryLink[];
  /** Rows whose columns are fitted to their contents: from the header to the 合计. */
  autofitRows: { start: number; count: number };
}

export function summaryLayout(tables: TableResult[], lang: Lang, profileLabel: string, at: Date): SummaryLayout {
  const rows = summaryRows(tables, lang, profileLabel, at);
  const cols = SUMMARY_COLUMNS.length;
  return {
    rows,
    cols,
    formats: rows.map((row, r) => row.map((_, c) => (r >= SUMMARY_HEAD_ROWS ? SUMMARY_FORMATS[c] : 'General'))),
    boldRows: [SUMMARY_HEAD_ROWS - 1, rows.length - 1],
    boldCells: [{ row: 0, col: 0 }],
    fill: { row: SUMMARY_HEAD_ROWS - 1, color: SUMMARY_HEADER_FILL },
    mergedRows: [0, 1],
    links: tables.map((tb, i) => {
      const cell = firstCell(tb);
      return {
        row: SUMMARY_HEAD_ROWS + i,
        col: cols - 1,
        documentReference: sheetRef(tb.sheet, cell),
        text: `${tb.sheet}!${cell}`,
        tip: t(lang, 'sumLinkTip'),
      };
    }),
    autofitRows: { start: SUMMARY_HEAD_ROWS - 1, count: rows.length - (SUMMARY_HEAD_ROWS - 1) },
  };
}

/** The sheet's title and header row (A1:L3 as values) as the add-in writes them, in either language. */
export function isSummaryLayout(values: unknown[][]): boolean {
  return (['zh', 'en'] as Lang[]).some(
    (lang) => String(values[0]?.[0] ?? '') === t(lang, 'sumTitle') && SUMMARY_COLUMNS.every((k, c) => String(values[2]?.[c] ?? '') === t(lang, k)),
  );
}

/** The mark's sheet id (Excel: Worksheet.id of this session), or null. */
export function summaryMarkId(value: unknown): string | null {
  try {
    const v = typeof value === 'string' ? JSON.parse(value) : value;
    return typeof v?.id === 'string' ? v.id : null;
  } catch {
    return null;
  }
}

/** The mark's text; WPS has no sheet ids, so it keeps the time only. */
export function summaryMark(at: Date, id?: string): string {
  return JSON.stringify(id === undefined ? { at: at.toISOString() } : { id, at: at.toISOString() });
}

/**
 * Whether an existing 绩效自评汇总 is the add-in's: marked, and either the mark names the sheet's id
 * (Excel, same session: no read needed) or the sheet still has the add-in's title and header.
 */
export function ownsSummary(o: {
  exists: boolean;
  marked: boolean;
  markId?: string | null;
  sheetId?: string | null;
  head?: () => unknown[][] | null;
}): boolean {
  if (!o.exists || !o.marked) return false;
  if (o.markId && o.sheetId && o.markId === o.sheetId) return true;
  const head = o.head?.();
  return !!head && isSummaryLayout(head);
}

/** What a 生成汇总表 does, once the host knows these: a status to report, or write (deleting ours first). */
export function decideSummary(o: {
  exists: boolean;
  ours: boolean;
  workbookProtected: boolean;
  tables: number;
}): { status: Exclude<SummaryStatus, 'ok' | 'removed' | 'nothing-to-remove' | 'error'> } | { status: 'ok'; replace: boolean } {
  if (o.exists && !o.ours) return { status: 'name-taken' };
  if (o.workbookProtected) return { status: 'workbook-protected' };
  if (!o.tables) return { status: 'no-table' };
  return { status: 'ok', replace: o.exists };
}

/** What 清除标记 does with the summary: remove ours, forget a mark whose sheet is gone, or nothing. */
export function decideRemove(o: {
  exists: boolean;
  marked: boolean;
  ours: boolean;
  workbookProtected: boolean;
}): 'remove' | 'forget-mark' | 'protected' | 'nothing' {
  if (!o.ours) return o.marked && !o.exists ? 'forget-mark' : 'nothing';
  return o.workbookProtected ? 'protected' : 'remove';
}

/** 清除标记's text once the summary sheet was dealt with. */
export function restoreSummaryText(text: OutcomeText, restoreStatus: RunStatus, summary: SummaryOutcome, lang: Lang): OutcomeText {
  if (summary.status === 'nothing-to-remove') return text;
  const note =
    summary.status === 'removed'
      ? t(lang, 'summaryRemoved', { sheet: summary.sheet })
      : summary.status === 'workbook-protected'
        ? t(lang, 'summaryProtected')
        : t(lang, 'summaryFailed', { error: summary.error ?? '' });
  if (restoreStatus === 'nothing-to-restore') return { ...text, message: note, intent: summary.status === 'removed' ? 'success' : 'warning' };
  return { ...text, message: `${text.message} ${note}` };
}

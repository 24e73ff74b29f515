// The workbook summary sheet 绩效自评汇总 (the department's 项目支出绩效自评汇总表): one row per
// recognised table, rebuilt on each click, never touching any other sheet. Ours is known by the
// setting `ziping.summary` plus either its worksheet id (same session) or, because Worksheet.id changes
// between sessions (office-js-docs #297, office-js #1390; audit 2, #3), its own title and header row
// in A1:L3, so a user's own sheet of that name is never replaced.
// Syncs: 3 reads (sheet list, sizes, cells) + 1 write batch + 1 to store the new sheet's id,
// whatever the number of tables; +1 after a reopen (the header check).
import type { Lang, TableResult } from '../core/types';
import { parseRangeA1, a1 } from '../core/address';
import { toWan } from '../core/units';
import type { XlHost, XlRequestContext, XlSetting, XlWorksheet } from './excel-api';
import { detectCaps } from './caps';
import { readWorkbook } from './read';
import { inputFor, STORE_SHEET } from './store';
import { analyzeOptions, normalizeSettings, profileFor, type ZipingSettings } from './settings';
import type { Analyze, RunStatus } from './adapter';
import { t, type OutcomeText } from '../ui-strings';

export const SUMMARY_SHEET = '绩效自评汇总';
export const SUMMARY_KEY = 'ziping.summary';

export type SummaryStatus = 'ok' | 'no-table' | 'name-taken' | 'workbook-protected' | 'removed' | 'nothing-to-remove' | 'error';

export interface SummaryOutcome {
  status: SummaryStatus;
  /** Tables listed. */
  tables: number;
  sheet: string;
  error?: string;
}

export interface SummaryOptions {
  analyze: Analyze;
  settings?: Partial<ZipingSettings>;
  lang?: Lang;
}

/** Column order of the summary (keys of the UI strings). */
const COLUMNS = [
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
const FORMATS = ['0', 'General', 'General', 'General', '#,##0.00', '#,##0.00', '0.00%', '0.00', 'General', '0', '0', 'General'];
const HEADER_FILL = '#DDEBF7';

function errorText(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return [err?.code, err?.message ?? String(e)].filter(Boolean).join(': ');
}

function firstCell(tb: TableResult): string {
  const r = parseRangeA1(tb.range);
  return r ? a1(r.top, r.left) : 'A1';
}

/** 'Sheet name'!A1 for a document reference. */
function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

function kindText(lang: Lang, tb: TableResult): string {
  return t(lang, tb.kind === 'project' ? 'kindProject' : tb.kind === 'department' ? 'kindDepartment' : 'kindRubric');
}

type Cell = string | number;

/** The summary's rows: title, subtitle, header, one per table, 合计. Pure, for tests. */
export function summaryRows(tables: TableResult[], lang: Lang, profileLabel: string, at: Date): Cell[][] {
  const rows: Cell[][] = [];
  const blank = () => COLUMNS.map(() => '' as Cell);
  const title = blank();
  title[0] = t(lang, 'sumTitle');
  rows.push(title);
  const sub = blank();
  const stamp = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')} ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  sub[0] = t(lang, 'sumSubtitle', { at: stamp, profile: profileLabel, tables: tables.length });
  rows.push(sub);
  rows.push(COLUMNS.map((k) => t(lang, k)));
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

function readMark(s: XlSetting): string | null {
  if (s.isNullObject) return null;
  try {
    const v = typeof s.value === 'string' ? JSON.parse(s.value) : s.value;
    return typeof v?.id === 'string' ? v.id : null;
  } catch {
    return null;
  }
}

/** The sheet's title and header row as the add-in writes them, in either language. */
function isOurLayout(values: unknown[][]): boolean {
  return (['zh', 'en'] as Lang[]).some(
    (lang) => String(values[0]?.[0] ?? '') === t(lang, 'sumTitle') && COLUMNS.every((k, c) => String(values[2]?.[c] ?? '') === t(lang, k)),
  );
}

/**
 * Whether the existing 绩效自评汇总 is the add-in's: the setting names its id (this session), or,
 * after a reopen (ids change), the setting exists and the sheet still has our title and header.
 * The second case costs one sync.
 */
async function isOurs(context: XlRequestContext, mark: XlSetting, existing: XlWorksheet): Promise<boolean> {
  if (existing.isNullObject || mark.isNullObject) return false;
  if (readMark(mark) === existing.id) return true;
  const head = context.workbook.worksheets.getItem(SUMMARY_SHEET).getRangeByIndexes(0, 0, 3, COLUMNS.length);
  head.load('values');
  await context.sync();
  return isOurLayout(head.values);
}

/** Creates or rebuilds 绩效自评汇总 from every recognised table of the workbook's visible sheets. */
export async function buildSummary(host: XlHost, opts: SummaryOptions): Promise<SummaryOutcome> {
  const settings = normalizeSettings({ ...(opts.settings ?? {}) });
  const lang: Lang = opts.lang ?? settings.lang ?? 'zh';
  const caps = detectCaps(host);
  const outcome: SummaryOutcome = { status: 'ok', tables: 0, sheet: SUMMARY_SHEET };
  try {
    return await host.run(async (context) => {
      // rides on readWorkbook's first sync
      const mark = context.workbook.settings.getItemOrNullObject(SUMMARY_KEY);
      mark.load('value');
      const existing = context.workbook.worksheets.getItemOrNullObject(SUMMARY_SHEET);
      existing.load('id');
      const read = await readWorkbook(context, { scope: 'workbook', caps });
      const grids = read.sheets.filter((s) => s.name !== SUMMARY_SHEET && s.name !== STORE_SHEET && s.grid.values.length > 0).map((s) => s.grid);
      const analysis = opts.analyze(grids, { ...analyzeOptions(settings, lang), marks: false });
      outcome.tables = analysis.tables.length;
      // readWorkbook's first sync loaded `existing` and `mark`
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
      const existingId = existing.isNullObject ? null : existing.id;
      const ours = await isOurs(context, mark, existing);
      if (existingId !== null && !ours) {
        outcome.status = 'name-taken';
        return outcome;
      }
      if (read.workbookProtected) {
        outcome.status = 'workbook-protected';
        return outcome;
      }
      if (!analysis.tables.length) {
        outcome.status = 'no-table';
        return outcome;
      }

      // one write batch: the old summary goes, the new one is written whole
      if (ours) existing.delete();
      const ws: XlWorksheet = context.workbook.worksheets.add(SUMMARY_SHEET);
      ws.load('id');
      const profile = profileFor(settings);
      const rows = summaryRows(analysis.tables, lang, profile.label?.[lang] ?? profile.name, new Date());
      const cols = COLUMNS.length;
      const all = ws.getRangeByIndexes(0, 0, rows.length, cols);
      all.numberFormat = rows.map((row, r) => row.map((_, c) => (r >= 3 ? FORMATS[c] : 'General')));
      // text that Excel would parse (a project named "=…" or a sheet named "2023") stays text
      all.values = rows.map((row) => row.map((v) => (typeof v === 'string' ? inputFor(v, 'General') : v)));
      const head = ws.getRangeByIndexes(2, 0, 1, cols);
      head.format.fill.color = HEADER_FILL;
      head.format.font.bold = true;
      ws.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
      ws.getRangeByIndexes(0, 0, 2, cols).merge(true); // title and subtitle across the table
      ws.getRangeByIndexes(rows.length - 1, 0, 1, cols).format.font.bold = true;
      // a link to each table's first cell (Range.hyperlink, ExcelApi 1.7)
      analysis.tables.forEach((tb, i) => {
        const cell = firstCell(tb);
        ws.getRangeByIndexes(3 + i, cols - 1, 1, 1).hyperlink = {
          documentReference: sheetRef(tb.sheet, cell),
          textToDisplay: `${tb.sheet}!${cell}`,
          screenTip: t(lang, 'sumLinkTip'),
        };
      });
      ws.getRangeByIndexes(2, 0, rows.length - 2, cols).format.autofitColumns();
      await context.sync();
      context.workbook.settings.add(SUMMARY_KEY, JSON.stringify({ id: ws.id, at: new Date().toISOString() }));
      await context.sync();
      return outcome;
    });
  } catch (e) {
    return { ...outcome, status: 'error', error: errorText(e) };
  }
}

/** Deletes our summary sheet (清除标记). A sheet of that name the add-in did not create stays. */
export async function removeSummary(host: XlHost): Promise<SummaryOutcome> {
  const outcome: SummaryOutcome = { status: 'nothing-to-remove', tables: 0, sheet: SUMMARY_SHEET };
  try {
    return await host.run(async (context) => {
      const mark = context.workbook.settings.getItemOrNullObject(SUMMARY_KEY);
      mark.load('value');
      const existing = context.workbook.worksheets.getItemOrNullObject(SUMMARY_SHEET);
      existing.load('id');
      context.workbook.protection.load('protected');
      await context.sync();
      if (!(await isOurs(context, mark, existing))) {
        if (!mark.isNullObject && existing.isNullObject) {
          mark.delete(); // our sheet was deleted by hand: forget it
          await context.sync();
        }
        return outcome;
      }
      if (context.workbook.protection.protected) return { ...outcome, status: 'workbook-protected' };
      existing.delete();
      mark.delete();
      await context.sync();
      return { ...outcome, status: 'removed' };
    });
  } catch (e) {
    return { ...outcome, status: 'error', error: errorText(e) };
  }
}

/**
 * 清除标记 (ribbon and pane): also deletes our summary sheet, and says so in the restore's outcome
 * text. Returns the text to show and what happened to the summary.
 */
export async function restoreSummary(
  host: XlHost,
  text: OutcomeText,
  restoreStatus: RunStatus,
  lang: Lang,
): Promise<{ text: OutcomeText; summary: SummaryOutcome }> {
  const summary = await removeSummary(host);
  if (summary.status === 'nothing-to-remove') return { text, summary };
  const note =
    summary.status === 'removed'
      ? t(lang, 'summaryRemoved', { sheet: summary.sheet })
      : summary.status === 'workbook-protected'
        ? t(lang, 'summaryProtected')
        : t(lang, 'summaryFailed', { error: summary.error ?? '' });
  if (restoreStatus === 'nothing-to-restore') {
    return { text: { ...text, message: note, intent: summary.status === 'removed' ? 'success' : 'warning' }, summary };
  }
  return { text: { ...text, message: `${text.message} ${note}` }, summary };
}

// The workbook summary sheet 绩效自评汇总 (the department's 项目支出绩效自评汇总表): one row per
// recognised table, rebuilt on each click, never touching any other sheet. Ours is known by the
// setting `ziping.summary` plus either its worksheet id (same session) or, because Worksheet.id changes
// between sessions (office-js-docs #297, office-js #1390; audit 2, #3), its own title and header row
// in A1:L3, so a user's own sheet of that name is never replaced.
// Syncs: 3 reads (sheet list, sizes, cells) + 1 write batch + 1 to store the new sheet's id,
// whatever the number of tables; +1 after a reopen (the header check).
import type { Lang } from '../core/types';
import type { XlHost, XlRequestContext, XlSetting, XlWorksheet } from './excel-api';
import { detectCaps } from './caps';
import { readWorkbook } from './read';
import { inputFor, STORE_SHEET } from './store';
import { analyzeOptions, normalizeSettings, profileFor, type ZipingSettings } from './settings';
import type { Analyze, RunStatus } from './adapter';
import { errorText } from '../host/outcome';
import type { OutcomeText } from '../ui-strings';
import {
  decideRemove,
  decideSummary,
  ownsSummary,
  restoreSummaryText,
  SUMMARY_COLUMNS,
  SUMMARY_KEY,
  SUMMARY_SHEET,
  summaryLayout,
  summaryMark,
  summaryMarkId,
  type SummaryOutcome,
} from '../host/summary';

// the deciding lives in src/host/summary.ts (shared with WPS); these names stay importable from here
export { SUMMARY_KEY, SUMMARY_SHEET, summaryRows, type SummaryOutcome, type SummaryStatus } from '../host/summary';

export interface SummaryOptions {
  analyze: Analyze;
  settings?: Partial<ZipingSettings>;
  lang?: Lang;
  /** The time stamped in the subtitle (default: now). */
  at?: Date;
}

/**
 * Whether the existing 绩效自评汇总 is the add-in's: the setting names its id (this session), or,
 * after a reopen (ids change), the setting exists and the sheet still has our title and header.
 * The second case costs one sync.
 */
async function isOurs(context: XlRequestContext, mark: XlSetting, existing: XlWorksheet): Promise<boolean> {
  if (existing.isNullObject || mark.isNullObject) return false;
  const markId = summaryMarkId(mark.value);
  if (ownsSummary({ exists: true, marked: true, markId, sheetId: existing.id })) return true;
  const head = context.workbook.worksheets.getItem(SUMMARY_SHEET).getRangeByIndexes(0, 0, 3, SUMMARY_COLUMNS.length);
  head.load('values');
  await context.sync();
  return ownsSummary({ exists: true, marked: true, head: () => head.values });
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
      // eslint-disable-next-line office-addins/call-sync-before-read
      const exists = !existing.isNullObject;
      const ours = await isOurs(context, mark, existing);
      const decision = decideSummary({ exists, ours, workbookProtected: read.workbookProtected, tables: analysis.tables.length });
      if (decision.status !== 'ok') {
        outcome.status = decision.status;
        return outcome;
      }

      // one write batch: the old summary goes, the new one is written whole
      if (decision.replace) existing.delete();
      const ws: XlWorksheet = context.workbook.worksheets.add(SUMMARY_SHEET);
      ws.load('id');
      const profile = profileFor(settings);
      const at = opts.at ?? new Date();
      const lay = summaryLayout(analysis.tables, lang, profile.label?.[lang] ?? profile.name, at);
      const { rows, cols } = lay;
      const all = ws.getRangeByIndexes(0, 0, rows.length, cols);
      all.numberFormat = lay.formats;
      // text that Excel would parse (a project named "=…" or a sheet named "2023") stays text
      all.values = rows.map((row) => row.map((v) => (typeof v === 'string' ? inputFor(v, 'General') : v)));
      ws.getRangeByIndexes(lay.fill.row, 0, 1, cols).format.fill.color = lay.fill.color;
      for (const r of lay.boldRows) ws.getRangeByIndexes(r, 0, 1, cols).format.font.bold = true;
      for (const c of lay.boldCells) ws.getRangeByIndexes(c.row, c.col, 1, 1).format.font.bold = true;
      // title and subtitle across the table
      ws.getRangeByIndexes(lay.mergedRows[0], 0, lay.mergedRows.length, cols).merge(true);
      // a link to each table's first cell (Range.hyperlink, ExcelApi 1.7)
      for (const l of lay.links) {
        ws.getRangeByIndexes(l.row, l.col, 1, 1).hyperlink = { documentReference: l.documentReference, textToDisplay: l.text, screenTip: l.tip };
      }
      ws.getRangeByIndexes(lay.autofitRows.start, 0, lay.autofitRows.count, cols).format.autofitColumns();
      await context.sync();
      context.workbook.settings.add(SUMMARY_KEY, summaryMark(new Date(), ws.id));
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
      const ours = await isOurs(context, mark, existing);
      const what = decideRemove({
        exists: !existing.isNullObject,
        marked: !mark.isNullObject,
        ours,
        workbookProtected: context.workbook.protection.protected,
      });
      if (what === 'forget-mark') {
        mark.delete(); // our sheet was deleted by hand: forget it
        await context.sync();
      }
      if (what === 'protected') return { ...outcome, status: 'workbook-protected' };
      if (what !== 'remove') return outcome;
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
  return { text: restoreSummaryText(text, restoreStatus, summary, lang), summary };
}

// The summary sheet 绩效自评汇总 in WPS 表格. The deciding (rows, 万元, layout, whether the sheet is
// ours, what a run does) is src/host/summary.ts, shared with Excel; this file reads and moves cells.
// WPS has no sheet ids: the sheet is ours when the document property `ziping.summary` exists and the
// sheet still has the add-in's title and header (one Value2 read of A1:L3).
// Calls: the sheet list and one read per visible sheet (as a run), then a fixed number of writes
// (one Value2, one NumberFormat per distinct format, one bold, one fill, one merge, one autofit)
// plus two per table for its link, all in one undo step.
import type { AnalyzeOptions, Lang } from '../core/types';
import type { Analyze, RunStatus } from '../office/adapter';
import { inputFor, STORE_SHEET } from '../office/store';
import { analyzeOptions, normalizeSettings, profileFor, type ZipingSettings } from '../office/settings';
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
  type SummaryOutcome,
} from '../host/summary';
import type { EtApplication, EtWorkbook, EtWorksheet } from './et-api';
import { bgrOf, sheetItem } from './et-api';
import { as2d, listSheets, readSheet, rectAddress, type SheetInfo } from './read';
import { transaction } from './run';
import { errorText } from '../host/outcome';
import { readText, removeText, writeText } from './settings';

export interface WpsSummaryOptions {
  analyze: Analyze;
  settings?: Partial<ZipingSettings>;
  lang?: Lang;
  /** The time stamped in the subtitle (default: now). */
  at?: Date;
  /** Called around the add-in's own writes (the live check ignores SheetChange meanwhile). */
  writing?(on: boolean): void;
}

const UNDO_BUILD = '绩效自评助手：生成汇总表';
const UNDO_REMOVE = '绩效自评助手：删除汇总表';

/** Whether the existing sheet is ours: marked, and its A1:L3 are the add-in's title and header. */
function ours(book: EtWorkbook, list: SheetInfo[]): { exists: boolean; marked: boolean; ours: boolean } {
  const exists = list.some((s) => s.name === SUMMARY_SHEET);
  const marked = readText(book, SUMMARY_KEY) !== null;
  const cols = SUMMARY_COLUMNS.length;
  const head = () => as2d(sheetItem(book.Worksheets, SUMMARY_SHEET).Range(rectAddress(0, 0, 3, cols)).Value2, 3, cols);
  return { exists, marked, ours: ownsSummary({ exists, marked, head }) };
}

/** Deletes a sheet without WPS's confirmation prompt. */
function deleteSheet(app: EtApplication, ws: EtWorksheet): void {
  const alerts = app.DisplayAlerts;
  app.DisplayAlerts = false;
  try {
    ws.Delete();
  } finally {
    app.DisplayAlerts = alerts;
  }
}

/** Creates or rebuilds 绩效自评汇总 from every recognised table of the workbook's visible sheets. */
export function buildSummary(app: EtApplication, opts: WpsSummaryOptions): SummaryOutcome {
  const settings = normalizeSettings({ ...(opts.settings ?? {}) });
  const lang: Lang = opts.lang ?? settings.lang ?? 'zh';
  const outcome: SummaryOutcome = { status: 'ok', tables: 0, sheet: SUMMARY_SHEET };
  let book: EtWorkbook | null = null;
  try {
    book = app.ActiveWorkbook;
    if (!book) throw new Error('没有打开的工作簿');
    const list = listSheets(book);
    const grids = list
      .filter((s) => s.visible && s.name !== SUMMARY_SHEET && s.name !== STORE_SHEET)
      .map((s) => {
        const ws = sheetItem(book!.Worksheets, s.name);
        return readSheet(ws, s.name, !!ws.ProtectContents);
      })
      .filter((g) => g.values.length > 0);
    const analysis = opts.analyze(grids, { ...analyzeOptions(settings, lang), marks: false } as AnalyzeOptions);
    outcome.tables = analysis.tables.length;
    const own = ours(book, list);
    const decision = decideSummary({
      exists: own.exists,
      ours: own.ours,
      workbookProtected: !!book.ProtectStructure,
      tables: analysis.tables.length,
    });
    if (decision.status !== 'ok') {
      outcome.status = decision.status;
      return outcome;
    }
    const profile = profileFor(settings);
    const at = opts.at ?? new Date();
    const lay = summaryLayout(analysis.tables, lang, profile.label?.[lang] ?? profile.name, at);
    const wb = book;
    opts.writing?.(true);
    try {
      transaction(app, wb, UNDO_BUILD, () => write(app, wb, lay, decision.replace, at));
    } finally {
      opts.writing?.(false);
    }
    return outcome;
  } catch (e) {
    return { ...outcome, status: 'error', error: errorText(e) };
  }
}

function write(app: EtApplication, book: EtWorkbook, lay: ReturnType<typeof summaryLayout>, replace: boolean, at: Date): void {
  const active = app.ActiveSheet;
  const activeName = active ? active.Name : null;
  if (replace) deleteSheet(app, sheetItem(book.Worksheets, SUMMARY_SHEET));
  const sheets = book.Worksheets;
  const ws = sheets.Add(undefined, sheets.Item(sheets.Count));
  try {
    ws.Name = SUMMARY_SHEET;
    const { rows, cols } = lay;
    const body = rows.length - 3;
    // number formats: one multi-area range per format of the table rows (General is the default)
    const byFormat = new Map<string, string[]>();
    lay.formats[3]?.forEach((f, c) => {
      if (f !== 'General' && body > 0) byFormat.set(f, [...(byFormat.get(f) ?? []), rectAddress(3, c, body, 1)]);
    });
    for (const [f, areas] of byFormat) ws.Range(areas.join(',')).NumberFormat = f;
    // text that WPS would parse (a project named "=…" or a sheet named "2023") stays text
    ws.Range(rectAddress(0, 0, rows.length, cols)).Value2 = rows.map((row) => row.map((v) => (typeof v === 'string' ? inputFor(v, 'General') : v)));
    ws.Range(rectAddress(lay.fill.row, 0, 1, cols)).Interior.Color = bgrOf(lay.fill.color);
    const bold = [...lay.boldRows.map((r) => rectAddress(r, 0, 1, cols)), ...lay.boldCells.map((c) => rectAddress(c.row, c.col, 1, 1))];
    ws.Range(bold.join(',')).Font.Bold = true;
    // title and subtitle across the table
    ws.Range(rectAddress(lay.mergedRows[0], 0, lay.mergedRows.length, cols)).Merge(true);
    if (lay.links.length) {
      const links = ws.Hyperlinks;
      for (const l of lay.links) links.Add(ws.Range(rectAddress(l.row, l.col, 1, 1)), '', l.documentReference, l.tip, l.text);
    }
    ws.Range(rectAddress(lay.autofitRows.start, 0, lay.autofitRows.count, cols)).Columns.AutoFit();
    writeText(book, SUMMARY_KEY, summaryMark(at));
  } catch (e) {
    // a half-built sheet does not stay (nor does it count as ours)
    try {
      deleteSheet(app, ws);
    } catch {
      /* the error below still tells */
    }
    throw e;
  } finally {
    // Sheets.Add activated the new sheet; Excel's worksheets.add does not: the user stays where they were
    if (activeName && activeName !== SUMMARY_SHEET) {
      try {
        sheetItem(book.Worksheets, activeName).Activate();
      } catch {
        /* that sheet is gone */
      }
    }
  }
}

/** Deletes our summary sheet (清除标记). A sheet of that name the add-in did not create stays. */
export function removeSummary(app: EtApplication, opts: Pick<WpsSummaryOptions, 'writing'> = {}): SummaryOutcome {
  const outcome: SummaryOutcome = { status: 'nothing-to-remove', tables: 0, sheet: SUMMARY_SHEET };
  try {
    const book = app.ActiveWorkbook;
    if (!book) return outcome;
    const own = ours(book, listSheets(book));
    const what = decideRemove({ ...own, workbookProtected: own.ours && !!book.ProtectStructure });
    if (what === 'forget-mark') removeText(book, SUMMARY_KEY); // our sheet was deleted by hand: forget it
    if (what === 'protected') return { ...outcome, status: 'workbook-protected' };
    if (what !== 'remove') return outcome;
    opts.writing?.(true);
    try {
      transaction(app, book, UNDO_REMOVE, () => {
        deleteSheet(app, sheetItem(book.Worksheets, SUMMARY_SHEET));
        removeText(book, SUMMARY_KEY);
      });
    } finally {
      opts.writing?.(false);
    }
    return { ...outcome, status: 'removed' };
  } catch (e) {
    return { ...outcome, status: 'error', error: errorText(e) };
  }
}

/**
 * 清除标记 (ribbon and pane): also deletes our summary sheet, and says so in the restore's outcome
 * text. Returns the text to show and what happened to the summary.
 */
export function restoreSummary(
  app: EtApplication,
  text: OutcomeText,
  restoreStatus: RunStatus,
  lang: Lang,
  opts: Pick<WpsSummaryOptions, 'writing'> = {},
): { text: OutcomeText; summary: SummaryOutcome } {
  const summary = removeSummary(app, opts);
  return { text: restoreSummaryText(text, restoreStatus, summary, lang), summary };
}

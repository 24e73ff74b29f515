// Live check: on worksheet.onChanged (ExcelApi 1.7), debounced, re-read only the tables an edit
// touched and refresh the pane's numbers. It only reads: every add-in write clears Excel's undo
// stack (office-js #5966, #6170), so the sheet's fills/notes change only on 重新计算 / 提交前校验.
// At most 2 context.sync() per flush, whatever the table size:
//   1. the touched tables' rectangles (plus a small margin), whole sheets after row/column
//      inserts or deletes, and the values of edited cells outside every table;
//   2. only when an edit outside every table wrote table-like words: that sheet, to find a new table;
//      or when a merge reaches into a table from above: its top-left cell.
// Over 512 merged areas the first read fails: it is sent again without merges, which then come in
// row bands (src/office/merges.ts, audit 2 #4).
import type { CellRange, Lang, SheetGrid, TableResult } from '../core/types';
import { parseRangeA1 } from '../core/address';
import type { XlEventHandlerResult, XlHost, XlRange, XlRequestContext, XlWorksheetChangedEventArgs } from './excel-api';
import { detectCaps, type Caps } from './caps';
import { formulaOf, isPayloadError } from './read';
import { queueMergeBand, queueSheetMerges, readMergesBanded, type MergeTarget } from './merges';
import { STORE_SHEET } from './store';
import { analyzeOptions, type ZipingSettings } from './settings';
import type { Analyze, RunOutcome } from './adapter';
import type { RunNotice } from '../host/outcome';

export const LIVE_DEBOUNCE_MS = 500;
/**
 * Batches wait while the user is typing in a cell instead of failing at once
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit).
 */
export const LIVE_RUN = { delayForCellEdit: true } as const;

/**
 * A batch refused because a cell was being edited (Excel.ErrorCodes.invalidOperationInCellEditMode):
 * the edits are queued again and retried, the live check never stops for it (audit 2, #2).
 */
export function isCellEditError(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === 'InvalidOperationInCellEditMode';
}
/** Rows read above/below a table (its title lies above the first recognised row). */
const MARGIN = 2;
/** Rows above a table whose merged areas are read too: a merge there may reach into the table. */
const MERGES_ABOVE = 64;
/** Edited cells outside any table read for table words; bigger pastes re-read the sheet. */
const OUTSIDE_CELLS = 400;
/** Words that can start a table: an edit outside every table holding one re-reads the sheet. */
const TABLE_WORDS = /绩效|自评|项目名称|指标|预算|评价/;
/** Sheets the live check never looks at (the add-in's own). */
const IGNORED = new Set([STORE_SHEET, '绩效自评汇总']);

export interface LiveOptions {
  analyze: Analyze;
  /** Current settings and language, read at each flush. */
  current(): { settings: ZipingSettings; lang: Lang };
  onUpdate(outcome: RunOutcome, flush: LiveFlush): void;
  /** The live check stopped itself (handlers removed) after this error. */
  onError(e: unknown): void;
  debounceMs?: number;
}

/** What one flush did (tests and the bench). */
export interface LiveFlush {
  syncs: number;
  /** "Sheet!A1:K23" of every table re-read. */
  tables: string[];
  /** Sheets re-read whole. */
  sheets: string[];
  events: number;
}

interface Pending {
  sheetId: string;
  address: string;
  changeType: string;
}

function rectOf(a1: string): CellRange | null {
  const body = a1.includes('!') ? a1.slice(a1.lastIndexOf('!') + 1) : a1;
  return parseRangeA1(body.replace(/\$/g, ''));
}

function intersects(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && a.bottom >= b.top && a.left <= b.right && a.right >= b.left;
}

function toCell(v: unknown, type: string | undefined): SheetGrid['values'][number][number] {
  if (type === 'Empty' || v === '' || v === null || v === undefined) return null;
  if (type === 'Error') return { error: String(v) };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

function gridOf(name: string, range: XlRange, top: number, left: number, merges: CellRange[]): SheetGrid {
  const values = range.values;
  const types = range.valueTypes;
  const formats = range.numberFormat;
  const formulas = range.formulas;
  return {
    name,
    top,
    left,
    values: values.map((row, r) => row.map((v, c) => toCell(v, types[r]?.[c]))),
    formats: formats.map((row) => row.map((f) => (typeof f === 'string' ? f : 'General'))),
    formulas: formulas.map((row, r) => row.map((f, c) => formulaOf(f, values[r][c]))),
    merges,
  };
}

/** A queued read of cells and their merged areas; grid() builds the grid after the sync. */
interface GridRead {
  sheet: string;
  rect: CellRange | 'used';
  /** The merged areas' rows (set after the sync), for the banded read when the one-read failed. */
  target: () => MergeTarget | null;
  /** Merged areas from the one-read, or given (banded); null: not known. */
  grid(merges?: CellRange[] | null): SheetGrid | null;
  mergesQueued: boolean;
}

/**
 * Queues a read of cells with what the engine needs, and their merged areas: the whole sheet for
 * 'used', else full-width rows from MERGES_ABOVE above the rectangle to its bottom, kept when they
 * reach into it (Excel returns only merges whose top-left cell is in the range: office-js #3611).
 */
function queueGrid(ctx: XlRequestContext, caps: Caps, sheet: string, rect: CellRange | 'used', merges: boolean): GridRead {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  const withMerges = caps.merges && merges;
  if (rect === 'used') {
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,values,numberFormat,formulas,valueTypes');
    const read = withMerges ? queueSheetMerges(ws) : null;
    // the thunks run after the caller's sync
    /* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
    return {
      sheet,
      rect,
      mergesQueued: !!read,
      target: () => (used.isNullObject ? null : { ws, top: 0, bottom: used.rowIndex + used.rowCount - 1, toEnd: true }),
      grid: (given) => (used.isNullObject ? null : gridOf(sheet, used, used.rowIndex, used.columnIndex, given ?? read?.() ?? [])),
    };
    /* eslint-enable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
  }
  const range = ws.getRangeByIndexes(rect.top, rect.left, rect.bottom - rect.top + 1, rect.right - rect.left + 1);
  range.load('values,numberFormat,formulas,valueTypes');
  const top = Math.max(0, rect.top - MERGES_ABOVE);
  const read = withMerges ? queueMergeBand(ws, top, rect.bottom - top + 1) : null;
  return {
    sheet,
    rect,
    mergesQueued: !!read,
    target: () => ({ ws, top, bottom: rect.bottom }),
    grid: (given) =>
      gridOf(
        sheet,
        range,
        rect.top,
        rect.left,
        (given ?? read?.() ?? []).filter((m) => intersects(m, rect)),
      ),
  };
}

/**
 * One sync for reads queued with their merged areas; when it fails (over 512 merged areas: audit 2,
 * #4), the same reads again without them and the merged areas in row bands (`given`, per read).
 */
async function syncReads<T>(
  ctx: XlRequestContext,
  queue: (merges: boolean) => T,
  readsOf: (q: T) => GridRead[],
): Promise<{ q: T; given: (CellRange[] | null)[] | null; syncs: number }> {
  const q = queue(true);
  try {
    await ctx.sync();
    return { q, given: null, syncs: 1 };
  } catch (e) {
    if (!readsOf(q).some((r) => r.mergesQueued) || isCellEditError(e) || isPayloadError(e)) throw e;
  }
  const plain = queue(false);
  await ctx.sync();
  const targets = readsOf(plain).map((r) => r.target());
  const banded = await readMergesBanded(
    ctx,
    targets.filter((t): t is MergeTarget => !!t),
  );
  let k = 0;
  return { q: plain, given: targets.map((t) => (t ? banded.merges[k++] : [])), syncs: 2 + banded.syncs };
}

/** Merges that reach into the grid from above or the left: their top-left cells, to read. */
function outerAnchors(grid: SheetGrid): { row: number; col: number }[] {
  return grid.merges.filter((m) => m.top < grid.top || m.left < grid.left).map((m) => ({ row: m.top, col: m.left }));
}

/** The grid grown up/left to hold the given cells (top-left cells of merges reaching into it). */
function withCells(grid: SheetGrid, cells: { row: number; col: number; range: XlRange }[]): SheetGrid {
  if (!cells.length) return grid;
  const top = Math.min(grid.top, ...cells.map((c) => c.row));
  const left = Math.min(grid.left, ...cells.map((c) => c.col));
  const dr = grid.top - top;
  const dc = grid.left - left;
  const pad = <T>(rows: T[][], fill: T): T[][] => [
    ...Array.from({ length: dr }, () => [] as T[]),
    ...rows.map((row) => [...Array.from({ length: dc }, () => fill), ...row]),
  ];
  const g: SheetGrid = {
    ...grid,
    top,
    left,
    values: pad(grid.values, null),
    formats: pad((grid.formats ?? []) as string[][], 'General'),
    formulas: pad((grid.formulas ?? []) as (string | null)[][], null),
  };
  for (const c of cells) {
    const r = c.row - top;
    const k = c.col - left;
    for (const rows of [g.values, g.formats, g.formulas] as unknown[][][])
      while (rows[r].length <= k) rows[r].push(rows === g.formats ? 'General' : null);
    const v = c.range.values[0][0];
    g.values[r][k] = toCell(v, c.range.valueTypes[0]?.[0]);
    (g.formats as string[][])[r][k] = typeof c.range.numberFormat[0][0] === 'string' ? (c.range.numberFormat[0][0] as string) : 'General';
    (g.formulas as (string | null)[][])[r][k] = formulaOf(c.range.formulas[0][0], v);
  }
  return g;
}

/** The rectangle to re-read for a table: its range plus up to MARGIN rows that no neighbour needs. */
export function readRect(table: CellRange, others: CellRange[]): CellRange {
  let above = MARGIN;
  let below = MARGIN;
  for (const o of others) {
    if (o.left > table.right || o.right < table.left) continue; // not in the same columns
    if (o.bottom < table.top) above = Math.min(above, Math.floor((table.top - o.bottom - 1) / 2));
    if (o.top > table.bottom) below = Math.min(below, Math.floor((o.top - table.bottom - 1) / 2));
  }
  return { top: Math.max(0, table.top - Math.max(0, above)), bottom: table.bottom + Math.max(0, below), left: table.left, right: table.right };
}

function counts(tables: TableResult[]) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const t of tables) for (const f of t.findings) c[f.severity]++;
  return c;
}

function order(sheets: string[], tables: TableResult[]): TableResult[] {
  const pos = (t: TableResult) => {
    const r = rectOf(t.range);
    return [sheets.indexOf(t.sheet), r?.top ?? 0, r?.left ?? 0];
  };
  return [...tables].sort((a, b) => {
    const x = pos(a);
    const y = pos(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}

/**
 * The notices of a live outcome: the base's, a sheet re-read whole with its merged areas loses its
 * `no-merges`, and a sheet checked without them gets one (once: not again when it has one), as the
 * run outcome says it (audit 2, #4).
 */
function liveNotices(base: RunNotice[], noMerges: Set<string>, mergesRead: Set<string>): RunNotice[] {
  const out = base.filter((n) => n.kind !== 'no-merges' || !mergesRead.has(n.sheet) || noMerges.has(n.sheet));
  for (const sheet of noMerges) if (!out.some((n) => n.kind === 'no-merges' && n.sheet === sheet)) out.push({ kind: 'no-merges', sheet, cell: 'A1' });
  return out;
}

/**
 * One live check per task pane. start() registers the handlers, stop() removes them in the context
 * they were added in; errors stop it too. setBase() hands it the pane's latest full analysis.
 */
export class LiveCheck {
  private base: RunOutcome | null = null;
  private handlers: XlEventHandlerResult[] = [];
  private context: unknown = null;
  private idToName = new Map<string, string>();
  /** 1.7: sheets that have our handler. */
  private registered = new Set<string>();
  private pending: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private state: 'idle' | 'starting' | 'on' | 'stopping' = 'idle';
  private wanted = false;
  /** Flushes done (tests and the bench). */
  readonly flushes: LiveFlush[] = [];
  /** Flushes refused by cell-edit mode and queued again. */
  retries = 0;

  constructor(
    private readonly host: XlHost,
    private readonly opts: LiveOptions,
  ) {}

  get active(): boolean {
    return this.wanted;
  }

  /** Registered handlers (0 when stopped). */
  get handlerCount(): number {
    return this.handlers.length;
  }

  setBase(outcome: RunOutcome | null): void {
    this.base = outcome;
    this.generation++;
  }

  /** Registers worksheet.onChanged: one handler on the collection (1.9), else one per sheet (1.7). */
  start(): Promise<void> {
    this.wanted = true;
    return this.serial(async () => {
      if (!this.wanted || this.state === 'on') return;
      this.state = 'starting';
      const added: XlEventHandlerResult[] = [];
      let context: unknown = null;
      try {
        await this.host.run(async (ctx) => {
          context = ctx;
          const sheets = ctx.workbook.worksheets;
          sheets.load('items/name,items/id');
          await ctx.sync();
          this.idToName = new Map(sheets.items.map((w) => [w.id, w.name]));
          const handler = (args: XlWorksheetChangedEventArgs) => this.onChanged(args);
          const ids: string[] = [];
          if (this.host.isSetSupported('ExcelApi', '1.9')) added.push(sheets.onChanged.add(handler));
          else
            for (const w of sheets.items) {
              if (IGNORED.has(w.name)) continue;
              added.push(w.onChanged.add(handler));
              ids.push(w.id);
            }
          await ctx.sync();
          this.registered = new Set(ids);
        }, LIVE_RUN);
        this.handlers = added;
        this.context = context;
        this.state = 'on';
      } catch (e) {
        this.state = 'idle';
        this.wanted = false;
        this.opts.onError(e);
        return;
      }
      if (!this.wanted) await this.removeHandlers();
    });
  }

  /**
   * Sheets added or renamed since start (the pane calls it on sheet switches): names are re-read,
   * and on 1.7 new sheets get their handler, in the context of the others.
   */
  refreshSheets(): Promise<void> {
    return this.serial(async () => {
      if (this.state !== 'on' || !this.wanted) return;
      const batch = async (ctx: XlRequestContext) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/id');
        await ctx.sync();
        this.idToName = new Map(sheets.items.map((w) => [w.id, w.name]));
        if (this.host.isSetSupported('ExcelApi', '1.9')) return;
        const fresh = sheets.items.filter((w) => !IGNORED.has(w.name) && !this.registered.has(w.id));
        if (!fresh.length) return;
        const handler = (args: XlWorksheetChangedEventArgs) => this.onChanged(args);
        const added = fresh.map((w) => w.onChanged.add(handler));
        await ctx.sync();
        this.handlers.push(...added);
        fresh.forEach((w) => this.registered.add(w.id));
      };
      try {
        if (this.host.runIn) await this.host.runIn(this.context, batch);
        else await batch(this.context as XlRequestContext);
      } catch (e) {
        if (isCellEditError(e)) return; // the user is typing: the next sheet switch refreshes again
        this.wanted = false;
        await this.removeHandlers();
        this.opts.onError(e);
      }
    });
  }

  /** Removes every handler (in the request context that added them) and drops pending edits. */
  stop(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    return this.serial(() => this.removeHandlers());
  }

  /** Processes the pending edits now (the debounce timer calls it). */
  flush(): Promise<LiveFlush | null> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.serial(async () => {
      const events = this.pending.splice(0);
      if (!events.length || !this.wanted || !this.base) return null;
      const generation = this.generation;
      try {
        const res = await this.process(events, this.base);
        if (!res) return null;
        this.flushes.push(res.flush);
        if (this.wanted && generation === this.generation) {
          this.base = res.outcome;
          this.generation++;
          this.opts.onUpdate(res.outcome, res.flush);
        }
        return res.flush;
      } catch (e) {
        if (isCellEditError(e) && this.wanted) {
          // the user is typing: try these edits again after the next pause
          this.retries++;
          this.pending.unshift(...events);
          this.schedule();
          return null;
        }
        this.wanted = false;
        await this.removeHandlers();
        this.opts.onError(e);
        return null;
      }
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async removeHandlers(): Promise<void> {
    if (!this.handlers.length) {
      this.state = 'idle';
      return;
    }
    this.state = 'stopping';
    const list = this.handlers;
    const context = this.context;
    this.handlers = [];
    this.context = null;
    this.registered = new Set();
    const remove = async (ctx: XlRequestContext) => {
      for (const h of list) h.remove();
      await ctx.sync();
    };
    try {
      if (this.host.runIn) await this.host.runIn(context, remove);
      else await remove(context as XlRequestContext);
    } catch {
      /* the runtime is going away or the context is gone: Office drops its handlers with it */
    }
    this.state = 'idle';
  }

  private async onChanged(args: XlWorksheetChangedEventArgs): Promise<void> {
    if (!this.wanted || this.state !== 'on') return;
    if (args.triggerSource === 'ThisLocalAddin') return; // our own writes: the pane has their outcome
    this.pending.push({ sheetId: args.worksheetId, address: args.address, changeType: args.changeType });
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.opts.debounceMs ?? LIVE_DEBOUNCE_MS);
  }

  private async process(events: Pending[], base: RunOutcome): Promise<{ outcome: RunOutcome; flush: LiveFlush } | null> {
    const inScope = new Set(base.sheets);
    const caps = detectCaps(this.host);
    const { settings, lang } = this.opts.current();
    const options = { ...analyzeOptions(settings, lang), marks: false };
    const rects = new Map<string, CellRange[]>(); // sheet → edited rectangles
    const whole = new Set<string>();
    for (const e of events) {
      const name = this.idToName.get(e.sheetId);
      if (!name || IGNORED.has(name) || !inScope.has(name)) continue;
      if (e.changeType !== 'RangeEdited' && e.changeType !== 'Unknown') {
        whole.add(name); // rows/columns moved: positions of the known tables are stale
        continue;
      }
      const r = rectOf(e.address);
      if (!r) whole.add(name);
      else rects.set(name, [...(rects.get(name) ?? []), r]);
    }

    const tableRect = new Map<TableResult, CellRange>();
    for (const t of base.tables) {
      const r = rectOf(t.range);
      if (r) tableRect.set(t, r);
    }
    const touched = new Set<TableResult>();
    const outside: { sheet: string; rect: CellRange }[] = [];
    for (const [sheet, list] of rects) {
      if (whole.has(sheet)) continue;
      const mine = base.tables.filter((t) => t.sheet === sheet && tableRect.has(t));
      for (const r of list) {
        const hit = mine.filter((t) => intersects(tableRect.get(t)!, r));
        hit.forEach((t) => touched.add(t));
        if (!hit.length) {
          if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > OUTSIDE_CELLS) whole.add(sheet);
          else outside.push({ sheet, rect: r });
        }
      }
    }
    const touchedList = [...touched].filter((t) => !whole.has(t.sheet));
    const outsideList = outside.filter((o) => !whole.has(o.sheet));
    if (!touchedList.length && !outsideList.length && !whole.size) {
      return { outcome: base, flush: { syncs: 0, tables: [], sheets: [], events: events.length } };
    }

    const flush: LiveFlush = { syncs: 0, tables: [], sheets: [], events: events.length };
    // sheets whose merged areas could not be read (checked without them), and sheets re-read whole with them
    const noMerges = new Set<string>();
    const mergesRead = new Set<string>();
    const replaced = new Map<TableResult, TableResult[]>();
    const wholeResults = new Map<string, TableResult[]>();
    await this.host.run(async (ctx) => {
      // sync 1: touched tables, whole sheets, edited cells outside every table, with merged areas
      const queueAll = (merges: boolean) => {
        const tableReads = touchedList.map((t) => {
          const own = tableRect.get(t)!;
          const others = base.tables.filter((o) => o !== t && o.sheet === t.sheet && tableRect.has(o)).map((o) => tableRect.get(o)!);
          return { table: t, own, read: queueGrid(ctx, caps, t.sheet, readRect(own, others), merges) };
        });
        const sheetReads = [...whole].map((s) => ({ sheet: s, read: queueGrid(ctx, caps, s, 'used', merges) }));
        const cheap = outsideList.map((o) => {
          const r = ctx.workbook.worksheets
            .getItem(o.sheet)
            .getRangeByIndexes(o.rect.top, o.rect.left, o.rect.bottom - o.rect.top + 1, o.rect.right - o.rect.left + 1);
          r.load('values');
          return { sheet: o.sheet, range: r };
        });
        return { tableReads, sheetReads, cheap };
      };
      const one = await syncReads(ctx, queueAll, (x) => [...x.tableReads.map((y) => y.read), ...x.sheetReads.map((y) => y.read)]);
      flush.syncs += one.syncs;
      const q = one.q;
      const gridOfRead = (r: GridRead, i: number) => r.grid(one.given ? (one.given[i] ?? []) : undefined);
      const unread = (given: (CellRange[] | null)[] | null, i: number) => !!given && given[i] === null;
      const withMerges = (given: (CellRange[] | null)[] | null, i: number, r: GridRead) => (given ? given[i] !== null : r.mergesQueued);
      q.tableReads.forEach((tr, i) => unread(one.given, i) && noMerges.add(tr.table.sheet));
      q.sheetReads.forEach((sr, i) => {
        if (unread(one.given, q.tableReads.length + i)) noMerges.add(sr.sheet);
        else if (withMerges(one.given, q.tableReads.length + i, sr.read)) mergesRead.add(sr.sheet);
      });
      const tableGrids = q.tableReads.map((tr, i) => gridOfRead(tr.read, i));
      const sheetGrids = q.sheetReads.map((sr, i) => gridOfRead(sr.read, q.tableReads.length + i));
      q.tableReads.forEach((tr) => flush.tables.push(`${tr.table.sheet}!${tr.table.range}`));

      // sync 2, rarely: top-left cells of merges reaching into a table from above, and table words
      // typed outside every table (they may start a new table): that sheet
      const anchors = tableGrids.map((g) => (g ? outerAnchors(g) : []));
      const suspects = [
        ...new Set(
          q.cheap.filter((c) => c.range.values.some((row) => row.some((v) => typeof v === 'string' && TABLE_WORDS.test(v)))).map((c) => c.sheet),
        ),
      ];
      const queueTwo = (merges: boolean) => ({
        anchorReads: anchors.map((list, i) =>
          list.map((a) => {
            const range = ctx.workbook.worksheets.getItem(q.tableReads[i].table.sheet).getRangeByIndexes(a.row, a.col, 1, 1);
            range.load('values,numberFormat,formulas,valueTypes');
            return { ...a, range };
          }),
        ),
        again: suspects.map((s) => ({ sheet: s, read: queueGrid(ctx, caps, s, 'used', merges) })),
      });
      let two = { q: { anchorReads: anchors.map(() => []), again: [] } as ReturnType<typeof queueTwo>, given: null as (CellRange[] | null)[] | null };
      if (suspects.length || anchors.some((a) => a.length)) {
        const res = await syncReads(ctx, queueTwo, (x) => x.again.map((y) => y.read));
        flush.syncs += res.syncs;
        two = res;
      }
      const { anchorReads, again } = two.q;

      q.tableReads.forEach((tr, i) => {
        const g = tableGrids[i];
        const grid = g ? withCells(g, anchorReads[i]) : null;
        const found = grid ? this.opts.analyze([grid], options).tables : [];
        replaced.set(
          tr.table,
          found.filter((n) => {
            const r = rectOf(n.range);
            return !!r && intersects(r, tr.own);
          }),
        );
      });
      q.sheetReads.forEach((sr, i) => {
        const grid = sheetGrids[i];
        wholeResults.set(sr.sheet, grid ? this.opts.analyze([grid], options).tables : []);
        flush.sheets.push(sr.sheet);
      });
      for (const [i, sr] of again.entries()) {
        if (unread(two.given, i)) noMerges.add(sr.sheet);
        else if (withMerges(two.given, i, sr.read)) mergesRead.add(sr.sheet);
        const grid = sr.read.grid(two.given ? (two.given[i] ?? []) : undefined);
        wholeResults.set(sr.sheet, grid ? this.opts.analyze([grid], options).tables : []);
        flush.sheets.push(sr.sheet);
      }
    }, LIVE_RUN);

    let tables: TableResult[] = [];
    for (const t of base.tables) {
      if (wholeResults.has(t.sheet)) continue;
      tables.push(...(replaced.get(t) ?? [t]));
    }
    for (const list of wholeResults.values()) tables.push(...list);
    // a re-read table may also be found twice (two touched neighbours): keep one per range
    const seen = new Set<string>();
    tables = order(base.sheets, tables).filter((t) => {
      const k = `${t.sheet}!${t.range}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const findings = tables.flatMap((t) => t.findings);
    const outcome: RunOutcome = {
      ...base,
      notices: liveNotices(base.notices, noMerges, mergesRead),
      mode: 'analyze',
      status: tables.length ? 'ok' : 'no-table',
      tables,
      findings,
      counts: counts(tables),
      at: new Date().toISOString(),
    };
    return { outcome, flush };
  }
}

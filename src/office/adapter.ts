// The Office.js adapter: read in one batch, run the engine in memory, write in one batch.
// All scoring decisions come from the engine (`analyze`); this file only moves cells.
import {
  applyRunPlan,
  backupColumn,
  entriesInScope,
  planRestore,
  planRun,
  planSheets,
  planUndo,
  planWants,
  readStoreColumn,
  restoreDoc,
  rowRuns,
  staleEntries,
  storeResetNotice,
  verticalRects,
  type CellRef,
  type CellState,
  type Change,
  type FillChange,
} from '../host/plan';
import { blankOutcome, errorText, findingCounts, nothingWritten, type RunNotice, type RunOutcome } from '../host/outcome';
import type { AnalysisResult, AnalyzeOptions, Lang, SheetGrid } from '../core/types';
import { a1 } from '../core/address';
import type { XlCommentCollection, XlHost, XlNote, XlRange, XlRequestContext, XlWorksheet, XlWorksheetCollection } from './excel-api';
import { detectCaps, type Caps } from './caps';
import { legacyFormatOf } from './format';
import {
  formulaOf,
  gridCell,
  storeBackupOf,
  type StoreBackup,
  isPayloadError,
  isRequestTooLarge,
  readStoreAlone,
  readStoreLater,
  readStoreValues,
  readWorkbook,
  type ReadResult,
  type SheetRead,
} from './read';
import {
  emptyStore,
  encodeStore,
  entryKey,
  rekeyEntries,
  sameColor,
  STORE_SHEET,
  type FillState,
  type SheetIdent,
  type StoreDoc,
  type StoredValue,
} from './store';
import { analyzeOptions, LAST_RUN_KEY, normalizeSettings, SETTINGS_KEY, type ZipingSettings } from './settings';

export type Analyze = (sheets: SheetGrid[], options?: AnalyzeOptions) => AnalysisResult;
export type { RunCounts, RunMode, RunNotice, RunOutcome, RunStatus } from '../host/outcome';

export interface AdapterOptions {
  analyze: Analyze;
  settings?: Partial<ZipingSettings>;
  lang?: Lang;
  /** Cells per read chunk (tests use small values). */
  chunkCells?: number;
  /**
   * Restore only (重置恢复信息): when the store cannot be read, back it up to column B and start it
   * empty; when it reads fine, do nothing (status ok, no notice): never a 清除标记 the user did not ask for.
   */
  resetUnreadable?: boolean;
}

/** host.documentUrl(), null when the host cannot tell. */
function documentUrlOf(host: XlHost): string | null {
  try {
    return host.documentUrl?.() ?? null;
  } catch {
    return null;
  }
}

// --- cell state ----------------------------------------------------------------

function storedValue(v: unknown, type?: string): StoredValue {
  if (v === null || v === undefined || v === '' || type === 'Empty') return null;
  if (type === 'Error') return { e: String(v) };
  if (typeof v === 'object' && v !== null && 'error' in (v as object)) return { e: String((v as { error: string }).error) };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** A cell to read, and whether its fill and note matter. */
interface CellNeed extends CellRef {
  fill?: boolean;
  note?: boolean;
}

/** Queued reads of the current fill/note (and value, outside the grid) of cells. */
class StateReader {
  private fills = new Map<string, () => FillState | null>();
  private notes = new Map<string, XlNote>();
  private outside = new Map<string, XlRange>();

  constructor(
    private readonly caps: Caps,
    private readonly sheetOf: (name: string) => XlWorksheet,
    private readonly grids: Map<string, SheetGrid>,
  ) {}

  queue(cells: CellNeed[]): void {
    const bySheetCol = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const c of cells) {
      const key = entryKey(c.sheet, c.row, c.col);
      const ws = this.sheetOf(c.sheet);
      if (!seen.has(key) && !this.outside.has(key)) {
        const grid = this.grids.get(c.sheet);
        if (!grid || !gridCell(grid, c.row, c.col)) {
          const r = ws.getRangeByIndexes(c.row, c.col, 1, 1);
          r.load('values,numberFormat,formulas,valueTypes');
          this.outside.set(key, r);
        }
      }
      seen.add(key);
      if (c.note && this.caps.notes && !this.notes.has(key)) {
        const n = ws.notes.getItemOrNullObject(a1(c.row, c.col));
        n.load('content');
        this.notes.set(key, n);
      }
      if (!c.fill || this.fills.has(key)) continue;
      this.fills.set(key, () => null);
      if (this.caps.rangeAreas) {
        const k = `${c.sheet}\u0000${c.col}`;
        const list = bySheetCol.get(k) ?? [];
        list.push(c.row);
        bySheetCol.set(k, list);
      } else {
        const fill = ws.getRangeByIndexes(c.row, c.col, 1, 1).format.fill;
        fill.load('color');
        // 1.7 cannot tell "no fill" from white: white reads as no fill
        this.fills.set(key, () => (sameColor(fill.color, '#FFFFFF') || !fill.color ? null : { c: fill.color.toUpperCase() }));
      }
    }
    // 1.9+: one getCellProperties per vertical run of cells
    for (const [k, rowList] of bySheetCol) {
      const [sheet, colText] = k.split('\u0000');
      const col = Number(colText);
      const sorted = [...new Set(rowList)].sort((a, b) => a - b);
      // one read per column stretch; gaps of a few rows cost less than another operation
      for (const run of rowRuns(sorted, 20)) {
        const res = this.sheetOf(sheet)
          .getRangeByIndexes(run.start, col, run.length, 1)
          .getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } });
        for (let i = 0; i < run.length; i++) {
          this.fills.set(entryKey(sheet, run.start + i, col), () => {
            // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- getCellProperties returns a ClientResult, read after the caller's sync
            const f = res.value[i][0].format?.fill ?? {};
            if (f.tintAndShade === null || f.tintAndShade === undefined || !f.color) return null;
            const state: FillState = { c: f.color.toUpperCase() };
            if (f.pattern && f.pattern !== 'Solid' && f.pattern !== 'None') {
              state.p = f.pattern;
              if (f.patternColor) state.pc = f.patternColor.toUpperCase();
            }
            if (f.tintAndShade) state.t = f.tintAndShade;
            return state;
          });
        }
      }
    }
  }

  state(c: CellRef): CellState {
    const key = entryKey(c.sheet, c.row, c.col);
    let value: StoredValue = null;
    let format = 'General';
    let formula: string | null = null;
    const out = this.outside.get(key);
    if (out) {
      value = storedValue(out.values[0][0], out.valueTypes[0][0]);
      format = String(out.numberFormat[0][0] ?? 'General');
      formula = formulaOf(out.formulas[0][0], out.values[0][0]);
    } else {
      const g = this.grids.get(c.sheet);
      const cell = g ? gridCell(g, c.row, c.col) : undefined;
      if (cell) {
        value = storedValue(cell.value);
        format = cell.format;
        formula = cell.formula;
      }
    }
    const fillFn = this.fills.get(key);
    const note = this.notes.get(key);
    return {
      value,
      format,
      formula,
      fill: fillFn ? fillFn() : null,
      note: note && !note.isNullObject ? note.content : null,
    };
  }

  noteProxy(c: CellRef): XlNote | undefined {
    return this.notes.get(entryKey(c.sheet, c.row, c.col));
  }

  has(c: CellRef): boolean {
    const k = entryKey(c.sheet, c.row, c.col);
    return this.fills.has(k) || this.notes.has(k) || this.outside.has(k);
  }
}

/** The state reads of one run, made in one or more syncs. */
class States {
  constructor(private parts: StateReader[]) {}

  add(parts: StateReader[]): void {
    this.parts.push(...parts);
  }

  private of(c: CellRef): StateReader {
    for (let i = this.parts.length - 1; i >= 0; i--) if (this.parts[i].has(c)) return this.parts[i];
    return this.parts[0];
  }

  state(c: CellRef): CellState {
    return this.of(c).state(c);
  }

  noteProxy(c: CellRef): XlNote | undefined {
    return this.of(c).noteProxy(c);
  }
}

/**
 * Reads the current state of `cells` (with `extras`, queued again on each attempt) in one sync;
 * when the response is too large (ResponsePayloadSizeLimitExceeded), in halves, the extras with the
 * first half. Reads change nothing, so a refused sync can simply be made again.
 */
async function readStates(
  context: XlRequestContext,
  caps: Caps,
  sheetOf: (name: string) => XlWorksheet,
  grids: Map<string, SheetGrid>,
  cells: CellNeed[],
  extras: () => void = () => undefined,
  extrasAlone: () => Promise<void> = async () => {
    extras();
    await context.sync();
  },
): Promise<StateReader[]> {
  const attempt = async (list: CellNeed[], withExtras: boolean): Promise<StateReader[]> => {
    const reader = new StateReader(caps, sheetOf, grids);
    reader.queue(list);
    if (withExtras) extras();
    try {
      await context.sync();
      return [reader];
    } catch (e) {
      if (!isPayloadError(e)) throw e;
      if (withExtras) {
        // the extras on their own (they may be the large part), then the cells without them
        await extrasAlone();
        return attempt(list, false);
      }
      if (list.length < 2) throw e;
      const mid = list.length >> 1;
      return [...(await attempt(list.slice(0, mid), false)), ...(await attempt(list.slice(mid), false))];
    }
  };
  return attempt(cells, true);
}

// --- changes ----------------------------------------------------------------------

/** Queues every change in as few operations as the host allows. Returns op counts. */
function queueChanges(
  changes: Change[],
  caps: Caps,
  sheetOf: (name: string) => XlWorksheet,
  reader: Pick<States, 'noteProxy'> | null,
  noteExists: (c: CellRef) => boolean,
): { values: number; fills: number; notes: number } {
  const done = { values: 0, fills: 0, notes: 0 };

  // values: one range per vertical run, number format first (so Text cells stay text)
  const byCol = new Map<string, Change[]>();
  for (const ch of changes) {
    if (!ch.value) continue;
    const k = `${ch.sheet}\u0000${ch.col}`;
    const list = byCol.get(k) ?? [];
    list.push(ch);
    byCol.set(k, list);
  }
  for (const list of byCol.values()) {
    list.sort((a, b) => a.row - b.row);
    let i = 0;
    while (i < list.length) {
      let j = i + 1;
      while (j < list.length && list[j].row === list[j - 1].row + 1) j++;
      const part = list.slice(i, j);
      const range = sheetOf(part[0].sheet).getRangeByIndexes(part[0].row, part[0].col, part.length, 1);
      range.numberFormat = part.map((c) => [c.value!.format]);
      range.values = part.map((c) => [c.value!.input]);
      done.values += part.length;
      i = j;
    }
  }

  // fills: grouped by target fill
  const groups = new Map<string, { sheet: string; fill: FillChange; cells: CellRef[] }>();
  for (const ch of changes) {
    if (!ch.fill) continue;
    const f = ch.fill;
    const fk = f.clear ? 'clear' : `${f.color}|${f.pattern ?? ''}|${f.patternColor ?? ''}|${f.tint ?? ''}`;
    const k = `${ch.sheet}\u0000${fk}`;
    const g = groups.get(k) ?? { sheet: ch.sheet, fill: f, cells: [] };
    g.cells.push(ch);
    groups.set(k, g);
    done.fills++;
  }
  for (const g of groups.values()) {
    const rects = verticalRects(g.cells);
    const apply = (fill: { color: string; pattern: string; patternColor: string; tintAndShade: number | null; clear(): void }) => {
      const f = g.fill;
      if (f.clear) return fill.clear();
      fill.color = f.color;
      if (caps.rangeAreas && f.pattern) fill.pattern = f.pattern;
      if (caps.rangeAreas && f.patternColor) fill.patternColor = f.patternColor;
      if (caps.rangeAreas && f.tint) fill.tintAndShade = f.tint; // after color, which resets it
    };
    if (caps.rangeAreas) {
      // 1.9+: one RangeAreas per group (chunks keep the address string short)
      for (let i = 0; i < rects.length; i += 100) {
        const address = rects
          .slice(i, i + 100)
          .map((r) => (r.length === 1 ? a1(r.start, r.col) : `${a1(r.start, r.col)}:${a1(r.start + r.length - 1, r.col)}`))
          .join(',');
        apply(sheetOf(g.sheet).getRanges(address).format.fill);
      }
    } else {
      for (const r of rects) apply(sheetOf(g.sheet).getRangeByIndexes(r.start, r.col, r.length, 1).format.fill);
    }
  }

  // notes (1.18 only)
  if (caps.notes) {
    for (const ch of changes) {
      if (!ch.note) continue;
      const existing = reader?.noteProxy(ch);
      const exists = noteExists(ch);
      if (ch.note.text === null) {
        if (exists && existing) existing.delete();
      } else if (exists && existing) {
        existing.content = ch.note.text;
      } else {
        const ws = sheetOf(ch.sheet);
        ws.notes.add(ws.getRangeByIndexes(ch.row, ch.col, 1, 1), ch.note.text);
      }
      done.notes++;
    }
  }
  return done;
}

// --- store writes -----------------------------------------------------------------

interface StoreTarget {
  proxy: XlWorksheet | null;
  rows: number;
  visibility: string | null;
  /** An unreadable store's cells: copied to column B (after a stamp in B1) before column A is rewritten. */
  backup?: StoreBackup | null;
}

/** The store update, in pieces of rows so a batch too large for one request can be split. */
interface StorePlan {
  pieces: number;
  /** Queues rows [from, to); from 0 also creates or deletes the sheet and hides it. */
  queue(from: number, to: number): void;
}

/**
 * Deletes the store sheet. Excel refuses to delete a VeryHidden sheet (InvalidOperation; Worksheet.delete
 * docs, office-js #365 "by design"): it is made Hidden first, in the same batch (Microsoft's workaround).
 */
function deleteStoreSheet(ws: XlWorksheet): void {
  ws.visibility = 'Hidden';
  ws.delete();
}

/** Queues the copy of an unreadable store's cells to column B of the store sheet. */
function queueBackup(ws: XlWorksheet, backup: StoreBackup): void {
  const rows = backupColumn(backup);
  const range = ws.getRangeByIndexes(0, 1, rows.length, 1);
  range.numberFormat = rows.map(() => ['@']);
  range.values = rows.map((v) => [v]);
}

/** The store update that goes first in the write batch; null when it cannot be written. */
function planStore(context: XlRequestContext, target: StoreTarget, doc: StoreDoc, workbookProtected: boolean, allowDelete = true): StorePlan | null {
  const empty = doc.entries.length === 0;
  const backup = target.backup ?? null;
  if (empty) {
    const proxy = target.proxy;
    if (!proxy) return { pieces: 0, queue: () => undefined };
    // an unreadable store's backup lives in the sheet: it stays
    if (!workbookProtected && allowDelete && !backup) return { pieces: 1, queue: () => deleteStoreSheet(proxy) };
  } else if (!target.proxy && workbookProtected) {
    return null;
  }
  // with a backup in column B, column A keeps an (empty) store so the store's used range starts at A
  const chunks = empty && !backup ? [] : encodeStore(doc);
  const n = Math.max(chunks.length, target.rows, 1);
  let ws: XlWorksheet | null = target.proxy;
  return {
    pieces: n,
    queue(from, to) {
      if (from === 0) {
        ws = target.proxy;
        if (!ws) {
          ws = context.workbook.worksheets.add(STORE_SHEET);
          ws.visibility = 'VeryHidden';
        } else if (target.visibility !== 'VeryHidden' && !workbookProtected) {
          ws.visibility = 'VeryHidden';
        }
        if (backup) queueBackup(ws, backup);
      }
      const end = Math.min(to, n);
      if (!ws || end <= from) return;
      const range = ws.getRangeByIndexes(from, 0, end - from, 1);
      range.numberFormat = Array.from({ length: end - from }, () => ['@']);
      range.values = Array.from({ length: end - from }, (_, i) => [chunks[from + i] ?? '']);
    },
  };
}

/**
 * Sends a write batch (the store first, then the cell changes, then `tail`) in one sync. When
 * Excel refuses the request as too large (RequestPayloadSizeLimitExceeded: nothing ran), sends the
 * same operations again in order, halving the parts until each request fits.
 */
async function syncWrites(
  context: XlRequestContext,
  store: StorePlan,
  changes: Change[],
  queueCells: (list: Change[]) => void,
  tail?: () => void,
): Promise<void> {
  const total = store.pieces + changes.length + (tail ? 1 : 0);
  const send = async (a: number, b: number): Promise<void> => {
    if (a < store.pieces) store.queue(a, Math.min(b, store.pieces));
    const c0 = Math.max(a - store.pieces, 0);
    const c1 = Math.min(b - store.pieces, changes.length);
    if (c1 > c0) queueCells(changes.slice(c0, c1));
    if (tail && b === total) tail();
    try {
      await context.sync();
    } catch (e) {
      if (!isRequestTooLarge(e) || b - a < 2) throw e;
      const mid = Math.floor((a + b) / 2);
      await send(a, mid);
      await send(mid, b);
    }
  };
  await send(0, total);
}

function lastRunSummary(o: RunOutcome): string {
  const { tables, findings, ...rest } = o;
  return JSON.stringify({
    ...rest,
    tables: tables.map((t) => ({ sheet: t.sheet, range: t.range, name: t.projectName, total: t.total, grade: t.grade })),
  });
}

// --- sheet ids and threaded comments ---------------------------------------------------

/** Queues the load of every sheet's id and name; call the result after the sync. */
function loadSheetIdents(worksheets: XlWorksheetCollection): () => SheetIdent[] {
  worksheets.load('items/id,items/name');
  return () => worksheets.items.filter((w) => w.name !== STORE_SHEET).map((w) => ({ id: w.id, name: w.name }));
}

/**
 * Queues the cells of the threaded comments listed in an earlier sync (one getLocation each, no
 * extra sync); call the result after the sync. If the list was lost (its sync failed on a payload
 * error and the read was redone), it is read again at the cost of one more sync.
 */
function queueCommentCells(comments: XlCommentCollection | null): (context: XlRequestContext) => Promise<Set<string>> {
  if (!comments) return async () => new Set();
  const locate = () =>
    comments.items.map((c) => {
      const r = c.getLocation();
      r.load('address,rowIndex,columnIndex');
      return r;
    });
  let ranges: XlRange[] | null = null;
  try {
    ranges = locate();
  } catch {
    comments.load('items/id');
  }
  return async (context) => {
    if (!ranges) {
      ranges = locate();
      await context.sync();
    }
    const cells = new Set<string>();
    for (const r of ranges) cells.add(entryKey(sheetOfAddress(r.address), r.rowIndex, r.columnIndex));
    return cells;
  };
}

/** "'丰台 (2)'!H20" → "丰台 (2)". */
export function sheetOfAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  const name = bang < 0 ? '' : address.slice(0, bang);
  return name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

// --- recompute / validate / analyze ---------------------------------------------------

/** What the read could not do: sheets without merges (audit 2, #4), sheets too large to read (#9). */
export function readNotices(read: Pick<ReadResult, 'noMerges' | 'tooLarge'>): RunNotice[] {
  return [
    ...(read.tooLarge ?? []).map((t): RunNotice => ({ kind: 'too-large', sheet: t.sheet, cell: `A${t.rows}` })),
    ...(read.noMerges ?? []).map((sheet): RunNotice => ({ kind: 'no-merges', sheet, cell: 'A1' })),
  ];
}

/**
 * recompute: write planned values and marks; validate: marks only; analyze: read only.
 * Sync count (sheet scope): 1 read (size and cells) + 1 state read (fills/notes, store) + 1 write;
 * +1 for workbook scope, +1 when earlier marks went stale, +1 per chunk when the read is too large.
 */
export async function runAnalysis(host: XlHost, mode: 'recompute' | 'validate' | 'analyze', opts: AdapterOptions): Promise<RunOutcome> {
  const settings = normalizeSettings({ ...(opts.settings ?? {}) });
  const lang: Lang = opts.lang ?? settings.lang ?? 'zh';
  // an .xls / .et (compatibility mode) is checked but never written (audit-2 #5, docs/decisions.md)
  const legacy = mode === 'analyze' ? null : legacyFormatOf(documentUrlOf(host));
  const effective = legacy ? 'analyze' : mode === 'recompute' && settings.checkOnly ? 'validate' : mode;
  const caps = detectCaps(host);
  const outcome = blankOutcome(mode, settings.scope);
  if (legacy) outcome.notices.push({ kind: 'legacy-format', sheet: '', cell: '', format: legacy });

  return host.run(async (context) => {
    // threaded comments (1.10) take the place of a note: listed in the read's first sync
    const comments = caps.notes && effective !== 'analyze' ? context.workbook.comments.load('items/id') : null;
    const read = await readWorkbook(context, {
      scope: settings.scope,
      caps,
      chunkCells: opts.chunkCells,
      withStore: effective !== 'analyze' ? 'deferred' : false,
    });
    outcome.activeSheet = read.activeSheet;
    outcome.notices.push(...readNotices(read));
    const grids = read.sheets.filter((s) => s.grid.values.length > 0).map((s) => s.grid);
    outcome.sheets = grids.map((g) => g.name);
    outcome.protectedSheets = read.sheets.filter((s) => s.protected).map((s) => s.name);

    const analysis = opts.analyze(grids, analyzeOptions(settings, lang));
    outcome.tables = analysis.tables;
    outcome.findings = analysis.findings;
    outcome.counts = findingCounts(analysis.findings);

    const sheetPlan = planSheets(read.sheets, analysis.tables);
    if (sheetPlan.withTables.size === 0) {
      outcome.status = 'no-table';
      return outcome;
    }
    if (effective === 'analyze') return outcome;
    const writable = sheetPlan.writable;
    if (writable.size === 0) {
      outcome.status = 'protected';
      return outcome;
    }

    const sheetMap = new Map<string, SheetRead>(read.sheets.map((s) => [s.name, s]));
    const sheetOf = (name: string) => sheetMap.get(name)!.proxy;
    const gridMap = new Map(read.sheets.map((s) => [s.name, s.grid]));

    // what the engine wants, per cell (merges known where they were read: ExcelApi 1.13+)
    const { wants, skippedFormulas } = planWants(
      analysis,
      effective,
      writable,
      (c) => !!gridCell(gridMap.get(c.sheet)!, c.row, c.col)?.formula,
      (sheet) => gridMap.get(sheet)?.merges,
    );
    outcome.written.skippedFormulas = skippedFormulas;

    // state read: current fills/notes of every cell we may touch, the store, the sheet ids and the
    // threaded comments' cells, in one sync
    let storeRead = () => undefined as void;
    let sheetList = () => [] as SheetIdent[];
    let threadedRead = queueCommentCells(null);
    const reader = new States(
      await readStates(
        context,
        caps,
        sheetOf,
        gridMap,
        [...wants.values()].map((w) => ({ sheet: w.sheet, row: w.row, col: w.col, fill: !!w.mark, note: !!w.mark })),
        () => {
          storeRead = readStoreLater(read);
          sheetList = loadSheetIdents(context.workbook.worksheets);
          threadedRead = queueCommentCells(comments);
        },
        async () => {
          storeRead = () => undefined;
          await readStoreAlone(context, read);
          sheetList = loadSheetIdents(context.workbook.worksheets);
          threadedRead = queueCommentCells(comments);
          await context.sync();
        },
      ),
    );
    storeRead();
    const backup = storeBackupOf(read);
    if (backup) outcome.notices.push(storeResetNotice());
    const idents = sheetList();
    const idOf = new Map(idents.map((x) => [x.name, x.id]));
    const threaded = await threadedRead(context);
    // entries follow their sheet through a rename (and were written before ids: by name)
    if (read.store) rekeyEntries(read.store.entries, idents, read.store.sheets);

    // marks of an earlier run that are no longer wanted: one more sync, only when there are any
    const stale = staleEntries(read.store, wants, writable);
    if (stale.length) {
      reader.add(
        await readStates(
          context,
          caps,
          sheetOf,
          gridMap,
          stale.map((e) => ({ sheet: e.s, row: e.r, col: e.c, fill: !!e.fill, note: !!e.note })),
        ),
      );
    }

    const store = read.store ?? emptyStore();
    const plan = planRun({
      wants,
      store,
      stale,
      state: (c) => reader.state(c),
      notes: caps.notes,
      threaded,
      idOf: (sheet) => idOf.get(sheet),
      sheets: idents.map((x) => ({ i: x.id, s: x.name })),
    });
    applyRunPlan(outcome, plan);
    const { changes, before, doc: newDoc } = plan;
    const storeTarget: StoreTarget = { proxy: read.storeProxy, rows: read.storeRows, visibility: read.storeVisibility, backup };
    const storePlan = planStore(context, storeTarget, newDoc, read.workbookProtected);
    if (!storePlan) {
      outcome.status = 'workbook-protected';
      return outcome;
    }
    const noteExists = (c: CellRef) => (before.get(entryKey(c.sheet, c.row, c.col))?.note ?? null) !== null;
    outcome.status = sheetPlan.status;
    try {
      await syncWrites(
        context,
        storePlan,
        changes,
        (list) => queueChanges(list, caps, sheetOf, reader, noteExists),
        () => context.workbook.settings.add(LAST_RUN_KEY, lastRunSummary(outcome)),
      );
    } catch (e) {
      outcome.status = 'error';
      outcome.error = errorText(e);
      outcome.rolledBack = await rollback(context, caps, sheetOf, changes, before, read, store, encodeStore(newDoc).length);
      nothingWritten(outcome);
    }
    return outcome;
  });
}

/** After a failed write batch: put every touched cell and the store back as they were. */
async function rollback(
  context: XlRequestContext,
  caps: Caps,
  sheetOf: (name: string) => XlWorksheet,
  changes: Change[],
  before: Map<string, CellState>,
  read: ReadResult,
  oldStore: StoreDoc,
  newRows: number,
): Promise<boolean> {
  try {
    // find out what exists now (the failed batch may have stopped anywhere)
    let store!: XlWorksheet;
    const reader = new States(
      await readStates(
        context,
        caps,
        sheetOf,
        new Map(),
        changes.map((c) => ({ ...c, fill: !!c.fill, note: !!c.note })),
        () => {
          store = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
        },
      ),
    );
    const undo = planUndo(changes, before);
    const target: StoreTarget = {
      proxy: store.isNullObject ? null : store,
      rows: Math.max(read.storeRows, newRows),
      visibility: 'VeryHidden',
      backup: storeBackupOf(read),
    };
    const plan: StorePlan | null = read.storeProxy
      ? planStore(context, target, oldStore, read.workbookProtected, false)
      : { pieces: store.isNullObject ? 0 : 1, queue: () => deleteStoreSheet(store) };
    await syncWrites(context, plan ?? { pieces: 0, queue: () => undefined }, undo, (list) =>
      queueChanges(list, caps, sheetOf, reader, (c) => reader.state(c).note !== null),
    );
    return true;
  } catch {
    return false;
  }
}

// --- restore ----------------------------------------------------------------------------

/**
 * Brings back the original value, number format, fill and note of every cell the add-in changed.
 * Syncs: (1) active sheet, store, sheet ids; (2) the store's cells; (3) protection and current
 * state of the entries' sheets (only sheets that exist: a deleted one is never touched); (4) write.
 */
export async function runRestore(host: XlHost, opts: Omit<AdapterOptions, 'analyze'> = {}): Promise<RunOutcome> {
  const settings = normalizeSettings({ ...(opts.settings ?? {}) });
  const caps = detectCaps(host);
  const outcome = blankOutcome('restore', settings.scope);
  return host.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const active = worksheets.getActiveWorksheet();
    active.load('name');
    const storeWs = worksheets.getItemOrNullObject(STORE_SHEET);
    storeWs.load('visibility');
    context.workbook.protection.load('protected');
    const sheetList = loadSheetIdents(worksheets);
    await context.sync();
    outcome.activeSheet = active.name;
    if (storeWs.isNullObject) {
      outcome.status = 'nothing-to-restore';
      return outcome;
    }
    const idents = sheetList();
    const got = await readStoreValues(context, storeWs);
    const storeRows = got ? got.top + got.values.length : 0;
    const { doc, backup } = readStoreColumn(got ? got.values : null);
    if (backup) {
      outcome.status = 'store-unreadable';
      outcome.error = backup.error;
      if (!opts.resetUnreadable || !got) {
        // kept as the last run: a task pane opened after a ribbon 清除标记 offers 重置恢复信息
        try {
          context.workbook.settings.add(LAST_RUN_KEY, lastRunSummary(outcome));
          await context.sync();
        } catch {
          /* the outcome itself says it */
        }
        return outcome;
      }
      // 重置恢复信息: the cells go to column B, column A starts empty (the sheet stays)
      const plan = planStore(
        context,
        { proxy: storeWs, rows: storeRows, visibility: storeWs.visibility, backup },
        emptyStore(),
        context.workbook.protection.protected,
      );
      outcome.status = 'ok';
      delete outcome.error;
      outcome.notices.push(storeResetNotice());
      try {
        await syncWrites(
          context,
          plan!,
          [],
          () => undefined,
          () => context.workbook.settings.add(LAST_RUN_KEY, lastRunSummary(outcome)),
        );
      } catch (err) {
        outcome.status = 'error';
        outcome.error = errorText(err);
        outcome.notices = [];
      }
      return outcome;
    }
    // 重置恢复信息 on a store that reads fine (fixed meanwhile): nothing to reset, nothing restored
    if (opts.resetUnreadable) return outcome;
    const all = doc?.entries ?? [];
    rekeyEntries(all, idents, doc?.sheets);
    const inScope = entriesInScope(all, settings.scope, active.name);
    if (inScope.length === 0) {
      outcome.status = 'nothing-to-restore';
      return outcome;
    }

    // sheets of the entries that exist now: protection and the cells' current state, one sync
    const existing = new Set(idents.map((x) => x.name));
    const names = [...new Set(inScope.map((e) => e.s))].filter((n) => existing.has(n));
    const proxies = new Map<string, XlWorksheet>(names.map((n) => [n, worksheets.getItem(n)]));
    const sheetOf = (n: string) => proxies.get(n)!;
    const present = inScope.filter((e) => proxies.has(e.s));
    const reader = new States(
      await readStates(
        context,
        caps,
        sheetOf,
        new Map(),
        present.map((e) => ({ sheet: e.s, row: e.r, col: e.c, fill: !!e.fill, note: !!e.note })),
        () => {
          for (const ws of proxies.values()) ws.protection.load('protected');
        },
      ),
    );
    const locked = new Set(names.filter((n) => proxies.get(n)!.protection.protected));
    outcome.protectedSheets = [...locked];
    const rp = planRestore({ all, inScope, existing, locked, state: (c) => reader.state(c), notes: caps.notes });
    outcome.written.restored = rp.restored;
    outcome.written.kept = rp.kept;
    const changes = rp.changes;
    const plan = planStore(
      context,
      { proxy: storeWs, rows: storeRows, visibility: storeWs.visibility },
      restoreDoc(
        rp.remaining,
        idents.map((x) => ({ i: x.id, s: x.name })),
      ),
      context.workbook.protection.protected,
    );
    if (!plan) {
      outcome.status = 'workbook-protected';
      return outcome;
    }
    outcome.status = locked.size ? 'protected' : 'ok';
    try {
      await syncWrites(
        context,
        plan,
        changes,
        (list) => queueChanges(list, caps, sheetOf, reader, (c) => reader.state(c).note !== null),
        () => context.workbook.settings.add(LAST_RUN_KEY, lastRunSummary(outcome)),
      );
    } catch (e) {
      outcome.status = 'error';
      outcome.error = errorText(e);
    }
    return outcome;
  });
}

// --- small helpers used by the task pane -------------------------------------------

/** Activates the sheet and selects the cell of a finding. */
export async function selectCell(host: XlHost, sheet: string, address: string): Promise<void> {
  await host.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  });
}

export async function loadSettings(host: XlHost): Promise<ZipingSettings> {
  return host.run(async (context) => {
    const s = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    s.load('value');
    await context.sync();
    return normalizeSettings(s.isNullObject ? null : s.value);
  });
}

export async function saveSettings(host: XlHost, settings: ZipingSettings): Promise<void> {
  await host.run(async (context) => {
    context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(settings));
    await context.sync();
  });
}

export interface LastRun extends Omit<RunOutcome, 'tables' | 'findings'> {
  tables: { sheet: string; range: string; name: string | null; total: number | null; grade: string | null }[];
}

export async function loadLastRun(host: XlHost): Promise<LastRun | null> {
  return host.run(async (context) => {
    const s = context.workbook.settings.getItemOrNullObject(LAST_RUN_KEY);
    s.load('value');
    await context.sync();
    if (s.isNullObject) return null;
    try {
      return JSON.parse(String(s.value)) as LastRun;
    } catch {
      return null;
    }
  });
}

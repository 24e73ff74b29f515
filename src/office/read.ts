// Reading sheets into SheetGrids: a constant number of syncs (one list sync for
// workbook scope, one meta sync, then one sync per chunk of ~CHUNK_CELLS cells).
import type { CellRange, CellValue, SheetGrid } from '../core/types';
import { parseRangeA1 } from '../core/address';
import type { XlRange, XlRequestContext, XlWorksheet } from './excel-api';
import type { Caps } from './caps';
import { decodeStore, STORE_SHEET, StoreError, type StoreDoc } from './store';
import { MERGE_BAND_ROWS, queueSheetMerges, readMergesBanded, type MergeTarget } from './merges';

/** Cells (× 4 properties) per sync; ~60 bytes per cell keeps a chunk far below Excel on the web's 5 MB. */
export const CHUNK_CELLS = 20000;
/**
 * A sheet whose values-only used range is larger than this is not read at all (audit 2, #9;
 * docs/decisions.md "Sheets too large to read"): a formula filled to row 1,048,576 would take
 * hundreds of syncs and more memory than the Office 2019 webview has.
 */
export const MAX_SHEET_ROWS = 200000;
export const MAX_SHEET_CELLS = 2000000;
/** The speculative one-sync read covers at most this box from A1 (192k cells); a larger sheet is read in chunks. */
export const SPEC_ROWS = 3000;
export const SPEC_COLS = 64;

export type Scope = 'sheet' | 'workbook';

export interface SheetRead {
  name: string;
  protected: boolean;
  grid: SheetGrid;
  proxy: XlWorksheet;
}

export interface ReadResult {
  sheets: SheetRead[];
  activeSheet: string;
  workbookProtected: boolean;
  store: StoreDoc | null;
  storeProxy: XlWorksheet | null;
  /** Rows of column A the store sheet uses now (to blank them when the store shrinks). */
  storeRows: number;
  storeVisibility: string | null;
  /** The store exists but was not read yet (withStore: 'deferred'): call readStoreLater. */
  storeDeferred?: boolean;
  /** The store exists but cannot be parsed: its column A as read (the run treats the store as empty). */
  storeUnreadable?: { values: unknown[]; error: string } | null;
  /** Sheets read without their merged areas (the banded read failed too, audit 2, #4). */
  noMerges: string[];
  /** Sheets not read because they are too large (audit 2, #9): name and last used row (1-based). */
  tooLarge: { sheet: string; rows: number }[];
}

/** An unreadable store's cells and why, to copy aside before the store is rewritten. */
export interface StoreBackup {
  at: string;
  error: string;
  values: unknown[];
}

export function storeBackupOf(read: ReadResult): StoreBackup | null {
  const u = read.storeUnreadable;
  return u ? { at: new Date().toISOString(), error: u.error, values: u.values } : null;
}

/**
 * decodeStore that never throws: an unreadable store (two co-authors' runs merged cell by cell, a
 * newer add-in's format) is recorded in read.storeUnreadable and read as empty, so it never blocks
 * recompute or validate (audit 2, #6).
 */
function decodeInto(read: ReadResult, values: unknown[][] | null, top: number): void {
  read.storeRows = values ? top + values.length : 0;
  try {
    read.store = decodeStore(values);
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    read.store = null;
    read.storeUnreadable = { values: (values ?? []).map((row) => row?.[0]), error: e.message };
  }
}

/**
 * Queues the read of a deferred store into the caller's next sync; call the returned function
 * after that sync to fill read.store and read.storeRows.
 */
export function readStoreLater(read: ReadResult): () => void {
  if (!read.storeDeferred || !read.storeProxy) return () => undefined;
  const range = read.storeProxy.getUsedRangeOrNullObject(true);
  range.load('values,rowIndex');
  // the plugin cannot see that this runs after the caller's sync (the point of the deferred read)
  /* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load -- runs after the caller's sync */
  return () => {
    read.storeDeferred = false;
    if (range.isNullObject) return;
    decodeInto(read, range.values, range.rowIndex);
  };
  /* eslint-enable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
}

/**
 * Column A of the store sheet: in one sync, or, when the response is too large, its size first and
 * then in row parts halved until each fits. null when the sheet is empty.
 */
export async function readStoreValues(context: XlRequestContext, storeWs: XlWorksheet): Promise<{ values: unknown[][]; top: number } | null> {
  const used = storeWs.getUsedRangeOrNullObject(true);
  used.load('values,rowIndex');
  try {
    await context.sync();
    return used.isNullObject ? null : { values: used.values, top: used.rowIndex };
  } catch (e) {
    if (!isPayloadError(e)) throw e;
  }
  const size = storeWs.getUsedRangeOrNullObject(true);
  size.load('rowIndex,rowCount');
  await context.sync();
  if (size.isNullObject) return null;
  const values: unknown[][] = [];
  let per = Math.max(1, size.rowCount >> 1);
  for (let r = 0; r < size.rowCount;) {
    const n = Math.min(per, size.rowCount - r);
    const part = storeWs.getRangeByIndexes(size.rowIndex + r, 0, n, 1);
    part.load('values');
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only after a payload error: parts halve until each fits
      await context.sync();
    } catch (e) {
      if (!isPayloadError(e) || n === 1) throw e;
      per = Math.max(1, n >> 1);
      continue;
    }
    values.push(...part.values);
    r += n;
  }
  return { values, top: size.rowIndex };
}

/** readStoreLater's fallback: the deferred store read on its own, in parts if need be. */
export async function readStoreAlone(context: XlRequestContext, read: ReadResult): Promise<void> {
  if (!read.storeDeferred || !read.storeProxy) return;
  const got = await readStoreValues(context, read.storeProxy);
  read.storeDeferred = false;
  if (!got) return;
  decodeInto(read, got.values, got.top);
}

export interface ReadOptions {
  scope: Scope;
  caps: Caps;
  chunkCells?: number;
  /** Read the store sheet too (restore); 'deferred': only find it, the caller reads it later with readStoreLater. */
  withStore?: boolean | 'deferred';
  /**
   * Sheet scope: load the used range's cells in the same sync as its size (one read sync instead of
   * two); a payload-size error falls back to chunked reading. Off when chunkCells is given.
   */
  speculative?: boolean;
  /** 'banded': the whole-sheet merge read failed (over 512 areas), read merges in row bands. */
  mergeMode?: 'whole' | 'banded';
}

function isCellEditError(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === 'InvalidOperationInCellEditMode';
}

/** Values-only used range larger than MAX_SHEET_ROWS / MAX_SHEET_CELLS. */
export function tooLargeToRead(rows: number, cols: number): boolean {
  return rows > MAX_SHEET_ROWS || rows * cols > MAX_SHEET_CELLS;
}

interface Chunk {
  sheet: number;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/**
 * Excel on the web's 5 MB limit: ResponsePayloadSizeLimitExceeded for what a sync reads back,
 * RequestPayloadSizeLimitExceeded for what it sends. Told by the code only: the message is
 * localized (中文 Excel says 有效负载…).
 */
export function isPayloadError(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
}

/** The request was refused as a whole: nothing in the batch ran, it can be sent again in parts. */
export function isRequestTooLarge(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === 'RequestPayloadSizeLimitExceeded';
}

/** The range's cells came back (Excel returns null above its get limit, office-js #6781). */
function gridLoaded(r: XlRange): boolean {
  return Array.isArray(r.values) && Array.isArray(r.numberFormat) && Array.isArray(r.formulas) && Array.isArray(r.valueTypes);
}

function toCellValue(v: unknown, type: string | undefined): CellValue {
  if (type === 'Empty' || v === '' || v === null || v === undefined) return null;
  if (type === 'Error') return { error: String(v) };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/**
 * Excel reports a constant's value in `formulas` too, so text such as "=" (an operator in a
 * 指标性质 column) looks like a formula. A real formula's text differs from its value.
 */
export function formulaOf(formula: unknown, value: unknown): string | null {
  return typeof formula === 'string' && formula.startsWith('=') && formula.length > 1 && formula !== value ? formula : null;
}

/** "Sheet1!A1:B2, Sheet1!D4" → rectangles. */
export function parseAreas(address: string): CellRange[] {
  const out: CellRange[] = [];
  const re = /!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(address))) {
    const r = parseRangeA1(m[1]);
    if (r) out.push(r);
  }
  if (!out.length && address && !address.includes('!')) {
    for (const part of address.split(',')) {
      const r = parseRangeA1(part.trim());
      if (r) out.push(r);
    }
  }
  return out;
}

export async function readWorkbook(context: XlRequestContext, opts: ReadOptions): Promise<ReadResult> {
  const budget0 = opts.chunkCells ?? CHUNK_CELLS;
  const worksheets = context.workbook.worksheets;
  let mergeMode = opts.mergeMode ?? 'whole';

  // Workbook scope: list the sheets first.
  const active = worksheets.getActiveWorksheet();
  active.load('name');
  let proxies: XlWorksheet[];
  if (opts.scope === 'workbook') {
    worksheets.load('items/name,items/visibility');
    await context.sync();
    proxies = worksheets.items.filter((w) => w.visibility === 'Visible' && w.name !== STORE_SHEET).map((w) => worksheets.getItem(w.name));
  } else {
    proxies = [active];
  }

  // Meta: names, protection, used ranges, store existence (+ the cells themselves, speculatively:
  // the used range inside the SPEC box, which is the whole used range of an ordinary sheet).
  const speculative = opts.scope === 'sheet' && opts.chunkCells === undefined && opts.speculative !== false;
  const used: XlRange[] = [];
  const spec: (XlRange | null)[] = [];
  const specMerges: ((() => CellRange[]) | null)[] = [];
  for (const ws of proxies) {
    if (ws !== active) ws.load('name');
    ws.protection.load('protected');
    const u = ws.getUsedRangeOrNullObject(true);
    u.load('rowIndex,columnIndex,rowCount,columnCount');
    used.push(u);
    if (speculative) {
      const box = ws.getRangeByIndexes(0, 0, SPEC_ROWS, SPEC_COLS).getUsedRangeOrNullObject(true);
      box.load('rowIndex,columnIndex,rowCount,columnCount,values,numberFormat,formulas,valueTypes');
      spec.push(box);
    } else spec.push(null);
    // merged areas of the whole sheet (not of the used range: office-js #3611, #1590)
    specMerges.push(speculative && opts.caps.merges && mergeMode === 'whole' ? queueSheetMerges(ws) : null);
  }
  context.workbook.protection.load('protected');
  let store: XlWorksheet | null = null;
  if (opts.withStore) {
    store = worksheets.getItemOrNullObject(STORE_SHEET);
    store.load('visibility');
  }
  try {
    await context.sync();
  } catch (e) {
    if (speculative && isPayloadError(e)) return readWorkbook(context, { ...opts, speculative: false });
    // over 512 merged areas the merge read fails the sync (audit 2, #4): again without it, then in bands
    if (specMerges.some(Boolean) && !isPayloadError(e) && !isCellEditError(e)) return readWorkbook(context, { ...opts, mergeMode: 'banded' });
    throw e;
  }
  // over the five-million-cell get limit Excel returns null instead of the cells, without an error
  if (spec.some((u) => u && !u.isNullObject && !gridLoaded(u))) return readWorkbook(context, { ...opts, speculative: false });

  const activeSheet = active.name;
  const sheets: SheetRead[] = proxies.map((p) => ({
    name: p.name,
    protected: p.protection.protected,
    proxy: p,
    grid: { name: p.name, top: 0, left: 0, values: [], formats: [], formulas: [], merges: [], protected: p.protection.protected },
  }));
  if (opts.scope === 'sheet' && activeSheet === STORE_SHEET) sheets.length = 0;

  const chunks: Chunk[] = [];
  let budget = budget0;
  const plan = (i: number, top: number, left: number, rows: number, cols: number) => {
    const per = Math.max(1, Math.floor(budget / cols));
    for (let r = 0; r < rows; r += per) chunks.push({ sheet: i, top: top + r, left, rows: Math.min(per, rows - r), cols });
  };
  const parts: { chunk: Chunk; range: XlRange }[] = [];
  const tooLarge: ReadResult['tooLarge'] = [];
  /** Sheets whose cells are read (used range not null, not too large). */
  const readable = sheets.map(() => false);
  sheets.forEach((s, i) => {
    const u = used[i];
    if (u.isNullObject) return;
    if (tooLargeToRead(u.rowCount, u.columnCount)) {
      tooLarge.push({ sheet: s.name, rows: u.rowIndex + u.rowCount });
      return;
    }
    readable[i] = true;
    s.grid.top = u.rowIndex;
    s.grid.left = u.columnIndex;
    const b = spec[i];
    const whole =
      b &&
      !b.isNullObject &&
      b.rowIndex === u.rowIndex &&
      b.columnIndex === u.columnIndex &&
      b.rowCount === u.rowCount &&
      b.columnCount === u.columnCount;
    if (whole) parts.push({ chunk: { sheet: i, top: u.rowIndex, left: u.columnIndex, rows: u.rowCount, cols: u.columnCount }, range: b });
    else plan(i, u.rowIndex, u.columnIndex, u.rowCount, u.columnCount);
  });

  // the store sheet when it exists (a plain JS null otherwise)
  const storeWs: XlWorksheet | null = store?.isNullObject === false ? store : null;
  const storeExists = storeWs !== null;
  const deferStore = opts.withStore === 'deferred';
  const mergesLater = opts.caps.merges && !specMerges.some(Boolean);
  let extrasPending = (mergesLater && mergeMode === 'whole' && readable.some(Boolean)) || (storeExists && !deferStore) || chunks.length > 0;
  let storeValues: unknown[][] | null = null;
  let storeTop = 0;
  const mergeReads: ((() => CellRange[]) | null)[] = sheets.map((_, i) => specMerges[i]);

  while (chunks.length || extrasPending) {
    // one sync: extras (merges, store) plus as many chunks as fit in the budget
    const group: Chunk[] = [];
    let cells = 0;
    while (chunks.length && (group.length === 0 || cells + chunks[0].rows * chunks[0].cols <= budget)) {
      const c = chunks.shift() as Chunk;
      group.push(c);
      cells += c.rows * c.cols;
    }
    const queued = group.map((chunk) => {
      const range = sheets[chunk.sheet].proxy.getRangeByIndexes(chunk.top, chunk.left, chunk.rows, chunk.cols);
      range.load('values,numberFormat,formulas,valueTypes');
      return { chunk, range };
    });
    let storeRange: XlRange | null = null;
    let mergesQueued = false;
    if (extrasPending) {
      if (mergesLater && mergeMode === 'whole') {
        sheets.forEach((s, i) => {
          if (!readable[i]) return;
          // the whole sheet: Excel returns only merges whose top-left cell lies in the range, clipped
          // to it (office-js #3611, #1590), and a merge may start outside the values-only used range
          mergeReads[i] = queueSheetMerges(s.proxy);
          mergesQueued = true;
        });
      }
      if (storeWs && !deferStore) {
        storeRange = storeWs.getUsedRangeOrNullObject(true);
        storeRange.load('values,rowIndex');
      }
    }
    let failure: unknown = null;
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk group, only when the sheet is too large for one read (the count grows with cells over the budget, not with rows of a normal table)
      await context.sync();
      if (!queued.every((q) => gridLoaded(q.range))) failure = new Error('a range over the get limit came back without its cells');
    } catch (e) {
      if (mergesQueued && !isPayloadError(e) && !isCellEditError(e)) {
        // over 512 merged areas (audit 2, #4): the same reads again without merges, which come in bands
        mergeMode = 'banded';
        sheets.forEach((_, i) => (mergeReads[i] = null));
        chunks.unshift(...group);
        continue;
      }
      if (!isPayloadError(e)) throw e;
      failure = e;
    }
    if (failure) {
      if (group.length === 1 && group[0].rows === 1) throw failure;
      // split further and retry
      budget = Math.max(1, Math.floor(budget / 2));
      const retry = group.splice(0);
      for (const c of retry.reverse()) {
        const per = Math.max(1, Math.floor(budget / c.cols));
        const pieces: Chunk[] = [];
        for (let r = 0; r < c.rows; r += per) pieces.push({ ...c, top: c.top + r, rows: Math.min(per, c.rows - r) });
        chunks.unshift(...pieces);
      }
      continue;
    }
    if (extrasPending) {
      extrasPending = false;
      if (storeRange?.isNullObject === false) {
        storeValues = storeRange.values;
        storeTop = storeRange.rowIndex;
      }
    }
    parts.push(...queued);
  }

  // assemble grids
  parts.sort((a, b) => a.chunk.sheet - b.chunk.sheet || a.chunk.top - b.chunk.top);
  for (const { chunk, range } of parts) {
    const g = sheets[chunk.sheet].grid;
    const values = range.values;
    const formats = range.numberFormat;
    const formulas = range.formulas;
    const types = range.valueTypes;
    for (let r = 0; r < chunk.rows; r++) {
      g.values.push(values[r].map((v, c) => toCellValue(v, types[r]?.[c])));
      (g.formats as string[][]).push(formats[r].map((f) => (typeof f === 'string' ? f : 'General')));
      (g.formulas as (string | null)[][]).push(formulas[r].map((f, c) => formulaOf(f, values[r][c])));
    }
  }
  const noMerges: string[] = [];
  if (opts.caps.merges && mergeMode === 'banded') {
    // rows from the top of the sheet (a merge may start above the used range) to its last used row;
    // the last band runs on to the sheet's end, like the whole-sheet read
    const idx = sheets.map((_, i) => i).filter((i) => readable[i]);
    const targets: MergeTarget[] = idx.map((i) => ({ ws: sheets[i].proxy, top: 0, bottom: used[i].rowIndex + used[i].rowCount - 1, toEnd: true }));
    // the one-read of these rows failed already: start from half of them
    const tallest = Math.max(1, ...targets.map((t) => t.bottom + 1));
    const { merges } = await readMergesBanded(context, targets, Math.min(MERGE_BAND_ROWS, Math.ceil(tallest / 2)));
    idx.forEach((i, k) => {
      const m = merges[k];
      if (m) sheets[i].grid.merges = m;
      else noMerges.push(sheets[i].name);
    });
  } else {
    sheets.forEach((s, i) => {
      const read = mergeReads[i];
      if (read && readable[i]) s.grid.merges = read();
    });
  }

  const result: ReadResult = {
    storeDeferred: deferStore && storeExists,
    sheets,
    activeSheet,
    workbookProtected: context.workbook.protection.protected,
    store: null,
    storeProxy: storeWs,
    storeRows: 0,
    storeVisibility: storeWs ? storeWs.visibility : null,
    noMerges,
    tooLarge,
  };
  decodeInto(result, storeValues, storeTop);
  return result;
}

/** Value, format and formula of a cell from a read grid; undefined when outside the grid. */
export function gridCell(grid: SheetGrid, row: number, col: number): { value: CellValue; format: string; formula: string | null } | undefined {
  const r = row - grid.top;
  const c = col - grid.left;
  if (r < 0 || c < 0 || r >= grid.values.length) return undefined;
  const line = grid.values[r];
  if (!line || c >= line.length) return undefined;
  return {
    value: line[c] ?? null,
    format: (grid.formats?.[r]?.[c] as string) || 'General',
    formula: (grid.formulas?.[r]?.[c] as string) || null,
  };
}

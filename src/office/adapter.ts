// The Office.js adapter: read in one batch, run the engine in memory, write in one batch.
// All scoring decisions come from the engine (`analyze`); this file only moves cells.
import type { AnalysisResult, AnalyzeOptions, Finding, Lang, SheetGrid, TableResult } from '../core/types';
import { a1 } from '../core/address';
import type { XlHost, XlNote, XlRange, XlRequestContext, XlWorksheet } from './excel-api';
import { detectCaps, type Caps } from './caps';
import { formulaOf, gridCell, readStoreLater, readWorkbook, type ReadResult, type Scope, type SheetRead } from './read';
import {
  decodeStore,
  emptyStore,
  encodeStore,
  entryKey,
  inputFor,
  sameColor,
  sameText,
  sameValue,
  STORE_SHEET,
  type FillState,
  type StoreDoc,
  type StoreEntry,
  type StoredValue,
} from './store';
import { analyzeOptions, LAST_RUN_KEY, normalizeSettings, SETTINGS_KEY, type ZipingSettings } from './settings';

export type Analyze = (sheets: SheetGrid[], options?: AnalyzeOptions) => AnalysisResult;
export type RunMode = 'recompute' | 'validate' | 'restore' | 'analyze';
export type RunStatus =
  | 'ok'
  | 'no-table'
  | 'protected'
  | 'workbook-protected'
  | 'nothing-to-restore'
  | 'store-unreadable'
  | 'error';

export interface RunCounts {
  error: number;
  warning: number;
  info: number;
}

export interface RunOutcome {
  mode: RunMode;
  status: RunStatus;
  scope: Scope;
  activeSheet: string;
  /** Sheets the engine looked at. */
  sheets: string[];
  tables: TableResult[];
  findings: Finding[];
  counts: RunCounts;
  written: {
    values: number;
    fills: number;
    notes: number;
    /** Cells brought back to their original state. */
    restored: number;
    /** Stored cells the user edited after the add-in changed them: left as they are. */
    kept: number;
    /** Planned writes skipped because the cell holds a formula. */
    skippedFormulas: number;
  };
  protectedSheets: string[];
  /** True when a failed write was rolled back. */
  rolledBack?: boolean;
  error?: string;
  at: string;
}

export interface AdapterOptions {
  analyze: Analyze;
  settings?: Partial<ZipingSettings>;
  lang?: Lang;
  /** Cells per read chunk (tests use small values). */
  chunkCells?: number;
}

function counts(findings: Finding[]): RunCounts {
  const c: RunCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function blankOutcome(mode: RunMode, scope: Scope): RunOutcome {
  return {
    mode,
    status: 'ok',
    scope,
    activeSheet: '',
    sheets: [],
    tables: [],
    findings: [],
    counts: { error: 0, warning: 0, info: 0 },
    written: { values: 0, fills: 0, notes: 0, restored: 0, kept: 0, skippedFormulas: 0 },
    protectedSheets: [],
    at: new Date().toISOString(),
  };
}

function errorText(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return [err?.code, err?.message ?? String(e)].filter(Boolean).join(': ');
}

// --- cell state ----------------------------------------------------------------

interface CellState {
  value: StoredValue;
  format: string;
  formula: string | null;
  fill: FillState | null;
  note: string | null;
}

function storedValue(v: unknown, type?: string): StoredValue {
  if (v === null || v === undefined || v === '' || type === 'Empty') return null;
  if (type === 'Error') return { e: String(v) };
  if (typeof v === 'object' && v !== null && 'error' in (v as object)) return { e: String((v as { error: string }).error) };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

function fillHex(f: FillState | null): string {
  return f ? f.c.toUpperCase() : '#FFFFFF';
}

function argbToHex(argb: string): string {
  const h = argb.replace('#', '');
  return '#' + h.slice(-6).toUpperCase();
}

interface CellRef {
  sheet: string;
  row: number;
  col: number;
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
      for (const run of runs(sorted, 20)) {
        const res = this.sheetOf(sheet)
          .getRangeByIndexes(run.start, col, run.length, 1)
          .getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } });
        for (let i = 0; i < run.length; i++) {
          this.fills.set(entryKey(sheet, run.start + i, col), () => {
            const f = res.value[i][0].format?.fill ?? {};
            if (f.tintAndShade === null || f.tintAndShade === undefined || !f.color) return null;
            const state: FillState = { c: f.color.toUpperCase() };
            if (f.pattern && f.pattern !== 'Solid' && f.pattern !== 'None') {
              state.p = f.pattern;
              if (f.patternColor) state.pc = f.patternColor.toUpperCase();
            }
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
}

/** Runs of consecutive rows; with `gap`, rows up to `gap` apart share a run. */
export function runs(sortedRows: number[], gap = 0): { start: number; length: number }[] {
  const out: { start: number; length: number }[] = [];
  for (const r of sortedRows) {
    const last = out[out.length - 1];
    if (last && r - (last.start + last.length) <= gap) last.length = r - last.start + 1;
    else out.push({ start: r, length: 1 });
  }
  return out;
}

// --- changes ----------------------------------------------------------------------

type FillChange = { clear: true } | { clear?: false; color: string; pattern?: string; patternColor?: string };

interface Change extends CellRef {
  value?: { input: string | number | boolean; format: string };
  fill?: FillChange;
  /** null = delete the note. */
  note?: { text: string | null };
}

function fillChangeOf(f: FillState | null): FillChange {
  return f ? { color: f.c, pattern: f.p, patternColor: f.pc } : { clear: true };
}

/** Queues every change in as few operations as the host allows. Returns op counts. */
function queueChanges(
  changes: Change[],
  caps: Caps,
  sheetOf: (name: string) => XlWorksheet,
  reader: StateReader | null,
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
    const fk = f.clear ? 'clear' : `${f.color}|${f.pattern ?? ''}|${f.patternColor ?? ''}`;
    const k = `${ch.sheet}\u0000${fk}`;
    const g = groups.get(k) ?? { sheet: ch.sheet, fill: f, cells: [] };
    g.cells.push(ch);
    groups.set(k, g);
    done.fills++;
  }
  for (const g of groups.values()) {
    const rects = verticalRects(g.cells);
    const apply = (fill: { color: string; pattern: string; patternColor: string; clear(): void }) => {
      const f = g.fill;
      if (f.clear) return fill.clear();
      fill.color = f.color;
      if (caps.rangeAreas && f.pattern) fill.pattern = f.pattern;
      if (caps.rangeAreas && f.patternColor) fill.patternColor = f.patternColor;
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

function verticalRects(cells: CellRef[]): { col: number; start: number; length: number }[] {
  const byCol = new Map<number, number[]>();
  for (const c of cells) {
    const list = byCol.get(c.col) ?? [];
    list.push(c.row);
    byCol.set(c.col, list);
  }
  const out: { col: number; start: number; length: number }[] = [];
  for (const [col, rowList] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
    for (const r of runs([...new Set(rowList)].sort((a, b) => a - b))) out.push({ col, ...r });
  }
  return out;
}

// --- store writes -----------------------------------------------------------------

interface StoreTarget {
  proxy: XlWorksheet | null;
  rows: number;
  visibility: string | null;
}

/** Queues the store update first in the write batch. Returns false when it cannot be written. */
function queueStore(
  ctx: XlRequestContext,
  target: StoreTarget,
  doc: StoreDoc,
  workbookProtected: boolean,
  allowDelete = true,
): boolean {
  const empty = doc.entries.length === 0;
  if (empty) {
    if (!target.proxy) return true;
    if (!workbookProtected && allowDelete) {
      target.proxy.delete();
      return true;
    }
  } else if (!target.proxy && workbookProtected) {
    return false;
  }
  let ws = target.proxy;
  if (!ws) {
    ws = ctx.workbook.worksheets.add(STORE_SHEET);
    ws.visibility = 'VeryHidden';
  } else if (target.visibility !== 'VeryHidden' && !workbookProtected) {
    ws.visibility = 'VeryHidden';
  }
  const chunks = empty ? [] : encodeStore(doc);
  const n = Math.max(chunks.length, target.rows, 1);
  const range = ws.getRangeByIndexes(0, 0, n, 1);
  range.numberFormat = Array.from({ length: n }, () => ['@']);
  range.values = Array.from({ length: n }, (_, i) => [chunks[i] ?? '']);
  return true;
}

function lastRunSummary(o: RunOutcome): string {
  const { tables, findings, ...rest } = o;
  return JSON.stringify({
    ...rest,
    tables: tables.map((t) => ({ sheet: t.sheet, range: t.range, name: t.projectName, total: t.total, grade: t.grade })),
  });
}

// --- recompute / validate / analyze ---------------------------------------------------

/**
 * recompute: write planned values and marks; validate: marks only; analyze: read only.
 * Sync count (sheet scope): 1 read (size and cells) + 1 state read (fills/notes, store) + 1 write;
 * +1 for workbook scope, +1 when earlier marks went stale, +1 per chunk when the read is too large.
 */
export async function runAnalysis(host: XlHost, mode: 'recompute' | 'validate' | 'analyze', opts: AdapterOptions): Promise<RunOutcome> {
  const settings = normalizeSettings({ ...(opts.settings ?? {}) });
  const lang: Lang = opts.lang ?? settings.lang ?? 'zh';
  const effective = mode === 'recompute' && settings.checkOnly ? 'validate' : mode;
  const caps = detectCaps(host);
  const outcome = blankOutcome(mode, settings.scope);

  return host.run(async (ctx) => {
    const read = await readWorkbook(ctx, { scope: settings.scope, caps, chunkCells: opts.chunkCells, withStore: effective !== 'analyze' ? 'deferred' : false });
    outcome.activeSheet = read.activeSheet;
    const grids = read.sheets.filter((s) => s.grid.values.length > 0).map((s) => s.grid);
    outcome.sheets = grids.map((g) => g.name);
    outcome.protectedSheets = read.sheets.filter((s) => s.protected).map((s) => s.name);

    const analysis = opts.analyze(grids, analyzeOptions(settings, lang));
    outcome.tables = analysis.tables;
    outcome.findings = analysis.findings;
    outcome.counts = counts(analysis.findings);

    const withTables = new Set(analysis.tables.map((t) => t.sheet));
    if (withTables.size === 0) {
      outcome.status = 'no-table';
      return outcome;
    }
    if (effective === 'analyze') return outcome;

    const writable = new Set(read.sheets.filter((s) => !s.protected && withTables.has(s.name)).map((s) => s.name));
    if (writable.size === 0) {
      outcome.status = 'protected';
      return outcome;
    }

    const sheetMap = new Map<string, SheetRead>(read.sheets.map((s) => [s.name, s]));
    const sheetOf = (name: string) => sheetMap.get(name)!.proxy;
    const gridMap = new Map(read.sheets.map((s) => [s.name, s.grid]));

    // what the engine wants, per cell
    interface Want extends CellRef {
      write?: { value: number | string; numFmt?: string };
      mark?: { fill: string; note: string };
    }
    const wants = new Map<string, Want>();
    const want = (sheet: string, row: number, col: number): Want => {
      const k = entryKey(sheet, row, col);
      let w = wants.get(k);
      if (!w) {
        w = { sheet, row, col };
        wants.set(k, w);
      }
      return w;
    };
    if (effective === 'recompute') {
      for (const w of analysis.writes) {
        if (!writable.has(w.sheet)) continue;
        const cell = gridCell(gridMap.get(w.sheet)!, w.row, w.col);
        if (cell?.formula) {
          outcome.written.skippedFormulas++;
          continue;
        }
        want(w.sheet, w.row, w.col).write = { value: w.value, numFmt: w.numFmt };
      }
    }
    for (const m of analysis.marks) {
      if (!writable.has(m.sheet)) continue;
      want(m.sheet, m.row, m.col).mark = { fill: argbToHex(m.fill), note: m.note };
    }

    // state read: current fills/notes of every cell we may touch, and the store, in one sync
    const reader = new StateReader(caps, sheetOf, gridMap);
    reader.queue([...wants.values()].map((w) => ({ sheet: w.sheet, row: w.row, col: w.col, fill: !!w.mark, note: !!w.mark })));
    const storeRead = readStoreLater(read);
    await ctx.sync();
    storeRead();

    // Marks of earlier runs that the new plan no longer wants are undone. Values written
    // earlier stay (the engine skips cells that already hold the computed value); only
    // 清除标记 (restore) puts original values back.
    const store = read.store ?? emptyStore();
    const entries = new Map<string, StoreEntry>(store.entries.map((e) => [entryKey(e.s, e.r, e.c), e]));
    const stale: StoreEntry[] = [];
    for (const e of store.entries) {
      if (!writable.has(e.s)) continue;
      const w = wants.get(entryKey(e.s, e.r, e.c));
      const staleValue = !!e.v && !w?.write; // checked below: dropped if the user changed it
      const staleMark = (e.fill && !w?.mark) || (e.note && !w?.mark);
      if (staleValue || staleMark) stale.push(e);
    }

    // marks of an earlier run that are no longer wanted: one more sync, only when there are any
    if (stale.length) {
      reader.queue(stale.map((e) => ({ sheet: e.s, row: e.r, col: e.c, fill: !!e.fill, note: !!e.note })));
      await ctx.sync();
    }

    const changes: Change[] = [];
    const before = new Map<string, CellState>();
    const stateOf = (c: CellRef) => {
      const k = entryKey(c.sheet, c.row, c.col);
      let s = before.get(k);
      if (!s) {
        s = reader.state(c);
        before.set(k, s);
      }
      return s;
    };

    for (const e of stale) {
      const ref = { sheet: e.s, row: e.r, col: e.c };
      const cur = stateOf(ref);
      const w = wants.get(entryKey(e.s, e.r, e.c));
      const ch: Change = { ...ref };
      if (e.v && !w?.write && !(sameValue(cur.value, e.v.w) && cur.format === e.v.wf && !cur.formula)) {
        // changed by hand since: the user's value wins, the add-in forgets this cell
        outcome.written.kept++;
        delete e.v;
      }
      if (!w?.mark) {
        if (e.fill) {
          if (sameColor(fillHex(cur.fill), e.fill.w)) ch.fill = fillChangeOf(e.fill.o);
          else outcome.written.kept++;
          delete e.fill;
        }
        if (e.note && caps.notes) {
          // without notes support (1.7) the note aspect stays in the store for a later host
          if (sameText(cur.note, e.note.w)) ch.note = { text: e.note.o };
          delete e.note;
        }
      }
      if (ch.value || ch.fill || ch.note) {
        changes.push(ch);
        outcome.written.restored++;
      }
    }

    for (const w of wants.values()) {
      const k = entryKey(w.sheet, w.row, w.col);
      const cur = stateOf(w);
      const e: StoreEntry = entries.get(k) ?? { s: w.sheet, r: w.row, c: w.col };
      const ch: Change = { sheet: w.sheet, row: w.row, col: w.col };
      if (w.write) {
        outcome.written.values++;
        const fmt = w.write.numFmt ?? cur.format;
        // an edit made after our last write becomes the new original
        if (!e.v || !(sameValue(cur.value, e.v.w) && cur.format === e.v.wf)) e.v = { o: cur.value, f: cur.format, w: 0, wf: '' };
        e.v.w = w.write.value;
        e.v.wf = fmt;
        ch.value = { input: typeof w.write.value === 'string' ? inputFor(w.write.value, fmt) : w.write.value, format: fmt };
      }
      if (w.mark) {
        if (!e.fill || !sameColor(fillHex(cur.fill), e.fill.w)) e.fill = { o: cur.fill, w: w.mark.fill };
        e.fill.w = w.mark.fill;
        ch.fill = { color: w.mark.fill };
        outcome.written.fills++;
        if (caps.notes) {
          if (!e.note || !sameText(cur.note, e.note.w)) e.note = { o: cur.note, w: '' };
          const text = e.note.o ? `${e.note.o}\n\n${w.mark.note}` : w.mark.note;
          e.note.w = text;
          if (!sameText(cur.note, text)) ch.note = { text };
          outcome.written.notes++;
        }
      }
      entries.set(k, e);
      changes.push(ch);
    }

    const newDoc: StoreDoc = {
      ...emptyStore(),
      entries: [...entries.values()].filter((e) => e.v || e.fill || e.note),
    };
    const storeTarget: StoreTarget = { proxy: read.storeProxy, rows: read.storeRows, visibility: read.storeVisibility };
    if (!queueStore(ctx, storeTarget, newDoc, read.workbookProtected)) {
      outcome.status = 'workbook-protected';
      return outcome;
    }
    const noteExists = (c: CellRef) => stateOf(c).note !== null;
    queueChanges(changes, caps, sheetOf, reader, noteExists);
    outcome.status = outcome.protectedSheets.some((s) => withTables.has(s)) ? 'protected' : 'ok';
    ctx.workbook.settings.add(LAST_RUN_KEY, lastRunSummary(outcome));
    try {
      await ctx.sync();
    } catch (e) {
      outcome.status = 'error';
      outcome.error = errorText(e);
      outcome.rolledBack = await rollback(ctx, caps, sheetOf, changes, before, read, store, encodeStore(newDoc).length);
      outcome.written = { ...outcome.written, values: 0, fills: 0, notes: 0, restored: 0 };
    }
    return outcome;
  });
}

/** After a failed write batch: put every touched cell and the store back as they were. */
async function rollback(
  ctx: XlRequestContext,
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
    const store = ctx.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
    const reader = new StateReader(caps, sheetOf, new Map());
    reader.queue(changes.map((c) => ({ ...c, fill: !!c.fill, note: !!c.note })));
    await ctx.sync();
    const undo: Change[] = changes.map((ch) => {
      const b = before.get(entryKey(ch.sheet, ch.row, ch.col))!;
      const u: Change = { sheet: ch.sheet, row: ch.row, col: ch.col };
      if (ch.value) u.value = { input: inputFor(b.value, b.format), format: b.format };
      if (ch.fill) u.fill = fillChangeOf(b.fill);
      if (ch.note) u.note = { text: b.note };
      return u;
    });
    const target: StoreTarget = {
      proxy: store.isNullObject ? null : store,
      rows: Math.max(read.storeRows, newRows),
      visibility: 'VeryHidden',
    };
    if (read.storeProxy) queueStore(ctx, target, oldStore, read.workbookProtected, false);
    else if (!store.isNullObject) store.delete();
    queueChanges(undo, caps, sheetOf, reader, (c) => reader.state(c).note !== null);
    await ctx.sync();
    return true;
  } catch {
    return false;
  }
}

// --- restore ----------------------------------------------------------------------------

/** Brings back the original value, number format, fill and note of every cell the add-in changed. */
export async function runRestore(host: XlHost, opts: Omit<AdapterOptions, 'analyze'> = {}): Promise<RunOutcome> {
  const settings = normalizeSettings({ ...(opts.settings ?? {}) });
  const caps = detectCaps(host);
  const outcome = blankOutcome('restore', settings.scope);
  return host.run(async (ctx) => {
    const worksheets = ctx.workbook.worksheets;
    const active = worksheets.getActiveWorksheet();
    active.load('name');
    const storeWs = worksheets.getItemOrNullObject(STORE_SHEET);
    storeWs.load('visibility');
    ctx.workbook.protection.load('protected');
    await ctx.sync();
    outcome.activeSheet = active.name;
    if (storeWs.isNullObject) {
      outcome.status = 'nothing-to-restore';
      return outcome;
    }
    const used = storeWs.getUsedRangeOrNullObject(true);
    used.load('values,rowIndex');
    await ctx.sync();
    let doc: StoreDoc | null;
    try {
      doc = used.isNullObject ? null : decodeStore(used.values);
    } catch (e) {
      outcome.status = 'store-unreadable';
      outcome.error = errorText(e);
      return outcome;
    }
    const storeRows = used.isNullObject ? 0 : used.rowIndex + used.values.length;
    const all = doc?.entries ?? [];
    const inScope = all.filter((e) => settings.scope === 'workbook' || e.s === active.name);
    if (inScope.length === 0) {
      outcome.status = 'nothing-to-restore';
      return outcome;
    }

    // sheets of the entries: existence and protection; then the cells' current state
    const names = [...new Set(inScope.map((e) => e.s))];
    const proxies = new Map<string, XlWorksheet>();
    for (const n of names) {
      const ws = worksheets.getItemOrNullObject(n);
      ws.protection.load('protected');
      proxies.set(n, ws);
    }
    await ctx.sync();
    const present = new Set(names.filter((n) => !proxies.get(n)!.isNullObject));
    const locked = new Set([...present].filter((n) => proxies.get(n)!.protection.protected));
    outcome.protectedSheets = [...locked];
    const doable = inScope.filter((e) => present.has(e.s) && !locked.has(e.s));
    const sheetOf = (n: string) => proxies.get(n)!;
    const reader = new StateReader(caps, sheetOf, new Map());
    reader.queue(doable.map((e) => ({ sheet: e.s, row: e.r, col: e.c, fill: !!e.fill, note: !!e.note })));
    // values of stored cells, one range per vertical run
    await ctx.sync();

    const changes: Change[] = [];
    const leftover: StoreEntry[] = [];
    for (const e of doable) {
      const ref = { sheet: e.s, row: e.r, col: e.c };
      const cur = reader.state(ref);
      const ch: Change = { ...ref };
      let kept = false;
      if (e.v) {
        if (sameValue(cur.value, e.v.w) && cur.format === e.v.wf && !cur.formula) ch.value = { input: inputFor(e.v.o, e.v.f), format: e.v.f };
        else kept = true;
      }
      if (e.fill) {
        if (sameColor(fillHex(cur.fill), e.fill.w)) ch.fill = fillChangeOf(e.fill.o);
        else kept = true;
      }
      if (e.note && caps.notes) {
        if (sameText(cur.note, e.note.w)) ch.note = { text: e.note.o };
        else kept = true;
      } else if (e.note) {
        // notes need ExcelApi 1.18: keep the original for a host that has it
        leftover.push({ s: e.s, r: e.r, c: e.c, note: e.note });
      }
      if (kept) outcome.written.kept++;
      if (ch.value || ch.fill || ch.note) {
        changes.push(ch);
        outcome.written.restored++;
      }
    }
    // entries on missing sheets are dropped; protected ones stay for later
    const remaining = [...all.filter((e) => !inScope.includes(e) || locked.has(e.s)), ...leftover];
    const ok = queueStore(
      ctx,
      { proxy: storeWs, rows: storeRows, visibility: storeWs.visibility },
      { ...emptyStore(), entries: remaining },
      ctx.workbook.protection.protected,
    );
    if (!ok) {
      outcome.status = 'workbook-protected';
      return outcome;
    }
    queueChanges(changes, caps, sheetOf, reader, (c) => reader.state(c).note !== null);
    outcome.status = locked.size ? 'protected' : 'ok';
    ctx.workbook.settings.add(LAST_RUN_KEY, lastRunSummary(outcome));
    try {
      await ctx.sync();
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
  await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await ctx.sync();
  });
}

export async function loadSettings(host: XlHost): Promise<ZipingSettings> {
  return host.run(async (ctx) => {
    const s = ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    s.load('value');
    await ctx.sync();
    return normalizeSettings(s.isNullObject ? null : s.value);
  });
}

export async function saveSettings(host: XlHost, settings: ZipingSettings): Promise<void> {
  await host.run(async (ctx) => {
    ctx.workbook.settings.add(SETTINGS_KEY, JSON.stringify(settings));
    await ctx.sync();
  });
}

export interface LastRun extends Omit<RunOutcome, 'tables' | 'findings'> {
  tables: { sheet: string; range: string; name: string | null; total: number | null; grade: string | null }[];
}

export async function loadLastRun(host: XlHost): Promise<LastRun | null> {
  return host.run(async (ctx) => {
    const s = ctx.workbook.settings.getItemOrNullObject(LAST_RUN_KEY);
    s.load('value');
    await ctx.sync();
    if (s.isNullObject) return null;
    try {
      return JSON.parse(String(s.value)) as LastRun;
    } catch {
      return null;
    }
  });
}

// The WPS 表格 host: recompute / validate / analyze / restore on the ET object model. The deciding is
// src/host/plan.ts (shared with the rules of the Office adapter); this file reads and moves cells.
// Writes run inside one native undo step (Application.DebugTools.UndoTransBegin/End: one Ctrl+Z) with
// ScreenUpdating off; the store goes first; a failure puts every touched cell and the store back.
import type { AnalyzeOptions, Lang, SheetGrid } from '../core/types';
import { a1 } from '../core/address';
import {
  applyRunPlan,
  backupColumn,
  entriesInScope,
  planRestore,
  planRun,
  planSheets,
  planUndo,
  planWants,
  restoreDoc,
  rowRuns,
  staleEntries,
  storeResetNotice,
  verticalRects,
  type StoreBackup,
  type CellRef,
  type CellState,
  type Change,
  type FillChange,
} from '../host/plan';
import { emptyStore, encodeStore, entryKey, STORE_SHEET, type FillState, type StoreDoc, type StoreEntry } from '../office/store';
import { analyzeOptions, normalizeSettings, type ZipingSettings } from '../office/settings';
import type { Analyze } from '../office/adapter';
import { blankOutcome, errorText, findingCounts, nothingWritten, type RunOutcome } from '../host/outcome';
import type { EtApplication, EtRange, EtWorkbook, EtWorksheet } from './et-api';
import { bgrOf, hexOf, sheetItem, FILL_PATTERN_NAME, FILL_PATTERN_NUM, XL_NONE, XL_PATTERN_SOLID, XL_SHEET_VERY_HIDDEN } from './et-api';
import { as2d, cellValue, formulaText, listSheets, normalFormat, readSheet, readStore, rectAddress, type SheetInfo } from './read';
import { saveLastRun } from './settings';

export interface WpsOptions {
  analyze: Analyze;
  settings?: Partial<ZipingSettings>;
  lang?: Lang;
  /** Called around the add-in's own writes (the live check ignores SheetChange meanwhile). */
  writing?(on: boolean): void;
  /** Read these sheets instead of the scope's (the live check's touched sheets). */
  sheets?: string[];
  /** Restore only: when the store cannot be read, back it up and clear it (重置恢复信息). */
  resetUnreadable?: boolean;
}

const UNDO_TEXT: Record<string, string> = {
  recompute: '绩效自评助手：重新计算',
  validate: '绩效自评助手：提交前校验',
  restore: '绩效自评助手：清除标记',
};

// --- current state of cells -------------------------------------------------------------

/** Per cell: value, format and formula (from the grid, or read when outside it), fill and note. */
class States {
  private cache = new Map<string, CellState>();
  constructor(
    private readonly sheetOf: (name: string) => EtWorksheet,
    private readonly grids: Map<string, SheetGrid>,
  ) {}

  /**
   * Reads the state of `cells`. Fills: one ColorIndex over each column's span of wanted rows (no fill
   * anywhere there: done), else per vertical run, else per cell. Notes: none to read on a sheet
   * without comments (Comments.Count), else one Comment per cell.
   */
  load(cells: { ref: CellRef; fill: boolean; note: boolean }[]): void {
    const noFill = new Set<string>();
    const byCol = new Map<string, number[]>();
    for (const c of cells) {
      if (!c.fill) continue;
      const k = `${c.ref.sheet}\u0000${c.ref.col}`;
      const list = byCol.get(k) ?? [];
      list.push(c.ref.row);
      byCol.set(k, list);
    }
    const blank = (sheet: string, col: number, start: number, length: number) =>
      Number(this.sheetOf(sheet).Range(rectAddress(start, col, length, 1)).Interior.ColorIndex) === XL_NONE;
    for (const [k, rows] of byCol) {
      const [sheet, colText] = k.split('\u0000');
      const col = Number(colText);
      const sorted = [...new Set(rows)].sort((a, b) => a - b);
      const mark = (start: number, length: number) => {
        for (let i = 0; i < length; i++) noFill.add(entryKey(sheet, start + i, col));
      };
      const span = sorted[sorted.length - 1] - sorted[0] + 1;
      if (sorted.length > 1 && blank(sheet, col, sorted[0], span)) {
        mark(sorted[0], span);
        continue;
      }
      for (const run of rowRuns(sorted)) if (run.length > 1 && blank(sheet, col, run.start, run.length)) mark(run.start, run.length);
    }
    const commented = new Map<string, boolean>();
    const hasComments = (sheet: string) => {
      let v = commented.get(sheet);
      if (v === undefined) {
        v = Number(this.sheetOf(sheet).Comments.Count) > 0;
        commented.set(sheet, v);
      }
      return v;
    };
    for (const c of cells) {
      const k = entryKey(c.ref.sheet, c.ref.row, c.ref.col);
      if (this.cache.has(k)) continue;
      let range: EtRange | null = null;
      const cell = () => (range ??= this.sheetOf(c.ref.sheet).Range(a1(c.ref.row, c.ref.col)));
      const s = this.base(c.ref, cell);
      if (c.fill && !noFill.has(k)) s.fill = readFill(cell());
      if (c.note && hasComments(c.ref.sheet)) {
        const note = cell().Comment;
        s.note = note ? note.Text() : null;
      }
      this.cache.set(k, s);
    }
  }

  private base(ref: CellRef, range: () => EtRange): CellState {
    const g = this.grids.get(ref.sheet);
    const r = g ? ref.row - g.top : -1;
    const c = g ? ref.col - g.left : -1;
    if (g && r >= 0 && c >= 0 && r < g.values.length && c < (g.values[r]?.length ?? 0)) {
      const v = g.values[r][c];
      return {
        value: v && typeof v === 'object' && 'error' in v ? { e: v.error } : (v as CellState['value']),
        format: (g.formats?.[r]?.[c] as string) || 'General',
        formula: (g.formulas?.[r]?.[c] as string) || null,
        fill: null,
        note: null,
      };
    }
    const cell = range();
    const raw = cell.Value2;
    const v = cellValue(raw);
    return {
      value: v && typeof v === 'object' && 'error' in v ? { e: v.error } : (v as CellState['value']),
      format: normalFormat(cell.NumberFormat),
      formula: formulaText(cell.Formula, raw),
      fill: null,
      note: null,
    };
  }

  state(ref: CellRef): CellState {
    const s = this.cache.get(entryKey(ref.sheet, ref.row, ref.col));
    if (!s) throw new Error(`state of ${ref.sheet}!${a1(ref.row, ref.col)} was not read`);
    return { ...s };
  }
}

/** A cell's fill as the store keeps it (null = no fill). */
export function readFill(cell: EtRange): FillState | null {
  const interior = cell.Interior;
  const pattern = Number(interior.Pattern);
  if (pattern === XL_NONE) return null;
  const state: FillState = { c: hexOf(interior.Color) };
  if (pattern !== XL_PATTERN_SOLID && FILL_PATTERN_NAME[pattern]) {
    state.p = FILL_PATTERN_NAME[pattern];
    if (!/Gradient$/.test(state.p)) state.pc = hexOf(interior.PatternColor);
  }
  const tint = Number(interior.TintAndShade);
  if (tint) state.t = tint;
  return state;
}

// --- writes ---------------------------------------------------------------------------

/** Multi-area addresses of at most `max` characters (Range("A1,A3:A5") takes 255 [infer]). */
function areaChunks(rects: { col: number; start: number; length: number }[], max = 250): string[] {
  const out: string[] = [];
  let cur = '';
  for (const r of rects) {
    const a = rectAddress(r.start, r.col, r.length, 1);
    if (cur && cur.length + 1 + a.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${a}` : a;
  }
  if (cur) out.push(cur);
  return out;
}

function applyFill(range: EtRange, f: FillChange): void {
  const interior = range.Interior;
  if (f.clear) {
    interior.ColorIndex = XL_NONE;
    return;
  }
  interior.Color = bgrOf(f.color);
  if (f.pattern && FILL_PATTERN_NUM[f.pattern] !== undefined) interior.Pattern = FILL_PATTERN_NUM[f.pattern];
  if (f.patternColor) interior.PatternColor = bgrOf(f.patternColor);
  if (f.tint) interior.TintAndShade = f.tint; // after Color, which resets it
}

/** Values per vertical run (number format first, per stretch of one format), fills grouped, notes. */
export function writeChanges(changes: Change[], sheetOf: (name: string) => EtWorksheet, before?: Map<string, CellState> | null): void {
  const byCol = new Map<string, Change[]>();
  for (const ch of changes) {
    if (!ch.value) continue;
    const k = `${ch.sheet}\u0000${ch.col}`;
    byCol.set(k, [...(byCol.get(k) ?? []), ch]);
  }
  for (const list of byCol.values()) {
    list.sort((a, b) => a.row - b.row);
    let i = 0;
    while (i < list.length) {
      let j = i + 1;
      while (j < list.length && list[j].row === list[j - 1].row + 1) j++;
      const part = list.slice(i, j);
      const ws = sheetOf(part[0].sheet);
      let k = 0;
      while (k < part.length) {
        let m = k + 1;
        while (m < part.length && part[m].value!.format === part[k].value!.format) m++;
        ws.Range(rectAddress(part[k].row, part[k].col, m - k, 1)).NumberFormat = part[k].value!.format;
        k = m;
      }
      ws.Range(rectAddress(part[0].row, part[0].col, part.length, 1)).Value2 = part.map((c) => [c.value!.input]);
      i = j;
    }
  }

  const groups = new Map<string, { sheet: string; fill: FillChange; cells: CellRef[] }>();
  for (const ch of changes) {
    if (!ch.fill) continue;
    const f = ch.fill;
    const fk = f.clear ? 'clear' : `${f.color}|${f.pattern ?? ''}|${f.patternColor ?? ''}|${f.tint ?? ''}`;
    const k = `${ch.sheet}\u0000${fk}`;
    const g = groups.get(k) ?? { sheet: ch.sheet, fill: f, cells: [] };
    g.cells.push(ch);
    groups.set(k, g);
  }
  for (const g of groups.values()) {
    const ws = sheetOf(g.sheet);
    for (const address of areaChunks(verticalRects(g.cells))) applyFill(ws.Range(address), g.fill);
  }

  for (const ch of changes) {
    if (!ch.note) continue;
    const cell = sheetOf(ch.sheet).Range(a1(ch.row, ch.col));
    // the note read before the run tells whether one exists (no second read); unknown: read it
    const known = before?.get(entryKey(ch.sheet, ch.row, ch.col));
    const existing = known && known.note === null ? null : cell.Comment;
    if (ch.note.text === null) existing?.Delete();
    else if (existing) existing.Text(ch.note.text);
    else cell.AddComment(ch.note.text);
  }
}

interface StoreTarget {
  ws: EtWorksheet | null;
  rows: number;
  /** An unreadable store's cells: copied to column B (after a stamp in B1) before column A is rewritten. */
  backup?: StoreBackup | null;
}

/**
 * Writes the store document (creating the very hidden sheet when needed), or deletes the sheet when
 * the document has no entry. False when it cannot be created (workbook structure protected).
 */
function writeStore(app: EtApplication, book: EtWorkbook, target: StoreTarget, doc: StoreDoc, workbookProtected: boolean): boolean {
  const backup = target.backup ?? null;
  if (doc.entries.length === 0) {
    if (!target.ws) return true;
    // an unreadable store's backup lives in the sheet: it stays
    if (!workbookProtected && !backup) {
      const alerts = app.DisplayAlerts;
      app.DisplayAlerts = false; // Delete asks for confirmation otherwise
      try {
        target.ws.Delete();
      } finally {
        app.DisplayAlerts = alerts;
      }
      return true;
    }
  } else if (!target.ws && workbookProtected) {
    return false;
  }
  let ws = target.ws;
  if (!ws) {
    const active = app.ActiveSheet;
    const sheets = book.Worksheets;
    ws = sheets.Add(undefined, sheets.Item(sheets.Count));
    ws.Name = STORE_SHEET;
    ws.Visible = XL_SHEET_VERY_HIDDEN;
    active?.Activate(); // Add activated the new sheet
  } else if (Number(ws.Visible) !== XL_SHEET_VERY_HIDDEN && !workbookProtected) {
    ws.Visible = XL_SHEET_VERY_HIDDEN;
  }
  if (backup) {
    const rows = backupColumn(backup);
    const b = ws.Range(rectAddress(0, 1, rows.length, 1));
    b.NumberFormat = '@';
    b.Value2 = rows.map((v) => [v]);
  }
  // with a backup in column B, column A keeps an (empty) store so the store's used range starts at A
  const chunks = doc.entries.length || backup ? encodeStore(doc) : [];
  const n = Math.max(chunks.length, target.rows, 1);
  const range = ws.Range(rectAddress(0, 0, n, 1));
  range.NumberFormat = '@';
  range.Value2 = Array.from({ length: n }, (_, i) => [chunks[i] ?? '']);
  return true;
}

/** Runs `fn` as one native undo step with screen updating off, where WPS offers them. */
export function transaction<T>(app: EtApplication, book: EtWorkbook, desc: string, fn: () => T): T {
  let undo: EtApplication['DebugTools'] | null = null;
  try {
    undo = app.DebugTools;
    undo.UndoTransBegin(book);
  } catch {
    undo = null; // an older WPS: every write is its own undo step
  }
  let screen: boolean | null = null;
  try {
    screen = app.ScreenUpdating;
    app.ScreenUpdating = false;
  } catch {
    screen = null;
  }
  try {
    return fn();
  } finally {
    if (screen !== null) app.ScreenUpdating = screen;
    if (undo) undo.UndoTransEnd(book, false, desc);
  }
}

interface Ctx {
  app: EtApplication;
  book: EtWorkbook;
  list: SheetInfo[];
  sheetOf(name: string): EtWorksheet;
}

function context(app: EtApplication): Ctx {
  const book = app.ActiveWorkbook;
  if (!book) throw new Error('没有打开的工作簿');
  const list = listSheets(book);
  const proxies = new Map<string, EtWorksheet>();
  return {
    app,
    book,
    list,
    sheetOf(name) {
      let ws = proxies.get(name);
      if (!ws) {
        ws = sheetItem(book.Worksheets, name);
        proxies.set(name, ws);
      }
      return ws;
    },
  };
}

/** WPS has no sheet ids: entries go by name (an Excel id is dropped: it lasts one Excel session). */
function byName(entries: StoreEntry[]): void {
  for (const e of entries) delete e.i;
}

/** The store as read; an unreadable one reads as empty, with its backup in the target. */
function storeOf(ctx: Ctx): { target: StoreTarget; doc: StoreDoc | null } {
  if (!ctx.list.some((s) => s.name === STORE_SHEET)) return { target: { ws: null, rows: 0 }, doc: null };
  const ws = ctx.sheetOf(STORE_SHEET);
  const { doc, backup, rows } = readStore(ws);
  return { target: { ws, rows, backup }, doc };
}

// --- recompute / validate / analyze -------------------------------------------------------

export function runAnalysis(app: EtApplication, mode: 'recompute' | 'validate' | 'analyze', opts: WpsOptions): RunOutcome {
  const settings = normalizeSettings({ ...(opts.settings ?? {}) });
  const lang: Lang = opts.lang ?? settings.lang ?? 'zh';
  const effective = mode === 'recompute' && settings.checkOnly ? 'validate' : mode;
  const outcome = blankOutcome(mode, settings.scope);
  const ctx = context(app);
  const active = app.ActiveSheet;
  outcome.activeSheet = active ? active.Name : '';
  const names = opts.sheets
    ? opts.sheets.filter((n) => n !== STORE_SHEET && ctx.list.some((s) => s.name === n))
    : settings.scope === 'workbook'
      ? ctx.list.filter((s) => s.visible && s.name !== STORE_SHEET).map((s) => s.name)
      : outcome.activeSheet && outcome.activeSheet !== STORE_SHEET
        ? [outcome.activeSheet]
        : [];
  const reads = names.map((name) => {
    const ws = ctx.sheetOf(name);
    const prot = !!ws.ProtectContents;
    return { name, protected: prot, grid: readSheet(ws, name, prot) };
  });
  const grids = reads.filter((s) => s.grid.values.length > 0).map((s) => s.grid);
  outcome.sheets = grids.map((g) => g.name);
  outcome.protectedSheets = reads.filter((s) => s.protected).map((s) => s.name);

  const analysis = opts.analyze(grids, analyzeOptions(settings, lang) as AnalyzeOptions);
  outcome.tables = analysis.tables;
  outcome.findings = analysis.findings;
  outcome.counts = findingCounts(analysis.findings);
  const sheetPlan = planSheets(reads, analysis.tables);
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
  const gridMap = new Map(reads.map((s) => [s.name, s.grid]));
  const { wants, skippedFormulas } = planWants(
    analysis,
    effective,
    writable,
    (c) => {
      const g = gridMap.get(c.sheet);
      return !!g?.formulas?.[c.row - g.top]?.[c.col - g.left];
    },
    (sheet) => gridMap.get(sheet)?.merges,
  );
  outcome.written.skippedFormulas = skippedFormulas;

  // an unreadable store never blocks a run: it is backed up (column B) and read as empty
  const store = storeOf(ctx);
  if (store.target.backup) outcome.notices.push(storeResetNotice());
  const existing = new Set(ctx.list.map((s) => s.name));
  if (store.doc) byName(store.doc.entries);
  const stale = staleEntries(store.doc, wants, writable).filter((e) => existing.has(e.s));
  const states = new States(ctx.sheetOf, gridMap);
  states.load([
    ...[...wants.values()].map((w) => ({ ref: w as CellRef, fill: !!w.mark, note: !!w.mark })),
    ...stale.map((e) => ({ ref: { sheet: e.s, row: e.r, col: e.c }, fill: !!e.fill, note: !!e.note })),
  ]);
  const plan = planRun({ wants, store: store.doc, stale, state: (c) => states.state(c), notes: true });
  applyRunPlan(outcome, plan);
  const workbookProtected = !!ctx.book.ProtectStructure;
  if (!store.target.ws && workbookProtected) {
    outcome.status = 'workbook-protected';
    return outcome;
  }
  outcome.status = sheetPlan.status;
  write(ctx, opts, UNDO_TEXT[effective], store, plan.doc, plan.changes, plan.before, workbookProtected, outcome);
  return outcome;
}

/** Store first, then the cells; on failure the cells and the store go back as they were. */
function write(
  ctx: Ctx,
  opts: Pick<WpsOptions, 'writing'>,
  desc: string,
  store: { target: StoreTarget; doc: StoreDoc | null },
  doc: StoreDoc,
  changes: Change[],
  before: Map<string, CellState> | null,
  workbookProtected: boolean,
  outcome: RunOutcome,
): void {
  opts.writing?.(true);
  try {
    transaction(ctx.app, ctx.book, desc, () => {
      let storeWritten = false;
      try {
        writeStore(ctx.app, ctx.book, store.target, doc, workbookProtected);
        storeWritten = true;
        writeChanges(changes, ctx.sheetOf, before);
        saveLastRun(ctx.book, outcome);
      } catch (e) {
        outcome.status = 'error';
        outcome.error = errorText(e);
        nothingWritten(outcome);
        outcome.rolledBack = rollback(ctx, store, changes, before, storeWritten, workbookProtected);
      }
    });
  } finally {
    opts.writing?.(false);
  }
}

function rollback(
  ctx: Ctx,
  store: { target: StoreTarget; doc: StoreDoc | null },
  changes: Change[],
  before: Map<string, CellState> | null,
  storeWritten: boolean,
  workbookProtected: boolean,
): boolean {
  try {
    if (before) writeChanges(planUndo(changes, before), ctx.sheetOf);
    if (storeWritten) {
      const fresh = listSheets(ctx.book).some((s) => s.name === STORE_SHEET);
      const ws = fresh ? sheetItem(ctx.book.Worksheets, STORE_SHEET) : null;
      const rows = Math.max(store.target.rows, ws ? readStore(ws).rows : 0);
      writeStore(ctx.app, ctx.book, { ws, rows, backup: store.target.backup }, store.doc ?? emptyStore(), workbookProtected);
    }
    return true;
  } catch {
    return false;
  }
}

// --- restore ---------------------------------------------------------------------------

export function runRestore(app: EtApplication, opts: Omit<WpsOptions, 'analyze'> = {}): RunOutcome {
  const settings = normalizeSettings({ ...(opts.settings ?? {}) });
  const outcome = blankOutcome('restore', settings.scope);
  const ctx = context(app);
  const active = app.ActiveSheet;
  outcome.activeSheet = active ? active.Name : '';
  const store = storeOf(ctx);
  if (!store.target.ws) {
    outcome.status = 'nothing-to-restore';
    return outcome;
  }
  const backup = store.target.backup;
  if (backup) {
    outcome.status = 'store-unreadable';
    outcome.error = backup.error;
    if (!opts.resetUnreadable) return outcome;
    // 重置恢复信息: the cells go to column B, column A starts empty (the sheet stays)
    outcome.status = 'ok';
    delete outcome.error;
    outcome.notices.push(storeResetNotice());
    write(ctx, opts, UNDO_TEXT.restore, store, emptyStore(), [], null, !!ctx.book.ProtectStructure, outcome);
    return outcome;
  }
  const all = store.doc?.entries ?? [];
  byName(all);
  const inScope = entriesInScope(all, settings.scope, outcome.activeSheet);
  if (inScope.length === 0) {
    outcome.status = 'nothing-to-restore';
    return outcome;
  }
  const existing = new Set(ctx.list.map((s) => s.name).filter((n) => n !== STORE_SHEET));
  const names = [...new Set(inScope.map((e) => e.s))].filter((n) => existing.has(n));
  const locked = new Set(names.filter((n) => !!ctx.sheetOf(n).ProtectContents));
  outcome.protectedSheets = [...locked];
  const states = new States(ctx.sheetOf, new Map());
  states.load(
    inScope
      .filter((e) => existing.has(e.s) && !locked.has(e.s))
      .map((e) => ({ ref: { sheet: e.s, row: e.r, col: e.c }, fill: !!e.fill, note: !!e.note })),
  );
  const plan = planRestore({ all, inScope, existing, locked, state: (c) => states.state(c), notes: true });
  outcome.written.restored = plan.restored;
  outcome.written.kept = plan.kept;
  const workbookProtected = !!ctx.book.ProtectStructure;
  outcome.status = locked.size ? 'protected' : 'ok';
  const doc = restoreDoc(plan.remaining);
  // with the structure protected an empty store cannot be deleted: it is emptied (as in Office)
  const before = new Map(plan.changes.map((ch) => [entryKey(ch.sheet, ch.row, ch.col), states.state(ch)]));
  write(ctx, opts, UNDO_TEXT.restore, store, doc, plan.changes, before, workbookProtected, outcome);
  return outcome;
}

/** Activates the sheet and selects the cell of a finding. */
export function selectCell(app: EtApplication, sheet: string, address: string): void {
  const book = app.ActiveWorkbook;
  if (!book) return;
  const ws = sheetItem(book.Worksheets, sheet);
  ws.Activate();
  ws.Range(address).Select();
}

export { as2d };

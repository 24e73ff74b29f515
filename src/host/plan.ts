// Host-neutral planning of a run: what to write, what to keep, the restore document, the counts.
// No host I/O here: a host reads the grids and the cells' current state, calls these functions,
// then moves the cells. The data rules are those of docs/restore-store.md (the Office adapter's
// runAnalysis / runRestore); the WPS host (src/wps) calls this module so it cannot drift from them.
import type { AnalysisResult, CellRange } from '../core/types';
import { a1 } from '../core/address';
import type { RunNotice, RunOutcome } from './outcome';
import {
  decodeStore,
  emptyStore,
  entryKey,
  StoreError,
  STORE_SHEET,
  inputFor,
  sameColor,
  sameText,
  sameValue,
  type FillState,
  type StoreDoc,
  type StoreEntry,
  type StoredValue,
} from '../office/store';

export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

/** A cell as it is now: what a host reads before it plans. */
export interface CellState {
  value: StoredValue;
  format: string;
  formula: string | null;
  fill: FillState | null;
  note: string | null;
}

export type FillChange = { clear: true } | { clear?: false; color: string; pattern?: string; patternColor?: string; tint?: number };

/** One cell's writes. */
export interface Change extends CellRef {
  value?: { input: string | number | boolean; format: string };
  fill?: FillChange;
  /** null = delete the note. */
  note?: { text: string | null };
}

/** What the engine wants of one cell. */
export interface Want extends CellRef {
  write?: { value: number | string; numFmt?: string };
  mark?: { fill: string; note: string };
}

export interface PlanNotice {
  kind: 'threaded-comment';
  sheet: string;
  cell: string;
}

export interface PlanCounts {
  values: number;
  fills: number;
  notes: number;
  restored: number;
  kept: number;
}

/** Fill as '#RRGGBB'; no fill compares as white (ExcelApi 1.7 cannot tell them apart). */
export function fillHex(f: FillState | null): string {
  return f ? f.c.toUpperCase() : '#FFFFFF';
}

/** The engine's 'FFRRGGBB' → '#RRGGBB'. */
export function argbToHex(argb: string): string {
  const h = argb.replace('#', '');
  return '#' + h.slice(-6).toUpperCase();
}

export function fillChangeOf(f: FillState | null): FillChange {
  return f ? { color: f.c, pattern: f.p, patternColor: f.pc, tint: f.t } : { clear: true };
}

/** The sheets a run may write: those with a table that are not protected. */
export interface SheetPlan {
  withTables: Set<string>;
  writable: Set<string>;
  /** The status of a run that writes: 'protected' when a sheet with a table could not be written. */
  status: 'ok' | 'protected';
}

export function planSheets(sheets: { name: string; protected: boolean }[], tables: { sheet: string }[]): SheetPlan {
  const withTables = new Set(tables.map((t) => t.sheet));
  const writable = new Set(sheets.filter((s) => !s.protected && withTables.has(s.name)).map((s) => s.name));
  const status = sheets.some((s) => s.protected && withTables.has(s.name)) ? 'protected' : 'ok';
  return { withTables, writable, status };
}

/**
 * A merged area shows only its top-left cell: the anchor of a hidden (non-anchor) cell of a merge,
 * null for any other cell (audit 2, #10).
 */
export function anchorOf(merges: CellRange[] | undefined, row: number, col: number): { row: number; col: number } | null {
  for (const m of merges ?? []) {
    if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right && (row !== m.top || col !== m.left)) return { row: m.top, col: m.left };
  }
  return null;
}

/**
 * The engine's writes and marks per cell, on writable sheets only. Recompute skips cells that hold a
 * formula (counted); validate plans marks only. A write to a hidden cell of a merge is dropped and a
 * mark there moves to the anchor (unless the anchor has a mark of its own), where the host knows the
 * merges (`mergesOf`).
 */
export function planWants(
  analysis: Pick<AnalysisResult, 'writes' | 'marks'>,
  mode: 'recompute' | 'validate',
  writable: Set<string>,
  hasFormula: (c: CellRef) => boolean,
  mergesOf: (sheet: string) => CellRange[] | undefined = () => undefined,
): { wants: Map<string, Want>; skippedFormulas: number } {
  const wants = new Map<string, Want>();
  let skippedFormulas = 0;
  const want = (sheet: string, row: number, col: number): Want => {
    const k = entryKey(sheet, row, col);
    let w = wants.get(k);
    if (!w) {
      w = { sheet, row, col };
      wants.set(k, w);
    }
    return w;
  };
  if (mode === 'recompute') {
    for (const w of analysis.writes) {
      if (!writable.has(w.sheet) || anchorOf(mergesOf(w.sheet), w.row, w.col)) continue;
      if (hasFormula(w)) {
        skippedFormulas++;
        continue;
      }
      want(w.sheet, w.row, w.col).write = { value: w.value, numFmt: w.numFmt };
    }
  }
  for (const m of analysis.marks) {
    if (!writable.has(m.sheet)) continue;
    const anchor = anchorOf(mergesOf(m.sheet), m.row, m.col);
    const w = want(m.sheet, anchor?.row ?? m.row, anchor?.col ?? m.col);
    if (!anchor || !w.mark) w.mark = { fill: argbToHex(m.fill), note: m.note };
  }
  return { wants, skippedFormulas };
}

/**
 * Entries of earlier runs on writable sheets whose value is no longer planned or whose marks the
 * new plan no longer wants: their cells' state must be read too.
 */
export function staleEntries(store: StoreDoc | null, wants: Map<string, Want>, writable: Set<string>): StoreEntry[] {
  const stale: StoreEntry[] = [];
  for (const e of store?.entries ?? []) {
    if (!writable.has(e.s)) continue;
    const w = wants.get(entryKey(e.s, e.r, e.c));
    const staleValue = !!e.v && !w?.write; // checked in planRun: dropped if the user changed it
    const staleMark = (e.fill && !w?.mark) || (e.note && !w?.mark);
    if (staleValue || staleMark) stale.push(e);
  }
  return stale;
}

export interface RunPlanInput {
  wants: Map<string, Want>;
  /** The store as read (entries already pointed at the current sheets); mutated. */
  store: StoreDoc | null;
  /** staleEntries(store, wants, writable): entries of `store`. */
  stale: StoreEntry[];
  /** Current state of a wanted or stale cell. */
  state(c: CellRef): CellState;
  /** The host can write notes (Office: ExcelApi 1.18). */
  notes: boolean;
  /** Cells holding a threaded comment (entryKey): fill only, no note. */
  threaded?: Set<string>;
  /** Worksheet.id of a sheet, where the host has one (Office); absent in WPS. */
  idOf?(sheet: string): string | undefined;
  /** The store's `sheets` list (Office); absent in WPS (names only). */
  sheets?: { i: string; s: string }[];
}

export interface RunPlan {
  changes: Change[];
  /** Every touched cell's state before the run (for a rollback). */
  before: Map<string, CellState>;
  doc: StoreDoc;
  counts: PlanCounts;
  notices: PlanNotice[];
}

/**
 * recompute / validate: the changes and the new store. Marks of earlier runs that the plan no longer
 * wants are undone; values written earlier stay (only restore puts originals back); an aspect the user
 * changed since the add-in wrote it is theirs (kept, and its entry forgotten).
 */
export function planRun(input: RunPlanInput): RunPlan {
  const { wants, stale, notes } = input;
  const store = input.store ?? emptyStore();
  const threaded = input.threaded ?? new Set<string>();
  const counts: PlanCounts = { values: 0, fills: 0, notes: 0, restored: 0, kept: 0 };
  const notices: PlanNotice[] = [];
  const entries = new Map<string, StoreEntry>(store.entries.map((e) => [entryKey(e.s, e.r, e.c), e]));
  const changes: Change[] = [];
  const before = new Map<string, CellState>();
  const stateOf = (c: CellRef) => {
    const k = entryKey(c.sheet, c.row, c.col);
    let s = before.get(k);
    if (!s) {
      s = input.state(c);
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
      counts.kept++;
      delete e.v;
    }
    if (!w?.mark) {
      if (e.fill) {
        if (sameColor(fillHex(cur.fill), e.fill.w)) ch.fill = fillChangeOf(e.fill.o);
        else counts.kept++;
        delete e.fill;
      }
      if (e.note && notes) {
        // without notes support the note aspect stays in the store for a later host
        if (sameText(cur.note, e.note.w)) ch.note = { text: e.note.o };
        delete e.note;
      }
    }
    if (ch.value || ch.fill || ch.note) {
      changes.push(ch);
      counts.restored++;
    }
  }

  for (const w of wants.values()) {
    const k = entryKey(w.sheet, w.row, w.col);
    const cur = stateOf(w);
    const id = input.idOf?.(w.sheet);
    const e: StoreEntry = entries.get(k) ?? { s: w.sheet, ...(id !== undefined ? { i: id } : {}), r: w.row, c: w.col };
    const ch: Change = { sheet: w.sheet, row: w.row, col: w.col };
    if (w.write) {
      counts.values++;
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
      counts.fills++;
      if (notes && threaded.has(k)) {
        // a cell holds a threaded comment or a note, never both
        notices.push({ kind: 'threaded-comment', sheet: w.sheet, cell: a1(w.row, w.col) });
        delete e.note;
      } else if (notes) {
        if (!e.note || !sameText(cur.note, e.note.w)) e.note = { o: cur.note, w: '' };
        const text = e.note.o ? `${e.note.o}\n\n${w.mark.note}` : w.mark.note;
        e.note.w = text;
        if (!sameText(cur.note, text)) ch.note = { text };
        counts.notes++;
      }
    }
    entries.set(k, e);
    changes.push(ch);
  }

  const doc: StoreDoc = {
    ...emptyStore(),
    ...(input.sheets ? { sheets: input.sheets } : {}),
    entries: [...entries.values()].filter((e) => e.v || e.fill || e.note),
  };
  return { changes, before, doc, counts, notices };
}

/** The writes that put `changes` back to `before` (after a failed write). */
export function planUndo(changes: Change[], before: Map<string, CellState>): Change[] {
  return changes.map((ch) => {
    const b = before.get(entryKey(ch.sheet, ch.row, ch.col))!;
    const u: Change = { sheet: ch.sheet, row: ch.row, col: ch.col };
    if (ch.value) u.value = { input: inputFor(b.value, b.format), format: b.format };
    if (ch.fill) u.fill = fillChangeOf(b.fill);
    if (ch.note) u.note = { text: b.note };
    return u;
  });
}

/** The store entries a restore of `scope` handles: every sheet's, or the active sheet's only. */
export function entriesInScope(all: StoreEntry[], scope: 'sheet' | 'workbook', activeSheet: string): StoreEntry[] {
  return all.filter((e) => scope === 'workbook' || e.s === activeSheet);
}

export interface RestorePlanInput {
  /** Every entry of the store (pointed at the current sheets). */
  all: StoreEntry[];
  /** Entries in the run's scope (a subset of `all`). */
  inScope: StoreEntry[];
  /** Sheets that exist now (entries of other sheets are dropped). */
  existing: Set<string>;
  /** Protected sheets (their entries stay for later). */
  locked: Set<string>;
  state(c: CellRef): CellState;
  notes: boolean;
}

export interface RestorePlan {
  changes: Change[];
  /** The entries the store keeps. */
  remaining: StoreEntry[];
  restored: number;
  kept: number;
}

/**
 * 清除标记: every in-scope aspect whose cell still holds what the add-in wrote goes back to its
 * original; an aspect the user changed since is kept as it is (counted).
 */
export function planRestore(input: RestorePlanInput): RestorePlan {
  const { all, inScope, existing, locked, notes } = input;
  const doable = inScope.filter((e) => existing.has(e.s) && !locked.has(e.s));
  const changes: Change[] = [];
  const leftover: StoreEntry[] = [];
  let restored = 0;
  let kept = 0;
  for (const e of doable) {
    const ref = { sheet: e.s, row: e.r, col: e.c };
    const cur = input.state(ref);
    const ch: Change = { ...ref };
    let keptHere = false;
    if (e.v) {
      if (sameValue(cur.value, e.v.w) && cur.format === e.v.wf && !cur.formula) ch.value = { input: inputFor(e.v.o, e.v.f), format: e.v.f };
      else keptHere = true;
    }
    if (e.fill) {
      if (sameColor(fillHex(cur.fill), e.fill.w)) ch.fill = fillChangeOf(e.fill.o);
      else keptHere = true;
    }
    if (e.note && notes) {
      if (sameText(cur.note, e.note.w)) ch.note = { text: e.note.o };
      else keptHere = true;
    } else if (e.note) {
      // a host without notes keeps the original for one that has them
      leftover.push({ s: e.s, ...(e.i !== undefined ? { i: e.i } : {}), r: e.r, c: e.c, note: e.note });
    }
    if (keptHere) kept++;
    if (ch.value || ch.fill || ch.note) {
      changes.push(ch);
      restored++;
    }
  }
  // entries on missing sheets are dropped; protected ones stay for later
  const remaining = [...all.filter((e) => !inScope.includes(e) || locked.has(e.s)), ...leftover];
  return { changes, remaining, restored, kept };
}

// --- the store as read ---------------------------------------------------------------------

/** An unreadable store's cells, kept in column B of the store sheet before column A is rewritten. */
export interface StoreBackup {
  at: string;
  error: string;
  values: unknown[];
}

/**
 * Column A of the store sheet → the document. An unreadable store (two co-authors' runs merged cell
 * by cell, a newer add-in's format) never blocks recompute or validate: it reads as empty with a
 * backup to keep (audit 2, #6); restore says so and resets it only when asked (重置恢复信息).
 */
export function readStoreColumn(values: unknown[][] | null): { doc: StoreDoc | null; backup: StoreBackup | null } {
  try {
    return { doc: decodeStore(values), backup: null };
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    return { doc: null, backup: { at: new Date().toISOString(), error: e.message, values: (values ?? []).map((row) => row?.[0]) } };
  }
}

/** The rows of column B that keep an unreadable store: a stamp, then its cells as text. */
export function backupColumn(b: StoreBackup): string[] {
  return [`~ziping: ${b.at} ${b.error}`, ...b.values.map((v) => (v === null || v === undefined ? '' : String(v)))];
}

/** The notice of a run that backed up an unreadable store. */
export function storeResetNotice(): RunNotice {
  return { kind: 'store-reset', sheet: STORE_SHEET, cell: 'B1' };
}

/** The store after a restore: the entries kept, with the host's sheet list where it has one. */
export function restoreDoc(remaining: StoreEntry[], sheets?: { i: string; s: string }[]): StoreDoc {
  return { ...emptyStore(), ...(sheets ? { sheets } : {}), entries: remaining };
}

/** The plan's counts and notices into the outcome. */
export function applyRunPlan(outcome: RunOutcome, plan: Pick<RunPlan, 'counts' | 'notices'>): void {
  const c = plan.counts;
  outcome.written = { ...outcome.written, values: c.values, fills: c.fills, notes: c.notes, restored: c.restored, kept: c.kept };
  outcome.notices.push(...plan.notices);
}

/** Vertical runs of consecutive rows; with `gap`, rows up to `gap` apart share a run. */
export function rowRuns(sortedRows: number[], gap = 0): { start: number; length: number }[] {
  const out: { start: number; length: number }[] = [];
  for (const r of sortedRows) {
    const last = out[out.length - 1];
    if (last && r - (last.start + last.length) <= gap) last.length = r - last.start + 1;
    else out.push({ start: r, length: 1 });
  }
  return out;
}

/** Cells as vertical rectangles, column by column. */
export function verticalRects(cells: CellRef[]): { col: number; start: number; length: number }[] {
  const byCol = new Map<number, number[]>();
  for (const c of cells) {
    const list = byCol.get(c.col) ?? [];
    list.push(c.row);
    byCol.set(c.col, list);
  }
  const out: { col: number; start: number; length: number }[] = [];
  for (const [col, rowList] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
    for (const r of rowRuns([...new Set(rowList)].sort((a, b) => a - b))) out.push({ col, ...r });
  }
  return out;
}

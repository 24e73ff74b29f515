// Restore store: what the add-in changed, and what was there before (docs/restore-store.md).
// Kept as JSON in column A of a very hidden worksheet so it survives save/close/reopen.

export const STORE_SHEET = '_ziping_restore_';
export const STORE_VERSION = 1;
/** Every stored cell starts with this character so Excel never parses it as a number/date/formula. */
const PREFIX = '~';
const CHUNK = 30000; // an Excel cell holds 32,767 characters

/** A fill before the add-in changed it; null = no fill. */
export interface FillState {
  /** '#RRGGBB' */
  c: string;
  /** Excel FillPattern when not 'Solid' (ExcelApi 1.9 hosts only). */
  p?: string;
  /** Pattern colour (ExcelApi 1.9 hosts only). */
  pc?: string;
  /** tintAndShade of the colour when not 0, e.g. a theme colour "lighter 80 %" (ExcelApi 1.9 hosts only). */
  t?: number;
}

/** A cell value as Excel reports it; {e} = an error value such as #N/A. */
export type StoredValue = string | number | boolean | null | { e: string };

export interface StoreEntry {
  /** Sheet name (at the last run that touched the store). */
  s: string;
  /** Worksheet.id at that run; absent in stores written before ids were kept. */
  i?: string;
  /** 0-based row and column. */
  r: number;
  c: number;
  /** Value: original value and number format, and what the add-in wrote. */
  v?: { o: StoredValue; f: string; w: number | string; wf: string };
  /** Fill: original fill, and the colour the add-in set. */
  fill?: { o: FillState | null; w: string };
  /** Note: original note text (null = none), and the text the add-in set. */
  note?: { o: string | null; w: string };
}

export interface StoreDoc {
  app: 'ziping';
  v: number;
  /** Every sheet's Worksheet.id and name when the store was last written (tells whether ids still hold). */
  sheets?: { i: string; s: string }[];
  entries: StoreEntry[];
}

export class StoreError extends Error {}

export function emptyStore(): StoreDoc {
  return { app: 'ziping', v: STORE_VERSION, entries: [] };
}

export interface SheetIdent {
  id: string;
  name: string;
}

/**
 * Points every entry at a sheet of this workbook as it is now, and updates its `s`/`i`.
 * Worksheet.id survives a rename but lasts one session only: a reopened file gets position-based
 * ids, so after a sheet was deleted or moved and the file reopened, a stored id may name another
 * sheet. Hence: the name first; the id only while the ids are consistent, i.e. no sheet of the
 * stored list (`known`: the doc's `sheets`, else the entries' own pairs) that still exists by name
 * carries another id now. Entries found neither way keep their name, not their id (deleted sheet, or
 * renamed and then moved and reopened before the next run).
 */
export function rekeyEntries(entries: StoreEntry[], sheets: SheetIdent[], known?: { i: string; s: string }[]): void {
  const byName = new Map(sheets.map((x) => [x.name, x]));
  const byId = new Map(sheets.map((x) => [x.id, x]));
  const pairs = known ?? entries.filter((e) => e.i).map((e) => ({ i: e.i as string, s: e.s }));
  const trustIds = pairs.every((p) => !byName.has(p.s) || byName.get(p.s)!.id === p.i);
  for (const e of entries) {
    const sheet = byName.get(e.s) ?? (trustIds && e.i ? byId.get(e.i) : undefined);
    if (!sheet) {
      delete e.i; // an id of another session (or of a deleted sheet) would name the wrong sheet later
      continue;
    }
    e.s = sheet.name;
    e.i = sheet.id;
  }
}

export function entryKey(sheet: string, row: number, col: number): string {
  return `${sheet}\u0000${row}\u0000${col}`;
}

/** JSON split into prefixed chunks, one per cell of column A. */
export function encodeStore(doc: StoreDoc): string[] {
  const json = JSON.stringify(doc);
  const out: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) out.push(PREFIX + json.slice(i, i + CHUNK));
  return out.length ? out : [PREFIX + '{}'];
}

/** Reads column A of the store sheet (a 2-D values array). Empty → null. */
export function decodeStore(values: unknown[][] | null | undefined): StoreDoc | null {
  if (!values) return null;
  let json = '';
  for (const row of values) {
    const v = row?.[0];
    if (typeof v !== 'string' || v === '') continue;
    if (!v.startsWith(PREFIX)) throw new StoreError('restore store: unexpected cell content');
    json += v.slice(PREFIX.length);
  }
  if (json === '' || json === '{}') return null;
  let doc: { app?: unknown; v?: unknown; entries?: unknown } | null;
  try {
    doc = JSON.parse(json) as typeof doc;
  } catch {
    throw new StoreError('restore store: not valid JSON');
  }
  if (!doc || doc.app !== 'ziping' || !Array.isArray(doc.entries)) throw new StoreError('restore store: unknown format');
  if (Number(doc.v) > STORE_VERSION) throw new StoreError(`restore store: version ${doc.v} is newer than this add-in`);
  return doc as unknown as StoreDoc;
}

/**
 * The text to write so Excel stores `v` unchanged. Strings that Excel would parse
 * (numbers, dates, booleans, formulas) get a leading apostrophe unless the cell is Text ('@').
 */
export function inputFor(v: StoredValue, numberFormat: string): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'object') return v.e; // re-typing an error constant gives the same error
  if (typeof v !== 'string') return v;
  if (v === '' || numberFormat === '@') return v;
  const t = v.trim();
  const risky = /^[=+\-@'#]/.test(t) || /^(true|false)$/i.test(t) || /^[\d\s.,:/\\%$¥￥€£()+\-eE年月日时分秒]+$/.test(t) || t !== v; // Excel trims leading/trailing blanks of parsed input
  return risky ? "'" + v : v;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  if ((a === '' || a === null || a === undefined) && (b === '' || b === null || b === undefined)) return true;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const n = (s: string | null | undefined) => (s ?? '').replace(/\r\n?/g, '\n').trim();
  return n(a) === n(b);
}

export function sameColor(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? '').toUpperCase() === (b ?? '').toUpperCase();
}

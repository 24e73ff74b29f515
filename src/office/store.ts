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

/**
 * Why a store could not be read (StoreError.reason): a cell the add-in did not write, JSON that does
 * not parse, an unknown or newer document, chunks of different runs (two co-authors' runs merged cell
 * by cell), or a chunk cut short, missing or edited.
 */
export type StoreReason = 'cell' | 'json' | 'format' | 'newer' | 'mixed' | 'chunk';

const STORE_MESSAGES: [StoreReason, RegExp][] = [
  ['cell', /^restore store: unexpected cell content/],
  ['json', /^restore store: not valid JSON/],
  ['format', /^restore store: unknown format/],
  ['newer', /^restore store: version (\S+) is newer/],
  ['mixed', /^restore store: chunks of different runs/],
  ['chunk', /^restore store: chunk /],
];

export class StoreError extends Error {
  constructor(
    readonly reason: StoreReason,
    message: string,
  ) {
    super(`restore store: ${message}`);
  }
}

/** The reason (and the version of a newer store) behind a StoreError message, also one kept in a saved last run. */
export function storeErrorReason(message: string): { reason: StoreReason; version?: string } | null {
  for (const [reason, re] of STORE_MESSAGES) {
    const m = re.exec(message);
    if (m) return m[1] ? { reason, version: m[1] } : { reason };
  }
  return null;
}

/**
 * FNV-1a (32 bits) over the UTF-16 code units: the generation of a store. Runs that write the same
 * document write the same chunks (so identical cells never conflict when co-authoring, and both hosts
 * write the same store); runs that write different documents get different generations.
 */
export function storeGeneration(json: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) {
    h ^= json.charCodeAt(i);
    h = (h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24)) >>> 0; // h * 16777619 mod 2^32, ES5-safe
  }
  return ('0000000' + h.toString(16)).slice(-8);
}

/** `~g<generation>.<index>/<count>.<length>:` before each chunk's text (docs/restore-store.md). */
const HEAD = /^~g([0-9a-f]{8})\.(\d+)\/(\d+)\.(\d+):/;

/**
 * JSON split into chunks, one per cell of column A, each with a header: the generation (a hash of the
 * whole JSON), its 1-based index and the count, and its length. A chunk never ends between the two
 * halves of a surrogate pair.
 */
export function encodeStore(doc: StoreDoc): string[] {
  const json = JSON.stringify(doc);
  const parts: string[] = [];
  for (let i = 0; i < json.length;) {
    let end = Math.min(i + CHUNK, json.length);
    const last = json.charCodeAt(end - 1);
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(json.slice(i, end));
    i = end;
  }
  const g = storeGeneration(json);
  return parts.map((p, k) => `${PREFIX}g${g}.${k + 1}/${parts.length}.${p.length}:${p}`);
}

/** The JSON of a store in the chunk format with headers; throws StoreError when chunks do not fit together. */
function joinChunks(cells: string[]): string {
  const heads = cells.map((v, k) => {
    const m = HEAD.exec(v);
    if (!m && k === 0) throw new StoreError('format', 'unknown format');
    if (!m) throw new StoreError('mixed', `chunks of different runs (chunk ${k + 1} has no header)`);
    const text = v.slice(m[0].length);
    if (Number(m[2]) !== k + 1 || text.length !== Number(m[4])) throw new StoreError('chunk', `chunk ${k + 1} is cut short, missing or edited`);
    return { g: m[1], n: Number(m[3]), text };
  });
  const json = heads.map((h) => h.text).join('');
  // the text must be exactly what one run wrote: its generation is that of one of the chunks
  // (chunks of another run whose text happens to be the same are fine)
  const g = storeGeneration(json);
  const run = heads.find((h) => h.g === g);
  if (!run && heads.some((h) => h.g !== heads[0].g)) throw new StoreError('mixed', 'chunks of different runs');
  const n = (run ?? heads[0]).n;
  if (n !== cells.length) throw new StoreError('chunk', `chunk count ${cells.length}, written ${n}`);
  if (!run) throw new StoreError('chunk', 'chunk text edited');
  return json;
}

/**
 * Reads column A of the store sheet (a 2-D values array). Empty → null. Stores written before chunk
 * headers (a first chunk `~{`) are read as they were: prefix off, chunks joined.
 */
export function decodeStore(values: unknown[][] | null | undefined): StoreDoc | null {
  if (!values) return null;
  const cells: string[] = [];
  for (const row of values) {
    const v = row?.[0];
    if (typeof v !== 'string' || v === '') continue;
    if (!v.startsWith(PREFIX)) throw new StoreError('cell', 'unexpected cell content');
    cells.push(v);
  }
  if (!cells.length) return null;
  const json = cells[0].startsWith(PREFIX + '{') ? cells.map((v) => v.slice(PREFIX.length)).join('') : joinChunks(cells);
  if (json === '' || json === '{}') return null;
  let doc: { app?: unknown; v?: unknown; entries?: unknown } | null;
  try {
    doc = JSON.parse(json) as typeof doc;
  } catch {
    throw new StoreError('json', 'not valid JSON');
  }
  if (!doc || doc.app !== 'ziping' || !Array.isArray(doc.entries)) throw new StoreError('format', 'unknown format');
  if (Number(doc.v) > STORE_VERSION) throw new StoreError('newer', `version ${String(doc.v)} is newer than this add-in`);
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

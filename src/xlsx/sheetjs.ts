// The reader for `check`: SheetJS (@e965/xlsx 0.20, the maintained build of the community edition)
// turns .xlsx, .xls (BIFF2–8) and WPS .et into SheetGrids, tolerating what real writers produce.
import type * as XLSXTypes from '@e965/xlsx';
import type { CellRange, CellValue, SheetGrid } from '../core/types';
import { buildGrid, byPosition, dedupeMerges, hidesCell, mergedBelowTopLeft, type GridCell } from './grid';
import { readZip } from './zip';

type XLSXModule = typeof XLSXTypes;
let lib: XLSXModule | null = null;
let codepages = false;

/** SheetJS, loaded on first use (it costs ~150 ms at start-up). */
export function sheetjs(withCodepages = false): XLSXModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lib ??= require('@e965/xlsx') as XLSXModule;
  if (withCodepages && !codepages) {
    // BIFF5 and older store text in the system code page (GBK on Chinese desktops)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    lib.set_cptable(require('@e965/xlsx/dist/cpexcel.js'));
    codepages = true;
  }
  return lib;
}

/** A problem with one sheet; the other sheets are read. */
export type SheetIssue =
  | { sheet: string; kind: 'overlapping-merges'; dropped: CellRange[] }
  | { sheet: string; kind: 'unparsed'; part: string | null; detail: string | null };

/** A part of the file that is really damaged: the workbook cannot be read. */
export class DamagedPartError extends Error {
  constructor(
    readonly part: string,
    readonly detail: string,
  ) {
    super(detail ? `${part}: ${detail}` : '');
  }
}

/** Thrown for a BIFF workbook with an open password (FILEPASS). */
export class EncryptedBiffError extends Error {}

/** Thrown for a zip package whose main part is not a workbook (a .docx, a bare zip with rels...). */
export class NotWorkbookPackageError extends Error {}

/** Excel's limit on the text of one cell. */
export const MAX_CELL_TEXT = 32767;

/** Thrown for a shared string longer than a cell can hold: not a file Excel writes (a shared-strings bomb when cells repeat it). */
export class OversizedTextError extends Error {}

/** Whether a shared-strings part holds an item whose text is longer than MAX_CELL_TEXT. */
export function oversizedSharedString(xml: string): boolean {
  if (xml.length <= MAX_CELL_TEXT) return false;
  for (const m of xml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g)) {
    if (m[1].length <= MAX_CELL_TEXT) continue;
    let n = 0;
    for (const t of m[1].replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '').matchAll(/<(?:\w+:)?t(?:\s[^>]*)?(?<!\/)>([^<]*)/g))
      n += unescapeXml(t[1]).replace(/_x[0-9a-f]{4}_/gi, '_').length;
    if (n > MAX_CELL_TEXT) return true;
  }
  return false;
}

/** Thrown where SheetJS cannot parse what the file holds (not damage we can name). */
export class UnsupportedContentError extends Error {}

/**
 * Runs `f` with the console silenced: SheetJS prints notes ("Cannot hydrate range", "Missing Info
 * for XLS Record") that name no file and would land among the CLI's own lines.
 */
export function quietly<T>(f: () => T): T {
  const c = console as unknown as Record<string, (...a: unknown[]) => void>;
  const keys = ['log', 'warn', 'error', 'info', 'debug'] as const;
  const saved = keys.map((k) => c[k]);
  for (const k of keys) c[k] = () => undefined;
  try {
    return f();
  } finally {
    keys.forEach((k, i) => (c[k] = saved[i]));
  }
}

export interface SheetJsRead {
  sheets: SheetGrid[];
  issues: SheetIssue[];
  book: XLSXTypes.WorkBook;
  date1904: boolean;
  /** The xlsx parts that were read (xlsx only). */
  parts: Map<string, Buffer> | null;
  /** Names of the sheets left out because they could not be parsed. */
  unparsed: string[];
  /** Sheet name → xlsx part path (xlsx only). */
  sheetParts: Map<string, string>;
  /** xlsx only: part names were normalised (backslashes, case), so `parts` differ from the file's bytes. */
  renamed?: boolean;
}

export interface SheetJsOptions {
  /** Also read fills and column widths (for fix); slower. */
  styles?: boolean;
}

const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

const DAY_MS = 86400000;
const DATE_FORMATS = new Map<string, boolean>();

/**
 * False when `f` cannot be a date or time format: no date or time letter outside quotes, escapes
 * and brackets (percent, currency, plain number formats). Cheap, so SheetJS's is_date is asked only
 * about the rest.
 */
export function maybeDateFormat(f: string): boolean {
  const bare = f.replace(/"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]|_.|\*./gi, '');
  return /[ymdhsebgaYMDHSEBGA年月日时分秒上下午]/.test(bare);
}

/** A date serial as a Date, the way ExcelJS reads it (UTC wall clock). */
export function serialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * DAY_MS));
}

function readOptions(styles: boolean): XLSXTypes.ParsingOptions {
  return {
    type: 'buffer',
    dense: true,
    cellNF: true,
    cellFormula: true,
    cellText: false,
    cellHTML: false,
    cellDates: false,
    cellStyles: styles,
    sheetStubs: true,
  };
}

type DenseSheet = XLSXTypes.WorkSheet & { '!data'?: (XLSXTypes.CellObject[] | undefined)[] };

function cellValue(c: XLSXTypes.CellObject, format: string | null, isDate: (f: string) => boolean, date1904: boolean): CellValue {
  const v = c.v as unknown;
  switch (c.t) {
    case 's':
      return typeof v === 'string' && v !== '' ? v : null;
    case 'n':
      if (typeof v !== 'number' || !Number.isFinite(v)) return null;
      return format !== null && isDate(format) ? serialToDate(v, date1904) : v;
    case 'b':
      return Boolean(v);
    case 'e':
      return { error: ERRORS[v as number] ?? (typeof c.w === 'string' ? c.w : '#VALUE!') };
    case 'd':
      return v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
    default:
      return null;
  }
}

/** Whether a number format shows a date (memoised; SheetJS, loaded only for a format that could be one, has the last word). */
export function isDateFormat(f: string): boolean {
  const known = DATE_FORMATS.get(f);
  if (known !== undefined) return known;
  const d = maybeDateFormat(f) && sheetjs().SSF.is_date(f);
  DATE_FORMATS.set(f, d);
  return d;
}

/** One SheetJS worksheet as a SheetGrid, and the merges dropped as overlapping. */
export function sheetJsToGrid(
  name: string,
  ws: XLSXTypes.WorkSheet,
  date1904: boolean,
  isProtected = false,
  xml = false,
): { grid: SheetGrid; dropped: CellRange[] } {
  const isDate = isDateFormat;
  const raw: CellRange[] = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }));
  const { kept, dropped } = dedupeMerges(raw);
  const data = (ws as DenseSheet)['!data'] ?? [];
  const slave = mergedBelowTopLeft(kept, data.length);
  const cells: GridCell[] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const ms = slave.get(r);
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      if (ms && hidesCell(ms, r, c)) continue;
      const z = cell.z;
      const format = typeof z === 'string' && z !== '' && z !== 'General' ? z : null;
      const f = cell.f;
      let formula = typeof f === 'string' && f !== '' ? f.replace(/^=/, '') : null;
      // XML reads a line break in text as LF (XML 1.0 §2.11); SheetJS keeps CR LF in shared formulas moved from their first cell
      if (xml && formula?.includes('\r')) formula = formula.replace(/\r\n/g, '\n');
      const value = cellValue(cell, format, isDate, date1904);
      if (value === null && formula === null && format === null) continue;
      cells.push({ row: r, col: c, value, formula, format });
    }
  }
  return { grid: buildGrid(name, cells, [...kept].sort(byPosition), isProtected), dropped };
}

// ---------------------------------------------------------------------------
// .xlsx (and WPS files saved as zip)
// ---------------------------------------------------------------------------

export const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    if (k === 'amp') return '&';
    const n = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(n) ? String.fromCodePoint(n) : m;
  });

export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const key = m[1].includes(':') ? m[1].slice(m[1].indexOf(':') + 1) : m[1];
    if (m[1].startsWith('xmlns')) continue;
    out[key] = unescapeXml(m[3] ?? m[4] ?? '');
  }
  return out;
}

/** A relationship target as a part name of `parts` (relative to `dir`; part names ignore case). */
function resolveTarget(parts: Map<string, Buffer>, dir: string, target: string): string {
  const t = (target.startsWith('/') ? target.slice(1) : `${dir}${target}`)
    .replace(/\\/g, '/')
    .replace(/\/\.\//g, '/')
    .replace(/[^/]+\/\.\.\//g, '');
  if (parts.has(t)) return t;
  const lower = t.toLowerCase();
  for (const k of parts.keys()) if (k.toLowerCase() === lower) return k;
  return t;
}

/** The workbook part: the package's officeDocument relationship (usually xl/workbook.xml); null when there is none. */
export function workbookPart(parts: Map<string, Buffer>): string | null {
  const rels = parts.get('_rels/.rels')?.toString('utf8');
  if (rels) {
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const a = attrs(m[0]);
      if (a.Target && /\/officeDocument$/.test(a.Type ?? '')) {
        const t = resolveTarget(parts, '', a.Target);
        if (parts.has(t)) return t;
      }
    }
  }
  return parts.has('xl/workbook.xml') ? 'xl/workbook.xml' : null;
}

/** Sheet name → part path, from the workbook part and its rels. */
export function sheetParts(parts: Map<string, Buffer>, wbPart = workbookPart(parts) ?? 'xl/workbook.xml'): Map<string, string> {
  const out = new Map<string, string>();
  const dir = wbPart.includes('/') ? wbPart.slice(0, wbPart.lastIndexOf('/') + 1) : '';
  const wbXml = parts.get(wbPart)?.toString('utf8');
  const rels = parts.get(`${dir}_rels/${wbPart.slice(dir.length)}.rels`)?.toString('utf8');
  if (!wbXml || !rels) return out;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (!a.Id || !a.Target) continue;
    targets.set(a.Id, resolveTarget(parts, dir, a.Target));
  }
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const id = a.id;
    if (a.name && id && targets.has(id)) out.set(a.name, targets.get(id) as string);
  }
  return out;
}

const PROTECTION = Buffer.from('sheetProtection');

export function sheetProtected(xml: Buffer | undefined): boolean {
  if (!xml) return false;
  const at = xml.indexOf(PROTECTION);
  if (at < 0) return false;
  const end = xml.indexOf('>', at);
  const tag = xml.toString('utf8', at, end < 0 ? at + 2000 : end);
  return /\ssheet\s*=\s*["'](1|true)["']/.test(tag);
}

/** Parts without which the workbook cannot be read at all. */
const ESSENTIAL = /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml)$/;

/** [Content_Types].xml without the overrides of parts the package lacks (SheetJS fails on a listed styles part that is missing). */
function withoutMissingOverrides(files: Map<string, Buffer>): Buffer | null {
  const ct = files.get('[Content_Types].xml')?.toString('utf8');
  if (!ct) return null;
  const lower = new Set([...files.keys()].map((k) => k.toLowerCase()));
  let changed = false;
  const out = ct.replace(/<(?:\w+:)?Override\b[^>]*>/g, (tag) => {
    const name = attrs(tag).PartName;
    if (!name || lower.has(name.replace(/^\//, '').toLowerCase())) return tag;
    changed = true;
    return '';
  });
  return changed ? Buffer.from(out, 'utf8') : null;
}

/**
 * Inline strings SheetJS misreads, set to what Excel, POI and the fast path read:
 * - text in <v> (no <is>), <v> with or without attributes (LibreOffice writes <v t="inlineStr">): SheetJS reads it empty;
 * - an <is> whose every <t> is empty (<t xml:space="preserve"/>) but indented: SheetJS reads the indentation as the text.
 */
function inlineStringFixes(book: XLSXTypes.WorkBook, byName: Map<string, string>, parts: Map<string, Buffer>): void {
  for (const name of book.SheetNames) {
    const part = byName.get(name);
    const xml = part ? parts.get(part)?.toString('utf8') : undefined;
    const ws = book.Sheets[name] as DenseSheet | undefined;
    if (!xml || !ws || !xml.includes('inlineStr')) continue;
    for (const m of xml.matchAll(/<(?:\w+:)?c\b([^>]*\bt="inlineStr"[^>]*)(?<!\/)>([\s\S]*?)<\/(?:\w+:)?c>/g)) {
      const ref = /\br="([A-Z]+\d+)"/.exec(m[1]);
      if (!ref) continue;
      let text: string;
      if (/<(?:\w+:)?is\b/.test(m[2])) {
        // only an <is> with no text in any <t>: everything else SheetJS reads right
        if (/<(?:\w+:)?t(?:\s[^>]*)?(?<!\/)>[^<]/.test(m[2]) || /<(?:\w+:)?rPh\b/.test(m[2])) continue;
        text = '';
      } else {
        const v = /<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?v>/.exec(m[2]);
        if (!v) continue;
        text = unescapeXml(v[1]).replace(/_x([0-9a-f]{4})_/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
      }
      const at = sheetjs().utils.decode_cell(ref[1]);
      const data = (ws['!data'] ??= []);
      const row = (data[at.r] ??= []);
      if (text === '' && !row[at.c]) continue;
      row[at.c] = { ...(row[at.c] ?? {}), t: 's', v: text };
    }
  }
}

export function readXlsxBytes(buf: Buffer, options: SheetJsOptions = {}): SheetJsRead {
  const X = sheetjs();
  let zip;
  try {
    zip = readZip(buf);
  } catch (e) {
    throw new DamagedPartError('zip', (e as Error).message);
  }
  const wbPart = workbookPart(zip.files);
  if (!wbPart) {
    if (zip.bad.some((b) => /workbook\.xml$/i.test(b.name))) throw new DamagedPartError('xl/workbook.xml', 'damaged');
    throw new NotWorkbookPackageError('no workbook part');
  }
  for (const [name, data] of zip.files)
    if (/(^|\/)sharedStrings[^/]*\.xml$/i.test(name) && oversizedSharedString(data.toString('utf8'))) throw new OversizedTextError(name);
  const byName = sheetParts(zip.files, wbPart);
  const badSheets = new Map<string, string>();
  for (const b of zip.bad) {
    if (ESSENTIAL.test(b.name) || !/^xl\/(worksheets|chartsheets|macrosheets|dialogsheets)\//.test(b.name)) {
      // a damaged drawing, comment or printer part does not stop the values from being read
      if (ESSENTIAL.test(b.name) || !byName.size) throw new DamagedPartError(b.name, b.reason);
      continue;
    }
    badSheets.set(b.name, b.reason);
  }
  const ct = withoutMissingOverrides(zip.files);
  const cfb = X.CFB.utils.cfb_new();
  for (const [name, data] of zip.files) X.CFB.utils.cfb_add(cfb, name, name === '[Content_Types].xml' && ct ? ct : data, { unsafe: true } as never);
  let book: XLSXTypes.WorkBook;
  try {
    book = quietly(() =>
      (X as unknown as { parse_zip: (z: unknown, o: XLSXTypes.ParsingOptions) => XLSXTypes.WorkBook }).parse_zip(
        cfb,
        readOptions(Boolean(options.styles)),
      ),
    );
  } catch (e) {
    throw new DamagedPartError(wbPart, plainDetail(e));
  }
  if (!book.SheetNames?.length) throw new DamagedPartError(wbPart, 'no sheet listed');
  inlineStringFixes(book, byName, zip.files);
  return { ...collect(book, zip.files, byName, badSheets), renamed: zip.renamed };
}

function collect(
  book: XLSXTypes.WorkBook,
  parts: Map<string, Buffer> | null,
  byName: Map<string, string>,
  badSheets: Map<string, string>,
): SheetJsRead {
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const sheets: SheetGrid[] = [];
  const issues: SheetIssue[] = [];
  const unparsed: string[] = [];
  for (const name of book.SheetNames) {
    const ws = book.Sheets[name];
    const part = byName.get(name) ?? null;
    if (!ws) {
      unparsed.push(name);
      issues.push({ sheet: name, kind: 'unparsed', part, detail: (part && badSheets.get(part)) ?? null });
      continue;
    }
    const type = (ws as { '!type'?: string })['!type'];
    if (type === 'chart' || type === 'dialog' || type === 'macro') continue; // ExcelJS lists worksheets only
    const { grid, dropped } = sheetJsToGrid(name, ws, date1904, part && parts ? sheetProtected(parts.get(part)) : false, parts !== null);
    if (dropped.length) issues.push({ sheet: name, kind: 'overlapping-merges', dropped });
    sheets.push(grid);
  }
  return { sheets, issues, book, date1904, parts, unparsed, sheetParts: byName };
}

/**
 * What may follow a part name in a message: SheetJS's own words when they say what is wrong
 * ("XLS Record 0xe0 Truncated"), never a JavaScript error's text ("Cannot read properties of undefined").
 */
export function plainDetail(e: unknown): string {
  const msg = String((e as Error)?.message ?? e).split('\n')[0];
  const js = e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError || e instanceof SyntaxError;
  if (js || /undefined|null|argument|is not|Cannot read|of type|Invalid array length|Maximum call stack/i.test(msg)) return 'structure unreadable';
  return msg.length > 120 ? `${msg.slice(0, 120)}…` : msg;
}

// ---------------------------------------------------------------------------
// .xls / .et (compound file, BIFF)
// ---------------------------------------------------------------------------

export function readBiffBytes(buf: Buffer, options: SheetJsOptions = {}): SheetJsRead {
  const X = sheetjs(true);
  let book: XLSXTypes.WorkBook;
  try {
    book = quietly(() => X.read(buf, readOptions(Boolean(options.styles))));
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/password|encrypt/i.test(msg)) throw new EncryptedBiffError(msg);
    if (/^Unsupported/i.test(msg)) throw new UnsupportedContentError(msg);
    throw new DamagedPartError('compound file (BIFF)', '');
  }
  if (!book.SheetNames?.length) throw new DamagedPartError('compound file (BIFF)', 'no sheet listed');
  return collect(book, null, new Map(), new Map());
}

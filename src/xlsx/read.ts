// The one entry point that loads a workbook file (readWorkbookFile): .xlsx, .xls and WPS .et are
// read by SheetJS into SheetGrids; the ExcelJS → SheetGrid adapter is here too (tests, add-in fixtures).
// ExcelJS itself is loaded only when asked for (fix), so `check` starts without it.
import { readFileSync, statSync } from 'fs';
import type ExcelJS from 'exceljs';
import type * as ExcelJsLite from './exceljs';
import {
  DamagedPartError,
  EncryptedBiffError,
  NotWorkbookPackageError,
  OversizedTextError,
  UnsupportedContentError,
  readBiffBytes,
  readXlsxBytes,
  type SheetIssue,
  type SheetJsRead,
} from './sheetjs';
import type { CellRange, CellValue, Lang, SheetGrid } from '../core/types';
import { buildGrid, type GridCell } from './grid';
import { readXlsxFast } from './fast';
import { zipNames } from './zip';
import { vbaProject, type VbaProject } from './macros';
import { rangeA1 } from '../core/address';

// ---------------------------------------------------------------------------
// Worksheet → SheetGrid
// ---------------------------------------------------------------------------

type RichLike = { richText: { text: string }[] };

function isRich(v: unknown): v is RichLike {
  return typeof v === 'object' && v !== null && Array.isArray((v as RichLike).richText);
}

/** Plain text of a string, rich text or hyperlink text. */
function plainText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isRich(v)) return v.richText.map((r) => r.text ?? '').join('');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** A formula result or constant as an engine CellValue. */
function toCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return { error: o.error };
    if (isRich(o)) return toCellValue(plainText(o));
    if ('text' in o) return toCellValue(plainText(o.text));
  }
  return null;
}

interface ReadCell {
  value: CellValue;
  formula: string | null;
  format: string | null;
}

let liteModule: typeof ExcelJsLite | null = null;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lite = (): typeof ExcelJsLite => (liteModule ??= require('./exceljs'));

function readCell(cell: ExcelJS.Cell): ReadCell | null {
  const ValueType = lite().ValueType;
  const t = cell.type;
  // Merged non-top-left cells carry no value of their own.
  if (t === ValueType.Merge) return null;
  const fmt = cell.numFmt;
  const format = typeof fmt === 'string' && fmt !== '' && fmt !== 'General' ? fmt : null;
  let value: CellValue = null;
  let formula: string | null = null;
  switch (t) {
    case ValueType.Formula: {
      const f = cell.formula;
      formula = typeof f === 'string' && f !== '' ? f.replace(/^=/, '') : null;
      value = toCellValue(cell.result);
      break;
    }
    case ValueType.Error:
      value = toCellValue(cell.value);
      break;
    case ValueType.Hyperlink:
      value = toCellValue(plainText((cell.value as ExcelJS.CellHyperlinkValue).text));
      break;
    case ValueType.RichText:
      value = toCellValue(plainText(cell.value));
      break;
    default:
      value = toCellValue(cell.value);
  }
  if (value === null && formula === null && format === null) return null;
  return { value, formula, format };
}

type RangeLike = { top: number; left: number; bottom: number; right: number };

function sheetMerges(ws: ExcelJS.Worksheet): CellRange[] {
  const internal = (ws as unknown as { _merges?: Record<string, RangeLike> })._merges;
  const ranges: RangeLike[] = internal
    ? Object.values(internal)
    : (ws.model.merges ?? []).map((ref: string) => {
        const [a, b = a] = ref.split(':');
        const ca = ws.getCell(a);
        const cb = ws.getCell(b);
        return { top: Number(ca.row), left: Number(ca.col), bottom: Number(cb.row), right: Number(cb.col) };
      });
  return ranges
    .map((r) => ({ top: r.top - 1, left: r.left - 1, bottom: r.bottom - 1, right: r.right - 1 }))
    .sort((a, b) => a.top - b.top || a.left - b.left);
}

export { DENSE_CELLS } from './grid';

/**
 * Reads one ExcelJS worksheet. The grid covers every cell with a value, a formula or a non-General
 * number format, plus every merge. Merged non-top-left cells are null.
 */
export function sheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const cells: GridCell[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = readCell(cell);
      if (c) cells.push({ row: rowNumber - 1, col: colNumber - 1, ...c });
    });
  });
  const prot = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  return buildGrid(ws.name, cells, sheetMerges(ws), Boolean(prot && prot.sheet));
}

/** Every worksheet of a workbook, in tab order. */
export function workbookToGrids(wb: ExcelJS.Workbook): SheetGrid[] {
  return wb.worksheets.map(sheetToGrid);
}

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

export type ReadErrorReason =
  | 'missing'
  | 'directory'
  | 'empty'
  /** No longer produced (legacy .xls files are read); kept so callers' reason tables still compile. */
  | 'legacy-xls'
  | 'not-workbook'
  | 'encrypted'
  | 'text'
  | 'not-zip'
  | 'not-xlsx'
  | 'corrupt'
  | 'xlsb'
  | 'unsupported'
  /** A shared string longer than a cell can hold (32,767 characters): a tampered file or a shared-strings bomb. */
  | 'oversized'
  | 'no-sheets'
  | 'unreadable'

  /** A Word 2007+ report (.docx): check and report read it (src/docx); fix and the add-in do not. */
  | 'docx'
  /** Word 97-2003 (.doc) or WPS 文字 (.wps): a compound file with a WordDocument stream. */
  | 'legacy-doc'
  | 'pdf';

const REASONS: Record<ReadErrorReason, { zh: string; en: string }> = {
  missing: { zh: '文件不存在', en: 'file not found' },
  directory: { zh: '这是一个文件夹，不是 Excel 文件', en: 'is a directory, not an Excel file' },
  empty: { zh: '文件为空（0 字节）', en: 'the file is empty (0 bytes)' },
  'legacy-xls': {
    zh: '这是旧版 Excel 97-2003（.xls）文件，请在 Excel 中另存为不加密的 .xlsx 后再检查',
    en: 'this is a legacy Excel 97-2003 (.xls) file; save it as an unprotected .xlsx and try again',
  },
  'not-workbook': {
    zh: '这是 Office 复合文档（如 Word .doc），但不是 Excel 工作簿',
    en: 'this is an Office compound file (a Word .doc?) but not an Excel workbook',
  },
  encrypted: {
    zh: '文件已加密（设置了打开密码），请在 Excel 中取消密码并另存为不加密的 .xlsx 后再检查',
    en: 'the workbook is password-protected (encrypted); remove the password and save it as an unprotected .xlsx',
  },
  text: {
    zh: '这是文本或 CSV 文件，不是 Excel 工作簿，请在 Excel 中另存为 .xlsx 后再检查',
    en: 'this is a text or CSV file, not an Excel workbook; save it as .xlsx and try again',
  },
  'not-zip': {
    zh: '不是 Excel 工作簿（.xlsx、.xls 或 .et），内容无法识别',
    en: 'not an Excel workbook (.xlsx, .xls or .et): the content is not recognised',
  },
  'not-xlsx': {
    zh: '这是 zip 压缩包，但不是 Excel 工作簿（.xlsx）',
    en: 'this is a zip archive but not an Excel workbook (.xlsx)',
  },
  corrupt: {
    zh: '文件已损坏或不完整（可能下载或复制未完成），无法打开',
    en: 'the file is corrupt or truncated (an incomplete download or copy?) and cannot be opened',
  },
  xlsb: {
    zh: '这是 Excel 二进制工作簿（.xlsb），本工具不能读取，请在 Excel 中另存为 .xlsx 后再检查',
    en: 'this is an Excel binary workbook (.xlsb), which this tool cannot read; save it as .xlsx and try again',
  },
  unsupported: {
    zh: '文件中有本工具无法解析的内容（很旧或不常见的写法），请在 Excel 中另存为 .xlsx 后再检查',
    en: 'the file holds content this tool cannot parse (a very old or unusual form); save it as .xlsx in Excel and try again',
  },
  oversized: {
    zh: '文件中有一段文字超过 Excel 单元格的上限（32,767 个字符），不是 Excel 能正常打开的工作簿（可能已被篡改），未检查',
    en: 'the file holds a text longer than an Excel cell can (32,767 characters): not a workbook Excel opens as it is (a tampered file?), so it is not checked',
  },
  'no-sheets': {
    zh: '工作簿中的工作表都缺失或已损坏，没有可检查的内容',
    en: 'every sheet of the workbook is missing or damaged; there is nothing to check',
  },
  unreadable: { zh: '无法读取文件', en: 'the file cannot be read' },
  docx: {
    zh: '这是 Word 报告（.docx）：fix 只为 Excel 工作簿写出带批注的副本，不会改写 Word 文件；请用 ziping check 检查它',
    en: 'this is a Word report (.docx): fix writes annotated copies of Excel workbooks only and never rewrites a Word file; check it with ziping check',
  },
  'legacy-doc': {
    zh: '这是旧版 Word 97-2003（.doc）或 WPS 文字（.wps）文档，请在 Word 或 WPS 中另存为 .docx 后再检查',
    en: 'this is a legacy Word 97-2003 (.doc) or WPS Writer (.wps) document; save it as .docx and try again',
  },
  pdf: {
    zh: '这是 PDF 文件，无法可靠读取其中的表格和数字，请提交 Word（.docx）或 Excel（.xlsx）原件',
    en: 'this is a PDF; its tables and figures cannot be read reliably: submit the Word (.docx) or Excel (.xlsx) original',
  },
};

/** Thrown by readWorkbookFile; `message` is one line naming the file and the reason. */
export class WorkbookReadError extends Error {
  readonly file: string;
  readonly reason: ReadErrorReason;
  constructor(file: string, reason: ReadErrorReason, lang: Lang = 'zh', detail?: string) {
    super(readErrorMessage(file, reason, lang, detail));
    this.name = 'WorkbookReadError';
    this.file = file;
    this.reason = reason;
  }
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();

export function readErrorMessage(file: string, reason: ReadErrorReason, lang: Lang = 'zh', detail?: string): string {
  const r = REASONS[reason][lang];
  const d = detail ? (lang === 'zh' ? `（${oneLine(detail)}）` : ` (${oneLine(detail)})`) : '';
  return lang === 'zh' ? `无法读取 ${oneLine(file)}：${r}${d}` : `cannot read ${oneLine(file)}: ${r}${d}`;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_EMPTY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP_EOCD = ZIP_EMPTY;

/** Heuristic: text when the first bytes hold no NUL and decode as UTF-8 (or look like GBK text). */
function looksLikeText(buf: Buffer): boolean {
  // UTF-16 text (Excel's "Unicode text" export) starts with a byte order mark.
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return true;
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return false;
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1b) control++;
  if (control > head.length * 0.01) return false;
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const bad = (utf8.match(/\uFFFD/g) ?? []).length;
  // Tolerate a character cut at the 8 KiB boundary, and GBK text (many high bytes, no controls).
  return bad <= 2 || head.filter((b) => b >= 0x80).length > head.length * 0.2;
}

/** Excel 2.x–4.x wrote a bare BIFF stream, starting with its BOF record (0x0009 / 0x0209 / 0x0409). */
function isRawBiff(buf: Buffer): boolean {
  if (buf.length < 8 || buf[0] !== 0x09 || ![0x00, 0x02, 0x04, 0x08].includes(buf[1])) return false;
  const len = buf.readUInt16LE(2);
  return len >= 4 && len <= 20;
}

/** The container a workbook file is in: zip (.xlsx, WPS zip) or compound file (.xls, .et). */
export type SourceFormat = 'xlsx' | 'xls' | 'et';

/** Why these bytes are not a readable workbook, or null when they look like one. */
export function sniffWorkbookBytes(buf: Buffer, fileName = ''): ReadErrorReason | null {
  if (buf.length === 0) return 'empty';
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) {
    if (buf.includes(Buffer.from('EncryptionInfo', 'utf16le'))) return 'encrypted';
    // BIFF8 keeps its records in a stream named Workbook, BIFF5 and older in Book; report writers
    // (Crystal Reports...) spell them WORKBOOK or BOOK, and names in a compound file ignore case
    if (BOOK_STREAM.test(buf.toString('latin1'))) return null;
    return buf.includes(Buffer.from('WordDocument', 'utf16le')) ? 'legacy-doc' : 'not-workbook';
  }
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (isRawBiff(buf)) return null;
  const isZip = buf.subarray(0, 4).equals(ZIP_LOCAL) || buf.subarray(0, 4).equals(ZIP_EMPTY);
  if (!isZip) {
    if (/\.(csv|txt|tsv)$/i.test(fileName) || looksLikeText(buf)) return 'text';
    return 'not-zip';
  }
  // A complete zip ends with an end-of-central-directory record within the last 64 KiB + 22 bytes.
  const tail = buf.subarray(Math.max(0, buf.length - 65557));
  if (!tail.includes(ZIP_EOCD)) return 'corrupt';
  // Part names (any case, DOS backslashes too); the workbook part may sit outside xl/ (the package's rels say where)
  const names = zipNames(buf);
  if (!names) return null; // the reader names what is damaged
  if (names.some((n) => /^word\/document\.xml$/i.test(n)) && !names.some((n) => /(^|\/)workbook\.(xml|bin)$/i.test(n))) return 'docx';
  if (!names.includes('[Content_Types].xml')) return 'not-xlsx';
  if (names.some((n) => /(^|\/)workbook\.bin$/i.test(n))) return 'xlsb';
  if (!names.includes('_rels/.rels') && !names.some((n) => /(^|\/)workbook\.xml$/i.test(n))) return 'not-xlsx';
  return null;
}

/** A compound-file directory entry named Workbook or Book, in any case (UTF-16LE, NUL-terminated). */
const BOOK_STREAM = /(?:W\0o\0r\0k\0)?B\0o\0o\0k\0\0\0/i;

/** A sheet-level problem: the sheet is named, the file is still checked. */
export interface ReadWarning {
  sheet: string;
  kind: SheetIssue['kind'];
  /** One line, in the requested language, naming the file and the sheet. */
  message: string;
}

export interface WorkbookRead {
  sheets: SheetGrid[];
  format: SourceFormat;
  warnings: ReadWarning[];
  /** With `forFix`: the workbook to write the annotated copy from. */
  workbook?: ExcelJS.Workbook;
  /** With `forFix`: what the copy cannot keep from the original, one line each. */
  notKept?: string[];
  /** With `forFix`: the original's VBA project (.xlsm), for a copy that keeps the macros; null when none. */
  vba?: VbaProject | null;
  /** With `forFix`: the original's package parts (.xlsx/.xlsm), to tell what the copy lacks; null for .xls/.et. */
  parts?: Map<string, Buffer> | null;
}

export interface ReadOptions {
  lang?: Lang;
  /** Also build the ExcelJS workbook `fix` writes (loads ExcelJS; slower). */
  forFix?: boolean;
  /** Always read .xlsx through SheetJS, never the fast path (tests and the bench compare the two). */
  fullReader?: boolean;
  /** Internal: the bytes were already decrypted with the default key. */
  decrypted?: boolean;
}

export type FixRead = WorkbookRead & { workbook: ExcelJS.Workbook; notKept: string[]; vba: VbaProject | null; parts: Map<string, Buffer> | null };

const rangeList = (rs: CellRange[]) => {
  const shown = rs.slice(0, 5).map(rangeA1).join(', ');
  return rs.length > 5 ? `${shown} …` : shown;
};

function warningMessage(file: string, issue: SheetIssue, lang: Lang): string {
  const f = oneLine(file);
  if (issue.kind === 'overlapping-merges') {
    const n = issue.dropped.length;
    return lang === 'zh'
      ? `警告：${f} 的工作表「${issue.sheet}」有 ${n} 处合并区域与前面的合并区域重叠，已按 Excel 的做法忽略（${rangeList(issue.dropped)}），其余内容照常检查`
      : `warning: ${f}: sheet "${issue.sheet}" has ${n} merged range(s) overlapping an earlier one, ignored as Excel does (${rangeList(issue.dropped)}); everything else is checked`;
  }
  const why = [issue.part, issue.detail].filter(Boolean).join(': ');
  return lang === 'zh'
    ? `警告：${f} 的工作表「${issue.sheet}」无法解析${why ? `（${oneLine(why)}）` : ''}，已跳过，其余工作表照常检查`
    : `warning: ${f}: sheet "${issue.sheet}" cannot be parsed${why ? ` (${oneLine(why)})` : ''} and was skipped; the other sheets are checked`;
}

const warningOf = (file: string, i: SheetIssue, lang: Lang) => ({ sheet: i.sheet, kind: i.kind, message: warningMessage(file, i, lang) });

function formatOf(buf: Buffer, file: string): SourceFormat {
  if (/\.et$/i.test(file)) return 'et';
  return buf.subarray(0, 8).equals(OLE_MAGIC) || isRawBiff(buf) ? 'xls' : 'xlsx';
}

/** Loads workbook bytes (.xlsx, .xls, .et); throws WorkbookReadError (with `file` as the name to show). */
export async function readWorkbookBuffer(buf: Buffer, file: string, options: ReadOptions & { forFix: true }): Promise<FixRead>;
export async function readWorkbookBuffer(buf: Buffer, file: string, options?: ReadOptions): Promise<WorkbookRead>;
export async function readWorkbookBuffer(buf: Buffer, file: string, options: ReadOptions = {}): Promise<WorkbookRead> {
  const lang = options.lang ?? 'zh';
  const reason = sniffWorkbookBytes(buf, file);
  if (reason === 'encrypted') return readDefaultKey(buf, file, options);
  if (reason) throw new WorkbookReadError(file, reason, lang, reason === 'corrupt' ? 'zip: end of central directory missing' : undefined);
  const format = formatOf(buf, file);
  const biff = buf.subarray(0, 8).equals(OLE_MAGIC) || isRawBiff(buf);
  let read: SheetJsRead;
  try {
    if (biff) read = readBiffBytes(buf, { styles: Boolean(options.forFix) });
    else {
      // plain files take the fast path; fix needs SheetJS's whole book
      const fast = options.forFix || options.fullReader ? null : readXlsxFast(buf);
      if (fast) return { sheets: fast.sheets, format, warnings: fast.issues.map((i) => warningOf(file, i, lang)) };
      read = readXlsxBytes(buf);
    }
  } catch (e) {
    if (e instanceof EncryptedBiffError) return readDefaultKey(buf, file, options);
    if (e instanceof DamagedPartError) throw new WorkbookReadError(file, 'corrupt', lang, e.message || undefined);
    if (e instanceof NotWorkbookPackageError) throw new WorkbookReadError(file, 'not-xlsx', lang);
    if (e instanceof UnsupportedContentError) throw new WorkbookReadError(file, 'unsupported', lang);
    if (e instanceof OversizedTextError) throw new WorkbookReadError(file, 'oversized', lang, e.message);
    throw new WorkbookReadError(file, 'corrupt', lang);
  }
  // every sheet the workbook lists is missing or damaged: nothing was checked, so it is not "no table"
  if (!read.sheets.length && read.unparsed.length) throw new WorkbookReadError(file, 'no-sheets', lang);
  const warnings = read.issues.map((i) => warningOf(file, i, lang));
  const out: WorkbookRead = { sheets: read.sheets, format, warnings };
  if (options.forFix) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { excelJsForFix } = require('./to-exceljs') as typeof import('./to-exceljs');
    const built = await excelJsForFix(buf, biff, read, lang, format === 'et' ? '.et' : '.xls');
    out.workbook = built.workbook;
    out.notKept = built.notKept;
    out.vba = read.parts ? vbaProject(read.parts) : null;
    out.parts = read.parts ?? null;
  }
  return out;
}

/** Excel's default key: a workbook "encrypted" with it opens in Excel without a password. */
const DEFAULT_KEY = 'VelvetSweatshop';

/** An encrypted workbook: opened with Excel's default key when that is its key, else refused as password-protected. */
async function readDefaultKey(buf: Buffer, file: string, options: ReadOptions): Promise<WorkbookRead> {
  const lang = options.lang ?? 'zh';
  if (options.decrypted) throw new WorkbookReadError(file, 'encrypted', lang);
  let plain: Buffer;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const oc = require('officecrypto-tool') as { decrypt: (b: Buffer, o: { password: string }) => Promise<Buffer> };
    plain = await oc.decrypt(buf, { password: DEFAULT_KEY });
  } catch {
    throw new WorkbookReadError(file, 'encrypted', lang);
  }
  if (!plain || plain.equals(buf) || sniffWorkbookBytes(plain, file) === 'encrypted') throw new WorkbookReadError(file, 'encrypted', lang);
  return readWorkbookBuffer(plain, file, { ...options, decrypted: true });
}

/**
 * Reads a workbook file: .xlsx, legacy .xls (BIFF) or WPS .et, recognised by content, not by name.
 * Throws WorkbookReadError, whose message is one line naming the file and the reason, for a missing
 * path, a directory, an empty file, an encrypted workbook, CSV or other text, bytes that are not a
 * workbook, and a truncated or corrupt file (naming the part that failed). A sheet that cannot be
 * parsed, or overlapping merges, are warnings: the rest is read.
 */
export async function readWorkbookFile(file: string, options: ReadOptions & { forFix: true }): Promise<FixRead>;
export async function readWorkbookFile(file: string, options?: ReadOptions): Promise<WorkbookRead>;
export async function readWorkbookFile(file: string, options: ReadOptions = {}): Promise<WorkbookRead> {
  const lang = options.lang ?? 'zh';
  let buf: Buffer;
  try {
    // synchronous: one small file, read whole; the async calls cost more in round trips than the read
    if (statSync(file).isDirectory()) throw new WorkbookReadError(file, 'directory', lang);
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkbookReadError(file, 'missing', lang);
    if (code === 'EISDIR') throw new WorkbookReadError(file, 'directory', lang);
    throw new WorkbookReadError(file, 'unreadable', lang, code);
  }
  return readWorkbookBuffer(buf, file, options);
}

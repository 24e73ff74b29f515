// ExcelJS → SheetGrid adapter, and a file reader that explains why a file cannot be opened.
import { promises as fsp } from 'fs';
import type ExcelJS from 'exceljs';
import { ValueType, Workbook } from './exceljs';
import type { CellRange, CellValue, Lang, SheetGrid } from '../core/types';

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

function readCell(cell: ExcelJS.Cell): ReadCell | null {
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

function boundingBox(cells: { row: number; col: number }[], merges: CellRange[]): CellRange {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const { row, col } of cells) {
    top = Math.min(top, row);
    left = Math.min(left, col);
    bottom = Math.max(bottom, row);
    right = Math.max(right, col);
  }
  for (const m of merges) {
    top = Math.min(top, m.top);
    left = Math.min(left, m.left);
    bottom = Math.max(bottom, m.bottom);
    right = Math.max(right, m.right);
  }
  return bottom < 0 ? { top: 0, left: 0, bottom: 0, right: 0 } : { top, left, bottom, right };
}

/** Sheets whose content box is at most this many cells are read as a full rectangle. */
export const DENSE_CELLS = 2_000_000;

/**
 * Reads one worksheet. The grid covers every cell with a value, a formula or a non-General
 * number format, plus every merge. Merged non-top-left cells are null.
 */
export function sheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const cells: { row: number; col: number; c: ReadCell }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = readCell(cell);
      if (c) cells.push({ row: rowNumber - 1, col: colNumber - 1, c });
    });
  });
  const merges = sheetMerges(ws);
  const prot = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  const grid: SheetGrid = { name: ws.name, top: 0, left: 0, values: [], formats: [], formulas: [], merges };
  if (prot && prot.sheet) grid.protected = true;
  if (!cells.length && !merges.length) return grid;
  // formatted blanks count only inside the box of real content (whole formatted columns don't)
  const box = boundingBox(cells.filter((x) => x.c.value !== null || x.c.formula !== null), merges);
  const kept = cells.filter(({ row, col, c }) => c.value !== null || c.formula !== null || (row >= box.top && row <= box.bottom && col >= box.left && col <= box.right));
  if (!kept.length && !merges.length) return grid;
  const { top, left, bottom, right } = boundingBox(kept, merges);
  // Rows end at their own last cell (jagged), so a stray entry far away (XFD1048576) costs one
  // long row, not a dense rectangle; ordinary sheets are padded to a rectangle. Nothing is dropped.
  const h = bottom - top + 1;
  const values: CellValue[][] = Array.from({ length: h }, () => []);
  const formats: (string | null)[][] = Array.from({ length: h }, () => []);
  const formulas: (string | null)[][] = Array.from({ length: h }, () => []);
  for (const { row, col, c } of kept) {
    const r = row - top;
    const k = col - left;
    const vr = values[r];
    while (vr.length < k) {
      vr.push(null);
      formats[r].push(null);
      formulas[r].push(null);
    }
    vr[k] = c.value;
    formats[r][k] = c.format;
    formulas[r][k] = c.formula;
  }
  const w = right - left + 1;
  if (h * w <= DENSE_CELLS) {
    for (let r = 0; r < h; r++) {
      while (values[r].length < w) {
        values[r].push(null);
        formats[r].push(null);
        formulas[r].push(null);
      }
    }
  }
  return { ...grid, merges, top, left, values, formats, formulas };
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
  | 'legacy-xls'
  | 'encrypted'
  | 'text'
  | 'not-zip'
  | 'not-xlsx'
  | 'corrupt'
  | 'unreadable';

const REASONS: Record<ReadErrorReason, { zh: string; en: string }> = {
  missing: { zh: '文件不存在', en: 'file not found' },
  directory: { zh: '这是一个文件夹，不是 .xlsx 文件', en: 'is a directory, not an .xlsx file' },
  empty: { zh: '文件为空（0 字节）', en: 'the file is empty (0 bytes)' },
  'legacy-xls': {
    zh: '这是旧版 Excel 97-2003（.xls）文件，请在 Excel 中另存为不加密的 .xlsx 后再检查',
    en: 'this is a legacy Excel 97-2003 (.xls) file; save it as an unprotected .xlsx and try again',
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
    zh: '不是 .xlsx 文件（内容不是 Excel 工作簿格式）',
    en: 'not an .xlsx file (the content is not an Excel workbook)',
  },
  'not-xlsx': {
    zh: '这是 zip 压缩包，但不是 Excel 工作簿（.xlsx）',
    en: 'this is a zip archive but not an Excel workbook (.xlsx)',
  },
  corrupt: {
    zh: '文件已损坏或不完整（可能下载或复制未完成），无法打开',
    en: 'the file is corrupt or truncated (an incomplete download or copy?) and cannot be opened',
  },
  unreadable: { zh: '无法读取文件', en: 'the file cannot be read' },
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

/** Why these bytes are not a readable .xlsx, or null when they look like one. */
export function sniffWorkbookBytes(buf: Buffer, fileName = ''): ReadErrorReason | null {
  if (buf.length === 0) return 'empty';
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) {
    return buf.includes(Buffer.from('EncryptionInfo', 'utf16le')) ? 'encrypted' : 'legacy-xls';
  }
  const isZip = buf.subarray(0, 4).equals(ZIP_LOCAL) || buf.subarray(0, 4).equals(ZIP_EMPTY);
  if (!isZip) {
    if (/\.(csv|txt|tsv)$/i.test(fileName) || looksLikeText(buf)) return 'text';
    return 'not-zip';
  }
  // A complete zip ends with an end-of-central-directory record within the last 64 KiB + 22 bytes.
  const tail = buf.subarray(Math.max(0, buf.length - 65557));
  if (!tail.includes(ZIP_EOCD)) return 'corrupt';
  // File names are stored uncompressed in the local headers and the central directory.
  if (!buf.includes(Buffer.from('[Content_Types].xml')) || !buf.includes(Buffer.from('xl/workbook.xml'))) {
    return 'not-xlsx';
  }
  return null;
}

export interface ReadOptions {
  lang?: Lang;
}

/** Loads .xlsx bytes; throws WorkbookReadError (with `file` as the name to show). */
export async function readWorkbookBuffer(
  buf: Buffer,
  file: string,
  options: ReadOptions = {},
): Promise<{ workbook: ExcelJS.Workbook; sheets: SheetGrid[] }> {
  const lang = options.lang ?? 'zh';
  const reason = sniffWorkbookBytes(buf, file);
  if (reason) throw new WorkbookReadError(file, reason, lang);
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookReadError(file, 'corrupt', lang);
  }
  let sheets: SheetGrid[];
  try {
    sheets = workbookToGrids(workbook);
  } catch {
    throw new WorkbookReadError(file, 'corrupt', lang);
  }
  return { workbook, sheets };
}

/**
 * Reads an .xlsx file. Throws WorkbookReadError, whose message is one line naming the file and
 * the reason, for a missing path, a directory, an empty file, a legacy .xls or encrypted workbook,
 * CSV or other text, bytes that are not a zip, and a truncated or corrupt zip.
 */
export async function readWorkbookFile(
  file: string,
  options: ReadOptions = {},
): Promise<{ workbook: ExcelJS.Workbook; sheets: SheetGrid[] }> {
  const lang = options.lang ?? 'zh';
  let buf: Buffer;
  try {
    const st = await fsp.stat(file);
    if (st.isDirectory()) throw new WorkbookReadError(file, 'directory', lang);
    buf = await fsp.readFile(file);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkbookReadError(file, 'missing', lang);
    if (code === 'EISDIR') throw new WorkbookReadError(file, 'directory', lang);
    throw new WorkbookReadError(file, 'unreadable', lang, code);
  }
  return readWorkbookBuffer(buf, file, options);
}

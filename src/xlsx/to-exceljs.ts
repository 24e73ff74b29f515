// The ExcelJS workbook `fix` writes its copy from. ExcelJS stays the writer because SheetJS's
// community edition writes no styles, fills or notes; SheetJS is the reader.
// - .xlsx: the original parts, with overlapping merges removed first (ExcelJS throws "Cannot merge
//   already merged cells" on them), so styles, notes, widths and everything ExcelJS keeps survive.
// - .xls / .et, or an .xlsx ExcelJS still cannot load: built cell by cell from what SheetJS reads.
import type ExcelJS from 'exceljs';
import type * as XLSXTypes from '@e965/xlsx';
import type { CellRange, Lang } from '../core/types';
import { rangeA1 } from '../core/address';
import type * as ExcelJsLite from './exceljs';
import { dedupeMerges } from './grid';
import { quietly, readXlsxBytes, sheetjs, type SheetJsRead } from './sheetjs';
import { writeZip } from './zip';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lite = (): typeof ExcelJsLite => require('./exceljs');

const MERGE_BLOCK = /<(\w+:)?mergeCells\b[^>]*?(\/>|>[\s\S]*?<\/(\w+:)?mergeCells>)/;
const MERGE_REF = /<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']+)["'][^>]*?\/?>/g;

function parseRef(ref: string): CellRange | null {
  const X = sheetjs();
  try {
    const r = X.utils.decode_range(ref);
    if (r.s.r < 0 || r.s.c < 0) return null;
    return { top: r.s.r, left: r.s.c, bottom: r.e.r, right: r.e.c };
  } catch {
    return null;
  }
}

/** The sheet XML with each overlapping set of merges reduced to its first one; null when unchanged. */
export function repairMergesXml(xml: string): { xml: string; dropped: CellRange[] } | null {
  const block = MERGE_BLOCK.exec(xml);
  if (!block) return null;
  const refs = [...block[0].matchAll(MERGE_REF)].map((m) => m[1]);
  const ranges = refs.map(parseRef);
  const valid = ranges.filter((r): r is CellRange => r !== null);
  const { kept, dropped } = dedupeMerges(valid);
  if (!dropped.length && valid.length === refs.length) return null;
  const p = block[1] ?? '';
  const body = kept.map((r) => `<${p}mergeCell ref="${rangeA1(r)}"/>`).join('');
  const replacement = kept.length ? `<${p}mergeCells count="${kept.length}">${body}</${p}mergeCells>` : '';
  return { xml: xml.slice(0, block.index) + replacement + xml.slice(block.index + block[0].length), dropped };
}

const T = {
  zh: {
    merges: (s: string, rs: string) => `工作表「${s}」重叠的合并区域 ${rs} 未保留（Excel 打开时同样忽略它们）`,
    unparsed: (s: string) => `工作表「${s}」无法解析，副本中为空表`,
    legacy: (fmt: string) =>
      `${fmt} 文件已写成 .xlsx：字体、边框、对齐、条件格式、数据验证、图片与图表、宏、打印设置和工作表保护未能保留（值、公式及其结果、合并单元格、数字格式、列宽、行高、底色、批注和隐藏工作表已保留）`,
    rebuilt: '原文件的部分内容 ExcelJS 无法载入，副本按读取到的数据重建：字体、边框、对齐、条件格式、数据验证、图片与图表和打印设置未能保留',
    names: (n: number) => `${n} 个名称（定义的名称）未保留`,
    arrays: (n: number) => `${n} 个数组公式写成了普通公式`,
  },
  en: {
    merges: (s: string, rs: string) => `sheet "${s}": overlapping merged ranges ${rs} not kept (Excel ignores them too)`,
    unparsed: (s: string) => `sheet "${s}" could not be parsed and is empty in the copy`,
    legacy: (fmt: string) =>
      `the ${fmt} file is written as .xlsx: fonts, borders, alignment, conditional formats, data validation, pictures and charts, macros, print settings and sheet protection are not kept (values, formulas with their results, merges, number formats, column widths, row heights, fills, notes and hidden sheets are)`,
    rebuilt:
      'ExcelJS cannot load parts of the original, so the copy is rebuilt from the data read: fonts, borders, alignment, conditional formats, data validation, pictures and charts and print settings are not kept',
    names: (n: number) => `${n} defined name(s) not kept`,
    arrays: (n: number) => `${n} array formula(s) written as ordinary formulas`,
  },
};

const shortList = (rs: CellRange[]) => (rs.length > 5 ? `${rs.slice(0, 5).map(rangeA1).join(', ')} …` : rs.map(rangeA1).join(', '));

/** Loads the original .xlsx parts into ExcelJS, overlapping merges removed. Throws what ExcelJS throws. */
async function loadRepaired(buf: Buffer, read: SheetJsRead, lang: Lang): Promise<{ workbook: ExcelJS.Workbook; notKept: string[] }> {
  const parts = new Map(read.parts as Map<string, Buffer>);
  const notKept: string[] = [];
  let repaired = false;
  for (const issue of read.issues) {
    if (issue.kind !== 'overlapping-merges') continue;
    const part = read.sheetParts.get(issue.sheet);
    const data = part ? parts.get(part) : undefined;
    if (!part || !data) continue;
    const fixed = repairMergesXml(data.toString('utf8'));
    if (!fixed) continue;
    parts.set(part, Buffer.from(fixed.xml, 'utf8'));
    repaired = true;
    notKept.push(T[lang].merges(issue.sheet, shortList(fixed.dropped)));
  }
  if (read.unparsed.length) throw new Error('unparsed sheets');
  const workbook = new (lite().Workbook)();
  // the original bytes when nothing needed repair: ExcelJS reads exactly what it always read;
  // the normalised parts when the file had backslash or odd-case part names (ExcelJS looks them up exactly)
  await workbook.xlsx.load((repaired || read.renamed ? writeZip(parts) : buf) as unknown as ArrayBuffer);
  return { workbook, notKept };
}

type DenseSheet = XLSXTypes.WorkSheet & { '!data'?: (XLSXTypes.CellObject[] | undefined)[] };

const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
};

function rawValue(c: XLSXTypes.CellObject): ExcelJS.CellValue {
  const v = c.v as unknown;
  switch (c.t) {
    case 's':
      return typeof v === 'string' ? v : null;
    case 'n':
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    case 'b':
      return Boolean(v);
    case 'e':
      return { error: (ERRORS[v as number] ?? '#VALUE!') as ExcelJS.CellErrorValue['error'] };
    case 'd':
      return v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
    default:
      return null;
  }
}

const argb = (rgb: string | undefined) =>
  rgb && /^[0-9a-f]{6}$/i.test(rgb) ? `FF${rgb.toUpperCase()}` : rgb && /^[0-9a-f]{8}$/i.test(rgb) ? rgb.toUpperCase() : null;

/** An ExcelJS workbook holding what SheetJS read (read with styles). */
export function buildFromSheetJs(read: SheetJsRead, lang: Lang, legacyFormat: string | null): { workbook: ExcelJS.Workbook; notKept: string[] } {
  const t = T[lang];
  const book = read.book;
  const workbook = new (lite().Workbook)();
  if (read.date1904) workbook.properties.date1904 = true;
  const notKept: string[] = [legacyFormat ? t.legacy(legacyFormat) : t.rebuilt];
  let arrays = 0;
  book.SheetNames.forEach((name, i) => {
    const ws = workbook.addWorksheet(name);
    const hidden = book.Workbook?.Sheets?.[i]?.Hidden;
    if (hidden === 1) ws.state = 'hidden';
    if (hidden === 2) ws.state = 'veryHidden';
    const src = book.Sheets[name] as DenseSheet | undefined;
    if (!src) {
      notKept.push(t.unparsed(name));
      return;
    }
    const raw: CellRange[] = (src['!merges'] ?? []).map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }));
    const { kept, dropped } = dedupeMerges(raw);
    if (dropped.length) notKept.push(t.merges(name, shortList(dropped)));
    const isSlave = (r: number, c: number) =>
      kept.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
    const data = src['!data'] ?? [];
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const sc = row[c];
        if (!sc || isSlave(r, c)) continue;
        const cell = ws.getCell(r + 1, c + 1);
        const value = rawValue(sc);
        if (typeof sc.f === 'string' && sc.f !== '') {
          if (sc.F) arrays++;
          cell.value = { formula: sc.f.replace(/^=/, ''), result: value ?? undefined } as ExcelJS.CellFormulaValue;
        } else if (value !== null && value !== '') {
          const target = sc.l?.Target;
          cell.value = target && typeof value === 'string' ? { text: value, hyperlink: target } : value;
        }
        if (typeof sc.z === 'string' && sc.z !== '' && sc.z !== 'General') cell.numFmt = sc.z;
        const s = sc.s as { patternType?: string; fgColor?: { rgb?: string } } | undefined;
        const fg = argb(s?.fgColor?.rgb);
        if (s?.patternType && s.patternType !== 'none' && fg) {
          cell.fill = { type: 'pattern', pattern: s.patternType as ExcelJS.FillPatterns, fgColor: { argb: fg } };
        }
        const notes = (sc.c ?? []).map((n) => n.t ?? '').filter(Boolean);
        if (notes.length) cell.note = notes.join('\n');
      }
    }
    for (const m of kept) if (m.bottom > m.top || m.right > m.left) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    (src['!cols'] ?? []).forEach((col, k) => {
      if (!col) return;
      const width = col.width ?? col.wch;
      if (typeof width === 'number' && width > 0) ws.getColumn(k + 1).width = width;
      if (col.hidden) ws.getColumn(k + 1).hidden = true;
    });
    (src['!rows'] ?? []).forEach((row, k) => {
      if (!row) return;
      if (typeof row.hpt === 'number' && row.hpt > 0) ws.getRow(k + 1).height = row.hpt;
      if (row.hidden) ws.getRow(k + 1).hidden = true;
    });
  });
  const names = book.Workbook?.Names?.length ?? 0;
  if (names) notKept.push(t.names(names));
  if (arrays) notKept.push(t.arrays(arrays));
  return { workbook, notKept };
}

/** The workbook for `fix`, and what the copy cannot keep (one line each, in `lang`). */
export async function excelJsForFix(
  buf: Buffer,
  biff: boolean,
  read: SheetJsRead,
  lang: Lang,
  format = biff ? '.xls' : '.xlsx',
): Promise<{ workbook: ExcelJS.Workbook; notKept: string[] }> {
  // ExcelJS warns on the console about sheet names over 31 characters (report writers)
  if (biff) return quietly(() => buildFromSheetJs(read, lang, format));
  let built: { workbook: ExcelJS.Workbook; notKept: string[] };
  try {
    built = await loadRepaired(buf, read, lang);
  } catch {
    built = quietly(() => buildFromSheetJs(readXlsxBytes(buf, { styles: true }), lang, null));
  }
  return built;
}

// The fast path for plain .xlsx files: values, number formats, formulas, merges and protection read
// straight from the sheet XML, ~10× quicker than SheetJS's full parse. It covers the subset that
// ExcelJS, Excel and WPS write for ordinary tables (shared formulas too); at the first thing outside it
// (array formulas, phonetic runs, ISO dates, prefixed XML, chart sheets, a damaged part...)
// it returns null and the file is read by SheetJS. Its cells are turned into grids by the rules of
// sheetJsToGrid (grid.ts's merge helpers, buildGrid), so both paths give the same grids (fast.test.ts checks it).
import type { SheetGrid } from '../core/types';
import type { CellRange, CellValue } from '../core/types';
import { buildGrid, byPosition, dedupeMerges, hidesCell, mergedBelowTopLeft, type GridCell } from './grid';
import {
  attrs,
  isDateFormat,
  oversizedSharedString,
  serialToDate,
  sheetParts,
  sheetProtected,
  unescapeXml,
  workbookPart,
  type SheetIssue,
} from './sheetjs';
import { readZip } from './zip';

/** The built-in number formats (ECMA-376 §18.8.30), as SheetJS names them (fast.test.ts compares). */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'm/d/yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  56: '"上午/下午 "hh"時"mm"分"ss"秒 "',
};

/** Thrown inside the fast path for anything it does not cover: the caller falls back to SheetJS. */
class NotCovered extends Error {}

/**
 * XML text as SheetJS reads it: entities, then OOXML's _xHHHH_ escapes (Excel writes a CR as _x000D_),
 * and, where SheetJS does it (strings, plain formulas), CR LF as LF. What SheetJS reads in its own
 * way (CDATA, entities outside the five names, characters beyond U+FFFF) is left to SheetJS.
 */
const text = (s: string, crlf = true): string => {
  let t = s;
  if (t.includes('<![CDATA[')) throw new NotCovered('CDATA');
  if (t.includes('&')) {
    for (const e of t.matchAll(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi)) {
      const k = e[1];
      const code = k[0] !== '#' ? null : k[1] === 'x' || k[1] === 'X' ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
      if (code === null ? !/^(lt|gt|amp|quot|apos)$/.test(k) : !(code > 0 && code <= 0xffff)) throw new NotCovered('entity');
    }
    t = unescapeXml(t);
  }
  if (/_x/i.test(t)) t = t.replace(/_x([0-9a-f]{4})_/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return crlf && t.includes('\r') ? t.replace(/\r\n/g, '\n') : t;
};

/** The text of an <si> or <is>: its <t> runs joined. */
function runText(xml: string): string {
  if (xml.includes('<rPh')) throw new NotCovered('phonetic run');
  let out = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/t>)/g)) out += m[1] ?? '';
  return text(out);
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  if (xml.includes('<![CDATA[')) throw new NotCovered('CDATA');
  if (/<\w+:sst\b/.test(xml)) throw new NotCovered('prefixed shared strings');
  // a text longer than a cell holds: SheetJS's path refuses the file, with its reason
  if (oversizedSharedString(xml)) throw new NotCovered('oversized shared string');
  const out: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) out.push(m[1] === undefined ? '' : runText(m[1]));
  return out;
}

/** Number format code of each cellXfs entry (index = the cell's s attribute). */
function cellFormats(xml: string | undefined): (string | null)[] {
  if (!xml) return [];
  if (/<\w+:styleSheet\b/.test(xml)) throw new NotCovered('prefixed styles');
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
  }
  const start = xml.indexOf('<cellXfs');
  if (start < 0) return [];
  const end = xml.indexOf('</cellXfs>', start);
  const body = xml.slice(start, end < 0 ? undefined : end);
  const out: (string | null)[] = [];
  for (const m of body.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attrs(m[0]).numFmtId ?? 0);
    const f = custom.get(id) ?? BUILTIN_FORMATS[id];
    if (f === undefined) throw new NotCovered(`number format ${id}`);
    out.push(f);
  }
  return out;
}

/** SheetJS keeps formulas without Excel's _xlfn. prefix of newer functions. */
const xlfn = (f: string): string => (f.includes('_xlfn.') ? f.replace(/_xlfn\./g, '') : f);

// A1 references in a formula, as SheetJS finds them (its crefregex)
const CREF =
  /(^|[^._A-Z0-9])([$]?)([A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])([$]?)(10[0-3]\d{4}|104[0-7]\d{3}|1048[0-4]\d{2}|10485[0-6]\d|104857[0-6]|[1-9]\d{0,5})(?![_.(A-Za-z0-9])/g;

const colNumber = (s: string) => {
  let c = 0;
  for (let i = 0; i < s.length; i++) c = c * 26 + (s.charCodeAt(i) - 64);
  return c - 1;
};
const colName = (c: number) => {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** A shared formula as seen from a cell `dr` rows and `dc` columns from its first cell (relative references move). */
export function shiftFormula(f: string, dr: number, dc: number): string {
  return f.replace(
    CREF,
    (_m, pre: string, cAbs: string, col: string, rAbs: string, row: string) =>
      pre + (cAbs === '$' ? cAbs + col : colName(colNumber(col) + dc)) + (rAbs === '$' ? rAbs + row : String(Number(row) + dr)),
  );
}

function decodeRef(ref: string): { r: number; c: number } {
  let c = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  const r = Number(ref.slice(i));
  if (i === 0 || !Number.isInteger(r) || r < 1) throw new NotCovered(`cell reference ${ref}`);
  return { r: r - 1, c: c - 1 };
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const CELL_ATTR = /\s(r|s|t)="([^"]*)"/g;
/** r, s, t in the order Excel, WPS and ExcelJS write them, and nothing else. */
const USUAL_ATTRS = /^ r="([A-Z]+\d+)"(?: s="(\d+)")?(?: t="(\w+)")?\s*$/;

/** One sheet's grid, read as sheetJsToGrid reads SheetJS's cells, and the merges dropped as overlapping. */
function parseSheet(
  name: string,
  xml: string,
  sst: string[],
  formats: (string | null)[],
  date1904: boolean,
  isProtected: boolean,
): { grid: SheetGrid; dropped: CellRange[] } {
  if (/<\w+:(worksheet|sheetData|c)\b/.test(xml)) throw new NotCovered('prefixed sheet');
  if (xml.includes('<![CDATA[')) throw new NotCovered('CDATA');
  // a cut or damaged part is SheetJS's to judge (it names what failed)
  if (!/<\/worksheet>\s*$/.test(xml)) throw new NotCovered('unterminated sheet');
  const from = xml.indexOf('<sheetData');
  const to = xml.indexOf('</sheetData>', from);
  if (from >= 0 && to < 0 && !/<sheetData\s*\/>/.test(xml)) throw new NotCovered('unterminated sheetData');
  const body = from < 0 || to < 0 ? '' : xml.slice(from, to);

  const raw: CellRange[] = [];
  for (const mm of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+\d+)(?::([A-Z]+\d+))?"/g)) {
    const s = decodeRef(mm[1]);
    const e = mm[2] ? decodeRef(mm[2]) : s;
    raw.push({ top: Math.min(s.r, e.r), left: Math.min(s.c, e.c), bottom: Math.max(s.r, e.r), right: Math.max(s.c, e.c) });
  }
  const { kept, dropped } = dedupeMerges(raw);

  const cells: GridCell[] = [];
  const shared = new Map<string, { f: string; r: number; c: number }>();
  for (const m of body.matchAll(CELL)) {
    let ref = '';
    let style = '';
    let type = 'n';
    const usual = USUAL_ATTRS.exec(m[1]);
    if (usual) {
      ref = usual[1];
      style = usual[2] ?? '';
      type = usual[3] ?? 'n';
    } else {
      for (const a of m[1].matchAll(CELL_ATTR)) {
        if (a[1] === 'r') ref = a[2];
        else if (a[1] === 's') style = a[2];
        else type = a[2];
      }
    }
    if (!ref) throw new NotCovered('cell without reference');
    const { r, c } = decodeRef(ref);
    const inner = m[2] ?? '';
    let format: string | null = null;
    if (style !== '') {
      const z = formats[Number(style)];
      if (z === undefined) throw new NotCovered(`style ${style}`);
      if (z !== null && z !== '' && z !== 'General') format = z;
    }
    let formula: string | null = null;
    let rawValue: string | null = null;
    /** rawValue is already text (an inline string's <is>), not XML from <v>. */
    let decoded = false;
    if (inner.startsWith('<v>') && inner.endsWith('</v>') && inner.indexOf('<', 3) === inner.length - 4) {
      rawValue = inner.slice(3, -4); // the usual <v>…</v>
    } else if (inner !== '') {
      const fm = /<f(\s[^>]*)?(?:\/>|>([^<]*)<\/f>)/.exec(inner);
      if (fm) {
        const kind = fm[1] ? /\st="(\w+)"/.exec(fm[1])?.[1] : undefined;
        if (kind !== undefined && kind !== 'shared' && kind !== 'normal') throw new NotCovered(`${kind} formula`);
        const si = kind === 'shared' ? /\ssi="(\d+)"/.exec(fm[1] ?? '')?.[1] : undefined;
        if (kind === 'shared' && si === undefined) throw new NotCovered('shared formula without si');
        // a line break in XML text is LF (XML 1.0 §2.11), in plain and shared formulas alike
        let f: string | null = fm[2] ? xlfn(text(fm[2])) : null;
        if (si !== undefined) {
          // the first cell holds the text; the others are the same formula moved (as SheetJS moves it)
          if (f !== null) shared.set(si, { f, r, c });
          else {
            const master = shared.get(si);
            if (master) f = shiftFormula(master.f, r - master.r, c - master.c);
          }
        }
        if (f) formula = f.replace(/^=/, '') || null;
      }
      const vm = /<v(?:\s[^>]*)?(?:\/>|>([^<]*)<\/v>)/.exec(inner);
      if (vm) rawValue = vm[1] ?? '';
      if (type === 'inlineStr') {
        const im = /<is>([\s\S]*?)<\/is>/.exec(inner);
        if (im) {
          rawValue = runText(im[1]);
          decoded = true;
        }
      }
    }
    let value: CellValue = null;
    if (rawValue !== null) {
      switch (type) {
        case 's': {
          if (rawValue === '') break; // <v/>: an empty cell (ERP exports), not string #0
          const k = Number(rawValue);
          if (!Number.isInteger(k) || k < 0 || k >= sst.length) throw new NotCovered('shared string index');
          value = sst[k] || null;
          break;
        }
        case 'str':
          value = text(rawValue) || null;
          break;
        case 'inlineStr':
          value = (decoded ? rawValue : text(rawValue)) || null;
          break;
        case 'b':
          value = rawValue === '1' || rawValue === 'true';
          break;
        case 'e':
          value = { error: text(rawValue, false) || '#VALUE!' };
          break;
        case 'n':
          if (rawValue !== '') {
            const v = Number(rawValue);
            if (!Number.isFinite(v)) throw new NotCovered('number');
            value = format !== null && isDateFormat(format) ? serialToDate(v, date1904) : v;
          }
          break;
        default:
          throw new NotCovered(`cell type ${type}`);
      }
    } else if (type !== 'n' && type !== 's' && type !== 'str' && type !== 'inlineStr' && type !== 'b' && type !== 'e') {
      throw new NotCovered(`cell type ${type}`);
    }
    if (value === null && formula === null && format === null) continue;
    cells.push({ row: r, col: c, value, formula, format });
  }
  let rows = 0;
  for (const x of cells) if (x.row >= rows) rows = x.row + 1;
  const slave = mergedBelowTopLeft(kept, rows);
  const shown = slave.size ? cells.filter((x) => !(slave.has(x.row) && hidesCell(slave.get(x.row) as CellRange[], x.row, x.col))) : cells;
  return { grid: buildGrid(name, shown, [...kept].sort(byPosition), isProtected), dropped };
}

/** The sheets of a plain .xlsx, or null when the file needs SheetJS's full reader. */
export function readXlsxFast(buf: Buffer): { sheets: SheetGrid[]; issues: SheetIssue[] } | null {
  try {
    const zip = readZip(buf);
    if (zip.bad.length) return null;
    const parts = zip.files;
    // the usual layout only: the workbook at xl/workbook.xml, its strings and styles where Excel puts them
    if (workbookPart(parts) !== 'xl/workbook.xml') return null;
    const wbRels = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
    for (const m of wbRels.matchAll(/<Relationship\b[^>]*>/g)) {
      const a = attrs(m[0]);
      const kind = /\/(sharedStrings|styles)$/.exec(a.Type ?? '')?.[1];
      if (kind && (a.Target ?? '').replace(/^\/?xl\//, '') !== `${kind}.xml`) return null;
    }
    const wbXml = parts.get('xl/workbook.xml')?.toString('utf8');
    if (!wbXml || /<\w+:workbook\b/.test(wbXml)) return null;
    const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(wbXml);
    const byName = sheetParts(parts);
    const names = [...wbXml.matchAll(/<sheet\b[^>]*>/g)].map((m) => attrs(m[0]).name);
    if (!names.length || names.some((n) => !n || !byName.has(n))) return null;
    const sst = sharedStrings(parts.get('xl/sharedStrings.xml')?.toString('utf8'));
    const formats = cellFormats(parts.get('xl/styles.xml')?.toString('utf8'));
    const sheets: SheetGrid[] = [];
    const issues: SheetIssue[] = [];
    for (const name of names) {
      const part = byName.get(name) as string;
      if (!/^xl\/worksheets\/[^/]+\.xml$/.test(part)) return null;
      const bytes = parts.get(part);
      if (!bytes) return null;
      const { grid, dropped } = parseSheet(name, bytes.toString('utf8'), sst, formats, date1904, sheetProtected(bytes));
      if (dropped.length) issues.push({ sheet: name, kind: 'overlapping-merges', dropped });
      sheets.push(grid);
    }
    return { sheets, issues };
  } catch {
    // NotCovered, or anything unexpected: the full reader decides, and words any error
    return null;
  }
}

// ExcelJS cell <-> Excel JavaScript API value mapping, with Excel's semantics
// (merged cells read blank except the anchor, input coercion, "No Fill" reads #FFFFFF).
import type * as ExcelJS from 'exceljs';

export type ValueType = 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error';

export interface XlCellRead {
  value: string | number | boolean;
  type: ValueType;
  formula: string | number | boolean;
  numberFormat: string;
}

const MERGE_TYPE = 1; // ExcelJS ValueType.Merge

function isMergeSlave(cell: ExcelJS.Cell): boolean {
  return (cell as unknown as { type: number }).type === MERGE_TYPE;
}

/** Excel serial date (1900 system). */
export function dateToSerial(d: Date): number {
  return d.getTime() / 86400000 + 25569;
}

function scalar(v: unknown): { value: string | number | boolean; type: ValueType } {
  if (v === null || v === undefined || v === '') return { value: '', type: 'Empty' };
  if (typeof v === 'number') return { value: v, type: 'Double' };
  if (typeof v === 'boolean') return { value: v, type: 'Boolean' };
  if (typeof v === 'string') return { value: v, type: 'String' };
  if (v instanceof Date) return { value: dateToSerial(v), type: 'Double' };
  if (typeof v === 'object') {
    const o = v as { error?: unknown; richText?: unknown; text?: unknown };
    if ('error' in o) return { value: String(o.error), type: 'Error' };
    if (Array.isArray(o.richText)) return { value: (o.richText as ExcelJS.RichText[]).map((r) => r.text).join(''), type: 'String' };
    if ('text' in o && 'hyperlink' in o) return scalar(o.text);
  }
  return { value: String(v), type: 'String' };
}

export function readCell(cell: ExcelJS.Cell): XlCellRead {
  const numberFormat = (cell.numFmt as string | undefined) || 'General';
  if (isMergeSlave(cell)) return { value: '', type: 'Empty', formula: '', numberFormat };
  const raw = cell.value;
  if (raw && typeof raw === 'object' && ('formula' in raw || 'sharedFormula' in raw)) {
    const f = cell.formula;
    const r = raw.result === undefined ? { value: 0, type: 'Double' as ValueType } : scalar(raw.result);
    return { value: r.value, type: r.type, formula: f ? '=' + f : r.value, numberFormat };
  }
  const s = scalar(raw);
  return { value: s.value, type: s.type, formula: s.value, numberFormat };
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;

/** Writes one value the way Excel's `range.values = …` does (text is parsed like typed input). */
export function writeCellValue(cell: ExcelJS.Cell, v: unknown): void {
  if (v === null || v === undefined || v === '') {
    cell.value = null;
    return;
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    cell.value = v;
    return;
  }
  if (v instanceof Date) {
    cell.value = v;
    return;
  }
  const s = String(v);
  if (s.startsWith("'")) {
    cell.value = s.slice(1);
    return;
  }
  if (s.startsWith('=') && s.length > 1) {
    cell.value = { formula: s.slice(1) } as ExcelJS.CellFormulaValue;
    return;
  }
  if (cell.numFmt === '@') {
    cell.value = s;
    return;
  }
  if (NUMERIC.test(s.trim())) {
    cell.value = Number(s.trim());
    return;
  }
  const pm = PERCENT.exec(s.trim());
  if (pm) {
    cell.value = Number(pm[1]) / 100;
    if (!cell.numFmt || cell.numFmt === 'General') setNumFmt(cell, pm[2].includes('.') ? '0.00%' : '0%');
    return;
  }
  if (/^(true|false)$/i.test(s.trim())) {
    cell.value = s.trim().toLowerCase() === 'true';
    return;
  }
  cell.value = s;
}

/** Styles are shared between cells in ExcelJS: always replace, never mutate. */
export function setNumFmt(cell: ExcelJS.Cell, fmt: string): void {
  const style: Partial<ExcelJS.Style> = { ...(cell.style || {}) };
  if (!fmt || fmt === 'General') delete style.numFmt;
  else style.numFmt = fmt;
  cell.style = style;
}

// --- fills -------------------------------------------------------------------

/** An ExcelJS colour as stored in a file: argb, theme or indexed, with an optional tint. */
type LooseColor = { argb?: string; theme?: number; indexed?: number; tint?: number };
/** An ExcelJS fill read loosely (pattern and gradient fills share one shape here). */
type LooseFill = { type?: string; pattern?: string; fgColor?: LooseColor; bgColor?: LooseColor; stops?: { color?: LooseColor }[] };

export interface XlFillRead {
  color: string;
  pattern: string | null;
  patternColor: string;
  tintAndShade: number | null;
}

const THEME = ['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'];
const INDEXED: Record<number, string> = {
  0: '000000',
  1: 'FFFFFF',
  2: 'FF0000',
  3: '00FF00',
  4: '0000FF',
  5: 'FFFF00',
  6: 'FF00FF',
  7: '00FFFF',
  8: '000000',
  9: 'FFFFFF',
  10: 'FF0000',
  11: '00FF00',
  12: '0000FF',
  13: 'FFFF00',
  14: 'FF00FF',
  15: '00FFFF',
  22: 'C0C0C0',
  23: '808080',
  26: 'FFFFCC',
  27: 'CCFFFF',
  40: '00CCFF',
  41: 'CCFFFF',
  42: 'CCFFCC',
  43: 'FFFF99',
  44: '99CCFF',
  45: 'FF99CC',
  46: 'CC99FF',
  47: 'FFCC99',
  64: 'FFFFFF',
};

function hexOf(c: LooseColor | undefined, fallback: string): string {
  if (!c) return fallback;
  if (typeof c.argb === 'string') return '#' + c.argb.slice(-6).toUpperCase();
  if (typeof c.theme === 'number') return '#' + (THEME[c.theme] ?? 'FFFFFF');
  if (typeof c.indexed === 'number') return '#' + (INDEXED[c.indexed] ?? 'FFFFFF');
  return fallback;
}

// ExcelJS pattern names <-> Excel JS FillPattern
const PATTERNS: Record<string, string> = {
  solid: 'Solid',
  darkGray: 'Gray75',
  mediumGray: 'Gray50',
  lightGray: 'Gray25',
  gray125: 'Gray16',
  gray0625: 'Gray8',
  darkHorizontal: 'Horizontal',
  darkVertical: 'Vertical',
  darkDown: 'Down',
  darkUp: 'Up',
  darkGrid: 'Checker',
  darkTrellis: 'SemiGray75',
  lightHorizontal: 'LightHorizontal',
  lightVertical: 'LightVertical',
  lightDown: 'LightDown',
  lightUp: 'LightUp',
  lightGrid: 'Grid',
  lightTrellis: 'CrissCross',
};
const PATTERNS_BACK: Record<string, string> = Object.fromEntries(Object.entries(PATTERNS).map(([k, v]) => [v, k]));

export function readFill(cell: ExcelJS.Cell): XlFillRead {
  const f = cell.fill as LooseFill | undefined;
  if (!f || (f.type === 'pattern' && (!f.pattern || f.pattern === 'none'))) {
    // Excel reports "No Fill" as white; only tintAndShade (1.9) tells it apart.
    return { color: '#FFFFFF', pattern: null, patternColor: '#000000', tintAndShade: null };
  }
  if (f.type === 'gradient') {
    const stop = f.stops?.[0]?.color;
    return { color: hexOf(stop, '#FFFFFF'), pattern: 'LinearGradient', patternColor: '#000000', tintAndShade: 0 };
  }
  if (f.pattern === 'solid') {
    return { color: hexOf(f.fgColor, '#000000'), pattern: 'Solid', patternColor: '#000000', tintAndShade: f.fgColor?.tint ?? 0 };
  }
  return {
    color: hexOf(f.bgColor, '#FFFFFF'),
    pattern: PATTERNS[f.pattern ?? ''] ?? 'Solid',
    patternColor: hexOf(f.fgColor, '#000000'),
    tintAndShade: 0,
  };
}

function argb(hex: string): string {
  const h = hex.replace('#', '').toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(h)) throw new Error(`InvalidArgument: color "${hex}"`);
  return 'FF' + h;
}

function setFill(cell: ExcelJS.Cell, fill: LooseFill | null): void {
  const style: Partial<ExcelJS.Style> = { ...(cell.style || {}) };
  if (fill) style.fill = fill as ExcelJS.Fill;
  else delete style.fill;
  cell.style = style;
}

export function writeFillColor(cell: ExcelJS.Cell, color: string): void {
  const cur = readFill(cell);
  if (cur.pattern && cur.pattern !== 'Solid' && cur.pattern !== 'LinearGradient') {
    // a patterned fill keeps its pattern; color is the background
    const f: LooseFill = { ...(cell.fill as LooseFill), bgColor: { argb: argb(color) } };
    setFill(cell, f);
    return;
  }
  setFill(cell, { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(color) } });
}

export function writeFillPattern(cell: ExcelJS.Cell, pattern: string): void {
  if (pattern === 'None') return setFill(cell, null);
  const cur = readFill(cell);
  if (pattern === 'Solid') return writeFillColor(cell, cur.color);
  const name = PATTERNS_BACK[pattern];
  if (!name) throw new Error(`InvalidArgument: pattern "${pattern}"`);
  setFill(cell, {
    type: 'pattern',
    pattern: name,
    fgColor: { argb: argb(cur.patternColor) },
    bgColor: { argb: argb(cur.color) },
  });
}

export function writeFillPatternColor(cell: ExcelJS.Cell, color: string): void {
  const f = cell.fill as LooseFill | undefined;
  if (!f || f.type !== 'pattern' || !f.pattern || f.pattern === 'none' || f.pattern === 'solid') return;
  setFill(cell, { ...f, fgColor: { argb: argb(color) } });
}

export function clearFill(cell: ExcelJS.Cell): void {
  setFill(cell, null);
}

// --- notes -------------------------------------------------------------------

export function readNote(cell: ExcelJS.Cell): string | null {
  const n = cell.note as string | ExcelJS.Comment | undefined | null;
  if (n === undefined || n === null) return null;
  if (typeof n === 'string') return n;
  if (Array.isArray(n.texts)) return n.texts.map((t) => t.text).join('');
  return null;
}

export function writeNote(cell: ExcelJS.Cell, text: string | null): void {
  // ExcelJS keeps the note in a private field and has no API to remove it. Its Cell.model getter also
  // copies the note into the value's own model object, which outlives the note: after one save, the
  // deleted note would come back in the next save unless that copy goes too.
  if (text === null) {
    const c = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
    delete c._comment;
    if (c._value?.model) delete c._value.model.comment;
  } else cell.note = text;
}

/** RangeFill.tintAndShade (1.9): lightens (> 0) or darkens (< 0) a solid fill's colour. */
export function writeFillTint(cell: ExcelJS.Cell, tint: number | null): void {
  const f = cell.fill as LooseFill | undefined;
  if (!f || f.type !== 'pattern' || f.pattern !== 'solid') return;
  const fgColor: LooseColor = { ...(f.fgColor ?? {}) };
  if (tint) fgColor.tint = tint;
  else delete fgColor.tint;
  setFill(cell, { ...f, fgColor });
}

/** A cell's width when columns are auto-fitted (CJK characters count double); null for a merged cell. */
export function autofitWidth(cell: ExcelJS.Cell): number | null {
  if (cell.isMerged) return null; // merged cells do not autofit
  const c = readCell(cell);
  const dec = (/\.(0+)/.exec(c.numberFormat)?.[1] ?? '').length;
  const pct = c.numberFormat.includes('%');
  const text =
    typeof c.value === 'number'
      ? (pct ? c.value * 100 : c.value).toFixed(dec).replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (pct ? '%' : '')
      : String(c.value ?? '');
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFFF]/.test(ch) ? 2 : 1;
  return w;
}

/** The column width an autofit gives for the widest cell `w`. */
export function fittedColumnWidth(w: number): number {
  return Math.min(60, Math.max(6, w + 2));
}

// The .docx reader (RULES.md §7): the body's paragraphs and its tables, in document order, each table
// a SheetGrid named 表1, 表2 … (gridSpan → horizontal merge, vMerge → vertical merge) that goes through
// the same engine as a worksheet. The project's own zip reader (native zlib) and saxes (streaming XML)
// do the work: a report's document.xml is read in one pass, nothing else of the package is needed.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { CellRange, CellValue, DocBlock, DocParagraph, SheetGrid } from '../core/types';
import { readZip } from '../xlsx/zip';

export interface DocxContent {
  /** Paragraphs and tables in document order. */
  blocks: DocBlock[];
  paragraphs: DocParagraph[];
  tables: SheetGrid[];
}

const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const MAIN_PART = Buffer.from('word/document.xml');

/** A Word 2007+ document (.docx, .docm, .dotx, WPS's docx): a zip holding word/document.xml. */
export function isDocxBytes(buf: Buffer): boolean {
  // part names are stored uncompressed in the local headers and the central directory
  return buf.length > 4 && buf.subarray(0, 4).equals(ZIP_LOCAL) && buf.includes(MAIN_PART);
}

/** Thrown when the package or its main part cannot be read; the message is short. */
export class DocxReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocxReadError';
  }
}

// WordprocessingML, transitional and strict
const W = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Elements whose content is not the body's visible text: deleted runs, field codes, text boxes, fallbacks. */
const SKIPPED = new Set(['delText', 'instrText', 'delInstrText', 'txbxContent', 'footnoteReference', 'endnoteReference']);

interface CellB {
  text: string[];
  span: number;
  /** 'restart' | 'continue' | null for vMerge; hMerge 'continue' joins the cell to its left neighbour. */
  vMerge: 'restart' | 'continue' | null;
  hMergeContinue: boolean;
}

interface RowB {
  before: number;
  cells: CellB[];
}

interface TableB {
  rows: RowB[];
}

const attr = (tag: SaxesTagNS, local: string): string | undefined => {
  for (const a of Object.values(tag.attributes)) if (a.local === local) return a.value;
  return undefined;
};

const intAttr = (tag: SaxesTagNS, def: number): number => {
  const v = Number(attr(tag, 'val'));
  return Number.isInteger(v) && v > 0 ? v : def;
};

const cleanText = (s: string): string =>
  s
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .trim();

/** The cells of a table as a grid with its merges; blank cells are null. */
function tableGrid(name: string, t: TableB): SheetGrid {
  const values: CellValue[][] = [];
  const merges: CellRange[] = [];
  // the open vertical merge at each grid column
  const open = new Map<number, CellRange>();
  let width = 0;
  t.rows.forEach((row, r) => {
    const line: CellValue[] = [];
    let c = row.before;
    let last: CellRange | null = null;
    for (const cell of row.cells) {
      if (cell.hMergeContinue && last) {
        // legacy horizontal merge: widen the previous cell
        last.right = c + cell.span - 1;
        c += cell.span;
        continue;
      }
      const range: CellRange = { top: r, left: c, bottom: r, right: c + cell.span - 1 };
      const prev = open.get(c);
      if (cell.vMerge === 'continue' && prev) {
        prev.bottom = r;
        last = prev;
      } else {
        if (prev) open.delete(c);
        const text = cleanText(cell.text.join('\n'));
        line[c] = text === '' ? null : text;
        if (cell.vMerge === 'restart' || cell.vMerge === 'continue') open.set(c, range);
        merges.push(range);
        last = range;
      }
      c += cell.span;
    }
    // a column this row did not reach ends its vertical merge
    for (const k of [...open.keys()]) if (k >= c) open.delete(k);
    width = Math.max(width, c);
    values.push(line);
  });
  for (const line of values) {
    for (let c = 0; c < width; c++) if (line[c] === undefined) line[c] = null;
  }
  const real = merges.filter((m) => m.bottom > m.top || m.right > m.left).sort((a, b) => a.top - b.top || a.left - b.left);
  return { name, top: 0, left: 0, values, merges: real };
}

/** Reads document.xml: paragraphs outside tables, and tables (a nested table's text joins its outer cell). */
export function readDocumentXml(xml: string): DocxContent {
  const parser = new SaxesParser({ xmlns: true });
  const blocks: DocBlock[] = [];
  const paragraphs: DocParagraph[] = [];
  const tables: SheetGrid[] = [];
  const tblStack: TableB[] = [];
  let skipDepth = 0; // >0 inside a skipped element
  let para: string[] | null = null;
  let paraDepth = 0; // nested w:p (inside skipped text boxes) are ignored
  let inText = false;
  let inRun = 0;
  let inTcPr = false;
  let inTrPr = false;
  const outerCell = (): CellB | null => {
    const t = tblStack[0];
    const row = t?.rows[t.rows.length - 1];
    return row?.cells[row.cells.length - 1] ?? null;
  };
  const innerCell = (): CellB | null => {
    const t = tblStack[tblStack.length - 1];
    const row = t?.rows[t.rows.length - 1];
    return row?.cells[row.cells.length - 1] ?? null;
  };

  parser.on('opentag', (tag) => {
    const local = tag.local ?? tag.name;
    if (tag.uri === MC && local === 'Fallback') {
      skipDepth++;
      return;
    }
    if (skipDepth) {
      skipDepth++;
      return;
    }
    if (!W.has(tag.uri ?? '')) return;
    if (SKIPPED.has(local)) {
      if (!tag.isSelfClosing) skipDepth = 1;
      return;
    }
    switch (local) {
      case 'p':
        if (paraDepth++ === 0) para = [];
        break;
      case 'r':
        if (!tag.isSelfClosing) inRun++;
        break;
      case 't':
        inText = para !== null && inRun > 0 && !tag.isSelfClosing;
        break;
      // tab stops (w:pPr/w:tabs/w:tab) are not text: only a run's own tab, break and hyphen are
      case 'tab':
        if (inRun) para?.push('\t');
        break;
      case 'br':
      case 'cr':
        if (inRun) para?.push('\n');
        break;
      case 'noBreakHyphen':
        if (inRun) para?.push('-');
        break;
      case 'tbl':
        tblStack.push({ rows: [] });
        break;
      case 'tr':
        if (tblStack.length) tblStack[tblStack.length - 1].rows.push({ before: 0, cells: [] });
        break;
      case 'trPr':
        inTrPr = true;
        break;
      case 'gridBefore':
        if (inTrPr && tblStack.length) {
          const t = tblStack[tblStack.length - 1];
          const row = t.rows[t.rows.length - 1];
          if (row) row.before = intAttr(tag, 0);
        }
        break;
      case 'tc': {
        const t = tblStack[tblStack.length - 1];
        if (!t) break;
        if (!t.rows.length) t.rows.push({ before: 0, cells: [] });
        t.rows[t.rows.length - 1].cells.push({ text: [], span: 1, vMerge: null, hMergeContinue: false });
        break;
      }
      case 'tcPr':
        inTcPr = true;
        break;
      case 'gridSpan': {
        const c = inTcPr ? innerCell() : null;
        if (c) c.span = intAttr(tag, 1);
        break;
      }
      case 'vMerge': {
        const c = inTcPr ? innerCell() : null;
        if (c) c.vMerge = attr(tag, 'val') === 'restart' ? 'restart' : 'continue';
        break;
      }
      case 'hMerge': {
        const c = inTcPr ? innerCell() : null;
        if (c) c.hMergeContinue = attr(tag, 'val') !== 'restart';
        break;
      }
    }
  });

  parser.on('text', (s) => {
    if (inText && !skipDepth && para) para.push(s);
  });

  parser.on('closetag', (tag) => {
    if (skipDepth) {
      skipDepth--;
      return;
    }
    if (!W.has(tag.uri ?? '')) return;
    const local = tag.local ?? tag.name;
    switch (local) {
      case 'r':
        if (inRun) inRun--;
        break;
      case 't':
        inText = false;
        break;
      case 'trPr':
        inTrPr = false;
        break;
      case 'tcPr':
        inTcPr = false;
        break;
      case 'p': {
        if (--paraDepth > 0 || !para) break;
        const text = para.join('');
        para = null;
        if (tblStack.length) {
          // a cell's paragraphs are its lines; a nested table's lines join the outer cell
          const cell = tblStack.length > 1 ? outerCell() : innerCell();
          cell?.text.push(text);
        } else {
          const clean = cleanText(text);
          if (clean) {
            const p = { index: paragraphs.length + 1, text: clean };
            paragraphs.push(p);
            blocks.push({ kind: 'paragraph', paragraph: p });
          }
        }
        break;
      }
      case 'tbl': {
        const t = tblStack.pop();
        if (!t || tblStack.length) break; // nested: its text is already in the outer cell
        if (!t.rows.some((r) => r.cells.length)) break;
        const grid = tableGrid(`表${tables.length + 1}`, t);
        tables.push(grid);
        blocks.push({ kind: 'table', grid });
        break;
      }
    }
  });

  try {
    parser.write(xml).close();
  } catch (e) {
    throw new DocxReadError(`word/document.xml: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
  }
  return { blocks, paragraphs, tables };
}

/** The main part's name, from the package relationships (word/document.xml in every file seen). */
function mainPart(files: Map<string, Buffer>): string {
  const rels = files.get('_rels/.rels')?.toString('utf8') ?? '';
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    if (!/Type="[^"]*\/officeDocument"/.test(m[0])) continue;
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (target) return target.replace(/^\//, '');
  }
  return 'word/document.xml';
}

/** Reads a .docx from its bytes; throws DocxReadError when the package or its main part is damaged. */
export function readDocxBytes(buf: Buffer): DocxContent {
  let files: Map<string, Buffer>;
  let bad: { name: string; reason: string }[];
  try {
    ({ files, bad } = readZip(buf));
  } catch (e) {
    throw new DocxReadError(`zip: ${String((e as Error)?.message ?? e)}`);
  }
  const name = mainPart(files);
  const part = files.get(name) ?? files.get('word/document.xml');
  if (!part) {
    const why = bad.find((b) => b.name === name);
    throw new DocxReadError(why ? `${name}: ${why.reason}` : `${name} missing`);
  }
  return readDocumentXml(part.toString('utf8'));
}

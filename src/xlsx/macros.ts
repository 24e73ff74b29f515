// Macros (.xlsm) through `fix`: ExcelJS drops the VBA project, so the copy gets it back from the original,
// byte for byte: the vbaProject part (and its signature parts), its relationship, the macro-enabled content
// type, and the code names that tie the VBA modules to the workbook and its sheets.
import { attrs, sheetParts, workbookPart } from './sheetjs';
import { readZip, writeZip } from './zip';

const VBA_REL = 'http://schemas.microsoft.com/office/2006/relationships/vbaProject';
const MACRO_MAIN = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';
const VBA_TYPE = 'application/vnd.ms-office.vbaProject';

/** What the copy needs to keep the macros of the original. */
export interface VbaProject {
  /** Part name → bytes: xl/vbaProject.bin, its rels and the parts they name (signatures). */
  parts: Map<string, Buffer>;
  /** The vbaProject part, relative to the workbook part's folder. */
  target: string;
  /** Content type per part, from the original's [Content_Types].xml. */
  types: Map<string, string>;
  workbookCodeName: string | null;
  /** Sheet name → code name. */
  sheetCodeNames: Map<string, string>;
}

const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/') + 1) : '');
const relsOf = (p: string) => `${dirOf(p)}_rels/${p.slice(dirOf(p).length)}.rels`;
const resolve = (dir: string, target: string) => (target.startsWith('/') ? target.slice(1) : `${dir}${target}`).replace(/[^/]+\/\.\.\//g, '');
const codeName = (xml: string | undefined, tag: string) => {
  const m = xml ? new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*>`).exec(xml) : null;
  return m ? (attrs(m[0]).codeName ?? null) : null;
};

/** The VBA project of an .xlsx/.xlsm package's parts, or null when it has none. */
export function vbaProject(parts: Map<string, Buffer>): VbaProject | null {
  const wb = workbookPart(parts);
  if (!wb) return null;
  const dir = dirOf(wb);
  const rels = parts.get(relsOf(wb))?.toString('utf8') ?? '';
  const rel = [...rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => attrs(m[0])).find((a) => a.Type === VBA_REL && a.Target);
  if (!rel) return null;
  const main = resolve(dir, rel.Target);
  const bin = parts.get(main);
  if (!bin) return null;
  const out = new Map<string, Buffer>([[main, bin]]);
  const own = parts.get(relsOf(main));
  if (own) {
    out.set(relsOf(main), own);
    for (const m of own.toString('utf8').matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const t = attrs(m[0]).Target;
      const p = t ? resolve(dirOf(main), t) : '';
      const b = parts.get(p);
      if (b) out.set(p, b);
    }
  }
  const ct = parts.get('[Content_Types].xml')?.toString('utf8') ?? '';
  const types = new Map<string, string>();
  for (const p of out.keys()) {
    if (p.endsWith('.rels')) continue;
    const over = [...ct.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)].map((m) => attrs(m[0])).find((a) => a.PartName?.replace(/^\//, '') === p);
    types.set(p, over?.ContentType ?? (p === main ? VBA_TYPE : 'application/vnd.ms-office.vbaProjectSignature'));
  }
  const sheetCodeNames = new Map<string, string>();
  for (const [name, part] of sheetParts(parts, wb)) {
    const c = codeName(parts.get(part)?.toString('utf8'), 'sheetPr');
    if (c) sheetCodeNames.set(name, c);
  }
  return {
    parts: out,
    target: main.slice(dir.length),
    types,
    workbookCodeName: codeName(parts.get(wb)?.toString('utf8'), 'workbookPr'),
    sheetCodeNames,
  };
}

const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Sets codeName on the first <tag> of `xml`, or inserts <tag codeName=…/> before the first of `before` (or after the root's opening tag). */
function withCodeName(xml: string, tag: string, name: string, before: RegExp | null): string {
  const attr = ` codeName="${escAttr(name)}"`;
  const open = new RegExp(`<${tag}\\b([^>]*?)(/?)>`).exec(xml);
  if (open) {
    if (/\scodeName=/.test(open[1])) return xml;
    return xml.slice(0, open.index) + `<${tag}${attr}${open[1]}${open[2]}>` + xml.slice(open.index + open[0].length);
  }
  const at = before ? before.exec(xml) : null;
  const root = /<worksheet\b[^>]*>/.exec(xml);
  const index = at ? at.index : root ? root.index + root[0].length : 0;
  return xml.slice(0, index) + `<${tag}${attr}/>` + xml.slice(index);
}

/** The .xlsx bytes ExcelJS wrote, made an .xlsm with the original's VBA project. */
export function withVbaProject(xlsx: Buffer, vba: VbaProject): Buffer {
  const { files } = readZip(xlsx);
  const wb = workbookPart(files) ?? 'xl/workbook.xml';
  for (const [p, b] of vba.parts) files.set(p, b);
  const relsName = relsOf(wb);
  let rels = files.get(relsName)?.toString('utf8') ?? '';
  const ids = new Set([...rels.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  rels = rels.replace('</Relationships>', `<Relationship Id="rId${n}" Type="${VBA_REL}" Target="${escAttr(vba.target)}"/></Relationships>`);
  files.set(relsName, Buffer.from(rels, 'utf8'));
  let ct = files.get('[Content_Types].xml')?.toString('utf8') ?? '';
  ct = ct.replace(new RegExp(`(<Override\\b[^>]*PartName="/${wb.replace(/[.[\]]/g, '\\$&')}"[^>]*ContentType=")[^"]*(")`), `$1${MACRO_MAIN}$2`);
  const overrides = [...vba.types].map(([p, t]) => `<Override PartName="/${escAttr(p)}" ContentType="${escAttr(t)}"/>`).join('');
  ct = ct.replace('</Types>', `${overrides}</Types>`);
  files.set('[Content_Types].xml', Buffer.from(ct, 'utf8'));
  if (vba.workbookCodeName) {
    const xml = files.get(wb)?.toString('utf8');
    if (xml) files.set(wb, Buffer.from(withCodeName(xml, 'workbookPr', vba.workbookCodeName, /<(bookViews|sheets)\b/), 'utf8'));
  }
  for (const [name, part] of sheetParts(files, wb)) {
    const c = vba.sheetCodeNames.get(name);
    const xml = c ? files.get(part)?.toString('utf8') : undefined;
    if (c && xml) files.set(part, Buffer.from(withCodeName(xml, 'sheetPr', c, null), 'utf8'));
  }
  return writeZip(files);
}

// A tolerant zip reader (native zlib): every entry inflated and CRC-checked on its own, so one
// damaged part can be named and, when it is a worksheet, left out while the rest is read.
import * as zlib from 'zlib';

export interface ZipEntries {
  /** Part name → bytes, for the entries that inflated and matched their CRC. */
  files: Map<string, Buffer>;
  /** Entries that could not be read, with the reason. */
  bad: { name: string; reason: string }[];
  /** Some names were rewritten (backslashes, the case of a well-known part): the bytes differ from the parts. */
  renamed: boolean;
}

/** Parts every reader looks up by exact name; OPC names are case-insensitive, so a file's own case is mapped to these. */
const WELL_KNOWN = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const BY_LOWER = new Map(WELL_KNOWN.map((n) => [n.toLowerCase(), n]));

/** A part name as the readers look it up: forward slashes (some writers use DOS backslashes), no leading slash, well-known parts in their usual case. */
export function partName(raw: string): string {
  const n = raw.replace(/\\/g, '/').replace(/^\/+/, '');
  return BY_LOWER.get(n.toLowerCase()) ?? n;
}

/** The entry names of a zip's central directory (normalised by partName); null when it cannot be read. */
export function zipNames(buf: Buffer): string[] | null {
  try {
    const { eocd, count, start } = directory(buf);
    if (eocd < 0) return null;
    const out: string[] = [];
    let p = start;
    for (let n = 0; n < count; n++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLen = buf.readUInt16LE(p + 28);
      out.push(partName(buf.toString(buf.readUInt16LE(p + 8) & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen)));
      p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    }
    return out;
  } catch {
    return null;
  }
}

function directory(buf: Buffer): { eocd: number; count: number; start: number } {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { eocd, count: 0, start: 0 };
  return { eocd, count: buf.readUInt16LE(eocd + 10), start: buf.readUInt32LE(eocd + 16) };
}

const crc32: ((b: Buffer) => number) | null =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (zlib as unknown as { crc32: (b: Buffer) => number }).crc32 : null;

/** Throws an Error with a short reason when the central directory itself cannot be read. */
export function readZip(buf: Buffer): ZipEntries {
  const { eocd, count, start } = directory(buf);
  if (eocd < 0) throw new Error('end of central directory not found');
  let p = start;
  const files = new Map<string, Buffer>();
  const bad: ZipEntries['bad'] = [];
  let renamed = false;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new Error('central directory damaged');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const raw = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    const name = partName(raw);
    if (name !== raw) renamed = true;
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    try {
      if (flags & 0x41) throw new Error('encrypted entry');
      if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new Error('local header missing');
      const from = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      if (from + csize > buf.length) throw new Error('data truncated');
      const packed = buf.subarray(from, from + csize);
      let data: Buffer;
      if (method === 0) data = packed;
      else if (method === 8) data = zlib.inflateRawSync(packed);
      else throw new Error(`compression method ${method}`);
      if (usize !== 0xffffffff && data.length !== usize) throw new Error('size mismatch');
      if (crc32 && crc32(data) >>> 0 !== crc) throw new Error('CRC mismatch');
      files.set(name, data);
    } catch (e) {
      bad.push({ name, reason: String((e as Error)?.message ?? e).split('\n')[0] });
    }
  }
  return { files, bad, renamed };
}

/** A zip of the given parts, deflated (for ExcelJS to load a repaired copy in memory). */
export function writeZip(files: Map<string, Buffer>): Buffer {
  if (!crc32) throw new Error('zlib.crc32 is not available');
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const packed = zlib.deflateRawSync(data);
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, packed);
    centrals.push(central, n);
    offset += local.length + n.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

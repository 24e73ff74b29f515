import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deflateRawSync } from 'zlib';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../../test/fixtures/build';
import { yuxiReception } from '../../test/fixtures/tables';
import {
  WorkbookReadError,
  readErrorMessage,
  readWorkbookBuffer,
  readWorkbookFile,
  sheetToGrid,
  sniffWorkbookBytes,
  type ReadErrorReason,
} from './read';

let dir: string;
let realXlsx: Buffer;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-read-'));
  realXlsx = await workbookBuffer([{ name: '自评表', placed: [{ table: yuxiReception, at: 'B2' }] }]);
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function roundTrip(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('s'), wb);
  const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return (await readWorkbookBuffer(buf, 'x.xlsx')).sheets[0];
}

describe('sheetToGrid', () => {
  it('reads every kind of cell value', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('B2').value = { richText: [{ text: '实际', font: { bold: true } }, { text: '完成值' }] };
      ws.getCell('C2').value = { text: '链接文字', hyperlink: 'https://example.com' };
      ws.getCell('D2').value = new Date(Date.UTC(2023, 11, 31));
      ws.getCell('E2').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
      ws.getCell('F2').value = true;
      ws.getCell('G2').value = 0.95;
      ws.getCell('G2').numFmt = '0%';
      ws.getCell('H2').value = '';
      ws.getCell('B3').value = { formula: 'G2*100', result: 95 } as ExcelJS.CellFormulaValue;
      ws.getCell('C3').value = { formula: '=1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      ws.getCell('D3').value = { formula: 'B3&"分"', result: '95分' } as ExcelJS.CellFormulaValue;
      ws.getCell('E3').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue;
    });
    expect([g.top, g.left]).toEqual([1, 1]);
    expect(g.values[0]).toEqual(['实际完成值', '链接文字', new Date(Date.UTC(2023, 11, 31)), { error: '#DIV/0!' }, true, 0.95]);
    expect(g.formats?.[0][5]).toBe('0%');
    expect(g.formats?.[0][0]).toBeNull();
    expect(g.values[1]).toEqual([95, { error: '#DIV/0!' }, '95分', null, null, null]);
    expect(g.formulas?.[1].slice(0, 4)).toEqual(['G2*100', '1/0', 'B3&"分"', 'NOW()']);
    expect(g.formulas?.[0][0]).toBeNull();
  });

  it('translates shared formulas for every cell', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('A1').value = 1;
      ws.getCell('A2').value = 2;
      ws.getCell('A3').value = 3;
      ws.fillFormula('B1:B3', 'A1*2', [2, 4, 6]);
    });
    expect(g.values.map((r) => r[1])).toEqual([2, 4, 6]);
    expect(g.formulas?.map((r) => r[1])).toEqual(['A1*2', 'A2*2', 'A3*2']);
  });

  it('keeps merges, nulls merged cells and reports protection', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('C3').value = '项目名称';
      ws.getCell('C3').numFmt = '@';
      ws.mergeCells('C3:E4');
      (ws as unknown as { sheetProtection: unknown }).sheetProtection = { sheet: true };
    });
    expect(g.merges).toEqual([{ top: 2, left: 2, bottom: 3, right: 4 }]);
    expect(g.values).toEqual([
      ['项目名称', null, null],
      [null, null, null],
    ]);
    expect(g.formats).toEqual([
      ['@', null, null],
      [null, null, null],
    ]);
    expect(g.protected).toBe(true);
  });

  it('does not let far-away formatted blanks or a stray entry blow up the grid', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('B2').value = '项目名称';
      ws.getCell('CV20000').numFmt = '0.00'; // 20,000 × 100 cells if kept
    });
    expect([g.top, g.left, g.values.length, g.values[0].length]).toEqual([1, 1, 1, 1]);
    const h = await roundTrip((ws) => {
      ws.getCell('A1').value = '项目名称';
      ws.getCell('A2').value = 5;
      ws.getCell('Z100000').value = 'x'; // 2.6 M cells
    });
    // nothing dropped, and the grid holds rows of their own length, not a 26 × 100,000 rectangle
    expect(h.values.length).toBe(100000);
    expect(h.values[99999][25]).toBe('x');
    expect(h.values.reduce((n, r) => n + r.length, 0)).toBeLessThan(100);
    expect(h.values[0][0]).toBe('项目名称');
    expect(h.values[1][0]).toBe(5);
  });

  it('gives an empty grid for an empty sheet', () => {
    const wb = new ExcelJS.Workbook();
    const g = sheetToGrid(wb.addWorksheet('空'));
    expect(g).toEqual({ name: '空', top: 0, left: 0, values: [], formats: [], formulas: [], merges: [] });
  });
});

// ---------------------------------------------------------------------------
// Unreadable files
// ---------------------------------------------------------------------------

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** A compound-file header followed by filler sectors, naming one stream. */
function oleFile(name: string): Buffer {
  const header = Buffer.alloc(512);
  OLE.copy(header, 0);
  header.writeUInt16LE(0x003e, 0x18); // minor version
  header.writeUInt16LE(0x0003, 0x1a); // major version 3
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(0x0009, 0x1e); // 512-byte sectors
  const dirSector = Buffer.alloc(512);
  Buffer.from(name, 'utf16le').copy(dirSector, 0);
  dirSector.writeUInt16LE((name.length + 1) * 2, 0x40);
  return Buffer.concat([header, dirSector, Buffer.alloc(1024, 0xff)]);
}

/** A valid zip (stored + deflated entries) that is not an Excel workbook. */
function plainZip(files: Record<string, string>): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
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
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function put(name: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(dir, name);
  await fsp.writeFile(file, bytes);
  return file;
}

async function failure(file: string, lang?: 'zh' | 'en'): Promise<WorkbookReadError> {
  try {
    await readWorkbookFile(file, lang ? { lang } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookReadError);
    return e as WorkbookReadError;
  }
  throw new Error(`${file} was read without error`);
}

describe('readWorkbookFile errors', () => {
  const cases: [string, () => Promise<string>, ReadErrorReason, RegExp, RegExp][] = [
    ['missing path', async () => path.join(dir, 'nope.xlsx'), 'missing', /文件不存在/, /file not found/],
    [
      'a directory',
      async () => {
        const d = path.join(dir, 'folder.xlsx');
        await fsp.mkdir(d, { recursive: true });
        return d;
      },
      'directory',
      /文件夹/,
      /directory/,
    ],
    ['an empty file', () => put('empty.xlsx', Buffer.alloc(0)), 'empty', /文件为空/, /empty/],
    [
      'a damaged .xls',
      () => put('old.xls', oleFile('Workbook')),
      'corrupt',
      // SheetJS's own words about a damaged BIFF stream are JavaScript, not for the user (issue 19)
      /损坏或不完整（可能下载或复制未完成），无法打开$/,
      /corrupt or truncated \(an incomplete download or copy\?\) and cannot be opened$/,
    ],
    [
      'a Word document renamed to .xls',
      () => put('memo.xls', oleFile('WordDocument')),
      'legacy-doc',
      /Word 97-2003.*另存为 \.docx/,
      /Word 97-2003.*save it as \.docx/,
    ],
    ['a compound file that is neither', () => put('other.xls', oleFile('Contents')), 'not-workbook', /不是 Excel 工作簿/, /not an Excel workbook/],
    ['a PDF', () => put('report.pdf', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n'), 'pdf', /PDF.*\.docx/, /PDF.*\.docx/],
    [
      'a Word report given to the workbook reader (fix)',
      () => put('report.docx', plainZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })),
      'docx',
      /Word 报告.*ziping check/,
      /Word report.*ziping check/,
    ],
    [
      'an encrypted .xlsx',
      () => put('secret.xlsx', oleFile('EncryptionInfo')),
      'encrypted',
      /加密.*另存为不加密的 \.xlsx/,
      /password-protected.*unprotected \.xlsx/,
    ],
    ['a .csv file', () => put('table.csv', '项目名称,分值,得分\n外事接待专项经费,10,10\n'), 'text', /CSV/, /CSV/],
    [
      'UTF-16 text renamed to .xlsx',
      () => put('unicode.xlsx', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('项目名称\t分值\r\n', 'utf16le')])),
      'text',
      /文本/,
      /text/,
    ],
    ['text renamed to .xlsx', () => put('notes.xlsx', '填报注意事项：\n1. 自评表应覆盖本部门本年度全部项目\n'), 'text', /文本/, /text/],
    [
      'random bytes',
      () => put('noise.xlsx', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))),
      'not-zip',
      /不是 Excel 工作簿/,
      /not an Excel workbook/,
    ],
    [
      'a truncated xlsx',
      () => put('half.xlsx', realXlsx.subarray(0, Math.floor(realXlsx.length / 2))),
      'corrupt',
      /损坏或不完整/,
      /corrupt or truncated/,
    ],
    [
      'a zip that is not a workbook',
      () => put('archive.xlsx', plainZip({ 'readme.txt': '不是工作簿', 'data/a.xml': '<a/>' })),
      'not-xlsx',
      /zip 压缩包/,
      /zip archive/,
    ],
    [
      'a zip with a broken workbook part',
      () => put('broken.xlsx', plainZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook><sheets><sheet' })),
      'corrupt',
      /损坏/,
      /corrupt/,
    ],
  ];

  it.each(cases)('%s', async (_label, make, reason, zh, en) => {
    const file = await make();
    const e = await failure(file);
    expect(e.reason).toBe(reason);
    expect(e.file).toBe(file);
    expect(e.message).toContain(file);
    expect(e.message).toMatch(zh);
    expect(e.message).not.toMatch(/\n|\s+at\s/);
    const en2 = await failure(file, 'en');
    expect(en2.message).toMatch(en);
    expect(en2.message.startsWith(`cannot read ${file}: `)).toBe(true);
  });

  it('reads a real workbook', async () => {
    const file = await put('ok.xlsx', realXlsx);
    const { workbook, sheets } = await readWorkbookFile(file, { forFix: true });
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['自评表']);
    expect(sheets[0].values[0][0]).toBe('2022年度项目支出绩效自评表');
    expect([sheets[0].top, sheets[0].left]).toEqual([1, 1]);
  });

  it('sniffs bytes without a file', () => {
    expect(sniffWorkbookBytes(realXlsx)).toBeNull();
    expect(sniffWorkbookBytes(Buffer.from('a,b\n1,2\n'), 'x.csv')).toBe('text');
    expect(sniffWorkbookBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe('corrupt');
  });

  it('formats one-line messages', () => {
    expect(readErrorMessage('a\nb.xlsx', 'missing')).toBe('无法读取 a b.xlsx：文件不存在');
    expect(readErrorMessage('a.xlsx', 'unreadable', 'en', 'EACCES')).toBe('cannot read a.xlsx: the file cannot be read (EACCES)');
  });
});

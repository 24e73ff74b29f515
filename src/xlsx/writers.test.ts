// Issue 19: files as other writers write them. Each test here failed before its fix.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { editZip, writeBook, budgetExport } from '../../test/fixtures/sheetjs-books';
import { SAMPLE_SHEETS } from '../../test/fixtures/sample';
import { workbookBuffer } from '../../test/fixtures/build';
import { readWorkbookBuffer, sniffWorkbookBytes, WorkbookReadError } from './read';
import { readXlsxFast } from './fast';
import { readZip, writeZip } from './zip';
import { fixFile } from './write';
import { main, type CliIO } from '../cli/main';
import { runReport } from '../cli/report';

const SHEET = 'xl/worksheets/sheet1.xml';

async function twoStrings(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.getCell('A1').value = '第一个共享字符串';
  ws.getCell('A2').value = 'b';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const withCells = (base: Buffer, xml: string) =>
  editZip(base, (files) => files.set(SHEET, Buffer.from(files.get(SHEET)!.toString('utf8').replace('</row>', `${xml}</row>`))));

const readBoth = async (buf: Buffer) => [await readWorkbookBuffer(buf, 'x.xlsx'), await readWorkbookBuffer(buf, 'x.xlsx', { fullReader: true })];

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), stderrIsTTY: false };
}

/** A compound file whose workbook stream is called `name` (BIFF8 from SheetJS, stream renamed). */
function xlsWithStream(name: string): Buffer {
  const cfb = XLSX.CFB.read(writeBook(budgetExport('filled'), 'xls'), { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, '/Workbook')!;
  const out = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(out, `/${name}`, entry.content as Buffer);
  return XLSX.CFB.write(out, { type: 'buffer' }) as Buffer;
}

describe('issue 19: other writers', () => {
  it('1. reads .xls whose workbook stream is WORKBOOK or BOOK (any case)', async () => {
    for (const name of ['WORKBOOK', 'BOOK', 'workbook']) {
      const buf = xlsWithStream(name);
      expect([name, sniffWorkbookBytes(buf, 'x.xls')]).toEqual([name, null]);
      const read = await readWorkbookBuffer(buf, 'x.xls');
      expect(read.sheets.length).toBeGreaterThan(0);
    }
    // a compound file with no workbook stream is still refused
    const doc = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(doc, '/WordDocument', Buffer.from('not a book'));
    // a compound file with a WordDocument stream and no book stream is a Word document: "save as .docx"
    expect(sniffWorkbookBytes(XLSX.CFB.write(doc, { type: 'buffer' }) as Buffer, 'x.doc')).toBe('legacy-doc');
  });

  it('2. an empty <v/> in a shared-string cell is an empty cell on the fast path', async () => {
    const buf = withCells(await twoStrings(), '<c r="B1" t="s"><v/></c><c r="C1" t="s"><v></v></c>');
    expect(readXlsxFast(buf)).not.toBeNull();
    const [fast, full] = await readBoth(buf);
    expect(fast.sheets[0].values).toEqual([['第一个共享字符串'], ['b']]);
    expect(fast).toEqual(full);
  });

  it('3. reads backslash part names, a lower-case [content_types].xml and a workbook part outside xl/', async () => {
    const base = await twoStrings();
    const { files } = readZip(base);
    const dos = new Map([...files].map(([k, v]) => [(k === '[Content_Types].xml' ? '[content_types].xml' : k).replace(/\//g, '\\'), v]));
    const moved = editZip(base, (f) => {
      for (const [k, v] of [...f]) {
        if (!k.startsWith('xl/')) continue;
        f.delete(k);
        f.set(`book/${k.slice(3)}`, v);
      }
      f.set(
        '_rels/.rels',
        Buffer.from(
          f
            .get('_rels/.rels')!
            .toString('utf8')
            .replace(/xl\/workbook\.xml/g, 'book/workbook.xml'),
        ),
      );
      f.set(
        '[Content_Types].xml',
        Buffer.from(
          f
            .get('[Content_Types].xml')!
            .toString('utf8')
            .replace(/\/xl\//g, '/book/'),
        ),
      );
    });
    const want = (await readWorkbookBuffer(base, 'base.xlsx')).sheets;
    for (const [name, buf] of [
      ['dos.xlsx', writeZip(dos)],
      ['moved.xlsx', moved],
    ] as const) {
      expect([name, sniffWorkbookBytes(buf, name)]).toEqual([name, null]);
      const [fast, full] = await readBoth(buf);
      expect(fast.sheets).toEqual(want);
      expect(full.sheets).toEqual(want);
    }
  });

  it('5. fix reads a workbook without xl/styles.xml, as check does', async () => {
    const buf = editZip(await workbookBuffer(SAMPLE_SHEETS), (f) => {
      f.delete('xl/styles.xml');
      f.set(
        'xl/_rels/workbook.xml.rels',
        Buffer.from(
          f
            .get('xl/_rels/workbook.xml.rels')!
            .toString('utf8')
            .replace(/<Relationship[^>]*styles\.xml"\/>/, ''),
        ),
      );
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-nostyles-'));
    try {
      const input = path.join(dir, 'in.xlsx');
      fs.writeFileSync(input, buf);
      const checked = await readWorkbookBuffer(buf, 'in.xlsx');
      const res = await fixFile(input, path.join(dir, 'out.xlsx'), { lang: 'zh' });
      expect(res.analysis.tables.length).toBeGreaterThan(0);
      const forFix = await readWorkbookBuffer(buf, 'in.xlsx', { forFix: true });
      expect(forFix.sheets).toEqual(checked.sheets.map((s) => ({ ...s, formats: forFix.sheets.find((x) => x.name === s.name)!.formats })));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('6. inline strings with their text in <v>, and whitespace-only inline strings, read the same by every reader', async () => {
    const buf = withCells(
      await twoStrings(),
      '<c r="B1" t="inlineStr"><v>写在 v 里</v></c><c r="C1" t="inlineStr"><is><t xml:space="preserve">   </t></is></c><c r="D1" t="inlineStr"><is><t/></is></c>',
    );
    const [fast, full] = await readBoth(buf);
    expect(fast.sheets[0].values[0]).toEqual(['第一个共享字符串', '写在 v 里', '   ']);
    expect(fast).toEqual(full);
  });

  it('7. SheetJS errors reach the user as a clear reason, without raw JavaScript text', async () => {
    // a compound file whose directory points nowhere: SheetJS throws a TypeError
    const buf = xlsWithStream('Workbook');
    buf.writeUInt32LE(0xfffffff0, 0x30); // first directory sector: out of range
    let msg = '';
    try {
      await readWorkbookBuffer(buf, '坏.xls');
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookReadError);
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/^无法读取 坏\.xls：/);
    expect(msg).not.toMatch(/Cannot read|undefined|TypeError|must be of type|argument/);
  });

  it('8. check says "save as .xlsx" for .xlsb; a workbook whose every sheet is missing is unreadable', async () => {
    const xlsb = editZip(await twoStrings(), (f) => {
      f.set('xl/workbook.bin', f.get('xl/workbook.xml')!);
      f.delete('xl/workbook.xml');
    });
    expect(sniffWorkbookBytes(xlsb, 'x.xlsb')).toBe('xlsb');
    const noSheets = editZip(await twoStrings(), (f) => f.delete(SHEET));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-xlsb-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.xlsb'), xlsb);
      fs.writeFileSync(path.join(dir, 'b.xlsx'), noSheets);
      const x = io();
      expect(await main(['check', path.join(dir, 'a.xlsb'), path.join(dir, 'b.xlsx')], x)).toBe(2);
      const err = x.err.join('');
      expect(err).toMatch(/a\.xlsb：.*另存为 \.xlsx/);
      expect(err).toMatch(/无法读取 .*b\.xlsx：/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('8. report reads .xlsm like .xlsx, lists .xlsb, and keeps readable files without a table out of 无法读取', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-rep19-'));
    try {
      const sample = await workbookBuffer(SAMPLE_SHEETS);
      fs.writeFileSync(path.join(dir, 'a.xlsm'), sample);
      fs.writeFileSync(
        path.join(dir, 'b.xlsb'),
        editZip(await twoStrings(), (f) => f.set('xl/workbook.bin', Buffer.from('x'))),
      );
      fs.writeFileSync(path.join(dir, 'c.xlsx'), await twoStrings());
      const out = path.join(dir, 'out', 'sum.xlsx');
      fs.mkdirSync(path.dirname(out));
      const x = io();
      const code = await runReport([dir, '-o', out, '--jobs', '1'], x);
      expect(code).toBe(2);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const rows = (name: string) => {
        const ws = wb.getWorksheet(name);
        const list: string[] = [];
        ws?.eachRow((r, i) => i > 1 && list.push(String((r.getCell(1).value as { text?: string })?.text ?? r.getCell(1).value)));
        return list;
      };
      expect(rows('汇总').some((f) => f.includes('a.xlsm'))).toBe(true);
      expect(rows('无法读取').map((f) => path.basename(f))).toEqual(['b.xlsb']);
      expect(rows('未识别到表').map((f) => path.basename(f))).toEqual(['c.xlsx']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('8. a run where every file is unreadable exits 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-rep19b-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'a.xlsx'),
        editZip(await twoStrings(), (f) => f.delete(SHEET)),
      );
      const x = io();
      expect(await runReport([dir, '-o', path.join(dir, 'sum.xlsx'), '--jobs', '1'], x)).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('issue 19: the corpus differences, each read alike by every reader', () => {
  it('<v t="inlineStr"> (LibreOffice, POI 52575): the text, with the formula', async () => {
    const buf = withCells(await twoStrings(), '<c r="B1" t="inlineStr"><f>[1]Tabelle1!A2</f><v t="inlineStr">POI rocks!</v></c>');
    expect(readXlsxFast(buf)).not.toBeNull(); // the fast path reads it, not SheetJS for it
    const [fast, full] = await readBoth(buf);
    expect(full.sheets[0].values[0]).toEqual(['第一个共享字符串', 'POI rocks!']);
    expect(full.sheets[0].formulas?.[0]?.[1]).toBe('[1]Tabelle1!A2');
    expect(fast).toEqual(full);
  });

  it('a line break in a shared formula reads as LF in its first cell and in the cells it moves to (POI NewlineInFormulas)', async () => {
    const buf = withCells(
      await twoStrings(),
      '<c r="B1"><f t="shared" ref="B1:C1" si="0">A1\r\n&amp;A2</f><v>1</v></c><c r="C1"><f t="shared" si="0"/><v>2</v></c><c r="D1"><f>A1\r\n&amp;A2</f><v>3</v></c>',
    );
    expect(readXlsxFast(buf)).not.toBeNull(); // the fast path reads it, not SheetJS for it
    const [fast, full] = await readBoth(buf);
    expect(full.sheets[0].formulas?.[0]?.slice(1)).toEqual(['A1\n&A2', 'B1\n&B2', 'A1\n&A2']);
    expect(fast).toEqual(full);
  });

  it('an inline string in <v> has its entities and _xHHHH_ escapes decoded on the fast path too (found by the conventions property)', async () => {
    const buf = withCells(await twoStrings(), '<c r="B1" t="inlineStr"><v>&lt;a &amp; b&gt;_x0009_c</v></c>');
    expect(readXlsxFast(buf)).not.toBeNull(); // the fast path reads it, not SheetJS for it
    const [fast, full] = await readBoth(buf);
    expect(full.sheets[0].values[0]).toEqual(['第一个共享字符串', '<a & b>\tc']);
    expect(fast).toEqual(full);
  });

  it('an indented inline string whose <t> is empty is an empty cell (tealeg inlineStrings)', async () => {
    const buf = withCells(
      await twoStrings(),
      '<c r="B1" t="inlineStr">\n  <is>\n    <t xml:space="preserve"/>\n  </is>\n</c><c r="C1" t="inlineStr"><is>\n <r><t xml:space="preserve"> x </t></r>\n</is></c>',
    );
    expect(readXlsxFast(buf)).not.toBeNull(); // the fast path reads it, not SheetJS for it
    const [fast, full] = await readBoth(buf);
    expect(full.sheets[0].values[0]).toEqual(['第一个共享字符串', null, ' x ']);
    expect(fast).toEqual(full);
  });

  it('a shared string longer than a cell holds (32,767 characters) is refused by every reader, quickly and in words (POI poc-shared-strings)', async () => {
    const withText = async (n: number) =>
      editZip(await twoStrings(), (f) =>
        f.set('xl/sharedStrings.xml', Buffer.from(f.get('xl/sharedStrings.xml')!.toString('utf8').replace('第一个共享字符串', '长'.repeat(n)))),
      );
    const atLimit = await withText(32767);
    const [fast, full] = await readBoth(atLimit);
    expect(full.sheets[0].values[0][0]).toHaveLength(32767);
    expect(fast).toEqual(full);
    const over = await withText(32768);
    for (const o of [{}, { fullReader: true }, { forFix: true }]) {
      const err = await readWorkbookBuffer(over, '炸弹.xlsx', o).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkbookReadError);
      expect((err as WorkbookReadError).reason).toBe('oversized');
      expect((err as Error).message).toMatch(/^无法读取 炸弹\.xlsx：文件中有一段文字超过 Excel 单元格的上限（32,767 个字符）/);
    }
  });
});

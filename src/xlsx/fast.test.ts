// The fast .xlsx path against SheetJS's full reader: the same grids and warnings for every fixture
// table, for workbooks written by ExcelJS and by SheetJS, and a fall-back for what it does not cover.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import * as XLSX from '@e965/xlsx';
import { ALL_FIXTURES } from '../../test/fixtures/tables';
import { SAMPLE_SHEETS } from '../../test/fixtures/sample';
import { placeTables, single, workbookBuffer } from '../../test/fixtures/build';
import type { TableFixture } from '../../test/fixtures/define';
import { bookOfTables, budgetExport, editZip, writeBook, wpsStyleZip } from '../../test/fixtures/sheetjs-books';
import { BUILTIN_FORMATS, readXlsxFast } from './fast';
import { maybeDateFormat } from './sheetjs';
import { readWorkbookBuffer } from './read';
import { readZip } from './zip';

const REAL_DIR = path.join(__dirname, '../../test/fixtures/real');
const REAL: TableFixture[] = fs
  .readdirSync(REAL_DIR)
  .filter((f) => f.endsWith('.ts'))
  .flatMap((f) => Object.values(jest.requireActual(path.join(REAL_DIR, f)) as Record<string, unknown>))
  .filter((x): x is TableFixture => !!x && typeof x === 'object' && 'rows' in x && 'id' in x);

async function same(buf: Buffer, name: string, fast = true): Promise<void> {
  expect(readXlsxFast(buf) !== null).toBe(fast);
  const a = await readWorkbookBuffer(buf, name);
  const b = await readWorkbookBuffer(buf, name, { fullReader: true });
  expect(a).toEqual(b);
}

describe('fast .xlsx path', () => {
  it('names the built-in number formats as SheetJS does', () => {
    const table = XLSX.SSF.get_table() as Record<number, string>;
    for (const [id, code] of Object.entries(BUILTIN_FORMATS)) expect([id, code]).toEqual([id, table[Number(id)]]);
  });

  it('asks SheetJS about dates only for formats that could be one', () => {
    for (const f of ['0.00%', '0%', '#,##0.00', '0.00_);[Red](0.00)', '[DBNum1][$-804]0', '"¥"#,##0.00', '@'])
      expect([f, maybeDateFormat(f)]).toEqual([f, false]);
    for (const f of ['yyyy"年"m"月"d"日"', 'm/d/yy', '[h]:mm:ss', 'h:mm AM/PM', 'yyyy-mm-dd', '[$-F800]dddd, mmmm dd, yyyy'])
      expect([f, maybeDateFormat(f) && XLSX.SSF.is_date(f)]).toEqual([f, true]);
  });

  it(`reads every fixture table (${Object.keys(ALL_FIXTURES).length} + the real corpus) as SheetJS does`, async () => {
    expect(REAL.length).toBeGreaterThan(20);
    for (const fx of [...Object.values(ALL_FIXTURES), ...REAL]) await same(await workbookBuffer([single(fx, 'B3')]), `${fx.id}.xlsx`);
  });

  it('reads the sample workbook and a SheetJS-written budget export the same', async () => {
    await same(await workbookBuffer(SAMPLE_SHEETS), 'sample.xlsx');
    await same(writeBook(budgetExport('filled'), 'xlsx'), 'budget.xlsx');
    await same(writeBook(budgetExport('blank'), 'xlsx', { bookSST: true }), 'budget-sst.xlsx');
    // WPS: the 1904 date system, a dimension claiming the whole sheet, inline strings beside shared ones
    await same(wpsStyleZip(), 'wps.et');
    const grid = placeTables('表', [{ table: Object.values(ALL_FIXTURES)[0], at: 'A1' }]);
    await same(writeBook(bookOfTables([{ name: '表', placed: [{ table: Object.values(ALL_FIXTURES)[0], at: 'A1' }] }]), 'xlsx'), 'sj.xlsx');
    expect(grid.values.length).toBeGreaterThan(5);
  });

  it('keeps dates, booleans, errors, rich text, formulas, protection and overlapping merges as SheetJS does', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('杂项 & <特殊>');
    ws.getCell('A1').value = new Date(Date.UTC(2023, 11, 31));
    ws.getCell('A1').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('A2').value = true;
    ws.getCell('A3').value = { error: '#DIV/0!' };
    ws.getCell('A4').value = { richText: [{ text: '执行' }, { font: { bold: true }, text: '率 <&>' }] };
    ws.getCell('A5').value = { formula: 'B5/C5', result: 0.5 };
    ws.getCell('A5').numFmt = '0.00%';
    ws.getCell('A6').value = { formula: 'A1+1', result: new Date(Date.UTC(2024, 0, 1)) };
    ws.getCell('A7').value = '  前后空格  ';
    ws.getCell('A8').value = 1e-7;
    ws.getCell('C9').numFmt = '0.00%'; // formatted blank inside the box
    ws.getCell('D10').value = 'x';
    ws.mergeCells('B1:C2');
    ws.protect('', {});
    await same(Buffer.from(await wb.xlsx.writeBuffer()), 'misc.xlsx');
    const overlapping = editZip(Buffer.from(await wb.xlsx.writeBuffer()), (files) => {
      const name = 'xl/worksheets/sheet1.xml';
      files.set(
        name,
        Buffer.from(files.get(name)!.toString('utf8').replace('<mergeCell ref="B1:C2"/>', '<mergeCell ref="B1:C2"/><mergeCell ref="C2:D3"/>')),
      );
    });
    await same(overlapping, 'overlap.xlsx');
    const read = await readWorkbookBuffer(overlapping, 'overlap.xlsx');
    expect(read.warnings.map((w) => w.kind)).toEqual(['overlapping-merges']);
  });

  it('moves shared formulas to each cell as SheetJS does, and drops the _xlfn. prefix', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('公式');
    for (let r = 2; r <= 6; r++) ws.getCell(`A${r}`).value = r;
    ws.getCell('B2').value = {
      formula: 'A2*$A$2+SUM(A$2:A2)+_xlfn.IFS(A2>3,1,TRUE,0)',
      result: 4,
      shareType: 'shared',
      ref: 'B2:C6',
    } as ExcelJS.CellValue;
    for (const a of ['B3', 'B4', 'B5', 'B6', 'C2', 'C3']) ws.getCell(a).value = { sharedFormula: 'B2', result: 1 } as ExcelJS.CellValue;
    ws.getCell('D2').value = { formula: 'IF(A2>0,"是","否")', result: '是\r\n否' };
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(readZip(buf).files.get('xl/worksheets/sheet1.xml')!.toString()).toMatch(/<f t="shared" si="0"\/>/);
    await same(buf, 'shared.xlsx');
    const grid = (await readWorkbookBuffer(buf, 'shared.xlsx')).sheets[0];
    expect(grid.formulas?.[2][1]).toBe('A4*$A$2+SUM(A$2:A4)+IFS(A4>3,1,TRUE,0)');
    expect(grid.formulas?.[1][2]).toBe('B3*$A$2+SUM(B$2:B3)+IFS(B3>3,1,TRUE,0)');
  });

  it('leaves array formulas, ISO dates, phonetic runs, CDATA, odd entities and damaged parts to SheetJS', async () => {
    const base = await workbookBuffer([single(Object.values(ALL_FIXTURES)[0], 'A1')]);
    const sheet = 'xl/worksheets/sheet1.xml';
    const edit = (from: RegExp, to: string, part = sheet) =>
      editZip(base, (files) => {
        const xml = files.get(part)!.toString('utf8');
        expect(xml).toMatch(from);
        files.set(part, Buffer.from(xml.replace(from, to)));
      });
    await same(edit(/<c r="A1"([^>]*)>/, '<c r="A1"$1><f t="array" ref="A1">1+1</f>'), 'array.xlsx', false);
    await same(edit(/<t>/, '<t><![CDATA[x]]>', 'xl/sharedStrings.xml'), 'cdata.xlsx', false);
    await same(edit(/<t>/, '<t>&#x1F600;', 'xl/sharedStrings.xml'), 'astral.xlsx', false);
    await same(edit(/<t>/, '<t>&AMP;', 'xl/sharedStrings.xml'), 'entity.xlsx', false);
    await same(edit(/<c r="A1"[^>]*(\/>|>[\s\S]*?<\/c>)/, '<c r="A1" t="d"><v>2023-12-31T00:00:00Z</v></c>'), 'iso-date.xlsx', false);
    // OOXML escapes are read, as SheetJS reads them
    await same(edit(/<t>/, '<t>_x000D__x005F_x a&#13;\nb c\r\nd _x000d_', 'xl/sharedStrings.xml'), 'escaped.xlsx');
    await same(edit(/<\/si>/, '<rPh sb="0" eb="1"><t>ピ</t></rPh></si>', 'xl/sharedStrings.xml'), 'phonetic.xlsx', false);
    const damaged = editZip(base, (files) => files.set('xl/worksheets/sheet1.xml', Buffer.from('<worksheet><sheetData><row><c')));
    await same(damaged, 'damaged.xlsx', false);
  });
});

/** Dates as their time value (an invalid date, from a huge serial under a date format, is NaN in both). */
const plain = (x: unknown): unknown =>
  JSON.parse(
    JSON.stringify(x, function (this: Record<string, unknown>, k: string, v: unknown) {
      const raw = this[k];
      return raw instanceof Date ? `date:${raw.getTime()}` : v;
    }),
  );

describe('fast .xlsx path, property', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('执行率', ' 全年 执行数 ', 'a&b<c>"d\'', '偏差\r\n原因', '_x000D_', '=SUM(A1)', '—', '100%', ''),
  );
  const value = fc.oneof(
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    fc.integer({ min: -1000, max: 100000 }),
    fc.boolean(),
    fc.date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2050, 0, 1)), noInvalidDate: true }),
    fc.constant(null),
    fc.record({
      formula: fc.constantFrom('A1+1', 'SUM(B1:B3)', 'IF(A1>0,"是","否")'),
      result: fc.oneof(fc.integer(), fc.constant('是'), fc.boolean()),
    }),
  );
  const format = fc.constantFrom(undefined, '0.00%', '0%', '#,##0.00', 'yyyy-mm-dd', '@', '0.00_ ', '[h]:mm');
  const cell = fc.record({ r: fc.integer({ min: 0, max: 12 }), c: fc.integer({ min: 0, max: 8 }), v: value, f: format });
  const merge = fc.record({
    r: fc.integer({ min: 0, max: 12 }),
    c: fc.integer({ min: 0, max: 8 }),
    h: fc.integer({ min: 0, max: 3 }),
    w: fc.integer({ min: 0, max: 3 }),
  });

  it('reads random ExcelJS sheets (values, formulas, formats, merges) as SheetJS does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { maxLength: 40 }), fc.array(merge, { maxLength: 4 }), async (cells, merges) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('表');
        for (const x of cells) {
          const c = ws.getCell(x.r + 1, x.c + 1);
          c.value = x.v;
          if (x.f) c.numFmt = x.f;
        }
        const used: string[] = [];
        for (const m of merges) {
          const range = `${String.fromCharCode(65 + m.c)}${m.r + 1}:${String.fromCharCode(65 + m.c + m.w)}${m.r + 1 + m.h}`;
          try {
            ws.mergeCells(range);
            used.push(range);
          } catch {
            /* ExcelJS refuses overlapping merges */
          }
        }
        const buf = Buffer.from(await wb.xlsx.writeBuffer());
        const a = await readWorkbookBuffer(buf, 'p.xlsx');
        const b = await readWorkbookBuffer(buf, 'p.xlsx', { fullReader: true });
        expect(readXlsxFast(buf)).not.toBeNull();
        expect(plain(a)).toEqual(plain(b));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  });
});

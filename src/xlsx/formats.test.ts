// The reader on files from other writers (SheetJS): .xls, .xlsx with overlapping merges, WPS-style
// .et, damaged parts; and `fix` on them.
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { parseRangeA1, rangeA1 } from '../core/address';
import type { SheetGrid } from '../core/types';
import { toWorkbook } from '../../test/fixtures/build';
import {
  BUDGET_SHEETS,
  PLAN_MERGES_KEPT,
  budgetExport,
  damageEntry,
  editZip,
  passwordXls,
  writeBook,
  wpsStyleZip,
} from '../../test/fixtures/sheetjs-books';
import { yuxiReception } from '../../test/fixtures/tables';
import { WorkbookReadError, readWorkbookBuffer, readWorkbookFile } from './read';
import { repairMergesXml } from './to-exceljs';
import { FixError, fixFile } from './write';

let dir: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-formats-'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function put(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await fsp.writeFile(file, bytes);
  return file;
}

const sheet = (sheets: SheetGrid[], name: string) => {
  const s = sheets.find((g) => g.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};
const at = (g: SheetGrid, ref: string) => {
  const r = parseRangeA1(ref);
  if (!r) throw new Error(ref);
  return g.values[r.top - g.top]?.[r.left - g.left] ?? null;
};
const mergesOf = (g: SheetGrid) => g.merges.map(rangeA1);
const sortedRefs = (refs: string[]) =>
  [...refs].sort((a, b) => {
    const x = parseRangeA1(a)!;
    const y = parseRangeA1(b)!;
    return x.top - y.top || x.left - y.left;
  });

describe('reading other writers', () => {
  it('reads a BIFF8 .xls like the .xlsx written from the same data', async () => {
    const xls = await readWorkbookBuffer(writeBook(budgetExport('filled'), 'xls'), 'budget.xls');
    const xlsx = await readWorkbookBuffer(writeBook(budgetExport('filled'), 'xlsx'), 'budget.xlsx');
    expect(xls.format).toBe('xls');
    expect(xlsx.format).toBe('xlsx');
    expect(xls.sheets.map((s) => s.name)).toEqual([...BUDGET_SHEETS]);
    expect(xls.sheets).toEqual(xlsx.sheets);
    const se = sheet(xls.sheets, '项目支出绩效自评表');
    expect(at(se, 'B3')).toBe('外事接待专项经费');
    expect(at(se, 'H6')).toBe(1);
    expect(se.formats?.[5][7]).toBe('0.00%');
    expect(mergesOf(se)).toContain('A1:J1');
  });

  it.each(['xls', 'xlsx'] as const)('keeps the first of each set of overlapping merges (.%s), one warning naming the sheet', async (type) => {
    const bytes = writeBook(budgetExport('filled'), type);
    const zh = await readWorkbookBuffer(bytes, `budget.${type}`);
    const plan = sheet(zh.sheets, '项目支出计划');
    expect(mergesOf(plan)).toEqual(sortedRefs(PLAN_MERGES_KEPT));
    expect(at(plan, 'C5')).toBe(10);
    expect(plan.formats?.[4 - plan.top][2 - plan.left]).toBe('#,##0.00');
    expect(zh.warnings).toHaveLength(1);
    expect(zh.warnings[0]).toMatchObject({ sheet: '项目支出计划', kind: 'overlapping-merges' });
    expect(zh.warnings[0].message).toMatch(new RegExp(`budget\\.${type} 的工作表「项目支出计划」有 3 处合并区域.*A4:B4, D3:E3`));
    const en = await readWorkbookBuffer(bytes, `budget.${type}`, { lang: 'en' });
    expect(en.warnings[0].message).toMatch(/sheet "项目支出计划" has 3 merged range\(s\) overlapping/);
    // every other sheet is read in full
    expect(at(sheet(zh.sheets, '评审报告'), 'A5')).toMatch(/^绩效目标明确/);
  });

  it('reads a WPS-style zip .et: 1904 dates, inline and shared strings, a whole-sheet dimension', async () => {
    const file = await put('wps.et', wpsStyleZip());
    const { sheets, format } = await readWorkbookFile(file);
    expect(format).toBe('et');
    const info = sheet(sheets, '项目基本信息');
    expect(at(info, 'A8')).toEqual(new Date(Date.UTC(2022, 0, 1)));
    expect(at(info, 'B7')).toBe('2022年12月31日前');
    expect(at(info, 'B2')).toBe('外事接待专项经费');
    // the dimension says A1:XFD1048576; the grid holds the 8 × 4 cells there are
    expect([info.values.length, Math.max(...info.values.map((r) => r.length))]).toEqual([8, 4]);
  });

  it('reads a BIFF .et (WPS 表格 saving as its own format) by content, not by name', async () => {
    const file = await put('wps-biff.et', writeBook(budgetExport('filled'), 'xls'));
    const { sheets, format } = await readWorkbookFile(file);
    expect(format).toBe('et');
    expect(sheets.map((s) => s.name)).toEqual([...BUDGET_SHEETS]);
  });

  it.each(['biff5', 'biff2'] as const)('reads older Excel files too (%s)', async (bookType) => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Budget', 'Spent'],
        [10, 9.5],
      ]),
      'Funds',
    );
    const { sheets, format } = await readWorkbookBuffer(XLSX.write(wb, { type: 'buffer', bookType }) as Buffer, `old-${bookType}.xls`);
    expect(format).toBe('xls');
    expect(sheets[0].values).toEqual([
      ['Budget', 'Spent'],
      [10, 9.5],
    ]);
  });

  it('reads an .xls that was renamed .xlsx, and an .xlsx renamed .xls', async () => {
    const a = await readWorkbookFile(await put('really-xls.xlsx', writeBook(budgetExport('filled'), 'xls')));
    const b = await readWorkbookFile(await put('really-xlsx.xls', writeBook(budgetExport('filled'), 'xlsx')));
    expect([a.format, b.format]).toEqual(['xls', 'xlsx']);
    expect(a.sheets).toEqual(b.sheets);
  });

  it('skips a sheet whose part is damaged, names it, and reads the others', async () => {
    const bytes = damageEntry(writeBook(budgetExport('filled'), 'xlsx'), 'xl/worksheets/sheet2.xml');
    const { sheets, warnings } = await readWorkbookBuffer(bytes, 'damaged.xlsx');
    expect(sheets.map((s) => s.name)).toEqual(BUDGET_SHEETS.filter((s) => s !== '项目支出计划'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ sheet: '项目支出计划', kind: 'unparsed' });
    expect(warnings[0].message).toMatch(/工作表「项目支出计划」无法解析（xl\/worksheets\/sheet2\.xml: .+），已跳过，其余工作表照常检查/);
    expect(at(sheet(sheets, '项目支出绩效自评表'), 'B3')).toBe('外事接待专项经费');
  });

  it('skips a sheet whose part is missing from the zip', async () => {
    const bytes = editZip(writeBook(budgetExport('filled'), 'xlsx'), (files) => files.delete('xl/worksheets/sheet7.xml'));
    const { sheets, warnings } = await readWorkbookBuffer(bytes, 'missing-part.xlsx', { lang: 'en' });
    expect(sheets).toHaveLength(6);
    expect(warnings.map((w) => [w.sheet, w.kind])).toEqual([
      ['项目支出计划', 'overlapping-merges'],
      ['评审报告', 'unparsed'],
    ]);
    expect(warnings.find((w) => w.kind === 'unparsed')?.message).toMatch(/sheet "评审报告" cannot be parsed .*skipped/);
  });

  it.each([
    ['xl/workbook.xml', {}],
    ['xl/sharedStrings.xml', { bookSST: true }],
  ])('calls a file corrupt only when an essential part (%s) is damaged, and names it', async (part, opts) => {
    const bytes = damageEntry(writeBook(budgetExport('filled'), 'xlsx', opts), part);
    const file = await put('corrupt.xlsx', bytes);
    await expect(readWorkbookFile(file)).rejects.toThrow(WorkbookReadError);
    const e = await readWorkbookFile(file).catch((x: WorkbookReadError) => x);
    expect((e as WorkbookReadError).reason).toBe('corrupt');
    expect((e as WorkbookReadError).message).toContain(`（${part}: `);
  });

  it('refuses an .xls with an open password as encrypted, not corrupt', async () => {
    const file = await put('secret.xls', passwordXls());
    const e = await readWorkbookFile(file, { lang: 'en' }).catch((x: WorkbookReadError) => x);
    expect((e as WorkbookReadError).reason).toBe('encrypted');
    expect((e as WorkbookReadError).message).toMatch(/password-protected/);
  });

  it('names the zip directory when a file is cut short', async () => {
    const bytes = writeBook(budgetExport('filled'), 'xlsx');
    const e = await readWorkbookBuffer(bytes.subarray(0, bytes.length - 200), 'cut.xlsx').catch((x: WorkbookReadError) => x);
    expect((e as WorkbookReadError).reason).toBe('corrupt');
    expect((e as WorkbookReadError).message).toMatch(/zip: end of central directory/);
  });
});

describe('repairMergesXml', () => {
  it('keeps the first of each overlapping set, keeps the namespace prefix, leaves clean sheets alone', () => {
    const xml =
      '<x:worksheet><x:sheetData/><x:mergeCells count="4"><x:mergeCell ref="A1:B2"/><x:mergeCell ref="B2:C3"/><x:mergeCell ref="A1:B2"/><x:mergeCell ref="D1:E1"/></x:mergeCells><x:pageMargins/></x:worksheet>';
    const r = repairMergesXml(xml);
    expect(r?.xml).toBe(
      '<x:worksheet><x:sheetData/><x:mergeCells count="2"><x:mergeCell ref="A1:B2"/><x:mergeCell ref="D1:E1"/></x:mergeCells><x:pageMargins/></x:worksheet>',
    );
    expect(r?.dropped.map(rangeA1)).toEqual(['B2:C3', 'A1:B2']);
    expect(repairMergesXml('<worksheet><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>')).toBeNull();
  });
});

describe('fix on legacy and repaired files', () => {
  async function bytesOf(file: string) {
    return fsp.readFile(file);
  }

  it('writes an .xls as .xlsx with every sheet, values, merges, number formats and widths; says what is lost', async () => {
    const input = await put('budget.xls', writeBook(budgetExport('filled'), 'xls'));
    const before = await bytesOf(input);
    const out = path.join(dir, 'budget.checked.xlsx');
    const res = await fixFile(input, out);
    expect(await bytesOf(input)).toEqual(before);
    expect(res.format).toBe('xls');
    expect(res.notKept[0]).toMatch(/^\.xls 文件已写成 \.xlsx：字体、边框.*未能保留/);
    expect(res.notKept.some((l) => /工作表「项目支出计划」重叠的合并区域 A1:H1, A4:B4, D3:E3 未保留/.test(l))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...BUDGET_SHEETS]);
    const plan = wb.getWorksheet('项目支出计划') as ExcelJS.Worksheet;
    expect(sortedRefs(plan.model.merges)).toEqual(sortedRefs(PLAN_MERGES_KEPT));
    expect(plan.getCell('C5').numFmt).toBe('#,##0.00');
    // the width stored in the .xls (SheetJS stores 24 characters as 24.83 with the cell padding)
    const stored = XLSX.read(before, { type: 'buffer', cellStyles: true }).Sheets['项目支出预算明细']['!cols']?.[0]?.width;
    expect(stored).toBeGreaterThan(24);
    expect(wb.getWorksheet('项目支出预算明细')?.getColumn(1).width).toBeCloseTo(stored as number, 5);
    const se = wb.getWorksheet('项目支出绩效自评表') as ExcelJS.Worksheet;
    expect(se.getCell('B3').value).toBe('外事接待专项经费');
    expect(se.getCell('H6').numFmt).toBe('0.00%');
    // the execution-over-budget warning is marked in the copy
    expect(se.getCell('F6').fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });
    // and the copy reads back as the original did
    const again = await readWorkbookFile(out);
    const orig = await readWorkbookFile(input);
    expect(again.sheets.map((s) => s.name)).toEqual(orig.sheets.map((s) => s.name));
    expect(sheet(again.sheets, '项目支出计划')).toEqual(sheet(orig.sheets, '项目支出计划'));
  });

  it.each([
    ['zh', 'out.xls', /fix 只写出 \.xlsx 文件，不能写成 \.xls：.*out\.xls（请改用 -o .*out\.xlsx）/],
    ['en', 'out.et', /fix writes \.xlsx files only, not \.et: .*out\.et \(use -o .*out\.xlsx\)/],
  ] as const)('refuses -o %s … %s', async (lang, name, re) => {
    const input = await put('refuse.xls', writeBook(budgetExport('filled'), 'xls'));
    const out = path.join(dir, name);
    await expect(fixFile(input, out, { lang })).rejects.toThrow(FixError);
    await expect(fixFile(input, out, { lang })).rejects.toThrow(re);
    await expect(fsp.stat(out)).rejects.toThrow();
  });

  it('fixes an .xlsx with overlapping merges, keeping its styles (ExcelJS alone refuses to load it)', async () => {
    const bytes = writeBook(budgetExport('filled'), 'xlsx');
    await expect(new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer)).rejects.toThrow(/merge/i);
    const input = await put('overlap.xlsx', bytes);
    const out = path.join(dir, 'overlap.checked.xlsx');
    const res = await fixFile(input, out, { lang: 'en' });
    expect(res.notKept).toEqual([expect.stringMatching(/^sheet "项目支出计划": overlapping merged ranges A1:H1, A4:B4, D3:E3 not kept/)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...BUDGET_SHEETS]);
    expect(sortedRefs((wb.getWorksheet('项目支出计划') as ExcelJS.Worksheet).model.merges)).toEqual(sortedRefs(PLAN_MERGES_KEPT));
    expect(await bytesOf(input)).toEqual(bytes);
  });

  it('rebuilds from the data read when a sheet is damaged: fills, formulas, widths kept; the damaged sheet empty', async () => {
    // an ExcelJS-written filing (borders, fonts, widths) with a fill, a formula, and one damaged sheet
    const wb = toWorkbook([
      { name: '自评表', placed: [{ table: yuxiReception, at: 'A1' }] },
      { name: '备注', placed: [] },
    ]);
    const ws = wb.getWorksheet('自评表') as ExcelJS.Worksheet;
    ws.getCell('L1').value = { formula: 'SUM(C6:D6)', result: 20 } as ExcelJS.CellFormulaValue;
    ws.getCell('L1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' } };
    ws.getColumn(12).width = 17;
    (wb.getWorksheet('备注') as ExcelJS.Worksheet).getCell('A1').value = '内部备注';
    const bytes = damageEntry(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer), 'xl/worksheets/sheet2.xml');
    const input = await put('rebuilt.xlsx', bytes);
    const out = path.join(dir, 'rebuilt.checked.xlsx');
    const res = await fixFile(input, out);
    expect(res.warnings.map((w) => w.sheet)).toEqual(['备注']);
    expect(res.notKept[0]).toMatch(/ExcelJS 无法载入，副本按读取到的数据重建/);
    expect(res.notKept).toContain('工作表「备注」无法解析，副本中为空表');
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    expect(copy.worksheets.map((w) => w.name)).toEqual(['自评表', '备注']);
    const c = copy.getWorksheet('自评表') as ExcelJS.Worksheet;
    expect(c.getCell('L1').value).toEqual({ formula: 'SUM(C6:D6)', result: 20 });
    expect(c.getCell('L1').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FF00B050' } });
    expect(c.getColumn(12).width).toBeCloseTo(17, 0);
    expect(c.getCell('H6').numFmt).toBe('0.00%');
    expect(c.model.merges).toContain('A1:J1');
  });
});

describe('SheetJS writes what the fixtures say', () => {
  it('the .xls fixture is BIFF8 in a compound file', () => {
    const bytes = writeBook(budgetExport('filled'), 'xls');
    const cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
    expect(cfb.FullPaths.some((p: string) => /\/Workbook$/.test(p))).toBe(true);
  });
});

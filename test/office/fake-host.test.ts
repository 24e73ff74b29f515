// The fake host's own semantics: what the adapter tests rely on.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { FakeExcelHost } from '../support/fake-excel';

function book(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表一');
  ws.getCell('A1').value = '项目名称';
  ws.getCell('B2').value = 12.5;
  ws.getCell('B2').numFmt = '0.00';
  ws.getCell('C3').value = { formula: 'B2*2', result: 25 } as ExcelJS.CellFormulaValue;
  ws.getCell('D4').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  ws.mergeCells('A6:B6');
  ws.getCell('A6').value = '合并';
  wb.addWorksheet('表二').getCell('A1').value = 'x';
  return wb;
}

describe('fake Excel host', () => {
  it('throws when a property is read before load + sync, and reads after', async () => {
    const host = new FakeExcelHost(book());
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('表一').getRange('A1:D4');
      expect(() => r.values).toThrow(/not available.*load/);
      r.load('values');
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values[0][0]).toBe('项目名称');
      expect(() => r.formulas).toThrow(/not available/);
    });
  });

  it('reports values, formulas, formats and value types like Excel', async () => {
    const host = new FakeExcelHost(book());
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('表一').getRange('A1:D6');
      r.load('values,formulas,numberFormat,valueTypes,address');
      await ctx.sync();
      expect(r.address).toBe('表一!A1:D6'.replace('表一', "'表一'"));
      expect(r.values[1][1]).toBe(12.5);
      expect(r.numberFormat[1][1]).toBe('0.00');
      expect(r.formulas[2][2]).toBe('=B2*2');
      expect(r.values[2][2]).toBe(25);
      expect(r.valueTypes[3][3]).toBe('Error');
      expect(r.values[3][3]).toBe('#DIV/0!');
      expect(r.values[5][0]).toBe('合并');
      expect(r.values[5][1]).toBe(''); // merged non-anchor cells read blank
      expect(r.valueTypes[0][3]).toBe('Empty');
    });
  });

  it('runs queued writes only at sync, in order, and counts syncs and operations', async () => {
    const host = new FakeExcelHost(book());
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表二');
      const r = ws.getRange('B1:B2');
      r.values = [[1], ['2']];
      expect(host.workbook.getWorksheet('表二')!.getCell('B1').value).toBeNull();
      await ctx.sync();
    });
    const ws = host.workbook.getWorksheet('表二')!;
    expect(ws.getCell('B1').value).toBe(1);
    expect(ws.getCell('B2').value).toBe(2); // typed text is parsed like Excel input
    expect(host.stats.syncs).toBe(1);
    expect(host.stats.ops).toBe(3); // getItem, getRange, values
    expect(host.calls['Range.values(set)']).toBe(1);
  });

  it('stops a batch at the first failing operation (earlier ones stay applied)', async () => {
    const host = new FakeExcelHost(book());
    await expect(
      host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('表二');
        ws.getRange('C1').values = [['first']];
        ws.getRange('C2').values = [['bad', 'shape']];
        ws.getRange('C3').values = [['never']];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    const ws = host.workbook.getWorksheet('表二')!;
    expect(ws.getCell('C1').value).toBe('first');
    expect(ws.getCell('C3').value).toBeNull();
  });

  it('rejects newer APIs on a 1.7 host at sync and records the violation', async () => {
    const host = new FakeExcelHost(book(), { excelApi: '1.7' });
    expect(host.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(host.isSetSupported('ExcelApi', '1.9')).toBe(false);
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('表一').getRanges('A1,B2').format.fill.color = '#FF0000';
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(host.violations.join()).toMatch(/getRanges \(ExcelApi 1\.9\)/);
    const h2 = new FakeExcelHost(book(), { excelApi: '1.7' });
    await expect(
      h2.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('表一').notes.add('A1', 'x');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  it('refuses writes on a protected sheet and sheet adds on a protected structure', async () => {
    const host = new FakeExcelHost(book());
    host.protectedSheets.add('表一');
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('表一').getRange('A1').format.fill.color = '#FF0000';
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    host.workbookProtected = true;
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.add('新表');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('resolves *OrNullObject at sync', async () => {
    const host = new FakeExcelHost(book());
    await host.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItemOrNullObject('表二');
      const b = ctx.workbook.worksheets.getItemOrNullObject('没有');
      expect(() => b.isNullObject).toThrow();
      await ctx.sync();
      expect(a.isNullObject).toBe(false);
      expect(b.isNullObject).toBe(true);
    });
  });

  it('reads "No Fill" as white; only tintAndShade (1.9) tells it apart', async () => {
    const host = new FakeExcelHost(book());
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表一');
      ws.getRange('A2').format.fill.color = '#FFFFFF';
      await ctx.sync();
      const none = ws.getRange('A3').format.fill;
      const white = ws.getRange('A2').format.fill;
      none.load('color,tintAndShade');
      white.load('color,tintAndShade');
      await ctx.sync();
      expect(none.color).toBe('#FFFFFF');
      expect(white.color).toBe('#FFFFFF');
      expect(none.tintAndShade).toBeNull();
      expect(white.tintAndShade).toBe(0);
    });
  });

  it('enforces the payload limit per sync', async () => {
    const host = new FakeExcelHost(book(), { payloadLimit: 50 });
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('表一').getRange('A1:Z200').load('values,formulas');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });

  it('keeps each API member on the requirement set @types/office-js documents', () => {
    // The fake's gating must match the real API: cross-check against the d.ts annotations.
    const dts = fs.readFileSync(require.resolve('@types/office-js/index.d.ts'), 'utf8');
    const src = fs.readFileSync(path.join(__dirname, '../support/fake-excel/host.ts'), 'utf8');
    const apiSet = (cls: string, member: string, setter = false): string | null => {
      const start = dts.indexOf(`\n    class ${cls} extends OfficeExtension.ClientObject {`);
      if (start < 0) return null;
      const end = dts.indexOf('\n    }\n', start);
      const body = dts.slice(start, end);
      const re = new RegExp(`\\[Api set: ExcelApi ([\\d.]+)[^\\]]*\\][\\s\\S]{0,1200}?\\n {8}(?:readonly )?${member}[(:?<]`, 'g');
      let m: RegExpExecArray | null;
      let last: string | null = null;
      while ((m = re.exec(body))) {
        // the annotation closest to the member
        const tail = m[0].slice(m[0].lastIndexOf('[Api set'));
        const note = tail.slice(0, tail.indexOf(']'));
        const forSetting = /([\d.]+) for setting/.exec(note);
        last = setter && forSetting ? forSetting[1] : /ExcelApi ([\d.]+)/.exec(note)![1];
        break; // the first declaration of the member
      }
      return last;
    };
    const checked: string[] = [];
    const re = /enqueue\(\s*'([A-Za-z]+)\.([A-Za-z]+)(\(set\))?',\s*'([\d.]+)'/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(src))) {
      const [, cls, member, set, version] = m;
      if (member === 'load') continue; // load is on every class; the loaded members are checked below
      const expected = apiSet(cls, member, !!set);
      expect({ api: `${cls}.${member}`, version }).toEqual({ api: `${cls}.${member}`, version: expected });
      checked.push(`${cls}.${member}`);
    }
    const fill = /this\.write\('([A-Za-z]+)(?:\(set\))?', '([\d.]+)'/g;
    while ((m = fill.exec(src))) {
      expect({ api: `RangeFill.${m[1]}`, version: m[2] }).toEqual({ api: `RangeFill.${m[1]}`, version: apiSet('RangeFill', m[1]) });
      checked.push(`RangeFill.${m[1]}`);
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'Worksheet.getRanges',
        'Worksheet.getRangeByIndexes',
        'Range.getCellProperties',
        'Range.getMergedAreasOrNullObject',
        'NoteCollection.add',
        'Note.delete',
        'WorksheetCollection.getItemOrNullObject',
        'RangeFill.pattern',
        'RangeFill.color',
      ]),
    );
  });
});

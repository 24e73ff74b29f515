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

  it('enforces the payload limit per sync: the response side for reads, in UTF-8 bytes, with a localized message', async () => {
    const wb = book();
    wb.getWorksheet('表二')!.getCell('A2').value = '中'.repeat(20); // 20 characters, 60 bytes
    const host = new FakeExcelHost(wb, { payloadLimit: 50 });
    const err = await host
      .run(async (ctx) => {
        ctx.workbook.worksheets.getItem('表二').getRange('A2').load('values');
        await ctx.sync();
      })
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(err.message).toMatch(/有效负载/);
    expect(err.message).not.toMatch(/payload/i);
  });

  it('returns null instead of the cells for a range over the get limit, without an error (office-js #6781)', async () => {
    const host = new FakeExcelHost(book(), { maxGetCells: 20 });
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表一');
      const big = ws.getRange('A1:E5').load('values,formulas');
      const small = ws.getRange('A1:D5').load('values');
      await ctx.sync();
      expect([big.values, big.formulas]).toEqual([null, null]);
      expect(small.values[0][0]).toBe('项目名称');
    });
  });

  it('refuses a request that is too large as a whole: nothing in it runs', async () => {
    const host = new FakeExcelHost(book(), { payloadLimit: 100 });
    const err = await host
      .run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('表二');
        ws.getRange('B1').values = [[1]];
        ws.getRange('C1').values = [['审核意见'.repeat(10)]]; // 120 bytes
        await ctx.sync();
      })
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(host.workbook.getWorksheet('表二')!.getCell('B1').value).toBeNull();
  });

  it('Worksheet.id stays through a rename and finds the sheet; a reopened file gets new ids', async () => {
    const host = new FakeExcelHost(book());
    const id = await host.run(async (ctx) => {
      const added = ctx.workbook.worksheets.add('新表');
      added.load('id');
      await ctx.sync();
      return added.id;
    });
    host.renameSheet('新表', '改名');
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(id);
      ws.load('name,id');
      const gone = ctx.workbook.worksheets.getItemOrNullObject('新表');
      await ctx.sync();
      expect([ws.isNullObject, ws.name, ws.id, gone.isNullObject]).toEqual([false, '改名', id, true]);
    });
    const reopened = await FakeExcelHost.fromBuffer(await host.toBuffer());
    await reopened.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('改名');
      ws.load('id');
      await ctx.sync();
      expect(ws.id).not.toBe(id);
      expect(ws.id).toBe('{00000000-0001-0000-0002-000000000000}');
    });
  });

  it('loading the protection of a missing sheet fails the sync', async () => {
    const host = new FakeExcelHost(book());
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject('没有').protection.load('protected');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  it('a cell with a threaded comment has no note; notes.add there throws and undoes the whole batch', async () => {
    const host = new FakeExcelHost(book());
    host.addThreadedComment('表一', 'B2', '请核实');
    const before = host.workbook.getWorksheet('表一')!.getCell('A1').value;
    const err = await host
      .run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('表一');
        ws.getRange('A1').values = [['改了']];
        ws.getRange('A1').format.fill.color = '#FFC7CE';
        ctx.workbook.worksheets.add('新表');
        ctx.workbook.settings.add('k', 'v');
        const n = ws.notes.getItemOrNullObject('B2');
        n.load('content');
        await ctx.sync();
        expect(n.isNullObject).toBe(true);
        ws.getRange('A1').values = [['又改了']];
        ws.notes.add(ws.getRange('B2'), '备注');
        await ctx.sync();
      })
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'InvalidOperation' });
    // the first batch stays, the second one is undone as a whole
    expect(host.workbook.getWorksheet('表一')!.getCell('A1').value).toBe('改了');
    expect(before).toBe('项目名称');
    const comments = await host.run(async (ctx) => {
      const list = ctx.workbook.comments.load('items/id');
      await ctx.sync();
      const ranges = list.items.map((c) => c.getLocation().load('address'));
      await ctx.sync();
      return ranges.map((r) => r.address);
    });
    expect(comments).toEqual(["'表一'!B2"]);
  });

  it('undoes a rolled-back batch completely: cells, added sheets, settings', async () => {
    const host = new FakeExcelHost(book());
    host.addThreadedComment('表一', 'B2', '请核实');
    const cell = () => host.workbook.getWorksheet('表一')!.getCell('A1');
    await host
      .run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('表一');
        ws.getRange('A1').values = [['改了']];
        ws.getRange('A1').format.fill.color = '#FFC7CE';
        ctx.workbook.worksheets.add('新表');
        ctx.workbook.settings.add('k', 'v');
        ws.notes.add('B2', '备注');
        await ctx.sync();
      })
      .catch(() => undefined);
    expect(cell().value).toBe('项目名称');
    expect(cell().fill).toBeUndefined();
    expect(host.hasSheet('新表')).toBe(false);
    expect(host.settings.has('k')).toBe(false);
  });

  it('returns merged areas only where their top-left cell lies in the range, clipped (office-js #3611, #1590)', async () => {
    const wb = book();
    wb.getWorksheet('表一')!.mergeCells('C8:D10');
    const host = new FakeExcelHost(wb);
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表一');
      const inner = ws.getRange('D9:E12').getMergedAreasOrNullObject(); // C8 outside
      const clipped = ws.getRange('C8:D9').getMergedAreasOrNullObject();
      const whole = ws.getRange().getMergedAreasOrNullObject();
      inner.load('address');
      clipped.load('address');
      whole.load('address');
      await ctx.sync();
      expect(inner.isNullObject).toBe(true);
      expect(clipped.address).toBe("'表一'!C8:D9");
      expect(whole.address).toBe("'表一'!A6:B6, '表一'!C8:D10");
    });
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

// The fake host refuses what Excel refuses (issue 17 item 1). One test per documented behaviour;
// the reference is next to the behaviour in test/support/fake-excel/host.ts.
import ExcelJS from 'exceljs';
import { FakeExcelHost, FakeOfficeError } from '../support/fake-excel';

function book(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('A');
  a.getCell('A1').value = 1;
  wb.addWorksheet('B').getCell('A1').value = 2;
  return wb;
}

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return (e as FakeOfficeError).code ?? String(e);
  }
}

describe('strict fake host', () => {
  it('refuses to delete a VeryHidden sheet (Worksheet.delete docs; office-js #365), allows it after visibility = Hidden in the same batch', async () => {
    const host = new FakeExcelHost(book());
    host.sheet('B').state = 'veryHidden';
    const refused = await codeOf(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('B').delete();
        await ctx.sync();
      }),
    );
    expect(refused).toBe('InvalidOperation');
    expect(host.hasSheet('B')).toBe(true);
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('B');
      ws.visibility = 'Hidden';
      ws.delete();
      await ctx.sync();
    });
    expect(host.hasSheet('B')).toBe(false);
  });

  it('cell-edit mode: a batch without delayForCellEdit fails with InvalidOperationInCellEditMode, with it the batch waits for the edit to end', async () => {
    const host = new FakeExcelHost(book());
    host.beginCellEdit();
    const write = (ctx: Parameters<Parameters<FakeExcelHost['run']>[0]>[0]) => {
      ctx.workbook.worksheets.getItem('A').getRange('B1').values = [[5]];
      return ctx.sync();
    };
    expect(await codeOf(host.run(write))).toBe('InvalidOperationInCellEditMode');
    expect(host.sheet('A').getCell('B1').value).toBeNull();
    let done = false;
    const delayed = host.run(write, { delayForCellEdit: true }).then(() => (done = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(done).toBe(false);
    expect(host.sheet('A').getCell('B1').value).toBeNull();
    host.endCellEdit();
    await delayed;
    expect(host.sheet('A').getCell('B1').value).toBe(5);
    expect(host.editWaits).toBe(1);
  });

  it('Worksheet.id changes on save and reopen (office-js-docs #297, office-js #1390); a name survives', async () => {
    const host = new FakeExcelHost(book());
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.add('New');
      await ctx.sync();
    });
    const before = host.idOfSheet('New');
    const again = await FakeExcelHost.fromBuffer(await host.toBuffer());
    expect(again.hasSheet('New')).toBe(true);
    expect(again.idOfSheet('New')).not.toBe(before);
  });

  it('getMergedAreasOrNullObject fails above 512 merged areas in the range (Range docs) and answers below it', async () => {
    const wb = book();
    const ws = wb.getWorksheet('A')!;
    for (let i = 0; i < 513; i++) ws.mergeCellsWithoutStyle(i * 2 + 1, 3, i * 2 + 1, 4);
    const host = new FakeExcelHost(wb);
    const whole = await codeOf(
      host.run(async (ctx) => {
        const m = ctx.workbook.worksheets.getItem('A').getRange().getMergedAreasOrNullObject();
        m.load('address');
        await ctx.sync();
      }),
    );
    expect(whole).not.toBeNull();
    const part = await host.run(async (ctx) => {
      const m = ctx.workbook.worksheets.getItem('A').getRange('A1:Z600').getMergedAreasOrNullObject();
      m.load('address');
      await ctx.sync();
      return m.address.split(',').length;
    });
    expect(part).toBe(300);
  });

  it('a get above 5,000,000 cells returns null, a sync over the payload limit is refused (office-js #6781; resource limits)', async () => {
    const host = new FakeExcelHost(book(), { maxGetCells: 4, payloadLimit: 200 });
    const vals = await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('A').getRange('A1:C3');
      r.load('values');
      await ctx.sync();
      return r.values;
    });
    expect(vals).toBeNull();
    const big = await codeOf(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('A').getRange('A1').values = [['x'.repeat(300)]];
        await ctx.sync();
      }),
    );
    expect(big).toBe('RequestPayloadSizeLimitExceeded');
  });

  it('a protected sheet refuses writes; a protected workbook structure refuses adding, deleting and hiding sheets', async () => {
    const host = new FakeExcelHost(book());
    host.protectedSheets.add('A');
    const write = await codeOf(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('A').getRange('B1').values = [[1]];
        await ctx.sync();
      }),
    );
    expect(write).toBe('AccessDenied');
    host.workbookProtected = true;
    for (const op of [
      (ctx: { workbook: { worksheets: { add(n: string): unknown; getItem(n: string): { delete(): void; visibility: string } } } }) =>
        ctx.workbook.worksheets.add('C'),
      (ctx: { workbook: { worksheets: { getItem(n: string): { delete(): void } } } }) => ctx.workbook.worksheets.getItem('B').delete(),
      (ctx: { workbook: { worksheets: { getItem(n: string): { visibility: string } } } }) =>
        (ctx.workbook.worksheets.getItem('B').visibility = 'Hidden'),
    ]) {
      const code = await codeOf(
        host.run(async (ctx) => {
          op(ctx as never);
          await ctx.sync();
        }),
      );
      expect(code).toBe('AccessDenied');
    }
    expect(host.workbook.worksheets.map((w) => w.name)).toEqual(['A', 'B']);
  });

  it('isNullObject: unknown before the sync, true for a missing item after it, and a null object refuses operations', async () => {
    const host = new FakeExcelHost(book());
    const code = await codeOf(
      host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject('nope');
        expect(() => ws.isNullObject).toThrow(/not available/);
        await ctx.sync();
        expect(ws.isNullObject).toBe(true);
        ws.getRange('A1').values = [[1]];
        await ctx.sync();
      }),
    );
    expect(code).toBe('InvalidOperation');
  });

  it('a property read before load + sync throws PropertyNotLoaded', async () => {
    const host = new FakeExcelHost(book());
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('A').getRange('A1');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('values');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(r.values).toEqual([[1]]);
    });
  });
});

// The fake host's worksheet.onChanged: the real API's args, handlers added and removed at sync.
import { highestExcelApi, diagnosticsText, EXCEL_API_PROBE } from '../../src/office/diagnostics';
import type { XlWorksheetChangedEventArgs } from '../../src/office/excel-api';
import { single } from '../fixtures/build';
import { fengtai } from '../fixtures/tables';
import { hostFor } from '../support/workbooks';

describe('fake host events', () => {
  it('worksheet.onChanged gets WorksheetChangedEventArgs with the sheet id the API reports', async () => {
    const host = await hostFor([single(fengtai, 'A1', '丰台'), { name: '其他', placed: [] }], { excelApi: '1.18' });
    const seen: XlWorksheetChangedEventArgs[] = [];
    let id = '';
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('丰台');
      ws.load('id');
      ws.onChanged.add(async (e) => void seen.push(e));
      expect(host.events.count).toBe(0); // registered only at sync
      await ctx.sync();
      id = ws.id;
    });
    expect(host.events.count).toBe(1);
    host.userEdit('丰台', 'C7', 12);
    host.userEdit('其他', 'A1', 'x'); // another sheet: not this handler
    host.userEdit('丰台', 'M40:N41', [
      [1, 2],
      [3, 4],
    ]);
    await host.events.settled();
    expect(seen).toEqual([
      expect.objectContaining({
        type: 'WorksheetChanged',
        changeType: 'RangeEdited',
        source: 'Local',
        worksheetId: id,
        address: 'C7',
        triggerSource: 'Unknown',
        details: expect.objectContaining({ valueAfter: 12, valueTypeAfter: 'Double' }),
      }),
      expect.objectContaining({ worksheetId: id, address: 'M40:N41' }),
    ]);
    expect((seen[1] as unknown as { details?: unknown }).details).toBeUndefined(); // details only for one cell
    expect([host.cell('丰台', 39, 12).value, host.cell('丰台', 40, 13).value]).toEqual([1, 4]);
    expect(host.stats.writes).toBe(0); // typing is not an add-in write
  });

  it('remove() takes effect at the sync of its own context; the add-in’s writes say ThisLocalAddin on 1.14+', async () => {
    const host = await hostFor([single(fengtai, 'A1', '丰台')], { excelApi: '1.18' });
    const seen: XlWorksheetChangedEventArgs[] = [];
    const result = await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.onChanged.add(async (e) => void seen.push(e));
      await ctx.sync();
      return r;
    });
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('丰台').getRange('A30').values = [['写入']];
      await ctx.sync();
    });
    await host.events.settled();
    expect(seen.map((e) => e.triggerSource)).toEqual(['ThisLocalAddin']);
    result.remove();
    expect(host.events.count).toBe(1); // not yet: queued in the registration context
    await host.runIn(result.context, async (ctx) => ctx.sync());
    expect(host.events.count).toBe(0);
    await expect(host.runIn({}, async (ctx) => ctx.sync())).rejects.toThrow(/not a context of this host/);
  });

  it('worksheets.onChanged is ExcelApi 1.9: a 1.7 host rejects it; 1.7 has no triggerSource or details', async () => {
    const host = await hostFor([single(fengtai, 'A1', '丰台')], { excelApi: '1.7' });
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.onChanged.add(async () => undefined);
        await ctx.sync();
      }),
    ).rejects.toThrow(/requires ExcelApi 1.9/);
    expect(host.violations).toEqual(['WorksheetCollection.onChanged.add (ExcelApi 1.9) on a 1.7 host']);
    const seen: XlWorksheetChangedEventArgs[] = [];
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('丰台').onChanged.add(async (e) => void seen.push(e));
      await ctx.sync();
    });
    host.userEdit('丰台', 'C7', 1);
    await host.events.settled();
    expect(seen).toHaveLength(1);
    expect('triggerSource' in seen[0]).toBe(false);
    expect('details' in seen[0]).toBe(false);
  });
});

describe('diagnostics', () => {
  it('finds the highest ExcelApi level by probing 1.1 … 1.20', async () => {
    for (const api of ['1.7', '1.9', '1.18']) {
      const host = await hostFor([single(fengtai, 'A1', '丰台')], { excelApi: api });
      expect(highestExcelApi((n, v) => host.isSetSupported(n, v))).toBe(api);
    }
    expect(EXCEL_API_PROBE[0]).toBe('1.1');
    expect(EXCEL_API_PROBE.at(-1)).toBe('1.20');
    expect(highestExcelApi(() => false)).toBeNull();
    expect(
      highestExcelApi(() => {
        throw new Error('no Office');
      }),
    ).toBeNull();
  });

  it('the copied text names host, platform, version, API level and add-in version, in zh and en', () => {
    const d = {
      host: 'Excel',
      platform: 'PC',
      version: '16.0.17928.20114',
      excelApi: '1.17',
      addinVersion: '0.1.0',
      displayLanguage: 'zh-CN',
      userAgent: null,
    };
    const zh = diagnosticsText(d, 'zh');
    expect(zh.split('\n')).toEqual([
      '绩效自评助手 — 关于 / 诊断',
      'Office 应用: Excel',
      '平台: PC',
      'Office 版本: 16.0.17928.20114',
      '支持的 ExcelApi 最高版本: 1.17',
      '加载项版本: 0.1.0',
      '显示语言: zh-CN',
      '浏览器: 未知',
    ]);
    expect(diagnosticsText(d, 'en')).toContain('Highest ExcelApi supported: 1.17');
  });
});

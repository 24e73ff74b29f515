// The WPS pane host (src/wps/pane-host.ts) on the fake ET host: the pane refreshes when the user
// switches sheets (SheetActivate, as Excel's worksheets.onActivated), never for the add-in's own
// writes; 关于/诊断 names WPS, its version, Chromium and ET, in Chinese and English.
import { analyzeWorkbook } from '../../src/core';
import { chromiumVersion, diagnosticsLines, diagnosticsText } from '../../src/office/diagnostics';
import { DEFAULT_SETTINGS } from '../../src/office/settings';
import { wpsPaneHost } from '../../src/wps/pane-host';
import { stack, toWorkbook } from '../fixtures/build';
import { fengtai, yuxiFestival, yuxiOffice } from '../fixtures/tables';
import { FakeEtHost } from '../support/fake-et';

const analyze = analyzeWorkbook;
/** The user agent of WPS 2019 for Linux's embedded browser (CEF; the 自检 reports the real one). */
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/88.0.4324.150 Safari/537.36';

function etHost(options?: { eventsOnAddinWrites?: boolean }): FakeEtHost {
  const wb = toWorkbook([
    { name: '玉溪项目', placed: stack([yuxiOffice, yuxiFestival], 'B2', 2) },
    { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
  ]);
  return new FakeEtHost(wb, options);
}

describe('WPS pane host: refresh on sheet switch', () => {
  it('calls back when the user switches sheets; the next analysis is of that sheet; unsubscribing removes the listener', async () => {
    const h = etHost();
    const host = wpsPaneHost(h.Application, { analyze, displayLanguage: 'zh-CN', userAgent: UA });
    let changes = 0;
    const off = host.subscribe!(() => changes++);
    expect(h.activateListenerCount).toBe(1);
    const first = await host.run('analyze', { settings: DEFAULT_SETTINGS, lang: 'zh' });
    expect(first.tables.map((t) => t.sheet)).toEqual(['玉溪项目', '玉溪项目']);
    h.userActivate('丰台');
    expect(changes).toBe(1);
    const second = await host.run('analyze', { settings: DEFAULT_SETTINGS, lang: 'zh' });
    expect(second.tables.map((t) => t.sheet)).toEqual(['丰台']);
    off();
    expect(h.activateListenerCount).toBe(0);
    h.userActivate('玉溪项目');
    expect(changes).toBe(1);
  });

  it('ignores SheetActivate raised by the pane’s own writes (a WPS that raises it for add-in activation)', async () => {
    const h = etHost({ eventsOnAddinWrites: true });
    const host = wpsPaneHost(h.Application, { analyze, displayLanguage: 'zh-CN', userAgent: UA });
    let changes = 0;
    host.subscribe!(() => changes++);
    // 生成汇总表 adds a sheet (Sheets.Add activates it) and goes back to the user's sheet
    expect(await host.summary!.build({ settings: DEFAULT_SETTINGS, lang: 'zh' })).toMatchObject({ status: 'ok' });
    expect(h.activeSheetName).toBe('玉溪项目');
    // a run whose store sheet is new (Sheets.Add, then the user's sheet again)
    expect((await host.run('recompute', { settings: DEFAULT_SETTINGS, lang: 'zh' })).status).toBe('ok');
    expect(changes).toBe(0);
    // a finding's cell on another sheet: the pane asked for it, WPS raises SheetActivate, the pane refreshes
    await host.selectCell('丰台', 'A1');
    expect(changes).toBe(1);
  });

  it('a WPS without ApiEvent: no subscription, and nothing throws', () => {
    const h = etHost();
    const app = h.Application;
    const bare = Object.create(app, { ApiEvent: { get: () => undefined } });
    const host = wpsPaneHost(bare, { analyze, displayLanguage: 'zh-CN', userAgent: UA });
    expect(host.liveSupported).toBe(false);
    const off = host.subscribe!(() => undefined);
    expect(() => off()).not.toThrow();
  });
});

describe('WPS pane host: 关于/诊断', () => {
  it('names WPS 表格, its build, ET and the Chromium version, not Office or ExcelApi (zh and en)', () => {
    const h = etHost();
    const host = wpsPaneHost(h.Application, { analyze, displayLanguage: 'zh-CN', userAgent: UA, platform: 'Linux x86_64' });
    const d = host.diagnostics();
    expect(d).toMatchObject({ app: 'wps', version: '12.1.0.0-fake', etVersion: '12.0', excelApi: null, userAgent: UA });
    const zh = Object.fromEntries(diagnosticsLines(d, 'zh'));
    expect(zh).toMatchObject({
      宿主应用: 'WPS 表格',
      'WPS 版本': '12.1.0.0-fake',
      对象模型: 'ET（WPS 加载项 JS 接口）12.0',
      'Chromium 版本': '88.0.4324.150',
      平台: 'Linux x86_64',
    });
    const en = Object.fromEntries(diagnosticsLines(d, 'en'));
    expect(en).toMatchObject({
      'Host application': 'WPS Spreadsheets',
      'WPS version': '12.1.0.0-fake',
      'Object model': 'ET (WPS add-in JS API) 12.0',
      'Chromium version': '88.0.4324.150',
    });
    for (const text of [diagnosticsText(d, 'zh'), diagnosticsText(d, 'en')]) expect(text).not.toMatch(/Office|ExcelApi/);
  });

  it('unknown where WPS or the browser does not say', () => {
    const h = etHost();
    const app = h.Application;
    const odd = Object.create(app, {
      Build: {
        get: () => {
          throw new Error('no Build');
        },
      },
      Version: { get: () => '' },
    });
    const d = wpsPaneHost(odd, {
      analyze,
      displayLanguage: null,
      userAgent: 'Mozilla/5.0 (Windows NT 10.0) Trident/7.0',
      platform: null,
    }).diagnostics();
    const zh = Object.fromEntries(diagnosticsLines(d, 'zh'));
    expect(zh).toMatchObject({ 'WPS 版本': '未知', 对象模型: 'ET（WPS 加载项 JS 接口）', 'Chromium 版本': '未知', 显示语言: '未知' });
  });

  it('the Excel lines are unchanged', () => {
    const lines = diagnosticsLines(
      { host: 'Excel', platform: 'PC', version: '16.0', excelApi: '1.17', addinVersion: '1.0.0', displayLanguage: 'zh-CN', userAgent: UA },
      'zh',
    ).map(([k]) => k);
    expect(lines).toEqual(['Office 应用', '平台', 'Office 版本', '支持的 ExcelApi 最高版本', '加载项版本', '显示语言', '浏览器']);
    expect(chromiumVersion('Mozilla/5.0 Chromium/120.0.6099.0 Safari')).toBe('120.0.6099.0');
  });
});

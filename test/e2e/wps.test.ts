// The built WPS add-in pages (dist-wps: webpack.wps.js, production) in headless chromium with a fake
// window.Application (./wps-fake-et.ts, the fake ET host over ExcelJS, injected before the page
// scripts): the ribbon callbacks of the main page write and restore the workbook exactly as src/wps
// does in Node, 打开助手 docks the React task pane, which lists the tables and findings, runs the
// commands, follows user edits (live check) and runs 自检; the 自检 page prints its report. What this
// cannot show (the real WPS object model, its Chromium version) is 自检's job on a real WPS
// (docs/wps.md). Screenshots in test-output/wps-*.png. Set ZIPING_WPS_DIST=<dir> to test an existing build.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import ExcelJS from 'exceljs';
import webpack from 'webpack';
import type { Browser, Frame, Page } from 'playwright-core';
import { OUT, ROOT, launchBrowser } from './browser';
import { analyzeWorkbook } from '../../src/core';
import { STORE_SHEET } from '../../src/office/store';
import { runAnalysis } from '../../src/wps/run';
import { loadSettings } from '../../src/wps/settings';
import { snapshot, type CellSnap } from '../support/workbooks';
import { sampleHost } from './wps-sample';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const acorn = require('acorn') as typeof import('acorn');

const WORK = path.join(OUT, 'wps-e2e');
const DIST = process.env.ZIPING_WPS_DIST ? path.resolve(process.env.ZIPING_WPS_DIST) : path.join(WORK, 'dist-wps');
const FAKE = path.join(WORK, 'fake-et.js');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.xml': 'text/xml',
};

/** What the pages expose for the tests (wps-fake-et.ts and main.ts). */
interface TestWindow {
  __zipingFakeEt: import('../support/fake-et').FakeEtHost;
  __zipingRender(el: HTMLElement, sheet?: string): void;
  __zipingBook(): Promise<string>;
  ribbon: { OnAction(control: { Id: string }): void; GetImage(control: { Id: string }): string };
}

let browser: Browser;
let server: http.Server;
let base = '';
const pageErrors: string[] = [];

function compile(configs: webpack.Configuration[]): Promise<void> {
  return new Promise((resolve, reject) =>
    webpack(configs, (err, stats) => {
      if (err) return reject(err);
      if (stats!.hasErrors()) return reject(new Error(stats!.toString('errors-only')));
      resolve();
    }),
  );
}

async function build(): Promise<void> {
  fs.mkdirSync(WORK, { recursive: true });
  const configs: webpack.Configuration[] = [];
  if (!process.env.ZIPING_WPS_DIST) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const factory = require(path.join(ROOT, 'webpack.wps.js')) as (env: object, argv: object) => webpack.Configuration;
    configs.push({ ...factory({ out: DIST }, { mode: 'production' }), context: ROOT, infrastructureLogging: { level: 'error' } });
  }
  configs.push({
    name: 'fake-et',
    mode: 'development',
    devtool: false,
    context: ROOT,
    target: 'web',
    entry: path.join(ROOT, 'test/e2e/wps-fake-et.ts'),
    output: { path: WORK, filename: 'fake-et.js' },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { target: 'ES2017', module: 'esnext' } } },
        },
      ],
    },
  });
  await compile(configs);
}

function serve(dir: string): Promise<string> {
  server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
}

async function newPage(opts: { fake?: boolean } = {}): Promise<{ page: Page; alerts: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'zh-CN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  if (opts.fake !== false) await context.addInitScript({ path: FAKE });
  const page = await context.newPage();
  const alerts: string[] = [];
  page.on('dialog', (d) => {
    alerts.push(d.message());
    void d.accept();
  });
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  return { page, alerts };
}

/** The page's workbook as cell snapshots (every sheet but the restore store). */
async function bookOf(page: Page): Promise<{ cells: Record<string, CellSnap>; sheets: string[] }> {
  const b64 = await page.evaluate(() => (window as unknown as TestWindow).__zipingBook());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer);
  const names = wb.worksheets.map((w) => w.name);
  return {
    cells: snapshot(
      wb,
      names.filter((n) => n !== STORE_SHEET),
    ),
    sheets: wb.worksheets.map((w) => `${w.name}:${w.state ?? 'visible'}`),
  };
}

/** The main page laid out like WPS: the sheet on the left, the docked task pane (if open) on the right. */
async function layout(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (!document.getElementById('sheet')) {
      const style = document.createElement('style');
      style.textContent = `body{margin:0;display:flex;font:12px 'Noto Sans CJK SC',sans-serif}
        #sheet{flex:1;overflow:auto;height:820px;padding:6px}
        .tabs span{display:inline-block;padding:2px 10px;border:1px solid #bbb;margin-right:2px;background:#eee}.tabs span.on{background:#fff;font-weight:bold}
        table.grid{border-collapse:collapse;margin-top:4px}table.grid td,table.grid th{border:1px solid #d0d0d0;padding:1px 4px;max-width:130px;height:18px;overflow:hidden;white-space:nowrap;font-size:11px}
        table.grid th{background:#f3f3f3;color:#666}td.note{box-shadow:inset -5px 5px 0 -2px #c50f1f}td.selected{outline:2px solid #107c41}
        #pane{width:380px;height:820px;border:0;border-left:1px solid #ccc}`;
      document.head.appendChild(style);
      const sheet = document.createElement('div');
      sheet.id = 'sheet';
      document.body.appendChild(sheet);
    }
    const w = window as unknown as TestWindow;
    w.__zipingRender(document.getElementById('sheet') as HTMLElement);
  });
}

async function openPane(page: Page): Promise<Frame> {
  const url = await page.evaluate(() => {
    const w = window as unknown as TestWindow;
    w.ribbon.OnAction({ Id: 'zipingPane' });
    const panes = w.__zipingFakeEt.panes;
    return panes.length === 1 && panes[0].Visible ? panes[0].url : null;
  });
  expect(url).toBe(`${base}/taskpane.html`);
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'pane';
    f.src = src;
    document.body.appendChild(f);
  }, url!);
  const handle = await page.waitForSelector('#pane');
  return (await handle.contentFrame())!;
}

beforeAll(async () => {
  await build();
  base = await serve(path.resolve(DIST));
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
  pageErrors.length = 0;
});

describe('WPS add-in pages (dist-wps) in headless chromium', () => {
  it('the built scripts are ES5 and the package files are there', () => {
    for (const f of [
      'index.html',
      'main.js',
      'ribbon.xml',
      'taskpane.html',
      'taskpane.js',
      'taskpane.css',
      'selftest.html',
      'selftest.js',
      'assets/icon-32.png',
    ]) {
      expect(fs.existsSync(path.join(DIST, f))).toBe(true);
    }
    for (const f of ['main.js', 'taskpane.js', 'selftest.js']) {
      expect(() => acorn.parse(fs.readFileSync(path.join(DIST, f), 'utf8'), { ecmaVersion: 5 })).not.toThrow();
    }
  });

  it('ribbon: 重新计算 writes what src/wps writes in Node, 清除标记 restores the workbook exactly', async () => {
    const { page, alerts } = await newPage();
    await page.goto(`${base}/index.html`);
    await page.waitForFunction(() => typeof (window as unknown as TestWindow).ribbon?.OnAction === 'function');
    expect(await page.evaluate(() => (window as unknown as TestWindow).ribbon.GetImage({ Id: 'zipingRecompute' }))).toBe('assets/recompute-32.png');
    const before = await bookOf(page);

    await page.evaluate(() => (window as unknown as TestWindow).ribbon.OnAction({ Id: 'zipingRecompute' }));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/^重新计算完成/);
    const after = await bookOf(page);
    // the same command on the TypeScript sources in Node, on the same workbook
    const node = sampleHost();
    runAnalysis(node.Application, 'recompute', { analyze: analyzeWorkbook, settings: loadSettings(node.Application), lang: 'zh' });
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.load(await node.toBuffer()); // saved and read like the page's workbook
    const names = saved.worksheets.map((w) => w.name).filter((n) => n !== STORE_SHEET);
    expect(after.cells).toEqual(snapshot(saved, names));
    expect(after.sheets).toEqual([...before.sheets, `${STORE_SHEET}:veryHidden`]);
    // the first table's 执行率 (was blank) and fund 得分 (10 → 0), as in the Excel preview
    expect(before.cells['玉溪项目!H7']).toBeUndefined();
    expect(after.cells['玉溪项目!H7'].value).toBe(0);
    expect(before.cells['玉溪项目!I7'].value).toBe(10);
    expect(after.cells['玉溪项目!I7'].value).toBe(0);
    expect(Object.values(after.cells).some((c) => c.fill === '#FFC7CE' && c.note?.startsWith('ziping'))).toBe(true);
    await layout(page);
    await page.screenshot({ path: path.join(OUT, 'wps-1-ribbon-recompute.png') });

    await page.evaluate(() => (window as unknown as TestWindow).ribbon.OnAction({ Id: 'zipingRestore' }));
    expect(alerts[1]).toMatch(/^清除标记完成/);
    expect(await bookOf(page)).toEqual(before);
    await page.context().close();
  });

  it('打开助手 docks the React pane: tables, findings, commands, live check and 自检 on the same workbook', async () => {
    const { page } = await newPage();
    await page.goto(`${base}/index.html`);
    await page.waitForFunction(() => typeof (window as unknown as TestWindow).ribbon?.OnAction === 'function');
    const before = await bookOf(page);
    await layout(page);
    const pane = await openPane(page);
    await pane.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    expect(await pane.locator('[data-testid=table-card]').count()).toBe(2);
    expect(await pane.locator('[data-testid=total-0]').textContent()).toBe('90.00');
    expect(await pane.locator('[data-testid=rate-0]').textContent()).toBe('0.00%');
    expect(await pane.locator('[data-testid=finding][data-cell="玉溪项目!I7"][data-rule=score-mismatch]').count()).toBe(1);
    // 汇总表 is offered in WPS as in Excel
    expect(await pane.locator('[data-testid=summary-build]').count()).toBe(1);
    expect(await bookOf(page)).toEqual(before); // opening the pane writes nothing
    await page.screenshot({ path: path.join(OUT, 'wps-2-pane-open.png') });

    // live check: the user types 5 into 全年执行数 (SheetChange), the pane follows without writing
    await pane.waitForSelector('[data-testid=live-badge]');
    expect(await page.evaluate(() => (window as unknown as TestWindow).__zipingFakeEt.listenerCount)).toBe(1);
    await page.evaluate(() => (window as unknown as TestWindow).__zipingFakeEt.userEdit('玉溪项目', 'F7', 5));
    await pane.waitForSelector('[data-testid=total-0]:text-is("100.00")', { timeout: 10_000 });
    expect(await pane.locator('[data-testid=rate-0]').textContent()).toBe('100.00%');
    await pane.waitForSelector('[data-testid=live-stale]');
    await page.evaluate(() => (window as unknown as TestWindow).__zipingFakeEt.userEdit('玉溪项目', 'F7', 0));
    await pane.waitForSelector('[data-testid=total-0]:text-is("90.00")', { timeout: 10_000 });
    expect(await bookOf(page)).toEqual(before);

    // the user switches to the sheet 丰台 (SheetActivate): the pane shows its table, and back
    expect(await page.evaluate(() => (window as unknown as TestWindow).__zipingFakeEt.activateListenerCount)).toBe(1);
    await page.evaluate(() => (window as unknown as TestWindow).__zipingFakeEt.userActivate('丰台'));
    await pane.waitForFunction(() => document.querySelectorAll('[data-testid=table-card]').length === 1, undefined, { timeout: 10_000 });
    expect(await pane.locator('[data-testid=finding]').first().getAttribute('data-cell')).toMatch(/^丰台!/);
    await page.evaluate(() => (window as unknown as TestWindow).__zipingFakeEt.userActivate('玉溪项目'));
    await pane.waitForFunction(() => document.querySelectorAll('[data-testid=table-card]').length === 2, undefined, { timeout: 10_000 });
    expect(await pane.locator('[data-testid=total-0]').textContent()).toBe('90.00');
    expect(await bookOf(page)).toEqual(before);

    // 重新计算 in the pane
    await pane.click('[data-testid=recompute]');
    await pane.waitForSelector('[data-testid=status]:has-text("重新计算完成")');
    const after = await bookOf(page);
    expect(after.cells['玉溪项目!I7'].value).toBe(0);
    expect(after.cells['玉溪项目!H7'].value).toBe(0);
    // a finding selects its cell
    const finding = pane.locator('[data-testid=finding]').last();
    const [sheet, cell] = (await finding.getAttribute('data-cell'))!.split('!');
    await finding.click();
    await page.waitForFunction(
      ([s, c]) => {
        const sel = (window as unknown as TestWindow).__zipingFakeEt.selection;
        return !!sel && sel.sheet === s && sel.address === c;
      },
      [sheet, cell],
    );
    await layout(page);
    await page.screenshot({ path: path.join(OUT, 'wps-3-pane-recomputed.png') });

    // 生成汇总表: the sheet 绩效自评汇总 lists the workbook's three tables; the user stays on their sheet
    await pane.click('[data-testid=summary-build]');
    await pane.waitForSelector('[data-testid=summary-status]:has-text("已生成工作表“绩效自评汇总”：3 张表")');
    const withSummary = await bookOf(page);
    expect(withSummary.sheets).toContain('绩效自评汇总:visible');
    expect(withSummary.cells['绩效自评汇总!A1'].value).toBe('项目支出绩效自评汇总表');
    expect(withSummary.cells['绩效自评汇总!A7'].value).toBe('合计');
    expect(await page.evaluate(() => (window as unknown as TestWindow).__zipingFakeEt.activeSheetName)).toBe(sheet);
    await layout(page);
    await page.evaluate(() => (window as unknown as TestWindow).__zipingRender(document.getElementById('sheet') as HTMLElement, '绩效自评汇总'));
    await pane.locator('[data-testid=summary-status]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'wps-3b-pane-summary.png') });

    // 清除标记 in the pane: the marks and the summary sheet go
    await pane.click('[data-testid=restore]');
    await pane.waitForSelector('[data-testid=status]:has-text("清除标记完成")');
    expect(await pane.locator('[data-testid=status]').textContent()).toContain('已删除汇总表“绩效自评汇总”。');
    expect(await bookOf(page)).toEqual(before);

    // 自检 from 关于/诊断: the WPS probes on a scratch sheet, removed afterwards
    await pane.click('[data-testid=about]');
    const diag = (await pane.locator('[data-testid=diagnostics]').textContent())!;
    expect(diag).toContain('WPS 表格');
    expect(diag).toContain('WPS 版本12.1.0.0-fake');
    expect(diag).toMatch(/Chromium 版本\d+\./);
    expect(diag).toContain('ET（WPS 加载项 JS 接口）12.0');
    expect(diag).not.toMatch(/Office|ExcelApi/);
    await pane.click('[data-testid=selfcheck-run]');
    const result = pane.locator('[data-testid=selfcheck-result]');
    await result.waitFor({ timeout: 60_000 });
    const report = await result.inputValue();
    expect(report.split('\n')[0]).toBe('绩效自评助手 · WPS 自检');
    expect(report).toMatch(/^\[OK\] Value2 shapes \(one cell, a block\)/m);
    expect(report).toMatch(/^Chromium: \d+\./m);
    expect(report).toContain('FAIL 0');
    expect(await bookOf(page)).toEqual(before);
    await result.scrollIntoViewIfNeeded();
    await layout(page);
    await page.screenshot({ path: path.join(OUT, 'wps-4-pane-selfcheck.png') });
    // closing the pane removes the live check's listener
    await page.evaluate(() => document.getElementById('pane')!.remove());
    await page.waitForFunction(() => (window as unknown as TestWindow).__zipingFakeEt.listenerCount === 0);
    await page.waitForFunction(() => (window as unknown as TestWindow).__zipingFakeEt.activateListenerCount === 0);
    await page.context().close();
  });

  it('selftest.html runs the probes, prints the report and copies it in one click', async () => {
    const { page } = await newPage();
    await page.goto(`${base}/selftest.html`);
    await page.click('#run');
    await page.waitForSelector('#state:has-text("完成")', { timeout: 60_000 });
    const out = await page.locator('#out').inputValue();
    expect(out).toMatch(/^\[OK\] very hidden sheet/m);
    expect(out).toMatch(/^\[OK\] delete the scratch sheet/m);
    expect(await page.locator('#state').textContent()).toMatch(/^完成：OK \d+ · WARN \d+ · FAIL 0 · INFO \d+$/);
    expect(await page.evaluate(() => (window as unknown as TestWindow).__zipingFakeEt.workbook.worksheets.map((w) => w.name))).toEqual([
      '玉溪项目',
      '丰台',
    ]);
    await page.click('#copy');
    await page.waitForSelector('#state:has-text("已复制")');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(out);
    await page.screenshot({ path: path.join(OUT, 'wps-5-selftest-page.png') });
    await page.context().close();
  });

  it('outside WPS the pane says where to open it; on a browser without CSS variables it explains', async () => {
    const { page } = await newPage({ fake: false });
    await page.goto(`${base}/taskpane.html`);
    await page.waitForSelector('[data-testid=not-in-wps]');
    expect(await page.textContent('[data-testid=not-in-wps]')).toContain('请在 WPS 表格中打开');
    await page.screenshot({ path: path.join(OUT, 'wps-6-outside-wps.png') });
    await page.context().close();

    const old = await newPage();
    await old.page.context().addInitScript(() => {
      CSS.supports = () => false;
    });
    await old.page.goto(`${base}/taskpane.html`);
    await old.page.waitForSelector('[data-testid=legacy]');
    expect(await old.page.textContent('#root')).toContain('内置浏览器过旧');
    // the React pane did not mount over the message
    expect(await old.page.locator('[data-testid=table-card]').count()).toBe(0);
    await old.page.context().close();
  });
});

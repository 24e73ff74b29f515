// The browser preview end to end: the real task pane and ribbon functions over the fake host.
// Starts `webpack serve --env preview` on a free port, drives /usr/bin/chromium, saves screenshots
// under test-output/.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { OUT, ROOT, launchBrowser } from './browser';
import { PROFILES } from '../../src/core/profile';
import { STORE_SHEET } from '../../src/office/store';
import type { FakeExcelHost } from '../support/fake-excel';

const NATIONAL = PROFILES.national;

/** What the preview page exposes for the tests. */
type Preview = { __zipingHost: FakeExcelHost };

let server: ChildProcess | null = null;
let browser: Browser;
let base = '';
const consoleErrors: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForHttp(url: string, ms: number, log: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`preview server exited:\n${log()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`preview server did not start in ${ms} ms:\n${log()}`);
}

interface GridCell {
  addr: string;
  text: string;
  fill: string | null;
  note: string | null;
  selected: boolean;
}

async function grid(page: Page): Promise<Record<string, GridCell>> {
  const cells: GridCell[] = await page.$$eval('table.grid td[data-addr]', (tds) =>
    tds.map((td) => ({
      addr: td.getAttribute('data-addr') as string,
      text: (td.textContent ?? '').trim(),
      fill: td.getAttribute('data-fill'),
      note: td.getAttribute('title'),
      selected: td.classList.contains('selected'),
    })),
  );
  const out: Record<string, GridCell> = {};
  for (const c of cells) if (c.text || c.fill || c.note) out[c.addr] = { ...c, selected: false };
  return out;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, name) });
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return page;
}

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const port = await freePort();
  let log = '';
  server = spawn(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development', '--env', 'preview'], {
    cwd: ROOT,
    env: { ...process.env, ZIPING_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (log += d.toString()));
  server.stderr!.on('data', (d) => (log += d.toString()));
  base = `http://localhost:${port}`;
  await waitForHttp(`${base}/preview.html`, 240_000, () => log.slice(-4000));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill('SIGTERM');
});

describe('browser preview', () => {
  it('recompute shows scores and highlights, a finding selects its cell, 清除标记 restores the grid', async () => {
    const page = await newPage();
    await page.goto(`${base}/preview.html`);
    await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    await expect(page.locator('table.grid')).toHaveAttributeSoon('data-sheet', '玉溪项目');
    const before = await grid(page);
    expect(Object.values(before).some((c) => c.fill)).toBe(false);
    await shot(page, 'preview-1-initial.png');

    await page.click('[data-testid=recompute]');
    await page.waitForSelector('[data-testid=status]:has-text("重新计算完成")');
    const after = await grid(page);
    // computed cells: the fund 执行率 (was blank) and the fund 得分 (10 → 0) of the first table
    expect(before.H7).toBeUndefined();
    expect(after.H7.text).toBe('0.00%');
    expect(before.I7.text).toBe('10.00');
    expect(after.I7.text).toBe('0.00');
    const filled = Object.values(after).filter((c) => c.fill);
    expect(filled.length).toBeGreaterThan(0);
    expect(filled.map((c) => c.fill)).toEqual(expect.arrayContaining(['#FFC7CE']));
    expect(filled.every((c) => c.note?.startsWith('ziping'))).toBe(true);
    const cards = await page.locator('[data-testid=table-card]').count();
    expect(cards).toBe(2);
    expect(await page.locator('[data-testid=total-0]').textContent()).toBe('90.00');
    expect(await page.locator('[data-testid=grade-0]').textContent()).toBe('优');
    await shot(page, 'preview-2-recomputed.png');

    // clicking a finding selects its cell in the sheet
    const finding = page.locator('[data-testid=finding]').last();
    const target = (await finding.getAttribute('data-cell'))!;
    const [sheet, cell] = target.split('!');
    await finding.click();
    await page.waitForSelector(`table.grid td[data-addr="${cell}"].selected`);
    await page.waitForTimeout(300);
    expect(await page.locator(`table.grid td[data-addr="${cell}"]`).isVisible()).toBe(true);
    const box = await page.locator(`table.grid td[data-addr="${cell}"]`).boundingBox();
    expect(box!.y).toBeGreaterThan(0);
    expect(box!.y).toBeLessThan(900);
    expect(await page.locator('table.grid').getAttribute('data-sheet')).toBe(sheet);
    expect(await page.locator('table.grid td.selected').count()).toBe(1);
    await shot(page, 'preview-3-finding-selected.png');

    await page.click('[data-testid=restore]');
    await page.waitForSelector('[data-testid=status]:has-text("清除标记完成")');
    expect(await grid(page)).toEqual(before);
    await shot(page, 'preview-4-restored.png');
    await page.close();
  });

  it('the ribbon functions report their outcome and restore exactly, on ExcelApi 1.7 too', async () => {
    const page = await newPage();
    await page.goto(`${base}/preview.html?api=1.7`);
    await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    await page.click('[data-testid=sheet-tab]:has-text("丰台")');
    // the task pane follows the active sheet
    await page.waitForSelector('[data-testid=table-card]:has-text("外事办外事工作经费")');
    const before = await grid(page);
    await page.click('[data-testid=ribbon-validate]');
    await page.waitForSelector('[data-testid=toast]:has-text("校验完成")');
    const marked = await grid(page);
    const changed = Object.keys(marked).filter((k) => JSON.stringify(marked[k]) !== JSON.stringify(before[k]));
    expect(changed.length).toBeGreaterThan(0);
    for (const k of changed) {
      expect(marked[k].text).toBe(before[k]?.text ?? ''); // validate writes no value
      expect(marked[k].note).toBeNull(); // no notes on 1.7
    }
    await shot(page, 'preview-5-ribbon-validate-1.7.png');
    await page.click('[data-testid=ribbon-restore]');
    await page.waitForSelector('[data-testid=toast]:has-text("清除标记完成")');
    expect(await grid(page)).toEqual(before);
    await page.close();
  });

  it('switches the task pane to English', async () => {
    const page = await newPage();
    await page.goto(`${base}/preview.html`);
    await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    await page.click('[data-testid=lang]');
    await page.waitForSelector('[data-testid=recompute]:has-text("Recompute")');
    await page.click('[data-testid=validate]');
    await page.waitForSelector('[data-testid=status]:has-text("Check done")');
    await shot(page, 'preview-6-english.png');
    await page.close();
  });

  it('imports a profile and keeps the settings in the workbook', async () => {
    const page = await newPage();
    await page.goto(`${base}/preview.html`);
    await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    await page.click('button:has-text("设置")');
    const profile = { ...NATIONAL, name: 'shenzhen', label: { zh: '深圳（测试口径）', en: 'Shenzhen (test)' } };
    await page.setInputFiles('[data-testid=profile-file]', {
      name: 'shenzhen.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(profile)),
    });
    await page.waitForSelector('text=已导入口径：shenzhen');
    expect(await page.locator('[data-testid=profile]').inputValue()).toBe('shenzhen');
    await page.getByRole('radio', { name: '整个工作簿' }).check();
    // workbook scope: every sheet's tables are listed
    await page.waitForSelector('[data-testid=table-card]:has-text("外事办外事工作经费")');
    await page.getByRole('switch', { name: /仅检查模式/ }).check();
    await page.getByRole('checkbox', { name: /未写指标性质/ }).uncheck();
    await page.waitForTimeout(500);
    const stored = await page.evaluate(() => (window as unknown as Preview).__zipingHost.settings.get('ziping.settings'));
    const settings = JSON.parse(stored as string);
    expect(settings.profile).toBe('shenzhen');
    expect(settings.customProfiles.map((p: { name: string }) => p.name)).toEqual(['shenzhen']);
    expect(settings.scope).toBe('workbook');
    expect(settings.checkOnly).toBe(true);
    expect(settings.disabledRules).toEqual(['operator-assumed']);
    await page.setInputFiles('[data-testid=profile-file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"name":"x"}') });
    await page.waitForSelector('text=口径文件无效');
    await shot(page, 'preview-7-settings.png');
    await page.close();
  });

  it('outside Office the task pane says so instead of failing', async () => {
    const page = await newPage();
    await page.goto(`${base}/taskpane.html`);
    await page.waitForSelector('[data-testid=not-in-office]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=not-in-office]')).toContain('请在 Excel 中打开');
    await shot(page, 'taskpane-outside-office.png');
    await page.close();
  });

  // legacy.js runs in <head>; office.js finishes its start asynchronously (it loads its mapping table),
  // so either may come first. When office.js was first, Office.onReady called back synchronously,
  // before #root existed, and the message never appeared: the test timed out now and then. Both
  // orders are forced here.
  it.each([
    ['office.js is ready before legacy.js runs', 'office-first'],
    ['legacy.js runs before office.js is ready', 'legacy-first'],
  ])('on the Internet Explorer webview (Office 2019 volume licence) the pane explains instead of breaking (%s)', async (_label, order) => {
    const context = await browser.newContext({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko' });
    const page = await context.newPage();
    // IE cannot parse the modern bundle: simulate that by not serving it
    await page.route('**/taskpane.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'syntax error here(' }));
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route(order === 'office-first' ? '**/legacy.js' : '**/office-js/o15apptofilemappingtable.js', async (route) => {
      await held;
      await route.continue();
    });
    const loaded = page.goto(`${base}/taskpane.html`);
    if (order === 'office-first') {
      // office.js has started when Office.onReady answers (the parser still waits for legacy.js)
      // interval polling: requestAnimationFrame does not run while the parser waits in <head>
      await page.waitForFunction(() => typeof Office !== 'undefined' && !!Office.onReady, null, { polling: 50 });
      await page.evaluate(() => new Promise((r) => Office.onReady(() => r(null))));
    } else {
      await page.waitForFunction(() => document.readyState !== 'loading', null, { polling: 50 }); // legacy.js has run
    }
    release();
    await loaded;
    await page.waitForSelector('#root p.legacy');
    expect(await page.textContent('#root')).toContain('Internet Explorer');
    if (order === 'office-first') await shot(page, 'taskpane-legacy-webview.png');
    await context.close();
  });

  it.each(['1.18', '1.7'])(
    'live: typing a value into the grid updates the pane’s score and findings without any cell write (ExcelApi %s)',
    async (api) => {
      const page = await newPage();
      await page.goto(`${base}/preview.html?api=${api}`);
      await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
      await page.waitForFunction(() => (window as unknown as Preview).__zipingHost.events.count > 0);
      expect(await page.locator('[data-testid=total-0]').textContent()).toBe('90.00');
      expect(await page.locator('[data-testid=rate-0]').textContent()).toBe('0.00%');
      expect(await page.locator('[data-testid=finding][data-cell="玉溪项目!I7"][data-rule=score-mismatch]').count()).toBe(1);
      const before = await grid(page);
      await page.evaluate(() => (window as unknown as Preview).__zipingHost.resetStats());

      // 全年执行数 0 → 5, typed into the grid like in Excel
      await page.dblclick('table.grid td[data-addr="F7"]');
      await page.fill('[data-testid=cell-editor]', '5');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=total-0]:text-is("100.00")', { timeout: 10_000 });
      expect(await page.locator('[data-testid=rate-0]').textContent()).toBe('100.00%');
      expect(await page.locator('[data-testid=finding][data-cell="玉溪项目!I7"][data-rule=score-mismatch]').count()).toBe(0);
      await page.waitForSelector('[data-testid=live-stale]');
      const stats = await page.evaluate(() => (window as unknown as Preview).__zipingHost.stats);
      expect(stats.writes).toBe(0); // the live check only reads
      expect(stats.syncs).toBe(1);
      const after = await grid(page);
      expect(after.F7.text).toBe('5.00');
      expect({ ...after, F7: null }).toEqual({ ...before, F7: null }); // no fill, note or value changed by the add-in
      await shot(page, `preview-8-live-typed-${api}.png`);

      // switching the live check off, or closing the pane, leaves no handler registered
      await page.getByRole('switch', { name: /实时检查/ }).uncheck();
      await page.waitForFunction(() => (window as unknown as Preview).__zipingHost.events.count === 0);
      await page.getByRole('switch', { name: /实时检查/ }).check();
      await page.waitForFunction(() => (window as unknown as Preview).__zipingHost.events.count > 0);
      await page.click('[data-testid=ribbon-pane]');
      await page.waitForFunction(() => (window as unknown as Preview).__zipingHost.events.count === 0);
      await page.dblclick('table.grid td[data-addr="F7"]');
      await page.fill('[data-testid=cell-editor]', '0');
      await page.keyboard.press('Enter');
      await page.click('[data-testid=ribbon-pane]');
      await page.waitForSelector('[data-testid=total-0]:text-is("90.00")');
      await page.close();
    },
  );

  it('summary: 生成汇总表 adds the sheet 绩效自评汇总 with links to the tables, and 清除标记 removes it', async () => {
    const page = await newPage();
    await page.goto(`${base}/preview.html?api=1.7`);
    await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    const tabs = async () => page.locator('[data-testid=sheet-tab]').allTextContents();
    const sheetsBefore = await tabs();
    const firstSheet = await grid(page);
    await page.click('[data-testid=summary-build]');
    await page.waitForSelector('[data-testid=summary-status]:has-text("已生成工作表“绩效自评汇总”：5 张表")');
    expect(await tabs()).toEqual([...sheetsBefore, '绩效自评汇总']);
    expect(await grid(page)).toEqual(firstSheet); // the other sheets are not touched
    await page.click('[data-testid=summary-open]');
    await expect(page.locator('table.grid')).toHaveAttributeSoon('data-sheet', '绩效自评汇总');
    // the pane follows the active sheet: the summary itself is not a 绩效自评表
    await page.waitForSelector('text=当前范围内没有识别到绩效自评表');
    const sum = await grid(page);
    expect(sum.A1.text).toBe('项目支出绩效自评汇总表');
    expect(['A3', 'B3', 'C3', 'G3', 'H3', 'I3', 'L3'].map((a) => sum[a].text)).toEqual([
      '序号',
      '工作表',
      '项目名称',
      '执行率',
      '总分',
      '等级',
      '位置',
    ]);
    expect(sum.B4.text).toBe('玉溪项目');
    expect(sum.C4.text).toBe('办公场地修葺及搬迁专项经费');
    expect(sum.G4.text).toBe('0.00%');
    expect(sum.H4.text).toBe('90.00');
    expect(sum.L5.text).toBe('玉溪项目!B28');
    expect(sum.A9.text).toBe('合计');
    await shot(page, 'preview-9-summary.png');
    // a link goes to its table
    await page.click('table.grid td[data-addr="L5"]');
    await expect(page.locator('table.grid')).toHaveAttributeSoon('data-sheet', '玉溪项目');
    await page.waitForSelector('table.grid td[data-addr="B28"].selected');

    await page.click('[data-testid=restore]');
    await page.waitForSelector('[data-testid=status]:has-text("已删除汇总表")');
    expect(await tabs()).toEqual(sheetsBefore);
    await shot(page, 'preview-10-summary-removed.png');
    await page.close();
  });

  it('关于/诊断 shows where the add-in runs and copies it in one click', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    await page.goto(`${base}/preview.html?api=1.9`);
    await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    await page.click('[data-testid=about]');
    const diag = page.locator('[data-testid=diagnostics]');
    await diag.waitFor();
    expect(await diag.textContent()).toContain('支持的 ExcelApi 最高版本1.9');
    expect(await diag.textContent()).toContain('加载项版本0.1.0');
    await page.click('[data-testid=diag-copy]');
    await page.waitForSelector('[data-testid=diag-copied]:has-text("已复制")');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('支持的 ExcelApi 最高版本: 1.9');
    expect(copied).toContain('Office 应用: Excel（浏览器预览）');
    await page.locator('[data-testid=diagnostics]').scrollIntoViewIfNeeded();
    await shot(page, 'preview-11-diagnostics.png');
    // no async clipboard (Internet Explorer, old WebViews): the textarea + execCommand fallback
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
    const ok = await page.evaluate(async () => {
      let seen = '';
      document.addEventListener('copy', () => (seen = (document.activeElement as HTMLTextAreaElement)?.value ?? ''), { once: true });
      (document.querySelector('[data-testid=diag-copy]') as HTMLButtonElement).click();
      await new Promise((r) => setTimeout(r, 200));
      return seen;
    });
    expect(ok).toContain('支持的 ExcelApi 最高版本: 1.9');
    await context.close();
  });

  it('自检 runs the host checks in a scratch sheet and copies a plain-text report in one click', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    await page.goto(`${base}/preview.html?api=1.18`);
    await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    const sheets = () => page.evaluate(() => (window as unknown as Preview).__zipingHost.workbook.worksheets.map((w) => w.name));
    const before = await sheets();
    const gridBefore = await grid(page);
    await page.click('[data-testid=about]');
    await page.click('[data-testid=selfcheck-run]');
    const result = page.locator('[data-testid=selfcheck-result]');
    await result.waitFor();
    const text = await result.inputValue();
    const rows = text.split('\n');
    expect(rows[0]).toMatch(/^绩效自评助手 自检 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    expect(rows[1]).toMatch(/^FAIL 0, WARN \d+, OK \d+, SKIP \d+$/);
    const ids = rows.slice(2).map((r) => r.split(/\s+/)[1]);
    expect(ids).toEqual([
      'host',
      'sets',
      'officejs',
      'format',
      'cell-edit',
      'ids',
      'sheet-create',
      'veryhidden-delete',
      'notes',
      'merges',
      'merges-512',
      'hidden-delete',
    ]);
    expect(text).toMatch(/^INFO host +Excel（浏览器预览） \/ Browser \/ fake host, ExcelApi 1\.18; 加载项 0\.1\.0$/m);
    expect(text).toMatch(/^OK +notes +备注（ExcelApi 1\.18）添加、读取、删除正常$/m);
    expect(text).toMatch(/^OK +hidden-delete +先设为隐藏再删除：临时工作表已删除$/m);
    expect(text).toMatch(/^INFO format +\.xlsx$/m);
    // the scratch sheet is gone and the grid untouched
    expect(await sheets()).toEqual(before);
    expect(await grid(page)).toEqual(gridBefore);
    await page.locator('[data-testid=selfcheck]').scrollIntoViewIfNeeded();
    await shot(page, 'preview-11-selfcheck.png');
    await page.click('[data-testid=selfcheck-copy]');
    await page.waitForSelector('[data-testid=selfcheck-copied]:has-text("已复制自检结果")');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    // no Clipboard API (old WebViews, a frame without clipboard-write): the text box is selected for Ctrl+C
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
    await page.evaluate(() => Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true }));
    await page.click('[data-testid=selfcheck-copy]');
    await page.waitForSelector('[data-testid=selfcheck-copied]:has-text("请按 Ctrl+C")');
    const selected = await page.evaluate(() => {
      const ta = document.activeElement as HTMLTextAreaElement;
      return ta?.dataset?.testid === 'selfcheck-result' ? ta.value.slice(ta.selectionStart, ta.selectionEnd) : null;
    });
    expect(selected).toBe(text);
    await context.close();
  });

  it('重置恢复信息 (audit-2 #6): an unreadable restore store is offered a reset with a confirm step; then 重新计算 and 清除标记 work', async () => {
    const page = await newPage();
    await page.goto(`${base}/preview.html`);
    await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    await page.click('[data-testid=recompute]');
    await page.waitForSelector('[data-testid=status]:has-text("重新计算完成")');
    const recomputed = await grid(page);
    expect(await page.locator('[data-testid=store-reset]').count()).toBe(0);
    // two co-authors' runs merged cell by cell: the store's A1 cut in half
    const cut = await page.evaluate((name) => {
      const cell = (window as unknown as Preview).__zipingHost.workbook.getWorksheet(name)!.getCell('A1');
      const v = String(cell.value);
      cell.value = v.slice(0, v.length >> 1);
      return cell.value as string;
    }, STORE_SHEET);
    await page.click('[data-testid=restore]');
    await page.waitForSelector('[data-testid=status]:has-text("恢复信息无法读取")');
    await page.waitForSelector('[data-testid=store-reset-ask]:has-text("重置恢复信息")');
    expect(await grid(page)).toEqual(recomputed); // nothing was restored
    await page.click('[data-testid=store-reset-ask]');
    const explain = page.locator('[data-testid=store-reset-explain]');
    await explain.waitFor();
    expect(await explain.textContent()).toContain('B 列');
    await page.locator('[data-testid=store-reset]').scrollIntoViewIfNeeded();
    await shot(page, 'preview-12-store-reset-confirm.png');
    await page.click('[data-testid=store-reset-confirm]');
    await page.waitForSelector('[data-testid=status]:has-text("已重置恢复信息")');
    expect(await page.locator('[data-testid=store-reset]').count()).toBe(0);
    const columnB = await page.evaluate((name) => {
      const out: string[] = [];
      const ws = (window as unknown as Preview).__zipingHost.workbook.getWorksheet(name)!;
      ws.getColumn(2).eachCell({ includeEmpty: false }, (c) => void out.push(String(c.value)));
      return out;
    }, STORE_SHEET);
    expect(columnB).toContain(cut);
    expect(await grid(page)).toEqual(recomputed); // the reset touches no user cell
    await shot(page, 'preview-13-store-reset-done.png');

    await page.click('[data-testid=recompute]');
    await page.waitForSelector('[data-testid=status]:has-text("重新计算完成")');
    await page.click('[data-testid=restore]');
    await page.waitForSelector('[data-testid=status]:has-text("清除标记完成")');
    expect(await page.textContent('[data-testid=status]')).not.toContain('无法读取');
    expect(await grid(page)).toEqual(recomputed);
    await page.close();
  });

  it('上次运行 is reread when the pane gets the focus (onSettingsChanged fires only when co-authoring on the web; audit-2 #12)', async () => {
    const page = await newPage();
    await page.goto(`${base}/preview.html`);
    await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    // a ribbon run in its own runtime: the outcome lands in the workbook settings, no event reaches the pane
    await page.evaluate(() => {
      const last = {
        mode: 'validate',
        status: 'ok',
        scope: 'sheet',
        activeSheet: '玉溪项目',
        sheets: ['玉溪项目'],
        tables: [],
        counts: { error: 2, warning: 0, info: 0 },
        written: { values: 0, fills: 2, notes: 2, restored: 0, kept: 0, skippedFormulas: 0 },
        protectedSheets: [],
        notices: [],
        at: '2026-12-05T08:00:00.000Z',
      };
      (window as unknown as Preview).__zipingHost.settings.set('ziping.lastRun', JSON.stringify(last));
    });
    expect(await page.locator('[data-testid=status]').count()).toBe(0);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForSelector('[data-testid=status]:has-text("上次运行 · 校验完成")');
    expect(await page.textContent('[data-testid=status]')).toContain('已标出 2 处问题');
    await page.close();
  });

  it("merged areas that cannot be read (audit-2 #4): the pane says so for its own analysis, and not again beside a run's status", async () => {
    const page = await newPage();
    await page.goto(`${base}/preview.html?api=1.18`);
    await page.waitForSelector('[data-testid=table-card]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=live-no-merges]').count()).toBe(0);
    // Range.getMergedAreasOrNullObject fails (e.g. more than 512 areas at once on Excel)
    await page.evaluate(() => {
      (window as unknown as Preview).__zipingHost.fault = (op) => op.api === 'Range.getMergedAreasOrNullObject';
    });
    // a sheet switch: the pane's read-only analysis (no ribbon run, no status) names the sheet
    await page.click('[data-testid=sheet-tab]:has-text("丰台")');
    const line = page.locator('[data-testid=live-no-merges]');
    await line.waitFor();
    expect(await line.textContent()).toBe('以下工作表的合并单元格读取失败，已按无合并单元格检查，结果可能有误：丰台。');
    await shot(page, 'preview-14-no-merges.png');
    // 提交前校验: the status says it; the line is not repeated beside it
    await page.click('[data-testid=validate]');
    await page.waitForSelector('[data-testid=status]:has-text("合并单元格读取失败")');
    expect(await line.count()).toBe(0);
    expect(((await page.textContent('[data-testid=status]')) ?? '').match(/合并单元格读取失败/g)).toHaveLength(1);
    await page.close();
  });

  it('runs under the Content-Security-Policy without violations', () => {
    expect(consoleErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });
});

// --- a tiny polling matcher for attributes ------------------------------------------------
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveAttributeSoon(name: string, value: string): Promise<R>;
    }
  }
}
expect.extend({
  async toHaveAttributeSoon(locator: { getAttribute(n: string): Promise<string | null> }, name: string, value: string) {
    const end = Date.now() + 10_000;
    let last: string | null = null;
    while (Date.now() < end) {
      last = await locator.getAttribute(name);
      if (last === value) return { pass: true, message: () => `attribute ${name} is ${value}` };
      await new Promise((r) => setTimeout(r, 100));
    }
    return { pass: false, message: () => `attribute ${name} was ${last}, expected ${value}` };
  },
});

// The browser preview end to end: the real task pane and ribbon functions over the fake host.
// Starts `webpack serve --env preview` on a free port, drives /usr/bin/chromium, saves screenshots
// under test-output/.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROFILES } from '../../src/core/profile';

const NATIONAL = PROFILES.national;

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'test-output');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
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
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
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
    const stored = await page.evaluate(() => (window as any).__zipingHost.settings.get('ziping.settings'));
    const settings = JSON.parse(stored);
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

  it('on the Internet Explorer webview (Office 2019 volume licence) the pane explains instead of breaking', async () => {
    const context = await browser.newContext({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko' });
    const page = await context.newPage();
    // IE cannot parse the modern bundle: simulate that by not serving it
    await page.route('**/taskpane.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'syntax error here(' }));
    await page.goto(`${base}/taskpane.html`);
    await page.waitForSelector('#root p.legacy', { timeout: 30_000 });
    expect(await page.textContent('#root')).toContain('Internet Explorer');
    await shot(page, 'taskpane-legacy-webview.png');
    await context.close();
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

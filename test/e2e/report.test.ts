// The reviewer's report end to end: the compiled `ziping report` over a folder of submissions on the
// worker pool, then its HTML opened from the file in Debian's chromium, offline. Screenshots in test-output/.
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { OUT, ROOT, launchBrowser } from './browser';
import { makeCorpus, type Corpus } from '../support/report-corpus';

let dir: string;
let corpus: Corpus;
let browser: Browser;
let html: string;
let htmlEn: string;
let xlsx: string;
let run: { code: number; stdout: string; stderr: string };

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'ziping.js'), ...args], { cwd: ROOT, maxBuffer: 1 << 26 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

/** What the init script records in the page. */
type CspWindow = Window & { __csp: string[] };
const violations = (page: Page) => page.evaluate(() => (window as unknown as CspWindow).__csp);

interface Watched {
  page: Page;
  requests: string[];
  problems: string[];
}

async function open(file: string): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as CspWindow;
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('#projects tbody tr');
  return { page, requests, problems };
}

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  // the command as users run it: the compiled build, its worker pool
  execFileSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: 'ignore' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-report-e2e-'));
  corpus = await makeCorpus(path.join(dir, 'submissions'), 3);
  xlsx = path.join(dir, 'summary.xlsx');
  html = path.join(OUT, 'report.html');
  htmlEn = path.join(OUT, 'report.en.html');
  run = await cli(['report', corpus.root, '-o', xlsx, '--html', html, '--jobs', '2']);
  await cli(['report', corpus.root, '-o', path.join(dir, 'en.xlsx'), '--html', htmlEn, '--jobs', '2', '--lang', 'en']);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('ziping report (compiled, worker pool)', () => {
  it('exits 2 for the unreadable files and writes both outputs', async () => {
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('legacy.xls：这是 Office 复合文档（如 Word .doc），但不是 Excel 工作簿');
    expect(run.stdout).toContain(`已写出 HTML 报告：${html}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const check = await cli(['check', ...corpus.found, '--json']);
    const tables = JSON.parse(check.stdout).files.reduce((n: number, f: { tables: unknown[] }) => n + f.tables.length, 0);
    expect(wb.getWorksheet('汇总')!.rowCount - 1).toBe(tables);
  });
});

describe('the HTML report in chromium, offline', () => {
  let w: Watched;
  beforeAll(async () => {
    w = await open(html);
  });
  afterAll(async () => {
    await w.page.close();
  });

  it('shows the totals', async () => {
    const total = async (label: string) => w.page.locator(`[data-total="${label}"] b`).textContent();
    expect(await total('文件')).toBe(String(corpus.found.length));
    expect(await total('无法读取')).toBe(String(corpus.unreadable.length));
    expect(await total('未识别到表')).toBe(String(corpus.noTables.length));
    expect(Number(await total('表格'))).toBe(await w.page.locator('#projects tbody tr').count());
  });

  it('draws the four charts as visible inline SVG with their labels', async () => {
    for (const id of ['grades', 'rates', 'rules', 'departments']) {
      const svg = w.page.locator(`figure[data-chart="${id}"] svg`);
      expect(await svg.count()).toBe(1);
      expect(await svg.isVisible()).toBe(true);
      const box = (await svg.boundingBox())!;
      expect(box.width).toBeGreaterThan(300);
      expect(box.height).toBeGreaterThan(150);
      // bars are drawn: filled paths beyond the axes
      expect(await svg.locator('path[fill]:not([fill="none"])').count()).toBeGreaterThan(0);
    }
    expect(await w.page.locator('figure[data-chart="grades"] svg text').allTextContents()).toEqual(expect.arrayContaining(['优', '良', '中', '差']));
    expect(await w.page.locator('figure[data-chart="rules"] svg text').allTextContents()).toEqual(expect.arrayContaining(['执行数超过预算']));
    expect((await w.page.locator('figure[data-chart="departments"] svg text').allTextContents()).join(' ')).toContain('玉溪市人民政府外事');
    await w.page.screenshot({ path: path.join(OUT, 'report-1-charts.png') });
    await w.page.screenshot({ path: path.join(OUT, 'report-2-full.png'), fullPage: true });
  });

  it('lists the projects under 90 % execution, lowest first', async () => {
    const rates = (await w.page.locator('#under90 tbody td:last-child').allTextContents()).map((s) => parseFloat(s));
    expect(rates.length).toBeGreaterThan(0);
    expect(rates.every((r) => r < 90)).toBe(true);
    expect([...rates].sort((a, b) => a - b)).toEqual(rates);
  });

  it('sorts the project table by a number column and by text', async () => {
    const col = async (i: number) =>
      w.page.locator(`#projects tbody tr td:nth-child(${i})`).evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-v'), td.textContent]));
    const rateHeader = w.page.locator('#projects thead th:nth-child(8) button');
    await rateHeader.click();
    expect(await w.page.locator('#projects thead th:nth-child(8)').getAttribute('aria-sort')).toBe('ascending');
    let v = (await col(8)).map(([d]) => d);
    const nums = v.filter((x) => x !== '').map(Number);
    expect(nums.length).toBeGreaterThan(3);
    expect([...nums].sort((a, b) => a - b)).toEqual(nums);
    expect(v.slice(nums.length).every((x) => x === '')).toBe(true); // blanks last
    await rateHeader.click();
    v = (await col(8)).map(([d]) => d);
    const desc = v.filter((x) => x !== '').map(Number);
    expect([...desc].sort((a, b) => b - a)).toEqual(desc);
    await w.page.locator('#projects thead th:nth-child(3) button').click();
    const names = (await col(3)).map(([, t]) => t as string).filter((t) => t !== '—');
    const coll = new Intl.Collator('zh-CN', { numeric: true });
    expect([...names].sort(coll.compare)).toEqual(names);
    await w.page.locator('#projects').scrollIntoViewIfNeeded();
    await w.page.screenshot({ path: path.join(OUT, 'report-3-sorted-table.png') });
  });

  it('makes no network request and violates no CSP rule', async () => {
    expect(w.requests).toEqual([`file://${html}`]);
    expect(await violations(w.page)).toEqual([]);
    expect(w.problems).toEqual([]);
  });

  it('its CSP really forbids requests: a fetch from the page is refused', async () => {
    const other = await open(html);
    const result = await other.page.evaluate(() =>
      fetch('http://127.0.0.1:9/x').then(
        () => 'fetched',
        () => 'refused',
      ),
    );
    expect(result).toBe('refused');
    expect(await violations(other.page)).toEqual([expect.stringMatching(/^connect-src http:\/\/127\.0\.0\.1:9/)]);
    expect(other.requests).toEqual([`file://${html}`]);
    await other.page.close();
  });
});

describe('the English report', () => {
  it('renders in English, offline, without CSP violations', async () => {
    const w = await open(htmlEn);
    expect(await w.page.locator('h1').textContent()).toBe('Performance self-evaluation summary');
    expect(await w.page.locator('figure[data-chart="grades"] figcaption').textContent()).toBe('Grades (tables)');
    expect(await w.page.locator('figure svg').count()).toBe(4);
    expect(w.requests).toEqual([`file://${htmlEn}`]);
    expect(await violations(w.page)).toEqual([]);
    await w.page.screenshot({ path: path.join(OUT, 'report-4-english.png') });
    await w.page.close();
  });
});

// The reviewer's report end to end: the compiled `ziping report` over a folder of submissions on the
// worker pool, then its HTML opened from the file in Debian's chromium, offline, and its PDF printed
// by `report --pdf` (pages rendered with poppler's pdftoppm). Screenshots and pages in test-output/.
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, OUT, ROOT, launchBrowser } from './browser';
import { makeCorpus, type Corpus } from '../support/report-corpus';

let dir: string;
let corpus: Corpus;
let browser: Browser;
let html: string;
let htmlEn: string;
let pdf: string;
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
  pdf = path.join(OUT, 'report.pdf');
  // the PDF printed by the same chromium the tests drive
  process.env.ZIPING_BROWSER = CHROMIUM;
  run = await cli(['report', corpus.root, '-o', xlsx, '--html', html, '--pdf', pdf, '--jobs', '2']);
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
    expect(run.stdout).toContain(`已写出 PDF 报告：${pdf}`);
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
    expect(Number(await total('表格'))).toBe(await w.page.locator('#projects > tbody > tr.row').count());
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
      w.page
        .locator(`#projects > tbody > tr.row > td:nth-child(${i})`)
        .evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-v'), td.textContent]));
    // column 1 opens the findings; 9 is 执行率, 4 项目名称
    const rateHeader = w.page.locator('#projects > thead th:nth-child(9)');
    expect(await rateHeader.textContent()).toBe('执行率');
    await rateHeader.click();
    expect(await rateHeader.getAttribute('aria-sort')).toBe('ascending');
    let v = (await col(9)).map(([d]) => d);
    const nums = v.filter((x) => x !== '').map(Number);
    expect(nums.length).toBeGreaterThan(3);
    expect([...nums].sort((a, b) => a - b)).toEqual(nums);
    expect(v.slice(nums.length).every((x) => x === '')).toBe(true); // blanks last
    await rateHeader.click();
    v = (await col(9)).map(([d]) => d);
    const desc = v.filter((x) => x !== '').map(Number);
    expect([...desc].sort((a, b) => b - a)).toEqual(desc);
    // a project's findings move with it
    const pairs = await w.page
      .locator('#projects > tbody')
      .evaluateAll((bs) =>
        bs.map((b) => [b.querySelector('tr.row td:nth-child(2)')?.textContent, b.querySelector('tr.finding')?.getAttribute('data-file')]),
      );
    for (const [name, file] of pairs)
      if (file)
        expect(
          file
            .split(path.sep)
            .join('/')
            .endsWith(name as string),
        ).toBe(true);
    await w.page.locator('#projects > thead th:nth-child(4)').click();
    const names = (await col(4)).map(([, t]) => t as string).filter((t) => t !== '—');
    const coll = new Intl.Collator('zh-CN', { numeric: true });
    expect([...names].sort(coll.compare)).toEqual(names);
    await w.page.locator('#projects').scrollIntoViewIfNeeded();
    await w.page.screenshot({ path: path.join(OUT, 'report-3-sorted-table.png') });
  });

  it('opens a project to show its findings: severity in colour, cell, rule and message, with its file and sheet', async () => {
    const first = w.page.locator('#projects > tbody.p:has(tr.row.err)').first();
    const detail = first.locator('tr.detail');
    expect(await detail.isVisible()).toBe(false);
    await first.locator('button.toggle').click();
    expect(await first.locator('button.toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await detail.isVisible()).toBe(true);
    const file = await first.locator('tr.row td:nth-child(2)').textContent();
    const sheet = await first.locator('tr.row td:nth-child(3)').textContent();
    expect(await detail.locator('.where').textContent()).toContain(`文件 ${file} · 工作表「${sheet}」`);
    const shown = detail.locator('tr.finding:visible');
    // errors and warnings, info filtered out at first
    expect(await shown.count()).toBe(Number(await first.locator('td.e').textContent()) + Number(await first.locator('td.w').textContent()));
    const err = detail.locator('tr.finding.error').first();
    expect(await err.locator('td').first().textContent()).toBe('错误');
    expect(
      await err
        .locator('td')
        .first()
        .evaluate((td) => getComputedStyle(td).color),
    ).toBe('rgb(198, 40, 40)');
    expect(await err.locator('td').nth(1).textContent()).toMatch(/^[A-Z]+\d+$/);
    expect(await detail.locator('tr.finding.info:visible').count()).toBe(0);
    await first.scrollIntoViewIfNeeded();
    await w.page.screenshot({ path: path.join(OUT, 'report-5-expanded.png') });
    await first.locator('button.toggle').click();
    expect(await detail.isVisible()).toBe(false);
  });

  it('filters the findings by rule: only projects with that rule stay, opened, showing only its findings', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheetRows: string[][] = [];
    wb.getWorksheet('问题清单')!.eachRow((r, i) => {
      if (i > 1) sheetRows.push([4, 5].map((c) => String(r.getCell(c).value)));
    });
    const rule = 'missing-level3';
    const expected = sheetRows.filter(([sev, r]) => r === rule && sev !== '提示').length;
    expect(expected).toBeGreaterThan(0);
    await w.page.selectOption('#rule-filter', rule);
    const visible = w.page.locator('#projects tr.finding:visible');
    expect(await visible.count()).toBe(expected);
    expect(new Set(await visible.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-rule'))))).toEqual(new Set([rule]));
    expect(await w.page.locator('#shown').textContent()).toBe(String(expected));
    const projects = w.page.locator('#projects > tbody.p:visible');
    const n = await projects.count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(await w.page.locator('#projects > tbody.p').count());
    for (let i = 0; i < n; i++) expect(await projects.nth(i).locator('tr.finding:visible').count()).toBeGreaterThan(0);
    // info on too: the count follows
    await w.page.locator('#filters input[data-sev="info"]').check();
    expect(await w.page.locator('#shown').textContent()).toBe(String(sheetRows.filter(([, r]) => r === rule).length));
    await w.page.locator('#filters').scrollIntoViewIfNeeded();
    await w.page.screenshot({ path: path.join(OUT, 'report-6-filtered.png') });
    // printed as filtered: the rule is named on paper, and only its findings are listed
    const filtered = path.join(OUT, 'report-filtered.pdf');
    await w.page.pdf({ path: filtered, preferCSSPageSize: true, printBackground: true });
    const text = execFileSync('pdftotext', ['-layout', filtered, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/规则\s*缺少三级指标（\d+）/);
    const printed = [...text.matchAll(/^\s*(错误|警告|提示)\s+[A-Z]+\d+\s+(\S+)/gm)].map((m) => m[2]);
    expect(printed.length).toBe(sheetRows.filter(([, r]) => r === rule).length);
    expect(new Set(printed)).toEqual(new Set(['缺少三级指标']));
    await w.page.selectOption('#rule-filter', '');
    await w.page.locator('#filters input[data-sev="info"]').uncheck();
    expect(await w.page.locator('#projects > tbody.p:visible').count()).toBe(await w.page.locator('#projects > tbody.p').count());
  });

  it('holds the findings of 问题清单, one to one', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const fromSheet: string[][] = [];
    wb.getWorksheet('问题清单')!.eachRow((r, i) => {
      if (i === 1) return;
      const v = r.getCell(1).value as ExcelJS.CellHyperlinkValue;
      fromSheet.push([v.text, ...[2, 3, 4, 5, 7].map((c) => String(r.getCell(c).value))]);
    });
    const fromPage = await w.page
      .locator('#projects tr.finding')
      .evaluateAll((rs) =>
        (rs as HTMLTableRowElement[]).map((r) => [
          (r.getAttribute('data-file') ?? '').split(/[\\/]/).pop() ?? '',
          r.getAttribute('data-sheet') ?? '',
          r.cells[1].textContent ?? '',
          r.cells[0].textContent ?? '',
          r.getAttribute('data-rule') ?? '',
          r.cells[3].textContent ?? '',
        ]),
      );
    const key = (x: string[]) => x.join('\u0001');
    expect(fromPage.map(key).sort()).toEqual(fromSheet.map(key).sort());
    expect(fromPage.length).toBeGreaterThan(30);
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

describe('the printed report (report --pdf)', () => {
  const pdftext = (page: number) => execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });

  it('is A4 landscape, numbered, with the project table head on every page it spans; pages saved as PNG', () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!.slice(1).map(Number);
    expect([Math.round(w), Math.round(h)]).toEqual([842, 595]);
    expect(pages).toBeGreaterThan(2);
    const texts = Array.from({ length: pages }, (_x, i) => pdftext(i + 1));
    texts.forEach((t, i) => expect(t).toContain(`第 ${i + 1} 页，共 ${pages} 页`));
    // the charts are whole: each chart's title and its axis stand on the same page
    const chartsPage = texts.findIndex((t) => t.includes('错误和警告最多的规则'));
    expect(texts[chartsPage]).toContain('分值合计不为 100');
    // the project table's head repeats on each page after the one it starts on
    const start = texts.findIndex((t) => t.includes('全部项目'));
    expect(start).toBeGreaterThan(0);
    for (let i = start; i < pages; i++) expect(texts[i]).toMatch(/预算数\(万元\)\s+执行数\(万元\)\s+执行率/);
    // the findings are printed (errors and warnings) with their cells
    expect(texts.slice(start).join('\n')).toMatch(/错误\s+[A-Z]+\d+\s+/);
    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, path.join(OUT, 'report-pdf')]);
    expect(fs.readdirSync(OUT).filter((f) => /^report-pdf-\d+\.png$/.test(f)).length).toBeGreaterThanOrEqual(pages);
  });
});

import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { SheetGrid, TableResult } from '../core/types';
import { analyzeWorkbook } from '../core/engine';
import { placeTables } from '../../test/fixtures/build';
import { fengtai, jiangxiRubric, yuxiDepartment, yuxiOffice } from '../../test/fixtures/tables';
import { SEVERITY_COLORS, reportCharts } from './charts';
import { SORT_SCRIPT, commonFolder, esc, localTime, reportHtml } from './html';
import { NoBrowserError, browserCandidates, findBrowser } from './pdf';
import { reportStats } from './stats';
import { firstProblems, summarizeTables, type FileSummary, type TableSummary } from './summary';
import { fileLink } from './workbook';
import { POOL_MIN_BYTES, autoJobs, defaultJobs } from './pool';

function table(over: Partial<TableSummary> = {}): TableSummary {
  return {
    sheet: 'S',
    range: 'A1:J20',
    kind: 'project',
    projectName: '项目',
    department: '甲局',
    unit: null,
    budget: 10,
    spent: 9,
    amountUnit: null,
    budgetWan: 10,
    spentWan: 9,
    executionRate: 0.9,
    weightsTotal: 100,
    total: 95,
    enteredTotal: 95,
    grade: '优',
    enteredGrade: '优',
    errors: 0,
    warnings: 0,
    infos: 0,
    findings: [],
    ...over,
  };
}

describe('summarizeTables', () => {
  const summarize = (grids: SheetGrid[]) => summarizeTables(grids, analyzeWorkbook(grids, { marks: false }).tables, 'zh');

  it('reads 主管部门 / 实施单位 next to their labels, over merged gaps, wherever the table sits', () => {
    const [t] = summarize([placeTables('S', [{ table: yuxiOffice, at: 'D7' }])]);
    expect([t.department, t.unit]).toEqual(['玉溪市人民政府外事办公室', '玉溪市人民政府外事办公室']);
    const [f] = summarize([placeTables('S', [{ table: fengtai, at: 'A1' }])]);
    expect([f.department, f.unit]).toEqual(['北京市丰台区人民政府外事办公室', '区政府外办']);
    const [r] = summarize([placeTables('S', [{ table: jiangxiRubric, at: 'A1' }])]);
    expect([r.department, r.unit]).toEqual(['江西省人民政府外事办公室', '江西省人民政府外事办公室本级']);
    const [d] = summarize([placeTables('S', [{ table: yuxiDepartment, at: 'A1' }])]);
    expect([d.kind, d.department]).toEqual(['department', '玉溪市人民政府外事办公室']);
  });

  it('reads "主管部门：…" written in one cell, and nothing when the head has no such label', () => {
    const grid: SheetGrid = placeTables('S', [{ table: yuxiOffice, at: 'A1' }]);
    const row = grid.values.findIndex((r) => r.includes('主管部门'));
    grid.values[row] = grid.values[row].map((v) => (v === '主管部门' ? '主管部门：某某局' : v === '实施单位' ? null : v));
    const [t] = summarize([grid]);
    expect(t.department).toBe('某某局');
    expect(t.unit).toBeNull();
  });

  it.each([
    ['主管部门（单位）', '实施单位名称'],
    ['主管部门名称：', '项目实施单位'],
    ['预算部门', '预算单位'],
  ])('reads the head labels %s / %s', (dept, unit) => {
    const grid: SheetGrid = placeTables('S', [{ table: yuxiOffice, at: 'A1' }]);
    const row = grid.values.findIndex((r) => r.includes('主管部门'));
    grid.values[row] = grid.values[row].map((v) => (v === '主管部门' ? dept : v === '实施单位' ? unit : v));
    const [t] = summarize([grid]);
    expect([t.department, t.unit]).toEqual(['玉溪市人民政府外事办公室', '玉溪市人民政府外事办公室']);
  });

  it('keeps the entered total and grade as written, and counts findings by severity', () => {
    const [t] = summarize([placeTables('S', [{ table: yuxiOffice, at: 'A1' }])]);
    const res: TableResult = analyzeWorkbook([placeTables('S', [{ table: yuxiOffice, at: 'A1' }])], { marks: false }).tables[0];
    expect(t.enteredTotal).toBe(90);
    expect(t.enteredGrade).toBe('优');
    expect(t.total).toBe(res.total);
    expect(t.errors).toBe(res.findings.filter((f) => f.severity === 'error').length);
    expect(t.findings.map((f) => f.cell)).toEqual(res.findings.map((f) => f.cell));
  });

  it('firstProblems puts errors first and says how many more there are', () => {
    const t = table({
      errors: 2,
      warnings: 2,
      findings: [
        { rule: 'operator-assumed', severity: 'info', cell: 'D1', message: 'i' },
        { rule: 'level1-weights', severity: 'warning', cell: 'H2', message: 'w1' },
        { rule: 'score-mismatch', severity: 'error', cell: 'I3', message: 'e1' },
        { rule: 'level1-weights', severity: 'warning', cell: 'H4', message: 'w2' },
        { rule: 'total-mismatch', severity: 'error', cell: 'I5', message: 'e2' },
      ],
    });
    expect(firstProblems(t)).toBe('I3 e1；I5 e2；H2 w1；…(+1)');
    expect(firstProblems(table())).toBe('');
  });
});

describe('reportStats', () => {
  it('counts grades, bins rates, lists projects under 90 %, ranks rules and departments', () => {
    const files: FileSummary[] = [
      {
        file: 'a.xlsx',
        error: null,
        tables: [
          table({ executionRate: 0.5, grade: '差', errors: 1, findings: [{ rule: 'zero-budget', severity: 'error', cell: 'A1', message: '' }] }),
          table({ executionRate: 1 }),
        ],
      },
      {
        file: 'b.xlsx',
        error: null,
        tables: [
          table({
            executionRate: 0.899,
            grade: '良',
            department: null,
            unit: '乙单位',
            findings: [
              { rule: 'zero-budget', severity: 'error', cell: 'A1', message: '' },
              { rule: 'zero-budget', severity: 'error', cell: 'B1', message: '' },
            ],
          }),
        ],
      },
      { file: 'c.xlsx', error: 'cannot read', tables: [] },
      { file: 'd.xlsx', error: null, tables: [table({ executionRate: null, grade: null, department: null })] },
      { file: 'e.xlsx', error: null, tables: [] },
    ];
    const s = reportStats(files);
    expect([s.files, s.unreadable, s.withoutTables, s.tables, s.tablesWithErrors]).toEqual([5, 1, 1, 4, 1]);
    expect(s.grades).toEqual([
      { grade: '优', count: 1 },
      { grade: '良', count: 1 },
      { grade: '中', count: 0 },
      { grade: '差', count: 1 },
      { grade: '—', count: 1 },
    ]);
    expect(Object.fromEntries(s.rateBins.map((b) => [b.label, b.count]))).toMatchObject({ '<60%': 1, '80–90%': 1, '100%': 1, '90–95%': 0 });
    expect(s.under90.map((r) => r.file)).toEqual(['a.xlsx', 'b.xlsx']);
    expect(s.rules).toEqual([{ rule: 'zero-budget', count: 3, tables: 2, error: 3, warning: 0, info: 0 }]);
    expect(s.departments).toEqual([
      { name: '甲局', tables: 2, withErrors: 1, avgRate: 0.75, errors: 1, warnings: 0 },
      { name: '—', tables: 1, withErrors: 0, avgRate: null, errors: 0, warnings: 0 },
      { name: '乙单位', tables: 1, withErrors: 0, avgRate: 0.899, errors: 0, warnings: 0 },
    ]);
    expect(s.meanRate).toBeCloseTo((0.5 + 1 + 0.899) / 3, 10);
  });
});

describe('reportHtml', () => {
  const hostile = '<img src=x onerror=alert(1)>"\'&';
  const files: FileSummary[] = [
    { file: '/subs/a/x.xlsx', error: null, tables: [table({ projectName: hostile, department: hostile })] },
    { file: '/subs/b/y.xlsx', error: `无法读取 /subs/b/y.xlsx：${hostile}`, tables: [] },
  ];
  const doc = reportHtml(files, { lang: 'zh', profile: 'national', date: new Date(Date.UTC(2026, 0, 2, 3, 4)) });

  it('is one self-contained file: no URL outside the SVG namespaces, a CSP that forbids requests', () => {
    const urls = doc.match(/\b(?:https?:)?\/\/[^\s"'<>)]+/g) ?? [];
    expect(urls.filter((u) => !/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(u))).toEqual([]);
    expect(doc).not.toMatch(/<link\b|<iframe\b|@import|url\(|src=["'](?!data:)/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(doc)![1];
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/connect-src 'none'/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
    // the one inline script is allowed by its hash, exactly
    const hash = createHash('sha256').update(SORT_SCRIPT, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(doc.match(/<script>([\s\S]*?)<\/script>/g)).toEqual([`<script>${SORT_SCRIPT}</script>`]);
  });

  it('escapes what the workbooks say', () => {
    expect(doc).not.toContain('<img');
    expect(doc).toContain(esc(hostile));
    expect(esc(hostile)).toBe('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
  });

  it('holds four inline SVG charts, the totals and a row per table', () => {
    expect(doc.match(/<figure data-chart="(\w+)"><figcaption>[^<]+<\/figcaption><svg role="img"/g)?.length).toBe(4);
    expect(doc).toContain('data-total="文件"><b>2</b>');
    expect(doc).toContain('data-total="无法读取"><b>1</b>');
    expect(
      doc
        .match(/<tbody>[\s\S]*?<\/tbody>/g)!
        .at(-1)!
        .match(/<tr/g)!.length,
    ).toBe(1);
    expect(doc).toContain('评分口径 national');
    expect(doc).toContain('>a/x.xlsx<'); // named from the submissions folder
  });

  it('is English with lang en', () => {
    const en = reportHtml(files, { lang: 'en', profile: 'national' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Performance self-evaluation summary');
    expect(en).not.toMatch(/评价等级|执行率分布|全部项目/);
  });
});

describe("the reviewer's view", () => {
  const f = (rule: string, severity: 'error' | 'warning' | 'info', cell: string) => ({ rule, severity, cell, message: `${rule} @ ${cell}` });
  const files: FileSummary[] = [
    {
      file: '/subs/甲/a.xlsx',
      error: null,
      tables: [
        table({
          department: '甲局',
          errors: 1,
          warnings: 1,
          infos: 3,
          findings: [
            f('operator-assumed', 'info', 'D9'),
            f('operator-assumed', 'info', 'D10'),
            f('operator-assumed', 'info', 'D11'),
            f('score-mismatch', 'error', 'I9'),
            f('missing-level3', 'warning', 'C12'),
          ],
        }),
      ],
    },
    {
      file: '/subs/乙/b.xlsx',
      error: null,
      tables: [table({ department: '乙局', warnings: 2, findings: [f('missing-level3', 'warning', 'C5'), f('missing-level3', 'warning', 'C6')] })],
    },
  ];

  it('dates the report in local time with its offset, not UTC', () => {
    // the machine's zone is Beijing time
    const zone = jest.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(-480);
    try {
      const doc = reportHtml(files, { lang: 'zh', profile: '全国（财预〔2020〕10号）', date: new Date(Date.UTC(2026, 0, 2, 20, 4)) });
      expect(doc).toContain('生成时间 2026-01-03 04:04 (UTC+8) · 评分口径 全国（财预〔2020〕10号）');
    } finally {
      zone.mockRestore();
    }
    expect(localTime(new Date(Date.UTC(2026, 6, 1, 0, 30)), 480)).toBe('2026-07-01 08:30 (UTC+8)');
    expect(localTime(new Date(Date.UTC(2026, 0, 2, 12, 0)), -210)).toBe('2026-01-02 08:30 (UTC-3:30)');
  });

  it('ranks the rules chart by errors then warnings, info left out and counted in the title', () => {
    const s = reportStats(files);
    expect(s.rules.map((r) => [r.rule, r.error, r.warning, r.info])).toEqual([
      ['score-mismatch', 1, 0, 0],
      ['missing-level3', 0, 3, 0],
      ['operator-assumed', 0, 0, 3],
    ]);
    const rules = reportCharts(s, 'zh').find((c) => c.id === 'rules')!;
    expect(rules.title).toBe('错误和警告最多的规则（条数；提示 3 条未计入）');
    expect(rules.svg).toContain('得分与计算不符');
    expect(rules.svg).not.toContain('运算符');
    // the severity colours are the bars'
    expect(rules.svg).toContain(SEVERITY_COLORS.error);
    expect(rules.svg).toContain(SEVERITY_COLORS.warning);
    expect(s.departments.map((d) => [d.name, d.errors, d.warnings])).toEqual([
      ['甲局', 1, 1],
      ['乙局', 0, 2],
    ]);
  });

  it('lists every finding under its project, info filtered out at first, with a filter per severity and rule', () => {
    const doc = reportHtml(files, { lang: 'zh', profile: 'p' });
    const rows = [
      ...doc.matchAll(/<tr class="finding ([^"]+)" data-sev="(\w+)" data-rule="([^"]+)" data-file="([^"]+)" data-sheet="S" data-cell="(\w+)">/g),
    ];
    expect(rows.map((m) => [m[4], m[5], m[2], m[1]])).toEqual([
      ['/subs/甲/a.xlsx', 'D9', 'info', 'info off'],
      ['/subs/甲/a.xlsx', 'D10', 'info', 'info off'],
      ['/subs/甲/a.xlsx', 'D11', 'info', 'info off'],
      ['/subs/甲/a.xlsx', 'I9', 'error', 'error'],
      ['/subs/甲/a.xlsx', 'C12', 'warning', 'warning'],
      ['/subs/乙/b.xlsx', 'C5', 'warning', 'warning'],
      ['/subs/乙/b.xlsx', 'C6', 'warning', 'warning'],
    ]);
    expect(doc).toContain('文件 甲/a.xlsx · 工作表「S」· 区域 A1:J20');
    expect(doc).toMatch(/<input type="checkbox" data-sev="error" checked>.*<input type="checkbox" data-sev="info">/);
    expect(doc).toContain('<option value="missing-level3">缺少三级指标（3）</option>');
    expect(doc).toContain('<td class="nw">项目支出</td>'); // 类型 does not wrap
  });

  it('prints A4 landscape with page numbers, heads repeated and charts whole', () => {
    const doc = reportHtml(files, { lang: 'zh', profile: 'p' });
    expect(doc).toMatch(/@page\{size:A4 landscape;[^}]*@bottom-center\{content:"第 " counter\(page\) " 页，共 " counter\(pages\) " 页"/);
    expect(doc).toMatch(/@media print\{[\s\S]*figure\{break-inside:avoid[\s\S]*thead\{display:table-header-group\}/);
  });
});

describe('findBrowser', () => {
  const has =
    (...files: string[]) =>
    (f: string) =>
      files.includes(f);

  it('takes ZIPING_BROWSER first, and says which one is missing', () => {
    expect(findBrowser({ ZIPING_BROWSER: '/opt/x/chrome' }, 'linux', has('/opt/x/chrome', '/usr/bin/chromium'))).toBe('/opt/x/chrome');
    expect(() => findBrowser({ ZIPING_BROWSER: '/opt/x/chrome' }, 'linux', has('/usr/bin/chromium'))).toThrow(
      new NoBrowserError('ZIPING_BROWSER=/opt/x/chrome'),
    );
  });

  it('finds Debian chromium, Chrome on the PATH, Edge in Program Files, and nothing on a bare machine', () => {
    expect(findBrowser({ PATH: '/usr/local/bin' }, 'linux', has('/usr/bin/chromium', '/usr/bin/google-chrome'))).toBe('/usr/bin/chromium');
    expect(findBrowser({ PATH: '/opt/bin:/usr/bin' }, 'linux', has('/opt/bin/google-chrome'))).toBe('/opt/bin/google-chrome');
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const env = { 'ProgramFiles(x86)': 'C:\\Program Files (x86)', ProgramFiles: 'C:\\Program Files' };
    expect(findBrowser(env, 'win32', has(edge))).toBe(edge);
    expect(browserCandidates(env, 'win32')).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(() => findBrowser({ PATH: '/usr/local/bin' }, 'linux', has())).toThrow(NoBrowserError);
  });
});

describe('paths', () => {
  it('commonFolder is the deepest folder holding every file', () => {
    expect(commonFolder(['/a/b/c/x.xlsx', '/a/b/d/y.xlsx'])).toBe(path.resolve('/a/b'));
    expect(commonFolder(['/a/b/x.xlsx'])).toBe(path.resolve('/a/b'));
    expect(commonFolder(['/a/x.xlsx', '/b/y.xlsx'])).toBe(path.sep);
  });

  it('fileLink is relative to the summary and names the sheet and cell, quoting quotes', () => {
    expect(fileLink('/subs/a/x.xlsx', '/subs', "王's 表", 'B7')).toBe("a/x.xlsx#'王''s 表'!B7");
    expect(fileLink('/subs/a/x.xlsx', '/out')).toBe('../subs/a/x.xlsx');
  });
});

describe('autoJobs', () => {
  it('takes one thread for a small batch on 2 cores or fewer, every core for a large one or on more cores', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-jobs-'));
    try {
      const small = path.join(dir, 'small.xlsx');
      const large = path.join(dir, 'large.xlsx');
      fs.writeFileSync(small, Buffer.alloc(1000));
      fs.writeFileSync(large, Buffer.alloc(0));
      fs.truncateSync(large, POOL_MIN_BYTES); // sparse: the size counts, not the bytes
      const cores = defaultJobs();
      expect(autoJobs([small, path.join(dir, 'missing.xlsx')])).toBe(cores > 2 ? cores : 1);
      expect(autoJobs([small, large])).toBe(cores);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Issue 19's property: one random sheet, written as different writers write it (Excel's shared strings,
// ERP exports' empty <v/>, inline strings in <is> or in <v>, rich-text runs, pretty-printed XML, shared
// formulas, the 1904 date system, no styles part), reads as the same grid through every reader of the
// project — the fast path, SheetJS's full reader, and the read behind `fix` (whose ExcelJS workbook must
// see a formula wherever the grid has one, or fix could write over it) — and `check` finds the same.
// The sheet is Beijing Fengtai's published 自评表 (test/fixtures/tables.ts) with random cells written into it.
import fc from 'fast-check';
import JSZip from 'jszip';
import type { CellValue } from '../core/types';
import { analyzeWorkbook } from '../core';
import { placeTables } from '../../test/fixtures/build';
import { fengtai } from '../../test/fixtures/tables';
import { buildGrid, byPosition, type GridCell } from './grid';
import { readWorkbookBuffer, workbookToGrids } from './read';
import { BUILTIN_FORMATS } from './fast';
import { serialToDate } from './sheetjs';
import { a1 } from '../core/address';

const SHEET = '丰台项目自评表';

// ---------------------------------------------------------------------------
// The model: cells as the engine should see them, and how to write each
// ---------------------------------------------------------------------------

/** One cell to write. `serial` marks a date (its value is the Date of that serial in the 1900 system). */
type Spec =
  | { kind: 'number'; value: number; format: string | null }
  | { kind: 'date'; serial: number; format: string }
  | { kind: 'text'; value: string }
  | { kind: 'bool'; value: boolean }
  | {
      kind: 'formula';
      formula: string;
      cached: number | string | boolean | { error: string };
      format: string | null;
      run?: { si: number; first: boolean };
    };

interface Sheet {
  cells: Map<string, { row: number; col: number; spec: Spec }>;
  /** Positions written as empty cells of one kind or another (never part of the grid). */
  blanks: { row: number; col: number }[];
  merges: { top: number; left: number; bottom: number; right: number }[];
}

interface Convention {
  strings: 'shared' | 'rich' | 'inline-is' | 'inline-v';
  blanks: boolean;
  sharedFormulas: boolean;
  date1904: boolean;
  /** 'absent': no xl/styles.xml at all (valid when no cell has a number format; formats are dropped from the sheet). */
  styles: 'builtin' | 'custom' | 'absent';
  pretty: boolean;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ESC[c]);

const DATE_FORMATS = ['yyyy"年"m"月"d"日"', 'm/d/yy', 'yyyy-mm-dd'];
const NUMBER_FORMATS = ['0.00%', '0%', '#,##0.00', '0.00'];
const BUILTIN_ID = new Map(Object.entries(BUILTIN_FORMATS).map(([id, f]) => [f, Number(id)]));

function valueOf(spec: Spec, withFormats: boolean, date1904: boolean): { value: CellValue; format: string | null; formula: string | null } {
  switch (spec.kind) {
    case 'number':
      return { value: spec.value, format: withFormats ? spec.format : null, formula: null };
    case 'date':
      return withFormats
        ? { value: serialToDate(spec.serial, false), format: spec.format, formula: null }
        : { value: date1904 ? spec.serial - 1462 : spec.serial, format: null, formula: null };
    case 'text':
      return { value: spec.value === '' ? null : spec.value, format: null, formula: null };
    case 'bool':
      return { value: spec.value, format: null, formula: null };
    case 'formula': {
      const c = spec.cached;
      const value = typeof c === 'string' && c === '' ? null : c;
      return { value, format: withFormats ? spec.format : null, formula: spec.formula };
    }
  }
}

/** The grid every reader must give for `sheet` (formats dropped when the file has no styles part: a date is then its serial as written). */
function expected(sheet: Sheet, withFormats: boolean, date1904 = false) {
  const cells: GridCell[] = [];
  for (const { row, col, spec } of sheet.cells.values()) {
    const c = valueOf(spec, withFormats, date1904);
    if (c.value === null && c.formula === null && c.format === null) continue;
    cells.push({ row, col, ...c });
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return buildGrid(SHEET, cells, [...sheet.merges].sort(byPosition), false);
}

// ---------------------------------------------------------------------------
// The writer: OOXML parts built by hand, one convention at a time
// ---------------------------------------------------------------------------

async function write(sheet: Sheet, cv: Convention, pick: (n: number) => number): Promise<Buffer> {
  const nl = cv.pretty ? '\n    ' : '';
  const sst: string[] = [];
  const sstIndex = new Map<string, number>();
  const formats: string[] = [];
  const styleOf = (format: string | null): string => {
    if (cv.styles === 'absent' || format === null) return '';
    let k = formats.indexOf(format);
    if (k < 0) k = formats.push(format) - 1;
    return ` s="${k + 1}"`;
  };
  const runs = (s: string) => {
    if (cv.strings !== 'rich' || s.length < 2) return `<t xml:space="preserve">${esc(s)}</t>`;
    const cut = 1 + pick(s.length - 1);
    return [s.slice(0, cut), s.slice(cut)]
      .map((part, i) => `${nl}<r>${i ? '<rPr><b/><sz val="11"/></rPr>' : ''}<t xml:space="preserve">${esc(part)}</t></r>`)
      .join('');
  };
  const text = (ref: string, s: string): string => {
    if (cv.strings === 'inline-is') return `<c r="${ref}" t="inlineStr">${nl}<is>${nl}${runs(s)}${nl}</is>${nl}</c>`;
    if (cv.strings === 'inline-v') return `<c r="${ref}" t="inlineStr"><v>${esc(s)}</v></c>`;
    let k = sstIndex.get(s);
    if (k === undefined) {
      k = sst.push(s) - 1;
      sstIndex.set(s, k);
    }
    return `<c r="${ref}" t="s"><v>${k}</v></c>`;
  };
  const serial = (n: number) => String(cv.date1904 ? n - 1462 : n);
  const cell = (row: number, col: number, spec: Spec): string => {
    const ref = a1(row, col);
    switch (spec.kind) {
      case 'number':
        return `<c r="${ref}"${styleOf(spec.format)}><v>${spec.value}</v></c>`;
      case 'date':
        return `<c r="${ref}"${styleOf(spec.format)}><v>${serial(spec.serial)}</v></c>`;
      case 'text':
        return text(ref, spec.value);
      case 'bool':
        return `<c r="${ref}" t="b"><v>${spec.value ? 1 : 0}</v></c>`;
      case 'formula': {
        const c = spec.cached;
        const [t, v] =
          typeof c === 'number'
            ? ['', String(c)]
            : typeof c === 'boolean'
              ? [' t="b"', c ? '1' : '0']
              : typeof c === 'string'
                ? [' t="str"', esc(c)]
                : [' t="e"', c.error];
        let f = `<f>${esc(spec.formula)}</f>`;
        if (cv.sharedFormulas && spec.run) {
          const { si, first } = spec.run;
          if (first) {
            let last = row;
            while ([...sheet.cells.values()].some((x) => x.col === col && x.row === last + 1 && x.spec.kind === 'formula' && x.spec.run?.si === si))
              last++;
            f = `<f t="shared" ref="${ref}:${a1(last, col)}" si="${si}">${esc(spec.formula)}</f>`;
          } else f = `<f t="shared" si="${si}"/>`;
        }
        return `<c r="${ref}"${styleOf(spec.format)}${t}>${f}<v>${v}</v></c>`;
      }
    }
  };
  const BLANKS = [
    (ref: string) => `<c r="${ref}"/>`,
    (ref: string) => `<c r="${ref}" t="s"><v/></c>`,
    (ref: string) => `<c r="${ref}" t="s"><v></v></c>`,
    (ref: string) => `<c r="${ref}"><v/></c>`,
    (ref: string) => `<c r="${ref}" t="inlineStr"><is><t/></is></c>`,
    (ref: string) => `<c r="${ref}" t="str"><v></v></c>`,
  ];
  const byRow = new Map<number, { col: number; xml: string }[]>();
  const put = (row: number, col: number, xml: string) => {
    const list = byRow.get(row) ?? [];
    list.push({ col, xml });
    byRow.set(row, list);
  };
  for (const { row, col, spec } of sheet.cells.values()) put(row, col, cell(row, col, spec));
  if (cv.blanks) for (const { row, col } of sheet.blanks) put(row, col, BLANKS[pick(BLANKS.length)](a1(row, col)));
  const rows = [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([r, list]) =>
        `${nl}<row r="${r + 1}">${list
          .sort((a, b) => a.col - b.col)
          .map((x) => nl + x.xml)
          .join('')}${nl}</row>`,
    )
    .join('');
  const merges = sheet.merges.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${a1(m.top, m.left)}:${a1(m.bottom, m.right)}"/>`).join('')}</mergeCells>`
    : '';
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const zip = new JSZip();
  const hasSst = cv.strings === 'shared' || cv.strings === 'rich';
  const hasStyles = cv.styles !== 'absent';
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS} xmlns:r="${R}"><sheetData>${rows}</sheetData>${merges}</worksheet>`,
  );
  if (hasSst) {
    const items = sst.map((s) => `${nl}<si>${runs(s)}${nl}</si>`).join('');
    zip.file(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="${sst.length}" uniqueCount="${sst.length}">${items}</sst>`,
    );
  }
  if (hasStyles) {
    const ids = formats.map((f, k) => (cv.styles === 'builtin' && BUILTIN_ID.has(f) ? (BUILTIN_ID.get(f) as number) : 164 + k));
    const custom = formats.map((f, k) => ({ f, id: ids[k] })).filter((x) => x.id >= 164);
    const numFmts = custom.length
      ? `<numFmts count="${custom.length}">${custom.map((x) => `<numFmt numFmtId="${x.id}" formatCode="${esc(x.f)}"/>`).join('')}</numFmts>`
      : '';
    const xfs = [
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
      ...ids.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`),
    ];
    zip.file(
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet ${NS}>${numFmts}<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`,
    );
  }
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS} xmlns:r="${R}">${cv.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets><sheet name="${SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`;
  const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${hasStyles ? rel('rId2', 'styles', 'styles.xml') : ''}${hasSst ? rel('rId3', 'sharedStrings', 'sharedStrings.xml') : ''}</Relationships>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
  );
  const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const over = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${CT}.${type}+xml"/>`;
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${over('xl/workbook.xml', 'sheet.main')}${over('xl/worksheets/sheet1.xml', 'worksheet')}${hasStyles ? over('xl/styles.xml', 'styles') : ''}${hasSst ? over('xl/sharedStrings.xml', 'sharedStrings') : ''}</Types>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

// ---------------------------------------------------------------------------
// Random sheets: the Fengtai table with random cells written over it and beside it
// ---------------------------------------------------------------------------

const base = placeTables(SHEET, [{ table: fengtai, at: 'A1' }]);
const slaves = new Set<string>();
for (const m of base.merges)
  for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) slaves.add(`${r},${c}`);
const rowsOf = base.values.length;
const colsOf = Math.max(...base.values.map((r) => r.length));
/** Table cells a random cell may replace (not inside a merge). */
const free: { row: number; col: number }[] = [];
for (let r = 0; r < rowsOf; r++)
  for (let c = 0; c < colsOf; c++) if (!slaves.has(`${base.top + r},${base.left + c}`)) free.push({ row: base.top + r, col: base.left + c });

const chinese = fc.constantFrom(...'绩效目标完成率执行数偏差原因达到预期满意度项目资金０１２ＡＢ');
const TEXT = fc.oneof(
  fc
    .array(fc.oneof(chinese, fc.constantFrom('a', 'Z', '1', '%', '&', '<', '>', '"', "'", ' ', '\n', '（', '）')), { minLength: 1, maxLength: 12 })
    .map((a) => a.join('')),
  fc.constantFrom(' ', '   ', '\n', ' \n ', '\t'), // whitespace only
);
const NUMBER = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
  fc.integer({ min: -99999, max: 99999 }).map((n) => n / 100),
);
const SPEC: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ kind: fc.constant('number' as const), value: NUMBER, format: fc.option(fc.constantFrom(...NUMBER_FORMATS), { nil: null }) }),
  fc.record({
    kind: fc.constant('number' as const),
    value: fc.integer({ min: -300, max: 300 }).map((n) => n / 100),
    format: fc.constantFrom('0.00%', '0%'),
  }),
  fc.record({
    kind: fc.constant('date' as const),
    serial: fc.tuple(fc.integer({ min: 18264, max: 54789 }), fc.constantFrom(0, 0.25, 0.5)).map(([d, t]) => d + t),
    format: fc.constantFrom(...DATE_FORMATS),
  }),
  fc.record({ kind: fc.constant('text' as const), value: TEXT }),
  fc.record({ kind: fc.constant('bool' as const), value: fc.boolean() }),
  fc.record({
    kind: fc.constant('formula' as const),
    formula: fc.constantFrom('ROUND(F8/D8,4)', 'SUM(E12:E20)', 'IF(G8>=1,"是","否")', '$A$1&"年度"'),
    cached: fc.oneof(NUMBER, TEXT, fc.boolean(), fc.constantFrom({ error: '#DIV/0!' }, { error: '#N/A' })),
    format: fc.option(fc.constantFrom(...NUMBER_FORMATS), { nil: null }),
  }),
);

/** A column of one shared formula: rows r0.., each moved from the first (relative references shift, $ ones stay). */
const TEMPLATES = [(r: number) => `B${r}*2`, (r: number) => `SUM(C${r}:D${r})/$A$1`, (r: number) => `IF(E${r}>0,"是","否")`];

const SHEETS: fc.Arbitrary<Sheet> = fc
  .record({
    over: fc.array(fc.tuple(fc.nat(free.length - 1), SPEC), { maxLength: 10 }),
    beside: fc.array(fc.tuple(fc.nat(rowsOf + 3), fc.nat(3), SPEC), { maxLength: 8 }),
    runs: fc.array(
      fc.record({
        row: fc.nat(rowsOf),
        len: fc.integer({ min: 1, max: 6 }),
        t: fc.nat(TEMPLATES.length - 1),
        cached: fc.array(NUMBER, { minLength: 6, maxLength: 6 }),
      }),
      {
        maxLength: 2,
      },
    ),
    blanks: fc.array(fc.tuple(fc.nat(rowsOf + 3), fc.nat(colsOf + 5)), { maxLength: 8 }),
  })
  .map(({ over, beside, runs, blanks }) => {
    const cells: Sheet['cells'] = new Map();
    const set = (row: number, col: number, spec: Spec) => cells.set(`${row},${col}`, { row, col, spec });
    for (let r = 0; r < rowsOf; r++)
      for (let c = 0; c < colsOf; c++) {
        const row = base.top + r;
        const col = base.left + c;
        const value = base.values[r]?.[c] ?? null;
        const formula = base.formulas?.[r]?.[c] ?? null;
        const format = base.formats?.[r]?.[c] ?? null;
        if (formula !== null) set(row, col, { kind: 'formula', formula, cached: (value as number | string | null) ?? 0, format });
        else if (typeof value === 'number') set(row, col, { kind: 'number', value, format });
        else if (typeof value === 'string') set(row, col, { kind: 'text', value });
      }
    for (const [k, spec] of over) set(free[k].row, free[k].col, spec);
    for (const [r, c, spec] of beside) set(r, colsOf + 1 + c, spec);
    runs.forEach((run, si) => {
      const col = colsOf + 6 + si;
      for (let i = 0; i < run.len; i++) {
        const row = run.row + i;
        set(row, col, { kind: 'formula', formula: TEMPLATES[run.t](row + 1), cached: run.cached[i], format: null, run: { si, first: i === 0 } });
      }
    });
    const taken = (r: number, c: number) => cells.has(`${r},${c}`) || slaves.has(`${r},${c}`);
    return {
      cells,
      blanks: blanks.filter(([r, c]) => !taken(r, c)).map(([row, col]) => ({ row, col })),
      merges: base.merges,
    };
  });

const CONVENTION: fc.Arbitrary<Convention> = fc.record({
  strings: fc.constantFrom('shared', 'rich', 'inline-is', 'inline-v'),
  blanks: fc.boolean(),
  sharedFormulas: fc.boolean(),
  date1904: fc.boolean(),
  styles: fc.constantFrom('builtin', 'custom', 'absent'),
  pretty: fc.boolean(),
});

// ---------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------

/** Dates as their time value, so toEqual compares instants. */
const plain = (x: unknown): unknown =>
  JSON.parse(
    JSON.stringify(x, function (this: Record<string, unknown>, k: string, v: unknown) {
      const raw = this[k];
      return raw instanceof Date ? `date:${raw.getTime()}` : v;
    }),
  );

/** What `check` reports and what `fix` would write, from a reader's grids. */
const findings = (sheets: Parameters<typeof analyzeWorkbook>[0]) => {
  const a = analyzeWorkbook(sheets, { marks: false });
  return plain({
    findings: a.tables.flatMap((t) => t.findings).map((f) => ({ rule: f.rule, cell: f.cell, severity: f.severity, message: f.message })),
    writes: a.writes.map((w) => ({ address: w.address, kind: w.kind, value: w.value })),
  });
};

/** The cells ExcelJS (fix's writer) sees as formulas, as "row,col" keys. */
function formulaCells(grid: { top: number; left: number; formulas?: (string | null | undefined)[][] }): string[] {
  const out: string[] = [];
  (grid.formulas ?? []).forEach((row, r) => row.forEach((f, c) => f && out.push(`${grid.top + r},${grid.left + c}`)));
  return out.sort();
}

describe('issue 19: one sheet through every writer convention reads the same everywhere', () => {
  it('fast path, SheetJS and fix read every convention as the model grid, and check finds the same', async () => {
    // the table is recognised as it stands: the findings compared below are a real check's
    expect(analyzeWorkbook([base], { marks: false }).tables.length).toBe(1);
    let withFindings = 0;
    await fc.assert(
      fc.asyncProperty(SHEETS, fc.array(CONVENTION, { minLength: 2, maxLength: 3 }), fc.nat(), async (sheet, conventions, seed) => {
        let state = seed;
        // the writer's small choices (where a rich run splits, which empty-cell form): a seeded generator
        const pick = (n: number) => ((state = (state * 1103515245 + 12345) & 0x7fffffff), state % n);
        const want = expected(sheet, true);
        const wantFindings = findings([want]);
        for (const cv of conventions) {
          const withFormats = cv.styles !== 'absent';
          const buf = await write(sheet, cv, pick);
          const label = JSON.stringify(cv);
          const fast = await readWorkbookBuffer(buf, 'x.xlsx');
          const full = await readWorkbookBuffer(buf, 'x.xlsx', { fullReader: true });
          const fix = await readWorkbookBuffer(buf, 'x.xlsx', { forFix: true });
          const model = withFormats ? want : expected(sheet, false, cv.date1904);
          const grid = plain(model);
          expect([label, 'fast', plain(fast.sheets)]).toEqual([label, 'fast', [grid]]);
          expect([label, 'full', plain(full.sheets)]).toEqual([label, 'full', [grid]]);
          expect([label, 'fix', plain(fix.sheets)]).toEqual([label, 'fix', [grid]]);
          expect([label, fast.warnings, full.warnings, fix.warnings]).toEqual([label, [], [], []]);
          // fix writes through ExcelJS and skips formula cells by ExcelJS's view: it must see the same formulas
          expect([label, formulaCells(workbookToGrids(fix.workbook)[0])]).toEqual([label, formulaCells(model)]);
          const f = [findings(fast.sheets), findings(full.sheets), findings(fix.sheets)];
          expect([label, ...f]).toEqual([label, ...Array(3).fill(withFormats ? wantFindings : findings([model]))]);
        }
        if ((wantFindings as { findings: unknown[] }).findings.length) withFindings++;
      }),
      { numRuns: Number(process.env.CONVENTION_RUNS ?? 12) },
    );
    // the checked table is recognised: findings are compared, not two empty lists
    expect(withFindings).toBeGreaterThan(0);
  });
});

// Property tests of the engine on hostile input (issue "Hostile input, and never losing the user's data").
//
// Grids: fragments of the real fixture tables (row/column slices, shuffled rows, random offsets, several
// stacked) with noise on top, random noise grids up to 60 × 15 with header words in odd places, and
// hostile shapes (empty sheets, merges only, huge/inverted merges, jagged rows, rows of undefined,
// NaN/Infinity, Invalid Dates). Properties:
//   (a) analyzeWorkbook never throws;            (b) it reads at most READ_BUDGET× each sheet's area;
//   (c) every planned write is the computed cell of its kind of a recognised table on that sheet;
//   (d) no write targets a formula cell;          (e) written numbers are finite, scores in [0, W], rates ≥ 0;
//   (f) findings point at valid A1 cells inside the grid; (g) the same input gives the same output,
//   and the input is never modified.
//
// Also: a write never lands twice on one cell, never in the hidden part of a merged area, and never replaces
// text without a finding at that cell; a runaway scan (the engine reading far past the grid) fails the case
// instead of hanging the process (see `tripwired`).
//
// Case count: env FUZZ_RUNS for the whole file (default 2,000; `npm run fuzz` sets 100,000).
// Replay a failure with FUZZ_SEED=<seed printed by fast-check> (and the same FUZZ_RUNS).
// Debugging knobs: FUZZ_DUMP=<file> saves the smallest failing workbook as JSON; FUZZ_TRACE=<file> saves every
// input before it runs (for a case that kills the process); FUZZ_IGNORE=<tag,…> counts the violations with
// those tags (printed at the end) instead of failing, to look past a known bug for the next one. Tags:
// crash, slow (reads above FUZZ_READ_BUDGET× the area, default 32), runaway (as crash), write-target, write-formula, write-duplicate, write-merged, write-over-text,
// write-nonfinite, rate-negative, rate-format, score-range, write-grade, finding-address, finding-bounds,
// finding-rule, message, marks, structure, input-modified, determinism.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { analyzeWorkbook } from '../../src/core';
import { placeTables } from '../fixtures/build';
import { cloneFixture } from '../fixtures/define';
import type { TableFixture } from '../fixtures/define';
import { beijingExecution, jiangxiRubric, yuxiDepartment, yuxiEducation, yuxiOffice, yuxiReception } from '../fixtures/tables';
import { edit, run } from '../core/helpers';
import type { AnalysisResult, AnalyzeOptions, SheetGrid } from '../../src/core';
import {
  checkInvariants,
  cloneGrids,
  fragmentGridArb,
  fragmentParamsArb,
  buildFragment,
  fuzzRuns,
  fuzzSeed,
  hostileGridArb,
  nameSheets,
  noiseGridArb,
  optionsArb,
  split,
  timedAnalyze,
  deepEqual,
  extent,
  tripwired,
  timeoutFor,
  violate,
  ignored,
  FORMULAS,
} from './gen';

const RUNS = fuzzRuns(2000);
const [FRAGMENT_RUNS, NOISE_RUNS, HOSTILE_RUNS, FORMULA_RUNS] = split(RUNS, [4, 3, 2, 1]);
const TIMEOUT = timeoutFor(RUNS);
// measured: at most 6.3× over 4,000 cases (reads per cell of recognise, read, score and rules); a scan
// that goes quadratic in rows or columns passes 32× on any grid beyond a few dozen rows
const READ_BUDGET = Number(process.env.FUZZ_READ_BUDGET) || 32;
jest.setTimeout(TIMEOUT);

const stats: Record<
  string,
  { cases: number; withTables: number; withWrites: number; writes: number; findings: number; maxMs: number; totalMs: number; maxRatio: number }
> = {};

function note(name: string, r: AnalysisResult, ms: number, ratio: number): void {
  const s = (stats[name] ??= { cases: 0, withTables: 0, withWrites: 0, writes: 0, findings: 0, maxMs: 0, totalMs: 0, maxRatio: 0 });
  s.maxRatio = Math.max(s.maxRatio, ratio);
  s.cases++;
  if (r.tables.length) s.withTables++;
  if (r.writes.length) s.withWrites++;
  s.writes += r.writes.length;
  s.findings += r.findings.length;
  s.maxMs = Math.max(s.maxMs, ms);
  s.totalMs += ms;
}

afterAll(() => {
  const lines = Object.entries(stats).map(
    ([k, s]) =>
      `${k.padEnd(9)} ${String(s.cases).padStart(6)} cases, ${String(s.withTables).padStart(6)} with tables, ${String(s.withWrites).padStart(6)} with writes ` +
      `(${s.writes} writes, ${s.findings} findings), engine ${s.totalMs.toFixed(0)} ms total, max ${s.maxMs.toFixed(1)} ms/case, max reads ${s.maxRatio.toFixed(1)}× the area`,
  );
  for (const [tag, x] of ignored) lines.push(`ignored [${tag}] ×${x.count}, e.g.\n  ${x.examples.join('\n  ')}`);
  // eslint-disable-next-line no-console -- the fuzz run's statistics are its output
  console.log(`engine fuzz (FUZZ_RUNS=${RUNS}):\n${lines.join('\n')}`);
});

function params(numRuns: number): fc.Parameters<unknown> {
  const seed = fuzzSeed();
  // a safety net for slow shrinking: report what was found rather than run into jest's timeout
  return { numRuns, ...(seed !== undefined ? { seed } : {}), interruptAfterTimeLimit: TIMEOUT - 20_000, markInterruptAsFailure: false };
}

/** (a), (b), (c)–(f), (g) and "input untouched" for one workbook. */
function exercise(name: string, sheets: SheetGrid[], options: AnalyzeOptions, strictBounds = true): AnalysisResult {
  // FUZZ_TRACE=<file>: every input before it runs (finds the case when the process itself dies)
  if (process.env.FUZZ_TRACE) writeFileSync(process.env.FUZZ_TRACE, dump(options, sheets, 'trace'));
  try {
    return exerciseOnce(name, sheets, options, strictBounds);
  } catch (e) {
    // FUZZ_DUMP=<file>: the last (smallest) failing workbook, for turning into a regression test
    if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, dump(options, sheets, String(e)));
    throw e;
  }
}

function dump(options: AnalyzeOptions, sheets: SheetGrid[], error: string): string {
  return JSON.stringify(
    { options, sheets, error },
    (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v instanceof Date && Number.isNaN(v.getTime()) ? 'Invalid Date' : v),
    1,
  );
}

function exerciseOnce(name: string, sheets: SheetGrid[], options: AnalyzeOptions, strictBounds: boolean): AnalysisResult {
  const pristine = cloneGrids(sheets);
  // (a) a throw fails the property. First behind the tripwire, so that a runaway scan throws instead of
  // hanging the process; its proxies slow cell reads down, so this run is not timed.
  const counter = { reads: 0 };
  const guarded = timedAnalyze(
    sheets.map((g) => tripwired(g, 64, counter)),
    options,
    Infinity,
  );
  if (guarded.threw) return guarded.result; // (only with FUZZ_IGNORE=crash) an unguarded run could hang
  if (!deepEqual(sheets, pristine)) violate('input-modified', 'analyzeWorkbook modified its input grids');
  // (b) a bound on work, counted rather than timed (speed itself is `npm run bench`'s): the rows and
  // cells the engine reads stay within READ_BUDGET times the sheets' area, so a scan that goes
  // quadratic fails here on any machine, and a busy machine fails nothing.
  const area = sheets.reduce((n, g) => {
    const e = extent(g);
    return n + (e.bottom - e.top + 1) * (e.right - e.left + 2);
  }, 0);
  const ratio = counter.reads / Math.max(area, 1);
  if (ratio > READ_BUDGET) violate('slow', `analyzeWorkbook read ${counter.reads} rows/cells of ${area} (> ${READ_BUDGET}× the area)`);
  // (g) the same input gives the same output
  const { result, ms } = timedAnalyze(sheets, options, Infinity);
  note(name, result, ms, ratio);
  if (!deepEqual(sheets, pristine)) violate('input-modified', 'analyzeWorkbook modified its input grids');
  if (!deepEqual(guarded.result, result)) violate('determinism', 'two analyses of the same input differ');
  checkInvariants(sheets, result, options, strictBounds);
  return result;
}

const workbookArb = fc
  .array(fc.oneof({ weight: 3, arbitrary: fragmentGridArb() }, { weight: 2, arbitrary: noiseGridArb() }), { minLength: 1, maxLength: 3 })
  .map(nameSheets);

describe('engine on hostile input', () => {
  it(`fixture fragments: sliced, shuffled, offset, stacked, with noise (${FRAGMENT_RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.array(fragmentGridArb(), { minLength: 1, maxLength: 2 }).map(nameSheets), optionsArb, (sheets, options) => {
        exercise('fragments', sheets, options);
      }),
      params(FRAGMENT_RUNS),
    );
  });

  it(`random grids up to 60 × 15 and mixed workbooks (${NOISE_RUNS} cases)`, () => {
    fc.assert(
      fc.property(workbookArb, optionsArb, (sheets, options) => {
        exercise('noise', sheets, options);
      }),
      params(NOISE_RUNS),
    );
  });

  it(`hostile shapes: empty, merges only, huge/inverted merges, holes, NaN/Infinity, Invalid Date (${HOSTILE_RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.array(hostileGridArb(), { minLength: 1, maxLength: 2 }).map(nameSheets), optionsArb, (sheets, options) => {
        // merges outside the values may move an anchor outside them: only (f)'s A1 validity is checked
        exercise('hostile', sheets, options, false);
      }),
      params(HOSTILE_RUNS),
    );
  });

  it(`a formula placed on any planned write cell is kept, flagged, and changes nothing else (${FORMULA_RUNS} cases)`, () => {
    const caseArb = fc.record({
      p: fragmentParamsArb({}, 2),
      mask: fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
      formula: fc.constantFrom(...FORMULAS),
      options: optionsArb,
    });
    fc.assert(
      fc.property(caseArb, ({ p, mask, formula, options }) => {
        const grid = buildFragment('formulas', p);
        const before = exercise('formulas', [grid], options);
        const chosen = before.writes.filter((_, i) => mask[i % mask.length]);
        if (!chosen.length) return;
        const g2 = cloneGrids([grid])[0];
        const h = g2.values.length;
        const width = Math.max(0, ...g2.values.map((r) => (r ? r.length : 0)));
        g2.formulas = Array.from({ length: h }, (_, i) => [...(g2.formulas?.[i] ?? [])]);
        const outside: string[] = [];
        for (const w of chosen) {
          const i = w.row - g2.top;
          const j = w.col - g2.left;
          if (i < 0 || i >= h || j < 0 || j >= width) {
            outside.push(w.address); // a write beyond the values (e.g. a grade next to its label): no formula can sit there
            continue;
          }
          g2.formulas[i][j] = formula;
        }
        const after = exercise('formulas', [g2], options);
        const placed = chosen.filter((w) => !outside.includes(w.address)).map((w) => w.address);
        // writes: the same minus the formula cells
        expect(after.writes).toEqual(before.writes.filter((w) => !placed.includes(w.address)));
        // findings: the same, plus formula-kept at each formula cell (unless the rule is off)
        const other = (r: AnalysisResult) => r.findings.filter((f) => f.rule !== 'formula-kept');
        expect(other(after)).toEqual(other(before));
        const kept = (r: AnalysisResult) => new Set(r.findings.filter((f) => f.rule === 'formula-kept').map((f) => f.cell));
        const expected = new Set(kept(before));
        if (!(options.disabledRules ?? []).includes('formula-kept')) for (const c of placed) expected.add(c);
        expect([...kept(after)].sort()).toEqual([...expected].sort());
      }),
      params(FORMULA_RUNS),
    );
  });
});

describe('engine on hostile input: minimal cases', () => {
  const opts: AnalyzeOptions = {};
  const grid = (values: unknown[][], extra: Partial<SheetGrid> = {}): SheetGrid => ({
    name: 'S',
    top: 0,
    left: 0,
    values: values as SheetGrid['values'],
    merges: [],
    ...extra,
  });

  it('an empty workbook and empty sheets', () => {
    expect(analyzeWorkbook([], opts)).toEqual({ tables: [], findings: [], writes: [], marks: [] });
    for (const g of [
      grid([]),
      grid([[]]),
      grid([undefined as unknown as unknown[]]),
      grid([], { merges: [{ top: 0, left: 0, bottom: 1_048_575, right: 16_383 }] }),
    ])
      expect(exercise('minimal', [g], opts).tables).toEqual([]);
  });

  it('a header row with nothing under it', () => {
    const r = exercise('minimal', [grid([['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']])], opts);
    expect(r.writes).toEqual([]);
  });

  it('NaN and Infinity in every value cell of a real-looking table', () => {
    const rows = [
      ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      [null, '年度资金总额', NaN, Infinity, -Infinity, NaN, null, Infinity],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      ['产出指标', '数量指标', '工程数量', NaN, Infinity, -Infinity, NaN, null],
      ['总分', null, null, null, null, NaN, Infinity, null],
    ];
    const r = exercise('minimal', [grid(rows)], opts);
    expect(r.tables).toHaveLength(1);
  });
});

// Each of these was found by the properties above and shrunk by hand to the smallest table that shows it.
// They fail until the engine is fixed (see the report of the fuzzing work); each names the rule book line.
describe('bugs found by fuzzing: minimal reproductions', () => {
  const sheet = (values: unknown[][], merges: SheetGrid['merges'] = []): SheetGrid => ({
    name: 'S',
    top: 0,
    left: 0,
    values: values as SheetGrid['values'],
    merges,
  });
  const writesTo = (r: AnalysisResult, address: string) => r.writes.filter((w) => w.address === address);
  const withMerges = (t: TableFixture, extra: string[]) => {
    const c = cloneFixture(t, `${t.id}+merges`);
    c.merges.push(...extra);
    return c;
  };

  it('a fund header whose row below names other roles in every column does not loop forever (recognize.ts readFundBlock)', () => {
    // 全年预算数/全年执行数 make a fund block; the row below (三级指标 twice, or one merged cell) replaces both
    // roles, the block keeps kind "fund" with no amount column, and firstData = Math.min() = Infinity: the
    // scan over columns never ends and V8 aborts the process ("invalid size error") after ~12 s.
    // The tripwire turns the endless scan into an exception instead of a dead process.
    for (const g of [
      sheet([['全年预算数', '全年执行数'], ['三级指标', '三级指标'], [null]]),
      sheet([['全年预算数', '全年执行数'], ['三级指标', null], [null]], [{ top: 1, left: 0, bottom: 1, right: 1 }]),
    ])
      expect(() => analyzeWorkbook([tripwired(g)])).not.toThrow();
  });

  it('an Invalid Date in a cell does not crash the engine (values.ts cellText)', () => {
    // ExcelJS turns a date-formatted number outside Date's range into an Invalid Date; toISOString throws
    const g = placeTables('S', [{ table: yuxiOffice, at: 'A1' }]);
    g.values[14][2] = new Date(NaN); // C15, the name of an indicator
    expect(() => analyzeWorkbook([g])).not.toThrow();
  });

  it('never writes Infinity (§4: every written score and rate is a number rounded to 2 decimals)', () => {
    // roundHalfUp overflows above ~1.8e306 (x × 100 = Infinity); R = spent / budget overflows for a tiny budget
    const cases = [
      run(edit(yuxiEducation, { G6: 1e307 })), // fund weight → fund score Infinity
      run(edit(yuxiEducation, { F6: 1e300, D6: 1e-9, C6: 1e-9 })), // execution rate Infinity
      run(edit(yuxiEducation, { H15: 1e308, H16: 1e308 })), // indicator scores and the total Infinity
    ];
    for (const r of cases) for (const w of r.writes) if (w.kind !== 'grade') expect([w.address, Number.isFinite(w.value)]).toEqual([w.address, true]);
  });

  it('never writes a negative execution rate (a negative amount is no execution)', () => {
    const project = run(edit(yuxiEducation, { F6: -5, F7: -5 })); // 全年执行数 −5 → 执行率 −50 % written into H6
    const dept = run(edit(yuxiDepartment, { G15: -1_000_000 })); // 实际支出金额 −1,000,000 → task rate −29.19 % into H15
    const negative = [project, dept].flatMap((r) =>
      r.writes.filter((w) => (w.kind === 'fundRate' || w.kind === 'taskRate') && (w.value as number) < 0),
    );
    expect(negative.map((w) => `${w.address}=${w.value}`)).toEqual([]);
  });

  it('never plans two writes into one cell', () => {
    // (a) the value row under 总分值/总得分/自评等级 is one merged cell: total and grade both land on H22
    const a = run(withMerges(edit(yuxiOffice, { I22: null, J22: null }), ['H22:J22']));
    // (b) two indicators share a merged 得分 cell (I15:I16), both blank: two different scores for I15
    const b = run(withMerges(edit(yuxiEducation, { I15: null, I16: null, G16: 30 }), ['I15:I16']));
    for (const r of [a, b]) {
      const seen = r.writes.map((w) => w.address);
      expect(seen).toEqual([...new Set(seen)]);
    }
  });

  it('never writes a negative score (§4: clamp scores to [0, W])', () => {
    // qualitative 是/是 is achieved; with a blank 得分 the weight itself is written, unclamped: −10 into I17
    const r = run(edit(yuxiReception, { H17: -10, I17: null }));
    expect(
      r.writes.filter((w) => (w.kind === 'score' || w.kind === 'fundScore') && (w.value as number) < 0).map((w) => `${w.address}=${w.value}`),
    ).toEqual([]);
  });

  it('never writes the total over its own label (总得分 in the 得分 column)', () => {
    // without the 总分 label in A22 (and no 自评等级), 总得分 in I22 becomes the total label and the fallback
    // "total cell = 得分 column of the label row" is the label itself: 100 replaces the text 总得分
    const r = run(edit(yuxiReception, { A22: null, J22: null }));
    expect(writesTo(r, 'I22')).toEqual([]);
    expect(r.tables[0].totalCell).not.toBe('I22');
  });

  it('never replaces text in a computed cell without saying so (§6: nothing else is ever changed)', () => {
    // 执行率 holding a note: the rate overwrites it and no finding points at the cell
    const r = run(edit(yuxiEducation, { H6: '见附件' }));
    for (const w of writesTo(r, 'H6')) expect(r.findings.filter((f) => f.cell === w.address).map((f) => f.rule)).not.toEqual([]);
  });

  it('a missing 计划投资额 is not read from the label next to it (Jiangxi header block)', () => {
    // C6 blank: rubricFunds takes the next non-empty cell, D6 "实际到位资金(万元)", and reports it unreadable
    const r = run(edit(jiangxiRubric, { C6: null }));
    expect(r.findings.filter((f) => f.cell === 'D6')).toEqual([]);
  });

  it('a remark typed into 计划投资额 is reported, not taken for the next label (Jiangxi header block)', () => {
    // amountRightOf treats any CJK text without digits as "another label": 待定 or 见附件 in C6 makes the
    // whole fund block vanish silently, where "abc" is reported as unparsable-value
    for (const remark of ['待定', '见附件']) {
      const r = run(edit(jiangxiRubric, { C6: remark }));
      expect([remark, r.findings.filter((f) => f.cell === 'C6').map((f) => f.rule)]).toEqual([remark, ['unparsable-value']]);
    }
  });

  it('error values in a task row are reported, not taken for the end of the task rows', () => {
    // #REF! in both 批复金额 and 实际支出 of the 总额 row: the row is skipped as "no numbers", nothing is reported
    const r = analyzeWorkbook([
      (() => {
        const g = placeTables('Sheet1', [{ table: yuxiDepartment, at: 'A1' }]);
        g.values[13][3] = { error: '#REF!' }; // D14
        g.values[13][6] = { error: '#REF!' }; // G14
        return g;
      })(),
    ]);
    expect(
      r.findings
        .filter((f) => f.rule === 'unparsable-value')
        .map((f) => f.cell)
        .sort(),
    ).toEqual(['D14', 'G14']);
  });

  it('an indicator whose name sits in a merged 二级:三级 cell is kept when its values are blank (missing-value)', () => {
    // Beijing row 25: 结转结余率 in B25:C25, 分值 and 得分 cleared → the row is skipped as a merged title
    const r = run(edit(beijingExecution, { F25: null, G25: null }));
    expect(r.findings.filter((f) => f.rule === 'missing-value').map((f) => f.cell)).toContain('F25');
  });

  it('a header word merged across a whole row costs linear time, not quadratic (recognize.ts rowRoles)', () => {
    // rowRoles records a merged header "at each column it covers" with list.includes(c): a header merged
    // A:XFD puts 16,384 columns in one list, 134 M comparisons, ~100 ms per row (20 rows ~2 s; a 5,000-row
    // merge over 47 rows of noise took 4.7 s in the fuzz run). c only grows, so comparing with the last entry is enough.
    const n = 20;
    // Each row also holds a value at XFD so the grid is 16,384 columns wide: rowEnd() caps a merge at the
    // grid's width, so without it the merged columns would never be visited.
    const row = () => {
      const r: unknown[] = new Array(16_384).fill(null);
      r[0] = '实际支出金额';
      r[16_383] = 1;
      return r;
    };
    const g = sheet(
      Array.from({ length: n }, row),
      Array.from({ length: n }, (_, i) => ({ top: i, left: 0, bottom: i, right: 16_383 })),
    );
    // Deterministic guard instead of a wall-clock bound: count the elements that linear searches
    // (includes/indexOf) scan during the analysis. The old code scanned sum(1..16,384) ≈ 134 M per row.
    let scanned = 0;
    const proto = Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    const originals = { includes: proto.includes, indexOf: proto.indexOf };
    for (const name of ['includes', 'indexOf'] as const) {
      const orig = originals[name];
      proto[name] = function (this: unknown[], ...a: unknown[]) {
        scanned += this.length;
        return orig.apply(this, a);
      };
    }
    try {
      analyzeWorkbook([g]);
    } finally {
      proto.includes = originals.includes;
      proto.indexOf = originals.indexOf;
    }
    const cells = n * 16_384;
    expect(scanned).toBeLessThan(10 * cells);
  });

  it('department tables: a met positive indicator far above its target is target-too-low (§4.3, §5)', () => {
    // §4.3 applies to every met positive indicator and §5 asks a deviation reason for target-too-low "in
    // tables without weights" too; the engine only evaluates §4.3 while scoring, i.e. in weighted tables.
    // 服务全市招商引资 ≥ 3 家, actual 10: d = 233 % ≥ 200 %. (Interpretation to confirm by the lead.)
    const r = run(edit(yuxiDepartment, { G24: 10 }));
    expect(r.findings.filter((f) => f.rule === 'target-too-low').map((f) => f.cell)).toEqual(['G24']);
    expect(r.findings.filter((f) => f.rule === 'missing-deviation-reason').map((f) => f.cell)).toContain('H24');
  });
});

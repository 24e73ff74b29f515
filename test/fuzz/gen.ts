// Generators and invariants shared by the fuzz suites (test/fuzz/*.test.ts).
// Everything here is deterministic given fast-check's input, so a failing case replays from its seed.
import fc from 'fast-check';
import { analyzeWorkbook, a1, allRuleIds, parseNumber } from '../../src/core';
import { isBlank } from '../../src/core/values';
import type { AnalysisResult, AnalyzeOptions, CellRange, CellValue, RuleId, SheetGrid } from '../../src/core';
import { placeTables } from '../fixtures/build';
import { rangeOf } from '../fixtures/define';
import type { FixtureCell, TableFixture } from '../fixtures/define';
import { REAL_TABLES, DECOYS, VARIANTS } from '../fixtures/tables';

// ---------------------------------------------------------------------------
// Run budget
// ---------------------------------------------------------------------------

/** Cases for a whole fuzz file: env FUZZ_RUNS, else `fallback` (what `npm test` runs). */
export function fuzzRuns(fallback: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** A seed from env FUZZ_SEED (replays a reported failure); else fixed under `npm test`, random under `npm run fuzz`. */
export function fuzzSeed(): number | undefined {
  const n = Number(process.env.FUZZ_SEED);
  if (process.env.FUZZ_SEED !== undefined && Number.isInteger(n)) return n;
  // `npm test` (and so CI) must be reproducible: a fixed seed; `npm run fuzz` explores new ones
  return process.env.FUZZ_RUNS ? undefined : 20261122;
}

/** Jest timeout for a property running `runs` cases: generous, never below jest's 60 s default. */
export function timeoutFor(runs: number, msPerCase = 25): number {
  return Math.max(60_000, runs * msPerCase + 30_000);
}

/** Splits `total` cases over weighted parts (each part gets at least 1). */
export function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.max(1, Math.round((total * w) / sum)));
}

// ---------------------------------------------------------------------------
// Vocabulary of hostile cells
// ---------------------------------------------------------------------------

export const HEADER_WORDS = [
  '分值',
  '得分',
  '一级指标',
  '二级指标',
  '三级指标',
  '指标性质',
  '年度指标值',
  '指标值',
  '度量单位',
  '实际完成值',
  '完成值',
  '权重',
  '偏差原因分析及改进措施',
  '未完成原因分析',
  '备注',
  '年初预算数',
  '全年预算数',
  '调整后预算数',
  '财政下达数',
  '全年执行数',
  '预算执行数',
  '执行率',
  '预算执行率',
  '总分',
  '总分值',
  '总得分',
  '自评等级',
  '评价等次',
  '等级',
  '合计',
  '总计',
  '项目名称',
  '项目名称：',
  '项目资金（万元）',
  '年度资金总额',
  '其中：当年财政拨款',
  '上年结转资金',
  '其他资金',
  '其他',
  '资金总体',
  '其他需要说明的事项',
  '任务名称',
  '批复金额',
  '总额',
  '财政拨款',
  '实际支出金额',
  '预算数（万元）',
  '执行数（万元）',
  '计划投资额',
  '实际使用情况',
  '产出指标',
  '效益指标',
  '满意度指标',
  '数量指标',
  '质量指标',
  '时效指标',
  '成本指标',
  '社会效益指标',
  '服务对象满意度指标',
  '指标 1:',
  '……',
  '分 值',
  '得\u3000分',
  '年度\n指标\n值',
  ' 全年执行数 ',
  '全年预\n算数',
  '实际\n完成值（Ｂ）',
  '总\u3000分',
];

export const VALUE_TEXTS = [
  '≥90%',
  '＞＝90',
  '≧90',
  '不低于90%',
  '≤3个月',
  '=100%',
  '=1批次',
  '90%以上',
  '3个月以内',
  '不超过5万元',
  '是',
  '否',
  '优',
  '良',
  '中',
  '差',
  '好',
  '较好',
  '一般',
  '达成',
  '部分达成',
  '未达成',
  '基本完成',
  '有效',
  '10万元',
  '95%',
  '1,964.32',
  '４，４３７，８４４．９１',
  '１２３',
  '约5',
  '5年',
  '10分',
  '2个月',
  '60天',
  '—',
  '-',
  '/',
  '无',
  'n/a',
  'NULL',
  '',
  ' ',
  '\n',
  '\u3000',
  '\u200b',
  '1e400',
  '-1e400',
  '1e-400',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '1,2,3',
  '1.2.3',
  '--5',
  '+-5',
  '优 ☑ 良 □ 中 □ 差 □',
  '☑优',
  '□',
  '10abc万元',
  '=SUM(A1:A3)',
  '#DIV/0!',
  '#REF!',
  '项目名称：某项目',
  '总分100',
  '待定',
  '见附件',
  'x'.repeat(60),
  '分'.repeat(41),
];

export const ERRORS = ['#DIV/0!', '#REF!', '#N/A', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', ''];

/** Finite numbers that are legal in a sheet but hostile to arithmetic. */
export const EXTREME_NUMBERS = [
  1e300,
  -1e300,
  1e-300,
  -1e-300,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e15 + 0.3,
  0,
  -0,
  0.005,
  1.005,
  2.675,
  -1,
  -100,
  1e-9,
];

/** Not in a real sheet, but the engine must survive them. */
export const NON_FINITE = [NaN, Infinity, -Infinity];

export const FORMATS: (string | null | undefined)[] = [
  null,
  undefined,
  '',
  'General',
  '@',
  '0',
  '0.00',
  '0%',
  '0.00%',
  '#,##0.00',
  '"%"',
  '0.00\\%',
  'yyyy-mm-dd',
  '[Red]0.00;-0.00',
  '0.00"万元"',
  '0%;-0%;"—"',
];

export const FORMULAS = ['SUM(A1:A3)', '=F6/D6', 'G6*MIN(H6,1)', 'A1', '1/0', 'IF(A1>90,"优","良")', '""'];

const numberArb = (nonFinite: boolean): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
    { weight: 3, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    { weight: 2, arbitrary: fc.constantFrom(...EXTREME_NUMBERS) },
    { weight: 1, arbitrary: fc.double({ noNaN: !nonFinite, noDefaultInfinity: !nonFinite }) },
    { weight: nonFinite ? 1 : 0, arbitrary: fc.constantFrom(...NON_FINITE) },
  );

/** Header words with stray spaces, line breaks and full-width forms. */
const messyHeaderArb = fc.tuple(fc.constantFrom(...HEADER_WORDS), fc.constantFrom('', ' ', '\n', '\u3000', '\r\n'), fc.nat(8)).map(([w, sep, at]) => {
  const i = Math.min(at, w.length);
  return w.slice(0, i) + sep + w.slice(i);
});

export interface CellOptions {
  /** NaN/Infinity numbers and Invalid Dates: never in a real sheet. */
  nonFinite?: boolean;
}

export function cellArb(o: CellOptions = {}): fc.Arbitrary<CellValue | undefined> {
  const nonFinite = !!o.nonFinite;
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.constantFrom(...HEADER_WORDS) },
    { weight: 1, arbitrary: messyHeaderArb },
    { weight: 4, arbitrary: fc.constantFrom(...VALUE_TEXTS) },
    { weight: 6, arbitrary: numberArb(nonFinite) },
    { weight: 1, arbitrary: fc.constantFrom(...ERRORS).map((error) => ({ error })) },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }) },
    // what a reader makes of a date-formatted cell holding a number out of Date's range
    { weight: nonFinite ? 1 : 0, arbitrary: fc.constant(null).map(() => new Date(NaN)) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  );
}

// ---------------------------------------------------------------------------
// Grids
// ---------------------------------------------------------------------------

/** Rows × columns actually covered by a grid's values (the width is the longest row). */
export function extent(g: SheetGrid): CellRange {
  let width = 0;
  for (const r of g.values) if (r && r.length > width) width = r.length;
  return { top: g.top, left: g.left, bottom: g.top + g.values.length - 1, right: g.left + width - 1 };
}

function clipRange(m: CellRange, e: CellRange): CellRange | null {
  const r = { top: Math.max(m.top, e.top), left: Math.max(m.left, e.left), bottom: Math.min(m.bottom, e.bottom), right: Math.min(m.right, e.right) };
  return r.top <= r.bottom && r.left <= r.right ? r : null;
}

/** A merge inside extent `e`, as fractions of the extent (so shrinking keeps it valid). */
const mergeSpecArb = fc.record({
  r: fc.double({ min: 0, max: 1, noNaN: true }),
  c: fc.double({ min: 0, max: 1, noNaN: true }),
  h: fc.oneof({ weight: 5, arbitrary: fc.nat(4) }, { weight: 1, arbitrary: fc.nat(60) }),
  w: fc.oneof({ weight: 5, arbitrary: fc.nat(3) }, { weight: 1, arbitrary: fc.nat(15) }),
});
type MergeSpec = typeof mergeSpecArb extends fc.Arbitrary<infer T> ? T : never;

const overlaps = (a: CellRange, b: CellRange) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/** Adds `m` unless it overlaps a merge already there (Excel cannot hold overlapping merges). */
function addMerge(list: CellRange[], m: CellRange | null): void {
  if (m && !list.some((x) => overlaps(x, m))) list.push(m);
}

function mergeIn(e: CellRange, s: MergeSpec): CellRange | null {
  if (e.bottom < e.top || e.right < e.left) return null;
  const top = e.top + Math.floor(s.r * (e.bottom - e.top + 1) * 0.999999);
  const left = e.left + Math.floor(s.c * (e.right - e.left + 1) * 0.999999);
  return clipRange({ top, left, bottom: top + s.h, right: left + s.w }, e);
}

const formatRowArb = fc.array(fc.constantFrom(...FORMATS), { maxLength: 15 });
const formulaRowArb = fc.array(
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...FORMULAS) },
  ),
  { maxLength: 15 },
);

/** One random row: noise, a header line, a numeric line, a label line or blank. */
function rowArb(width: number, o: CellOptions): fc.Arbitrary<(CellValue | undefined)[] | undefined> {
  const cell = cellArb(o);
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(cell, { maxLength: width }) },
    { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HEADER_WORDS), fc.constant(null)), { maxLength: width }) },
    {
      weight: 2,
      arbitrary: fc.array(fc.oneof(numberArb(!!o.nonFinite), fc.constant(null), fc.constantFrom('是', '优', '≥90%', '—')), { maxLength: width }),
    },
    { weight: 1, arbitrary: fc.constant(null).map((): (CellValue | undefined)[] => []) },
    { weight: o.nonFinite ? 1 : 0, arbitrary: fc.constant(undefined) },
  );
}

/** Random grids up to 60 × 15 with header words in odd places, merges, formats and formulas. */
export function noiseGridArb(o: CellOptions = {}): fc.Arbitrary<SheetGrid> {
  return fc
    .record({
      width: fc.integer({ min: 1, max: 15 }),
      height: fc.integer({ min: 0, max: 60 }),
      top: fc.oneof({ weight: 4, arbitrary: fc.nat(30) }, { weight: 1, arbitrary: fc.nat(1_048_000) }),
      left: fc.oneof({ weight: 4, arbitrary: fc.nat(10) }, { weight: 1, arbitrary: fc.nat(16_000) }),
      seed: fc.nat(),
      merges: fc.array(mergeSpecArb, { maxLength: 10 }),
      withFormats: fc.boolean(),
      withFormulas: fc.boolean(),
    })
    .chain((p) =>
      fc.record({
        p: fc.constant(p),
        rows: fc.array(rowArb(p.width, o), { minLength: p.height, maxLength: p.height }),
        formats: p.withFormats ? fc.array(formatRowArb, { maxLength: p.height }) : fc.constant(undefined),
        formulas: p.withFormulas ? fc.array(formulaRowArb, { maxLength: p.height }) : fc.constant(undefined),
      }),
    )
    .map(({ p, rows, formats, formulas }) => {
      const g: SheetGrid = { name: 'noise', top: p.top, left: p.left, values: rows as CellValue[][], merges: [] };
      if (formats) g.formats = formats;
      if (formulas) g.formulas = formulas;
      const e = extent(g);
      for (const m of p.merges) addMerge(g.merges, mergeIn(e, m));
      return g;
    });
}

// ---------------------------------------------------------------------------
// Fragments of the real fixture tables
// ---------------------------------------------------------------------------

export const FIXTURES: Readonly<Record<string, TableFixture>> = { ...REAL_TABLES, ...VARIANTS, ...DECOYS };
const FIXTURE_IDS = Object.keys(FIXTURES);

const frac = fc.double({ min: 0, max: 1, noNaN: true });

/** How one fixture is cut before it is placed. */
const pieceArb = fc.record({
  id: fc.constantFrom(...FIXTURE_IDS),
  cut: fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) }, // the whole table
    { weight: 4, arbitrary: fc.record({ r0: frac, r1: frac, c0: frac, c1: frac }) },
  ),
  shuffle: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ seed: fc.nat(), keepMerges: fc.boolean() }) }),
  gap: fc.nat(4),
  colOffset: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(8) }),
});
type Piece = typeof pieceArb extends fc.Arbitrary<infer T> ? T : never;

function sliceIdx(n: number, a: number, b: number): [number, number] {
  let i = Math.floor(a * n * 0.999999);
  let j = Math.floor(b * n * 0.999999);
  if (i > j) [i, j] = [j, i];
  return [i, j];
}

/** Rows r0..r1 and columns c0..c1 (inclusive) of a fixture; merges are clipped, formats/formulas kept. */
export function sliceFixture(t: TableFixture, r0: number, r1: number, c0: number, c1: number): TableFixture {
  const rows = t.rows.slice(r0, r1 + 1).map((r) => r.slice(c0, c1 + 1));
  const box = { top: r0, left: c0, bottom: r1, right: c1 };
  const merges: string[] = [];
  for (const m of t.merges) {
    const c = clipRange(rangeOf(m), box);
    if (!c || (c.top === c.bottom && c.left === c.right)) continue;
    merges.push(`${a1(c.top - r0, c.left - c0)}:${a1(c.bottom - r0, c.right - c0)}`);
  }
  const remap = (rec: Record<string, string> | undefined) => {
    if (!rec) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(rec)) {
      const p = rangeOf(k);
      if (p.top >= r0 && p.top <= r1 && p.left >= c0 && p.left <= c1) out[a1(p.top - r0, p.left - c0)] = v;
    }
    return out;
  };
  return { id: `${t.id}[${r0}:${r1},${c0}:${c1}]`, rows, merges, formats: remap(t.formats), formulas: remap(t.formulas) };
}

/** Deterministic Fisher–Yates shuffle of a fixture's rows (merges kept as-is or dropped). */
export function shuffleFixture(t: TableFixture, seed: number, keepMerges: boolean): TableFixture {
  const idx = t.rows.map((_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = idx.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const moved = <T>(rec: Record<string, T> | undefined) => {
    if (!rec) return undefined;
    const inv = new Map(idx.map((from, to) => [from, to]));
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(rec)) {
      const p = rangeOf(k);
      out[a1(inv.get(p.top)!, p.left)] = v;
    }
    return out;
  };
  return {
    id: `${t.id}~${seed}`,
    rows: idx.map((i) => [...t.rows[i]]),
    merges: keepMerges ? [...t.merges] : [],
    formats: moved(t.formats),
    formulas: moved(t.formulas),
  };
}

function cutPiece(p: Piece): TableFixture {
  let t = FIXTURES[p.id];
  if (p.cut) {
    const [r0, r1] = sliceIdx(t.rows.length, p.cut.r0, p.cut.r1);
    const [c0, c1] = sliceIdx(t.rows[0].length, p.cut.c0, p.cut.c1);
    t = sliceFixture(t, r0, r1, c0, c1);
  }
  if (p.shuffle) t = shuffleFixture(t, p.shuffle.seed, p.shuffle.keepMerges);
  return t;
}

/** Overwrites of single cells, by fraction of the extent. */
const overlayArb = (o: CellOptions) => fc.array(fc.record({ r: frac, c: frac, v: cellArb(o) }), { maxLength: 8 });

/** Replace numbers of the grid with extreme ones: every `every`-th numeric cell gets `pick[i % len]`. */
const extremeArb = fc.option(
  fc.record({
    every: fc.integer({ min: 1, max: 6 }),
    pick: fc.array(fc.constantFrom(...EXTREME_NUMBERS, -5, -10, 0), { minLength: 1, maxLength: 4 }),
  }),
  { freq: 2 },
);

export interface FragmentParams {
  pieces: Piece[];
  top: number;
  left: number;
  overlay: { r: number; c: number; v: CellValue | undefined }[];
  extreme: { every: number; pick: number[] } | null;
  merges: MergeSpec[];
}

export function fragmentParamsArb(o: CellOptions = {}, maxPieces = 3): fc.Arbitrary<FragmentParams> {
  return fc.record({
    pieces: fc.array(pieceArb, { minLength: 1, maxLength: maxPieces }),
    top: fc.oneof({ weight: 5, arbitrary: fc.nat(40) }, { weight: 1, arbitrary: fc.nat(1_000_000) }),
    left: fc.oneof({ weight: 5, arbitrary: fc.nat(6) }, { weight: 1, arbitrary: fc.nat(200) }),
    overlay: fc.oneof({ weight: 1, arbitrary: fc.constant(null).map((): FragmentParams['overlay'] => []) }, { weight: 2, arbitrary: overlayArb(o) }),
    extreme: extremeArb,
    merges: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null).map((): MergeSpec[] => []) },
      { weight: 1, arbitrary: fc.array(mergeSpecArb, { maxLength: 4 }) },
    ),
  });
}

function setGridCell(g: SheetGrid, row: number, col: number, v: CellValue | undefined): void {
  const i = row - g.top;
  const j = col - g.left;
  while (g.values.length <= i) g.values.push([]);
  if (!g.values[i]) g.values[i] = [];
  g.values[i][j] = v as CellValue;
}

/** Fixture pieces stacked at an offset, then noise: single-cell overwrites, extreme numbers, extra merges. */
export function buildFragment(name: string, p: FragmentParams): SheetGrid {
  let row = p.top;
  const placed = p.pieces.map((piece) => {
    const table = cutPiece(piece);
    const at = a1(row, p.left + piece.colOffset);
    row += table.rows.length + piece.gap;
    return { table, at };
  });
  const g = placeTables(name, placed);
  const e = extent(g);
  if (p.extreme) {
    let k = 0;
    for (const r of g.values)
      for (let j = 0; j < r.length; j++)
        if (typeof r[j] === 'number' && k++ % p.extreme.every === 0) r[j] = p.extreme.pick[k % p.extreme.pick.length];
  }
  if (e.bottom >= e.top && e.right >= e.left) {
    for (const o of p.overlay) {
      const r = e.top + Math.floor(o.r * (e.bottom - e.top + 1) * 0.999999);
      const c = e.left + Math.floor(o.c * (e.right - e.left + 1) * 0.999999);
      setGridCell(g, r, c, o.v);
    }
    for (const m of p.merges) addMerge(g.merges, mergeIn(e, m));
  }
  return g;
}

export function fragmentGridArb(o: CellOptions = {}, maxPieces = 3): fc.Arbitrary<SheetGrid> {
  return fragmentParamsArb(o, maxPieces).map((p) => buildFragment('fragment', p));
}

// ---------------------------------------------------------------------------
// Hostile shapes
// ---------------------------------------------------------------------------

/** Merges no reader should produce: huge, inverted, negative, far outside the values. */
export const hostileMergeArb: fc.Arbitrary<CellRange> = fc.oneof(
  fc.record({ top: fc.nat(5), left: fc.nat(5), bottom: fc.constantFrom(1_048_575, 10_000, 5_000, 4_999), right: fc.constantFrom(16_383, 100, 3) }),
  fc.record({ top: fc.nat(50), left: fc.nat(15), bottom: fc.nat(50), right: fc.nat(15) }), // often inverted
  fc.record({
    top: fc.integer({ min: -5, max: 5 }),
    left: fc.integer({ min: -5, max: 5 }),
    bottom: fc.integer({ min: -5, max: 5 }),
    right: fc.integer({ min: -5, max: 5 }),
  }),
  fc.record({ top: fc.constant(0), left: fc.constant(0), bottom: fc.nat(60), right: fc.nat(15) }),
);

export function hostileGridArb(): fc.Arbitrary<SheetGrid> {
  const o = { nonFinite: true };
  return fc.oneof(
    // empty sheets
    fc.constantFrom<SheetGrid>(
      { name: 'empty', top: 0, left: 0, values: [], merges: [] },
      { name: 'empty', top: 0, left: 0, values: [], merges: [], formats: [], formulas: [] },
      { name: 'empty', top: 5, left: 3, values: [[]], merges: [] },
      { name: 'empty', top: 0, left: 0, values: [undefined as unknown as CellValue[], [], [null]], merges: [] },
    ),
    // only merges
    fc
      .record({ n: fc.array(hostileMergeArb, { minLength: 1, maxLength: 30 }) })
      .map(({ n }) => ({ name: 'merges', top: 0, left: 0, values: [], merges: n })),
    // noise with non-finite numbers, invalid dates, rows of undefined, and hostile merges on top
    fc.tuple(noiseGridArb(o), fc.array(hostileMergeArb, { maxLength: 6 })).map(([g, ms]) => ({ ...g, merges: [...g.merges, ...ms] })),
    // fixture fragments with hostile merges and non-finite cells
    fc.tuple(fragmentGridArb(o), fc.array(hostileMergeArb, { maxLength: 4 })).map(([g, ms]) => ({ ...g, merges: [...g.merges, ...ms] })),
    // sparse arrays (holes) and formats/formulas longer or shorter than values
    fc.tuple(fragmentGridArb(o, 1), fc.array(fc.nat(60), { maxLength: 10 })).map(([g, holes]) => {
      const values = g.values.map((r) => r.slice());
      for (const h of holes) if (h < values.length) delete values[h];
      for (const r of values) if (r && r.length > 2) delete r[1];
      return { ...g, values, formats: g.formats?.slice(0, 3), formulas: g.formulas?.map((r) => r?.slice(0, 2)) };
    }),
  );
}

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

export const optionsArb: fc.Arbitrary<AnalyzeOptions> = fc.record(
  {
    profile: fc.constantFrom('national', 'beijing', 'hubei', 'sichuan'),
    disabledRules: fc.subarray(allRuleIds() as RuleId[], { maxLength: 4 }),
    lang: fc.constantFrom('zh' as const, 'en' as const),
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------

const A1_RE = /^([A-Z]{1,3})([1-9]\d{0,6})$/;
const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;
const EPS = 0.005 + 1e-9;

export class InvariantError extends Error {}

/**
 * Invariant tags to report but not fail on: env FUZZ_IGNORE="rate-negative,write-nonfinite" lets a run
 * look past a known engine bug for the next one. Empty in CI.
 */
export const IGNORE = new Set(
  (process.env.FUZZ_IGNORE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
export const ignored = new Map<string, { count: number; examples: string[] }>();

/** Fails with `[tag] msg`, unless the tag is in FUZZ_IGNORE (then it is counted in `ignored`). */
export function violate(tag: string, msg: string): void {
  if (IGNORE.has(tag)) {
    const cur = ignored.get(tag) ?? { count: 0, examples: [] };
    ignored.set(tag, cur);
    cur.count++;
    if (cur.examples.length < 8) cur.examples.push(msg.split('\n')[0]);
    return;
  }
  throw new InvariantError(`[${tag}] ${msg}`);
}

function fail(msg: string): never {
  throw new InvariantError(msg);
}

/**
 * The grid with its value arrays behind proxies that throw when the engine reads more than `margin` cells
 * past the values (a runaway scan): an endless loop over columns then fails the case instead of hanging
 * the process until V8 aborts on an array it grows without end.
 */
export function tripwired(g: SheetGrid, margin = 64, counter?: { reads: number }): SheetGrid {
  const e = extent(g);
  const width = e.right - e.left + 1;
  // reading blank cells left of or above the values is fine, down to the sheet's own A1
  const guard = <T extends object>(target: T, limit: number, low: number, what: string): T =>
    new Proxy(target, {
      get(t, prop, recv) {
        if (typeof prop === 'string') {
          const i = +prop; // NaN for 'length', 'map', …
          if (counter && Number.isInteger(i)) counter.reads++;
          if (i > limit || i < low)
            throw new InvariantError(
              `[runaway] the engine read ${what} index ${i} of a grid ${g.values.length} rows × ${width} columns (sheet ${g.name})`,
            );
        }
        return Reflect.get(t, prop, recv);
      },
    });
  const rows = g.values.map((r) => (r ? guard(r, width + margin, -g.left - margin, 'column') : r));
  return { ...g, values: guard(rows, g.values.length + margin, -g.top - margin, 'row') };
}

/**
 * Analyses and measures (for the statistics only); reports (tag `crash`) a throw, and (tag `slow`) a run
 * over `maxMs` only when a caller asks for a wall-clock bound: the suite bounds counted reads instead.
 */
export function timedAnalyze(sheets: SheetGrid[], options: AnalyzeOptions, maxMs = Infinity): { result: AnalysisResult; ms: number; threw: boolean } {
  const t0 = performance.now();
  let result: AnalysisResult;
  let threw = false;
  try {
    result = analyzeWorkbook(sheets, options);
  } catch (e) {
    threw = true;
    violate('crash', `analyzeWorkbook threw ${e instanceof Error ? e.stack : String(e)}`);
    result = { tables: [], findings: [], writes: [], marks: [] };
  }
  const ms = performance.now() - t0;
  if (ms > maxMs) violate('slow', `analyzeWorkbook took ${ms.toFixed(0)} ms (> ${maxMs} ms)`);
  return { result, ms, threw };
}

function valueAt(g: SheetGrid, row: number, col: number): CellValue | undefined {
  return g.values[row - g.top]?.[col - g.left];
}

function formulaAt(g: SheetGrid, row: number, col: number): string | null | undefined {
  return g.formulas?.[row - g.top]?.[col - g.left];
}

function mergeFollower(g: SheetGrid, row: number, col: number): boolean {
  // merges a reader could produce only (huge/inverted/outside ones are ignored here)
  return g.merges.some(
    (m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right && (m.top !== row || m.left !== col) && m.bottom - m.top <= 5000,
  );
}

/**
 * (c)–(f) and the structural invariants of one analysis.
 * `strictBounds`: findings must lie inside the values' extent and writes must not hit the hidden part of a
 * merged area (false for hostile grids whose merges overlap or lie outside the values).
 */
export function checkInvariants(sheets: SheetGrid[], r: AnalysisResult, options: AnalyzeOptions, strictBounds = true): void {
  const byName = new Map(sheets.map((g) => [g.name, g]));
  const disabled = new Set(options.disabledRules ?? []);

  // (c) every write targets a computed cell of a recognised table on that sheet, of the right kind
  const targets = new Map<string, { weights: (number | null)[] }>();
  const key = (sheet: string, kind: string, addr: string) => `${sheet}\u0000${kind}\u0000${addr}`;
  const addTarget = (sheet: string, kind: string, addr: string | null | undefined, weight: number | null = null) => {
    if (!addr) return;
    const k = key(sheet, kind, addr);
    const cur = targets.get(k);
    if (cur) cur.weights.push(weight);
    else targets.set(k, { weights: [weight] });
  };
  for (const t of r.tables) {
    if (!byName.has(t.sheet)) violate('structure', `table on unknown sheet ${t.sheet}`);
    if (t.funds) {
      addTarget(t.sheet, 'fundRate', t.funds.rateCell);
      addTarget(t.sheet, 'fundScore', t.funds.scoreCell, t.funds.weight);
    }
    for (const i of t.indicators) addTarget(t.sheet, 'score', i.scoreCell, i.weight);
    addTarget(t.sheet, 'total', t.totalCell);
    addTarget(t.sheet, 'grade', t.gradeCell);
    for (const task of t.tasks ?? []) addTarget(t.sheet, 'taskRate', task.rateCell);
  }
  const seen = new Set<string>();
  const flaggedCells = new Set(r.findings.map((f) => `${f.sheet}\u0000${f.cell}`));
  for (const w of r.writes) {
    const g = byName.get(w.sheet);
    if (!g) fail(`write on unknown sheet ${w.sheet}`);
    const where = `${w.sheet}!${w.address} (${w.kind} = ${String(w.value)})`;
    if (a1(w.row, w.col) !== w.address) violate('write-address', `write ${where}: row/col ${w.row}/${w.col} disagree with the address`);
    if (w.row < 0 || w.col < 0 || w.row > MAX_ROW || w.col > MAX_COL) violate('write-address', `write ${where}: outside the sheet`);
    const target = targets.get(key(w.sheet, w.kind, w.address));
    if (!target) {
      violate('write-target', `write ${where} is not the ${w.kind} cell of any recognised table`);
      continue;
    }
    // (d) never over a formula
    const f = formulaAt(g, w.row, w.col);
    if (f !== null && f !== undefined) violate('write-formula', `write ${where} targets a formula cell (${JSON.stringify(f)})`);
    // one write per cell
    const cellKey = `${w.sheet}\u0000${w.address}`;
    if (seen.has(cellKey)) violate('write-duplicate', `two writes target ${w.sheet}!${w.address}`);
    seen.add(cellKey);
    // never into the hidden part of a merged area
    if (strictBounds && mergeFollower(g, w.row, w.col))
      violate('write-merged', `write ${where} targets a merged cell that is not the top-left of its area`);
    // never replace the user's text silently: a write over a cell holding text that does not read as a number
    // must come with a finding there (docs/decisions.md: unparsable-value says so, unless the user turned it off)
    const cur = valueAt(g, w.row, w.col);
    if (
      w.kind !== 'grade' &&
      !disabled.has('unparsable-value') &&
      !isBlank(cur) &&
      typeof cur !== 'number' &&
      !(typeof cur === 'string' && parseNumber(cur) !== null) &&
      !flaggedCells.has(`${w.sheet}\u0000${w.address}`)
    )
      violate('write-over-text', `write ${where} replaces ${JSON.stringify(cur)} without a finding at that cell`);
    // (e) values
    if (w.kind === 'grade') {
      if (typeof w.value !== 'string' || w.value === '') violate('write-grade', `write ${where}: a grade must be text`);
    } else {
      if (typeof w.value !== 'number' || !Number.isFinite(w.value)) {
        violate('write-nonfinite', `write ${where}: not a finite number`);
        continue;
      }
      if ((w.kind === 'fundRate' || w.kind === 'taskRate') && w.value < 0) violate('rate-negative', `write ${where}: negative rate`);
      if ((w.kind === 'fundRate' || w.kind === 'taskRate') && w.numFmt !== '0.00%') violate('rate-format', `write ${where}: rate without a % format`);
      if (w.kind === 'score' || w.kind === 'fundScore') {
        if (w.value < 0) violate('score-range', `write ${where}: negative score`);
        const ws = target.weights.filter((x): x is number => x !== null && Number.isFinite(x));
        // rounding to 2 decimals may pass W by < 0.005; beyond 1e10 roundHalfUp keeps 12 significant digits
        if (
          ws.length === target.weights.length &&
          ws.length &&
          !ws.some((W) => (w.value as number) <= Math.max(W, 0) + Math.max(EPS, Math.abs(W) * 1e-11))
        )
          violate('score-range', `write ${where}: score above its weight ${ws.join('/')}`);
      }
    }
  }

  // (f) findings point at valid cells of their sheet
  const ruleIds = new Set<string>(allRuleIds());
  const extents = new Map<SheetGrid, CellRange>();
  for (const f of r.findings) {
    const g = byName.get(f.sheet);
    if (!g) fail(`finding on unknown sheet ${f.sheet}`);
    const where = `${f.rule} at ${f.sheet}!${f.cell}`;
    if (!ruleIds.has(f.rule)) violate('finding-rule', `unknown rule ${f.rule}`);
    if (disabled.has(f.rule)) violate('finding-rule', `${where}: the rule is disabled`);
    if (!A1_RE.test(f.cell)) violate('finding-address', `${where}: not an A1 address`);
    if (a1(f.row, f.col) !== f.cell) violate('finding-address', `${where}: row/col ${f.row}/${f.col} disagree with the address`);
    if (f.row < 0 || f.col < 0 || f.row > MAX_ROW || f.col > MAX_COL) violate('finding-address', `${where}: outside the sheet`);
    if (strictBounds) {
      const e = extents.get(g) ?? extents.set(g, extent(g)).get(g)!;
      if (f.row < e.top || f.row > e.bottom || f.col < e.left || f.col > e.right)
        violate('finding-bounds', `${where}: outside the grid's extent ${a1(e.top, e.left)}:${a1(e.bottom, e.right)}`);
    }
    if (!f.message || !f.messageZh || !f.messageEn) violate('message', `${where}: empty message`);
    if (/undefined|\[object /.test(f.messageZh + f.messageEn)) violate('message', `${where}: message "${f.messageZh}" / "${f.messageEn}"`);
  }
  // tables list exactly the findings
  const flat = r.tables.flatMap((t) => t.findings);
  if (flat.length !== r.findings.length) violate('structure', `tables hold ${flat.length} findings, the result ${r.findings.length}`);
  // marks are made of findings
  const flagged = new Set(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.sheet}\u0000${f.cell}`));
  for (const m of r.marks) if (!flagged.has(`${m.sheet}\u0000${m.address}`)) violate('marks', `mark at ${m.sheet}!${m.address} without a finding`);
  if (r.marks.length !== flagged.size) violate('marks', `${r.marks.length} marks for ${flagged.size} flagged cells`);
}

/** Deep copy (Dates, NaN, undefined and array holes survive; same realm as the test, unlike structuredClone). */
export function deepClone<T>(x: T): T {
  if (x === null || typeof x !== 'object') return x;
  if (x instanceof Date) return new Date(x.getTime()) as unknown as T;
  if (Array.isArray(x)) {
    const out = new Array(x.length);
    for (let i = 0; i < x.length; i++) if (i in x) out[i] = deepClone(x[i]);
    return out as unknown as T;
  }
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(x));
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) out[k] = deepClone(v);
  return out as T;
}

/** Structural equality where NaN equals NaN and two Invalid Dates are equal (unlike util.isDeepStrictEqual). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (i in a !== i in b || !deepEqual(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka)
    if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

export function cloneGrids(sheets: SheetGrid[]): SheetGrid[] {
  return deepClone(sheets);
}

/** Distinct sheet names for a workbook. */
export function nameSheets(sheets: SheetGrid[]): SheetGrid[] {
  return sheets.map((g, i) => ({ ...g, name: i === 0 ? g.name : `${g.name} (${i + 1})` }));
}

export type { FixtureCell };

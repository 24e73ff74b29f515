// Mutations of the real seed tables (REAL_TABLES): blank or garble cells the way people damage them
// (random text, Excel error values, negative numbers, numbers with units, huge numbers) and check that
//   - the engine never crashes and keeps its invariants, whatever cell is hit (headers and labels too);
//   - when the damaged cell is an indicator's target/actual/weight/score cell, a fund cell, a task cell,
//     a rubric weight/score cell or a total/grade cell, the findings and writes are exactly what the rule
//     book (RULES.md §3–§6, src/core/rules/*.ts) promises for that damage: a finding at the damaged cell
//     (missing-value, unparsable-value, score-mismatch, qualitative-*, …) or at the cell the rule names
//     (unit-mismatch and qualitative-unrated at 实际完成值, budget-fallback at 年初预算数, fund-breakdown at
//     the column's total), or a computed result that absorbs it (a blank score is filled, a rate rewritten);
//   - damage stays local: a new missing-value/unparsable-value/unit-mismatch/qualitative-unrated appears only
//     at the damaged cell (or at the same row's 实际完成值 cell when the target was hit).
// Where the rule book is silent (a negative budget, a negative exact target, units on one side only) only
// the invariants are checked. Profile: national.
//
// Each property runs twice: with a fixed seed, and with fuzzSeed() (FUZZ_SEED if set; another fixed seed under
// `npm test`; a random one under `npm run fuzz`). Case count: env FUZZ_RUNS for the whole file (default 1,600).
import fc from 'fast-check';
import { analyzeWorkbook, a1, parseA1, roundHalfUp } from '../../src/core';
import type { AnalysisResult, CellValue, RuleId, SheetGrid, TableResult } from '../../src/core';
import { placeTables } from '../fixtures/build';
import type { TableFixture } from '../fixtures/define';
import { REAL_TABLES } from '../fixtures/tables';
import { checkInvariants, IGNORE, fuzzRuns, fuzzSeed, split, timeoutFor, tripwired, HEADER_WORDS, VALUE_TEXTS, ERRORS, EXTREME_NUMBERS } from './gen';

const RUNS = fuzzRuns(1600);
const FIXED_SEED = 20240607;
const IDS = Object.keys(REAL_TABLES);
// per fixture and seed mode: exact single-cell damage, several cells at once, any cell of the table
const [EXACT, MULTI, ANY] = split(RUNS, [6, 2, 2]).map((n) => Math.max(1, Math.round(n / IDS.length / 2)));
jest.setTimeout(timeoutFor(RUNS, 40));

// ---------------------------------------------------------------------------
// Where the data cells of each seed table are (relative A1 = absolute, tables are placed at A1)
// ---------------------------------------------------------------------------

interface IndCols {
  nature?: string;
  target: string;
  unit?: string;
  actual: string;
  weight?: string;
  score?: string;
  reason?: string;
  level2: string;
}
interface FundCols {
  row: number;
  kind: 'project' | 'exec' | 'rubricFunds';
  initial?: string;
  budget: string;
  allocated?: string;
  spent: string;
  weight?: string;
  rate?: string;
  score?: string;
  /** 当年财政拨款 / 上年结转资金 / 其他资金 rows (project tables). */
  parts: number[];
}
interface TaskCols {
  rows: number[];
  approved: string;
  fiscal: string;
  other: string;
  spent: string;
  rate: string;
  reason: string;
}
interface RubricSpec {
  leaves: number[];
  leafWeight: string;
  leafScore: string;
  /** Parent weight cell → rows of its children's weight cells (same column letter given). */
  parents: { cell: string; childCol: string; childRows: number[] }[];
  totalCell: string;
  weightsCell: string;
}
interface TableSpec {
  ind?: {
    rows: number[];
    cols: IndCols;
    weighted: boolean;
    weightMerges?: Record<number, number[]>;
    /** Rows under a sub-header ("指标 2022年 2023年 分值 得分"): only 分值 and 得分 are read there. */
    scoreOnlyRows?: number[];
  };
  fund?: FundCols;
  tasks?: TaskCols;
  rubric?: RubricSpec;
  totalCell?: string;
  gradeCell?: string;
}

const YUXI_IND: IndCols = { nature: 'D', target: 'E', unit: 'F', actual: 'G', weight: 'H', score: 'I', reason: 'J', level2: 'B' };
const YUXI_FUND_GRANT = { initial: 'C', budget: 'D', allocated: 'E', spent: 'F', weight: 'G', rate: 'H', score: 'I' };
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

const SPECS: Record<string, TableSpec> = {
  yuxiOffice: {
    ind: { rows: range(15, 19), cols: YUXI_IND, weighted: true },
    fund: { row: 6, kind: 'project', initial: 'C', budget: 'D', spent: 'E', weight: 'F', rate: 'G', score: 'H', parts: [7, 8, 9] },
    totalCell: 'I22',
    gradeCell: 'J22',
  },
  yuxiEducation: {
    ind: { rows: range(15, 20), cols: YUXI_IND, weighted: true },
    fund: { row: 6, kind: 'project', ...YUXI_FUND_GRANT, parts: [7, 8, 9] },
    totalCell: 'I23',
    gradeCell: 'J23',
  },
  yuxiFestival: {
    ind: { rows: range(14, 18), cols: YUXI_IND, weighted: true },
    fund: { row: 6, kind: 'project', ...YUXI_FUND_GRANT, parts: [7, 8, 9] },
    totalCell: 'I21',
    gradeCell: 'J21',
  },
  yuxiReception: {
    ind: { rows: range(15, 20), cols: YUXI_IND, weighted: true },
    fund: { row: 6, kind: 'project', ...YUXI_FUND_GRANT, parts: [7, 8, 9] },
    totalCell: 'I23',
    gradeCell: 'J23',
  },
  fengtai: {
    ind: {
      rows: [14, 15, 16, 17, 29, 30, 31, 35, 36, 38, 39],
      cols: { target: 'E', actual: 'F', weight: 'G', score: 'H', reason: 'I', level2: 'C' },
      weighted: true,
    },
    fund: { row: 7, kind: 'project', initial: 'C', budget: 'D', spent: 'E', weight: 'F', rate: 'G', score: 'H', parts: [8, 9, 10] },
    totalCell: 'H41',
  },
  yuxiDepartment: {
    tasks: { rows: [14, 15, 16], approved: 'D', fiscal: 'E', other: 'F', spent: 'G', rate: 'H', reason: 'I' },
    ind: { rows: range(19, 25), cols: { nature: 'D', target: 'E', unit: 'F', actual: 'G', reason: 'H', level2: 'B' }, weighted: false },
  },
  jiangxiRubric: {
    fund: { row: 6, kind: 'rubricFunds', budget: 'C', spent: 'G', parts: [] },
    rubric: {
      leaves: range(13, 31),
      leafWeight: 'F',
      leafScore: 'G',
      parents: [
        ...[[13, [13, 14]], [15, [15, 16]], [17, [17, 18]], [19, [19, 20]], [21, [21]], [22, [22, 23]], ...range(24, 31).map((r) => [r, [r]])].map(
          ([r, rows]) => ({ cell: `D${r}`, childCol: 'F', childRows: rows as number[] }),
        ),
        { cell: 'B13', childCol: 'D', childRows: [13, 15, 17] },
        { cell: 'B19', childCol: 'D', childRows: [19, 21, 22] },
        { cell: 'B24', childCol: 'D', childRows: range(24, 29) },
        { cell: 'B30', childCol: 'D', childRows: [30, 31] },
      ],
      totalCell: 'G32',
      weightsCell: 'B32',
    },
    gradeCell: 'B33',
  },
  beijingExecution: {
    fund: { row: 4, kind: 'exec', budget: 'C', spent: 'D', rate: 'E', weight: 'F', score: 'G', parts: [] },
    ind: {
      rows: [...range(10, 16), ...range(19, 23)],
      cols: { target: 'D', actual: 'E', weight: 'F', score: 'G', level2: 'B' },
      weighted: true,
      weightMerges: { 10: range(10, 13), 14: range(14, 16) },
      scoreOnlyRows: [25, 26],
    },
    totalCell: 'G27',
  },
};

type Role =
  | { kind: 'ind'; field: 'target' | 'actual' | 'weight' | 'score'; rows: number[] }
  | { kind: 'fund'; field: 'initial' | 'budget' | 'allocated' | 'spent' | 'weight' | 'rate' | 'score' }
  | { kind: 'part'; field: 'initial' | 'budget' | 'allocated' | 'spent'; row: number }
  | { kind: 'task'; field: 'approved' | 'fiscal' | 'other' | 'spent' | 'rate'; row: number }
  | { kind: 'rubric'; field: 'leafWeight' | 'leafScore' | 'parentWeight'; row: number }
  | { kind: 'total' }
  | { kind: 'grade' };

interface Target {
  ref: string;
  role: Role;
}

/** Every data cell of a seed table that the oracle knows about. */
function targetsOf(id: string): Target[] {
  const s = SPECS[id];
  const out: Target[] = [];
  if (s.ind) {
    const { cols, rows, weightMerges, scoreOnlyRows = [] } = s.ind;
    const covered = new Set(Object.values(weightMerges ?? {}).flat());
    for (const r of [...rows, ...scoreOnlyRows]) {
      const fields = scoreOnlyRows.includes(r) ? (['score'] as const) : (['target', 'actual', 'score'] as const);
      for (const field of fields) if (cols[field]) out.push({ ref: `${cols[field]}${r}`, role: { kind: 'ind', field, rows: [r] } });
      if (cols.weight) {
        if (weightMerges?.[r]) out.push({ ref: `${cols.weight}${r}`, role: { kind: 'ind', field: 'weight', rows: weightMerges[r] } });
        else if (!covered.has(r)) out.push({ ref: `${cols.weight}${r}`, role: { kind: 'ind', field: 'weight', rows: [r] } });
      }
    }
  }
  if (s.fund) {
    const f = s.fund;
    for (const field of ['initial', 'budget', 'allocated', 'spent', 'weight', 'rate', 'score'] as const)
      if (f[field]) out.push({ ref: `${f[field]}${f.row}`, role: { kind: 'fund', field } });
    for (const row of f.parts)
      for (const field of ['initial', 'budget', 'allocated', 'spent'] as const)
        if (f[field]) out.push({ ref: `${f[field]}${row}`, role: { kind: 'part', field, row } });
  }
  if (s.tasks)
    for (const row of s.tasks.rows)
      for (const field of ['approved', 'fiscal', 'other', 'spent', 'rate'] as const)
        out.push({ ref: `${s.tasks[field]}${row}`, role: { kind: 'task', field, row } });
  if (s.rubric) {
    for (const row of s.rubric.leaves) {
      out.push({ ref: `${s.rubric.leafWeight}${row}`, role: { kind: 'rubric', field: 'leafWeight', row } });
      out.push({ ref: `${s.rubric.leafScore}${row}`, role: { kind: 'rubric', field: 'leafScore', row } });
    }
    for (const p of s.rubric.parents)
      if (!s.rubric.leaves.some((r) => `${s.rubric!.leafWeight}${r}` === p.cell))
        out.push({ ref: p.cell, role: { kind: 'rubric', field: 'parentWeight', row: parseA1(p.cell)!.row + 1 } });
  }
  if (s.totalCell) out.push({ ref: s.totalCell, role: { kind: 'total' } });
  if (s.gradeCell && !s.rubric) out.push({ ref: s.gradeCell, role: { kind: 'grade' } });
  return out;
}

// ---------------------------------------------------------------------------
// Damage
// ---------------------------------------------------------------------------

/** What a cell holds, as the rule book reads it. */
type V = { k: 'blank' } | { k: 'error' } | { k: 'num'; n: number; unit: string | null } | { k: 'text'; t: string };

interface Damage {
  kind: 'blank' | 'text' | 'error' | 'negative' | 'huge' | 'unit' | 'foreignUnit';
  cell: CellValue;
  v: V;
}

/** Text that is no number, no blank placeholder, no header word, no label and no qualitative word. */
const garbledArb = fc.array(fc.constantFrom(...'kqxzjw甲乙丙丁戊己庚辛壬癸'.split('')), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));

const centsArb = fc.integer({ min: 1, max: 200_000 }).map((x) => x / 100);

const UNITS_FOREIGN: Record<string, string> = { '%': '天', 月: '人', 天: '人', 元: '人', 万元: '人' };
const foreignFor = (unit: string) => UNITS_FOREIGN[unit] ?? '天';

/** The unit a person would type into this cell, or null when the rule book gives none. */
function unitFor(id: string, t: Target, fx: TableFixture): string | null {
  const s = SPECS[id];
  switch (t.role.kind) {
    case 'ind': {
      if (t.role.field === 'weight' || t.role.field === 'score') return '分';
      const u = s.ind!.cols.unit ? cellOf(fx, `${s.ind!.cols.unit}${t.role.rows[0]}`) : null;
      return typeof u === 'string' && u !== '是/否' ? u : null;
    }
    case 'fund':
      return t.role.field === 'weight' || t.role.field === 'score' ? '分' : t.role.field === 'rate' ? '%' : '万元';
    case 'part':
      return '万元';
    case 'task':
      return t.role.field === 'rate' ? '%' : '元';
    case 'rubric':
    case 'total':
      return '分';
    case 'grade':
      return null;
  }
}

function damageArb(id: string, t: Target): fc.Arbitrary<Damage> {
  const fx = REAL_TABLES[id];
  const unit = unitFor(id, t, fx);
  const opts: fc.Arbitrary<Damage>[] = [
    fc.constantFrom<CellValue>(null, '', '—', '  ', '/', '-').map((cell) => ({ kind: 'blank' as const, cell, v: { k: 'blank' as const } })),
    garbledArb.map((s) => ({ kind: 'text' as const, cell: s, v: { k: 'text' as const, t: s } })),
    fc.constantFrom('#DIV/0!', '#REF!', '#N/A', '#VALUE!').map((error) => ({ kind: 'error' as const, cell: { error }, v: { k: 'error' as const } })),
    centsArb.map((n) => ({ kind: 'negative' as const, cell: -n, v: { k: 'num' as const, n: -n, unit: null } })),
    fc.constantFrom(1e300, 1e12, 987654321.5).map((n) => ({ kind: 'huge' as const, cell: n, v: { k: 'num' as const, n, unit: null } })),
  ];
  if (unit)
    opts.push(
      centsArb.map((n) => ({
        kind: 'unit' as const,
        cell: `${n}${unit}`,
        v: { k: 'num' as const, n: unit === '%' && t.role.kind !== 'ind' ? n / 100 : n, unit },
      })),
    );
  const withUnitCol = t.role.kind === 'ind' && (t.role.field === 'target' || t.role.field === 'actual') && unit !== null;
  if (withUnitCol)
    opts.push(
      centsArb.map((n) => ({ kind: 'foreignUnit' as const, cell: `${n}${foreignFor(unit!)}`, v: { k: 'num' as const, n, unit: foreignFor(unit!) } })),
    );
  return fc.oneof(...opts);
}

// ---------------------------------------------------------------------------
// Reading the seed cells the way the rule book does (only what the seed tables hold)
// ---------------------------------------------------------------------------

function cellOf(fx: TableFixture, ref: string): string | number | null {
  const p = parseA1(ref)!;
  return fx.rows[p.row]?.[p.col] ?? null;
}

function origV(fx: TableFixture, ref: string): V {
  const c = cellOf(fx, ref);
  if (c === null || (typeof c === 'string' && /^[—\-/\s]*$/.test(c))) return { k: 'blank' };
  if (typeof c === 'number') return { k: 'num', n: c, unit: null }; // a %-formatted rate keeps its fraction (1 = 100 %)
  return { k: 'text', t: c };
}

const num = (v: V) => (v.k === 'num' ? v.n : null);
const round = (x: number, d = 2) => roundHalfUp(x, d);
const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);
/** Too close to a 0.005 threshold to call: floating point may go either way. */
const nearEdge = (d: number) => Math.abs(Math.abs(d) - 0.005) < 1e-6;

/** §4.2 for the cases the rule book fixes; null where it is silent (both values negative, …). */
function quantitative(op: '>=' | '<=' | '=', A: number, B: number, W: number): number | null {
  if (A < 0 && B < 0) return null;
  let s: number;
  if (op === '>=') {
    if (A === 0) {
      if (B < 0) return null;
      s = W;
    } else s = B >= A ? W : (W * B) / A;
  } else if (op === '<=') s = B <= A ? W : A === 0 ? 0 : (W * A) / B;
  else {
    if (B === A) s = W;
    else {
      const hi = Math.max(A, B);
      if (hi <= 0) return null;
      s = (W * Math.min(A, B)) / hi;
    }
  }
  return round(clamp(s, 0, W));
}

// ---------------------------------------------------------------------------
// Expectations
// ---------------------------------------------------------------------------

interface Expectation {
  what: string;
  holds(r: AnalysisResult): boolean;
  /** Invariant tag (see FUZZ_IGNORE in gen.ts): lets a local run look past a known engine bug. */
  tag?: string;
  /** A write expected at this cell. */
  writeAt?: string;
}

const has = (rule: RuleId, cell: string, why: string): Expectation => ({
  what: `${rule} at ${cell} (${why})`,
  holds: (r) => r.findings.some((f) => f.rule === rule && f.cell === cell),
});
const hasNot = (rule: RuleId, cell: string, why: string): Expectation => ({
  what: `no ${rule} at ${cell} (${why})`,
  holds: (r) => !r.findings.some((f) => f.rule === rule && f.cell === cell),
});
const anyFindingAt = (cell: string, why: string): Expectation => ({
  what: `a finding at ${cell} (${why})`,
  holds: (r) => r.findings.some((f) => f.cell === cell),
  tag: 'write-over-text',
});
const writes = (kind: string, cell: string, value: number | string | undefined, why: string): Expectation => ({
  writeAt: cell,
  what: `a ${kind} write of ${value ?? 'any value'} at ${cell} (${why})`,
  holds: (r) =>
    r.writes.some(
      (w) =>
        w.kind === kind &&
        w.address === cell &&
        (value === undefined || (typeof value === 'number' ? typeof w.value === 'number' && close(w.value, value) : w.value === value)),
    ),
});
const about = (what: string, holds: (r: AnalysisResult) => boolean): Expectation => ({ what, holds });
/** Equal after rounding to 2 decimals (relative for huge values, where 2 decimals do not exist). */
const close = (a: number | null | undefined, b: number) => typeof a === 'number' && Math.abs(a - b) <= Math.max(0.006, Math.abs(b) * 1e-9);

const indicatorAt = (r: AnalysisResult, row: number) => r.tables[0]?.indicators.find((i) => i.row === row);

interface Ctx {
  id: string;
  fx: TableFixture;
  target: Target;
  damage: Damage;
  baseline: AnalysisResult;
}

/** The cell's value after the damage. */
function after(c: Ctx, ref: string): V {
  return ref === c.target.ref ? c.damage.v : origV(c.fx, ref);
}

function indicatorExpectations(c: Ctx, field: 'target' | 'actual' | 'weight' | 'score', rows: number[]): Expectation[] {
  const spec = SPECS[c.id].ind!;
  const cols = spec.cols;
  const ex: Expectation[] = [];
  const d = c.damage;
  const at = c.target.ref;
  if (d.v.k === 'blank' && field !== 'score' && (field !== 'weight' || spec.weighted)) ex.push(has('missing-value', at, `blank ${field}`));
  if (d.v.k === 'error') ex.push(has('unparsable-value', at, 'error value'));
  if (d.v.k === 'text' && (field === 'weight' || field === 'score')) ex.push(has('unparsable-value', at, `text in the ${field} cell`));
  if (d.kind === 'unit') ex.push(hasNot('unparsable-value', at, `"${String(d.cell)}" is a number with its unit`));

  for (const row of rows) {
    const ref = (col: string | undefined) => (col ? `${col}${row}` : null);
    const weightAnchor = cols.weight
      ? `${cols.weight}${Object.entries(spec.weightMerges ?? {}).find(([, rs]) => rs.includes(row))?.[0] ?? row}`
      : null;
    const share = spec.weightMerges ? (Object.values(spec.weightMerges).find((rs) => rs.includes(row))?.length ?? 1) : 1;
    const T = after(c, ref(cols.target)!);
    const B = after(c, ref(cols.actual)!);
    const Wv = weightAnchor ? after(c, weightAnchor) : ({ k: 'blank' } as V);
    const W = num(Wv) === null ? null : (num(Wv) as number) / share;
    const S = cols.score ? after(c, ref(cols.score)!) : ({ k: 'blank' } as V);
    const Sn = num(S);
    const refA = ref(cols.actual)!;
    const refS = ref(cols.score);
    const refR = ref(cols.reason);
    const reasonBlank = refR ? origV(c.fx, refR).k === 'blank' : false;
    const unitCol = cols.unit ? origV(c.fx, ref(cols.unit)!) : ({ k: 'blank' } as V);
    const unitColText = unitCol.k === 'text' ? unitCol.t : null;

    if (spec.weighted && W !== null && Sn !== null && refS && Sn - W > 0.005 && !nearEdge(Sn - W))
      ex.push(has('score-exceeds-weight', refS, `entered ${Sn} > weight ${W}`));
    if (spec.scoreOnlyRows?.includes(row)) continue;

    if (T.k === 'text') {
      // §3: a target that is not a number makes the indicator qualitative
      if (field === 'target')
        ex.push(
          about(
            `row ${row} is qualitative with target "${T.t}"`,
            (r) => indicatorAt(r, row)?.operator === 'qualitative' && indicatorAt(r, row)?.target === T.t,
          ),
        );
      if (B.k === 'blank' || B.k === 'error') continue;
      const achieved = B.k === 'text' && (B.t === '是' || B.t === '优');
      if (!achieved) {
        ex.push(has('qualitative-unrated', refA, `"${B.k === 'text' ? B.t : 'a number'}" does not rate against "${T.t}"`));
        continue;
      }
      if (!spec.weighted || W === null || W < 0 || !refS) continue;
      if (S.k === 'blank') ex.push(writes('score', refS, round(W), 'achieved, blank score: W is written'));
      else if (Sn !== null) {
        const lo = 0.8 * W;
        const inBand = Sn >= lo - 0.005 && Sn <= W + 0.005;
        if (!inBand && !nearEdge(Sn - lo) && !nearEdge(Sn - W)) ex.push(has('qualitative-score-band', refS, `entered ${Sn} outside [${lo}, ${W}]`));
      }
      continue;
    }
    if (T.k !== 'num') continue;
    if (field === 'target')
      ex.push(about(`row ${row} reads target ${T.n}`, (r) => indicatorAt(r, row)?.operator !== 'qualitative' && indicatorAt(r, row)?.target === T.n));
    if (B.k === 'text') {
      ex.push(has('unparsable-value', refA, `quantitative row, actual "${B.t}"`));
      continue;
    }
    if (B.k !== 'num') continue;
    const uT = T.unit ?? unitColText;
    const uA = B.unit ?? unitColText;
    const foreign = d.kind === 'foreignUnit' && (field === 'target' || field === 'actual');
    if (foreign) {
      ex.push(has('unit-mismatch', refA, `units ${uT} and ${uA} do not convert`));
      continue;
    }
    if (uT !== null && uT === uA) ex.push(hasNot('unit-mismatch', refA, `both in ${uT}`));
    if (uT !== uA) continue; // one side without a unit: the rule book is silent
    const natureV = cols.nature ? origV(c.fx, ref(cols.nature)!) : null;
    const level2 = c.fx.rows
      .slice(0, row)
      .map((r) => r[parseA1(`${cols.level2}1`)!.col])
      .filter((x) => typeof x === 'string')
      .pop() as string | undefined;
    const op = natureV?.k === 'text' ? (natureV.t as '>=' | '<=' | '=') : /成本/.test(level2 ?? '') ? '<=' : '>=';
    if (!spec.weighted) {
      const met = op === '>=' ? B.n >= T.n : op === '<=' ? B.n <= T.n : Math.abs(B.n - T.n) < 1e-9;
      if (!met && reasonBlank && refR) ex.push(has('missing-deviation-reason', refR, `${B.n} misses ${op} ${T.n}`));
      continue;
    }
    if (W === null || W < 0 || !refS) continue;
    const expected = quantitative(op, T.n, B.n, W);
    if (expected === null) continue;
    ex.push(about(`row ${row} scores ${expected} (${op} ${T.n}, actual ${B.n}, weight ${W})`, (r) => close(indicatorAt(r, row)?.score, expected)));
    if (S.k === 'blank') ex.push(writes('score', refS, expected, 'blank score is filled'));
    if (Sn !== null && Math.abs(Sn - expected) > 0.005 && !nearEdge(Sn - expected))
      ex.push(has('score-mismatch', refS, `entered ${Sn}, computed ${expected}`));
    if (Sn !== null && Math.abs(Sn - expected) < 0.005 - 1e-6) ex.push(hasNot('score-mismatch', refS, `entered ${Sn} = computed ${expected}`));
    const tooLow = op === '>=' && T.n > 0 && B.n >= T.n && (B.n - T.n) / T.n >= 2;
    if (tooLow) ex.push(has('target-too-low', refA, `${B.n} is ${(((B.n - T.n) / T.n) * 100).toFixed(0)} % over ${T.n}`));
    if (refR && reasonBlank && (tooLow || expected < W - 0.005 - 1e-6))
      ex.push(has('missing-deviation-reason', refR, tooLow ? 'target too low' : `score ${expected} < weight ${W}`));
  }
  return ex;
}

function fundExpectations(c: Ctx, field: string): Expectation[] {
  const f = SPECS[c.id].fund!;
  const ex: Expectation[] = [];
  const d = c.damage;
  const at = c.target.ref;
  const cell = (k: keyof FundCols, row = f.row) => (f[k] ? `${f[k] as string}${row}` : null);
  const val = (k: keyof FundCols, row = f.row) => (f[k] ? after(c, `${f[k] as string}${row}`) : ({ k: 'blank' } as V));
  const project = f.kind === 'project';
  if ((d.v.k === 'error' || d.v.k === 'text') && field !== 'rate') ex.push(has('unparsable-value', at, `${d.kind} in a fund cell`));
  if (d.kind === 'unit' && field !== 'rate') ex.push(hasNot('unparsable-value', at, `"${String(d.cell)}" reads as a number`));
  const I = val('initial');
  const D = val('budget');
  const E = val('spent');
  const A = val('allocated');
  const Wv = val('weight');
  const S = val('score');
  if (field === 'budget' && D.k === 'blank') {
    if (I.k === 'num') ex.push(has('budget-fallback', cell('initial')!, 'blank 全年预算数'));
    else if (project && I.k === 'blank') ex.push(has('missing-value', at, 'no budget at all'));
  }
  if (project && D.k === 'blank' && I.k === 'blank' && field === 'initial') ex.push(has('missing-value', cell('budget')!, 'no budget at all'));
  if (project && field === 'spent' && E.k === 'blank') ex.push(has('missing-value', at, 'blank 全年执行数'));
  if (project && field === 'weight' && Wv.k === 'blank') ex.push(has('missing-value', at, 'blank fund weight'));
  const budget = D.k === 'num' ? D.n : D.k === 'blank' && I.k === 'num' ? I.n : null;
  const spent = num(E);
  if (spent !== null && budget !== null && spent > budget + 0.005) ex.push(has('execution-over-budget', cell('spent')!, `${spent} > ${budget}`));
  else if (spent !== null && budget !== null && num(A) !== null && spent > (num(A) as number) + 0.005)
    ex.push(has('execution-over-budget', cell('spent')!, `${spent} > allocated ${num(A)}`));
  const W = num(Wv);
  const Sn = num(S);
  if (W !== null && Sn !== null && Sn - W > 0.005 && !nearEdge(Sn - W))
    ex.push(has('score-exceeds-weight', cell('score')!, `fund score ${Sn} > weight ${W}`));
  // the rule book says nothing about negative amounts: no rate or score expectation then
  if (spent !== null && budget !== null && budget > 0 && spent >= 0) {
    const R = round(spent / budget, 4);
    if (f.kind === 'rubricFunds') ex.push(about(`execution rate ${R}`, (r) => Math.abs((r.tables[0]?.funds?.executionRate ?? NaN) - R) < 1e-9));
    const rateRef = cell('rate');
    if (rateRef) {
      const cur = after(c, rateRef);
      const fmt = rateRef === at ? null : c.fx.formats?.[rateRef];
      const same = cur.k === 'num' && !!fmt && fmt.includes('%') && Math.abs(cur.n - R) < 5e-5;
      if (!same) ex.push(writes('fundRate', rateRef, R, '§4.1: R is written into 执行率'));
    }
    if (W !== null && W >= 0 && cell('score')) {
      const comp = round(clamp(W * Math.min(spent / budget, 1), 0, W));
      if (S.k === 'blank') ex.push(writes('fundScore', cell('score')!, comp, 'blank fund score is filled'));
      if (Sn !== null && Math.abs(Sn - comp) > 0.005 && !nearEdge(Sn - comp))
        ex.push(has('score-mismatch', cell('score')!, `fund score ${Sn}, computed ${comp}`));
    }
  }
  if (project) ex.push(...breakdownExpectations(c));
  if (field === 'rate' && d.v.k === 'text') ex.push(anyFindingAt(at, 'text in 执行率 is replaced: say so'));
  return ex;
}

function breakdownExpectations(c: Ctx): Expectation[] {
  const f = SPECS[c.id].fund!;
  const ex: Expectation[] = [];
  for (const k of ['initial', 'budget', 'allocated', 'spent'] as const) {
    if (!f[k]) continue;
    const total = num(after(c, `${f[k]}${f.row}`));
    const parts = f.parts.map((r) => num(after(c, `${f[k]}${r}`))).filter((x): x is number => x !== null);
    if (total === null || !parts.length) continue;
    const sum = parts.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - total) > 0.005 && !nearEdge(sum - total)) ex.push(has('fund-breakdown', `${f[k]}${f.row}`, `parts ${sum} ≠ total ${total}`));
  }
  return ex;
}

function taskExpectations(c: Ctx, field: string): Expectation[] {
  const t = SPECS[c.id].tasks!;
  const ex: Expectation[] = [];
  const d = c.damage;
  const at = c.target.ref;
  if ((d.v.k === 'error' || d.v.k === 'text') && field !== 'rate') ex.push(has('unparsable-value', at, `${d.kind} in a task amount`));
  if (d.kind === 'unit' && field !== 'rate') ex.push(hasNot('unparsable-value', at, `"${String(d.cell)}" reads as a number`));
  if (field === 'rate' && d.v.k === 'text') ex.push(anyFindingAt(at, 'text in 预算执行率 is replaced: say so'));
  for (const r of t.rows) {
    const ap = num(after(c, `${t.approved}${r}`));
    const sp = num(after(c, `${t.spent}${r}`));
    const fi = num(after(c, `${t.fiscal}${r}`));
    const ot = num(after(c, `${t.other}${r}`));
    if (ap !== null && sp !== null && sp > ap + 0.005) ex.push(has('execution-over-budget', `${t.spent}${r}`, `${sp} > ${ap}`));
    if (ap !== null && sp !== null && ap > 0 && sp >= 0) {
      const R = round(sp / ap, 4);
      const rateRef = `${t.rate}${r}`;
      const cur = after(c, rateRef);
      const fmt = rateRef === at ? null : c.fx.formats?.[rateRef];
      const same = cur.k === 'num' && !!fmt && fmt.includes('%') && Math.abs(cur.n - R) < 5e-5;
      // the first (总额) row carries the department's own rate
      if (!same) ex.push(writes(r === t.rows[0] ? 'fundRate' : 'taskRate', rateRef, R, 'task rate = 实际支出 / 批复金额'));
      if (R < 1 - 1e-9) ex.push(has('missing-deviation-reason', `${t.reason}${r}`, `task rate ${R} < 100 %`));
    }
    const parts = [fi, ot].filter((x): x is number => x !== null);
    if (ap !== null && parts.length) {
      const sum = parts.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - ap) > 0.005 && !nearEdge(sum - ap))
        ex.push(has('fund-breakdown', `${t.approved}${r}`, `财政拨款 + 其他资金 = ${sum} ≠ ${ap}`));
    }
  }
  // the first (总额) row against the sum of the others, per column
  for (const k of ['approved', 'spent'] as const) {
    const total = num(after(c, `${t[k]}${t.rows[0]}`));
    const rest = t.rows
      .slice(1)
      .map((r) => num(after(c, `${t[k]}${r}`)))
      .filter((x): x is number => x !== null);
    if (total === null || !rest.length) continue;
    const sum = rest.reduce((a, b) => a + b, 0);
    // a row whose approved and spent are both unreadable is not a task: only checked when all rows stay
    if (Math.abs(sum - total) > 0.005 && !nearEdge(sum - total))
      ex.push(has('fund-breakdown', `${t[k]}${t.rows[0]}`, `tasks add up to ${sum}, 总额 ${total}`));
  }
  return ex;
}

function rubricExpectations(c: Ctx, field: string, row: number): Expectation[] {
  const s = SPECS[c.id].rubric!;
  const ex: Expectation[] = [];
  const d = c.damage;
  const at = c.target.ref;
  if (d.v.k === 'error' || d.v.k === 'text') ex.push(has('unparsable-value', at, `${d.kind} in a rubric ${field}`));
  if (d.kind === 'unit') ex.push(hasNot('unparsable-value', at, `"${String(d.cell)}" reads as a number`));
  // leaf scores → total and grade
  const scores = s.leaves.map((r) => after(c, `${s.leafScore}${r}`));
  const weights = s.leaves.map((r) => after(c, `${s.leafWeight}${r}`));
  if (field === 'leafScore') {
    const W = num(weights[s.leaves.indexOf(row)]);
    const Sn = num(d.v);
    if (W !== null && Sn !== null && Sn - W > 0.005 && !nearEdge(Sn - W)) ex.push(has('score-exceeds-weight', at, `${Sn} > ${W}`));
    if (scores.some((v) => v.k !== 'num')) {
      ex.push(about('§4.5: a leaf without a score makes the total unknown', (r) => r.tables[0]?.total === null));
      // no mismatch error; the one info finding there says why the total is unknown (issue 18)
      ex.push(
        about(
          `no total-mismatch error at ${s.totalCell} (total unknown)`,
          (r) => !r.findings.some((f) => f.rule === 'total-mismatch' && f.cell === s.totalCell && f.severity === 'error'),
        ),
      );
      ex.push(
        about(`an info total-mismatch at ${s.totalCell} saying why`, (r) =>
          r.findings.some(
            (f) => f.rule === 'total-mismatch' && f.cell === s.totalCell && f.severity === 'info' && f.messageZh.startsWith('总分无法计算'),
          ),
        ),
      );
    } else {
      const total = round(scores.reduce((a, v) => a + (v as { n: number }).n, 0));
      const entered = num(origV(c.fx, s.totalCell)) as number;
      ex.push(about(`total ${total}`, (r) => close(r.tables[0]?.total, total)));
      if (Math.abs(total - entered) > 0.005 && !nearEdge(total - entered))
        ex.push(has('total-mismatch', s.totalCell, `${total} ≠ entered ${entered}`));
      const grade = total >= 90 ? '优' : total >= 80 ? '良' : total >= 60 ? '中' : '差';
      const gradeCell = SPECS[c.id].gradeCell;
      if (gradeCell && grade !== '优' && Math.abs(total - 90) > 1e-6)
        ex.push(has('grade-mismatch', gradeCell, `total ${total} is ${grade}, ticked 优`));
    }
  }
  // parent weights = Σ children (only when every weight is there)
  for (const p of s.parents) {
    const pw = num(after(c, p.cell));
    const cw = p.childRows.map((r) => num(after(c, `${p.childCol}${r}`)));
    if (pw === null || cw.some((x) => x === null)) continue;
    const sum = (cw as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - pw) > 0.005 && !nearEdge(sum - pw)) ex.push(has('weights-total', p.cell, `${pw} ≠ Σ children ${sum}`));
  }
  if (field === 'leafWeight') {
    const total = weights.reduce((a, v) => a + (num(v) ?? 0), 0);
    if (Math.abs(total - 100) > 0.005 && !nearEdge(total - 100)) ex.push(has('weights-total', s.weightsCell, `leaf weights add up to ${total}`));
  }
  return ex;
}

function totalExpectations(c: Ctx, kind: 'total' | 'grade'): Expectation[] {
  const base = c.baseline.tables[0];
  const ex: Expectation[] = [];
  const at = c.target.ref;
  const d = c.damage;
  if (base.total === null) return ex;
  if (kind === 'total') {
    const v = num(d.v);
    if (d.v.k === 'blank') ex.push(writes('total', at, base.total, 'blank total is filled'));
    if (v !== null && Math.abs(v - base.total) > 0.005 && !nearEdge(v - base.total)) {
      ex.push(has('total-mismatch', at, `entered ${v}, computed ${base.total}`));
      ex.push(writes('total', at, base.total, 'a wrong total is replaced'));
    }
    if (d.v.k === 'text') ex.push(anyFindingAt(at, 'text in the total cell is replaced: say so'));
  } else if (base.grade !== null) {
    if (d.v.k === 'blank') ex.push(writes('grade', at, base.grade, 'blank grade is filled'));
    else ex.push(has('grade-mismatch', at, `entered "${String(d.cell)}", grade ${base.grade}`));
  }
  return ex;
}

/**
 * RULES.md §6 (issue 18): a computed cell holding text — a word, or a "/", "—", "-" mark — is never written.
 * A write the damage would have earned at the damaged cell becomes: no write there, and a finding there.
 */
function expectationsFor(c: Ctx): Expectation[] {
  const ex = expectationsForRole(c);
  const d = c.damage;
  const leavesText = d.v.k === 'text' || (d.v.k === 'blank' && typeof d.cell === 'string' && d.cell.trim() !== '');
  if (!leavesText) return ex;
  const at = c.target.ref;
  return ex.map((e) =>
    e.writeAt === at
      ? {
          what: `no write over "${String(d.cell)}" at ${at}, and a finding there (§6)`,
          holds: (r: AnalysisResult) => !r.writes.some((w) => w.address === at) && r.findings.some((f) => f.cell === at),
        }
      : e,
  );
}

function expectationsForRole(c: Ctx): Expectation[] {
  const role = c.target.role;
  switch (role.kind) {
    case 'ind':
      return indicatorExpectations(c, role.field, role.rows);
    case 'fund':
      return fundExpectations(c, role.field);
    case 'part': {
      const ex = breakdownExpectations(c);
      if (c.damage.v.k === 'error' || c.damage.v.k === 'text')
        ex.push(has('unparsable-value', c.target.ref, `${c.damage.kind} in a fund breakdown cell`));
      return ex;
    }
    case 'task':
      return taskExpectations(c, role.field);
    case 'rubric':
      return rubricExpectations(c, role.field, role.row);
    case 'total':
    case 'grade':
      return totalExpectations(c, role.kind);
  }
}

/** New findings of these rules may appear only at the damaged cell (or the same row's actual cell). */
const LOCAL_RULES: RuleId[] = ['unparsable-value', 'missing-value', 'unit-mismatch', 'qualitative-unrated'];

function localityViolations(c: Ctx, r: AnalysisResult): string[] {
  const before = new Set(c.baseline.findings.map((f) => `${f.rule}@${f.cell}`));
  const allowed = new Set([c.target.ref]);
  if (c.target.role.kind === 'ind') {
    const cols = SPECS[c.id].ind!.cols;
    for (const row of c.target.role.rows) allowed.add(`${cols.actual}${row}`);
  }
  return r.findings
    .filter((f) => LOCAL_RULES.includes(f.rule) && !before.has(`${f.rule}@${f.cell}`) && !allowed.has(f.cell))
    .map((f) => `new ${f.rule} at ${f.cell} ("${f.messageEn}") after damaging ${c.target.ref} only`);
}

// ---------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------

const grids: Record<string, SheetGrid> = {};
const baselines: Record<string, AnalysisResult> = {};
for (const id of IDS) {
  grids[id] = placeTables('Sheet1', [{ table: REAL_TABLES[id], at: 'A1' }]);
  baselines[id] = analyzeWorkbook([grids[id]]);
}

/** The seed table's grid with some cells replaced (their number format cleared). */
function damaged(id: string, cells: { ref: string; value: CellValue }[]): SheetGrid {
  const g = grids[id];
  const values = g.values.map((r) => [...r]);
  const formats = g.formats?.map((r) => (r ? [...r] : r));
  for (const { ref, value } of cells) {
    const p = parseA1(ref)!;
    const i = p.row - g.top;
    const j = p.col - g.left;
    while (values.length <= i) values.push([]);
    values[i][j] = value;
    if (formats?.[i]) formats[i][j] = null;
  }
  return { ...g, values, formats };
}

function analyse(g: SheetGrid): AnalysisResult {
  return analyzeWorkbook([tripwired(g)]);
}

function report(c: Ctx, failed: string[]): string {
  return `${c.id}: ${c.target.ref} (${c.target.role.kind} ${'field' in c.target.role ? c.target.role.field : ''}) ← ${JSON.stringify(c.damage.cell)} [${c.damage.kind}]:\n  ${failed.join('\n  ')}`;
}

const seedModes: [string, number | undefined][] = [
  ['fixed seed', FIXED_SEED],
  ['second seed', fuzzSeed()],
];

describe('the oracle knows where the seed tables keep their data', () => {
  it.each(IDS)('%s', (id) => {
    const r = baselines[id];
    const t: TableResult = r.tables[0];
    const s = SPECS[id];
    expect(r.tables).toHaveLength(1);
    if (s.ind) {
      const rows = [...s.ind.rows, ...(s.ind.scoreOnlyRows ?? [])];
      expect(t.indicators.map((i) => i.row)).toEqual(rows);
      if (s.ind.cols.score) expect(t.indicators.map((i) => i.scoreCell)).toEqual(rows.map((row) => `${s.ind!.cols.score}${row}`));
    }
    if (s.fund?.rate) expect(t.funds?.rateCell).toBe(`${s.fund.rate}${s.fund.row}`);
    if (s.fund?.score) expect(t.funds?.scoreCell).toBe(`${s.fund.score}${s.fund.row}`);
    if (s.fund) expect(t.funds?.budget).toBe(num(origV(REAL_TABLES[id], `${s.fund.budget}${s.fund.row}`)));
    if (s.tasks) {
      // the first row is the 总额 row: the department's own rate, not a task
      expect(t.tasks?.map((x) => x.rateCell)).toEqual(s.tasks.rows.slice(1).map((row) => `${s.tasks!.rate}${row}`));
      expect(t.funds?.rateCell).toBe(`${s.tasks.rate}${s.tasks.rows[0]}`);
    }
    if (s.rubric) {
      expect(t.rubric?.filter((x) => x.scoreCell).map((x) => x.scoreCell)).toEqual(s.rubric.leaves.map((row) => `${s.rubric!.leafScore}${row}`));
      expect(t.totalCell).toBe(s.rubric.totalCell);
    }
    if (s.totalCell) expect(t.totalCell).toBe(s.totalCell);
    if (s.gradeCell) expect(t.gradeCell).toBe(s.gradeCell);
  });
});

describe.each(IDS)('damaged %s', (id) => {
  const fx = REAL_TABLES[id];
  const targets = targetsOf(id);
  const caseArb = fc.constantFrom(...targets).chain((target) => damageArb(id, target).map((damage) => ({ target, damage })));

  describe.each(seedModes)('%s', (_mode, seed) => {
    const params = (numRuns: number) => ({ numRuns, ...(seed !== undefined ? { seed } : {}) });

    it(`one data cell: the promised finding or write, and nothing new elsewhere (${EXACT} cases)`, () => {
      fc.assert(
        fc.property(caseArb, ({ target, damage }) => {
          const c: Ctx = { id, fx, target, damage, baseline: baselines[id] };
          const r = analyse(damaged(id, [{ ref: target.ref, value: damage.cell }]));
          const failed = expectationsFor(c)
            .filter((e) => !(e.tag && IGNORE.has(e.tag)) && !e.holds(r))
            .map((e) => `expected ${e.what}`);
          if (!IGNORE.has('locality')) failed.push(...localityViolations(c, r));
          if (failed.length) throw new Error(report(c, failed));
        }),
        params(EXACT),
      );
    });

    it(`several data cells: each error value is unparsable-value there, each blank value missing-value (${MULTI} cases)`, () => {
      const multiArb = fc
        .uniqueArray(fc.constantFrom(...targets), { minLength: 2, maxLength: 6, selector: (t) => t.ref })
        .chain((ts) =>
          fc.tuple(fc.constant(ts), fc.array(fc.constantFrom<'error' | 'blank'>('error', 'blank'), { minLength: ts.length, maxLength: ts.length })),
        );
      fc.assert(
        fc.property(multiArb, ([ts, kinds]) => {
          const cells = ts.map((t, i) => ({ ref: t.ref, value: (kinds[i] === 'error' ? { error: '#REF!' } : null) as CellValue }));
          const r = analyse(damaged(id, cells));
          const failed: string[] = [];
          // a row whose 批复金额 and 实际支出 are both blank is no task row (its other cells are not read), and
          // after the first task it ends the task rows
          let taskEnd = Infinity;
          const notTask = new Set<number>();
          const ts0 = SPECS[id].tasks;
          if (ts0) {
            let kept = 0;
            for (const row of ts0.rows) {
              const blank = (col: string) => {
                const x = cells.find((e) => e.ref === `${col}${row}`);
                return x ? x.value === null : origV(fx, `${col}${row}`).k === 'blank';
              };
              if (blank(ts0.approved) && blank(ts0.spent)) {
                notTask.add(row);
                if (kept) {
                  taskEnd = row;
                  break;
                }
              } else kept++;
            }
          }
          ts.forEach((t, i) => {
            const role = t.role;
            const at = (rule: RuleId) => r.findings.some((f) => f.rule === rule && f.cell === t.ref);
            if (kinds[i] === 'error') {
              const computedCell = role.kind === 'total' || role.kind === 'grade' || ('field' in role && role.field === 'rate');
              const pastTasks = role.kind === 'task' && (role.row >= taskEnd || notTask.has(role.row));
              // Jiangxi's 计划投资额/实际使用情况 are read as a pair: with one of them blank there is no fund block to report on
              const f = SPECS[id].fund;
              const pairGone =
                role.kind === 'fund' &&
                f?.kind === 'rubricFunds' &&
                [f.budget, f.spent].some((col) => cells.some((x) => x.ref === `${col}${f.row}` && x.value === null));
              if (!computedCell && !pastTasks && !pairGone && !at('unparsable-value') && !IGNORE.has('multi-unparsable'))
                failed.push(`no unparsable-value at ${t.ref}`);
            } else if (
              role.kind === 'ind' &&
              role.field !== 'score' &&
              (role.field !== 'weight' || SPECS[id].ind!.weighted) &&
              !at('missing-value') &&
              !IGNORE.has('multi-missing')
            )
              failed.push(`no missing-value at ${t.ref}`);
          });
          if (failed.length) throw new Error(`${id}: ${JSON.stringify(cells)}:\n  ${failed.join('\n  ')}`);
        }),
        params(MULTI),
      );
    });

    it(`any cells, headers and labels included: no crash, and the engine's invariants hold (${ANY} cases)`, () => {
      const rows = fx.rows.length;
      const cols = fx.rows[0].length;
      const valueArb = fc.oneof(
        fc.constant<CellValue>(null),
        garbledArb,
        fc.constantFrom(...HEADER_WORDS),
        fc.constantFrom(...VALUE_TEXTS),
        fc.constantFrom(...ERRORS.filter(Boolean)).map((error) => ({ error })),
        fc.constantFrom(...EXTREME_NUMBERS.filter((x) => Math.abs(x) < 1e306)),
        centsArb.map((n) => -n),
        centsArb.map((n) => `${n}万元`),
      );
      const anyArb = fc.array(fc.record({ r: fc.nat(rows - 1), c: fc.nat(cols - 1), v: valueArb }), { minLength: 1, maxLength: 8 });
      fc.assert(
        fc.property(anyArb, (edits) => {
          const g = damaged(
            id,
            edits.map((e) => ({ ref: a1(e.r, e.c), value: e.v as CellValue })),
          );
          const r = analyse(g);
          checkInvariants([g], r, {});
        }),
        params(ANY),
      );
    });
  });
});

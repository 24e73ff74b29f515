// Size: 100,000-row sheets are analysed whole (the time is printed; speed is measured by `npm run bench`,
// not asserted here: a wall-clock limit fails on a loaded machine).
//   1. the Yuxi education table (seed 003) whose indicator block runs on for 100,000 rows, then its total;
//   2. 100,000 rows of noise: header words, numbers, text, error values and merges in odd places.
// Nothing is dropped: every indicator row is read and every planned write is a computed cell.
import { analyzeWorkbook, a1 } from '../../src/core';
import type { CellRange, CellValue, SheetGrid } from '../../src/core';
import { placeTables } from '../fixtures/build';
import { yuxiEducation } from '../fixtures/tables';
import { checkInvariants, sliceFixture, ERRORS, HEADER_WORDS, VALUE_TEXTS } from './gen';
import { rng } from '../../src/bench/synthetic';

const ROWS = 100_000;
jest.setTimeout(180_000);

function timed<T>(label: string, f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  const ms = performance.now() - t0;
  // eslint-disable-next-line no-console
  console.log(`${label}: ${ms.toFixed(0)} ms`);
  return { value, ms };
}

const GROUPS: [string, string[]][] = [
  ['产出指标', ['数量指标', '质量指标', '时效指标', '成本指标']],
  ['效益指标', ['社会效益指标', '可持续影响指标']],
  ['满意度指标', ['服务对象满意度指标']],
];

/**
 * yuxiEducation rows 1–13 (title, fund block, 年度总体目标, two-row indicator header), then `n` indicator rows
 * with the 一级/二级 labels on the first row of each group, a 10 % share of misses, a few entered scores that
 * are wrong or blank, and the 总分 rows at the end.
 */
function longProjectTable(n: number): { grid: SheetGrid; totalRow: number } {
  const head = placeTables('long', [{ table: sliceFixture(yuxiEducation, 0, 12, 0, 9), at: 'A1' }]);
  const values: CellValue[][] = head.values.map((r) => [...r]);
  const merges: CellRange[] = [...head.merges];
  const rand = rng(42);
  const weight = 1; // the weights do not add up to 90: weights-total is reported, which is fine here
  for (let i = 0; i < n; i++) {
    const g = Math.min(2, Math.floor((i / n) * 3));
    const [l1, l2s] = GROUPS[g];
    const start = Math.floor((g * n) / 3);
    const j = Math.floor(((i - start) / Math.ceil(n / 3)) * l2s.length);
    const l2 = l2s[Math.min(j, l2s.length - 1)];
    const firstOfL2 = i === start || Math.floor(((i - 1 - start) / Math.ceil(n / 3)) * l2s.length) !== j;
    const cost = l2 === '成本指标';
    const target = 50 + Math.floor(rand() * 50);
    const miss = rand() < 0.1;
    const actual = cost ? (miss ? target + 10 : target - 5) : miss ? target - 10 : target + Math.floor(rand() * 20);
    const roll = rand();
    const entered = roll < 0.01 ? null : roll < 0.02 ? weight / 2 : weight; // some blank, some wrong
    values.push([i === start ? l1 : null, firstOfL2 ? l2 : null, `指标${i + 1}`, cost ? '<=' : '>=', target, '%', actual, weight, entered, null]);
  }
  values.push(['其他需要说明的事项']);
  const totalRow = values.length; // 0-based index of the 总分 label row
  values.push(['总分', null, null, null, null, null, null, '总分值', '总得分', '自评等级']);
  values.push([null, null, null, null, null, null, null, 100, 100, '优']);
  merges.push({ top: totalRow, left: 0, bottom: totalRow + 1, right: 6 });
  return { grid: { name: 'long', top: 0, left: 0, values, merges }, totalRow };
}

/** `n` rows × 12 columns of noise with a merge every 40 rows and header rows every ~500. */
function noiseSheet(n: number): SheetGrid {
  const rand = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const values: CellValue[][] = [];
  const merges: CellRange[] = [];
  for (let i = 0; i < n; i++) {
    const row: CellValue[] = [];
    const headerish = rand() < 0.002;
    for (let c = 0; c < 12; c++) {
      const x = rand();
      if (headerish) row.push(x < 0.8 ? pick(HEADER_WORDS) : null);
      else if (x < 0.45) row.push(null);
      else if (x < 0.7) row.push(Math.round(rand() * 1e6) / 100);
      else if (x < 0.8) row.push(pick(VALUE_TEXTS));
      else if (x < 0.88) row.push(pick(HEADER_WORDS));
      else if (x < 0.9) row.push({ error: pick(ERRORS) || '#N/A' });
      else if (x < 0.92) row.push(new Date(Date.UTC(2023, 0, 1 + (i % 365))));
      else row.push(`备注${i}-${c}`);
    }
    values.push(row);
    if (i % 40 === 0) merges.push({ top: i, left: Math.floor(rand() * 8), bottom: i + Math.floor(rand() * 6), right: Math.floor(rand() * 8) + 3 });
  }
  return { name: 'noise', top: 0, left: 0, values, merges };
}

describe(`${ROWS.toLocaleString('en')}-row sheets`, () => {
  it(`a project table with ${ROWS.toLocaleString('en')} indicator rows is read whole`, () => {
    const { grid, totalRow } = longProjectTable(ROWS);
    const { value: r } = timed(`analyzeWorkbook, project table with ${ROWS} indicator rows (${grid.values.length} rows)`, () =>
      analyzeWorkbook([grid]),
    );
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(t.kind).toBe('project');
    expect(t.indicators).toHaveLength(ROWS); // never drop a row
    expect(t.indicators[ROWS - 1].name).toBe(`指标${ROWS}`);
    expect(t.totalCell).toBe(a1(totalRow + 1, 8));
    expect(t.funds?.executionRate).toBe(1);
    // every indicator is computed; blank and wrong entered scores are rewritten
    expect(t.indicators.every((i) => i.score !== null)).toBe(true);
    const rewritten = t.indicators.filter((i) => i.enteredScore === null || Math.abs(i.enteredScore - (i.score as number)) > 0.005).length;
    expect(rewritten).toBeGreaterThan(ROWS * 0.1);
    expect(r.writes.filter((w) => w.kind === 'score')).toHaveLength(rewritten);
    checkInvariants([grid], r, {});
  });

  it(`${ROWS.toLocaleString('en')} rows alternating an indicator header and one indicator (50,000 tables)`, () => {
    const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
    const values: CellValue[][] = Array.from({ length: ROWS }, (_, i) => (i % 2 ? ['产出指标', '数量指标', `指标${i}`, 5, 4, 10, 10, null] : header));
    const grid: SheetGrid = { name: 'alternating', top: 0, left: 0, values, merges: [] };
    const { value: r } = timed(`analyzeWorkbook, ${ROWS} rows of header/indicator pairs`, () => analyzeWorkbook([grid]));
    expect(r.tables).toHaveLength(ROWS / 2);
    expect(r.writes.filter((w) => w.kind === 'score')).toHaveLength(ROWS / 2); // 10 × 4/5 = 8, entered 10
    checkInvariants([grid], r, {});
  });

  it(`${ROWS.toLocaleString('en')} rows of noise are analysed`, () => {
    const grid = noiseSheet(ROWS);
    const { value: r } = timed(`analyzeWorkbook, ${ROWS} rows of noise`, () => analyzeWorkbook([grid]));
    checkInvariants([grid], r, {});
    // eslint-disable-next-line no-console
    console.log(`noise: ${r.tables.length} tables, ${r.findings.length} findings, ${r.writes.length} writes`);
  });
});

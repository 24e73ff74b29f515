// ExcelApi 1.7 cannot read merged areas (getMergedAreasOrNullObject is 1.13): the engine must
// read the same tables from the values alone.
import { analyzeWorkbook } from '../../src/core';
import { placeTables } from '../fixtures/build';
import { REAL_TABLES, VARIANTS, beijingExecution } from '../fixtures/tables';

// seed 002's group weights are merged cells: without merges only the group's first row has one
const MERGE_DEPENDENT = new Set(['beijingExecution']);

describe('without merge information', () => {
  it('seed 002 group weights: the execution line still scores, rows without a visible weight are reported', () => {
    const grid = placeTables('S', [{ table: beijingExecution, at: 'A1' }]);
    const r = analyzeWorkbook([{ ...grid, merges: [] }]);
    expect(r.tables[0].funds).toMatchObject({ executionRate: 0.9415, score: 18.83 });
    const missing = r.findings.filter((f) => f.rule === 'missing-value').map((f) => f.cell);
    expect(missing.length).toBeGreaterThan(0);
    expect(r.writes).toEqual([]);
  });
  for (const [id, fx] of Object.entries({ ...REAL_TABLES, ...VARIANTS }).filter(([k]) => !MERGE_DEPENDENT.has(k))) {
    it(`${id} reads the same`, () => {
      const grid = placeTables('S', [{ table: fx, at: 'B3' }]);
      const withMerges = analyzeWorkbook([grid]);
      const without = analyzeWorkbook([{ ...grid, merges: [] }]);
      const strip = (r: typeof withMerges) => ({
        tables: r.tables.map((t) => ({ ...t, range: undefined, findings: t.findings.map((f) => `${f.cell} ${f.rule}`) })),
        writes: r.writes,
      });
      expect(strip(without)).toEqual(strip(withMerges));
    });
  }
});

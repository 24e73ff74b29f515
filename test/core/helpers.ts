// Engine test helpers: run the engine on fixtures, edit fixture cells, pick findings.
import { analyzeWorkbook } from '../../src/core';
import type { AnalysisResult, AnalyzeOptions, Finding, RuleId } from '../../src/core';
import { placeTables } from '../fixtures/build';
import { cloneFixture, setCell } from '../fixtures/define';
import type { FixtureCell, TableFixture } from '../fixtures/define';

export function run(tables: TableFixture | TableFixture[], opts: AnalyzeOptions & { at?: string } = {}): AnalysisResult {
  const list = Array.isArray(tables) ? tables : [tables];
  let row = 0;
  const placed = list.map((table) => {
    const p = { table, at: opts.at && list.length === 1 ? opts.at : `A${row + 1}` };
    row += table.rows.length + 2;
    return p;
  });
  return analyzeWorkbook([placeTables('Sheet1', placed)], opts);
}

/** A copy of the fixture with some cells replaced; a [value, numFmt] pair sets the format too. */
export function edit(t: TableFixture, cells: Record<string, FixtureCell | [FixtureCell, string | null]>): TableFixture {
  const c = cloneFixture(t, `${t.id}*`);
  for (const [ref, v] of Object.entries(cells)) {
    if (Array.isArray(v)) setCell(c, ref, v[0], v[1]);
    else setCell(c, ref, v);
  }
  return c;
}

export function findings(r: AnalysisResult, rule: RuleId): Finding[] {
  return r.findings.filter((f) => f.rule === rule);
}

/** Cells at which `rule` fired. */
export function cells(r: AnalysisResult, rule: RuleId): string[] {
  return findings(r, rule).map((f) => f.cell);
}

export function writeAt(r: AnalysisResult, address: string): number | string | undefined {
  return r.writes.find((w) => w.address === address)?.value;
}

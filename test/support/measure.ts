// Sync/operation counts of one recompute over a synthetic table, for tests and the benchmark.
import { analyzeWorkbook } from '../../src/core';
import { syntheticSheet } from '../../src/bench/synthetic';
import { runAnalysis, type RunOutcome } from '../../src/office/adapter';
import { FakeExcelHost } from './fake-excel';
import { gridWorkbook } from './workbooks';

export interface RecomputeMeasure {
  rows: number;
  excelApi: string;
  syncs: number;
  ops: number;
  opsPerSync: number[];
  ms: number;
  outcome: RunOutcome;
  violations: string[];
}

/** Recompute on a fake host holding one synthetic project table with `rows` indicator rows. */
export async function measureRecompute(rows: number, options: { excelApi?: string; tables?: number } = {}): Promise<RecomputeMeasure> {
  const excelApi = options.excelApi ?? '1.18';
  const host = new FakeExcelHost(gridWorkbook([syntheticSheet('项目', options.tables ?? 1, rows)]), { excelApi });
  const t0 = Date.now();
  const outcome = await runAnalysis(host, 'recompute', { analyze: analyzeWorkbook });
  return {
    rows,
    excelApi,
    syncs: host.stats.syncs,
    ops: host.stats.ops,
    opsPerSync: host.stats.opsPerSync,
    ms: Date.now() - t0,
    outcome,
    violations: host.violations,
  };
}

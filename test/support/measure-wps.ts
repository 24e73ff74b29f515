// Calls into the ET object model of one WPS recompute over a synthetic table, for tests and the
// benchmark (the WPS counterpart of measure.ts's sync counts).
import { analyzeWorkbook } from '../../src/core';
import { syntheticSheet, type SyntheticOptions } from '../../src/bench/synthetic';
import type { RunOutcome } from '../../src/office/adapter';
import { runAnalysis } from '../../src/wps/run';
import { FakeEtHost } from './fake-et';
import { gridWorkbook } from './workbooks';

export interface WpsMeasure {
  rows: number;
  /** Every member access and call of the run. */
  calls: number;
  /** Of which reads of the sheet into grids (before the engine ran). */
  readCalls: number;
  writes: number;
  outcome: RunOutcome;
  byMember: Record<string, number>;
}

/**
 * One recompute on a fake ET host holding `tables` synthetic tables of `rows` indicator rows;
 * `uniform`: rows that all meet their targets (no marks grow with rows).
 */
export function measureWpsRecompute(rows: number, tables = 1, opts: SyntheticOptions = {}): WpsMeasure {
  const host = new FakeEtHost(gridWorkbook([syntheticSheet('项目', tables, rows, 1, opts)]));
  let readCalls = -1;
  const outcome = runAnalysis(host.Application, 'recompute', {
    analyze: (grids, opts) => {
      readCalls = host.totalCalls;
      return analyzeWorkbook(grids, opts);
    },
  });
  const writes = Object.entries(host.calls)
    .filter(([k]) => k.endsWith('=') || /AddComment|Delete|Sheets\.Add|\.Add$/.test(k))
    .reduce((a, [, n]) => a + n, 0);
  return { rows, calls: host.totalCalls, readCalls, writes, outcome, byMember: { ...host.calls } };
}

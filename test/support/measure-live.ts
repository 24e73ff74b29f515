// Sync and write counts of one live-check edit over a synthetic table, for tests and the benchmark.
import { analyzeWorkbook } from '../../src/core';
import { syntheticSheet } from '../../src/bench/synthetic';
import { runAnalysis } from '../../src/office/adapter';
import { LiveCheck } from '../../src/office/live';
import { DEFAULT_SETTINGS } from '../../src/office/settings';
import { FakeExcelHost } from './fake-excel';
import { gridWorkbook } from './workbooks';

export interface LiveMeasure {
  excelApi: string;
  syncsPerEditByRows: Record<string, number>;
  /** Queued write operations per edit, the worst over the sizes (goal 0). */
  writesPerEdit: number;
  opsPerEditByRows: Record<string, number>;
  violations: string[];
}

/** For each size: a table of `rows` indicator rows, live check on, the user types one score. */
export async function measureLive(sizes: number[] = [10, 100, 1000], options: { excelApi?: string } = {}): Promise<LiveMeasure> {
  const excelApi = options.excelApi ?? '1.7';
  const out: LiveMeasure = { excelApi, syncsPerEditByRows: {}, writesPerEdit: 0, opsPerEditByRows: {}, violations: [] };
  for (const rows of sizes) {
    const host = new FakeExcelHost(gridWorkbook([syntheticSheet('项目', 1, rows)]), { excelApi });
    const live = new LiveCheck(host, {
      analyze: analyzeWorkbook,
      current: () => ({ settings: DEFAULT_SETTINGS, lang: 'zh' }),
      onUpdate: () => undefined,
      onError: (e) => {
        throw e;
      },
      debounceMs: 60_000, // flushed by hand below
    });
    const base = await runAnalysis(host, 'analyze', { analyze: analyzeWorkbook });
    const table = base.tables[0];
    const ind = table.indicators[Math.floor(table.indicators.length / 2)];
    if (!ind?.scoreCell) throw new Error(`measureLive: no indicator score cell at ${rows} rows`);
    live.setBase(base);
    await live.start();
    host.resetStats();
    host.userEdit('项目', ind.scoreCell, 1);
    await host.events.settled();
    const flush = await live.flush();
    if (!flush || flush.tables.length !== 1) throw new Error(`measureLive: the edit at ${ind.scoreCell} did not re-read its table`);
    out.syncsPerEditByRows[rows] = host.stats.syncs;
    out.opsPerEditByRows[rows] = host.stats.ops;
    out.writesPerEdit = Math.max(out.writesPerEdit, host.stats.writes);
    await live.stop();
    out.violations.push(...host.violations);
  }
  return out;
}

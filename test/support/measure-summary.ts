// Host round trips of 生成汇总表 at a number of tables, in Excel (syncs) and WPS (object-model calls),
// for the benchmark: Excel's are constant, WPS's grow by one link (Range + Hyperlinks.Add) per table.
import { analyzeWorkbook } from '../../src/core';
import { syntheticSheet } from '../../src/bench/synthetic';
import { buildSummary as buildOfficeSummary } from '../../src/office/summary';
import { buildSummary as buildWpsSummary } from '../../src/wps/summary';
import { FakeEtHost } from './fake-et';
import { FakeExcelHost } from './fake-excel';
import { gridWorkbook } from './workbooks';

export interface SummaryMeasure {
  tables: number;
  /** Excel (ExcelApi 1.7): syncs of one 生成汇总表. */
  officeSyncs: number;
  /** WPS: every member access and call of one 生成汇总表, and of them those after the sheets were read. */
  wpsCalls: number;
  wpsWriteCalls: number;
}

const ROWS = 20;

export async function measureSummary(tables: number): Promise<SummaryMeasure> {
  const book = () => gridWorkbook([syntheticSheet('项目', tables, ROWS)]);
  const xl = new FakeExcelHost(book(), { excelApi: '1.7' });
  const o = await buildOfficeSummary(xl, { analyze: analyzeWorkbook });
  if (o.status !== 'ok' || o.tables !== tables) throw new Error(`office summary at ${tables} tables: ${o.status} (${o.tables})`);
  const et = new FakeEtHost(book());
  let read = -1;
  const w = buildWpsSummary(et.Application, {
    analyze: (grids, opts) => {
      read = et.totalCalls;
      return analyzeWorkbook(grids, opts);
    },
  });
  if (w.status !== 'ok' || w.tables !== tables) throw new Error(`wps summary at ${tables} tables: ${w.status} (${w.tables})`);
  return { tables, officeSyncs: xl.stats.syncs, wpsCalls: et.totalCalls, wpsWriteCalls: et.totalCalls - read };
}

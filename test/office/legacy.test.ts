// The add-in on a workbook Excel opened from an .xls (compatibility mode): the adapter needs no
// feature that .xls lacks, and reads, writes and restores it as it does an .xlsx.
import type ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../../src/core';
import { parseA1 } from '../../src/core/address';
import { runAnalysis, runRestore, type Analyze } from '../../src/office/adapter';
import { STORE_SHEET } from '../../src/office/store';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { bookOfTables, budgetExport, writeBook } from '../fixtures/sheetjs-books';
import { fengtai, yuxiEducation } from '../fixtures/tables';
import { hostFromLegacy, XLS_LIMITS } from '../support/legacy-host';
import { diffSnapshots, snapshot, type CellSnap } from '../support/workbooks';

const analyze: Analyze = analyzeWorkbook;
const WORKBOOK = { scope: 'workbook' as const };

/** A budget-system .xls with two more filings that need computing and carry errors. */
const XLS = writeBook(
  bookOfTables(
    [
      { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
      { name: '教育', placed: [{ table: yuxiEducation, at: 'B3' }] },
    ],
    budgetExport('filled'),
  ),
  'xls',
);

const withoutStore = (s: Record<string, CellSnap>) => Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith(STORE_SHEET + '!')));

function withinXls(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount > XLS_LIMITS.rows || ws.columnCount > XLS_LIMITS.cols) out.push(`${ws.name}: ${ws.rowCount} × ${ws.columnCount}`);
  }
  return out;
}

describe.each(['1.7', '1.18'])('add-in on an .xls opened in Excel, ExcelApi %s', (excelApi) => {
  it('recompute finds what `ziping check` finds on the .xls, and writes only inside the .xls grid', async () => {
    const host = await hostFromLegacy(XLS, 'budget.xls', { excelApi });
    const writes: string[] = [];
    host.fault = (op) => {
      if (op.write && op.address) writes.push(op.address);
      return false;
    };
    const out = await runAnalysis(host, 'recompute', { analyze, settings: WORKBOOK });
    expect(out.error).toBeUndefined();
    expect(out.status).toBe('ok');
    expect(host.violations).toEqual([]);
    expect(host.formulaOverwrites).toEqual([]);
    const cli = analyzeWorkbook((await readWorkbookBuffer(XLS, 'budget.xls')).sheets);
    const key = (t: { sheet: string; range: string; total: number | null; grade: string | null }) => `${t.sheet}!${t.range}:${t.total}:${t.grade}`;
    expect(out.tables.map(key)).toEqual(cli.tables.map(key));
    expect(out.tables.map((t) => t.sheet)).toEqual(expect.arrayContaining(['项目支出绩效自评表', '丰台', '教育']));
    expect(out.findings.map((f) => `${f.sheet}!${f.cell}:${f.rule}`)).toEqual(cli.findings.map((f) => `${f.sheet}!${f.cell}:${f.rule}`));
    expect(out.written.values + out.written.fills).toBeGreaterThan(0);
    expect(writes.length).toBeGreaterThan(0);
    for (const a of writes) {
      for (const ref of a.replace(/^.*!/, '').split(':')) {
        const p = parseA1(ref);
        expect(p).not.toBeNull();
        expect([a, p!.row < XLS_LIMITS.rows && p!.col < XLS_LIMITS.cols]).toEqual([a, true]);
      }
    }
    // the restore store too fits an .xls sheet, so saving in compatibility mode loses nothing
    expect(withinXls(host.workbook)).toEqual([]);
    expect(host.workbook.getWorksheet(STORE_SHEET)?.state).toBe('veryHidden');
  });

  it('restore brings back exactly what the .xls held', async () => {
    const host = await hostFromLegacy(XLS, 'budget.xls', { excelApi });
    const original = snapshot(host.workbook);
    await runAnalysis(host, 'recompute', { analyze, settings: WORKBOOK });
    expect(diffSnapshots(original, withoutStore(snapshot(host.workbook))).length).toBeGreaterThan(0);
    const out = await runRestore(host, { settings: WORKBOOK });
    expect(out.status).toBe('ok');
    expect(diffSnapshots(original, withoutStore(snapshot(host.workbook)))).toEqual([]);
  });
});

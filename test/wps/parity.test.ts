// Parity: the same fixtures recomputed, validated and restored through the Office adapter on the fake
// Excel host and through src/wps on the fake ET host give the same workbook and the same store; a
// workbook recomputed in one host is restored in the other.
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../../src/core';
import { runAnalysis as officeRun, runRestore as officeRestore } from '../../src/office/adapter';
import { STORE_SHEET, decodeStore, type StoreDoc } from '../../src/office/store';
import { runAnalysis as wpsRun, runRestore as wpsRestore } from '../../src/wps/run';
import { single, stack, toWorkbook, type SheetSpec } from '../fixtures/build';
import {
  ALL_FIXTURES,
  beijingExecution,
  budgetList,
  fengtai,
  jiangxiRubric,
  meetingMinutes,
  yuxiDepartment,
  yuxiEducation,
  yuxiFestival,
  yuxiOffice,
  yuxiReception,
} from '../fixtures/tables';
import { FakeExcelHost } from '../support/fake-excel';
import { FakeEtHost } from '../support/fake-et';
import { diffSnapshots, snapshot, type CellSnap } from '../support/workbooks';

const analyze = analyzeWorkbook;
const WORKBOOK = { scope: 'workbook' as const };

/** The adapter tests' layout: several tables on a sheet, offsets, decoys. */
const MIXED: SheetSpec[] = [
  { name: '玉溪项目', placed: stack([yuxiOffice, yuxiFestival], 'B2', 2) },
  { name: '教育', placed: [{ table: yuxiEducation, at: 'A1' }] },
  { name: '接待', placed: [{ table: yuxiReception, at: 'C4' }] },
  { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
  { name: '部门', placed: [{ table: yuxiDepartment, at: 'A1' }] },
  { name: '江西评分', placed: [{ table: jiangxiRubric, at: 'A1' }] },
  { name: '北京执行', placed: [{ table: beijingExecution, at: 'A1' }] },
  { name: '预算', placed: [{ table: budgetList, at: 'A1' }] },
  { name: '纪要', placed: [{ table: meetingMinutes, at: 'A1' }] },
];
/** Every fixture of test/fixtures on a sheet of its own. */
const EVERY: SheetSpec[] = Object.values(ALL_FIXTURES).map((t) => single(t, 'A1', t.id.slice(0, 31)));

async function bytesOf(specs: SheetSpec[]): Promise<ArrayBuffer> {
  return (await toWorkbook(specs).xlsx.writeBuffer()) as ArrayBuffer;
}

function withoutStore(s: Record<string, CellSnap>): Record<string, CellSnap> {
  return Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith(STORE_SHEET + '!')));
}

function storeOf(wb: ExcelJS.Workbook): StoreDoc | null {
  const ws = wb.getWorksheet(STORE_SHEET);
  if (!ws) return null;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push([row.getCell(1).value]));
  return decodeStore(rows);
}

/** The store without what only Excel keeps (Worksheet ids: WPS has none), entries in a stable order. */
function neutral(doc: StoreDoc | null): unknown {
  if (!doc) return null;
  return doc.entries
    .map(({ i: _i, ...e }) => e)
    .sort((a, b) => a.s.localeCompare(b.s) || a.r - b.r || a.c - b.c)
    .map((e) => JSON.stringify(e));
}

function outcomeKey(o: { status: string; written: object; counts: object; tables: { sheet: string; range: string; total: number | null }[] }) {
  return { status: o.status, written: o.written, counts: o.counts, tables: o.tables.map((t) => `${t.sheet}!${t.range}:${t.total}`) };
}

describe.each([
  ['mixed sheets', MIXED],
  ['every fixture', EVERY],
])('WPS and Excel agree (%s)', (_name, specs) => {
  it('recompute, validate, recompute and restore: same cells, same store, same counts', async () => {
    const bytes = await bytesOf(specs);
    const xl = await FakeExcelHost.fromBuffer(bytes);
    const et = await FakeEtHost.fromBuffer(bytes);
    const original = snapshot(xl.workbook);
    expect(snapshot(et.workbook)).toEqual(original);
    const app = et.Application;
    for (const mode of ['recompute', 'validate', 'recompute'] as const) {
      const a = await officeRun(xl, mode, { analyze, settings: WORKBOOK });
      const b = wpsRun(app, mode, { analyze, settings: WORKBOOK });
      expect(b.error).toBeUndefined();
      expect(outcomeKey(b)).toEqual(outcomeKey(a));
      expect(b.findings.map((f) => `${f.sheet}!${f.cell}:${f.rule}`)).toEqual(a.findings.map((f) => `${f.sheet}!${f.cell}:${f.rule}`));
      expect(diffSnapshots(withoutStore(snapshot(xl.workbook)), withoutStore(snapshot(et.workbook)))).toEqual([]);
      expect(neutral(storeOf(et.workbook))).toEqual(neutral(storeOf(xl.workbook)));
      expect(et.workbook.getWorksheet(STORE_SHEET)!.state).toBe('veryHidden');
    }
    expect(a1Changed(original, et.workbook)).toBeGreaterThan(0);
    expect(et.formulaOverwrites).toEqual([]);
    const ra = await officeRestore(xl, { settings: WORKBOOK });
    const rb = wpsRestore(app, { settings: WORKBOOK });
    expect(outcomeKey(rb)).toEqual(outcomeKey(ra));
    expect(rb.status).toBe('ok');
    expect(diffSnapshots(original, snapshot(et.workbook))).toEqual([]);
    expect(et.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
    // every run was one native undo step, nothing written outside one
    expect(et.undo.done.map((u) => u.desc)).toEqual([
      '绩效自评助手：重新计算',
      '绩效自评助手：提交前校验',
      '绩效自评助手：重新计算',
      '绩效自评助手：清除标记',
    ]);
    expect(et.writesOutsideUndo).toBe(0);
    expect(et.displayAlerts).toBe(true);
  });
});

function a1Changed(original: Record<string, CellSnap>, wb: ExcelJS.Workbook): number {
  return diffSnapshots(original, withoutStore(snapshot(wb))).length;
}

describe('a workbook moves between Excel and WPS', () => {
  it('recomputed in Excel, restored in WPS after save and reopen', async () => {
    const bytes = await bytesOf(MIXED);
    const xl = await FakeExcelHost.fromBuffer(bytes);
    const original = snapshot(xl.workbook);
    const a = await officeRun(xl, 'recompute', { analyze, settings: WORKBOOK });
    expect(a.status).toBe('ok');
    const et = await FakeEtHost.fromBuffer(await xl.toBuffer());
    expect(storeOf(et.workbook)!.entries.some((e) => e.i)).toBe(true); // Excel's ids are there
    const r = wpsRestore(et.Application, { settings: WORKBOOK });
    expect(r.status).toBe('ok');
    expect(r.written.kept).toBe(0);
    expect(diffSnapshots(original, snapshot(et.workbook))).toEqual([]);
    expect(et.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
  });

  it('recomputed in WPS, restored in Excel after save and reopen', async () => {
    const bytes = await bytesOf(MIXED);
    const et = await FakeEtHost.fromBuffer(bytes);
    const original = snapshot(et.workbook);
    const a = wpsRun(et.Application, 'recompute', { analyze, settings: WORKBOOK });
    expect(a.status).toBe('ok');
    const xl = await FakeExcelHost.fromBuffer(await et.toBuffer());
    const r = await officeRestore(xl, { settings: WORKBOOK });
    expect(r.status).toBe('ok');
    expect(r.written.kept).toBe(0);
    expect(diffSnapshots(original, snapshot(xl.workbook))).toEqual([]);
    expect(xl.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
  });

  it('validated in WPS, recomputed in Excel, restored in WPS: the first originals come back', async () => {
    const bytes = await bytesOf(MIXED);
    const et1 = await FakeEtHost.fromBuffer(bytes);
    const original = snapshot(et1.workbook);
    wpsRun(et1.Application, 'validate', { analyze, settings: WORKBOOK });
    const xl = await FakeExcelHost.fromBuffer(await et1.toBuffer());
    await officeRun(xl, 'recompute', { analyze, settings: WORKBOOK });
    const et2 = await FakeEtHost.fromBuffer(await xl.toBuffer());
    const r = wpsRestore(et2.Application, { settings: WORKBOOK });
    expect(r.status).toBe('ok');
    expect(diffSnapshots(original, snapshot(et2.workbook))).toEqual([]);
  });
});

// Parity: the same fixtures recomputed, validated and restored through the Office adapter on the fake
// Excel host and through src/wps on the fake ET host give the same workbook and the same store; a
// workbook recomputed in one host is restored in the other.
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../../src/core';
import { runAnalysis as officeRun, runRestore as officeRestore } from '../../src/office/adapter';
import { STORE_SHEET, decodeStore, type StoreDoc } from '../../src/office/store';
import { runAnalysis as wpsRun, runRestore as wpsRestore } from '../../src/wps/run';
import { single, toWorkbook, type SheetSpec } from '../fixtures/build';
import { MIXED_SPECS } from '../fixtures/layouts';
import { ALL_FIXTURES, fengtai } from '../fixtures/tables';
import { FakeExcelHost } from '../support/fake-excel';
import { FakeEtHost } from '../support/fake-et';
import { diffSnapshots, snapshot, type CellSnap } from '../support/workbooks';

const analyze = analyzeWorkbook;
const WORKBOOK = { scope: 'workbook' as const };

/** The adapter tests' layout: several tables on a sheet, offsets, decoys. */
const MIXED = MIXED_SPECS;
/** Every fixture of test/fixtures on a sheet of its own. */
const EVERY: SheetSpec[] = Object.values(ALL_FIXTURES).map((t) => single(t, 'A1', t.id.slice(0, 31)));

async function bytesOf(specs: SheetSpec[]): Promise<ArrayBuffer> {
  return (await toWorkbook(specs).xlsx.writeBuffer()) as ArrayBuffer;
}

/** The bytes after one save and reopen (ExcelJS reads a "\r\n" in a cell back as "\n"), so a later reopen changes nothing. */
async function savedOnce(specs: SheetSpec[]): Promise<ArrayBuffer> {
  return (await FakeExcelHost.fromBuffer(await bytesOf(specs))).toBuffer();
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

describe.each([
  ['mixed sheets', MIXED],
  ['every fixture', EVERY],
])('a workbook moves between Excel and WPS (%s)', (_name, specs) => {
  it('recomputed in Excel, restored in WPS after save and reopen', async () => {
    const bytes = await savedOnce(specs);
    const xl = await FakeExcelHost.fromBuffer(bytes);
    const original = snapshot(xl.workbook);
    const a = await officeRun(xl, 'recompute', { analyze, settings: WORKBOOK });
    expect(a.status).toBe('ok');
    expect(a.written.values + a.written.fills).toBeGreaterThan(0);
    const et = await FakeEtHost.fromBuffer(await xl.toBuffer());
    expect(storeOf(et.workbook)!.entries.some((e) => e.i)).toBe(true); // Excel's ids are there
    const r = wpsRestore(et.Application, { settings: WORKBOOK });
    expect(r.status).toBe('ok');
    expect(r.written.kept).toBe(0);
    expect(r.written.restored).toBe(storeOf(xl.workbook)!.entries.length);
    expect(diffSnapshots(original, snapshot(et.workbook))).toEqual([]);
    expect(et.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
  });

  it('recomputed in WPS, restored in Excel after save and reopen', async () => {
    const bytes = await savedOnce(specs);
    const et = await FakeEtHost.fromBuffer(bytes);
    const original = snapshot(et.workbook);
    const a = wpsRun(et.Application, 'recompute', { analyze, settings: WORKBOOK });
    expect(a.status).toBe('ok');
    expect(a.written.values + a.written.fills).toBeGreaterThan(0);
    const xl = await FakeExcelHost.fromBuffer(await et.toBuffer());
    const r = await officeRestore(xl, { settings: WORKBOOK });
    expect(r.status).toBe('ok');
    expect(r.written.kept).toBe(0);
    expect(r.written.restored).toBe(storeOf(et.workbook)!.entries.length);
    expect(diffSnapshots(original, snapshot(xl.workbook))).toEqual([]);
    expect(xl.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
  });
});

describe('restore of one sheet (sheet scope) in both hosts', () => {
  it('each sheet in turn: the same cells come back, the other sheets keep their marks, the same store remains', async () => {
    const bytes = await bytesOf(MIXED);
    const xl = await FakeExcelHost.fromBuffer(bytes);
    const et = await FakeEtHost.fromBuffer(bytes);
    const original = snapshot(xl.workbook);
    await officeRun(xl, 'recompute', { analyze, settings: WORKBOOK });
    wpsRun(et.Application, 'recompute', { analyze, settings: WORKBOOK });
    const marked = new Set(storeOf(xl.workbook)!.entries.map((e) => e.s));
    expect(marked.size).toBeGreaterThan(2);
    const done = new Set<string>();
    for (const sheet of MIXED.map((s) => s.name)) {
      xl.activeSheetName = sheet;
      et.activeSheetName = sheet;
      const a = await officeRestore(xl, { settings: { scope: 'sheet' } });
      const b = wpsRestore(et.Application, { settings: { scope: 'sheet' } });
      expect(b.activeSheet).toBe(sheet);
      expect(outcomeKey(b)).toEqual(outcomeKey(a));
      expect(b.status).toBe(marked.has(sheet) ? 'ok' : 'nothing-to-restore');
      done.add(sheet);
      expect(diffSnapshots(withoutStore(snapshot(xl.workbook)), withoutStore(snapshot(et.workbook)))).toEqual([]);
      // the restored sheets are back as they were; the others still differ where they were marked
      const diffs = diffSnapshots(original, withoutStore(snapshot(et.workbook)));
      expect(diffs.filter((d) => done.has(d.split('!')[0]))).toEqual([]);
      const left = [...marked].filter((s) => !done.has(s));
      for (const s of left) expect(diffs.some((d) => d.startsWith(s + '!'))).toBe(true);
      expect(neutral(storeOf(et.workbook))).toEqual(neutral(storeOf(xl.workbook)));
      expect((storeOf(et.workbook)?.entries ?? []).every((e) => !done.has(e.s))).toBe(true);
    }
    expect(et.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
    expect(xl.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
  });
});

/** Column `col` (1-based) of the store sheet, as the cells' values. */
function storeColumn(wb: ExcelJS.Workbook, col: number): unknown[] {
  const ws = wb.getWorksheet(STORE_SHEET);
  if (!ws) return [];
  const out: unknown[] = [];
  ws.getColumn(col).eachCell({ includeEmpty: false }, (c) => void out.push(c.value));
  return out;
}

describe('an unreadable store (audit 2, #6) in both hosts', () => {
  async function corrupted() {
    const bytes = await bytesOf(MIXED);
    const xl = await FakeExcelHost.fromBuffer(bytes);
    const et = await FakeEtHost.fromBuffer(bytes);
    await officeRun(xl, 'validate', { analyze, settings: WORKBOOK });
    wpsRun(et.Application, 'validate', { analyze, settings: WORKBOOK });
    // two co-authors' runs merged cell by cell: A1 cut in half (the same text in both)
    const raw = String(xl.workbook.getWorksheet(STORE_SHEET)!.getCell('A1').value);
    const cut = raw.slice(0, raw.length >> 1);
    xl.workbook.getWorksheet(STORE_SHEET)!.getCell('A1').value = cut;
    et.workbook.getWorksheet(STORE_SHEET)!.getCell('A1').value = cut;
    return { xl, et, cut };
  }

  it('recompute backs it up to column B, starts from an empty store and says so, the same in WPS as in Excel', async () => {
    const { xl, et, cut } = await corrupted();
    const a = await officeRun(xl, 'recompute', { analyze, settings: WORKBOOK });
    const b = wpsRun(et.Application, 'recompute', { analyze, settings: WORKBOOK });
    expect(a.status).toBe('ok');
    expect(b.error).toBeUndefined();
    expect(outcomeKey(b)).toEqual(outcomeKey(a));
    expect(b.notices).toEqual(a.notices);
    expect(b.notices.map((n) => n.kind)).toContain('store-reset');
    expect(diffSnapshots(withoutStore(snapshot(xl.workbook)), withoutStore(snapshot(et.workbook)))).toEqual([]);
    // column A is readable again and holds the same document; column B keeps the old cells after a stamp
    expect(neutral(storeOf(et.workbook))).toEqual(neutral(storeOf(xl.workbook)));
    expect(storeOf(et.workbook)!.entries.length).toBeGreaterThan(0);
    const colB = storeColumn(et.workbook, 2);
    expect(colB.slice(1)).toEqual(storeColumn(xl.workbook, 2).slice(1));
    expect(String(colB[0])).toMatch(/^~ziping: \S+ restore store: /);
    expect(colB).toContain(cut);
    expect(et.workbook.getWorksheet(STORE_SHEET)!.state).toBe('veryHidden');
    // a later run reads the store as usual
    const again = wpsRun(et.Application, 'validate', { analyze, settings: WORKBOOK });
    expect(again.status).toBe('ok');
    expect(again.notices.map((n) => n.kind)).not.toContain('store-reset');
  });

  it('清除标记 says so; 重置恢复信息 (resetUnreadable) backs it up and clears it, the same in WPS as in Excel', async () => {
    const { xl, et, cut } = await corrupted();
    const a = await officeRestore(xl, { settings: WORKBOOK });
    const b = wpsRestore(et.Application, { settings: WORKBOOK });
    expect(b.status).toBe('store-unreadable');
    expect(outcomeKey(b)).toEqual(outcomeKey(a));
    expect(b.error).toBe(a.error);
    const ra = await officeRestore(xl, { settings: WORKBOOK, resetUnreadable: true });
    const rb = wpsRestore(et.Application, { settings: WORKBOOK, resetUnreadable: true });
    expect(rb.status).toBe('ok');
    expect(outcomeKey(rb)).toEqual(outcomeKey(ra));
    expect(rb.notices).toEqual(ra.notices);
    expect(storeColumn(et.workbook, 2)).toContain(cut);
    expect(storeColumn(et.workbook, 2).slice(1)).toEqual(storeColumn(xl.workbook, 2).slice(1));
    expect(storeOf(et.workbook)?.entries ?? []).toEqual([]);
    expect(wpsRestore(et.Application, { settings: WORKBOOK }).status).toBe('nothing-to-restore');
    expect((await officeRestore(xl, { settings: WORKBOOK })).status).toBe('nothing-to-restore');
  });
});

describe('a workbook moves between Excel and WPS', () => {
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

describe('merged cells (audit 2, #10) in both hosts', () => {
  it('a write to a hidden cell of a merge is dropped and its mark goes to the anchor, the same in WPS as in Excel', async () => {
    const wb = toWorkbook([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]);
    wb.getWorksheet('丰台')!.mergeCellsWithoutStyle(80, 2, 81, 3); // B80:C81, below the table
    const bytes = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
    const xl = await FakeExcelHost.fromBuffer(bytes, { excelApi: '1.18' });
    const et = await FakeEtHost.fromBuffer(bytes);
    // an engine that points at C81 (inside the merge): a write and a mark
    const pointing: typeof analyze = (sheets, options) => {
      const res = analyze(sheets, options);
      const mark = { ...res.marks[0], sheet: '丰台', row: 80, col: 2, address: 'C81' };
      const write = { ...res.writes[0], sheet: '丰台', row: 80, col: 2, address: 'C81', value: 7 };
      return { ...res, marks: [...res.marks, mark], writes: [...res.writes, write] };
    };
    const a = await officeRun(xl, 'recompute', { analyze: pointing, settings: WORKBOOK });
    const b = wpsRun(et.Application, 'recompute', { analyze: pointing, settings: WORKBOOK });
    expect(b.status).toBe('ok');
    expect(outcomeKey(b)).toEqual(outcomeKey(a));
    const snap = snapshot(et.workbook, ['丰台']);
    expect(snap['丰台!C81']).toBeUndefined();
    expect(snap['丰台!B80']?.fill).toBeTruthy();
    expect(diffSnapshots(withoutStore(snapshot(xl.workbook)), withoutStore(snapshot(et.workbook)))).toEqual([]);
    expect(neutral(storeOf(et.workbook))).toEqual(neutral(storeOf(xl.workbook)));
  });
});

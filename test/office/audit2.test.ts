// Issue 17: the findings of the second Office.js audit (../shared/research/officejs-audit-2.md), each
// on the strict fake host (test/support/fake-excel), which refuses what Excel refuses.
import { analyzeWorkbook } from '../../src/core';
import { runAnalysis, runRestore, type Analyze } from '../../src/office/adapter';
import type { XlHost } from '../../src/office/excel-api';
import { officeXlHost } from '../../src/office/office-host';
import { DEFAULT_SETTINGS } from '../../src/office/settings';
import { buildSummary, removeSummary, SUMMARY_SHEET } from '../../src/office/summary';
import { STORE_SHEET, decodeStore } from '../../src/office/store';
import { describeOutcome } from '../../src/ui-strings';
import { fengtai, yuxiEducation } from '../fixtures/tables';
import { FakeExcelHost } from '../support/fake-excel';
import { fakeOffice } from '../support/fake-excel/office';
import { diffSnapshots, hostFor, snapshot } from '../support/workbooks';
import { startLive } from '../support/live-rig';

const analyze: Analyze = analyzeWorkbook;
const WORKBOOK = { scope: 'workbook' as const };
const SPECS = [
  { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
  { name: '教育', placed: [{ table: yuxiEducation, at: 'B3' }] },
];

/** The task pane's host, as taskpane/index.tsx builds it. */
const paneHost = () => officeXlHost({ delayForCellEdit: true });

function storeColumn(host: FakeExcelHost, col = 1): unknown[] {
  const ws = host.workbook.getWorksheet(STORE_SHEET);
  if (!ws) return [];
  const out: unknown[] = [];
  ws.getColumn(col).eachCell({ includeEmpty: false }, (c) => void out.push(c.value));
  return out;
}

describe.each(['1.7', '1.18'])('audit-2 on ExcelApi %s', (excelApi) => {
  it('audit-2 #1 清除标记 deletes the VeryHidden store (hidden first, in the same batch) and brings every cell back', async () => {
    const host = await hostFor(SPECS, { excelApi });
    const original = snapshot(host.workbook);
    const rec = await runAnalysis(host, 'recompute', { analyze, settings: WORKBOOK });
    expect(rec.status).toBe('ok');
    expect(host.workbook.getWorksheet(STORE_SHEET)!.state).toBe('veryHidden');
    const out = await runRestore(host, { settings: WORKBOOK });
    expect(out.error).toBeUndefined();
    expect(out.status).toBe('ok');
    expect(host.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
    expect(diffSnapshots(original, snapshot(host.workbook))).toEqual([]);
  });

  it('audit-2 #1 提交前校验 after the user fixed every problem removes the old marks and the store', async () => {
    const host = await hostFor(SPECS, { excelApi });
    const original = snapshot(host.workbook);
    const first = await runAnalysis(host, 'validate', { analyze, settings: WORKBOOK });
    expect(first.written.fills).toBeGreaterThan(0);
    // "the user fixes every problem": the engine now finds nothing to mark
    const clean: Analyze = (sheets, options) => ({ ...analyze(sheets, options), marks: [], writes: [] });
    const second = await runAnalysis(host, 'validate', { analyze: clean, settings: WORKBOOK });
    expect(second.error).toBeUndefined();
    expect(second.status).toBe('ok');
    expect(second.rolledBack).toBeUndefined();
    expect(host.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
    expect(diffSnapshots(original, snapshot(host.workbook))).toEqual([]);
  });

  it('audit-2 #6 an unreadable store never blocks recompute: it is backed up, treated as empty, and the outcome says so', async () => {
    const host = await hostFor(SPECS, { excelApi });
    await runAnalysis(host, 'validate', { analyze, settings: WORKBOOK });
    const ws = host.workbook.getWorksheet(STORE_SHEET)!;
    // two co-authors' runs merged cell by cell: A1 cut in half
    const raw = String(ws.getCell('A1').value);
    ws.getCell('A1').value = raw.slice(0, raw.length >> 1);
    const out = await runAnalysis(host, 'recompute', { analyze, settings: WORKBOOK });
    expect(out.error).toBeUndefined();
    expect(out.status).toBe('ok');
    expect(out.notices.map((n) => n.kind)).toContain('store-reset');
    expect(describeOutcome(out, 'zh').message).toMatch(/恢复信息无法读取.*已备份/);
    // the store is readable again, and the old content is kept in column B
    const values = storeColumn(host).map((v) => [v]);
    expect(decodeStore(values)!.entries.length).toBeGreaterThan(0);
    expect(storeColumn(host, 2)).toContain(raw.slice(0, raw.length >> 1));
    // and validate works as well
    const again = await runAnalysis(host, 'validate', { analyze, settings: WORKBOOK });
    expect(again.status).toBe('ok');
  });

  it('audit-2 #6 清除标记 on an unreadable store says so, and 重置恢复信息 backs it up and clears it', async () => {
    const host = await hostFor(SPECS, { excelApi });
    await runAnalysis(host, 'validate', { analyze, settings: WORKBOOK });
    const ws = host.workbook.getWorksheet(STORE_SHEET)!;
    ws.getCell('A1').value = '~{"app":"ziping","v":1,"entr';
    const blocked = await runRestore(host, { settings: WORKBOOK });
    expect(blocked.status).toBe('store-unreadable');
    expect(describeOutcome(blocked, 'zh').message).toMatch(/重置恢复信息/);
    const reset = await runRestore(host, { settings: WORKBOOK, resetUnreadable: true });
    expect(reset.status).toBe('ok');
    expect(reset.notices.map((n) => n.kind)).toContain('store-reset');
    expect(storeColumn(host, 2)).toContain('~{"app":"ziping","v":1,"entr');
    const after = await runRestore(host, { settings: WORKBOOK });
    expect(after.status).toBe('nothing-to-restore');
    expect(host.violations).toEqual([]);
  });
});

describe('audit-2 #10 merged cells', () => {
  it('audit-2 #10 never writes or marks a hidden (non-anchor) cell of a merge it knows about; the mark goes to the anchor', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    const ws = host.workbook.getWorksheet('丰台')!;
    ws.mergeCellsWithoutStyle(80, 2, 81, 3); // B80:C81, below the table
    // an engine that points at C81 (inside the merge): a write and a mark
    const pointing: Analyze = (sheets, options) => {
      const res = analyze(sheets, options);
      const mark = { ...res.marks[0], sheet: '丰台', row: 80, col: 2, address: 'C81' };
      const write = { ...res.writes[0], sheet: '丰台', row: 80, col: 2, address: 'C81', value: 7 };
      return { ...res, marks: [...res.marks, mark], writes: [...res.writes, write] };
    };
    const out = await runAnalysis(host, 'recompute', { analyze: pointing, settings: WORKBOOK });
    expect(out.status).toBe('ok');
    const snap = snapshot(host.workbook, ['丰台']);
    expect(snap['丰台!C81']).toBeUndefined();
    expect(snap['丰台!B80']?.fill).toBeTruthy();
  });
});

describe('audit-2 #2 cell-edit mode', () => {
  const settings = { ...DEFAULT_SETTINGS, scope: 'workbook' as const };
  const liveRig = (host: XlHost & { events?: unknown }, fake: FakeExcelHost) => startLive(host, { settings, base: fake });
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('audit-2 #2 a live flush while the user edits a cell waits for the edit (delayForCellEdit) and the live check stays on', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    const { live, errors, updates } = await liveRig(host, host);
    host.userEdit('丰台', 'C5', 999);
    host.beginCellEdit(); // the user goes on typing in the next cell
    await host.events.settled();
    await wait(30);
    expect(errors).toEqual([]);
    expect(live.active).toBe(true);
    host.endCellEdit();
    await live.flush();
    await wait(30);
    expect(errors).toEqual([]);
    expect(live.active).toBe(true);
    expect(updates.length).toBeGreaterThan(0);
    expect(host.editRefusals).toBe(0);
    await live.stop();
  });

  it('audit-2 #2 a batch refused for cell-edit mode (a host that ignores delayForCellEdit) is retried, never switches the live check off', async () => {
    const fake = await hostFor(SPECS, { excelApi: '1.18' });
    // as an Excel that does not honour the option: every batch meets the edit and fails at once
    const host: XlHost = {
      run: (batch) => fake.run(batch),
      runIn: (c, b) => fake.runIn(c, b),
      isSetSupported: (n, v) => fake.isSetSupported(n, v),
    };
    const { live, errors, updates } = await liveRig(host, fake);
    fake.userEdit('丰台', 'C5', 999);
    fake.beginCellEdit();
    await fake.events.settled();
    await wait(40);
    expect(fake.editRefusals).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(live.active).toBe(true);
    fake.endCellEdit();
    for (let i = 0; i < 20 && !updates.length; i++) await wait(10);
    expect(updates.length).toBeGreaterThan(0);
    await live.stop();
  });

  it('audit-2 #2 the task pane host (officeXlHost) runs pane actions with delayForCellEdit: a recompute pressed during an edit waits, then succeeds', async () => {
    const fake = await hostFor(SPECS, { excelApi: '1.18' });
    const office = fakeOffice(fake);
    const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
    g.Office = office.Office;
    g.Excel = office.Excel;
    try {
      fake.beginCellEdit();
      const pending = runAnalysis(paneHost(), 'recompute', { analyze, settings: WORKBOOK });
      await wait(20);
      expect(fake.editRefusals).toBe(0);
      fake.endCellEdit();
      const out = await pending;
      expect(out.error).toBeUndefined();
      expect(out.status).toBe('ok');
    } finally {
      delete g.Office;
      delete g.Excel;
    }
  });
});

describe('audit-2 #3 summary sheet after save and reopen', () => {
  /** Save, close and reopen: cells through .xlsx bytes, the add-in's settings carried over as Excel keeps them. */
  async function reopen(host: FakeExcelHost, excelApi: string): Promise<FakeExcelHost> {
    const again = await FakeExcelHost.fromBuffer(await host.toBuffer(), { excelApi });
    for (const [k, v] of host.settings) again.settings.set(k, v);
    return again;
  }

  it.each(['1.7', '1.18'])(
    'audit-2 #3 (ExcelApi %s) 生成汇总表 and 清除标记 still know the summary after a reopen (new Worksheet.id)',
    async (excelApi) => {
      const host = await hostFor(SPECS, { excelApi });
      expect((await buildSummary(host, { analyze })).status).toBe('ok');
      const idBefore = host.idOfSheet(SUMMARY_SHEET);
      const again = await reopen(host, excelApi);
      expect(again.idOfSheet(SUMMARY_SHEET)).not.toBe(idBefore);
      expect((await buildSummary(again, { analyze })).status).toBe('ok');
      expect(again.workbook.worksheets.filter((w) => w.name === SUMMARY_SHEET)).toHaveLength(1);
      const third = await reopen(again, excelApi);
      expect((await removeSummary(third)).status).toBe('removed');
      expect(third.hasSheet(SUMMARY_SHEET)).toBe(false);
    },
  );

  it('audit-2 #3 a user’s own sheet of that name is still never replaced, even with our setting left in the workbook', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    await buildSummary(host, { analyze });
    const again = await reopen(host, '1.18');
    again.deleteSheet(SUMMARY_SHEET);
    again.workbook.addWorksheet(SUMMARY_SHEET).getCell('A1').value = '我自己的汇总';
    const before = snapshot(again.workbook);
    expect((await buildSummary(again, { analyze })).status).toBe('name-taken');
    expect((await removeSummary(again)).status).toBe('nothing-to-remove');
    expect(snapshot(again.workbook)).toEqual(before);
  });
});

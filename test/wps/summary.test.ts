// The summary sheet 绩效自评汇总 in WPS (src/wps/summary.ts) on the fake ET host, and parity with
// Excel: the same workbook gives the same summary sheet (values, links, formats, fill, bold, merges,
// column widths) through the Office adapter on the fake Excel host and through src/wps.
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../../src/core';
import { toWan } from '../../src/core/units';
import { a1 } from '../../src/core/address';
import { buildSummary as officeBuild, removeSummary as officeRemove } from '../../src/office/summary';
import { runAnalysis as officeRun } from '../../src/office/adapter';
import { STORE_SHEET } from '../../src/office/store';
import { SUMMARY_KEY, SUMMARY_SHEET } from '../../src/host/summary';
import { buildSummary, removeSummary } from '../../src/wps/summary';
import { runWpsCommand } from '../../src/wps/commands';
import { runAnalysis } from '../../src/wps/run';
import { readText } from '../../src/wps/settings';
import { wpsPaneHost } from '../../src/wps/pane-host';
import { toWorkbook, type SheetSpec } from '../fixtures/build';
import { SUMMARY_SPECS } from '../fixtures/layouts';
import { FakeEtHost } from '../support/fake-et';
import { FakeExcelHost } from '../support/fake-excel';
import { readCell, readFill } from '../support/fake-excel/cells';
import { snapshot } from '../support/workbooks';

const SPECS = SUMMARY_SPECS;
const analyze = analyzeWorkbook;
const AT = new Date(2026, 11, 5, 9, 30);

async function bytesOf(specs: SheetSpec[]): Promise<ArrayBuffer> {
  return (await toWorkbook(specs).xlsx.writeBuffer()) as ArrayBuffer;
}

async function etFor(specs: SheetSpec[]): Promise<FakeEtHost> {
  return FakeEtHost.fromBuffer(await bytesOf(specs));
}

/** Everything a user sees of a sheet: cells (value or link, format, fill, bold), merges, column widths. */
function look(wb: ExcelJS.Workbook, name: string) {
  const ws = wb.getWorksheet(name)!;
  const cells: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if ((cell as unknown as { type: number }).type === 1) return; // merged slave
      const v = cell.value as unknown;
      const link = v && typeof v === 'object' && 'hyperlink' in v ? (v as { text: string; hyperlink: string; tooltip?: string }) : null;
      const f = readFill(cell);
      const snap = {
        value: link ? { text: link.text, to: link.hyperlink, tip: link.tooltip } : readCell(cell).value,
        numFmt: cell.numFmt || 'General',
        fill: f.tintAndShade === null ? null : f.color,
        bold: !!cell.style?.font?.bold,
      };
      if (snap.value === null && snap.numFmt === 'General' && !snap.fill && !snap.bold) return;
      cells[a1(r - 1, c - 1)] = snap;
    }),
  );
  const merges = Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges).sort();
  const widths = Array.from({ length: 12 }, (_, c) => ws.getColumn(c + 1).width ?? null);
  return { cells, merges, widths };
}

function grid(h: FakeEtHost): unknown[][] {
  const ws = h.sheet(SUMMARY_SHEET);
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    out[r - 1] = Array.from({ length: 12 }, (_, c) => readCell(row.getCell(c + 1)).value);
  });
  return out;
}

const others = (h: FakeEtHost) =>
  snapshot(
    h.workbook,
    h.workbook.worksheets.map((w) => w.name).filter((n) => n !== SUMMARY_SHEET),
  );

describe('summary sheet in WPS', () => {
  it('lists every recognised table in 万元 with its link, in one undo step, touching no other sheet and leaving the user where they were', async () => {
    const h = await etFor(SPECS);
    h.activeSheetName = '丰台';
    const before = others(h);
    const names = h.workbook.worksheets.map((w) => w.name);
    const out = buildSummary(h.Application, { analyze, lang: 'zh', at: AT });
    expect(out).toEqual({ status: 'ok', tables: 5, sheet: SUMMARY_SHEET });
    expect(others(h)).toEqual(before);
    expect(h.workbook.worksheets.map((w) => w.name)).toEqual([...names, SUMMARY_SHEET]);
    expect(h.activeSheetName).toBe('丰台');
    expect(h.undo).toEqual({ open: false, done: [{ desc: '绩效自评助手：生成汇总表', cancel: false }] });
    expect(h.writesOutsideUndo).toBe(0);
    expect(h.displayAlerts).toBe(true);
    expect(h.screenUpdating).toBe(true);
    expect(readText(h.Application.ActiveWorkbook!, SUMMARY_KEY)).toContain('"at"');

    const g = grid(h);
    expect(g[0][0]).toBe('项目支出绩效自评汇总表');
    expect(g[1][0]).toBe('生成时间：2026-12-05 09:30　评分口径：全国（财预〔2020〕10号）　共 5 张表（由绩效自评助手生成，重新生成会覆盖本表）');
    expect(g[2][4]).toBe('预算数（万元）');
    const tables = runAnalysis(h.Application, 'analyze', { analyze, settings: { scope: 'workbook' } }).tables;
    expect(tables.filter((t) => t.sheet === SUMMARY_SHEET)).toEqual([]); // the summary is no table itself
    expect(tables.some((t) => t.amountUnit === '元')).toBe(true); // a 元 table is converted
    tables.forEach((tb, i) => {
      expect(g[3 + i].slice(0, 6)).toEqual([
        i + 1,
        tb.sheet,
        tb.projectName ?? '（未命名）',
        expect.any(String),
        toWan(tb.funds?.budget, tb.amountUnit) ?? null,
        toWan(tb.funds?.spent, tb.amountUnit) ?? null,
      ]);
      const link = h.sheet(SUMMARY_SHEET).getCell(4 + i, 12).value as { hyperlink: string };
      expect(link.hyperlink).toBe(`#'${tb.sheet}'!${tb.range.split(':')[0]}`);
    });
    const withFunds = tables.filter((t) => t.funds?.budget != null && t.funds?.spent != null);
    expect(g[8][0]).toBe('合计');
    expect(g[8][4]).toBeCloseTo(
      withFunds.reduce((a, t) => a + (toWan(t.funds!.budget, t.amountUnit) as number), 0),
      6,
    );
  });

  it('writes in a fixed number of calls: only the links grow with the tables', async () => {
    const measure = async (specs: SheetSpec[]) => {
      const h = await etFor(specs);
      let read = -1;
      const out = buildSummary(h.Application, {
        analyze: (grids, o) => {
          read = h.totalCalls;
          return analyze(grids, o);
        },
        at: AT,
      });
      return { out, writeCalls: h.totalCalls - read, byMember: h.calls };
    };
    const one = await measure(SPECS.slice(1, 2));
    const five = await measure(SPECS);
    expect(one.out.tables).toBe(1);
    expect(five.out.tables).toBe(5);
    for (const m of [one, five]) {
      expect(m.byMember['Range.Value2=']).toBe(1);
      expect(m.byMember['Range.Font']).toBe(1);
      expect(m.byMember['Range.Merge']).toBe(1);
      expect(m.byMember['Columns.AutoFit']).toBe(1);
      expect(m.byMember['Range.NumberFormat=']).toBe(4); // 0, #,##0.00, 0.00%, 0.00
      expect(m.byMember['Hyperlinks.Add']).toBe(m.out.tables);
    }
    // a link costs its Range and its Add
    expect(five.writeCalls - one.writeCalls).toBe(2 * 4);
  });

  it('a second click rebuilds the sheet in place (in English too); a user’s own sheet of that name is never taken', async () => {
    const h = await etFor(SPECS);
    buildSummary(h.Application, { analyze });
    h.userEdit('丰台', 'A1', '外事工作经费');
    const again = buildSummary(h.Application, { analyze, lang: 'en' });
    expect(again.status).toBe('ok');
    expect(h.workbook.worksheets.filter((w) => w.name === SUMMARY_SHEET)).toHaveLength(1);
    expect(grid(h)[2][0]).toBe('No.');
    expect(h.displayAlerts).toBe(true);

    // the user replaced our sheet's header: it is no longer ours, even though the mark remains
    h.sheet(SUMMARY_SHEET).getCell('A3').value = '编号';
    const mine = snapshot(h.workbook);
    h.resetCalls();
    expect(buildSummary(h.Application, { analyze })).toMatchObject({ status: 'name-taken' });
    expect(removeSummary(h.Application)).toMatchObject({ status: 'nothing-to-remove' });
    expect(snapshot(h.workbook)).toEqual(mine);
    expect(Object.keys(h.calls).filter((k) => k.endsWith('=') || /Delete$|\.Add$|AddComment/.test(k))).toEqual([]);

    // a sheet of that name with our layout but no mark (made by hand, or copied): not ours either
    const other = await etFor(SPECS);
    buildSummary(other.Application, { analyze });
    other.docProps.clear();
    expect(buildSummary(other.Application, { analyze })).toMatchObject({ status: 'name-taken' });
    expect(other.workbook.getWorksheet(SUMMARY_SHEET)).toBeDefined();
  });

  it('清除标记 removes it and forgets the mark; a summary deleted by hand leaves no mark behind', async () => {
    const h = await etFor(SPECS);
    const notes: string[] = [];
    const env = { app: h.Application, analyze, lang: 'zh' as const, notify: (t: { message: string }) => void notes.push(t.message), paneUrl: 'x' };
    runWpsCommand('recompute', env);
    buildSummary(h.Application, { analyze });
    runWpsCommand('restore', env);
    expect(h.workbook.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
    expect(readText(h.Application.ActiveWorkbook!, SUMMARY_KEY)).toBeNull();
    expect(notes[1]).toMatch(/^已恢复 \d+ 个单元格。.*已删除汇总表“绩效自评汇总”。$/);
    buildSummary(h.Application, { analyze });
    runWpsCommand('restore', env);
    expect(notes[2]).toBe('已删除汇总表“绩效自评汇总”。'); // nothing else to restore
    expect(h.displayAlerts).toBe(true);

    buildSummary(h.Application, { analyze });
    h.workbook.removeWorksheet(h.workbook.getWorksheet(SUMMARY_SHEET)!.id); // the user deletes it
    expect(readText(h.Application.ActiveWorkbook!, SUMMARY_KEY)).not.toBeNull();
    expect(removeSummary(h.Application)).toMatchObject({ status: 'nothing-to-remove' });
    expect(readText(h.Application.ActiveWorkbook!, SUMMARY_KEY)).toBeNull();
  });

  it('a protected workbook or a workbook without tables: a message and no write', async () => {
    const h = await etFor(SPECS);
    h.workbookProtected = true;
    expect(buildSummary(h.Application, { analyze })).toMatchObject({ status: 'workbook-protected', tables: 5 });
    expect(h.undo.done).toEqual([]);
    expect(h.docProps.size).toBe(0);
    const empty = await etFor(SPECS.slice(4));
    expect(buildSummary(empty.Application, { analyze })).toMatchObject({ status: 'no-table', tables: 0 });
    expect(empty.workbook.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
    expect(empty.undo.done).toEqual([]);
  });

  it('a failing write leaves no half-built sheet, no mark, and WPS as it was', async () => {
    const h = await etFor(SPECS);
    const before = snapshot(h.workbook);
    h.fault = (member) => member === 'Hyperlinks.Add';
    const out = buildSummary(h.Application, { analyze });
    expect(out.status).toBe('error');
    expect(out.error).toContain('injected failure');
    h.fault = null;
    expect(h.workbook.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
    expect(snapshot(h.workbook)).toEqual(before);
    expect(h.docProps.size).toBe(0);
    expect(h.displayAlerts).toBe(true);
    expect(h.undo.open).toBe(false);
  });

  it('the pane’s 生成汇总表 and 清除标记 in WPS: the host interface builds, removes and opens it', async () => {
    const h = await etFor(SPECS);
    const host = wpsPaneHost(h.Application, { analyze, displayLanguage: 'zh-CN', userAgent: 'x' });
    expect(host.summary).toBeDefined();
    const settings = (await host.loadSettings()) ?? undefined;
    expect(await host.summary!.build({ settings, lang: 'zh' })).toMatchObject({ status: 'ok', tables: 5 });
    await host.summary!.open();
    expect(h.activeSheetName).toBe(SUMMARY_SHEET);
    expect(h.selection).toEqual({ sheet: SUMMARY_SHEET, address: 'A1' });
    const restored = await host.restore({ settings });
    const after = await host.summary!.afterRestore({ title: 't', message: 'm', intent: 'success' }, restored.status, 'zh');
    expect(after.summary.status).toBe('removed');
    expect(after.text.message).toBe('已删除汇总表“绩效自评汇总”。');
    expect(h.workbook.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
  });
});

describe('summary parity: Excel and WPS build the same sheet from the same workbook', () => {
  it.each(['zh', 'en'] as const)('in %s: values, links, formats, fill, bold, merges and widths alike', async (lang) => {
    const bytes = await bytesOf(SPECS);
    const xl = await FakeExcelHost.fromBuffer(bytes, { excelApi: '1.18' });
    const et = await FakeEtHost.fromBuffer(bytes);
    // a run first, so the store sheet (very hidden, not a table) is there in both
    await officeRun(xl, 'recompute', { analyze, settings: { scope: 'workbook' } });
    runAnalysis(et.Application, 'recompute', { analyze, settings: { scope: 'workbook' } });
    expect(xl.hasSheet(STORE_SHEET) && !!et.workbook.getWorksheet(STORE_SHEET)).toBe(true);
    const a = await officeBuild(xl, { analyze, lang, at: AT });
    const b = buildSummary(et.Application, { analyze, lang, at: AT });
    expect(b).toEqual(a);
    expect(a.status).toBe('ok');
    const x = look(xl.workbook, SUMMARY_SHEET);
    const w = look(et.workbook, SUMMARY_SHEET);
    expect(Object.keys(x.cells).length).toBeGreaterThan(50);
    expect(w).toEqual(x);
    expect(x.merges).toEqual(['A1', 'A2']);
    expect(x.widths.every((n) => typeof n === 'number')).toBe(true);

    // and 清除标记's summary part alike
    expect(removeSummary(et.Application)).toEqual(await officeRemove(xl));
    expect(et.workbook.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
    expect(xl.hasSheet(SUMMARY_SHEET)).toBe(false);
  });
});

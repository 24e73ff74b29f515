// Issue 13: what a read of the Office.js documentation and the office-js threads found. Each test
// runs on a fake host made as strict as real Excel for that behaviour (see test/support/fake-excel).
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../../src/core';
import type { SheetGrid } from '../../src/core/types';
import { syntheticSheet } from '../../src/bench/synthetic';
import { runAnalysis, runRestore, type Analyze } from '../../src/office/adapter';
import { isPayloadError } from '../../src/office/read';
import { STORE_SHEET, decodeStore, encodeStore, rekeyEntries, type StoreEntry } from '../../src/office/store';
import { dialogNotifier, showTaskpane } from '../../src/office/office-host';
import { parseDialogHash } from '../../src/office/dialog-page';
import { describeOutcome } from '../../src/ui-strings';
import { fengtai, yuxiEducation, budgetList } from '../fixtures/tables';
import { FakeExcelHost } from '../support/fake-excel';
import { readFill, readNote } from '../support/fake-excel/cells';
import { fakeOffice, IE_URL_LIMIT, wireLength, type FakeOffice } from '../support/fake-excel/office';
import { diffSnapshots, gridWorkbook, hostFor, snapshot } from '../support/workbooks';

const analyze: Analyze = analyzeWorkbook;
const WORKBOOK = { scope: 'workbook' as const };
const SPECS = [
  { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
  { name: '教育', placed: [{ table: yuxiEducation, at: 'B3' }] },
  { name: '预算', placed: [{ table: budgetList, at: 'A1' }] },
];

function renamedKeys<T>(s: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k.startsWith(from + '!') ? to + k.slice(from.length) : k, v]));
}

// --- Office globals (items 1, 5, 7) ---------------------------------------------------------

const g = globalThis as unknown as { Office?: unknown; Excel?: unknown; window?: Record<string, unknown> };

function install(office: FakeOffice, page: string): void {
  g.Office = office.Office;
  g.Excel = office.Excel;
  g.window = { location: { href: page, hash: '' } };
}

afterEach(() => {
  delete g.Office;
  delete g.Excel;
  delete g.window;
  jest.useRealTimers();
});

/** Loads the function file entry (src/commands/index.ts) like commands.html does. */
function loadFunctionFile(): void {
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules loads the entry afresh, synchronously
    require('../../src/commands/index');
  });
}

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  for (let t = 0; !cond() && t < ms; t += 10) await new Promise((r) => setTimeout(r, 10));
}

/** Presses a ribbon button: resolves when event.completed() is called, rejects after `ms`. */
function press(office: FakeOffice, name: string, ms = 5000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: event.completed() not called within ${ms} ms`)), ms);
    void office.associated.get(name)!({ completed: () => (clearTimeout(timer), resolve()) });
  });
}

const FUNCTION_FILE = 'https://oa.example.gov.cn/ziping/commands.html';
const TASKPANE = 'https://oa.example.gov.cn/ziping/taskpane.html';
const M365_SETS = { DialogApi: '1.1', SharedRuntime: '1.1' };

describe('1. 提交前校验 and the task pane', () => {
  it('without a shared runtime in the manifest shows the dialog, although the host supports SharedRuntime 1.1', async () => {
    const host = await hostFor(SPECS, { sets: M365_SETS });
    const office = fakeOffice(host, { sharedRuntime: false });
    install(office, FUNCTION_FILE);
    loadFunctionFile();
    await until(() => office.associated.size === 3);
    await press(office, 'zipingValidate');
    expect(office.dialogs).toHaveLength(1);
    expect(office.taskpane.shown).toBe(0);
  });

  it('showTaskpane gives up (false) when showAsTaskpane never answers', async () => {
    const host = await hostFor(SPECS, { sets: M365_SETS });
    install(fakeOffice(host, { sharedRuntime: false }), TASKPANE);
    const answer = await Promise.race([showTaskpane(true, 50), new Promise((r) => setTimeout(() => r('hung'), 1000))]);
    expect(answer).toBe(false);
  });

  it('in the shared runtime opens the pane instead of the dialog', async () => {
    const host = await hostFor(SPECS, { sets: M365_SETS });
    const office = fakeOffice(host, { sharedRuntime: true });
    install(office, TASKPANE);
    expect(await showTaskpane()).toBe(true);
    expect(office.taskpane.shown).toBe(1);
  });
});

describe('2. restore after a sheet was renamed or deleted', () => {
  it('restores a renamed sheet (same session)', async () => {
    const host = await hostFor(SPECS);
    host.activeSheetName = '丰台';
    const original = snapshot(host.workbook);
    const out = await runAnalysis(host, 'recompute', { analyze });
    expect(out.written.fills).toBeGreaterThan(0);
    host.renameSheet('丰台', '丰台2024');
    host.resetStats();
    const back = await runRestore(host);
    expect(host.stats.syncs).toBe(4);
    expect(back.status).toBe('ok');
    expect(back.written.restored).toBeGreaterThan(0);
    expect(diffSnapshots(renamedKeys(original, '丰台', '丰台2024'), snapshot(host.workbook))).toEqual([]);
    expect(host.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
  });

  it('a recompute after a rename keeps the first originals instead of storing its own marks', async () => {
    const host = await hostFor(SPECS);
    host.activeSheetName = '丰台';
    const original = snapshot(host.workbook);
    await runAnalysis(host, 'recompute', { analyze });
    host.renameSheet('丰台', '丰台（修订）');
    await runAnalysis(host, 'recompute', { analyze });
    const store = decodeStore(storeColumn(host))!;
    expect(new Set(store.entries.map((e) => e.s))).toEqual(new Set(['丰台（修订）']));
    for (const e of store.entries) if (e.fill) expect(e.fill.o?.c).not.toBe(e.fill.w);
    await runRestore(host);
    expect(diffSnapshots(renamedKeys(original, '丰台', '丰台（修订）'), snapshot(host.workbook))).toEqual([]);
  });

  it('workbook scope: a deleted sheet does not stop the restore of the others; its entries are dropped', async () => {
    const host = await hostFor(SPECS);
    const original = snapshot(host.workbook, ['教育', '预算']);
    await runAnalysis(host, 'recompute', { analyze, settings: WORKBOOK });
    host.deleteSheet('丰台');
    const back = await runRestore(host, { settings: WORKBOOK });
    expect(back.status).toBe('ok');
    expect(diffSnapshots(original, snapshot(host.workbook, ['教育', '预算']))).toEqual([]);
    expect(host.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
  });

  it('after a sheet was deleted, the file saved and reopened (stored ids now name other sheets), and a rename then', async () => {
    const host = await hostFor(SPECS);
    const original = snapshot(host.workbook, ['教育', '预算']);
    await runAnalysis(host, 'recompute', { analyze, settings: WORKBOOK });
    const stored丰台 = await idIn(host, '丰台');
    // the user deletes 丰台 and saves; a reopened file gets position-based ids
    host.deleteSheet('丰台');
    const reopened = await FakeExcelHost.fromBuffer(await host.toBuffer());
    expect(await idIn(reopened, '教育')).toBe(stored丰台); // 丰台's stored id is 教育's now
    await runAnalysis(reopened, 'validate', { analyze, settings: WORKBOOK });
    reopened.renameSheet('教育', '教育局');
    const back = await runRestore(reopened, { settings: WORKBOOK });
    expect(back.status).toBe('ok');
    expect(back.written.kept).toBe(0); // 丰台's entries were not tried on 教育's cells
    expect(diffSnapshots(renamedKeys(original, '教育', '教育局'), snapshot(reopened.workbook))).toEqual([]);
    expect(reopened.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
  });

  it('reads a store written before sheet ids (name-keyed entries)', async () => {
    const host = await hostFor(SPECS);
    const original = snapshot(host.workbook);
    await runAnalysis(host, 'recompute', { analyze, settings: WORKBOOK });
    const doc = decodeStore(storeColumn(host))!;
    const { sheets: _sheets, ...rest } = doc;
    const old = { ...rest, entries: doc.entries.map(({ i: _i, ...e }) => e) };
    expect(JSON.stringify(old)).not.toMatch(/"i":/);
    const ws = host.workbook.getWorksheet(STORE_SHEET)!;
    encodeStore(old).forEach((chunk, r) => (ws.getCell(r + 1, 1).value = chunk));
    const back = await runRestore(host, { settings: WORKBOOK });
    expect(back.status).toBe('ok');
    expect(diffSnapshots(original, snapshot(host.workbook))).toEqual([]);
  });
});

describe('2. rekeyEntries', () => {
  const P = (n: number) => `{00000000-0001-0000-000${n}-000000000000}`;
  const entry = (s: string, i?: string): StoreEntry => ({ s, i, r: 0, c: 0, fill: { o: null, w: '#FFC7CE' } });
  const where = (list: StoreEntry[]) => list.map((e) => `${e.s}|${e.i ?? ''}`);

  it('follows a rename in the session by id', () => {
    const list = [entry('甲', 'G1'), entry('乙', 'G2')];
    rekeyEntries(
      list,
      [
        { id: 'G1', name: '甲（改）' },
        { id: 'G2', name: '乙' },
      ],
      [
        { i: 'G1', s: '甲' },
        { i: 'G2', s: '乙' },
      ],
    );
    expect(where(list)).toEqual(['甲（改）|G1', '乙|G2']);
  });

  it('ignores ids that name other sheets after a delete and reopen, and forgets an orphan id', () => {
    const list = [entry('甲', P(0)), entry('乙', P(1))];
    rekeyEntries(
      list,
      [{ id: P(0), name: '乙' }],
      [
        { i: P(0), s: '甲' },
        { i: P(1), s: '乙' },
      ],
    );
    expect(where(list)).toEqual(['甲|', `乙|${P(0)}`]);
  });

  it('reads name-keyed entries of an old store by name', () => {
    const list = [entry('甲'), entry('丙')];
    rekeyEntries(list, [{ id: 'G1', name: '甲' }]);
    expect(where(list)).toEqual(['甲|G1', '丙|']);
  });
});

async function idIn(host: FakeExcelHost, name: string): Promise<string> {
  return host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(name);
    ws.load('id');
    await ctx.sync();
    return ws.id;
  });
}

function storeColumn(host: FakeExcelHost): unknown[][] {
  const ws = host.workbook.getWorksheet(STORE_SHEET)!;
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push([row.getCell(1).value]));
  return out;
}

describe('3. large reads and writes', () => {
  it('payload errors are told by their code, never by their (localized) message', () => {
    expect(isPayloadError({ code: 'ResponsePayloadSizeLimitExceeded', message: '有效负载的大小已超出限制。' })).toBe(true);
    expect(isPayloadError({ code: 'RequestPayloadSizeLimitExceeded', message: '请求有效负载大小已超出限制。' })).toBe(true);
    expect(isPayloadError({ code: 'GeneralException', message: 'The request payload size has exceeded the limit.' })).toBe(false);
  });

  it('a range over the get limit (values come back null, office-js #6781) is read in chunks', async () => {
    const book = () => gridWorkbook([syntheticSheet('项目', 1, 300)]);
    const normal = new FakeExcelHost(book());
    const one = await runAnalysis(normal, 'analyze', { analyze });
    for (const scope of ['sheet', 'workbook'] as const) {
      const limited = new FakeExcelHost(book(), { maxGetCells: 1000 });
      const out = await runAnalysis(limited, 'analyze', { analyze, settings: { scope } });
      expect(out.findings).toEqual(one.findings);
      expect(out.tables).toEqual(one.tables);
      expect(limited.stats.syncs).toBeGreaterThan(3);
    }
  });

  it('a write batch larger than one request is sent in parts, originals first', async () => {
    const book = () => gridWorkbook([syntheticSheet('项目', 1, 1000)]);
    const normal = new FakeExcelHost(book(), { excelApi: '1.7' });
    await runAnalysis(normal, 'recompute', { analyze });
    const small = new FakeExcelHost(book(), { excelApi: '1.7', payloadLimit: 64_000 });
    const out = await runAnalysis(small, 'recompute', { analyze });
    expect(out.error).toBeUndefined();
    expect(out.status).toBe('ok');
    expect(diffSnapshots(snapshot(normal.workbook), snapshot(small.workbook))).toEqual([]);
    expect(small.stats.syncs).toBeGreaterThan(normal.stats.syncs);
    const back = await runRestore(small);
    expect(back.status).toBe('ok');
    expect(diffSnapshots(snapshot(new FakeExcelHost(book()).workbook), snapshot(small.workbook))).toEqual([]);
  });
});

describe('4. threaded comments (ExcelApi 1.18 hosts)', () => {
  it('a marked cell with a threaded comment gets its fill, no note, and a notice; nothing fails', async () => {
    const host = await hostFor(SPECS);
    host.activeSheetName = '丰台';
    const original = snapshot(host.workbook);
    const pre = await runAnalysis(host, 'analyze', { analyze });
    const target = pre.findings.find((f) => f.severity === 'error')!;
    host.addThreadedComment('丰台', target.cell, '请财务科核实');
    host.addThreadedComment('预算', 'A1', '另一张表上的批注');
    host.resetStats();
    const out = await runAnalysis(host, 'recompute', { analyze });
    expect(host.stats.syncs).toBe(3); // the comments ride on the read and the state read
    expect(out.error).toBeUndefined();
    expect(out.status).toBe('ok');
    expect(out.notices).toEqual([{ kind: 'threaded-comment', sheet: '丰台', cell: target.cell }]);
    const cell = host.workbook.getWorksheet('丰台')!.getCell(target.cell);
    expect(readFill(cell).color).toBe('#FFC7CE');
    expect(readNote(cell)).toBeNull();
    expect(out.written.notes).toBeGreaterThan(0); // the other marked cells got their notes
    const text = describeOutcome(out, 'zh').message;
    expect(text).toContain(`丰台!${target.cell}`);
    expect(text).toContain('批注');
    expect(describeOutcome(out, 'en').message).toContain('threaded comment');
    await runRestore(host);
    expect(diffSnapshots(original, snapshot(host.workbook))).toEqual([]);
  });
});

describe('5. ribbon registration on a slow start', () => {
  it('registers the ribbon functions when Office.onReady takes 12 s (Office 2019 cold start)', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.7', sets: { DialogApi: '1.1' } });
    jest.useFakeTimers();
    const office = fakeOffice(host, { readyAfterMs: 12_000 });
    install(office, FUNCTION_FILE);
    loadFunctionFile();
    await jest.advanceTimersByTimeAsync(9_000);
    expect(office.associated.size).toBe(0); // not ready yet
    await jest.advanceTimersByTimeAsync(3_500);
    expect([...office.associated.keys()].sort()).toEqual(['zipingRecompute', 'zipingRestore', 'zipingValidate']);
    expect(typeof g.window?.zipingRecompute).toBe('function');
  });
});

describe('6. merged areas on workbook scope', () => {
  it('sees merges whose top-left cell lies outside the used range, and their full extent', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.mergeCells('A1:A3'); // blank label merged left of and above the values
    ws.getCell('B2').value = '指标';
    ws.getCell('C2').value = 10;
    ws.getCell('B3').value = '合计';
    ws.mergeCells('C3:C5'); // value in the anchor, blank rows below the used range
    ws.getCell('C3').value = 100;
    const host = new FakeExcelHost(wb);
    let seen: SheetGrid[] = [];
    await runAnalysis(host, 'analyze', {
      analyze: (grids) => ((seen = grids), { tables: [], findings: [], writes: [], marks: [] }),
      settings: WORKBOOK,
    });
    expect(seen[0].merges).toEqual(
      expect.arrayContaining([
        { top: 0, left: 0, bottom: 2, right: 0 },
        { top: 2, left: 2, bottom: 4, right: 2 },
      ]),
    );
  });
});

describe('7. smaller items', () => {
  it('restores a theme fill with its tintAndShade (ExcelApi 1.9+)', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.9' });
    host.activeSheetName = '丰台';
    const pre = await runAnalysis(host, 'analyze', { analyze });
    const target = pre.findings.find((f) => f.severity === 'error')!;
    const cell = host.workbook.getWorksheet('丰台')!.getCell(target.cell);
    cell.style = {
      ...cell.style,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { theme: 4, tint: 0.7999816888943144 } as Partial<ExcelJS.Color> },
    };
    const before = readFill(cell);
    await runAnalysis(host, 'recompute', { analyze });
    expect(readFill(cell).color).toBe('#FFC7CE');
    await runRestore(host);
    expect(readFill(cell)).toEqual(before);
  });

  it('the outcome dialog URL stays under 2,083 characters with what Office adds, and the page still reads it', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.7', sets: { DialogApi: '1.1' } });
    const office = fakeOffice(host, { ie: true });
    install(office, FUNCTION_FILE);
    const sheets = Array.from({ length: 80 }, (_, i) => `项目支出绩效自评表${i + 1}`).join('”“');
    const text = { title: '重新计算完成', message: `工作表“${sheets}”受保护，未写入任何内容。`, intent: 'warning' as const, lang: 'zh' as const };
    await dialogNotifier('https://oa.example.gov.cn/部门/绩效自评/ziping/dialog.html', () => 'zh', 1000)(text);
    expect(office.dialogs).toHaveLength(1);
    const url = office.dialogs[0];
    expect(wireLength(url)).toBeLessThanOrEqual(IE_URL_LIMIT);
    expect(office.blankDialogs).toEqual([]);
    const shown = parseDialogHash(url.slice(url.indexOf('#')));
    expect(shown?.title).toBe(text.title);
    expect(shown!.message.endsWith('…')).toBe(true);
    expect(text.message.startsWith(shown!.message.slice(0, -1))).toBe(true);
  });
});

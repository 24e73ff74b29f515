// Live check through the fake host: worksheet.onChanged, debounced, touched tables only, reads only.
import { analyzeWorkbook } from '../../src/core';
import { runAnalysis, runRestore, type RunOutcome } from '../../src/office/adapter';
import { LiveCheck, readRect, type LiveFlush } from '../../src/office/live';
import { DEFAULT_SETTINGS, type ZipingSettings } from '../../src/office/settings';
import { stack, type SheetSpec } from '../fixtures/build';
import { fengtai, jiangxiRubric, yuxiDepartment, yuxiFestival, yuxiOffice } from '../fixtures/tables';
import type { FakeExcelHost } from '../support/fake-excel';
import { hostFor } from '../support/workbooks';
import { startLive } from '../support/live-rig';
import { measureLive } from '../support/measure-live';

const SPECS: SheetSpec[] = [
  { name: '玉溪项目', placed: stack([yuxiOffice, yuxiFestival], 'B2', 2) },
  { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
  { name: '部门', placed: [{ table: yuxiDepartment, at: 'A1' }] },
  { name: '评分', placed: [{ table: jiangxiRubric, at: 'A1' }] },
  { name: '空白', placed: [] },
];

interface Rig {
  host: FakeExcelHost;
  live: LiveCheck;
  updates: RunOutcome[];
  errors: unknown[];
  settings: ZipingSettings;
}

async function rig(excelApi: string, settings: Partial<ZipingSettings> = {}): Promise<Rig> {
  const host = await hostFor(SPECS, { excelApi });
  const s: ZipingSettings = { ...DEFAULT_SETTINGS, ...settings };
  const { live, updates, errors } = await startLive(host, { settings: s, debounceMs: 20 });
  return { host, live, updates, errors, settings: s };
}

/** Lets the fake host deliver its events and the debounce timer fire. */
async function settle(r: Rig, ms = 60): Promise<void> {
  await r.host.events.settled();
  await new Promise((res) => setTimeout(res, ms));
  await r.live.flush();
}

function strip(o: RunOutcome) {
  return { tables: o.tables, counts: o.counts, findings: o.findings };
}

async function full(r: Rig): Promise<RunOutcome> {
  return runAnalysis(r.host, 'analyze', { analyze: analyzeWorkbook, settings: r.settings });
}

describe.each(['1.7', '1.9', '1.18'])('live check on ExcelApi %s', (api) => {
  it('live: typing a value re-reads only the touched table in one sync, writes nothing, and matches a full analysis', async () => {
    const r = await rig(api);
    expect(r.live.handlerCount).toBe(api === '1.7' ? 5 : 1); // 1.7: one per sheet; 1.9+: worksheets.onChanged
    expect(r.host.events.count).toBe(r.live.handlerCount);
    const before = r.updates.length;
    expect((await full(r)).tables[0].total).toBe(90);
    r.host.resetStats();
    r.host.userEdit('玉溪项目', 'F7', 5); // 全年执行数 0 → 5: 执行率 100 %, fund score 10
    await settle(r);
    expect(r.updates.length).toBe(before + 1);
    const flush = r.live.flushes.at(-1) as LiveFlush;
    expect(flush.syncs).toBe(1);
    expect(flush.tables).toEqual(['玉溪项目!B4:K23']);
    expect(r.host.stats.syncs).toBe(1);
    expect(r.host.stats.writes).toBe(0);
    const got = r.updates.at(-1)!;
    expect(got.tables[0].total).toBe(100);
    expect(got.tables[0].funds?.executionRate).toBe(1);
    expect(got.findings.some((f) => f.cell === 'I7' && f.rule === 'score-mismatch')).toBe(false);
    expect(r.host.violations).toEqual([]);
    r.host.resetStats();
    expect(strip(got)).toEqual(strip(await full(r)));
    await r.live.stop();
    expect(r.host.events.count).toBe(0);
    expect(r.host.violations).toEqual([]);
  });

  it('live: an edit outside every table costs one cheap read; table words there re-read the sheet (2 syncs)', async () => {
    const r = await rig(api);
    r.host.resetStats();
    r.host.userEdit('玉溪项目', 'N3', '备注');
    await settle(r);
    expect(r.live.flushes.at(-1)).toMatchObject({ syncs: 1, tables: [], sheets: [] });
    expect(r.host.stats.syncs).toBe(1);
    expect(r.host.stats.ops).toBeLessThanOrEqual(4);
    r.host.resetStats();
    r.host.userEdit('玉溪项目', 'B2', '2023年度项目支出绩效自评表'); // the title row above the first table
    await settle(r);
    expect(r.live.flushes.at(-1)).toMatchObject({ syncs: 2, sheets: ['玉溪项目'] });
    expect(r.host.stats.writes).toBe(0);
    expect(strip(r.updates.at(-1)!)).toEqual(strip(await full(r)));
    await r.live.stop();
  });

  it('live: edits on sheets out of scope cost no sync; several edits within the debounce make one flush', async () => {
    const r = await rig(api); // scope: the active sheet 玉溪项目
    r.host.resetStats();
    r.host.userEdit('丰台', 'C10', 1);
    await settle(r);
    expect(r.host.stats.syncs).toBe(0);
    r.host.userEdit('玉溪项目', 'F7', 1);
    r.host.userEdit('玉溪项目', 'F7', 2);
    r.host.userEdit('玉溪项目', 'H40', 3); // second table
    await settle(r);
    const last = r.live.flushes.at(-1)!;
    expect(last.events).toBe(3);
    expect(last.syncs).toBe(1);
    expect(last.tables).toEqual(['玉溪项目!B4:K23', '玉溪项目!B28:K46']);
    expect(r.host.stats.syncs).toBe(1);
    expect(strip(r.updates.at(-1)!)).toEqual(strip(await full(r)));
    await r.live.stop();
  });

  it('live: workbook scope follows edits on every sheet; rows inserted re-read the sheet', async () => {
    const r = await rig(api, { scope: 'workbook' });
    r.host.userEdit('丰台', 'A1', '2022年度外事办外事工作经费绩效自评表');
    r.host.userEdit('评分', 'F8', 3);
    await settle(r);
    expect(strip(r.updates.at(-1)!)).toEqual(strip(await full(r)));
    // a row inserted into the department table: positions moved, the sheet is read whole
    r.host.sheet('部门').spliceRows(8, 0, []);
    r.host.events.fire(r.host.idOfSheet('部门'), '8:8', { changeType: 'RowInserted' });
    await settle(r);
    expect(r.live.flushes.at(-1)).toMatchObject({ syncs: 1, sheets: ['部门'] });
    expect(strip(r.updates.at(-1)!)).toEqual(strip(await full(r)));
    await r.live.stop();
  });
});

describe('live check lifecycle', () => {
  it('live: the add-in’s own writes (重新计算, 清除标记) never cause a live re-read on 1.14+ and leave handlers in place', async () => {
    const r = await rig('1.18');
    await runAnalysis(r.host, 'recompute', { analyze: analyzeWorkbook, settings: r.settings });
    await runRestore(r.host, { settings: r.settings });
    await settle(r);
    expect(r.host.events.delivered.length).toBeGreaterThan(0);
    expect(r.host.events.delivered.every((e) => e.triggerSource === 'ThisLocalAddin')).toBe(true);
    expect(r.live.flushes).toEqual([]);
    expect(r.live.handlerCount).toBe(1);
    await r.live.stop();
  });

  it('live: stop removes every handler in the context that added it; later edits do nothing', async () => {
    for (const api of ['1.7', '1.18']) {
      const r = await rig(api);
      r.host.userEdit('玉溪项目', 'F7', 5);
      await r.live.stop(); // pending edit dropped
      expect(r.host.events.count).toBe(0);
      expect(r.host.calls['EventHandlerResult.remove']).toBe(api === '1.7' ? 5 : 1);
      expect(r.host.violations).toEqual([]);
      r.host.resetStats();
      r.host.userEdit('玉溪项目', 'F7', 6);
      await settle(r);
      expect(r.host.stats.syncs).toBe(0);
      expect(r.updates).toEqual([]);
      // stop twice, start again, stop: still clean
      await r.live.stop();
      await r.live.start();
      expect(r.host.events.count).toBe(api === '1.7' ? 5 : 1);
      await r.live.stop();
      expect(r.host.events.count).toBe(0);
    }
  });

  it.each(['1.7', '1.18'])('live: sheets added or renamed while the pane is open are followed after refreshSheets (ExcelApi %s)', async (api) => {
    const r = await rig(api, { scope: 'workbook' });
    const ws = r.host.workbook.addWorksheet('新表');
    ws.getCell('A1').value = '说明';
    r.host.sheet('丰台').name = '丰台区';
    r.live.setBase(await full(r));
    await r.live.refreshSheets();
    expect(r.host.events.count).toBe(api === '1.7' ? 6 : 1);
    const ft = (await full(r)).tables.find((t) => t.sheet === '丰台区')!;
    const first = ft.range.split(':')[0];
    r.host.userEdit('丰台区', first, r.host.sheet('丰台区').getCell(first).text); // retyped as it is
    r.host.userEdit('新表', 'A3', '2023年度项目支出绩效自评表');
    await settle(r);
    expect(r.live.flushes.at(-1)).toMatchObject({ sheets: ['新表'] });
    expect(r.live.flushes.at(-1)!.tables).toEqual([expect.stringMatching(/^丰台区!/)]);
    expect(strip(r.updates.at(-1)!)).toEqual(strip(await full(r)));
    await r.live.stop();
    expect(r.host.events.count).toBe(0);
    expect(r.host.violations).toEqual([]);
  });

  it('live: stop while starting (the pane closed at once) leaves no handler', async () => {
    const r = await rig('1.7');
    await r.live.stop();
    const started = r.live.start();
    const stopped = r.live.stop();
    await Promise.all([started, stopped]);
    expect(r.host.events.count).toBe(0);
    expect(r.live.active).toBe(false);
  });

  it('live: a failing read stops the live check, removes its handlers and reports the error', async () => {
    const r = await rig('1.18');
    r.host.fault = (op) => op.api === 'Range.load';
    r.host.userEdit('玉溪项目', 'F7', 5);
    await settle(r);
    r.host.fault = null;
    expect(r.errors).toHaveLength(1);
    expect(String((r.errors[0] as Error).message)).toMatch(/injected fault/);
    expect(r.live.active).toBe(false);
    expect(r.host.events.count).toBe(0);
    expect(r.updates).toEqual([]);
  });

  it('live: a failing registration reports the error and leaves nothing registered', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.7' });
    host.fault = (op) => op.api === 'Worksheet.onChanged.add';
    const errors: unknown[] = [];
    const live = new LiveCheck(host, {
      analyze: analyzeWorkbook,
      current: () => ({ settings: DEFAULT_SETTINGS, lang: 'zh' }),
      onUpdate: () => undefined,
      onError: (e) => errors.push(e),
    });
    await live.start();
    expect(errors).toHaveLength(1);
    expect(host.events.count).toBe(0);
    expect(live.active).toBe(false);
  });

  it('the read rectangle keeps out of a stacked neighbour', () => {
    const a = { top: 3, bottom: 22, left: 1, right: 10 };
    const b = { top: 27, bottom: 45, left: 1, right: 10 };
    expect(readRect(a, [b])).toEqual({ top: 1, bottom: 24, left: 1, right: 10 });
    expect(readRect(b, [a])).toEqual({ top: 25, bottom: 47, left: 1, right: 10 });
    expect(readRect({ top: 5, bottom: 9, left: 0, right: 3 }, [{ top: 0, bottom: 3, left: 0, right: 3 }])).toMatchObject({ top: 5 });
  });
});

describe('live check cost (the bench figure)', () => {
  it.each(['1.7', '1.18'])('live: syncs per edit stay ≤ 2 and constant in rows, writes 0 (ExcelApi %s)', async (api) => {
    const m = await measureLive([10, 100, 1000], { excelApi: api });
    expect(Object.values(m.syncsPerEditByRows)).toEqual([1, 1, 1]);
    expect(m.writesPerEdit).toBe(0);
    expect(m.violations).toEqual([]);
  });
});

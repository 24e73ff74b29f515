// Issue 17, audit 2 (../shared/research/officejs-audit-2.md) findings #4, #9 and #12 (live merges):
// what the read does with more than 512 merged areas and with sheets too large to read, on the
// strict fake host.
import * as fs from 'fs';
import * as path from 'path';
import { analyzeWorkbook } from '../../src/core';
import { loadLastRun, runAnalysis, type Analyze, type RunOutcome } from '../../src/office/adapter';
import { readMergesBanded } from '../../src/office/merges';
import { DEFAULT_SETTINGS, type ZipingSettings } from '../../src/office/settings';
import { noMergesLine, noMergesSheets } from '../../src/taskpane/liveNotices';
import { describeOutcome } from '../../src/ui-strings';
import { stack, type SheetSpec } from '../fixtures/build';
import type { TableFixture } from '../fixtures/define';
import { fengtai, REAL_TABLES, yuxiEducation } from '../fixtures/tables';
import type { FakeExcelHost } from '../support/fake-excel';
import { diffSnapshots, hostFor, snapshot } from '../support/workbooks';
import { startLive } from '../support/live-rig';

const analyze: Analyze = analyzeWorkbook;

/** Every real published table of the project (tables.ts and fixtures/real/, page addresses in their headers). */
function realTables(): TableFixture[] {
  const dir = path.join(__dirname, '../fixtures/real');
  const real = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- every fixture module of the folder
    .flatMap((f) => Object.values(require(path.join(dir, f)) as Record<string, unknown>))
    .filter((v): v is TableFixture => !!v && typeof v === 'object' && Array.isArray((v as TableFixture).rows));
  return [...Object.values(REAL_TABLES), ...real];
}

/** All real tables stacked on one sheet (about 36 tables, 800+ merged areas), plus a small second sheet. */
const STACKED: SheetSpec[] = [
  { name: '汇总填报', placed: stack(realTables(), 'A1', 2) },
  { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
];

const stackedHost = (maxMergedAreas?: number) => hostFor(STACKED, { excelApi: '1.18', maxMergedAreas });

describe('audit-2 #4 more than 512 merged areas on one sheet', () => {
  it('audit-2 #4 the stacked sheet holds more than 512 merged areas, and Excel (the strict fake) refuses to read them in one call', async () => {
    const host = await stackedHost();
    expect(host.merges('汇总填报').length).toBeGreaterThan(512);
  });

  it.each(['sheet', 'workbook'] as const)(
    'audit-2 #4 recompute (%s scope) on ~36 stacked real tables works and writes exactly what it writes with merges unlimited',
    async (scope) => {
      const limited = await stackedHost();
      const free = await stackedHost(Number.MAX_SAFE_INTEGER);
      for (const h of [limited, free]) h.activeSheetName = '汇总填报';
      const settings = { scope };
      const a = await runAnalysis(limited, 'recompute', { analyze, settings });
      const b = await runAnalysis(free, 'recompute', { analyze, settings });
      expect(a.error).toBeUndefined();
      expect(a.status).toBe('ok');
      expect(a.notices.filter((n) => n.kind === 'no-merges')).toEqual([]);
      expect(a.tables.length).toBeGreaterThan(20);
      expect(a.written.values + a.written.fills).toBeGreaterThan(0);
      expect({ ...a, at: '' }).toEqual({ ...b, at: '' });
      expect(diffSnapshots(snapshot(free.workbook), snapshot(limited.workbook))).toEqual([]);
      // the banded read costs a few syncs, not one per row band of every table
      expect(limited.stats.syncs - free.stats.syncs).toBeLessThanOrEqual(5);
      expect(limited.violations).toEqual([]);
    },
  );

  it.each([25, 2000])('audit-2 #4 the banded reader (bands of %i rows) finds every merged area, also those cut by a band edge', async (rows) => {
    const host = await stackedHost();
    const want = host.merges('汇总填报').sort((x, y) => x.top - y.top || x.left - y.left);
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('汇总填报');
      // 25 rows cut many vertical merges (一级指标 labels) in two; 2000 rows hold all 800+ merges:
      // the band is halved until each half is under 512
      const { merges } = await readMergesBanded(ctx, [{ ws, top: 0, bottom: 1200, toEnd: true }], rows);
      const got = (merges[0] ?? []).sort((x, y) => x.top - y.top || x.left - y.left);
      expect(got).toEqual(want);
    });
  });

  it('audit-2 #4 when no band can be read, the sheet is checked without merges and the outcome says so', async () => {
    const host = await hostFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }], { excelApi: '1.18' });
    host.fault = (op) => op.api === 'Range.getMergedAreasOrNullObject';
    const out = await runAnalysis(host, 'recompute', { analyze });
    expect(out.error).toBeUndefined();
    expect(out.status).toBe('ok');
    expect(out.notices).toContainEqual({ kind: 'no-merges', sheet: '丰台', cell: 'A1' });
    expect(describeOutcome(out, 'zh').message).toMatch(/合并单元格读取失败.*丰台/);
    expect(describeOutcome(out, 'en').message).toMatch(/merged cells .* could not be read.*丰台/);
    expect(out.written.values + out.written.fills).toBeGreaterThan(0);
  });
});

describe('audit-2 #12 live check merges', () => {
  const settings: ZipingSettings = { ...DEFAULT_SETTINGS, scope: 'workbook' };

  const liveOn = (host: FakeExcelHost) => startLive(host, { settings });
  const strip = (o: RunOutcome) => ({ tables: o.tables, counts: o.counts, findings: o.findings });

  it('audit-2 #12 on a sheet with more than 512 merged areas, a table edit and a row insert keep the live check on and equal to the ribbon', async () => {
    const host = await stackedHost();
    const r = await liveOn(host);
    const ws = host.sheet('汇总填报');
    // an edit inside the second table: its rectangle is re-read
    const second = (await runAnalysis(host, 'analyze', { analyze, settings })).tables.filter((t) => t.sheet === '汇总填报')[1];
    const cell = second.range.split(':')[0];
    host.userEdit('汇总填报', cell, ws.getCell(cell).value);
    await host.events.settled();
    await r.live.flush();
    // rows inserted: the whole sheet is re-read, with its 800+ merged areas
    ws.spliceRows(5, 0, []);
    host.events.fire(host.idOfSheet('汇总填报'), '5:5', { changeType: 'RowInserted' });
    await host.events.settled();
    await r.live.flush();
    expect(r.errors).toEqual([]);
    expect(r.live.active).toBe(true);
    expect(r.live.flushes.at(-1)).toMatchObject({ sheets: ['汇总填报'] });
    expect(strip(r.updates.at(-1)!)).toEqual(strip(await runAnalysis(host, 'analyze', { analyze, settings })));
    await r.live.stop();
  });
});

describe('audit-2 #4 live check: merges that cannot be read', () => {
  const settings: ZipingSettings = { ...DEFAULT_SETTINGS, scope: 'workbook' };
  const noMerges = (o: RunOutcome) => o.notices.filter((n) => n.kind === 'no-merges');

  it('audit-2 #4 the live check says no-merges like the run outcome, once per sheet, and drops it when the sheet is read with its merges again', async () => {
    const host = await hostFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }], { excelApi: '1.18' });
    const { live, updates, errors } = await startLive(host, { settings });
    host.fault = (op) => op.api === 'Range.getMergedAreasOrNullObject';
    // two edits in the table, each flushed: the table is re-read without its merges
    for (const value of [9, 8]) {
      host.userEdit('丰台', 'F14', value);
      await host.events.settled();
      await live.flush();
      expect(noMerges(updates.at(-1)!)).toEqual([{ kind: 'no-merges', sheet: '丰台', cell: 'A1' }]);
    }
    const text = describeOutcome(updates.at(-1)!, 'zh').message;
    expect(text.match(/合并单元格读取失败/g)).toHaveLength(1);
    expect(text).toMatch(/丰台/);
    // the pane: one line, unless the status (a run that read without merges) already names the sheet
    const pane = noMergesLine(updates.at(-1)!, [], 'zh');
    expect(pane).toBe('以下工作表的合并单元格读取失败，已按无合并单元格检查，结果可能有误：丰台。');
    expect(noMergesLine(updates.at(-1)!, [], 'en')).toMatch(/merged cells .* could not be read.*: 丰台\./);
    expect(noMergesLine(updates.at(-1)!, ['丰台'], 'zh')).toBeNull();
    // the same as the ribbon's outcome on the same workbook
    expect(noMerges(await runAnalysis(host, 'analyze', { analyze, settings }))).toEqual(noMerges(updates.at(-1)!));
    // merges readable again, rows inserted: the sheet is re-read whole with them, and the notice goes
    host.fault = null;
    host.sheet('丰台').spliceRows(50, 0, []);
    host.events.fire(host.idOfSheet('丰台'), '50:50', { changeType: 'RowInserted' });
    await host.events.settled();
    await live.flush();
    expect(updates).toHaveLength(3);
    expect(noMerges(updates.at(-1)!)).toEqual([]);
    expect(noMergesLine(updates.at(-1)!, [], 'zh')).toBeNull();
    expect(errors).toEqual([]);
    await live.stop();
  });

  it('audit-2 #4 the pane says no-merges for its own read-only analysis too (start-up, sheet switch), once a run has not said it', async () => {
    const host = await hostFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }], { excelApi: '1.18' });
    host.fault = (op) => op.api === 'Range.getMergedAreasOrNullObject';
    // the pane opens: no ribbon run yet, so no status names the sheet (before: nothing was said until an edit)
    const startUp = await runAnalysis(host, 'analyze', { analyze, settings });
    expect(await loadLastRun(host)).toBeNull();
    expect(noMergesLine(startUp, noMergesSheets(null), 'zh')).toBe('以下工作表的合并单元格读取失败，已按无合并单元格检查，结果可能有误：丰台。');
    // a ribbon 提交前校验 meanwhile: its outcome (the status) names 丰台, the next analysis does not repeat it
    await runAnalysis(host, 'validate', { analyze, settings });
    const said = noMergesSheets(await loadLastRun(host));
    expect(said).toEqual(['丰台']);
    expect(noMergesLine(await runAnalysis(host, 'analyze', { analyze, settings }), said, 'zh')).toBeNull();
  });
});

describe('audit-2 #9 a sheet too large to read', () => {
  /** 教育 with a formula filled down column K to row 1,048,576 (the user's "fill to the end"), and 丰台. */
  async function bigHost() {
    const host = await hostFor(
      [
        { name: '教育', placed: [{ table: yuxiEducation, at: 'A1' }] },
        { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
      ],
      { excelApi: '1.18' },
    );
    host.fillDown('教育', 10, 0, 1048575, '=IF(A1="","",A1)', '');
    // a read that needs more than 20 round trips stands for the 5-minute end of a ribbon command
    host.fault = () => host.stats.syncs > 20;
    return host;
  }

  it('audit-2 #9 recompute refuses the sheet with one clear message, writes nothing there, and still processes the other sheet', async () => {
    const host = await bigHost();
    const before = snapshot(host.workbook, ['教育']);
    const out = await runAnalysis(host, 'recompute', { analyze, settings: { scope: 'workbook' } });
    expect(out.error).toBeUndefined();
    expect(out.status).toBe('ok');
    expect(out.notices).toContainEqual({ kind: 'too-large', sheet: '教育', cell: 'A1048576' });
    expect(out.sheets).toEqual(['丰台']);
    expect(out.tables.map((t) => t.sheet)).toEqual(['丰台']);
    expect(out.written.values + out.written.fills).toBeGreaterThan(0);
    expect(describeOutcome(out, 'zh').message).toContain('“教育”：工作表过大（1048576行），请删除多余行后重试。');
    expect(describeOutcome(out, 'en').message).toContain('too large (1048576 rows)');
    expect(describeOutcome(out, 'zh').intent).not.toBe('success');
    expect(diffSnapshots(before, snapshot(host.workbook, ['教育']))).toEqual([]);
    expect(host.filledCells('教育')).toBe(0); // not one of its million rows was read
    expect(host.stats.syncs).toBeLessThanOrEqual(6);
  });

  it('audit-2 #9 on the sheet alone (sheet scope) the outcome is the refusal, nothing is written', async () => {
    const host = await bigHost();
    host.activeSheetName = '教育';
    const before = snapshot(host.workbook, ['教育']);
    const out = await runAnalysis(host, 'recompute', { analyze });
    expect(out.error).toBeUndefined();
    expect(out.status).toBe('no-table');
    const text = describeOutcome(out, 'zh');
    expect(text.message).toContain('工作表过大（1048576行），请删除多余行后重试');
    expect(text.intent).toBe('warning');
    expect(host.stats.writes).toBe(0);
    // the speculative read stops at its 3,000-row box: the fake made at most those cells
    expect(host.filledCells('教育')).toBeLessThanOrEqual(3000);
    const after = snapshot(host.workbook, ['教育']);
    for (const [k, v] of Object.entries(after)) {
      if (before[k]) expect(v).toEqual(before[k]);
      else expect((v.value as { formula: string }).formula).toBe('IF(A1="","",A1)'); // a filled cell, untouched
    }
  });
});

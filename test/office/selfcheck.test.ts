// 自检: the self-check runs the host behaviours the add-in depends on in a scratch sheet, reports each
// one, and leaves the workbook as it was (but for its own setting).
import { FakeExcelHost, FakeOfficeError } from '../support/fake-excel';
import { fakeOffice } from '../support/fake-excel/office';
import type { XlHost, XlRequestContext } from '../../src/office/excel-api';
import { officeXlHost } from '../../src/office/office-host';
import {
  MERGE_LIMIT,
  SCRATCH_SHEET,
  SELFCHECK_SETTING,
  runSelfCheck,
  selfCheckText,
  type CheckLine,
  type SelfCheckEnv,
} from '../../src/office/selfcheck';
import { fengtai } from '../fixtures/tables';
import { hostFor, snapshot } from '../support/workbooks';

const SPECS = [{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }];
const INFO = { host: 'Excel', platform: 'PC', version: '16.0.17928.20114' };

/**
 * The fake host with Excel's documented refusal to delete a VeryHidden sheet ("if the worksheet's
 * visibility is set to "VeryHidden", the delete operation will fail with an InvalidOperation
 * exception", https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1)),
 * whether or not the fake itself has it: a visibility set earlier in the same batch counts.
 */
function refusingVeryHiddenDelete(host: FakeExcelHost): XlHost {
  const wrapCtx = (ctx: XlRequestContext): XlRequestContext => {
    let refuse = false;
    const pending = new Map<string, string>();
    const wrapWs = (ws: object, name: string) =>
      new Proxy(ws, {
        set(target, prop, value) {
          if (prop === 'visibility') pending.set(name, String(value));
          return Reflect.set(target, prop, value);
        },
        get(target, prop) {
          const v = Reflect.get(target, prop);
          if (prop !== 'delete') return typeof v === 'function' ? v.bind(target) : v;
          return () => {
            const state = pending.get(name) ?? (host.workbook.getWorksheet(name)?.state === 'veryHidden' ? 'VeryHidden' : '');
            if (state === 'VeryHidden') refuse = true;
            else (target as { delete(): void }).delete();
          };
        },
      });
    const worksheets = new Proxy(ctx.workbook.worksheets, {
      get(target, prop) {
        const v = Reflect.get(target, prop);
        if (prop === 'add' || prop === 'getItem' || prop === 'getItemOrNullObject') {
          return (key: string) => wrapWs((v as (k: string) => object).call(target, key), key);
        }
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const workbook = new Proxy(ctx.workbook, { get: (t, p) => (p === 'worksheets' ? worksheets : Reflect.get(t, p)) });
    return {
      workbook,
      sync: async () => {
        if (refuse) throw new FakeOfficeError('InvalidOperation', 'cannot delete a VeryHidden worksheet');
        return ctx.sync();
      },
    };
  };
  return {
    run: (batch) => host.run((ctx) => batch(wrapCtx(ctx))),
    isSetSupported: (n, v) => host.isSetSupported(n, v),
  };
}

const env = (host: XlHost, extra: Partial<SelfCheckEnv> = {}): SelfCheckEnv => ({ host, info: INFO, addinVersion: '0.1.0', session: 'a', ...extra });
const byId = (lines: CheckLine[]) => Object.fromEntries(lines.map((l) => [l.id, l]));

/** Whether the fake host itself refuses a read of more than 512 merged areas (its own model). */
async function hostRefusesBigMergeRead(host: FakeExcelHost): Promise<boolean> {
  const probe = await FakeExcelHost.fromBuffer(await host.toBuffer(), { excelApi: host.excelApi });
  try {
    await probe.run(async (context) => {
      const r = context.workbook.worksheets.getItem('丰台').getRange(`AA1:AB${MERGE_LIMIT + 1}`);
      r.merge(true);
      await context.sync();
      r.getMergedAreasOrNullObject().load('address');
      await context.sync();
    });
    return false;
  } catch {
    return true;
  }
}

describe('自检', () => {
  it('on ExcelApi 1.18 runs every check in a scratch sheet and leaves the workbook as it was', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    const before = snapshot(host.workbook);
    const sheets = host.workbook.worksheets.map((w) => w.name);
    const lines = await runSelfCheck(env(refusingVeryHiddenDelete(host)), 'zh');
    expect(lines.map((l) => l.id)).toEqual([
      'host',
      'sets',
      'officejs',
      'format',
      'cell-edit',
      'ids',
      'sheet-create',
      'veryhidden-delete',
      'notes',
      'merges',
      'merges-512',
      'hidden-delete',
    ]);
    const l = byId(lines);
    expect(l.sets).toMatchObject({ status: 'OK' });
    expect(l.sets.text).toContain('ExcelApi ✓ 1.7 1.8 1.9 1.10 1.11 1.12 1.13 1.14 1.15 1.16 1.17 1.18; ✗ -');
    expect(l.officejs.status).toBe('SKIP'); // no office.js on the fake host
    expect(l['sheet-create']).toMatchObject({ status: 'OK', text: '临时工作表已创建，可见性 VeryHidden' });
    expect(l['veryhidden-delete'].status).toBe('OK');
    expect(l['veryhidden-delete'].text).toContain('InvalidOperation');
    expect(l.notes).toMatchObject({ status: 'OK' });
    expect(l.merges).toMatchObject({ status: 'OK' });
    expect(l.merges.text).toMatch(/B2:C3$/);
    expect(l['merges-512'].status).toBe((await hostRefusesBigMergeRead(host)) ? 'OK' : 'WARN');
    expect(l['hidden-delete']).toMatchObject({ status: 'OK' });
    expect(lines.filter((x) => x.status === 'FAIL')).toEqual([]);
    // nothing left behind but the setting
    expect(host.workbook.worksheets.map((w) => w.name)).toEqual(sheets);
    expect(host.workbook.getWorksheet(SCRATCH_SHEET)).toBeUndefined();
    expect(snapshot(host.workbook)).toEqual(before);
    expect(JSON.parse(String(host.settings.get(SELFCHECK_SETTING)))).toMatchObject({ name: '丰台' });
  });

  it('reports a host that lets a VeryHidden sheet be deleted, and still cleans up', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    // a host that accepts the delete: the visibility is set to Hidden just before it
    const lenient: XlHost = {
      run: (batch) =>
        host.run((ctx) => {
          const wss = ctx.workbook.worksheets;
          const getItem = wss.getItem.bind(wss);
          const worksheets = Object.assign(Object.create(wss) as typeof wss, {
            getItem: (k: string) => {
              const ws = getItem(k);
              const del = ws.delete.bind(ws);
              return Object.assign(ws, { delete: () => ((ws.visibility = 'Hidden'), del()) });
            },
          });
          return batch({ workbook: Object.assign(Object.create(ctx.workbook) as typeof ctx.workbook, { worksheets }), sync: () => ctx.sync() });
        }),
      isSetSupported: (n, v) => host.isSetSupported(n, v),
    };
    const l = byId(await runSelfCheck(env(lenient), 'en'));
    expect(l['veryhidden-delete'].status).toBe('WARN');
    expect(l['veryhidden-delete'].text).toContain('the VeryHidden sheet was deleted');
    expect(l.notes.status).toBe('OK'); // the scratch sheet was made again
    expect(l['hidden-delete'].status).toBe('OK');
    expect(host.workbook.getWorksheet(SCRATCH_SHEET)).toBeUndefined();
  });

  it('on Office 2019 (ExcelApi 1.7) says what is missing: notes, comments, merges', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.7' });
    const l = byId(await runSelfCheck(env(refusingVeryHiddenDelete(host)), 'zh'));
    expect(l.sets.status).toBe('OK');
    expect(l.sets.text).toContain('ExcelApi ✓ 1.7; ✗ 1.8 1.9');
    expect(l.notes).toMatchObject({ status: 'SKIP' });
    expect(l.notes.text).toContain('ExcelApi 1.10 以下');
    expect(l.merges.status).toBe('SKIP');
    expect(l['hidden-delete'].status).toBe('OK');
    expect(host.workbook.getWorksheet(SCRATCH_SHEET)).toBeUndefined();
  });

  it('skips the sheet checks on a workbook with protected structure, adding no sheet', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    host.workbookProtected = true;
    const l = byId(await runSelfCheck(env(refusingVeryHiddenDelete(host)), 'zh'));
    expect(l['sheet-create']).toMatchObject({ status: 'SKIP', text: '工作簿结构受保护：无法添加临时工作表' });
    expect(l.notes.status).toBe('SKIP');
    expect(host.workbook.worksheets.map((w) => w.name)).toEqual(['丰台']);
  });

  it('compares the sheet id with the last run: a reopened workbook gets new ids', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    const first = byId(await runSelfCheck(env(host, { session: 'a' }), 'zh'));
    expect(first.ids.status).toBe('INFO');
    expect(first.ids.text).toContain('首次记录');
    const same = byId(await runSelfCheck(env(host, { session: 'a' }), 'zh'));
    expect(same.ids.text).toContain('同一次打开内 id 不变');
    // save and reopen: the fake gives sheets new ids, the setting travels with the file
    const reopened = await FakeExcelHost.fromBuffer(await host.toBuffer(), { excelApi: '1.18' });
    for (const [k, v] of host.settings) reopened.settings.set(k, v);
    const later = byId(await runSelfCheck(env(reopened, { session: 'b' }), 'zh'));
    const idsChange = reopened.workbook.getWorksheet('丰台')!.id !== host.workbook.getWorksheet('丰台')!.id;
    expect(later.ids.status).toBe(idsChange ? 'OK' : 'INFO');
    expect(later.ids.text).toContain(idsChange ? 'id 与上次自检' : '相同');
  });

  it('warns on an .xls document and on an office.js without the Notes API', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
    const office = fakeOffice(host, { officeJs: 'npm-1.1.110' });
    g.Office = office.Office;
    g.Excel = office.Excel;
    try {
      const l = byId(await runSelfCheck(env(officeXlHost(), { documentUrl: 'C:\\财政局\\2024年绩效自评.XLS' }), 'zh'));
      expect(l.format.status).toBe('WARN');
      expect(l.format.text).toContain('另存为 .xlsx');
      expect(l.officejs).toMatchObject({ status: 'WARN' });
      expect(l.officejs.text).toContain('Excel.NoteCollection ✗');
      // notes off: threaded comments are tried instead (the fake has no comments.add, so: skipped)
      expect(l.notes).toEqual({ id: 'notes', status: 'SKIP', text: '此宿主没有 comments.add' });
    } finally {
      delete g.Office;
      delete g.Excel;
    }
  });

  it('gives one plain-text report, a line per check with its status and id', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.13' });
    const lines = await runSelfCheck(env(refusingVeryHiddenDelete(host), { documentUrl: 'https://x/a.xlsx' }), 'zh');
    const text = selfCheckText(lines, 'zh', new Date(Date.UTC(2026, 11, 5, 10, 30)));
    const rows = text.split('\n');
    expect(rows[0]).toBe('绩效自评助手 自检 2026-12-05 10:30:00 UTC');
    expect(rows[1]).toMatch(/^FAIL 0, WARN \d+, OK \d+, SKIP \d+$/);
    expect(rows).toHaveLength(lines.length + 2);
    expect(rows).toContain(rows.find((r) => /^INFO format\s+\.xlsx$/.test(r)));
    expect(rows.slice(2).every((r) => /^(OK|WARN|FAIL|SKIP|INFO) +[a-z0-9-]+ {2,}\S/.test(r))).toBe(true);
  });
});

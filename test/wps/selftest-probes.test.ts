// 自检 (src/wps/selftest-probes.ts) on the fake ET host: every probe's verdict is the fake's
// behaviour judged against what src/wps assumes, the scratch sheet and property are gone afterwards,
// nothing else in the workbook changed, and the copyable text report lists each verdict.
import { analyzeWorkbook } from '../../src/core';
import { runAnalysis } from '../../src/wps/run';
import { runSelfTest, selfTestText, SCRATCH, SCRATCH_PROPERTY, type Probe, type SelfTestReport } from '../../src/wps/selftest-probes';
import { fengtai } from '../fixtures/tables';
import { toWorkbook } from '../fixtures/build';
import { FakeEtHost, type FakeEtOptions } from '../support/fake-et';
import { snapshot } from '../support/workbooks';

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/104.0.5112.102 Safari/537.36';

async function etWithTable(options?: FakeEtOptions): Promise<FakeEtHost> {
  // 外事办外事工作经费 (丰台区, test/fixtures/tables.ts gives the source page)
  const wb = toWorkbook([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]);
  return FakeEtHost.fromBuffer((await wb.xlsx.writeBuffer()) as ArrayBuffer, options);
}

function byName(report: SelfTestReport): Record<string, Probe> {
  const out: Record<string, Probe> = {};
  for (const p of report.probes) out[p.name] = p;
  return out;
}

/** A clock that advances 1 ms per reading (so the report's ms are known). */
function ticking(): () => number {
  let t = 0;
  return () => t++;
}

describe('WPS 自检 probes on the fake ET host', () => {
  let et: FakeEtHost;
  let report: SelfTestReport;
  let before: ReturnType<typeof snapshot>;
  let sheetsBefore: string[];

  beforeAll(async () => {
    et = await etWithTable();
    et.docProps.set('ziping.settings.n', '0'); // a property of the user's that must survive
    before = snapshot(et.workbook);
    sheetsBefore = et.workbook.worksheets.map((w) => `${w.name}:${w.state ?? 'visible'}`);
    report = await runSelfTest(et.Application, UA, ticking());
  });

  it('reports the Chromium version and the WPS build', () => {
    expect(report.chromium).toBe('104.0.5112.102');
    expect(report.build).toBe('12.1.0.0-fake');
    expect(report.version).toBe('12.0');
  });

  it('gives each probe the verdict the fake’s behaviour deserves', () => {
    const p = byName(report);
    const status = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.status]));
    expect(status).toEqual({
      'Sheets.Add activates the new sheet': 'OK',
      'Value2 shapes (one cell, a block)': 'OK',
      // the fake does not calculate: =1/0 has no cached result, so it reads empty (a real WPS answers this)
      'Value2 of error cells': 'WARN',
      'Value2 of dates': 'OK',
      'Formula of constants and formulas': 'OK',
      'NumberFormat on mixed cells': 'OK',
      'MergeCells on mixed cells': 'OK',
      'Interior: BGR colour, no fill, mixed': 'OK',
      'Comments: AddComment twice, Text replaces': 'OK',
      // the fake refuses Range addresses over 255 characters, as assumed
      'Range with a long multi-area address': 'OK',
      // and string properties over 255 characters
      'custom document property over 255 characters': 'OK',
      'undo transaction (UndoTransBegin/End)': 'OK',
      'ScreenUpdating / EnableEvents': 'OK',
      'timing: write and read 200,000 cells (Value2)': 'INFO',
      'very hidden sheet': 'OK',
      'SheetChange on an add-in write': 'INFO',
      'SheetActivate on an add-in Activate': 'INFO',
      'SheetChange fired': 'INFO',
      'SheetActivate fired': 'INFO',
      'delete the scratch sheet (DisplayAlerts = false)': 'OK',
    });
    // the answers behind the verdicts
    expect(p['Value2 shapes (one cell, a block)'].value).toEqual({
      one: { type: 'number', value: 1 },
      block: {
        array: [
          {
            array: [
              { type: 'number', value: 1 },
              { type: 'string', value: 'x' },
            ],
          },
          {
            array: [
              { type: 'boolean', value: true },
              { type: 'undefined', value: '(undefined)' },
            ],
          },
        ],
      },
    });
    expect(p['Range with a long multi-area address'].error).toMatch(/255/);
    expect(p['custom document property over 255 characters'].error).toBe('值太长');
    expect(p['Interior: BGR colour, no fill, mixed'].value).toMatchObject({
      color: { value: 0xcec7ff },
      none: { colorIndex: { value: -4142 } },
      mixed: { type: 'null' },
    });
    expect(p['Comments: AddComment twice, Text replaces'].value).toMatchObject({ second: expect.stringMatching(/^threw/), count: 1 });
    expect(p['timing: write and read 200,000 cells (Value2)'].value).toMatchObject({ rowsBack: 20000 });
    // the fake raises SheetChange for user edits only (eventsOnAddinWrites off)
    expect(p['SheetChange fired'].value).toEqual({ synchronously: [], within300ms: [] });
    expect(p['SheetChange fired'].note).toMatch(/not for add-in writes/);
    expect(p['SheetActivate fired'].value).toEqual({ synchronously: [], within300ms: [] });
    expect(p['SheetActivate fired'].note).toMatch(/not for add-in Activate/);
    // the undo probe's writes ran inside one transaction, with its description
    expect(et.undo.done).toEqual([{ desc: '绩效自评助手：自检', cancel: false }]);
  });

  it('removes the scratch sheet and property and touches nothing else', () => {
    expect(et.workbook.worksheets.map((w) => w.name)).not.toContain(SCRATCH);
    expect(et.workbook.worksheets.map((w) => `${w.name}:${w.state ?? 'visible'}`)).toEqual(sheetsBefore);
    expect(snapshot(et.workbook)).toEqual(before);
    expect([...et.docProps.keys()]).toEqual(['ziping.settings.n']);
    expect(et.docProps.has(SCRATCH_PROPERTY)).toBe(false);
    expect(et.activeSheetName).toBe('丰台');
    expect(et.listenerCount).toBe(0);
    expect(et.displayAlerts).toBe(true); // put back after the delete
    expect(et.screenUpdating).toBe(true);
    // the table still reads and scores as before
    const out = runAnalysis(et.Application, 'analyze', { analyze: analyzeWorkbook });
    expect(out.tables.map((t) => t.projectName)).toEqual(['外事办外事工作经费']);
  });

  it('gives a copyable text report: one line per probe with its verdict, then the raw answers', () => {
    const text = selfTestText(report, 'zh');
    const lines = text.split('\n');
    expect(lines[0]).toBe('绩效自评助手 · WPS 自检');
    expect(text).toContain('Chromium: 104.0.5112.102');
    expect(text).toContain('WPS: 12.0 (build 12.1.0.0-fake)');
    expect(text).toContain('结果: OK 14 · WARN 1 · FAIL 0 · INFO 5');
    for (const p of report.probes) expect(lines.some((l) => l.startsWith(`[${p.status}] ${p.name}`))).toBe(true);
    expect(text).toContain('[WARN] Value2 of error cells (1 ms) — error cells read neither as COM codes nor as error text');
    const raw = JSON.parse(lines[lines.length - 1]) as { name: string }[];
    expect(raw.map((r) => r.name)).toEqual(report.probes.map((p) => p.name));
    expect(selfTestText(report, 'en').split('\n')[0]).toBe('Ziping · WPS self-check');
  });
});

/**
 * The fake's Application with some answers changed: `rule(member, value, target)` may replace what a
 * member read returns (writes and calls go through unchanged). Every object read is wrapped again.
 */
function tamper<T extends object>(obj: T, rule: (member: string, value: unknown, target: object) => unknown): T {
  const wrap = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? tamper(v as object, rule) : v);
  return new Proxy(obj, {
    get(target, key) {
      const v = Reflect.get(target, key, target) as unknown;
      if (typeof v === 'function') return (...args: unknown[]) => wrap((v as (...a: unknown[]) => unknown).apply(target, args));
      return wrap(rule(String(key), v, target));
    },
    set(target, key, value) {
      return Reflect.set(target, key, value, target);
    },
  });
}

function addressOf(target: object): string | null {
  const r = target as { Address?: (a: boolean, b: boolean) => string };
  return typeof r.Address === 'function' ? r.Address(false, false) : null;
}

describe('WPS 自检 verdicts follow the host’s answers', () => {
  it('a calculating host that reads error cells as COM codes and dates as Date objects gets OK', async () => {
    const et = await etWithTable();
    const app = tamper(et.Application, (member, v, target) => {
      if (member !== 'Value2') return v;
      const at = addressOf(target);
      if (at === 'C1') return -2146826281;
      if (at === 'C2') return -2146826246;
      if (at === 'D1' && v === 45292) return new Date(Date.UTC(2024, 0, 1));
      return v;
    });
    const p = byName(await runSelfTest(app, UA, ticking()));
    expect(p['Value2 of error cells'].status).toBe('OK');
    expect(p['Value2 of dates'].status).toBe('OK');
    expect(p['Value2 of dates'].note).toMatch(/Date/);
    expect(et.workbook.worksheets.map((w) => w.name)).toEqual(['丰台']);
  });

  it('a host whose mixed formats, colours or very hidden sheets differ from the assumptions gets FAIL', async () => {
    const et = await etWithTable();
    const app = tamper(et.Application, (member, v) => {
      if (member === 'NumberFormat' && v === null) return 'General'; // no null on mixed cells
      if (member === 'Color' && typeof v === 'number') return ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff); // RGB, not BGR
      if (member === 'Visible') return -1; // very hidden does not hold
      return v;
    });
    const p = byName(await runSelfTest(app, UA, ticking()));
    expect(p['NumberFormat on mixed cells'].status).toBe('FAIL');
    expect(p['Interior: BGR colour, no fill, mixed'].status).toBe('FAIL');
    expect(p['Interior: BGR colour, no fill, mixed'].note).toMatch(/BGR/);
    expect(p['very hidden sheet'].status).toBe('FAIL');
    expect(p['Value2 shapes (one cell, a block)'].status).toBe('OK');
    expect(et.workbook.worksheets.map((w) => w.name)).toEqual(['丰台']);
  });

  it('a host that rejects the undo transaction or the SheetChange listener gets WARN; add-in events are recorded', async () => {
    const et = await etWithTable({ eventsOnAddinWrites: true });
    const p = byName(await runSelfTest(et.Application, UA, ticking()));
    expect(p['SheetChange fired'].value).toEqual({ synchronously: [`${SCRATCH}!A7`], within300ms: [`${SCRATCH}!A7`] });
    expect(p['SheetChange fired'].note).toMatch(/synchronously/);
    // the probe activates the user's sheet (already active again: no event) and then the scratch sheet
    expect(p['SheetActivate fired'].value).toEqual({ synchronously: [SCRATCH], within300ms: [SCRATCH] });
    expect(p['SheetActivate fired'].note).toMatch(/synchronously for add-in Activate/);

    const et2 = await etWithTable();
    et2.fault = (member) => member === 'DebugTools.UndoTransBegin' || member === 'ApiEvent.AddApiEventListener';
    const q = byName(await runSelfTest(et2.Application, UA, ticking()));
    expect(q['undo transaction (UndoTransBegin/End)'].status).toBe('WARN');
    expect(q['undo transaction (UndoTransBegin/End)'].error).toBe('injected failure: DebugTools.UndoTransBegin');
    expect(q['SheetChange on an add-in write'].status).toBe('WARN');
    expect(q['SheetActivate on an add-in Activate'].status).toBe('WARN');
    expect(q['delete the scratch sheet (DisplayAlerts = false)'].status).toBe('OK');
    expect(et2.workbook.worksheets.map((w) => w.name)).toEqual(['丰台']);
  });

  it('a host where the scratch sheet cannot be deleted gets FAIL on that line', async () => {
    const et = await etWithTable();
    et.fault = (member) => member === 'Worksheet.Delete';
    const p = byName(await runSelfTest(et.Application, UA, ticking()));
    expect(p['delete the scratch sheet (DisplayAlerts = false)'].status).toBe('FAIL');
    expect(et.displayAlerts).toBe(true); // put back even so
  });

  it('without a workbook it says so and touches nothing', async () => {
    const et = await etWithTable();
    const app = new Proxy(et.Application, { get: (t, k) => (k === 'ActiveWorkbook' ? null : Reflect.get(t, k, t)) });
    const report = await runSelfTest(app, UA);
    expect(report.probes).toEqual([{ name: 'workbook', ok: false, status: 'FAIL', error: '请先打开或新建一个工作簿' }]);
    expect(et.workbook.worksheets.map((w) => w.name)).toEqual(['丰台']);
  });
});

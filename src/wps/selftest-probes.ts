// 自检: the questions only a real WPS can answer, asked on a scratch sheet that is deleted again.
// The page (selftest.html) shows the report as JSON and copies it in one click; the same probes run
// on the fake host in the tests, so the page is known to work and the fake's answers are on record.
import type { EtAddinRoot, EtRange, EtWorksheet } from './et-api';
import { MSO_PROPERTY_TYPE_STRING, XL_SHEET_VERY_HIDDEN, sheetItem } from './et-api';

export interface Probe {
  name: string;
  ok: boolean;
  value?: unknown;
  error?: string;
  ms?: number;
}

export interface SelfTestReport {
  at: string;
  userAgent: string;
  chromium: string | null;
  build: unknown;
  version: unknown;
  probes: Probe[];
}

const SCRATCH = '_ziping_selftest_';

export function chromiumVersion(ua: string): string | null {
  const m = /Chrome\/([\d.]+)/.exec(ua);
  return m ? m[1] : null;
}

function describe(v: unknown): unknown {
  if (Array.isArray(v)) return { array: v.map(describe) };
  return { type: v === null ? 'null' : typeof v, value: v === undefined ? '(undefined)' : v };
}

export function runSelfTest(app: EtAddinRoot, ua: string, now: () => number = () => Date.now()): Promise<SelfTestReport> {
  const probes: Probe[] = [];
  const probe = (name: string, fn: () => unknown) => {
    const t0 = now();
    try {
      probes.push({ name, ok: true, value: fn(), ms: now() - t0 });
    } catch (e) {
      probes.push({ name, ok: false, error: String((e as Error)?.message ?? e), ms: now() - t0 });
    }
  };
  const report: SelfTestReport = { at: new Date().toISOString(), userAgent: ua, chromium: chromiumVersion(ua), build: null, version: null, probes };
  try {
    report.build = app.Build;
    report.version = app.Version;
  } catch {
    /* older builds */
  }
  const book = app.ActiveWorkbook;
  if (!book) {
    probes.push({ name: 'workbook', ok: false, error: '请先打开或新建一个工作簿' });
    return Promise.resolve(report);
  }
  const sheets = book.Worksheets;
  const active = app.ActiveSheet;
  let ws: EtWorksheet | null = null;
  probe('Sheets.Add activates the new sheet', () => {
    ws = sheets.Add(undefined, sheetItem(sheets, sheets.Count));
    ws.Name = SCRATCH;
    return { activeAfterAdd: app.ActiveSheet?.Name };
  });
  if (!ws) return Promise.resolve(report);
  const s = ws as EtWorksheet;
  const r = (a: string): EtRange => s.Range(a);
  probe('Value2 shapes (one cell, a block)', () => {
    r('A1:B2').Value2 = [
      [1, 'x'],
      [true, ''],
    ];
    return { one: describe(r('A1').Value2), block: describe(r('A1:B2').Value2) };
  });
  probe('Value2 of error cells', () => {
    (r('C1') as unknown as { Formula: string }).Formula = '=1/0';
    (r('C2') as unknown as { Formula: string }).Formula = '=NA()';
    return { div0: describe(r('C1').Value2), na: describe(r('C2').Value2), block: describe(r('C1:C2').Value2) };
  });
  probe('Value2 of dates', () => {
    r('D1').NumberFormat = 'yyyy-mm-dd';
    r('D1').Value2 = 45292;
    return { value2: describe(r('D1').Value2), format: r('D1').NumberFormat };
  });
  probe('Formula of constants and formulas', () => describe(r('A1:C1').Formula));
  probe('NumberFormat on mixed cells', () => {
    r('E1').NumberFormat = '0.00';
    return { mixed: describe(r('D1:E1').NumberFormat), general: describe(r('F1').NumberFormat) };
  });
  probe('MergeCells on mixed cells', () => {
    (r('G1:H2') as unknown as { Merge(): void }).Merge();
    return { merged: describe(r('G1:H2').MergeCells), mixed: describe(r('F1:G1').MergeCells), area: r('H2').MergeArea.Address(false, false) };
  });
  probe('Interior: BGR colour, no fill, mixed', () => {
    r('A3').Interior.Color = 0xcec7ff; // #FFC7CE as BGR
    return {
      color: describe(r('A3').Interior.Color),
      none: {
        color: describe(r('B3').Interior.Color),
        colorIndex: describe(r('B3').Interior.ColorIndex),
        pattern: describe(r('B3').Interior.Pattern),
      },
      mixed: describe(r('A3:B3').Interior.Color),
    };
  });
  probe('Comments: AddComment twice, Text replaces', () => {
    r('A4').AddComment('一');
    let second: string;
    try {
      r('A4').AddComment('二');
      second = 'accepted';
    } catch (e) {
      second = 'threw: ' + String((e as Error)?.message ?? e);
    }
    r('A4').Comment!.Text('三');
    return { second, textAfterReplace: r('A4').Comment!.Text(), none: describe(r('B4').Comment), count: s.Comments.Count };
  });
  probe('Range with a long multi-area address', () => {
    const parts: string[] = [];
    for (let i = 1; parts.join(',').length < 300; i += 2) parts.push(`J${i}`);
    const address = parts.join(',');
    r(address).Interior.Color = 0xcec7ff;
    return { length: address.length };
  });
  probe('custom document property over 255 characters', () => {
    const props = book.CustomDocumentProperties;
    const name = 'ziping.selftest';
    props.Add(name, false, MSO_PROPERTY_TYPE_STRING, new Array(301).join('长'));
    const len = String(props.Item(name).Value).length;
    props.Item(name).Delete();
    return { storedLength: len };
  });
  probe('undo transaction (UndoTransBegin/End)', () => {
    const tools = app.DebugTools;
    tools.UndoTransBegin(book);
    r('A5').Value2 = 1;
    r('A6').Value2 = 2;
    tools.UndoTransEnd(book, false, '绩效自评助手：自检');
    return 'ended: press Ctrl+Z once after the test, A5 and A6 of the scratch sheet should both clear';
  });
  probe('ScreenUpdating / EnableEvents', () => {
    const a = app.ScreenUpdating;
    app.ScreenUpdating = false;
    const b = app.ScreenUpdating;
    app.ScreenUpdating = a;
    return { before: a, set: b, events: app.EnableEvents };
  });
  probe('timing: write and read 200,000 cells (Value2)', () => {
    const rows = 20000;
    const block: number[][] = [];
    for (let i = 0; i < rows; i++) block.push([i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7, i + 8, i + 9]);
    const t0 = now();
    r(`A10:J${rows + 9}`).Value2 = block;
    const t1 = now();
    const back = r(`A10:J${rows + 9}`).Value2 as unknown[][];
    const t2 = now();
    return { writeMs: t1 - t0, readMs: t2 - t1, rowsBack: Array.isArray(back) ? back.length : null };
  });
  probe('very hidden sheet', () => {
    s.Visible = XL_SHEET_VERY_HIDDEN;
    const v = s.Visible;
    s.Visible = -1;
    return { visible: v };
  });
  // events: does SheetChange fire for the add-in's own writes, and when?
  return new Promise<SelfTestReport>((resolve) => {
    const seen: string[] = [];
    const cb = (sheet: EtWorksheet, target: unknown) => {
      try {
        seen.push(`${sheet.Name}!${(target as EtRange).Address(false, false)}`);
      } catch {
        seen.push('(unreadable)');
      }
    };
    let sync: string[] = [];
    probe('SheetChange on an add-in write', () => {
      app.ApiEvent.AddApiEventListener('SheetChange', cb);
      r('A7').Value2 = 'event?';
      sync = seen.slice();
      return 'listening';
    });
    setTimeout(() => {
      try {
        app.ApiEvent.RemoveApiEventListener('SheetChange', cb);
      } catch {
        /* not registered */
      }
      probes.push({ name: 'SheetChange fired', ok: true, value: { synchronously: sync, within300ms: seen } });
      probe('delete the scratch sheet (DisplayAlerts = false)', () => {
        const alerts = app.DisplayAlerts;
        app.DisplayAlerts = false;
        try {
          s.Delete();
        } finally {
          app.DisplayAlerts = alerts;
        }
        active?.Activate();
        return 'deleted';
      });
      resolve(report);
    }, 300);
  });
}

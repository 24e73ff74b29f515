// 自检: the questions only a real WPS can answer, asked on a scratch sheet that is deleted again.
// Each probe gets a verdict against what src/wps assumes (the fake ET host's model): OK (as assumed),
// WARN (differs, src/wps copes or a feature degrades), FAIL (differs where src/wps depends on it),
// INFO (a fact to record). The page (selftest.html) and the task pane's 关于/诊断 show the report as
// text (selfTestText) and copy it in one click; the same probes run on the fake host in the tests
// (test/wps/selftest-probes.test.ts), so the page is known to work and the fake's answers are on record.
import type { Lang } from '../core/types';
import type { EtAddinRoot, EtRange, EtWorksheet } from './et-api';
import { MSO_PROPERTY_TYPE_STRING, XL_NONE, XL_SHEET_VERY_HIDDEN, sheetItem } from './et-api';

export type ProbeStatus = 'OK' | 'WARN' | 'FAIL' | 'INFO';

export interface Probe {
  name: string;
  /** The probe ran without an exception. */
  ok: boolean;
  status: ProbeStatus;
  /** What the answer means for ziping. */
  note?: string;
  value?: unknown;
  error?: string;
  ms?: number;
}

interface Verdict {
  status: ProbeStatus;
  note?: string;
}

const COM_DIV0 = -2146826281;
const COM_NA = -2146826246;
/** #FFC7CE as BGR. */
const PINK_BGR = 0xcec7ff;

function plain(d: unknown): unknown {
  const x = d as { type?: string; value?: unknown; array?: unknown[] };
  if (x && Array.isArray(x.array)) return x.array.map(plain);
  return x?.value === '(undefined)' ? undefined : x?.value;
}

export interface SelfTestReport {
  at: string;
  userAgent: string;
  chromium: string | null;
  build: unknown;
  version: unknown;
  probes: Probe[];
}

export const SCRATCH = '_ziping_selftest_';
/** The document property the probe adds and deletes. */
export const SCRATCH_PROPERTY = 'ziping.selftest';

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
  /** Runs one probe; `judge` gives the verdict on its value, `onThrow` on an exception (default FAIL). */
  const probe = (name: string, fn: () => unknown, judge?: (value: unknown) => Verdict, onThrow?: (error: string) => Verdict) => {
    const t0 = now();
    try {
      const value = fn();
      let verdict: Verdict;
      try {
        verdict = judge ? judge(value) : { status: 'INFO' };
      } catch (e) {
        verdict = { status: 'WARN', note: 'unexpected answer: ' + String((e as Error)?.message ?? e) };
      }
      probes.push({ name, ok: true, ...verdict, value, ms: now() - t0 });
    } catch (e) {
      const error = String((e as Error)?.message ?? e);
      probes.push({ name, ok: false, ...(onThrow ? onThrow(error) : { status: 'FAIL' as const }), error, ms: now() - t0 });
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
    probes.push({ name: 'workbook', ok: false, status: 'FAIL', error: '请先打开或新建一个工作簿' });
    return Promise.resolve(report);
  }
  const sheets = book.Worksheets;
  const active = app.ActiveSheet;
  let ws: EtWorksheet | null = null;
  probe(
    'Sheets.Add activates the new sheet',
    () => {
      ws = sheets.Add(undefined, sheetItem(sheets, sheets.Count));
      ws.Name = SCRATCH;
      return { activeAfterAdd: app.ActiveSheet?.Name };
    },
    (v) =>
      (v as { activeAfterAdd?: string }).activeAfterAdd === SCRATCH
        ? { status: 'OK', note: 'as assumed: the store sheet is added, then the user’s sheet is activated again' }
        : { status: 'WARN', note: 'Add did not activate the new sheet: harmless, the user’s sheet is activated again anyway' },
  );
  if (!ws) return Promise.resolve(report);
  const s = ws as EtWorksheet;
  const r = (a: string): EtRange => s.Range(a);
  probe(
    'Value2 shapes (one cell, a block)',
    () => {
      r('A1:B2').Value2 = [
        [1, 'x'],
        [true, ''],
      ];
      return { one: describe(r('A1').Value2), block: describe(r('A1:B2').Value2) };
    },
    (v) => {
      const { one, block } = v as { one: unknown; block: unknown };
      const b = plain(block) as unknown[][];
      const rows = Array.isArray(b) && b.length === 2 && b.every((line) => Array.isArray(line) && line.length === 2);
      if (!rows) return { status: 'FAIL', note: 'a block did not read as an array of rows: the sheet reader depends on it' };
      if (plain(one) !== 1 || b[0][1] !== 'x' || b[1][0] !== true) return { status: 'FAIL', note: 'values did not read back as written' };
      return { status: 'OK', note: 'as assumed: one cell a scalar, a block an array of rows' };
    },
  );
  probe(
    'Value2 of error cells',
    () => {
      (r('C1') as unknown as { Formula: string }).Formula = '=1/0';
      (r('C2') as unknown as { Formula: string }).Formula = '=NA()';
      return { div0: describe(r('C1').Value2), na: describe(r('C2').Value2), block: describe(r('C1:C2').Value2) };
    },
    (v) => {
      const { div0, na } = v as { div0: unknown; na: unknown };
      const d = plain(div0);
      const n = plain(na);
      if ((d === COM_DIV0 || d === '#DIV/0!') && (n === COM_NA || n === '#N/A')) {
        return { status: 'OK', note: 'as assumed: error cells read as the COM error code or the error text' };
      }
      return {
        status: 'WARN',
        note: 'error cells read neither as COM codes nor as error text: tell the developers (errors in tables may go unnoticed)',
      };
    },
  );
  probe(
    'Value2 of dates',
    () => {
      r('D1').NumberFormat = 'yyyy-mm-dd';
      r('D1').Value2 = 45292;
      return { value2: describe(r('D1').Value2), format: r('D1').NumberFormat };
    },
    (v) => {
      const x = plain((v as { value2: unknown }).value2);
      if (x === 45292) return { status: 'OK', note: 'as assumed: a date reads as its serial number' };
      if (x instanceof Date) return { status: 'OK', note: 'a date reads as a Date: the reader converts it to a serial number' };
      return { status: 'WARN', note: 'a date read neither as a serial number nor as a Date: dates in tables may read as text' };
    },
  );
  probe(
    'Formula of constants and formulas',
    () => describe(r('A1:C1').Formula),
    (v) => {
      const row = (plain(v) as unknown[][])?.[0];
      if (!Array.isArray(row) || typeof row[2] !== 'string' || String(row[2]).charAt(0) !== '=') {
        return { status: 'FAIL', note: 'a formula did not read as its "=…" text: computed cells could be written over formulas' };
      }
      return { status: 'OK', note: 'as assumed: formulas read as "=…", constants as their values' };
    },
  );
  probe(
    'NumberFormat on mixed cells',
    () => {
      r('E1').NumberFormat = '0.00';
      return { mixed: describe(r('D1:E1').NumberFormat), general: describe(r('F1').NumberFormat) };
    },
    (v) =>
      plain((v as { mixed: unknown }).mixed) === null
        ? { status: 'OK', note: 'as assumed: null when the cells differ (formats are read by halving such blocks)' }
        : { status: 'FAIL', note: 'mixed formats did not read as null: number formats would be read wrong' },
  );
  probe(
    'MergeCells on mixed cells',
    () => {
      (r('G1:H2') as unknown as { Merge(): void }).Merge();
      return { merged: describe(r('G1:H2').MergeCells), mixed: describe(r('F1:G1').MergeCells), area: r('H2').MergeArea.Address(false, false) };
    },
    (v) => {
      const x = v as { merged: unknown; mixed: unknown; area: string };
      if (plain(x.merged) === true && plain(x.mixed) === null && x.area === 'G1:H2') {
        return { status: 'OK', note: 'as assumed: true / null when only some cells are merged / MergeArea of a covered cell' };
      }
      return { status: 'FAIL', note: 'merged cells read differently from what the merge search assumes' };
    },
  );
  probe(
    'Interior: BGR colour, no fill, mixed',
    () => {
      r('A3').Interior.Color = PINK_BGR; // #FFC7CE as BGR
      return {
        color: describe(r('A3').Interior.Color),
        none: {
          color: describe(r('B3').Interior.Color),
          colorIndex: describe(r('B3').Interior.ColorIndex),
          pattern: describe(r('B3').Interior.Pattern),
        },
        mixed: describe(r('A3:B3').Interior.Color),
      };
    },
    (v) => {
      const x = v as { color: unknown; none: { colorIndex: unknown }; mixed: unknown };
      if (plain(x.color) !== PINK_BGR)
        return { status: 'FAIL', note: 'the colour did not read back as written (BGR): fills would be restored wrong' };
      if (plain(x.none.colorIndex) !== XL_NONE)
        return { status: 'FAIL', note: 'no fill did not read as ColorIndex -4142: restoring would paint white' };
      if (plain(x.mixed) !== null) return { status: 'WARN', note: 'mixed fills did not read as null: fills are read per cell where needed' };
      return { status: 'OK', note: 'as assumed: BGR colours, -4142 for no fill, null when mixed' };
    },
  );
  probe(
    'Comments: AddComment twice, Text replaces',
    () => {
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
    },
    (v) => {
      const x = v as { textAfterReplace: string; none: unknown };
      if (x.textAfterReplace !== '三') return { status: 'FAIL', note: 'Comment.Text(t) did not replace the note: marks could not be updated' };
      const none = plain(x.none);
      if (none !== null && none !== undefined) return { status: 'FAIL', note: 'a cell without a note did not read as null' };
      return { status: 'OK', note: 'as assumed: Text(t) replaces, no note reads as null (a second AddComment is never made)' };
    },
  );
  probe(
    'Range with a long multi-area address',
    () => {
      const parts: string[] = [];
      for (let i = 1; parts.join(',').length < 300; i += 2) parts.push(`J${i}`);
      const address = parts.join(',');
      r(address).Interior.Color = PINK_BGR;
      return { length: address.length };
    },
    () => ({ status: 'INFO', note: 'addresses over 255 characters are accepted (ziping keeps them under 250 anyway)' }),
    () => ({ status: 'OK', note: 'as assumed: addresses over 255 characters are refused (ziping keeps them under 250)' }),
  );
  probe(
    'custom document property over 255 characters',
    () => {
      const props = book.CustomDocumentProperties;
      props.Add(SCRATCH_PROPERTY, false, MSO_PROPERTY_TYPE_STRING, new Array(301).join('长'));
      const len = String(props.Item(SCRATCH_PROPERTY).Value).length;
      props.Item(SCRATCH_PROPERTY).Delete();
      return { storedLength: len };
    },
    (v) =>
      (v as { storedLength: number }).storedLength === 300
        ? { status: 'INFO', note: 'no 255-character limit (settings are split into 250-character pieces anyway)' }
        : { status: 'WARN', note: 'a long property was cut: settings are split into 250-character pieces, check they survive save' },
    () => ({ status: 'OK', note: 'as assumed: at most 255 characters (settings are split into 250-character pieces)' }),
  );
  probe(
    'undo transaction (UndoTransBegin/End)',
    () => {
      const tools = app.DebugTools;
      tools.UndoTransBegin(book);
      r('A5').Value2 = 1;
      r('A6').Value2 = 2;
      tools.UndoTransEnd(book, false, '绩效自评助手：自检');
      return 'ended: press Ctrl+Z once after the test, A5 and A6 of the scratch sheet should both clear';
    },
    () => ({ status: 'OK', note: 'the calls work; whether one Ctrl+Z undoes both writes only a person can see' }),
    () => ({ status: 'WARN', note: 'no undo transaction: each write of 重新计算 is its own undo step (清除标记 still restores)' }),
  );
  probe(
    'ScreenUpdating / EnableEvents',
    () => {
      const a = app.ScreenUpdating;
      app.ScreenUpdating = false;
      const b = app.ScreenUpdating;
      app.ScreenUpdating = a;
      return { before: a, set: b, events: app.EnableEvents };
    },
    (v) =>
      (v as { set: unknown }).set === false
        ? { status: 'OK', note: 'ScreenUpdating can be switched off during writes' }
        : { status: 'WARN', note: 'ScreenUpdating stayed on: writes may be slower' },
  );
  probe(
    'timing: write and read 200,000 cells (Value2)',
    () => {
      const rows = 20000;
      const block: number[][] = [];
      for (let i = 0; i < rows; i++) block.push([i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7, i + 8, i + 9]);
      const t0 = now();
      r(`A10:J${rows + 9}`).Value2 = block;
      const t1 = now();
      const back = r(`A10:J${rows + 9}`).Value2 as unknown[][];
      const t2 = now();
      return { writeMs: t1 - t0, readMs: t2 - t1, rowsBack: Array.isArray(back) ? back.length : null };
    },
    (v) =>
      (v as { rowsBack: unknown }).rowsBack === 20000
        ? { status: 'INFO', note: 'one call each way; the times are for the developers' }
        : { status: 'FAIL', note: 'a 20,000-row block did not read back whole' },
  );
  probe(
    'very hidden sheet',
    () => {
      s.Visible = XL_SHEET_VERY_HIDDEN;
      const v = s.Visible;
      s.Visible = -1;
      return { visible: v };
    },
    (v) =>
      Number((v as { visible: unknown }).visible) === XL_SHEET_VERY_HIDDEN
        ? { status: 'OK', note: 'as assumed: the restore store can be very hidden' }
        : { status: 'FAIL', note: 'Visible = 2 (very hidden) did not hold: the restore store sheet would show' },
  );
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
    probe(
      'SheetChange on an add-in write',
      () => {
        app.ApiEvent.AddApiEventListener('SheetChange', cb);
        r('A7').Value2 = 'event?';
        sync = seen.slice();
        return 'listening';
      },
      () => ({ status: 'INFO' }),
      () => ({ status: 'WARN', note: 'no SheetChange event: the live check cannot run (the buttons still work)' }),
    );
    // does SheetActivate fire when the add-in itself activates a sheet (the store sheet's Add, then the
    // user's sheet again)? The pane refreshes on SheetActivate and ignores it while ziping writes.
    const activated: string[] = [];
    const onActivate = (sheet: unknown) => {
      try {
        activated.push(String((sheet as EtWorksheet).Name));
      } catch {
        activated.push('(unreadable)');
      }
    };
    let activatedSync: string[] = [];
    probe(
      'SheetActivate on an add-in Activate',
      () => {
        app.ApiEvent.AddApiEventListener('SheetActivate', onActivate);
        active?.Activate();
        s.Activate();
        activatedSync = activated.slice();
        return 'listening';
      },
      () => ({ status: 'INFO' }),
      () => ({ status: 'WARN', note: 'no SheetActivate event: the pane is refreshed on focus only, not on a sheet switch' }),
    );
    setTimeout(() => {
      const off = (remove: () => void) => {
        try {
          remove();
        } catch {
          /* not registered */
        }
      };
      off(() => app.ApiEvent.RemoveApiEventListener('SheetChange', cb));
      off(() => app.ApiEvent.RemoveApiEventListener('SheetActivate', onActivate));
      probes.push({
        name: 'SheetChange fired',
        ok: true,
        status: 'INFO',
        note: seen.length
          ? sync.length
            ? 'fires synchronously for add-in writes (ignored while ziping writes)'
            : 'fires later for add-in writes: a live check may re-read once after 重新计算 (read-only, harmless)'
          : 'not for add-in writes (as the fake assumes)',
        value: { synchronously: sync, within300ms: seen },
      });
      probes.push({
        name: 'SheetActivate fired',
        ok: true,
        status: 'INFO',
        note: activated.length
          ? activatedSync.length
            ? 'fires synchronously for add-in Activate (ignored while ziping writes)'
            : 'fires later for add-in Activate: the pane may refresh once after a command (read-only, harmless)'
          : 'not for add-in Activate (as the fake assumes)',
        value: { synchronously: activatedSync, within300ms: activated },
      });
      probe(
        'delete the scratch sheet (DisplayAlerts = false)',
        () => {
          const alerts = app.DisplayAlerts;
          app.DisplayAlerts = false;
          try {
            s.Delete();
          } finally {
            app.DisplayAlerts = alerts;
          }
          active?.Activate();
          return 'deleted';
        },
        () => ({ status: 'OK', note: 'as assumed: Delete works with DisplayAlerts = false' }),
      );
      resolve(report);
    }, 300);
  });
}

/** The copyable plain-text report: one line per probe (status, name, note), then the answers as JSON. */
export function selfTestText(report: SelfTestReport, lang: Lang = 'zh'): string {
  const zh = lang === 'zh';
  const count = (st: ProbeStatus) => report.probes.filter((p) => p.status === st).length;
  const lines = [
    zh ? '绩效自评助手 · WPS 自检' : 'Ziping · WPS self-check',
    `${zh ? '时间' : 'At'}: ${report.at}`,
    `WPS: ${String(report.version ?? '?')} (build ${String(report.build ?? '?')})`,
    `Chromium: ${report.chromium ?? (zh ? '未知' : 'unknown')}`,
    `UA: ${report.userAgent}`,
    `${zh ? '结果' : 'Result'}: OK ${count('OK')} · WARN ${count('WARN')} · FAIL ${count('FAIL')} · INFO ${count('INFO')}`,
    '',
  ];
  for (const p of report.probes) {
    const ms = p.ms !== undefined ? ` (${p.ms} ms)` : '';
    lines.push(`[${p.status}] ${p.name}${ms}${p.note ? ' — ' + p.note : ''}${p.error ? ' — ' + p.error : ''}`);
  }
  lines.push(
    '',
    zh ? '原始结果（JSON）：' : 'Raw answers (JSON):',
    JSON.stringify(report.probes.map((p) => ({ name: p.name, value: p.value, error: p.error }))),
  );
  return lines.join('\n');
}

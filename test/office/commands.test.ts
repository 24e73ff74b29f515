// Ribbon functions: outcome messages, event.completed() on every path, task pane on errors.
import { analyzeWorkbook } from '../../src/core';
import { makeHandler, registerCommands, runCommand, type CommandEnv } from '../../src/commands/commands';
import { saveSettings } from '../../src/office/adapter';
import { DEFAULT_SETTINGS } from '../../src/office/settings';
import { describeOutcome } from '../../src/ui-strings';
import { STORE_SHEET } from '../../src/office/store';
import { fengtai, budgetList } from '../fixtures/tables';
import { hostFor, snapshot } from '../support/workbooks';
import type { XlHost } from '../../src/office/excel-api';
import { DIALOG_HOLD_MS, dialogNotifier } from '../../src/office/office-host';
import { fakeOffice } from '../support/fake-excel/office';

const SPECS = [
  { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
  { name: '预算', placed: [{ table: budgetList, at: 'A1' }] },
];

function env(host: XlHost, extra: Partial<CommandEnv> = {}) {
  const notes: { title: string; message: string; intent: string }[] = [];
  const e: CommandEnv = {
    host,
    analyze: analyzeWorkbook,
    lang: 'zh',
    notify: async (text) => {
      notes.push(text);
    },
    ...extra,
  };
  return { env: e, notes };
}

describe('ribbon commands', () => {
  it('recompute tells the counts of errors and warnings', async () => {
    const host = await hostFor(SPECS);
    const { env: e, notes } = env(host);
    const out = await runCommand('recompute', e);
    expect(out?.status).toBe('ok');
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toBe('重新计算完成');
    expect(notes[0].message).toMatch(/1 张表：\d+ 个错误，\d+ 个警告/);
    expect(notes[0].intent).toBe('error');
    expect(host.workbook.getWorksheet(STORE_SHEET)).toBeDefined();
  });

  it('says "no table recognised on this sheet" and touches nothing', async () => {
    const host = await hostFor(SPECS);
    host.activeSheetName = '预算';
    const before = snapshot(host.workbook);
    const { env: e, notes } = env(host);
    await runCommand('validate', e);
    expect(notes[0].message).toBe('当前工作表没有识别到绩效自评表，未做任何改动。');
    expect(snapshot(host.workbook)).toEqual(before);
  });

  it('validate opens the task pane when there are errors, where the shared runtime allows it', async () => {
    const host = await hostFor(SPECS);
    const shown: string[] = [];
    const { env: e, notes } = env(host, { showTaskpane: async () => (shown.push('pane'), true) });
    await runCommand('validate', e);
    expect(shown).toEqual(['pane']);
    expect(notes).toEqual([]); // the pane shows the outcome
    const { env: e2, notes: n2 } = env(host, { showTaskpane: async () => false });
    await runCommand('validate', e2);
    expect(n2[0].title).toBe('校验完成');
  });

  it('restore reports what it restored, in English when the workbook settings say so', async () => {
    const host = await hostFor(SPECS);
    await saveSettings(host, { ...DEFAULT_SETTINGS, lang: 'en' });
    const { env: e, notes } = env(host);
    await runCommand('recompute', e);
    await runCommand('restore', e);
    expect(notes[1].title).toBe('Marks cleared');
    expect(notes[1].message).toMatch(/^\d+ cell\(s\) restored\.$/);
    await runCommand('restore', e);
    expect(notes[2].message).toBe('Nothing to restore.');
  });

  it('a protected sheet gets a clear message', async () => {
    const host = await hostFor([{ ...SPECS[0], protect: true }]);
    const { env: e, notes } = env(host);
    await runCommand('recompute', e);
    expect(notes[0].message).toContain('工作表“丰台”受保护，未写入任何内容');
    expect(host.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
  });

  it('calls event.completed() on every path, errors included', async () => {
    const host = await hostFor(SPECS);
    const cases: (() => CommandEnv)[] = [
      () => env(host).env,
      () =>
        env(host, {
          analyze: () => {
            throw new Error('engine');
          },
        }).env,
      () =>
        env(host, {
          notify: async () => {
            throw new Error('dialog');
          },
        }).env,
      () => {
        throw new Error('no env');
      },
      () =>
        env({
          run: async () => {
            throw Object.assign(new Error('gone'), { code: 'GeneralException' });
          },
          isSetSupported: () => true,
        }).env,
    ];
    for (const make of cases) {
      let completed = 0;
      await makeHandler('recompute', make)({ completed: () => void completed++ });
      expect(completed).toBe(1);
    }
    const msgs: string[] = [];
    await makeHandler(
      'validate',
      () =>
        env(host, {
          analyze: () => {
            throw new Error('engine broke');
          },
          notify: async (t) => void msgs.push(t.message),
        }).env,
    )({ completed: () => undefined });
    expect(msgs[0]).toBe('操作失败：engine broke');
  });

  it('audit-2 #11: a dialog left open holds event.completed() (and so every other ribbon click) for 60 s at most', async () => {
    const host = await hostFor(SPECS, { sets: { DialogApi: '1.1' } });
    const office = fakeOffice(host, { dialogStaysOpen: true });
    const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
    g.Office = office.Office;
    g.Excel = office.Excel;
    jest.useFakeTimers();
    try {
      let completed = 0;
      const handler = makeHandler('recompute', () => ({
        ...env(host).env,
        notify: dialogNotifier('https://oa.example.gov.cn/ziping/dialog.html', () => 'zh'),
      }));
      const done = handler({ completed: () => void completed++ });
      await jest.advanceTimersByTimeAsync(DIALOG_HOLD_MS - 1_000);
      expect(office.dialogs).toHaveLength(1); // the outcome is on screen
      expect(completed).toBe(0); // its Close button still has the command's runtime
      await jest.advanceTimersByTimeAsync(1_000);
      await done;
      expect(completed).toBe(1);
      expect(DIALOG_HOLD_MS).toBeLessThanOrEqual(60_000);
    } finally {
      jest.useRealTimers();
      delete g.Office;
      delete g.Excel;
    }
  });

  it('registers the handlers with Office.actions.associate', async () => {
    const host = await hostFor(SPECS);
    const map = new Map<string, (ev: { completed(): void }) => unknown>();
    registerCommands({ associate: (n, fn) => map.set(n, fn) }, () => env(host).env);
    expect([...map.keys()]).toEqual(['zipingRecompute', 'zipingValidate', 'zipingRestore']);
    let done = false;
    await map.get('zipingValidate')!({ completed: () => (done = true) });
    expect(done).toBe(true);
    expect(host.stats.syncs).toBeGreaterThan(0);
  });
});

describe('outcome texts', () => {
  it('describe every status in both languages', async () => {
    const host = await hostFor(SPECS);
    const { env: e } = env(host);
    const out = (await runCommand('recompute', e))!;
    for (const status of ['ok', 'no-table', 'protected', 'workbook-protected', 'nothing-to-restore', 'store-unreadable', 'error'] as const) {
      for (const lang of ['zh', 'en'] as const) {
        const text = describeOutcome({ ...out, status, error: 'x', protectedSheets: status === 'protected' ? ['丰台'] : [] }, lang);
        expect(text.title.length).toBeGreaterThan(0);
        expect(text.message.length).toBeGreaterThan(0);
        if (lang === 'en') expect(text.message).not.toMatch(/[\u4e00-\u9fff]{3}/); // only the sheet name 丰台 may be Chinese
      }
    }
  });
});

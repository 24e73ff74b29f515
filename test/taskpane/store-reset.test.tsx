// 重置恢复信息 in the task pane (audit-2 #6): when it is offered, its confirm step, and that
// 清除标记 and 重新计算 work after it. On the strict fake host (test/support/fake-excel).
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { analyzeWorkbook } from '../../src/core';
import { runCommand } from '../../src/commands/commands';
import { loadLastRun, runAnalysis, runRestore } from '../../src/office/adapter';
import { DEFAULT_SETTINGS } from '../../src/office/settings';
import { STORE_SHEET } from '../../src/office/store';
import { officePaneHost } from '../../src/office/pane-host';
import { StoreResetBar } from '../../src/taskpane/StoreResetBar';
import { offerReset, resetRestoreInfo, RESET_TEXT } from '../../src/taskpane/storeReset';
import type { OutcomeText } from '../../src/ui-strings';
import { fengtai, yuxiEducation } from '../fixtures/tables';
import type { FakeExcelHost } from '../support/fake-excel';
import { diffSnapshots, hostFor, snapshot } from '../support/workbooks';

const paneHost = (host: FakeExcelHost) => officePaneHost({ kind: 'office', host, analyze: analyzeWorkbook, displayLanguage: 'zh-CN' });
const SETTINGS = { ...DEFAULT_SETTINGS, scope: 'workbook' as const };
const SPECS = [
  { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
  { name: '教育', placed: [{ table: yuxiEducation, at: 'B3' }] },
];

function column(host: FakeExcelHost, col: number): unknown[] {
  const out: unknown[] = [];
  host.workbook
    .getWorksheet(STORE_SHEET)
    ?.getColumn(col)
    .eachCell({ includeEmpty: false }, (c) => void out.push(c.value));
  return out;
}

/** A marked workbook whose store A1 was cut in half (two co-authors' runs merged cell by cell). */
async function brokenStore(): Promise<{ host: FakeExcelHost; cut: string }> {
  const host = await hostFor(SPECS, { excelApi: '1.18' });
  await runAnalysis(host, 'validate', { analyze: analyzeWorkbook, settings: SETTINGS });
  const cell = host.workbook.getWorksheet(STORE_SHEET)!.getCell('A1');
  const cut = String(cell.value).slice(0, String(cell.value).length >> 1);
  cell.value = cut;
  return { host, cut };
}

describe('audit-2 #6 重置恢复信息 in the task pane', () => {
  it('audit-2 #6 is offered after 清除标记 on an unreadable store, from the pane or the ribbon (last run), and kept through a read-only analysis', async () => {
    const { host } = await brokenStore();
    const pane = await runRestore(host, { settings: SETTINGS });
    expect(pane.status).toBe('store-unreadable');
    expect(offerReset(pane, false)).toBe(true);
    const analysis = await runAnalysis(host, 'analyze', { analyze: analyzeWorkbook, settings: SETTINGS });
    expect(offerReset(analysis, true)).toBe(true);

    // the ribbon's 清除标记: the pane opened afterwards reads it from the workbook settings
    const told: OutcomeText[] = [];
    await runCommand('restore', { host, analyze: analyzeWorkbook, lang: 'zh', notify: async (text) => void told.push(text) });
    expect(told[0].message).toMatch(/重置恢复信息/);
    const last = await loadLastRun(host);
    expect(last?.status).toBe('store-unreadable');
    expect(offerReset(last, false)).toBe(true);
    expect(offerReset(null, false)).toBe(false);
  });

  it('audit-2 #6 the reset backs the store up to column B, withdraws the offer, and the next 重新计算 and 清除标记 work', async () => {
    const { host, cut } = await brokenStore();
    const { outcome, text } = await resetRestoreInfo(paneHost(host), SETTINGS, 'zh');
    expect(outcome.status).toBe('ok');
    expect(text.title).toBe('已重置恢复信息');
    expect(text.message).toContain('B 列');
    expect(column(host, 2)[0]).toMatch(/^~ziping: \d{4}-.*restore store: chunk 1 is cut short/); // the chunk header tells a cut cell
    expect(column(host, 2)).toContain(cut);
    expect(offerReset(outcome, true)).toBe(false);
    expect((await loadLastRun(host))?.status).toBe('ok'); // the ribbon's old failure no longer shows

    const marked = snapshot(host.workbook, ['丰台', '教育']);
    const rec = await runAnalysis(host, 'recompute', { analyze: analyzeWorkbook, settings: SETTINGS });
    expect(rec.error).toBeUndefined();
    expect(rec.status).toBe('ok');
    expect(rec.written.fills).toBeGreaterThan(0);
    expect(offerReset(rec, false)).toBe(false);
    const back = await runRestore(host, { settings: SETTINGS });
    expect(back.status).toBe('ok');
    expect(back.written.restored).toBeGreaterThan(0);
    // 清除标记 undoes the recompute after the reset exactly (the earlier marks stay: their record is in column B)
    expect(diffSnapshots(marked, snapshot(host.workbook, ['丰台', '教育']))).toEqual([]);
    expect(host.violations).toEqual([]);
  });

  it('audit-2 #6 on a store that reads fine (fixed meanwhile) the reset changes nothing: no 清除标记 the user did not ask for', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    await runAnalysis(host, 'recompute', { analyze: analyzeWorkbook, settings: SETTINGS });
    const before = snapshot(host.workbook);
    const { outcome, text } = await resetRestoreInfo(paneHost(host), SETTINGS, 'en');
    expect(outcome.status).toBe('ok');
    expect(outcome.written.restored).toBe(0);
    expect(text.message).toBe(RESET_TEXT.en.notNeeded);
    expect(diffSnapshots(before, snapshot(host.workbook))).toEqual([]);
  });

  it('audit-2 #6 the bar asks first, then explains what the reset does before it runs', () => {
    const render = (confirming: boolean) =>
      renderToStaticMarkup(
        <FluentProvider theme={webLightTheme}>
          <StoreResetBar lang="zh" busy={false} onReset={() => undefined} confirming={confirming} />
        </FluentProvider>,
      );
    const offer = render(false);
    expect(offer).toContain('data-testid="store-reset-ask"');
    expect(offer).toContain('重置恢复信息');
    expect(offer).not.toContain('store-reset-confirm');
    const confirm = render(true);
    expect(confirm).toContain('data-testid="store-reset-confirm"');
    expect(confirm).toContain('data-testid="store-reset-cancel"');
    expect(confirm).toContain(`隐藏工作表“${STORE_SHEET}”的原内容原样复制到该表的 B 列`);
    expect(confirm).toContain('无法再用“清除标记”恢复');
  });
});

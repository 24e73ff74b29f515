// Audit 2 #5: a workbook opened from .xls / .et (compatibility mode), told by
// Office.context.document.url, is checked but never written (docs/decisions.md "Workbooks opened from .xls").
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { analyzeWorkbook } from '../../src/core';
import { runCommand } from '../../src/commands/commands';
import { runAnalysis, runRestore } from '../../src/office/adapter';
import { legacyFormatOf } from '../../src/office/format';
import { officeXlHost } from '../../src/office/office-host';
import { STORE_SHEET } from '../../src/office/store';
import { App } from '../../src/taskpane/App';
import type { OutcomeText } from '../../src/ui-strings';
import { fengtai, yuxiEducation } from '../fixtures/tables';
import type { FakeExcelHost } from '../support/fake-excel';
import { fakeOffice } from '../support/fake-excel/office';
import { diffSnapshots, hostFor, snapshot } from '../support/workbooks';
import { officePaneHost } from '../../src/office/pane-host';

const SPECS = [
  { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
  { name: '教育', placed: [{ table: yuxiEducation, at: 'B3' }] },
];
const WORKBOOK = { scope: 'workbook' as const };

/** Runs `fn` with the fake Office / Excel globals over `host` (what office-host.ts reads). */
async function inOffice<T>(host: FakeExcelHost, fn: () => Promise<T>): Promise<T> {
  const office = fakeOffice(host);
  const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
  g.Office = office.Office;
  g.Excel = office.Excel;
  try {
    return await fn();
  } finally {
    delete g.Office;
    delete g.Excel;
  }
}

describe('audit-2 #5 .xls / .et workbooks', () => {
  it('audit-2 #5 tells .xls / .et from Office.context.document.url, case-insensitive, with a query or fragment, and nothing else', () => {
    expect(legacyFormatOf('D:\\财政\\2023年绩效自评表.XLS')).toBe('xls');
    expect(legacyFormatOf('\\\\fs01\\共享\\自评.xls')).toBe('xls');
    expect(legacyFormatOf('https://contoso.sharepoint.cn/sites/czj/Shared%20Documents/%E8%87%AA%E8%AF%84.et?web=1')).toBe('et');
    expect(legacyFormatOf('C:/a/b.Et#x')).toBe('et');
    for (const url of ['D:\\a.xlsx', 'D:\\a.xls.xlsx', 'D:\\a.xlsm', 'D:\\a.xlsb', 'D:\\net', '', null, undefined])
      expect(legacyFormatOf(url)).toBeNull();
  });

  it.each(['recompute', 'validate'] as const)(
    'audit-2 #5 the ribbon’s %s on a workbook opened from .xls writes nothing and says why (zh and en)',
    async (kind) => {
      const host = await hostFor(SPECS, { excelApi: '1.18', documentUrl: 'D:\\财政\\2023年绩效自评表.XLS' });
      const before = snapshot(host.workbook);
      const told: OutcomeText[] = [];
      const out = await inOffice(host, () =>
        runCommand(kind, { host: officeXlHost(), analyze: analyzeWorkbook, lang: 'zh', notify: async (text) => void told.push(text) }),
      );
      expect(out!.status).toBe('ok');
      expect(out!.tables.length).toBeGreaterThan(0);
      expect(out!.counts.error + out!.counts.warning).toBeGreaterThan(0); // it was checked
      expect(out!.written).toMatchObject({ values: 0, fills: 0, notes: 0 });
      expect(diffSnapshots(before, snapshot(host.workbook))).toEqual([]);
      expect(host.workbook.getWorksheet(STORE_SHEET)).toBeUndefined();
      expect(host.stats.writes).toBe(0);
      expect(told).toHaveLength(1);
      expect(told[0].intent).not.toBe('success');
      expect(told[0].message).toContain('此工作簿为 .xls 格式');
      expect(told[0].message).toContain('另存为 .xlsx（文件 → 信息 → 转换）');
      expect(told[0].message).toContain('ziping fix');
      const en = await inOffice(host, () => runAnalysis(officeXlHost(), kind, { analyze: analyzeWorkbook, settings: { lang: 'en' } }));
      expect(en.notices).toEqual([{ kind: 'legacy-format', sheet: '', cell: '', format: 'xls' }]);
      expect(host.stats.writes).toBe(0);
    },
  );

  it('audit-2 #5 an .xlsx is written as before; 清除标记 still undoes marks made before the file became .xls', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18', documentUrl: 'D:\\财政\\自评.xlsx' });
    const original = snapshot(host.workbook);
    const rec = await runAnalysis(host, 'recompute', { analyze: analyzeWorkbook, settings: WORKBOOK });
    expect(rec.notices).toEqual([]);
    expect(rec.written.fills).toBeGreaterThan(0);
    host.fileUrl = 'D:\\财政\\自评.xls'; // 另存为 .xls in this session
    const back = await runRestore(host, { settings: WORKBOOK });
    expect(back.status).toBe('ok');
    expect(diffSnapshots(original, snapshot(host.workbook))).toEqual([]);
  });

  it('audit-2 #5 the task pane shows the .xls bar and disables 生成汇总表 there, and not for an .xlsx', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    const render = (url: string) =>
      renderToStaticMarkup(
        <App
          bridge={{
            host: officePaneHost({ kind: 'office', host, analyze: analyzeWorkbook, displayLanguage: 'zh-CN', documentUrl: () => url }),
            displayLanguage: 'zh-CN',
            app: 'excel',
          }}
        />,
      );
    const xls = render('D:\\财政\\自评.et');
    expect(xls).toContain('data-testid="legacy-format"');
    expect(xls).toContain('此工作簿为 .et 格式（兼容模式）');
    expect(xls).toMatch(/<button[^>]*disabled=""[^>]*data-testid="summary-build"|<button[^>]*data-testid="summary-build"[^>]*disabled=""/);
    const xlsx = render('D:\\财政\\自评.xlsx');
    expect(xlsx).not.toContain('legacy-format');
    expect(xlsx).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="summary-build"|<button[^>]*data-testid="summary-build"[^>]*disabled=""/);
  });
});

// Which optional APIs the add-in uses: the host's requirement sets AND the loaded office.js.
import { analyzeWorkbook } from '../../src/core';
import { detectCaps } from '../../src/office/caps';
import { runAnalysis } from '../../src/office/adapter';
import { officeXlHost } from '../../src/office/office-host';
import { fakeOffice, type FakeOffice } from '../support/fake-excel/office';
import { fengtai } from '../fixtures/tables';
import { hostFor, snapshot } from '../support/workbooks';

const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
function install(office: FakeOffice): void {
  g.Office = office.Office;
  g.Excel = office.Excel;
}
afterEach(() => {
  delete g.Office;
  delete g.Excel;
});

const SPECS = [{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }];

describe('caps', () => {
  it('follow the requirement sets on a host without office.js (fake host, preview)', () => {
    const at = (v: string) => ({ isSetSupported: (_n: string, w: string) => Number(w.split('.')[1]) <= Number(v.split('.')[1]) });
    expect(detectCaps(at('1.7'))).toEqual({ rangeAreas: false, merges: false, notes: false, comments: false });
    expect(detectCaps(at('1.12'))).toEqual({ rangeAreas: true, merges: false, notes: false, comments: true });
    expect(detectCaps(at('1.18'))).toEqual({ rangeAreas: true, merges: true, notes: true, comments: true });
  });

  it('audit-2 #7a: Microsoft 365 (ExcelApi 1.18) with the npm office.js (no NoteCollection) has no notes, and marking works without them', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    install(fakeOffice(host, { officeJs: 'npm-1.1.110' }));
    const xl = officeXlHost();
    expect(xl.officeJsHas?.('NoteCollection')).toBe(false);
    expect(detectCaps(xl)).toMatchObject({ notes: false, comments: true, merges: true });
    const out = await runAnalysis(xl, 'validate', { analyze: analyzeWorkbook, settings: {} });
    expect(out.status).not.toBe('error');
    const cells = Object.values(snapshot(host.workbook));
    expect(cells.some((c) => c.fill)).toBe(true); // the marks are there
    expect(cells.filter((c) => c.note)).toEqual([]); // without notes
  });

  it('audit-2 #7a: the CDN office.js on the same host keeps notes', async () => {
    const host = await hostFor(SPECS, { excelApi: '1.18' });
    install(fakeOffice(host, { officeJs: 'cdn' }));
    const xl = officeXlHost();
    expect(detectCaps(xl)).toMatchObject({ notes: true, comments: true });
    await runAnalysis(xl, 'validate', { analyze: analyzeWorkbook, settings: {} });
    expect(Object.values(snapshot(host.workbook)).some((c) => c.note)).toBe(true);
  });
});

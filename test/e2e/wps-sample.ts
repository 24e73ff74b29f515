// The workbook of the WPS smoke test (wps.test.ts): the browser preview's first two sheets, tables
// from published reports (test/fixtures/tables.ts gives each source page). Used in the page (the fake
// window.Application) and in Node (the expected cells).
import { FakeEtHost } from '../support/fake-et';
import { stack, toWorkbook } from '../fixtures/build';
import { fengtai, yuxiFestival, yuxiOffice } from '../fixtures/tables';

export function sampleHost(): FakeEtHost {
  const wb = toWorkbook([
    { name: '玉溪项目', placed: stack([yuxiOffice, yuxiFestival], 'B2', 2) },
    { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
  ]);
  return new FakeEtHost(wb);
}

// Opens .xls / .et bytes for the add-in tests the way Excel does (compatibility mode): the
// workbook as its reader sees it, held by the fake Excel host. The fake host itself is unchanged.
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { FakeExcelHost, type FakeHostOptions } from './fake-excel';

export async function hostFromLegacy(bytes: Buffer, name: string, options?: FakeHostOptions): Promise<FakeExcelHost> {
  const { workbook } = await readWorkbookBuffer(bytes, name, { forFix: true });
  return FakeExcelHost.fromBuffer((await workbook.xlsx.writeBuffer()) as ArrayBuffer, options);
}

/** The largest sheet an .xls holds (BIFF8): 65,536 rows × 256 columns (A1:IV65536). */
export const XLS_LIMITS = { rows: 65536, cols: 256 };

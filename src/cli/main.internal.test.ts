// An engine failure on one file is reported for that file; the other files are still checked.
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { workbookBuffer } from '../../test/fixtures/build';
import { yuxiEducation, yuxiOffice } from '../../test/fixtures/tables';
import { main } from './main';

jest.mock('../core', () => {
  const actual = jest.requireActual('../core');
  return {
    ...actual,
    analyzeWorkbook: (sheets: { name: string }[], opts: unknown) => {
      if (sheets.some((s) => s.name === 'boom')) throw new Error('unexpected layout\nat line 2');
      return actual.analyzeWorkbook(sheets, opts);
    },
  };
});

it('reports the failing file on one line, checks the others, exits 2', async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-int-'));
  try {
    const bad = path.join(dir, 'bad.xlsx');
    const good = path.join(dir, 'good.xlsx');
    await fsp.writeFile(bad, await workbookBuffer([{ name: 'boom', placed: [{ table: yuxiOffice, at: 'A1' }] }]));
    await fsp.writeFile(good, await workbookBuffer([{ name: 'ok', placed: [{ table: yuxiEducation, at: 'A1' }] }]));
    let out = '';
    let err = '';
    const code = await main(['check', bad, good, '--json'], { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stderrIsTTY: false });
    expect(code).toBe(2);
    expect(err).toBe(`处理 ${bad} 时出现内部错误：unexpected layout at line 2\n`);
    const doc = JSON.parse(out);
    expect(doc.files[0]).toEqual({ file: bad, error: `处理 ${bad} 时出现内部错误：unexpected layout at line 2`, tables: [] });
    expect(doc.files[1].tables[0].grade).toBe('优');
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
});

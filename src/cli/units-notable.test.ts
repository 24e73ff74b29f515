// Issue 18: check --json gives each table's amount unit and its amounts in 万元 (CLI.md), every finding its
// source; fix on a workbook with no recognised table says so and writes no copy.
import { promises as fsp, existsSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { workbookBuffer } from '../../test/fixtures/build';
import { meetingMinutes } from '../../test/fixtures/tables';
import { yunnanYongdeYingyang } from '../../test/fixtures/real/yunnan-yongde-yingyang';
import { yunnanLijiangWeipian } from '../../test/fixtures/real/yunnan-lijiang-weipian';
import { main, type CliIO } from './main';

let dir: string;
async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-i18-'));
  await fsp.writeFile(
    path.join(dir, 'two.xlsx'),
    await workbookBuffer([
      { name: '元', placed: [{ table: yunnanYongdeYingyang, at: 'A1' }] },
      { name: '万元', placed: [{ table: yunnanLijiangWeipian, at: 'A1' }] },
    ]),
  );
  await fsp.writeFile(path.join(dir, 'none.xlsx'), await workbookBuffer([{ name: '纪要', placed: [{ table: meetingMinutes, at: 'A1' }] }]));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

describe('check --json: amounts with their unit', () => {
  it('元 and 万元 tables: funds.unit, budgetWan / spentWan in 万元', async () => {
    const r = await run(['check', path.join(dir, 'two.xlsx'), '--json']);
    const tables = JSON.parse(r.stdout).files[0].tables;
    expect(tables.map((t: { amountUnit: string }) => t.amountUnit)).toEqual(['元', '万元']);
    // 387,664.62 元 = 38.766462 万元; 7.29 万元 stays 7.29
    expect(tables[0].funds).toMatchObject({ budget: 387664.62, unit: '元' });
    expect(tables[0].funds.budgetWan).toBeCloseTo(38.766462, 6);
    expect(tables[0].funds.spentWan).toBeCloseTo(38.766462, 6);
    expect(tables[1].funds).toMatchObject({ budget: 7.29, unit: '万元', budgetWan: 7.29, spentWan: 7.29 });
  });
  it('every finding names its source, in the chosen language', async () => {
    const zh = JSON.parse((await run(['check', path.join(dir, 'two.xlsx'), '--json'])).stdout).files[0].tables[1].findings;
    expect(zh.length).toBeGreaterThan(0);
    for (const f of zh) {
      expect(typeof f.source).toBe('string');
      expect(f.message).toContain(f.source);
    }
    const en = JSON.parse((await run(['check', path.join(dir, 'two.xlsx'), '--json', '--lang', 'en'])).stdout).files[0].tables[1].findings;
    for (const f of en) expect(f.message).toContain(f.source);
  });
});

describe('no recognised table', () => {
  it('check says 未识别到绩效自评表, exit 0; fix says so and writes no copy', async () => {
    const c = await run(['check', path.join(dir, 'none.xlsx')]);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('未识别到绩效自评表');
    const out = path.join(dir, 'none.fixed.xlsx');
    const f = await run(['fix', path.join(dir, 'none.xlsx'), '-o', out]);
    expect(f.code).toBe(0);
    expect(f.stdout).toContain('未识别到绩效自评表，未生成副本');
    expect(existsSync(out)).toBe(false);
  });
});

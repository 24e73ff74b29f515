// --profile by Chinese name, and the profile in force printed by check (text and --json) and fix.
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { workbookBuffer } from '../../test/fixtures/build';
import { edit } from '../../test/core/helpers';
import { yuxiEducation } from '../../test/fixtures/tables';
import { main, type CliIO } from './main';

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-profiles-'));
  file = path.join(dir, 'jx.xlsx');
  // 执行率 85 %: national 8.50, Jiangxi steps 7
  await fsp.writeFile(file, await workbookBuffer([{ name: '教育', placed: [{ table: edit(yuxiEducation, { F6: 8.5 }), at: 'A1' }] }]));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('--profile <province>', () => {
  it('江西 and jiangxi are the same profile; --json names it', async () => {
    const zh = JSON.parse((await run(['check', file, '--profile', '江西', '--json'])).stdout);
    const id = JSON.parse((await run(['check', file, '--profile', 'jiangxi', '--json'])).stdout);
    expect(zh.profile).toBe('jiangxi');
    expect(zh.files).toEqual(id.files);
    expect(zh.files[0].tables[0].funds.score).toBe(7);
    const nat = JSON.parse((await run(['check', file, '--json'])).stdout);
    expect([nat.profile, nat.files[0].tables[0].funds.score]).toEqual(['national', 8.5]);
  });
  it('the text output prints the profile in force before the summary', async () => {
    const r = await run(['check', file, '--profile', '河北']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[lines.length - 2]).toBe('评分口径：河北（预算管理一体化系统） (hebei)');
    const en = await run(['check', file, '--lang', 'en']);
    expect(en.stdout).toContain('Profile: National (Caiyu [2020] No. 10) (national)\n');
  });
  it('an unknown name lists the shipped ones with their Chinese names', async () => {
    const r = await run(['check', file, '--profile', '火星']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('hebei（河北）');
  });
  it('fix prints it too, text and --json', async () => {
    const out = path.join(dir, 'out.xlsx');
    const t = await run(['fix', file, '-o', out, '--profile', '广西']);
    expect(t.stdout).toContain('评分口径：广西（预算管理一体化系统） (guangxi)');
    const j = JSON.parse((await run(['fix', file, '-o', out, '--profile', '广西', '--json'])).stdout);
    expect(j.profile).toBe('guangxi');
  });
});

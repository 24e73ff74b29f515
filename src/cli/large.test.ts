// A 100,000-row sheet through the command line: read, recognised, scored, reported.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main } from './main';
import { syntheticProjectTable } from '../bench/synthetic';

const ROWS = 100_000;

async function writeLarge(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('大表');
  const t = syntheticProjectTable(ROWS, 7, '十万行项目');
  for (const m of t.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  t.values.forEach((row) => ws.addRow(row.map((v) => (v === null ? undefined : v))).commit());
  await ws.commit();
  await wb.commit();
}

describe('a 100,000-row sheet', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-large-'));
  const file = path.join(dir, 'large.xlsx');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is checked in one pass (jest timeout: 60 s)', async () => {
    await writeLarge(file);
    const out: string[] = [];
    const err: string[] = [];
    const t0 = Date.now();
    const code = await main(['check', file, '--json'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), stderrIsTTY: false });
    const seconds = (Date.now() - t0) / 1000;
    // eslint-disable-next-line no-console -- the measured time, for the record
    console.log(`ziping check on ${ROWS} indicator rows: ${seconds.toFixed(1)} s`);
    expect(err.join('')).toBe('');
    const doc = JSON.parse(out.join(''));
    const t = doc.files[0].tables[0];
    expect(t.projectName).toBe('十万行项目');
    expect(t.indicators).toHaveLength(ROWS);
    expect(t.weightsTotal).toBe(100);
    expect(t.total).not.toBeNull();
    expect([0, 1]).toContain(code);
  }, 60_000);
});

import { createHash } from 'crypto';
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { PlannedMark, PlannedWrite } from '../core';
import { stack, toWorkbook, type SheetSpec } from '../../test/fixtures/build';
import { cloneFixture, setCell } from '../../test/fixtures/define';
import {
  budgetList,
  fengtai,
  jiangxiRubric,
  receptionMessyHeaders,
  yuxiDepartment,
  yuxiEducation,
  yuxiFestival,
  yuxiOffice,
} from '../../test/fixtures/tables';
import { applyPlan, FixError, fixFile } from './write';
import { WorkbookReadError } from './read';

let dir: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-write-'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

// ---------------------------------------------------------------------------
// A snapshot of everything a user could see in a workbook.
// ---------------------------------------------------------------------------

interface CellSnap {
  type: number;
  value: unknown;
  formula: string | null;
  numFmt: unknown;
  font: unknown;
  border: unknown;
  alignment: unknown;
  fill: unknown;
  protection: unknown;
  note: unknown;
}

interface SheetSnap {
  merges: string[];
  widths: (number | undefined)[];
  heights: Record<number, number | undefined>;
  protection: unknown;
  cells: Map<string, CellSnap>;
}

const plain = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

function snapCell(c: ExcelJS.Cell): CellSnap {
  const formula = c.type === ExcelJS.ValueType.Formula ? c.formula : null;
  return {
    type: c.type,
    // A merged non-top-left cell reports its master's value; it has none of its own.
    value:
      c.type === ExcelJS.ValueType.Merge
        ? `merged into ${c.master.address}`
        : c.type === ExcelJS.ValueType.Formula
          ? plain(c.result)
          : plain(c.value),
    formula,
    numFmt: plain(c.numFmt),
    font: plain(c.font),
    border: plain(c.border),
    alignment: plain(c.alignment),
    fill: plain(c.fill),
    protection: plain(c.protection),
    note: plain(c.note),
  };
}

function snapshot(wb: ExcelJS.Workbook): Map<string, SheetSnap> {
  const out = new Map<string, SheetSnap>();
  wb.eachSheet((ws) => {
    const cells = new Map<string, CellSnap>();
    const heights: Record<number, number | undefined> = {};
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      heights[n] = row.height;
      row.eachCell({ includeEmpty: true }, (c) => cells.set(c.address, snapCell(c)));
    });
    const widths: (number | undefined)[] = [];
    for (let i = 1; i <= ws.columnCount; i++) widths.push(ws.getColumn(i).width);
    out.set(ws.name, {
      merges: [...ws.model.merges].sort(),
      widths,
      heights,
      protection: plain((ws as unknown as { sheetProtection?: unknown }).sheetProtection),
      cells,
    });
  });
  return out;
}

const EMPTY: CellSnap = {
  type: ExcelJS.ValueType.Null,
  value: null,
  formula: null,
  numFmt: null,
  font: null,
  border: null,
  alignment: null,
  fill: null,
  protection: null,
  note: null,
};

/** Every difference between two workbooks, as "sheet!A1 field: before → after". */
function diff(a: Map<string, SheetSnap>, b: Map<string, SheetSnap>): string[] {
  const out: string[] = [];
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [name, sa] of a) {
    const sb = b.get(name)!;
    for (const k of ['merges', 'widths', 'protection'] as const) {
      if (JSON.stringify(sa[k]) !== JSON.stringify(sb[k])) out.push(`${name} ${k}`);
    }
    for (const [r, h] of Object.entries(sa.heights)) if (sb.heights[+r] !== h && h !== undefined) out.push(`${name} row ${r} height`);
    const addrs = new Set([...sa.cells.keys(), ...sb.cells.keys()]);
    for (const addr of addrs) {
      const ca = sa.cells.get(addr) ?? EMPTY;
      const cb = sb.cells.get(addr) ?? EMPTY;
      for (const f of Object.keys(ca) as (keyof CellSnap)[]) {
        if (JSON.stringify(ca[f]) !== JSON.stringify(cb[f])) out.push(`${name}!${addr} ${f}`);
      }
    }
  }
  return out.sort();
}

// ---------------------------------------------------------------------------

/** yuxiOffice whose fund 得分 holds a formula with the published (wrong) cached value. */
const officeFormula = (() => {
  const t = cloneFixture(yuxiOffice, 'officeFormula');
  t.formulas = { H6: 'F6*1' };
  return t;
})();

/** yuxiFestival with a deliberately wrong total so the engine plans a write on it. */
const festivalWrongTotal = (() => {
  const t = cloneFixture(yuxiFestival, 'festivalWrongTotal');
  setCell(t, 'I21', 95, '0.00');
  return t;
})();

const SPECS: SheetSpec[] = [
  { name: '玉溪项目', placed: stack([yuxiOffice, festivalWrongTotal, yuxiEducation], 'B2', 2) },
  { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
  { name: '部门', placed: [{ table: yuxiDepartment, at: 'C3' }] },
  { name: '评分', placed: [{ table: jiangxiRubric, at: 'A1' }] },
  { name: '公式', placed: [{ table: officeFormula, at: 'A1' }] },
  { name: '受保护', placed: [{ table: yuxiOffice, at: 'A1' }], protect: true },
  { name: '格式', placed: [{ table: receptionMessyHeaders, at: 'A1' }] },
  { name: '预算', placed: [{ table: budgetList, at: 'A1' }] },
];

/** Extra content a real workbook has: notes, custom fonts and fills, rich text, links, dates, errors. */
function decorate(wb: ExcelJS.Workbook): void {
  const ws = wb.getWorksheet('玉溪项目')!;
  // Fund score of yuxiOffice (table at B2 → H6 is I7): an existing plain note, a bold red font.
  ws.getCell('I7').note = '原表批注：待财务科核实';
  ws.getCell('I7').style = { ...ws.getCell('I7').style, font: { name: '仿宋', size: 11, bold: true, color: { argb: 'FFFF0000' } } };
  // Festival's 受益对象人数 actual (G14 at B2 + yuxiOffice 22 rows + 2 gap → row 39, col H): a rich note.
  ws.getCell('H39').note = {
    texts: [{ font: { bold: true, size: 9, name: '宋体' }, text: '张三：' }, { text: '实际受益人数以学院名册为准' }],
  } as ExcelJS.Comment;
  // Styles on a cell the engine never touches.
  ws.getCell('C5').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' } };
  ws.getRow(3).height = 30;
  const x = wb.addWorksheet('杂项');
  x.getCell('A1').value = { richText: [{ text: '加粗', font: { bold: true } }, { text: '普通' }] };
  x.getCell('A2').value = { text: '财政部网站', hyperlink: 'https://www.mof.gov.cn/' };
  x.getCell('A3').value = new Date(Date.UTC(2023, 2, 20));
  x.getCell('A3').numFmt = 'yyyy-mm-dd';
  x.getCell('A4').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  x.getCell('A5').value = true;
  x.getCell('B1').value = { formula: 'SUM(C1:C3)', result: 6 } as ExcelJS.CellFormulaValue;
  x.getCell('C1').value = 1;
  x.getCell('C2').value = 2;
  x.getCell('C3').value = 3;
  x.fillFormula('D1:D3', 'C1*2', [2, 4, 6]);
  x.getColumn(1).width = 40;
}

describe('fixFile round trip', () => {
  let input: string;
  let output: string;
  let before: Buffer;
  let result: Awaited<ReturnType<typeof fixFile>>;

  beforeAll(async () => {
    input = path.join(dir, 'in.xlsx');
    output = path.join(dir, 'out.xlsx');
    const wb = toWorkbook(SPECS);
    decorate(wb);
    await wb.xlsx.writeFile(input);
    before = await fsp.readFile(input);
    result = await fixFile(input, output);
  });

  it('never modifies the input file', async () => {
    expect(sha(await fsp.readFile(input))).toBe(sha(before));
  });

  it('changes exactly the planned values/formats and the marked fills/notes', async () => {
    const a = snapshot(await load(input));
    const b = snapshot(await load(output));
    const skipped = new Set(result.applied.skipped.map((s) => `${s.sheet}!${s.address} ${s.kind}`));
    const expected: string[] = [];
    const cellOf = (s: string, addr: string) => a.get(s)!.cells.get(addr) ?? EMPTY;
    for (const w of result.analysis.writes) {
      if (skipped.has(`${w.sheet}!${w.address} write`)) continue;
      const before = cellOf(w.sheet, w.address);
      if (JSON.stringify(before.value) !== JSON.stringify(w.value)) expected.push(`${w.sheet}!${w.address} value`);
      if (before.type !== (typeof w.value === 'number' ? ExcelJS.ValueType.Number : ExcelJS.ValueType.String)) {
        expected.push(`${w.sheet}!${w.address} type`);
      }
      if (w.numFmt !== undefined && before.numFmt !== w.numFmt) expected.push(`${w.sheet}!${w.address} numFmt`);
    }
    for (const m of result.analysis.marks) {
      if (skipped.has(`${m.sheet}!${m.address} mark`)) continue;
      expected.push(`${m.sheet}!${m.address} fill`, `${m.sheet}!${m.address} note`);
    }
    expect(diff(a, b)).toEqual([...new Set(expected)].sort());
    // The plan was not empty: the test compares something.
    expect(result.applied.written).toBeGreaterThan(0);
    expect(result.applied.marked).toBeGreaterThan(0);
  });

  it('writes the planned values and formats', async () => {
    const wb = await load(output);
    const done = result.analysis.writes.filter(
      (w) => !result.applied.skipped.some((s) => s.kind === 'write' && s.sheet === w.sheet && s.address === w.address),
    );
    expect(done.length).toBe(result.applied.written);
    for (const w of done) {
      const c = wb.getWorksheet(w.sheet)!.getCell(w.address);
      expect(c.value).toEqual(w.value);
      if (w.numFmt) expect(c.numFmt).toBe(w.numFmt);
    }
    // yuxiOffice at B2: 执行率 G6 → H7 gets 0 as a percentage, 得分 H6 → I7 gets 0.
    const ws = wb.getWorksheet('玉溪项目')!;
    expect(ws.getCell('H7').value).toBe(0);
    expect(String(ws.getCell('H7').numFmt)).toContain('%');
    expect(ws.getCell('I7').value).toBe(0);
  });

  it('keeps fonts and borders of written and marked cells; fills only the marked ones', async () => {
    const wb = await load(output);
    const ws = wb.getWorksheet('玉溪项目')!;
    const i7 = ws.getCell('I7');
    expect(i7.font).toMatchObject({ name: '仿宋', bold: true, color: { argb: 'FFFF0000' } });
    expect(i7.border?.top?.style).toBe('thin');
    expect(i7.fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    // A neighbour sharing the same original style is not painted.
    expect(ws.getCell('F7').fill).not.toMatchObject({ pattern: 'solid' });
    expect(ws.getCell('C5').fill).toMatchObject({ fgColor: { argb: 'FF00B050' } });
  });

  it('appends to existing notes after a blank line and keeps their formatting', async () => {
    const wb = await load(output);
    const ws = wb.getWorksheet('玉溪项目')!;
    const n1 = ws.getCell('I7').note as string;
    expect(typeof n1).toBe('string');
    expect(n1.startsWith('原表批注：待财务科核实\n\nziping')).toBe(true);
    expect(n1).toContain('score-mismatch');
    const n2 = ws.getCell('H39').note as ExcelJS.Comment;
    expect(n2.texts?.[0]).toMatchObject({ text: '张三：', font: { bold: true } });
    expect(n2.texts?.[1]?.text).toBe('实际受益人数以学院名册为准');
    expect(n2.texts?.[2]?.text).toMatch(/^\n\nziping/);
    expect(n2.texts?.map((t) => t.text).join('')).toContain('target-too-low');
  });

  it('leaves formula cells and protected sheets alone', async () => {
    const wb = await load(output);
    const f = wb.getWorksheet('公式')!.getCell('H6');
    expect(f.formula).toBe('F6*1');
    expect(f.result).toBe(10);
    expect(result.analysis.writes.some((w) => w.sheet === '公式' && w.address === 'H6')).toBe(false);
    expect(result.analysis.tables.some((t) => t.sheet === '公式' && t.findings.some((x) => x.rule === 'formula-kept'))).toBe(true);
    const locked = result.analysis.writes.filter((w) => w.sheet === '受保护');
    expect(locked.length).toBeGreaterThan(0);
    expect(result.applied.skipped.filter((s) => s.sheet === '受保护' && s.reason === 'protected').length).toBe(
      locked.length + result.analysis.marks.filter((m) => m.sheet === '受保护').length,
    );
    expect(wb.getWorksheet('受保护')!.getCell('H6').value).toBe(10);
  });

  it('keeps carriage returns, rich text, links, dates, errors and shared formulas', async () => {
    const wb = await load(output);
    expect(wb.getWorksheet('格式')!.getCell('J12').value).toBe('偏差原因分析\r\n及改进措施');
    const x = wb.getWorksheet('杂项')!;
    expect(x.getCell('A1').value).toEqual({ richText: [{ text: '加粗', font: { bold: true } }, { text: '普通' }] });
    expect(x.getCell('A2').value).toEqual({ text: '财政部网站', hyperlink: 'https://www.mof.gov.cn/' });
    expect(x.getCell('A3').value).toEqual(new Date(Date.UTC(2023, 2, 20)));
    expect(x.getCell('A4').value).toEqual({ error: '#DIV/0!' });
    expect(x.getCell('D3').formula).toBe('C3*2');
  });

  it('a second run on the copy does not duplicate notes', async () => {
    const again = path.join(dir, 'out2.xlsx');
    await fixFile(output, again);
    const n = (await load(again)).getWorksheet('玉溪项目')!.getCell('I7').note as string;
    expect(n.split('ziping').length - 1).toBe(
      ((await load(output)).getWorksheet('玉溪项目')!.getCell('I7').note as string).split('ziping').length - 1,
    );
  });
});

describe('fixFile refusals and errors', () => {
  it('refuses output === input, also written differently', async () => {
    const file = path.join(dir, 'same.xlsx');
    await toWorkbook([{ name: 's', placed: [{ table: yuxiOffice, at: 'A1' }] }]).xlsx.writeFile(file);
    const bytes = await fsp.readFile(file);
    await expect(fixFile(file, file)).rejects.toThrow(FixError);
    const rel = path.relative(process.cwd(), file);
    await expect(fixFile(rel, path.join(dir, '.', 'same.xlsx'))).rejects.toThrow(/不能与输入文件相同/);
    await expect(fixFile(file, file, { lang: 'en' })).rejects.toThrow(/must differ from the input/);
    expect(sha(await fsp.readFile(file))).toBe(sha(bytes));
  });

  it('refuses a hard link to the input', async () => {
    const file = path.join(dir, 'linked.xlsx');
    await toWorkbook([{ name: 's', placed: [{ table: yuxiOffice, at: 'A1' }] }]).xlsx.writeFile(file);
    const link = path.join(dir, 'link.xlsx');
    await fsp.link(file, link);
    await expect(fixFile(file, link)).rejects.toThrow(FixError);
  });

  it('passes read errors through and writes nothing', async () => {
    const out = path.join(dir, 'never.xlsx');
    await expect(fixFile(path.join(dir, 'missing.xlsx'), out)).rejects.toThrow(WorkbookReadError);
    await expect(fsp.stat(out)).rejects.toThrow();
  });

  it('reports an unwritable output as FixError', async () => {
    const file = path.join(dir, 'ok.xlsx');
    await toWorkbook([{ name: 's', placed: [{ table: yuxiOffice, at: 'A1' }] }]).xlsx.writeFile(file);
    await expect(fixFile(file, path.join(dir, 'no-such-dir', 'out.xlsx'))).rejects.toThrow(/无法写入/);
  });
});

describe('applyPlan', () => {
  const w = (over: Partial<PlannedWrite>): PlannedWrite => ({
    sheet: 's',
    row: 0,
    col: 0,
    address: 'A1',
    kind: 'score',
    value: 1,
    ...over,
  });
  const m = (over: Partial<PlannedMark>): PlannedMark => ({
    sheet: 's',
    row: 0,
    col: 0,
    address: 'A1',
    severity: 'error',
    fill: 'FFFFC7CE',
    note: 'ziping:\nx',
    rules: ['score-mismatch'],
    ...over,
  });

  it('does not leak a fill or format through a style object shared by several cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    for (const a of ['A1', 'B1', 'C1']) {
      ws.getCell(a).value = 5;
      ws.getCell(a).style = { font: { bold: true }, border: { top: { style: 'thin' } } };
    }
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const s = back.getWorksheet('s')!;
    expect(s.getCell('A1').style).toBe(s.getCell('B1').style); // shared after reading
    const r = applyPlan(back, {
      writes: [w({ value: 0.5, numFmt: '0.00%' })],
      marks: [m({ row: 0, col: 1, address: 'B1' })],
    });
    expect(r).toEqual({ written: 1, marked: 1, skipped: [] });
    expect(s.getCell('A1').numFmt).toBe('0.00%');
    expect(s.getCell('B1').numFmt).toBeUndefined();
    expect(s.getCell('C1').numFmt).toBeUndefined();
    expect(s.getCell('C1').fill).not.toMatchObject({ pattern: 'solid' });
    expect(s.getCell('A1').fill).not.toMatchObject({ pattern: 'solid' });
    expect(s.getCell('B1').fill).toMatchObject({ pattern: 'solid' });
    expect(s.getCell('B1').font).toEqual({ bold: true });
  });

  it('skips formulas, protected and missing sheets, and writes merged cells at their top-left', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').value = { formula: 'B1*2', result: 4 } as ExcelJS.CellFormulaValue;
    ws.mergeCells('C1:D2');
    const p = wb.addWorksheet('p');
    (p as unknown as { sheetProtection: unknown }).sheetProtection = { sheet: true };
    const r = applyPlan(wb, {
      writes: [w({}), w({ sheet: 'p' }), w({ sheet: 'gone' }), w({ row: 1, col: 3, address: 'D2', value: '优', kind: 'grade' })],
      marks: [m({ sheet: 'p' }), m({ row: 1, col: 2, address: 'C2' })],
    });
    expect(r.written).toBe(1);
    expect(r.marked).toBe(1);
    expect(r.skipped.map((s) => `${s.sheet}!${s.address} ${s.kind} ${s.reason}`)).toEqual([
      's!A1 write formula',
      'p!A1 write protected',
      'gone!A1 write missing-sheet',
      'p!A1 mark protected',
    ]);
    expect(ws.getCell('A1').formula).toBe('B1*2');
    expect(ws.getCell('C1').value).toBe('优');
    expect(ws.getCell('C1').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getCell('C1').note).toBe('ziping:\nx');
  });

  it('leaves numFmt alone when the write has none', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').numFmt = '0.000';
    applyPlan(wb, { writes: [w({ value: 3 })], marks: [] });
    expect(ws.getCell('A1').value).toBe(3);
    expect(ws.getCell('A1').numFmt).toBe('0.000');
  });
});

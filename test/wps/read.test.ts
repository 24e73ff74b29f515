// src/wps/read.ts: the block reads (formats and merges split where the values change shape) give
// exactly what reading every cell one by one gives, on the fixtures and on scattered formats/merges.
import ExcelJS from 'exceljs';
import { rng } from '../../src/bench/synthetic';
import type { CellRange } from '../../src/core/types';
import { sheetItem, type EtWorksheet } from '../../src/wps/et-api';
import { readSheet, rectAddress, splitRow, usedBlock } from '../../src/wps/read';
import { single, toWorkbook } from '../fixtures/build';
import { ALL_FIXTURES } from '../fixtures/tables';
import { FakeEtHost } from '../support/fake-et';

/** Formats and merges of the used range, one call per cell (the slow truth). */
function cellByCell(ws: EtWorksheet): { formats: string[][]; merges: string[] } {
  const { top, left, rows, cols } = usedBlock(ws);
  const formats: string[][] = [];
  const merges = new Set<string>();
  for (let r = 0; r < rows; r++) {
    const line: string[] = [];
    for (let c = 0; c < cols; c++) {
      const cell = ws.Range(rectAddress(top + r, left + c, 1, 1));
      const f = cell.NumberFormat;
      line.push(typeof f === 'string' && f !== '' ? f : 'General');
      if (cell.MergeCells) merges.add(cell.MergeArea.Address(false, false));
    }
    formats.push(line);
  }
  return { formats, merges: [...merges].sort() };
}

function a1Of(m: CellRange): string {
  return rectAddress(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1);
}

function expectSameAsCellByCell(h: FakeEtHost, name: string): number {
  const ws = sheetItem(h.Application.ActiveWorkbook!.Worksheets, name);
  const before = h.totalCalls;
  const grid = readSheet(ws, name, false);
  const calls = h.totalCalls - before;
  const truth = cellByCell(ws);
  expect(grid.formats).toEqual(truth.formats);
  expect(grid.merges.map(a1Of).sort()).toEqual(truth.merges);
  return calls;
}

describe('WPS sheet read', () => {
  it('every fixture: the same formats and merges as a cell-by-cell read', async () => {
    const specs = Object.values(ALL_FIXTURES).map((t) => single(t, 'B3', t.id.slice(0, 31)));
    const h = new FakeEtHost(toWorkbook(specs));
    for (const s of specs) expectSameAsCellByCell(h, s.name);
  });

  it.each([1, 2, 3, 4, 5])('scattered formats, values and merges (seed %i): the same as a cell-by-cell read', (seed) => {
    const rand = rng(seed);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('散');
    const fmts = ['0.00', '@', '0%', 'yyyy-mm-dd'];
    for (let r = 1; r <= 120; r++) {
      for (let c = 1; c <= 8; c++) {
        const cell = ws.getCell(r, c);
        const x = rand();
        if (x < 0.3) cell.value = Math.round(rand() * 1000);
        else if (x < 0.5) cell.value = `文${r}`;
        // formats that follow no value: runs, single cells, on empty cells too
        if (rand() < (r % 17 < 5 ? 0.6 : 0.05)) cell.numFmt = fmts[Math.floor(rand() * fmts.length)];
      }
    }
    // merges at random places, not overlapping
    const taken = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const top = 1 + Math.floor(rand() * 110);
      const left = 1 + Math.floor(rand() * 6);
      const bottom = top + Math.floor(rand() * 4);
      const right = left + Math.floor(rand() * 2);
      const cells: string[] = [];
      for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) cells.push(`${r},${c}`);
      if (cells.length < 2 || cells.some((k) => taken.has(k))) continue;
      cells.forEach((k) => taken.add(k));
      ws.mergeCellsWithoutStyle(top, left, bottom, right);
    }
    expectSameAsCellByCell(new FakeEtHost(wb), '散');
  });

  it('splitRow: the shape change nearest the middle, else the middle; always strictly inside', () => {
    expect(splitRow([], 0, 10)).toBe(5);
    expect(splitRow([3, 9], 0, 10)).toBe(3);
    expect(splitRow([2, 7], 0, 10)).toBe(7);
    expect(splitRow([0, 10, 12], 0, 10)).toBe(5); // bounds on the edges do not split
    expect(splitRow([5], 4, 6)).toBe(5);
    for (let lo = 0; lo < 6; lo++) {
      for (let hi = lo + 2; hi < 12; hi++) {
        const at = splitRow([1, 2, 8, 11], lo, hi);
        expect(at).toBeGreaterThan(lo);
        expect(at).toBeLessThan(hi);
      }
    }
  });
});

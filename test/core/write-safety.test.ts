// RULES.md §6, proved over every real table and over mutated tables: no planned write lands on a cell
// holding text other than a number, a percent or a grade word, and none on a narrative row (偏差原因,
// 原因分析, 改进措施, 结果应用, 说明, 年度总体目标, 完成情况). The predicates below are the test's own,
// written from §6, not the engine's.
import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { analyzeWorkbook } from '../../src/core';
import type { CellValue, SheetGrid } from '../../src/core';
import { placeTables } from '../fixtures/build';
import type { TableFixture } from '../fixtures/define';
import { REAL_TABLES, VARIANTS } from '../fixtures/tables';

function realFixtures(): TableFixture[] {
  const dir = path.join(__dirname, '../fixtures/real');
  const out: TableFixture[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith('.ts'))
    .sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- every fixture module of the folder
    const mod = require(path.join(dir, f)) as Record<string, unknown>;
    for (const v of Object.values(mod)) if (v && typeof v === 'object' && 'rows' in v && 'merges' in v) out.push(v as TableFixture);
  }
  return out;
}

const ALL: TableFixture[] = [...realFixtures(), ...Object.values(REAL_TABLES), ...Object.values(VARIANTS)];

const norm = (v: CellValue): string => (typeof v === 'string' ? v.normalize('NFKC').replace(/\s+/g, '') : '');
const GRADES = new Set(['优', '良', '中', '差', '优秀', '良好', '合格', '不合格']);

/** §6: blank, a number, a percent or a grade word. */
function writable(v: CellValue): boolean {
  if (v === null || v === undefined || typeof v === 'number') return true;
  if (typeof v === 'object' && !(v instanceof Date)) return true; // an error value
  const t = norm(v);
  return t === '' || GRADES.has(t) || /^[-+]?\d[\d,]*(\.\d+)?(%|分)?$/.test(t);
}

const NARRATIVE = /偏差.*原因|原因分析|未完成原因|改进措施|结果应用|^说明$|其他需要说明|^年度总体目标$|^总体目标|完成情况$/;

function cellValue(g: SheetGrid, row: number, col: number): CellValue {
  for (const m of g.merges)
    if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) {
      row = m.top;
      col = m.left;
      break;
    }
  return g.values[row - g.top]?.[col - g.left] ?? null;
}

function narrativeRow(g: SheetGrid, row: number, col: number): boolean {
  for (let c = g.left; c < col; c++) {
    const t = norm(cellValue(g, row, c));
    if (t && t.length <= 30 && NARRATIVE.test(t)) return true;
  }
  return false;
}

/** Every write that breaks §6, as "address: why". */
function violations(g: SheetGrid): string[] {
  const r = analyzeWorkbook([g], { marks: false });
  const out: string[] = [];
  for (const w of r.writes) {
    const v = cellValue(g, w.row, w.col);
    if (!writable(v)) out.push(`${w.address}: over "${String(v)}"`);
    if (narrativeRow(g, w.row, w.col)) out.push(`${w.address}: on a narrative row`);
  }
  return out;
}

const place = (fx: TableFixture): SheetGrid => placeTables('Sheet1', [{ table: fx, at: 'A1' }]);

/** Inserts a row of cells before 0-based sheet row `at`, shifting merges. */
function insertRow(g: SheetGrid, at: number, cells: CellValue[]): SheetGrid {
  const i = Math.max(0, Math.min(at - g.top, g.values.length));
  const width = Math.max(g.values[0]?.length ?? 0, cells.length);
  const row: CellValue[] = Array.from({ length: width }, (_, k) => cells[k] ?? null);
  const values = g.values.map((r) => [...r]);
  values.splice(i, 0, row);
  const pad = <T>(rows: T[][] | undefined): T[][] | undefined => {
    if (!rows) return rows;
    const c = rows.map((r) => [...r]);
    c.splice(i, 0, new Array<T>(width).fill(null as T));
    return c;
  };
  const abs = g.top + i;
  const merges = g.merges.map((m) =>
    m.top >= abs ? { ...m, top: m.top + 1, bottom: m.bottom + 1 } : m.bottom >= abs ? { ...m, bottom: m.bottom + 1 } : { ...m },
  );
  return { ...g, values, merges, formats: pad(g.formats ?? undefined), formulas: pad(g.formulas ?? undefined) };
}

/** Sets one cell (no merge change). */
function setAt(g: SheetGrid, row: number, col: number, v: CellValue): SheetGrid {
  const values = g.values.map((r) => [...r]);
  if (values[row - g.top] && col - g.left < values[row - g.top].length) values[row - g.top][col - g.left] = v;
  return { ...g, values };
}

describe('§6 write safety over the real corpus', () => {
  it('the corpus is all there', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(30);
  });
  it.each(ALL.map((fx) => [fx.id, fx] as const))('%s: no write over text, none on a narrative row', (_id, fx) => {
    expect(violations(place(fx))).toEqual([]);
  });
});

const NARRATIVE_LABELS = [
  '偏差大或目标未完成原因分析',
  '改进措施及结果应用方案',
  '其他需要说明的事项',
  '说明',
  '原因分析',
  '年度总体目标',
  '实际完成情况',
];
const PROSE = ['无', '已完成', '资金已按时拨付', '良好', '优', '/', '详见报告', '100'];
const LABELS = ['自评等级', '总分', '总得分', '评价等级', '得分合计', '合计', '等级'];

describe('§6 write safety over mutated tables (fast-check)', () => {
  const arbFx = fc.constantFrom(...ALL);
  it('narrative rows inserted anywhere (under the total too), labels moved, prose dropped into cells', () => {
    fc.assert(
      fc.property(
        arbFx,
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant('narrative' as const),
              at: fc.nat(60),
              label: fc.constantFrom(...NARRATIVE_LABELS),
              text: fc.constantFrom(...PROSE),
              gap: fc.nat(6),
            }),
            fc.record({ op: fc.constant('label' as const), row: fc.nat(60), col: fc.nat(12), label: fc.constantFrom(...LABELS) }),
            fc.record({ op: fc.constant('prose' as const), row: fc.nat(60), col: fc.nat(12), text: fc.constantFrom(...PROSE) }),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (fx, ops) => {
          let g = place(fx);
          for (const o of ops) {
            if (o.op === 'narrative') {
              const cells: CellValue[] = [o.label, ...new Array<CellValue>(o.gap).fill(null), o.text];
              g = insertRow(g, o.at % (g.values.length + 1), cells);
            } else if (o.op === 'label') g = setAt(g, o.row % g.values.length, o.col, o.label);
            else g = setAt(g, o.row % g.values.length, o.col, o.text);
          }
          expect(violations(g)).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 1818 },
    );
  });
  it('a narrative row right under each table’s total row', () => {
    for (const fx of ALL) {
      const g0 = place(fx);
      const r = analyzeWorkbook([g0], { marks: false });
      for (const t of r.tables) {
        const cell = t.totalCell ?? t.gradeCell;
        if (!cell) continue;
        const row = Number(/\d+/.exec(cell)![0]); // 1-based row of the total → insert below it
        const g = insertRow(g0, row, ['偏差大或目标未完成原因分析', null, null, null, '无', null, null, null, '无', '无']);
        expect([fx.id, violations(g)]).toEqual([fx.id, []]);
      }
    }
  });
});

// Synthetic project tables (Yuxi layout) for benchmarks and size tests. Deterministic per seed.
import type { CellRange, CellValue, SheetGrid } from '../core/types';

export interface SyntheticTable {
  values: CellValue[][];
  formats: (string | null)[][];
  merges: CellRange[];
}

const L1 = [
  ['产出指标', ['数量指标', '质量指标', '时效指标', '成本指标']],
  ['效益指标', ['社会效益指标', '可持续影响指标']],
  ['满意度指标', ['服务对象满意度指标']],
] as const;

/** xorshift32: the same numbers for the same seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  /**
   * Every indicator row meets its target (actual = target, '>='): the rows differ only in their
   * numbers, so added rows bring no new marks (the shape for call-count budgets).
   */
  uniform?: boolean;
}

/** A 10-column project table with `rows` indicator rows; weights total 100. */
export function syntheticProjectTable(rows: number, seed = 1, name = `项目${seed}`, opts: SyntheticOptions = {}): SyntheticTable {
  const rand = rng(seed);
  const W = 10;
  const v: CellValue[][] = [];
  const f: (string | null)[][] = [];
  const merges: CellRange[] = [];
  const push = (cells: CellValue[], fmts: (string | null)[] = []) => {
    v.push(cells);
    f.push(fmts);
  };
  push(['项目支出绩效自评表']);
  push(['项目名称', null, name]);
  push(['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
  const budget = Math.round(rand() * 1000 * 100) / 100 + 1;
  const spent = Math.round(budget * (0.6 + rand() * 0.4) * 100) / 100;
  push([null, '年度资金总额', budget, budget, spent, W, null, W], [null, null, '0.00', '0.00', '0.00']);
  push([null, '其中：当年财政拨款', budget, budget, spent, '—', null, '—']);
  push([null, '上年结转资金', null, null, null, '—', null, '—']);
  push([null, '其他资金', null, null, null, '—', null, '—']);
  push(['绩效指标', null, null, '年度指标值', null, null, '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
  push(['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位']);
  merges.push({ top: 7, left: 0, bottom: 7, right: 2 }, { top: 7, left: 3, bottom: 7, right: 5 });
  const n = Math.max(rows, 3);
  // weights: 90 points spread over n rows in cents
  const weights: number[] = [];
  let left = 9000;
  for (let i = 0; i < n; i++) {
    const w = i === n - 1 ? left : Math.floor(9000 / n);
    weights.push(w / 100);
    left -= w;
  }
  for (let i = 0; i < n; i++) {
    const group = i < n * 0.5 ? 0 : i < n * 0.85 ? 1 : 2;
    const [l1, l2s] = L1[group];
    const l2 = l2s[i % l2s.length];
    const op = l2 === '成本指标' && !opts.uniform ? '<=' : '>=';
    const target = Math.round(rand() * 100) + 1;
    const drawn = op === '>=' ? Math.round(target * (0.7 + rand() * 0.5)) : Math.round(target * (0.8 + rand() * 0.4));
    const actual = opts.uniform ? target : drawn;
    push([l1, l2, `指标${i + 1}号`, op, target, '个', actual, weights[i], null, null], [null, null, null, null, null, null, null, '0.00', '0.00']);
  }
  push(['其他需要说明的事项']);
  push(['总分', null, null, null, null, null, null, '总分值', '总得分', '自评等级']);
  push([null, null, null, null, null, null, null, 100, null, null]);
  return { values: v, formats: f, merges };
}

/** Stacks `tables` synthetic tables of `rows` indicator rows on one sheet, two blank rows apart. */
export function syntheticSheet(name: string, tables: number, rows: number, seed = 1, opts: SyntheticOptions = {}): SheetGrid {
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const merges: CellRange[] = [];
  for (let t = 0; t < tables; t++) {
    const top = values.length;
    const s = syntheticProjectTable(rows, seed * 1000 + t, undefined, opts);
    values.push(...s.values);
    formats.push(...s.formats);
    for (const m of s.merges) merges.push({ top: m.top + top, left: m.left, bottom: m.bottom + top, right: m.right });
    values.push([], []);
    formats.push([], []);
  }
  return { name, top: 0, left: 0, values, formats, merges };
}

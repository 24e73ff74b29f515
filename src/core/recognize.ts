// Finds the tables on a sheet (RULES.md §2) and reads their cells into a Table model.
import type { Table, Indicator, FundBlock, FundRow, NumCell, Pos, TotalBlock, Task, RubricItem, Level2Group, Level1Group } from './model';
import { Sheet } from './sheet';
import {
  headerRole,
  Role,
  isPlaceholderName,
  isTotalLabel,
  isOtherNotesLabel,
  isProjectNameLabel,
  fundRowKind,
  level1Kind,
} from './vocab';
import { cellText, isBlank, isCellError, normalizeText, parseNumber } from './values';
import type { CellValue } from './types';

type RoleCols = Map<Role, number[]>;
type BlockKind = 'fund' | 'indicators' | 'tasks' | 'rubric' | 'exec';

interface Block {
  kind: BlockKind;
  headerTop: number;
  headerBottom: number;
  cols: RoleCols;
  left: number;
  right: number;
}

const MAX_BLANK_RUN = 4;

function rowRoles(sheet: Sheet, r: number): RoleCols {
  const out: RoleCols = new Map();
  const row = sheet.grid.values[r - sheet.top];
  for (let c = sheet.left; c <= sheet.rowEnd(r); c++) {
    const v = sheet.value(r, c);
    if (typeof v !== 'string' || v.length > 40) continue;
    const role = headerRole(sheet.norm(r, c));
    if (!role) continue;
    // a merged header counts once, at each column it covers
    const list = out.get(role);
    if (list) {
      if (list[list.length - 1] !== c) list.push(c); // c only grows
    } else out.set(role, [c]);
  }
  void row;
  return out;
}

function hasNumber(sheet: Sheet, r: number): boolean {
  for (let c = sheet.left; c <= sheet.rowEnd(r); c++) {
    const v = sheet.own(r, c);
    if (typeof v === 'number') return true;
  }
  return false;
}

function classify(roles: RoleCols): BlockKind | null {
  const has = (r: Role) => roles.has(r);
  const weights = roles.get('weight')?.length ?? 0;
  if (has('taskName') || (has('approved') && has('taskSpent'))) return 'tasks';
  if (has('level1') && weights >= 2 && !has('actual')) return 'rubric';
  if (has('level1') && has('spent') && (has('budget') || has('initialBudget')) && !has('level3')) return 'exec';
  if (has('level3') && (has('actual') || has('target'))) return 'indicators';
  if (has('level1') && has('level2') && has('actual') && has('target')) return 'indicators';
  if (has('spent') && (has('budget') || has('initialBudget')) && !has('level1')) return 'fund';
  return null;
}

/** Merges header rows: the lowest header row wins per column. */
function mergeRoles(rows: RoleCols[]): RoleCols {
  const byCol = new Map<number, Role>();
  for (const roles of rows) for (const [role, cols] of roles) for (const c of cols) byCol.set(c, role);
  const out: RoleCols = new Map();
  for (const [c, role] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
    const l = out.get(role);
    if (l) l.push(c);
    else out.set(role, [c]);
  }
  return out;
}

const UPPER_ROLES: Role[] = ['target', 'actual', 'weight', 'score', 'reason', 'approved', 'taskSpent', 'rate'];
const LOWER_ROLES: Role[] = ['nature', 'target', 'unit', 'approvedTotal', 'approvedFiscal', 'approvedOther', 'level1', 'level2', 'level3'];

function findBlocks(sheet: Sheet): Block[] {
  const blocks: Block[] = [];
  const roleRows = new Map<number, RoleCols>();
  const rolesAt = (r: number): RoleCols => {
    let x = roleRows.get(r);
    if (!x) {
      x = r < sheet.top || r > sheet.bottom ? new Map() : rowRoles(sheet, r);
      roleRows.set(r, x);
    }
    return x;
  };
  let skipUntil = -1;
  for (let r = sheet.top; r <= sheet.bottom; r++) {
    if (r <= skipUntil) continue;
    const roles = rolesAt(r);
    if (roles.size < 2) continue;
    const kind = classify(roles);
    if (!kind) continue;
    let top = r;
    let bottom = r;
    const rows: RoleCols[] = [roles];
    const above = rolesAt(r - 1);
    if (
      kind !== 'fund' &&
      r - 1 >= sheet.top &&
      !hasNumber(sheet, r - 1) &&
      [...above.keys()].some((k) => UPPER_ROLES.includes(k)) &&
      !classify(above) &&
      !blocks.some((b) => b.headerBottom >= r - 1)
    ) {
      rows.unshift(above);
      top = r - 1;
    }
    const below = rolesAt(r + 1);
    if (
      r + 1 <= sheet.bottom &&
      !hasNumber(sheet, r + 1) &&
      [...below.keys()].some((k) => LOWER_ROLES.includes(k)) &&
      (kind === 'tasks' || !below.has('level3') || !roles.has('level3'))
    ) {
      rows.push(below);
      bottom = r + 1;
    }
    const cols = mergeRoles(rows);
    // the combined header may reveal a richer kind (e.g. level3 on the lower row)
    const k2 = classify(cols) ?? kind;
    let left = Infinity;
    let right = -Infinity;
    for (const cs of cols.values()) for (const c of cs) {
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
    blocks.push({ kind: k2, headerTop: top, headerBottom: bottom, cols, left, right });
    skipUntil = bottom;
  }
  return blocks;
}

/** Drops layout whitespace (line breaks inside CJK labels), keeps single spaces between Latin words. */
export function cleanLabel(s: string): string {
  return s
    .trim()
    .replace(/\s+/g, ' ')
    // no lookbehind: Trident and EdgeHTML (Office 2019) cannot parse it
    .replace(/([^\x00-\x7f]) /g, '$1')
    .replace(/ (?=[^\x00-\x7f])/g, '');
}

function col(b: Block, role: Role, i = 0): number | null {
  const l = b.cols.get(role);
  return l && l.length > i ? l[i] : null;
}

export function readNum(sheet: Sheet, row: number, c: number | null): NumCell {
  if (c === null) return { pos: null, value: null, blank: true, unparsable: false, formula: false };
  const a = sheet.anchor(row, c);
  const v = sheet.value(row, c);
  const formula = sheet.formula(a.row, a.col) !== null;
  if (isBlank(v)) return { pos: a, value: null, blank: true, unparsable: false, formula };
  const p = parseNumber(v, sheet.format(row, c));
  if (!p) return { pos: a, value: null, blank: false, unparsable: true, formula };
  const value = p.unit === '%' && typeof v === 'number' ? p.value / 100 : p.unit === '%' ? p.value / 100 : p.value;
  return { pos: a, value, blank: false, unparsable: false, formula };
}

/** Like readNum but keeps percentages as written (95 for 95 %). */
function readPlain(sheet: Sheet, row: number, c: number | null): NumCell {
  const n = readNum(sheet, row, c);
  if (n.value === null || c === null) return n;
  const p = parseNumber(sheet.value(row, c), sheet.format(row, c));
  return { ...n, value: p ? p.value : n.value };
}

function rowHasText(sheet: Sheet, r: number, test: (norm: string) => boolean, left = sheet.left, right = sheet.right): Pos | null {
  const end = Math.min(right, sheet.rowEnd(r));
  for (let c = left; c <= end; c++) {
    const t = sheet.norm(r, c);
    if (t !== '' && !sheet.isMergedFollower(r, c) && test(t)) return { row: r, col: c };
  }
  return null;
}

/** One pass over a row for the labels that end or shape an indicator block. */
function rowLabels(sheet: Sheet, r: number, right: number): { projectName: boolean; total: Pos | null; notes: Pos | null } {
  let projectName = false;
  let total: Pos | null = null;
  let notes: Pos | null = null;
  for (let c = sheet.left; c <= sheet.rowEnd(r); c++) {
    const t = sheet.norm(r, c);
    if (t === '' || sheet.isMergedFollower(r, c)) continue;
    if (isProjectNameLabel(t)) projectName = true;
    else if (c <= right && !total && isTotalLabel(t)) total = { row: r, col: c };
    else if (c <= right && !notes && isOtherNotesLabel(t)) notes = { row: r, col: c };
  }
  return { projectName, total, notes };
}

function nextValueRight(sheet: Sheet, r: number, c: number, limit = 12): Pos | null {
  const self = sheet.anchor(r, c);
  for (let x = c + 1; x <= Math.min(sheet.right, c + limit); x++) {
    const a = sheet.anchor(r, x);
    if (a.row === self.row && a.col === self.col) continue;
    if (sheet.norm(r, x) !== '') return a;
  }
  return null;
}

// ---------------- fund block ----------------

function readFundBlock(sheet: Sheet, b: Block, stopRow: number): FundBlock {
  // no amount column (the row below renamed them): scan at most to the row's end
  const firstData = Math.min(sheet.right + 1, ...[col(b, 'initialBudget'), col(b, 'budget'), col(b, 'spent')].filter((x): x is number => x !== null));
  const rows: FundRow[] = [];
  let lastRow = b.headerBottom;
  let misses = 0;
  for (let r = b.headerBottom + 1; r <= Math.min(stopRow, b.headerBottom + 8); r++) {
    let kind: FundRow['kind'] | null = null;
    const end = Math.min(firstData - 1, sheet.rowEnd(r));
    for (let c = sheet.left; c <= end; c++) {
      const k = fundRowKind(sheet.norm(r, c));
      if (k) {
        kind = k;
        break;
      }
    }
    if (!kind) {
      if (++misses > 1 || rows.length > 0) break;
      continue;
    }
    rows.push({
      kind,
      row: r,
      initialBudget: readNum(sheet, r, col(b, 'initialBudget')),
      budget: readNum(sheet, r, col(b, 'budget')),
      allocated: readNum(sheet, r, col(b, 'allocated')),
      spent: readNum(sheet, r, col(b, 'spent')),
    });
    lastRow = r;
  }
  const total = rows.find((x) => x.kind === 'total') ?? null;
  const tr = total ? total.row : b.headerBottom + 1;
  const rateCol = col(b, 'rate');
  const rateCell = rateCol !== null && total ? sheet.anchor(tr, rateCol) : null;
  void lastRow;
  return {
    headerRow: b.headerTop,
    rows,
    total,
    weight: total ? readNum(sheet, tr, col(b, 'weight')) : readNum(sheet, tr, null),
    rateCell,
    rateFormula: rateCell ? sheet.formula(rateCell.row, rateCell.col) !== null : false,
    score: total ? readNum(sheet, tr, col(b, 'score')) : readNum(sheet, tr, null),
    budgetUsed: null,
    budgetFallback: false,
    zeroBudget: false,
    rate: null,
    computedScore: null,
  };
}

function fundBlockEnd(f: FundBlock): number {
  return f.rows.length ? f.rows[f.rows.length - 1].row : f.headerRow;
}

// ---------------- indicator block ----------------

interface IndicatorRead {
  indicators: Indicator[];
  level1Groups: Level1Group[];
  level2Groups: Level2Group[];
  total: TotalBlock | null;
  notesCell: Pos | null;
  notesBlank: boolean;
  lastRow: number;
  partial?: boolean;
}

function newIndicator(row: number, level1: string, level1Kind: Indicator['level1Kind'], level1Pos: Pos | null, level2: string, level2Pos: Pos | null, name: string, namePos: Pos): Indicator {
  // one literal with every field: object spread here dominated the profile
  return {
    row,
    level1,
    level1Kind,
    level1Pos,
    level2,
    level2Pos,
    name,
    namePos,
    naturePos: null,
    unitPos: null,
    targetPos: null,
    actualPos: null,
    weightPos: null,
    scorePos: null,
    reasonPos: null,
    reasonBlank: true,
    operator: null,
    operatorAssumed: false,
    targetBlank: true,
    actualBlank: true,
    targetNum: null,
    actualNum: null,
    targetText: '',
    actualText: '',
    unit: null,
    unitMismatch: false,
    unparsable: [],
    weight: null,
    weightBlank: true,
    entered: null,
    scoreFormula: false,
    qual: null,
    over: null,
    deduction: 0,
    computed: null,
    counted: null,
    write: null,
    bandViolation: null,
  };
}

function readIndicatorBlock(sheet: Sheet, b: Block, stopRow: number, headerRows: Set<number>): IndicatorRead {
  const c1 = col(b, 'level1');
  const c2 = col(b, 'level2');
  const c3 = col(b, 'level3') ?? c2;
  let cT = col(b, 'target');
  let cA = col(b, 'actual');
  const cW = col(b, 'weight');
  const cS = col(b, 'score');
  const cR = col(b, 'reason');
  let cN = col(b, 'nature');
  let cU = col(b, 'unit');
  let dataCols = [cT, cA, cW, cS].filter((x): x is number => x !== null);
  const out: IndicatorRead = { indicators: [], level1Groups: [], level2Groups: [], total: null, notesCell: null, notesBlank: true, lastRow: b.headerBottom };
  let l1 = '';
  let l1Pos: Pos | null = null;
  let l2 = '';
  let l2Pos: Pos | null = null;
  let l1Norm = '';
  let l2Norm = '';
  let g1: Level1Group | null = null;
  let g2: Level2Group | null = null;
  let blankRun = 0;
  const isBlankAt = (r: number, c: number | null) => c === null || isBlank(sheet.value(r, c));

  for (let r = b.headerBottom + 1; r <= stopRow; r++) {
    if (headerRows.has(r)) break;
    if (sheet.rowIsEmpty(r, sheet.left, sheet.right)) {
      if (out.notesCell && ++blankRun >= 2) break;
      if (!out.notesCell && ++blankRun >= MAX_BLANK_RUN) break;
      continue;
    }
    const labels = rowLabels(sheet, r, b.right);
    if (labels.projectName) break;
    const totalPos = labels.total;
    if (totalPos) {
      out.total = readTotal(sheet, r, totalPos, cW, cS, b.right);
      out.lastRow = Math.max(r, out.total.totalCell?.row ?? r, out.total.gradeCell?.row ?? r);
      break;
    }
    const notesPos = labels.notes;
    if (notesPos) {
      const v = nextValueRight(sheet, r, notesPos.col, 20);
      const labelEnd = sheet.mergeAt(r, notesPos.col)?.right ?? notesPos.col;
      out.notesCell = v ?? sheet.anchor(r, Math.min(labelEnd + 1, sheet.right));
      out.notesBlank = v === null;
      out.lastRow = r;
      continue;
    }
    // only the total row may follow the notes row
    if (out.notesCell) break;
    if (sheet.rowIsEmpty(r, Math.min(b.left, sheet.left), b.right)) {
      if (++blankRun >= MAX_BLANK_RUN) break;
      continue;
    }
    blankRun = 0;
    // level labels: merged, repeated or written once per group read the same
    if (c1 !== null) {
      const tn = sheet.norm(r, c1);
      if (tn !== '') {
        const a = sheet.anchor(r, c1);
        if (tn !== l1Norm) {
          const t = sheet.text(r, c1);
          l1Norm = tn;
          l1 = cleanLabel(t);
          l1Pos = a;
          l2 = '';
          l2Norm = '';
          l2Pos = null;
          g1 = { label: l1, kind: level1Kind(normalizeText(t)), pos: a, realRows: 0 };
          out.level1Groups.push(g1);
          g2 = null;
        }
      }
    }
    if (c2 !== null && c2 !== c3) {
      const tn = sheet.norm(r, c2);
      if (tn !== '' && tn !== l2Norm) {
        const t = sheet.text(r, c2);
        l2Norm = tn;
        l2 = cleanLabel(t);
        l2Pos = sheet.anchor(r, c2);
        g2 = { level1: l1, level1Kind: level1Kind(normalizeText(l1)), level2: l2, pos: l2Pos, realRows: 0 };
        out.level2Groups.push(g2);
      }
    }
    // a sub-header row ("指标 2022年 2023年 分值 得分") ends the block
    if (dataCols.filter((c) => headerRole(sheet.norm(r, c)) !== null).length >= 2) {
      // a sub-header ("指标 2022年 2023年 分值 得分"): if 分值/得分 stay in place, the rows below
      // still carry weights and entered scores; their other columns mean something else
      if (cW !== null && cS !== null && headerRole(sheet.norm(r, cW)) === 'weight' && headerRole(sheet.norm(r, cS)) === 'score') {
        cT = cA = cN = cU = null;
        dataCols = [cW, cS];
        out.lastRow = r;
        continue;
      }
      out.partial = true; // rows of another layout follow: totals cannot be trusted
      break;
    }
    // a section title merged across the row is not an indicator
    const titleMerge = c3 !== null ? sheet.mergeAt(r, c3) : null;
    if (titleMerge && dataCols.some((c) => c >= titleMerge.left && c <= titleMerge.right)) continue;
    const nameNorm = c3 !== null ? sheet.norm(r, c3) : '';
    const valuesBlank = dataCols.every((c) => isBlankAt(r, c));
    // a name merged down over several rows: the rows below its first are not new indicators
    const nameMerge = c3 !== null ? sheet.mergeAt(r, c3) : null;
    if (nameMerge && nameMerge.top < r && valuesBlank) continue;
    if (isPlaceholderName(nameNorm) && valuesBlank) {
      out.lastRow = r;
      continue; // template placeholder row
    }
    const targetActualBlank = isBlankAt(r, cT) && isBlankAt(r, cA);
    const labelsBlank = (c1 === null || sheet.norm(r, c1) === '') && (c2 === null || sheet.norm(r, c2) === '');
    if (nameNorm === '' && targetActualBlank && labelsBlank) {
      out.lastRow = r;
      continue; // subtotal row such as "90.00 90.00"
    }
    let name = c3 !== null ? sheet.text(r, c3) : '';
    let namePos: Pos = c3 !== null ? sheet.anchor(r, c3) : { row: r, col: b.left };
    if (name === '') {
      name = l2 || l1;
      namePos = l2Pos ?? l1Pos ?? namePos;
    }
    const ind = newIndicator(r, l1, g1 ? g1.kind : 'other', l1Pos, l2, l2Pos, cleanLabel(name), namePos);
    fillIndicatorValues(sheet, ind, r, { cN, cT, cU, cA, cW, cS, cR });
    out.indicators.push(ind);
    if (g1) g1.realRows++;
    if (g2) g2.realRows++;
    out.lastRow = r;
  }
  return out;
}


interface Cols {
  cN: number | null;
  cT: number | null;
  cU: number | null;
  cA: number | null;
  cW: number | null;
  cS: number | null;
  cR: number | null;
}

function fillIndicatorValues(sheet: Sheet, ind: Indicator, r: number, c: Cols): void {
  const pos = (x: number | null) => (x === null ? null : sheet.anchor(r, x));
  ind.naturePos = pos(c.cN);
  ind.unitPos = pos(c.cU);
  ind.targetPos = pos(c.cT);
  ind.actualPos = pos(c.cA);
  ind.weightPos = pos(c.cW);
  ind.scorePos = pos(c.cS);
  ind.reasonPos = pos(c.cR);
  ind.reasonBlank = c.cR === null || isBlank(sheet.value(r, c.cR));
  if (c.cW !== null) {
    const w = readWeight(sheet, r, c.cW);
    ind.weight = w.value;
    ind.weightBlank = w.blank;
    if (w.unparsable && w.pos) ind.unparsable.push(w.pos);
  }
  if (c.cS !== null) {
    const s = readNum(sheet, r, c.cS);
    ind.entered = s.value;
    ind.scoreFormula = s.formula;
    if (s.unparsable && s.pos) ind.unparsable.push(s.pos);
  }
}

/** A weight merged over k indicator rows is a group weight shared equally. */
function readWeight(sheet: Sheet, r: number, c: number): NumCell {
  const n = readNum(sheet, r, c);
  const m = sheet.mergeAt(r, c);
  if (m && m.bottom > m.top && n.value !== null) return { ...n, value: n.value / (m.bottom - m.top + 1) };
  return n;
}

function readTotal(sheet: Sheet, r: number, labelPos: Pos, cW: number | null, cS: number | null, right: number): TotalBlock {
  let weightsCell: Pos | null = null;
  let totalCell: Pos | null = null;
  let gradeCell: Pos | null = null;
  // labelled layout: 总分值 / 总得分 / 自评等级 with values below (or to the right)
  for (let c = labelPos.col + 1; c <= Math.max(right, labelPos.col + 12) && c <= sheet.right; c++) {
    if (sheet.isMergedFollower(r, c)) continue;
    const t = sheet.norm(r, c);
    if (t === '') continue;
    const below = r + 1 <= sheet.bottom ? sheet.anchor(r + 1, c) : null;
    const target = below && below.row === r + 1 ? below : nextValueRight(sheet, r, c, 1) ?? below;
    if (/^总分值$|^分值合计$|^满分$/.test(t)) weightsCell = target;
    else if (/^总得分$|^得分合计$|^自评得分$|^综合得分$|^总分$/.test(t)) totalCell = target;
    else if (/等级|等次/.test(t)) gradeCell = target;
  }
  if (!weightsCell && !totalCell && !gradeCell) {
    // the 分值/得分 cells of the 总分 row, unless they hold a label
    const numberOrBlank = (p: Pos) => {
      const t = sheet.norm(p.row, p.col);
      return !(headerRole(t) !== null || isTotalLabel(t) || /总分|得分|分值|等级|等次/.test(t));
    };
    if (cW !== null && numberOrBlank(sheet.anchor(r, cW))) weightsCell = sheet.anchor(r, cW);
    if (cS !== null && numberOrBlank(sheet.anchor(r, cS))) totalCell = sheet.anchor(r, cS);
    const gl = rowHasText(sheet, r, (t) => /等级|等次/.test(t), labelPos.col + 1, sheet.right);
    if (gl) gradeCell = nextValueRight(sheet, r, gl.col, 2) ?? { row: r, col: gl.col + 1 };
  }
  if (weightsCell && totalCell && weightsCell.row === totalCell.row && weightsCell.col === totalCell.col) weightsCell = null;
  const num = (p: Pos | null) => (p ? readNum(sheet, p.row, p.col).value : null);
  const gradeText = gradeCell ? normalizeText(cellText(sheet.value(gradeCell.row, gradeCell.col))) : '';
  return {
    labelPos,
    weightsCell,
    totalCell,
    gradeCell,
    enteredWeights: num(weightsCell),
    enteredTotal: num(totalCell),
    enteredGrade: gradeText === '' ? null : gradeText,
    totalFormula: !!totalCell && sheet.formula(totalCell.row, totalCell.col) !== null,
    gradeFormula: !!gradeCell && sheet.formula(gradeCell.row, gradeCell.col) !== null,
  };
}

// ---------------- department tasks ----------------

function readTasks(sheet: Sheet, b: Block, stopRow: number, headerRows: Set<number>): { tasks: Task[]; lastRow: number } {
  const cName = col(b, 'taskName');
  const cTot = col(b, 'approvedTotal') ?? col(b, 'approved');
  const cFis = col(b, 'approvedFiscal');
  const cOth = col(b, 'approvedOther');
  const cSp = col(b, 'taskSpent');
  const cRate = col(b, 'rate');
  const cR = col(b, 'reason');
  const tasks: Task[] = [];
  let lastRow = b.headerBottom;
  let blankRun = 0;
  for (let r = b.headerBottom + 1; r <= stopRow; r++) {
    if (headerRows.has(r)) break;
    if (sheet.rowIsEmpty(r, b.left, b.right)) {
      if (++blankRun >= 2 && tasks.length) break;
      if (blankRun >= MAX_BLANK_RUN) break;
      continue;
    }
    blankRun = 0;
    // a section title merged across the block ends the task rows
    const titleMerge = cTot !== null ? sheet.mergeAt(r, cTot) : null;
    if (titleMerge && titleMerge.left < cTot! && (cName === null || titleMerge.left <= cName)) break;
    const approved = readNum(sheet, r, cTot);
    const spent = readNum(sheet, r, cSp);
    const name = cName !== null ? cleanLabel(sheet.text(r, cName)) : '';
    const noNumbers = approved.value === null && spent.value === null && !approved.unparsable && !spent.unparsable;
    if (noNumbers && !tasks.length) continue;
    if (noNumbers) break; // past the task rows
    const ratePos = cRate !== null ? sheet.anchor(r, cRate) : null;
    tasks.push({
      row: r,
      name,
      isTotal: tasks.length === 0 && (name === '' || /^(合计|总计|总额|部门整体)/.test(normalizeText(name))),
      approved,
      fiscal: readNum(sheet, r, cFis),
      other: readNum(sheet, r, cOth),
      spent,
      ratePos,
      rateFormula: ratePos ? sheet.formula(ratePos.row, ratePos.col) !== null : false,
      reasonPos: cR !== null ? sheet.anchor(r, cR) : null,
      reasonBlank: cR === null || isBlank(sheet.value(r, cR)),
      rate: null,
    });
    lastRow = r;
  }
  return { tasks, lastRow };
}

// ---------------- rubric ----------------

function readRubric(sheet: Sheet, b: Block, stopRow: number, headerRows: Set<number>): { items: RubricItem[]; total: TotalBlock | null; lastRow: number; gradeRow: number | null } {
  const labelCols = [col(b, 'level1'), col(b, 'level2'), col(b, 'level3')];
  const weightCols = b.cols.get('weight') ?? [];
  const scoreCol = col(b, 'score');
  // the weight column of a level is the first weight column right of its label
  const wOf = labelCols.map((lc, i) => {
    if (lc === null) return null;
    const next = labelCols.slice(i + 1).find((x) => x !== null) ?? Infinity;
    return weightCols.find((w) => w > lc && w < (next as number)) ?? (i === labelCols.length - 1 || labelCols.slice(i + 1).every((x) => x === null) ? weightCols.find((w) => w > lc) ?? null : null);
  });
  const items: RubricItem[] = [];
  const current: (RubricItem | null)[] = [null, null, null];
  let total: TotalBlock | null = null;
  let lastRow = b.headerBottom;
  let blankRun = 0;
  for (let r = b.headerBottom + 1; r <= stopRow; r++) {
    if (headerRows.has(r)) break;
    const tp = rowHasText(sheet, r, isTotalLabel, sheet.left, b.right);
    if (tp) {
      total = readRubricTotal(sheet, r, tp, weightCols, scoreCol);
      lastRow = r;
      break;
    }
    if (rowHasText(sheet, r, (t) => /^评价(等次|等级)|^自评等级/.test(t))) break;
    if (sheet.rowIsEmpty(r, b.left, b.right)) {
      if (++blankRun >= MAX_BLANK_RUN) break;
      continue;
    }
    blankRun = 0;
    for (let lv = 0; lv < 3; lv++) {
      const lc = labelCols[lv];
      if (lc === null) continue;
      const a = sheet.anchor(r, lc);
      const text = sheet.text(r, lc);
      if (text === '' || a.row !== r) continue;
      const parent = lv === 0 ? null : current.slice(0, lv).reverse().find((x) => x !== null) ?? null;
      const wc = wOf[lv];
      const isLeaf = labelCols.slice(lv + 1).every((x) => x === null) || labelCols.slice(lv + 1).every((x) => x === null || sheet.text(r, x) === '');
      const item: RubricItem = {
        row: r,
        level: (lv + 1) as 1 | 2 | 3,
        name: cleanLabel(text),
        namePos: a,
        weight: readNum(sheet, r, wc ?? null),
        score: isLeaf && lv === labelCols.filter((x) => x !== null).length - 1 ? readNum(sheet, r, scoreCol) : readNum(sheet, r, null),
        parent,
        children: [],
      };
      // a leaf score sits on the deepest level's row
      if (lv === 2 || (lv === 1 && labelCols[2] === null)) item.score = readNum(sheet, r, scoreCol);
      if (parent) parent.children.push(item);
      items.push(item);
      current[lv] = item;
      for (let k = lv + 1; k < 3; k++) current[k] = null;
    }
    lastRow = r;
  }
  return { items, total, lastRow, gradeRow: null };
}

function readRubricTotal(sheet: Sheet, r: number, labelPos: Pos, weightCols: number[], scoreCol: number | null): TotalBlock {
  const wc = weightCols.length ? weightCols[0] : null;
  const totalCell = scoreCol !== null ? sheet.anchor(r, scoreCol) : null;
  const weightsCell = wc !== null ? sheet.anchor(r, wc) : null;
  let gradeCell: Pos | null = null;
  let enteredGrade: string | null = null;
  for (let rr = r + 1; rr <= Math.min(sheet.bottom, r + 2); rr++) {
    const gl = rowHasText(sheet, rr, (t) => /^评价(等次|等级)|^自评等级|^等级$/.test(t));
    if (gl) {
      gradeCell = nextValueRight(sheet, rr, gl.col, 10);
      if (gradeCell) enteredGrade = checkedGrade(cellText(sheet.value(gradeCell.row, gradeCell.col)));
      break;
    }
  }
  return {
    labelPos,
    weightsCell,
    totalCell,
    gradeCell,
    enteredWeights: weightsCell ? readNum(sheet, weightsCell.row, weightsCell.col).value : null,
    enteredTotal: totalCell ? readNum(sheet, totalCell.row, totalCell.col).value : null,
    enteredGrade,
    totalFormula: !!totalCell && sheet.formula(totalCell.row, totalCell.col) !== null,
    gradeFormula: !!gradeCell && sheet.formula(gradeCell.row, gradeCell.col) !== null,
  };
}

/** "优 ☑ 良 □ 中 □ 差 □" → 优; a plain grade → itself. */
export function checkedGrade(s: string): string | null {
  const t = normalizeText(s);
  if (/^[优良中差]$/.test(t)) return t;
  const m = /([优良中差])[(（]?[☑√✓✔■☒][)）]?/.exec(t) ?? /[☑√✓✔■☒]([优良中差])/.exec(t);
  return m ? m[1] : t === '' ? null : t;
}

/** True when the grade cell holds a checkbox line rather than a plain grade. */
export function isCheckboxGrade(s: string): boolean {
  return /[☑☐□√✓✔■☒]/.test(s);
}

/** The amount right of a label; a label next to it (the amount left blank) is no amount. */
function amountRightOf(sheet: Sheet, r: number, c: number): NumCell | null {
  // the first filled cell right of the label; another label there means the amount is blank
  const p = nextValueRight(sheet, r, c, 3);
  if (!p) return null;
  const n = readNum(sheet, p.row, p.col);
  if (n.unparsable && /资金|投资|使用情况|到位|万元|财政|预算|执行/.test(sheet.norm(p.row, p.col))) return null;
  return n;
}

/** A fund block of one line (rubric header, department 总额 row, execution line). */
function oneLineFunds(
  sheet: Sheet,
  headerRow: number,
  row: number,
  budget: NumCell,
  spent: NumCell,
  extra: { weight?: NumCell; score?: NumCell; rateCell?: Pos | null; rateFormula?: boolean } = {},
): FundBlock {
  const none = readNum(sheet, row, null);
  return {
    headerRow,
    rows: [{ kind: 'total', row, initialBudget: none, budget, allocated: none, spent }],
    total: null,
    weight: extra.weight ?? none,
    rateCell: extra.rateCell ?? null,
    rateFormula: extra.rateFormula ?? false,
    score: extra.score ?? none,
    budgetUsed: null,
    budgetFallback: false,
    zeroBudget: false,
    rate: null,
    computedScore: null,
  };
}

function rubricFunds(sheet: Sheet, top: number, bottom: number): FundBlock | null {
  let planned: NumCell | null = null;
  let used: NumCell | null = null;
  for (let r = top; r <= bottom; r++) {
    for (let c = sheet.left; c <= sheet.rowEnd(r); c++) {
      if (sheet.isMergedFollower(r, c)) continue;
      const t = sheet.norm(r, c).replace(/[(（][^)）]*[)）]/g, '');
      if (!planned && /^计划投资额$|^预算数$|^项目预算$/.test(t)) {
        planned = amountRightOf(sheet, r, c);
      } else if (!used && /^实际使用情况$|^实际支出$|^执行数$/.test(t)) {
        used = amountRightOf(sheet, r, c);
      }
    }
  }
  if (!planned || !used) return null;
  const row = planned.pos ? planned.pos.row : top;
  return oneLineFunds(sheet, row, row, planned, used);
}

// ---------------- assembling tables ----------------

function emptyTable(kind: Table['kind'], sheet: Sheet, top: number): Table {
  return {
    kind,
    sheet,
    top,
    left: sheet.right,
    bottom: top,
    right: sheet.left,
    projectName: null,
    headerRow: top,
    headerCol: {},
    headerCell: {},
    funds: null,
    indicators: [],
    level1Groups: [],
    level2Groups: [],
    hasWeights: false,
    total: null,
    notesCell: null,
    notesBlank: true,
    tasks: [],
    rubric: [],
    weightsTotal: null,
    computedTotal: null,
    grade: null,
    partial: false,
  };
}

function findProjectName(sheet: Sheet, from: number, to: number, label: (t: string) => boolean = isProjectNameLabel): { name: string; row: number } | null {
  for (let r = to; r >= from; r--) {
    const p = rowHasText(sheet, r, label);
    if (p) {
      const v = nextValueRight(sheet, r, p.col, 6);
      return { name: v ? cleanLabel(sheet.text(v.row, v.col)) : '', row: r };
    }
    const inline = rowHasText(sheet, r, (t) => /^项目名称[:：].+/.test(t));
    if (inline) return { name: sheet.text(inline.row, inline.col).replace(/^项目名称\s*[:：]\s*/, ''), row: r };
  }
  return null;
}

function extend(t: Table, top: number, bottom: number, left: number, right: number): void {
  t.top = Math.min(t.top, top);
  t.bottom = Math.max(t.bottom, bottom);
  t.left = Math.min(t.left, left);
  t.right = Math.max(t.right, right);
}

function attachIndicators(t: Table, sheet: Sheet, b: Block, stopRow: number, headerRows: Set<number>): number {
  const read = readIndicatorBlock(sheet, b, stopRow, headerRows);
  t.indicators.push(...read.indicators);
  t.level1Groups.push(...read.level1Groups);
  t.level2Groups.push(...read.level2Groups);
  t.hasWeights = t.hasWeights || b.cols.has('weight');
  if (read.total) t.total = read.total;
  if (read.partial) t.partial = true;
  if (read.notesCell) {
    t.notesCell = read.notesCell;
    t.notesBlank = read.notesBlank;
  }
  t.headerRow = b.headerTop;
  for (const [role, cols] of b.cols) {
    t.headerCol[role] = cols[0];
    // the header row that actually names this role (two-row headers)
    let hr = b.headerTop;
    for (let r = b.headerBottom; r >= b.headerTop; r--) if (headerRole(sheet.norm(r, cols[0])) === role) { hr = sheet.anchor(r, cols[0]).row; break; }
    t.headerCell[role] = { row: hr, col: cols[0] };
  }
  let right = b.right;
  if (read.total) for (const p of [read.total.totalCell, read.total.gradeCell, read.total.weightsCell]) if (p) right = Math.max(right, p.col);
  extend(t, b.headerTop, read.lastRow, Math.min(b.left, read.indicators.reduce((m, i) => Math.min(m, i.namePos.col), b.left)), right);
  return read.lastRow;
}

/** Recognises every table on one sheet. */
export function recognizeSheet(sheet: Sheet): Table[] {
  const blocks = findBlocks(sheet);
  if (!blocks.length) return [];
  const headerRows = new Set<number>();
  for (const b of blocks) for (let r = b.headerTop; r <= b.headerBottom; r++) headerRows.add(r);
  const tables: Table[] = [];
  let prevEnd = sheet.top - 1;
  let pendingFund: { block: Block; fund: FundBlock } | null = null;
  let openRubric: Table | null = null;
  let openDept: Table | null = null;

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const next = blocks[i + 1];
    const stopRow = next ? next.headerTop - 1 : sheet.bottom;
    if (b.kind === 'fund') {
      const fund = readFundBlock(sheet, b, stopRow);
      pendingFund = { block: b, fund };
      openRubric = null;
      openDept = null;
      continue;
    }
    if (b.kind === 'indicators') {
      const weighted = b.cols.has('weight') || b.cols.has('score');
      const nameAbove = findProjectName(sheet, prevEnd + 1, b.headerTop - 1);
      if (!pendingFund && openRubric && weighted && !nameAbove) {
        // scored indicator rows inside a rubric (seed 002)
        const end = attachIndicators(openRubric, sheet, b, stopRow, headerRows);
        prevEnd = end;
        continue;
      }
      if (!weighted && openDept) {
        const end = attachIndicators(openDept, sheet, b, stopRow, headerRows);
        prevEnd = end;
        openDept = null;
        continue;
      }
      const kind = weighted ? 'project' : 'department';
      const t = emptyTable(kind, sheet, b.headerTop);
      const fundTop = pendingFund ? pendingFund.fund.headerRow : b.headerTop;
      const pn = findProjectName(sheet, prevEnd + 1, fundTop - 1);
      if (pn) {
        t.projectName = pn.name || null;
        extend(t, pn.row, pn.row, sheet.left, sheet.left);
      }
      if (pendingFund && weighted) {
        t.funds = pendingFund.fund;
        const fb = pendingFund.block;
        extend(t, fb.headerTop, fundBlockEnd(pendingFund.fund), Math.min(fb.left, sheet.left), fb.right);
      }
      const end = attachIndicators(t, sheet, b, stopRow, headerRows);
      if (kind === 'project' || t.indicators.length) tables.push(t);
      pendingFund = null;
      openRubric = null;
      openDept = null;
      prevEnd = end;
      continue;
    }
    if (b.kind === 'tasks') {
      const t = emptyTable('department', sheet, b.headerTop);
      const dn = findProjectName(sheet, prevEnd + 1, b.headerTop - 1, (x) => /^(部门|单位)名称[:：]?$/.test(x));
      if (dn) {
        t.projectName = dn.name || null;
        extend(t, dn.row, dn.row, sheet.left, sheet.left);
      }
      const { tasks, lastRow } = readTasks(sheet, b, stopRow, headerRows);
      t.tasks = tasks;
      t.headerRow = b.headerTop;
      extend(t, b.headerTop, lastRow, b.left, b.right);
      const total = tasks.find((x) => x.isTotal) ?? null;
      if (total) t.funds = oneLineFunds(sheet, b.headerTop, total.row, total.approved, total.spent, { rateCell: total.ratePos, rateFormula: total.rateFormula });
      tables.push(t);
      openDept = t;
      openRubric = null;
      pendingFund = null;
      prevEnd = lastRow;
      continue;
    }
    // rubric / exec
    const t: Table = openRubric ?? emptyTable('rubric', sheet, b.headerTop);
    if (!openRubric) {
      const pn = findProjectName(sheet, prevEnd + 1, b.headerTop - 1);
      if (pn) {
        t.projectName = pn.name || null;
        extend(t, pn.row, pn.row, sheet.left, sheet.left);
      }
      t.funds = rubricFunds(sheet, prevEnd + 1, b.headerTop - 1);
      tables.push(t);
      openRubric = t;
    }
    if (b.kind === 'exec') {
      const f = readExec(sheet, b, stopRow);
      if (f) {
        t.funds = f.fund;
        extend(t, b.headerTop, f.lastRow, b.left, b.right);
        prevEnd = f.lastRow;
      }
    } else {
      const rr = readRubric(sheet, b, stopRow, headerRows);
      t.rubric.push(...rr.items);
      t.hasWeights = true;
      if (rr.total) t.total = rr.total;
      let bottom = rr.lastRow;
      let right = b.right;
      if (rr.total?.gradeCell) {
        bottom = Math.max(bottom, rr.total.gradeCell.row);
        right = Math.max(right, rr.total.gradeCell.col);
      }
      extend(t, b.headerTop, bottom, b.left, right);
      prevEnd = bottom;
    }
    pendingFund = null;
    openDept = null;
  }
  return tables;
}

function readExec(sheet: Sheet, b: Block, stopRow: number): { fund: FundBlock; lastRow: number } | null {
  const c2 = col(b, 'level2');
  let lastRow = b.headerBottom;
  let first: number | null = null;
  for (let r = b.headerBottom + 1; r <= Math.min(stopRow, b.headerBottom + 12); r++) {
    if (sheet.rowIsEmpty(r, b.left, b.right)) {
      if (first !== null) break;
      continue;
    }
    if (first === null) first = r;
    lastRow = r;
  }
  if (first === null) return null;
  // the 资金总体 row, else the first data row
  let row = first;
  for (let r = first; r <= lastRow; r++) if (c2 !== null && fundRowKind(sheet.norm(r, c2)) === 'total') row = r;
  const budgetCol = col(b, 'budget') ?? col(b, 'initialBudget');
  const rateCol = col(b, 'rate');
  const rateCell = rateCol !== null ? sheet.anchor(row, rateCol) : null;
  const fund = oneLineFunds(sheet, b.headerTop, row, readNum(sheet, row, budgetCol), readNum(sheet, row, col(b, 'spent')), {
    weight: readNum(sheet, row, col(b, 'weight')),
    score: readNum(sheet, row, col(b, 'score')),
    rateCell,
    rateFormula: rateCell ? sheet.formula(rateCell.row, rateCell.col) !== null : false,
  });
  return { fund, lastRow };
}

export { readPlain };
export function valueAt(sheet: Sheet, p: Pos | null): CellValue {
  return p ? sheet.value(p.row, p.col) : null;
}
export function isErrorAt(sheet: Sheet, p: Pos | null): boolean {
  return p ? isCellError(sheet.value(p.row, p.col)) : false;
}

// Indicator block (一级/二级/三级指标 with target, actual, weight, score, reason) and its 总分 row.
import type { Sheet } from '../sheet';
import type { Indicator, NumCell, Pos, TotalBlock, Level2Group, Level1Group, WeightBlock } from '../model';
import { blockLabelWeight, headerRole, isLabel, isPlaceholderName, isTotalLabel, level1Kind } from '../vocab';
import { cellText, isBlank, normalizeText, parseNumber } from '../values';
import { type Block, col, MAX_BLANK_RUN } from './blocks';
import { cleanLabel, nextValueRight, readNum, readPlain, rowHasText, rowLabels } from './cells';
import { isNarrativeRow } from '../write-safety';

export interface IndicatorRead {
  indicators: Indicator[];
  level1Groups: Level1Group[];
  level2Groups: Level2Group[];
  total: TotalBlock | null;
  notesCell: Pos | null;
  notesBlank: boolean;
  lastRow: number;
  partial?: boolean;
  /** Weights only in block labels: the blocks read (empty when the block has a 分值/权重 column). */
  blocks: WeightBlock[];
  reasonRow?: { label: Pos; cell: Pos; blank: boolean };
}

const PARENT = /^[一二三四五六七八九十]+[、.．]/;
const PART = /^[0-9]+[、.．)]/;

/**
 * Numbered parents and their parts ("一、示范区建立 15" then "1、… 5", "2、… 5", "3、… 5"): when the parts'
 * scores (or weights) add up to the parent's, the parts are its breakdown and only the parent counts.
 */
function dropOutlineParts(out: IndicatorRead): void {
  const list = out.indicators;
  if (list.length < 3) return;
  const drop = new Set<Indicator>();
  for (let i = 0; i < list.length; i++) {
    const parent = list[i];
    if (!PARENT.test(parent.name)) continue;
    let j = i + 1;
    while (j < list.length && PART.test(list[j].name)) j++;
    const parts = list.slice(i + 1, j);
    if (parts.length < 2) continue;
    const near = (a: number | null, xs: (number | null)[]) =>
      a !== null && xs.every((x) => x !== null) && Math.abs(xs.reduce((s, x) => s + (x as number), 0) - a) < 0.005;
    if (
      near(
        parent.entered,
        parts.map((p) => p.entered),
      ) ||
      near(
        parent.weight,
        parts.map((p) => p.weight),
      )
    )
      for (const p of parts) drop.add(p);
    i = j - 1;
  }
  if (!drop.size) return;
  out.indicators = list.filter((x) => !drop.has(x));
  for (const b of out.blocks) b.indicators = b.indicators.filter((x) => !drop.has(x));
}

function firstTextOf(sheet: Sheet, r: number): string | null {
  const end = sheet.rowEnd(r);
  for (let c = sheet.left; c <= end; c++) {
    const t = sheet.norm(r, c);
    if (t !== '') return t;
  }
  return null;
}

const NOT_APPLICABLE = /^([/／\\]+|[—–-]+|无|不适用|不涉及|n\/?a)$/i;

/** Every one of the data cells is blank or a not-applicable mark, and at least one is a mark. */
function notApplicableRow(sheet: Sheet, r: number, cols: (number | null)[]): boolean {
  let marks = 0;
  for (const c of cols) {
    if (c === null) continue;
    const t = sheet.norm(r, c);
    if (t === '') continue;
    if (!NOT_APPLICABLE.test(t)) return false;
    marks++;
  }
  return marks > 0;
}

/** A row "偏差大或目标未完成原因分析 | 无" (one reason for the whole table): its label and content cells. */
function reasonRowAt(sheet: Sheet, r: number, maxCol: number): { label: Pos; cell: Pos; blank: boolean } | null {
  const end = Math.min(maxCol, sheet.rowEnd(r));
  for (let c = sheet.left; c <= end; c++) {
    const t = sheet.norm(r, c);
    if (t === '') continue;
    if (headerRole(t) !== 'reason') return null;
    const label = sheet.anchor(r, c);
    const v = nextValueRight(sheet, r, c, 20);
    const labelEnd = sheet.mergeAt(r, c)?.right ?? c;
    const cell = v ?? sheet.anchor(r, Math.min(labelEnd + 1, sheet.right));
    return { label, cell, blank: v === null || isBlank(sheet.value(cell.row, cell.col)) };
  }
  return null;
}

/** The weighted block label in or right above a header ("年度绩效目标1(40分)"). */
function headerBlockLabel(sheet: Sheet, b: Block): WeightBlock | null {
  for (let r = b.headerBottom; r >= Math.max(sheet.top, b.headerTop - 1); r--) {
    for (let c = sheet.left; c <= sheet.rowEnd(r); c++) {
      if (sheet.isMergedFollower(r, c) && r !== b.headerBottom) continue;
      const w = blockLabelWeight(sheet.norm(r, c));
      if (w !== null) return { label: cleanLabel(sheet.text(r, c)), pos: sheet.anchor(r, c), weight: w, indicators: [], entered: null };
    }
  }
  return null;
}

export function newIndicator(
  row: number,
  level1: string,
  level1Kind: Indicator['level1Kind'],
  level1Pos: Pos | null,
  level2: string,
  level2Pos: Pos | null,
  name: string,
  namePos: Pos,
): Indicator {
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

export function readIndicatorBlock(sheet: Sheet, b: Block, stopRow: number, headerRows: Set<number>): IndicatorRead {
  const c1 = col(b, 'level1');
  const c2 = col(b, 'level2');
  const c3 = col(b, 'level3') ?? c2;
  // an adjusted target beside the initial one is the target
  let cT = col(b, 'adjustedTarget') ?? col(b, 'target');
  let cA = col(b, 'actual');
  const cW = col(b, 'weight');
  const cS = col(b, 'score');
  const cR = col(b, 'reason');
  let cN = col(b, 'nature');
  let cU = col(b, 'unit');
  let dataCols = [cT, cA, cW, cS].filter((x): x is number => x !== null);
  const out: IndicatorRead = {
    indicators: [],
    level1Groups: [],
    level2Groups: [],
    total: null,
    notesCell: null,
    notesBlank: true,
    lastRow: b.headerBottom,
    blocks: [],
  };
  // no 分值 column: weights may stand in block labels (RULES.md §2.4)
  let wb: WeightBlock | null = cW === null ? headerBlockLabel(sheet, b) : null;
  if (wb) out.blocks.push(wb);
  const labelEnd = (c3 ?? b.left) - 1;
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
      if (!out.reasonRow) {
        for (let rr = out.lastRow + 1; rr <= Math.min(sheet.bottom, out.lastRow + 3); rr++) {
          const rrow = reasonRowAt(sheet, rr, labelEnd + 1);
          if (rrow) {
            out.reasonRow = rrow;
            out.lastRow = rr;
            break;
          }
        }
      }
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
    const rrow = reasonRowAt(sheet, r, labelEnd + 1);
    if (rrow) {
      out.reasonRow = rrow;
      out.lastRow = r;
      continue;
    }
    if (sheet.rowIsEmpty(r, Math.min(b.left, sheet.left), b.right)) {
      if (++blankRun >= MAX_BLANK_RUN) break;
      continue;
    }
    blankRun = 0;
    if (cW === null) {
      // a new weighted block label left of the names ("年度绩效目标2(40分)", "效益指标(20分)")
      for (let c = sheet.left; c <= Math.min(labelEnd, sheet.rowEnd(r)); c++) {
        const t = sheet.norm(r, c);
        if (t === '' || t.indexOf('分') < 0) continue;
        const w = blockLabelWeight(t);
        if (w === null) continue;
        const a = sheet.anchor(r, c);
        if (wb && wb.pos.row === a.row && wb.pos.col === a.col) break;
        wb = { label: cleanLabel(sheet.text(r, c)), pos: a, weight: w, indicators: [], entered: null };
        out.blocks.push(wb);
        break;
      }
    }
    // a note under the table ("注:1、…", "备注:…", "填表说明") ends the block
    const firstText = firstTextOf(sheet, r);
    if (firstText !== null && firstText.length > 6 && isLabel('tableNote', firstText)) break;
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
    // "/", "—", "无", "不适用" in place of the target, actual and weight: the row does not apply (§2.4)
    if (nameNorm !== '' && notApplicableRow(sheet, r, [cT, cA, cW, cS])) {
      out.lastRow = r;
      continue;
    }
    const targetActualBlank = isBlankAt(r, cT) && isBlankAt(r, cA);
    const labelsBlank = (c1 === null || sheet.norm(r, c1) === '') && (c2 === null || sheet.norm(r, c2) === '');
    if (nameNorm === '' && targetActualBlank && labelsBlank) {
      out.lastRow = r;
      continue; // subtotal row such as "90.00 90.00"
    }
    // a note under the block ("注：1、其他资金包括…") standing in the 一级 column: no indicator
    if (nameNorm === '' && valuesBlank && g1 && g1.kind === 'other' && (c2 === null || sheet.norm(r, c2) === '')) continue;
    // "其中桃树种植面积 1.5亩 1.5亩" under a weighted indicator: its breakdown, not an indicator
    if (cW !== null && out.indicators.length && isBlankAt(r, cW) && isBlankAt(r, cS) && isLabel('breakdownRow', nameNorm)) {
      out.lastRow = r;
      continue;
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
    if (wb) wb.indicators.push(ind);
    if (g1) g1.realRows++;
    if (g2) g2.realRows++;
    out.lastRow = r;
  }
  dropOutlineParts(out);
  return out;
}

export interface Cols {
  cN: number | null;
  cT: number | null;
  cU: number | null;
  cA: number | null;
  cW: number | null;
  cS: number | null;
  cR: number | null;
}

export function fillIndicatorValues(sheet: Sheet, ind: Indicator, r: number, c: Cols): void {
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
    // a score written as a percentage beside a percentage weight is points too ("20%" of "20%")
    const s = c.cW !== null && isPercentCell(sheet, r, c.cW) ? readPlain(sheet, r, c.cS) : readNum(sheet, r, c.cS);
    ind.entered = s.value;
    ind.scoreFormula = s.formula;
    if (s.unparsable && s.pos) ind.unparsable.push(s.pos);
  }
}

function isPercentCell(sheet: Sheet, r: number, c: number): boolean {
  return parseNumber(sheet.value(r, c), sheet.format(r, c))?.unit === '%';
}

/** A weight merged over k indicator rows is a group weight shared equally. */
export function readWeight(sheet: Sheet, r: number, c: number): NumCell {
  // a weight written "20%" is 20 points of 100
  const n = readPlain(sheet, r, c);
  const m = sheet.mergeAt(r, c);
  if (m && m.bottom > m.top && n.value !== null) return { ...n, value: n.value / (m.bottom - m.top + 1) };
  return n;
}

export function readTotal(sheet: Sheet, r: number, labelPos: Pos, cW: number | null, cS: number | null, right: number): TotalBlock {
  let weightsCell: Pos | null = null;
  let totalCell: Pos | null = null;
  let gradeCell: Pos | null = null;
  // labelled layout: 总分值 / 总得分 / 自评等级 with values below (or to the right)
  for (let c = labelPos.col + 1; c <= Math.max(right, labelPos.col + 12) && c <= sheet.right; c++) {
    if (sheet.isMergedFollower(r, c)) continue;
    const t = sheet.norm(r, c);
    if (t === '') continue;
    // the value below the label, unless the row below is narrative ("偏差大或目标未完成原因分析 | 无", §6)
    const below = r + 1 <= sheet.bottom && !isNarrativeRow(sheet, r + 1, c + 1) ? sheet.anchor(r + 1, c) : null;
    const labelEnd = sheet.mergeAt(r, c)?.right ?? c;
    const right = nextValueRight(sheet, r, c, 1) ?? (labelEnd + 1 <= sheet.right ? sheet.anchor(r, labelEnd + 1) : null);
    const target = below && below.row === r + 1 ? below : (right ?? below);
    if (isLabel('weightsTotalCell', t)) weightsCell = target;
    else if (isLabel('totalCell', t)) totalCell = target;
    else if (isLabel('gradeCell', t)) gradeCell = target;
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
    else if (totalCell) {
      // "总分 … 100 | 96 | 优": a grade written right of the total, without a label
      const g = nextValueRight(sheet, r, totalCell.col, 1);
      if (g && /^[优良中差]$/.test(sheet.norm(g.row, g.col))) gradeCell = g;
    }
  }
  if (weightsCell && totalCell && weightsCell.row === totalCell.row && weightsCell.col === totalCell.col) weightsCell = null;
  // a cell on a narrative row is never the total or the grade (§6); text in the labelled cell is reported, not written
  if (totalCell && isNarrativeRow(sheet, totalCell.row, totalCell.col)) totalCell = null;
  if (gradeCell && isNarrativeRow(sheet, gradeCell.row, gradeCell.col)) gradeCell = null;
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

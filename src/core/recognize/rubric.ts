// Weighted rubric (一级 分值 二级 分值 三级 分值 得分) and its 计划投资额 / 实际使用情况 line.
import type { Sheet } from '../sheet';
import type { FundBlock, NumCell, Pos, RubricItem, TotalBlock } from '../model';
import { isLabel, isTotalLabel } from '../vocab';
import { cellText, normalizeText } from '../values';
import { type Block, col, MAX_BLANK_RUN } from './blocks';
import { amountRightOf, cleanLabel, nextValueRight, oneLineFunds, readNum, rowHasText } from './cells';

export function readRubric(
  sheet: Sheet,
  b: Block,
  stopRow: number,
  headerRows: Set<number>,
): { items: RubricItem[]; total: TotalBlock | null; lastRow: number; gradeRow: number | null } {
  const labelCols = [col(b, 'level1'), col(b, 'level2'), col(b, 'level3')];
  const weightCols = b.cols.get('weight') ?? [];
  const scoreCol = col(b, 'score');
  // the weight column of a level is the first weight column right of its label
  const wOf = labelCols.map((lc, i) => {
    if (lc === null) return null;
    const next = labelCols.slice(i + 1).find((x) => x !== null) ?? Infinity;
    return (
      weightCols.find((w) => w > lc && w < (next as number)) ??
      (i === labelCols.length - 1 || labelCols.slice(i + 1).every((x) => x === null) ? (weightCols.find((w) => w > lc) ?? null) : null)
    );
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
    if (rowHasText(sheet, r, (t) => t !== '等级' && isLabel('rubricGrade', t))) break;
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
      const parent =
        lv === 0
          ? null
          : (current
              .slice(0, lv)
              .reverse()
              .find((x) => x !== null) ?? null);
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

export function readRubricTotal(sheet: Sheet, r: number, labelPos: Pos, weightCols: number[], scoreCol: number | null): TotalBlock {
  const wc = weightCols.length ? weightCols[0] : null;
  const totalCell = scoreCol !== null ? sheet.anchor(r, scoreCol) : null;
  const weightsCell = wc !== null ? sheet.anchor(r, wc) : null;
  let gradeCell: Pos | null = null;
  let enteredGrade: string | null = null;
  for (let rr = r + 1; rr <= Math.min(sheet.bottom, r + 2); rr++) {
    const gl = rowHasText(sheet, rr, (t) => isLabel('rubricGrade', t));
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

export function rubricFunds(sheet: Sheet, top: number, bottom: number): FundBlock | null {
  let planned: NumCell | null = null;
  let used: NumCell | null = null;
  for (let r = top; r <= bottom; r++) {
    for (let c = sheet.left; c <= sheet.rowEnd(r); c++) {
      if (sheet.isMergedFollower(r, c)) continue;
      const t = sheet.norm(r, c);
      if (!planned && isLabel('rubricPlanned', t)) {
        planned = amountRightOf(sheet, r, c);
      } else if (!used && isLabel('rubricUsed', t)) {
        used = amountRightOf(sheet, r, c);
      }
    }
  }
  if (!planned || !used) return null;
  const row = planned.pos ? planned.pos.row : top;
  return oneLineFunds(sheet, row, row, planned, used);
}

// Finds the tables on a sheet (RULES.md §2): blocks by kind, assembled into Table models.
import type { Table, FundBlock } from '../model';
import type { Sheet } from '../sheet';
import { headerRole, isLabel, isNotSelfEvaluationTitle, isProjectNameLabel, isSelfEvaluationTitle } from '../vocab';
import { type Block, findBlocks } from './blocks';
import { cleanLabel, nextValueRight, oneLineFunds, rowHasText } from './cells';
import { readFundBlock, fundBlockEnd } from './fund';
import { readIndicatorBlock } from './indicators';
import { readTasks } from './tasks';
import { readRubric, rubricFunds } from './rubric';
import { readExec } from './exec';
import { readTransferFunds } from './transfer';

export { readNum, readPlain, cleanLabel, valueAt, isErrorAt } from './cells';
export { checkedGrade, isCheckboxGrade } from './rubric';

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
    blocks: [],
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

function findProjectName(
  sheet: Sheet,
  from: number,
  to: number,
  label: (t: string) => boolean = isProjectNameLabel,
): { name: string; row: number } | null {
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

/** 主管部门 (any 省级/市级/县级 prefix) names the department; 实施单位 never does (§2.4). */
function findDepartment(sheet: Sheet, from: number, to: number): string | null {
  for (let r = Math.max(from, sheet.top); r <= to; r++) {
    const p = rowHasText(sheet, r, (t) => /^(省级|市级|州级|县级|区级)?主管部门(名称)?[:：]?$/.test(t));
    if (!p) continue;
    const v = nextValueRight(sheet, r, p.col, 6);
    const text = v ? cleanLabel(sheet.text(v.row, v.col)) : '';
    return text && !/实施单位|负责人|联系电话/.test(text) ? text : null;
  }
  return null;
}

/** A title between blocks: 'not' for 绩效目标申报表 / 绩效运行监控表 …, 'self' for a 自评表. */
function titleKind(sheet: Sheet, from: number, to: number): 'not' | 'self' | null {
  let kind: 'not' | 'self' | null = null;
  for (let r = Math.max(from, to - 12); r <= to; r++) {
    const end = Math.min(sheet.rowEnd(r), sheet.left + 30);
    for (let c = sheet.left; c <= end; c++) {
      const t = sheet.norm(r, c);
      if (t.length < 3 || t.indexOf('表') < 0 || sheet.isMergedFollower(r, c)) continue;
      if (isNotSelfEvaluationTitle(t)) kind = 'not';
      else if (isSelfEvaluationTitle(t)) kind = 'self';
    }
  }
  return kind;
}

/** A title "部门整体支出绩效自评表" (or 评价表) between the previous table and this one. */
function departmentTitle(sheet: Sheet, from: number, to: number): boolean {
  for (let r = Math.max(from, to - 12, sheet.top); r <= to; r++) {
    const end = Math.min(sheet.rowEnd(r), sheet.left + 30);
    for (let c = sheet.left; c <= end; c++) {
      const t = sheet.norm(r, c);
      if (t.length <= 60 && /部门整体支出.*(自评|评价)表/.test(t)) return true;
    }
  }
  return false;
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
  t.blocks.push(...read.blocks);
  if (read.reasonRow) t.reasonRow = read.reasonRow;
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
    for (let r = b.headerBottom; r >= b.headerTop; r--)
      if (headerRole(sheet.norm(r, cols[0])) === role) {
        hr = sheet.anchor(r, cols[0]).row;
        break;
      }
    t.headerCell[role] = { row: hr, col: cols[0] };
  }
  let right = b.right;
  if (read.total) for (const p of [read.total.totalCell, read.total.gradeCell, read.total.weightsCell]) if (p) right = Math.max(right, p.col);
  extend(
    t,
    b.headerTop,
    read.lastRow,
    Math.min(
      b.left,
      read.indicators.reduce((m, i) => Math.min(m, i.namePos.col), b.left),
    ),
    right,
  );
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
  // the open project table whose blocks carry their weights in labels: its next blocks join it
  let openBlocks: Table | null = null;
  // inside a table that is not a self-evaluation table (申报表, 监控表): nothing is read
  let skipping = false;

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const next = blocks[i + 1];
    const stopRow = next ? next.headerTop - 1 : sheet.bottom;
    const title = titleKind(sheet, prevEnd + 1, b.headerTop - 1);
    if (title === 'not' || b.kind === 'notSelfEvaluation') skipping = true;
    else if (title === 'self' || (skipping && findProjectName(sheet, prevEnd + 1, b.headerTop - 1))) skipping = false;
    if (skipping) {
      pendingFund = null;
      openRubric = openDept = openBlocks = null;
      prevEnd = Math.max(prevEnd, b.headerBottom);
      continue;
    }
    if (b.kind === 'fund') {
      const fund = readFundBlock(sheet, b, stopRow);
      pendingFund = { block: b, fund };
      openBlocks = null;
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
      if (openBlocks && !pendingFund && !nameAbove && !b.cols.has('weight')) {
        // the next target block of the same project ("年度绩效目标2(40分)"); the first header stays the table's
        const first = openBlocks.headerRow;
        const end = attachIndicators(openBlocks, sheet, b, stopRow, headerRows);
        openBlocks.headerRow = first;
        prevEnd = end;
        continue;
      }
      // a fund block above makes a project table, with or without weights (Hunan 专项资金绩效目标自评表)
      const kind = weighted || pendingFund ? 'project' : 'department';
      const t = emptyTable(kind, sheet, b.headerTop);
      const fundTop = pendingFund ? pendingFund.fund.headerRow : b.headerTop;
      const pn = findProjectName(sheet, prevEnd + 1, fundTop - 1);
      if (pn) {
        t.projectName = pn.name || null;
        extend(t, pn.row, pn.row, sheet.left, sheet.left);
      }
      t.department = findDepartment(sheet, prevEnd + 1, fundTop - 1);
      if (!pn) {
        // a 部门整体 table (§2.4): 单位名称 names it and is its department
        const un = findProjectName(sheet, prevEnd + 1, fundTop - 1, (x) => isLabel('unitName', x));
        if (un?.name) {
          t.projectName = un.name;
          t.department = t.department ?? un.name;
          // scored as its shape says (fund + block weights), labelled as the form it is
          if (kind === 'project') t.form = 'department';
          extend(t, un.row, un.row, sheet.left, sheet.left);
        }
      }
      if (kind === 'project' && departmentTitle(sheet, prevEnd + 1, fundTop - 1)) t.form = 'department';
      const transfer = pendingFund ? null : readTransferFunds(sheet, prevEnd + 1, b.headerTop - 1);
      if (transfer) {
        t.funds = transfer;
        extend(t, transfer.headerRow, transfer.headerRow, sheet.left, b.right);
      }
      if (pendingFund) {
        t.funds = pendingFund.fund;
        const fb = pendingFund.block;
        extend(t, fb.headerTop, fundBlockEnd(pendingFund.fund), Math.min(fb.left, sheet.left), fb.right);
      }
      const end = attachIndicators(t, sheet, b, stopRow, headerRows);
      if (kind === 'project' || t.indicators.length) tables.push(t);
      pendingFund = null;
      openRubric = null;
      openDept = null;
      openBlocks = t.blocks.length && !t.hasWeights ? t : null;
      prevEnd = end;
      continue;
    }
    if (b.kind === 'tasks') {
      const t = emptyTable('department', sheet, b.headerTop);
      const dn = findProjectName(sheet, prevEnd + 1, b.headerTop - 1, (x) => isLabel('unitName', x));
      if (dn) {
        t.projectName = dn.name || null;
        extend(t, dn.row, dn.row, sheet.left, sheet.left);
      }
      const { tasks, lastRow } = readTasks(sheet, b, stopRow, headerRows);
      t.tasks = tasks;
      t.headerRow = b.headerTop;
      extend(t, b.headerTop, lastRow, b.left, b.right);
      const total = tasks.find((x) => x.isTotal) ?? null;
      if (total)
        t.funds = oneLineFunds(sheet, b.headerTop, total.row, total.approved, total.spent, {
          rateCell: total.ratePos,
          rateFormula: total.rateFormula,
        });
      tables.push(t);
      openDept = t;
      openBlocks = null;
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
    openBlocks = null;
  }
  return tables;
}

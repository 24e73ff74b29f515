// Department 重点工作任务 block: one row per task with 批复金额, 实际支出, 预算执行率.
import type { Sheet } from '../sheet';
import type { Task } from '../model';
import { isBlank, normalizeText } from '../values';
import { isLabel } from '../vocab';
import { type Block, col, MAX_BLANK_RUN } from './blocks';
import { cleanLabel, readNum } from './cells';

export function readTasks(sheet: Sheet, b: Block, stopRow: number, headerRows: Set<number>): { tasks: Task[]; lastRow: number } {
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
      isTotal: tasks.length === 0 && (name === '' || isLabel('taskTotal', normalizeText(name))),
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

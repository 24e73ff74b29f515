// The pool's worker: one file in, its compact summary out (the workbook stays in the worker).
import { checkFileSummary, type CheckTask } from './check';
import type { FileSummary } from './summary';

export default function checkTask(task: CheckTask): Promise<FileSummary> {
  return checkFileSummary(task);
}

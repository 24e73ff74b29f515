// Why a table's 总分 and 等级 are "—", said the same way by check, the task pane and their tests.
import type { TableResult } from './types';

/**
 * `withheld`: the weights do not add up to 100 (RULES.md §4.5), the scores' sum is `withheldTotal`;
 * `unscored`: the table has no weights at all. Null when there is a total, or when the reason is a
 * value missing or a table not filled in (a finding at the cell says that).
 */
export function noTotalReason(
  t: Pick<TableResult, 'total' | 'weightsTotal' | 'withheldTotal' | 'notFilled'>,
): { kind: 'withheld'; sum: number } | { kind: 'unscored' } | null {
  if (t.withheldTotal !== undefined) return { kind: 'withheld', sum: t.withheldTotal };
  return t.total === null && t.weightsTotal === null && !t.notFilled ? { kind: 'unscored' } : null;
}

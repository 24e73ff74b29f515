// 重置恢复信息 (audit-2 #6): when the pane offers it, and what it does. The store
// (_ziping_restore_) cannot be parsed, e.g. two co-authors' runs merged cell by cell: 清除标记 stops
// on it; a reset copies its cells to column B (B1: time and reason) and starts column A empty.
import type { Lang } from '../core/types';
import type { LastRun, RunOutcome } from '../office/adapter';
import type { ZipingHost } from './host';
import type { ZipingSettings } from '../office/settings';
import { STORE_SHEET } from '../office/store';
import { describeOutcome, type OutcomeText } from '../ui-strings';

export const RESET_TEXT = {
  zh: {
    offer: '恢复信息无法读取，“清除标记”无法进行。重置恢复信息后，“清除标记”和“重新计算”可继续使用。',
    ask: '重置恢复信息',
    confirm: `重置会：把隐藏工作表“${STORE_SHEET}”的原内容原样复制到该表的 B 列（B1 记下时间和原因，供技术人员排查），A 列的恢复信息从空白重新记录。其他工作表不会被改动。此前由本加载项改动过的单元格（数值、填充色、备注）之后无法再用“清除标记”恢复，需要时请手工改回。`,
    yes: '确认重置',
    no: '取消',
    doneTitle: '已重置恢复信息',
    done: `原内容已备份到隐藏工作表“${STORE_SHEET}”的 B 列。此前改动过的单元格需要时请手工改回；之后的运行会重新记录，可再用“清除标记”恢复。`,
    notNeeded: '恢复信息可以正常读取，无需重置，未做任何改动。',
  },
  en: {
    offer: 'The restore information cannot be read, so “Clear marks” cannot run. Reset it to use “Clear marks” and “Recompute” again.',
    ask: 'Reset restore information',
    confirm: `A reset copies the content of the hidden sheet “${STORE_SHEET}” unchanged to its column B (B1 holds the time and the reason, for IT), and restarts the restore information in column A empty. No other sheet is changed. Cells this add-in changed before (values, fills, notes) can then no longer be restored by “Clear marks”; change them back by hand where needed.`,
    yes: 'Reset',
    no: 'Cancel',
    doneTitle: 'Restore information reset',
    done: `The old content is backed up in column B of the hidden sheet “${STORE_SHEET}”. Change earlier cells back by hand where needed; later runs are recorded again and “Clear marks” restores them.`,
    notNeeded: 'The restore information reads fine: no reset needed, nothing was changed.',
  },
} as const;

type Seen = Pick<RunOutcome, 'mode' | 'status'> & { notices?: RunOutcome['notices'] };

/**
 * Whether the pane offers 重置恢复信息 after `o` (a run of the pane, or the last run of the
 * ribbon read from the workbook settings). Only 清除标记 stops on an unreadable store; a recompute
 * or validate that read the store (readable, or reset by itself: notice store-reset) withdraws
 * the offer; a read-only analysis or a failed run does not know.
 */
export function offerReset(o: Seen | LastRun | null, before: boolean): boolean {
  if (!o) return before;
  if (o.status === 'store-unreadable') return true;
  if (o.mode === 'analyze' || o.status === 'error') return before;
  return false;
}

/** Runs the reset; the text is what the pane shows. */
export async function resetRestoreInfo(host: ZipingHost, settings: ZipingSettings, lang: Lang): Promise<{ outcome: RunOutcome; text: OutcomeText }> {
  const outcome = await host.restore({ settings, resetUnreadable: true });
  const T = RESET_TEXT[lang];
  if (outcome.status === 'ok' && outcome.notices.some((n) => n.kind === 'store-reset'))
    return { outcome, text: { title: T.doneTitle, message: T.done, intent: 'success', lang } };
  if (outcome.status === 'ok') return { outcome, text: { title: T.doneTitle, message: T.notNeeded, intent: 'info', lang } };
  return { outcome, text: describeOutcome(outcome, lang) };
}

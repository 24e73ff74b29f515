// Sheets the shown result was checked without their merged areas (notice no-merges, audit 2 #4), said
// in the pane in one line, unless the status (a run's outcome) already names them: the live check's
// updates and the read-only analyses (pane start-up, sheet switch, after 清除标记) have no status.
import type { Lang } from '../core/types';
import type { LastRun, RunOutcome } from '../office/adapter';
import { t } from '../ui-strings';

/** The sheets an outcome checked without merges. */
export function noMergesSheets(o: Pick<RunOutcome | LastRun, 'notices'> | null | undefined): string[] {
  return (o?.notices ?? []).filter((n) => n.kind === 'no-merges').map((n) => n.sheet);
}

/**
 * The pane's line for the shown result read without some sheets' merges; `said`: the sheets the status
 * (a run's outcome) already names. Null when there is nothing new to say.
 */
export function noMergesLine(result: RunOutcome | null, said: string[], lang: Lang): string | null {
  const sheets = noMergesSheets(result).filter((s) => !said.includes(s));
  return sheets.length ? t(lang, 'outNoMerges', { sheets: sheets.join(lang === 'zh' ? '、' : ', ') }) : null;
}

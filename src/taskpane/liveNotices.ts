// What the live check could not do as usual, said in the pane: sheets it checked without their merged
// areas (notice no-merges, audit 2 #4), in one line, unless the status already names them.
import type { Lang } from '../core/types';
import type { LastRun, RunOutcome } from '../office/adapter';
import { t } from '../ui-strings';

/** The sheets an outcome checked without merges. */
export function noMergesSheets(o: Pick<RunOutcome | LastRun, 'notices'> | null | undefined): string[] {
  return (o?.notices ?? []).filter((n) => n.kind === 'no-merges').map((n) => n.sheet);
}

/**
 * The pane's line for a live outcome (`live`: the result shown comes from the live check) read
 * without some sheets' merges; `said`: the sheets the status (a run's outcome) already names. Null
 * when there is nothing new to say.
 */
export function liveNoMergesText(result: RunOutcome | null, live: boolean, said: string[], lang: Lang): string | null {
  if (!live) return null;
  const sheets = noMergesSheets(result).filter((s) => !said.includes(s));
  return sheets.length ? t(lang, 'outNoMerges', { sheets: sheets.join(lang === 'zh' ? '、' : ', ') }) : null;
}

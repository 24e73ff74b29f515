// Merged areas (ExcelApi 1.13). getMergedAreasOrNullObject fails when its range holds more than 512
// merged areas (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)),
// and it returns only the areas whose top-left cell lies in the range, clipped to it (office-js
// #3611, #1590). Callers queue one read with their cells (one sync for an ordinary sheet); when that
// sync fails, they read again without merges and call readMergesBanded (audit 2, #4).
import type { CellRange } from '../core/types';
import type { XlRangeAreas, XlRequestContext, XlWorksheet } from './excel-api';
import { parseAreas } from './read';

export const SHEET_ROWS = 1048576;
export const SHEET_COLS = 16384;
/** Rows per band of the banded read. */
export const MERGE_BAND_ROWS = 2000;
/** A band this small that still fails: the sheet is read without merges. */
export const MIN_MERGE_BAND_ROWS = 8;
/** One column this tall holds at most 512 merge anchors: a probe never hits the limit. */
const PROBE_ROWS = 512;
/** Syncs the banded read may take in all (a host that fails for another reason stops here). */
const MAX_SYNCS = 40;

/** Rows of a sheet whose merged areas are wanted (full width). */
export interface MergeTarget {
  ws: XlWorksheet;
  top: number;
  /** Last row of interest; with `toEnd` the last band runs on to the sheet's last row. */
  bottom: number;
  toEnd?: boolean;
}

/** Queues the merged areas of rows top..top+rows-1, full width; the thunk (after sync) parses them. */
export function queueMergeBand(ws: XlWorksheet, top: number, rows: number): () => CellRange[] {
  const areas = ws.getRangeByIndexes(top, 0, rows, SHEET_COLS).getMergedAreasOrNullObject();
  areas.load('address');
  return () => parsed(areas);
}

/** Queues the merged areas of the whole sheet (one operation). */
export function queueSheetMerges(ws: XlWorksheet): () => CellRange[] {
  const areas = ws.getRange().getMergedAreasOrNullObject();
  areas.load('address');
  return () => parsed(areas);
}

function parsed(areas: XlRangeAreas): CellRange[] {
  // called after the caller's sync
  return areas.isNullObject ? [] : parseAreas(areas.address);
}

/** A batch refused because a cell is being edited: never a merge problem, the caller retries it. */
function isCellEdit(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === 'InvalidOperationInCellEditMode';
}

interface Band {
  t: number;
  top: number;
  rows: number;
  /** Runs on to the sheet's last row (read size), beyond `rows` rows of interest. */
  toEnd: boolean;
}

/**
 * The merged areas of each target, in row bands of `bandRows` read together in one sync. A sync that
 * fails is split: a group of bands into halves, a single band into two half bands, down to
 * MIN_MERGE_BAND_ROWS; a band that still fails gives null for its target (read without merges). A merge
 * cut at a band's bottom is measured again from its top-left cell (one column, ≤ 512 rows).
 */
export async function readMergesBanded(
  context: XlRequestContext,
  targets: MergeTarget[],
  bandRows = MERGE_BAND_ROWS,
): Promise<{ merges: (CellRange[] | null)[]; syncs: number }> {
  const found: (CellRange[] | null)[] = targets.map(() => []);
  const first: Band[] = [];
  targets.forEach((tg, t) => {
    const per = Math.max(MIN_MERGE_BAND_ROWS, bandRows);
    for (let top = tg.top; top <= tg.bottom; top += per) {
      const rows = Math.min(per, tg.bottom - top + 1);
      first.push({ t, top, rows, toEnd: !!tg.toEnd && top + rows > tg.bottom });
    }
  });
  const groups: Band[][] = first.length ? [first] : [];
  let probes: { t: number; m: CellRange }[] = [];
  let syncs = 0;
  while (groups.length || probes.length) {
    const group = (groups.shift() ?? []).filter((b) => found[b.t] !== null);
    const probing = probes.filter((p) => found[p.t] !== null);
    probes = [];
    if (!group.length && !probing.length) continue;
    if (syncs >= MAX_SYNCS) {
      for (const b of [...group, ...groups.flat()]) found[b.t] = null;
      for (const p of probing) found[p.t] = null;
      break;
    }
    const reads = group.map((b) => {
      const rows = b.toEnd ? SHEET_ROWS - b.top : b.rows;
      return { band: b, read: queueMergeBand(targets[b.t].ws, b.top, rows) };
    });
    const probeReads = probing.map((p) => {
      const areas = targets[p.t].ws.getRangeByIndexes(p.m.top, p.m.left, Math.min(PROBE_ROWS, SHEET_ROWS - p.m.top), 1).getMergedAreasOrNullObject();
      areas.load('address');
      return { probe: p, read: () => parsed(areas) };
    });
    try {
      syncs++;
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only after the one-sync read failed: bands split until each is under the limit
      await context.sync();
    } catch (e) {
      if (isCellEdit(e)) throw e;
      probes = probing; // never over the limit: sent again with the next group
      if (group.length > 1) {
        const h = group.length >> 1;
        groups.unshift(group.slice(0, h), group.slice(h));
      } else if (group.length === 1) {
        const b = group[0];
        if (b.rows > MIN_MERGE_BAND_ROWS) {
          const h = Math.ceil(b.rows / 2);
          groups.unshift([
            { ...b, rows: h, toEnd: false },
            { ...b, top: b.top + h, rows: b.rows - h },
          ]);
        } else found[b.t] = null;
      } else throw e;
      continue;
    }
    for (const { band, read } of reads) {
      const list = found[band.t];
      if (!list) continue;
      const bottom = band.top + band.rows - 1;
      const cut = !band.toEnd && bottom < targets[band.t].bottom;
      for (const m of read()) {
        if (cut && m.bottom === bottom) probes.push({ t: band.t, m });
        else list.push(m);
      }
    }
    for (const { probe, read } of probeReads) {
      const list = found[probe.t];
      if (!list) continue;
      const whole = read().find((m) => m.top === probe.m.top && m.left === probe.m.left);
      list.push({ ...probe.m, bottom: Math.max(probe.m.bottom, whole?.bottom ?? probe.m.bottom) });
    }
  }
  return { merges: found, syncs };
}

// The outcome of a run, shared by the Office and WPS hosts (host-neutral: no host import).
import type { Finding, TableResult } from '../core/types';

export type RunMode = 'recompute' | 'validate' | 'restore' | 'analyze';
export type RunStatus = 'ok' | 'no-table' | 'protected' | 'workbook-protected' | 'nothing-to-restore' | 'store-unreadable' | 'error';

/** Something the run could not do as usual, shown with the outcome (like a finding). */
export interface RunNotice {
  /**
   * threaded-comment: a marked cell holds a threaded comment, which leaves no room for a note: fill only.
   * store-reset: the restore store could not be read; its cells were copied to column B of the store
   * sheet (`cell`) and the run started from an empty store.
   * no-merges: the sheet's merged areas could not be read; the sheet was checked without them.
   * too-large: the sheet was not read (its used range is over the cap); `cell` is its last used row's
   * first cell, e.g. "A1048576".
   */
  kind: 'threaded-comment' | 'store-reset' | 'no-merges' | 'too-large' | 'legacy-format';
  sheet: string;
  cell: string;
  /**
   * legacy-format: the workbook was opened from this format ('xls' / 'et', compatibility mode, told
   * by Office.context.document.url); recompute and validate then write nothing (docs/decisions.md).
   */
  format?: 'xls' | 'et';
}

export interface RunCounts {
  error: number;
  warning: number;
  info: number;
}

export interface RunOutcome {
  mode: RunMode;
  status: RunStatus;
  scope: 'sheet' | 'workbook';
  activeSheet: string;
  /** Sheets the engine looked at. */
  sheets: string[];
  tables: TableResult[];
  findings: Finding[];
  counts: RunCounts;
  written: {
    values: number;
    fills: number;
    notes: number;
    /** Cells brought back to their original state. */
    restored: number;
    /** Stored cells the user edited after the add-in changed them: left as they are. */
    kept: number;
    /** Planned writes skipped because the cell holds a formula. */
    skippedFormulas: number;
  };
  protectedSheets: string[];
  notices: RunNotice[];
  /** True when a failed write was rolled back. */
  rolledBack?: boolean;
  error?: string;
  at: string;
}

export function findingCounts(findings: Finding[]): RunCounts {
  const c: RunCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function blankOutcome(mode: RunMode, scope: RunOutcome['scope']): RunOutcome {
  return {
    mode,
    status: 'ok',
    scope,
    activeSheet: '',
    sheets: [],
    tables: [],
    findings: [],
    counts: { error: 0, warning: 0, info: 0 },
    written: { values: 0, fills: 0, notes: 0, restored: 0, kept: 0, skippedFormulas: 0 },
    protectedSheets: [],
    notices: [],
    at: new Date().toISOString(),
  };
}

/** After a failed (rolled back) write nothing was written. */
export function nothingWritten(o: RunOutcome): void {
  o.written = { ...o.written, values: 0, fills: 0, notes: 0, restored: 0 };
}

/** A host error as one line: its code (Office.js gives one) and its message. */
export function errorText(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return [err?.code, err?.message ?? String(e)].filter(Boolean).join(': ');
}

// The task pane's view of its host: everything App.tsx asks of Excel or WPS, implemented once per
// host (src/office/pane-host.ts over Office.js or the preview's fake host, src/wps/pane-host.ts over
// the WPS ET object model). Promises throughout: Office is asynchronous, WPS answers at once.
import type { Lang } from '../core/types';
import type { LastRun, RunOutcome, RunStatus } from '../office/adapter';
import type { Diagnostics } from '../office/diagnostics';
import type { ZipingSettings } from '../office/settings';
import type { SummaryOutcome } from '../office/summary';
import type { OutcomeText } from '../ui-strings';

export interface PaneLiveOptions {
  /** Current settings and language, read at each re-analysis. */
  current(): { settings: ZipingSettings; lang: Lang };
  /** Tables and findings after a user edit (read-only: nothing written). */
  onUpdate(outcome: RunOutcome): void;
  /** The live check stopped itself after this error. */
  onError(e: unknown): void;
}

/** One live check, started while the pane is open and the switch is on. */
export interface PaneLive {
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
  /** The pane's latest full analysis (the live check replaces the touched sheets' part). */
  setBase(outcome: RunOutcome | null): void;
  /** Sheets were added or renamed. */
  refreshSheets(): void;
}

/** 汇总表 (both hosts: src/office/summary.ts, src/wps/summary.ts on src/host/summary.ts). */
export interface PaneSummary {
  build(o: { settings: ZipingSettings; lang: Lang }): Promise<SummaryOutcome>;
  /** 清除标记 also removes the summary sheet: the text to show and what happened to it. */
  afterRestore(text: OutcomeText, status: RunStatus, lang: Lang): Promise<{ text: OutcomeText; summary: SummaryOutcome }>;
  /** Goes to the summary sheet. */
  open(): Promise<void>;
}

export interface ZipingHost {
  /** office: inside Excel; preview: the browser preview's fake Excel; wps: inside WPS 表格. */
  readonly kind: 'office' | 'preview' | 'wps';
  run(mode: 'analyze' | 'recompute' | 'validate', o: { settings: ZipingSettings; lang: Lang }): Promise<RunOutcome>;
  /** resetUnreadable: 重置恢复信息 on an unreadable store (audit-2 #6). */
  restore(o: { settings: ZipingSettings; resetUnreadable?: boolean }): Promise<RunOutcome>;
  /** The workbook's address (Office.context.document.url), for the .xls / .et check; absent: unknown. */
  documentUrl?(): string | null;
  selectCell(sheet: string, address: string): Promise<void>;
  loadSettings(): Promise<ZipingSettings>;
  saveSettings(settings: ZipingSettings): Promise<void>;
  /** The last ribbon or pane run, kept in the workbook. */
  loadLastRun(): Promise<LastRun | null>;
  /** Whether the host reports user edits (the live check's switch is disabled otherwise). */
  readonly liveSupported: boolean;
  createLive(o: PaneLiveOptions): PaneLive;
  /** Absent: the pane hides 汇总表. */
  readonly summary?: PaneSummary;
  /** 关于/诊断. */
  diagnostics(): Diagnostics;
  /** 自检: the copyable plain-text report. */
  selfCheck?(lang: Lang): Promise<string>;
  /** Calls back when the workbook changes outside the pane (sheet switched, ribbon run): Excel worksheets.onActivated, WPS SheetActivate. */
  subscribe?(onChange: () => void): () => void;
  /** Calls back when the pane closes. */
  onClosed?(fn: () => void): () => void;
}

export interface AppBridge {
  /** null: not inside a host (a plain browser); the pane says where to open it. */
  host: ZipingHost | null;
  /** The host's display language, e.g. 'zh-CN'. */
  displayLanguage: string | null;
  /** Which application the pane belongs to (the message outside a host names it). */
  app: 'excel' | 'wps';
}

// The live check in WPS: Application.ApiEvent 'SheetChange' → after a quiet spell, the touched sheets
// are read and analysed again (read-only) and their tables and findings replace those of the last
// outcome. Events raised while the add-in itself writes are ignored (setWriting), whether or not WPS
// raises them for add-in writes (a 自检 question).
import type { Lang } from '../core/types';
import type { Analyze, RunOutcome } from '../office/adapter';
import type { ZipingSettings } from '../office/settings';
import type { EtAddinRoot, EtWorksheet } from './et-api';
import { runAnalysis } from './run';

export interface WpsLiveOptions {
  analyze: Analyze;
  current(): { settings: ZipingSettings; lang: Lang };
  onUpdate(outcome: RunOutcome): void;
  onError(e: unknown): void;
  debounceMs?: number;
  /** Timers (tests pass their own). */
  timers?: { set(fn: () => void, ms: number): unknown; clear(id: unknown): void };
}

const COUNT_KEYS = ['error', 'warning', 'info'] as const;

export class WpsLiveCheck {
  private base: RunOutcome | null = null;
  private touched = new Set<string>();
  private timer: unknown = null;
  private writing = false;
  private on = false;
  private readonly handler = (sheet: EtWorksheet) => this.changed(sheet);
  private readonly timers: NonNullable<WpsLiveOptions['timers']>;

  constructor(
    private readonly app: EtAddinRoot,
    private readonly opts: WpsLiveOptions,
  ) {
    this.timers = opts.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>) };
  }

  start(): void {
    if (this.on) return;
    this.app.ApiEvent.AddApiEventListener('SheetChange', this.handler);
    this.on = true;
  }

  stop(): void {
    if (!this.on) return;
    this.on = false;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    try {
      this.app.ApiEvent.RemoveApiEventListener('SheetChange', this.handler);
    } catch {
      /* the page is going away */
    }
  }

  get running(): boolean {
    return this.on;
  }

  setBase(outcome: RunOutcome | null): void {
    this.base = outcome;
  }

  /** The add-in's own writes start or end. */
  setWriting(on: boolean): void {
    this.writing = on;
  }

  private changed(sheet: EtWorksheet): void {
    if (this.writing || !this.on) return;
    let name: string;
    try {
      name = sheet.Name;
    } catch {
      return;
    }
    this.touched.add(name);
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => this.flush(), this.opts.debounceMs ?? 500);
  }

  /** Re-analyses the touched sheets now. */
  flush(): RunOutcome | null {
    this.timer = null;
    const names = [...this.touched];
    this.touched.clear();
    if (!names.length || !this.on) return null;
    try {
      const { settings, lang } = this.opts.current();
      const fresh = runAnalysis(this.app, 'analyze', { analyze: this.opts.analyze, settings, lang, sheets: names });
      const base = this.base;
      const merged: RunOutcome = base
        ? {
            ...base,
            tables: [...base.tables.filter((t) => !names.includes(t.sheet)), ...fresh.tables],
            findings: [...base.findings.filter((f) => !names.includes(f.sheet)), ...fresh.findings],
          }
        : fresh;
      merged.counts = { error: 0, warning: 0, info: 0 };
      for (const f of merged.findings) if (COUNT_KEYS.includes(f.severity)) merged.counts[f.severity]++;
      this.base = merged;
      this.opts.onUpdate(merged);
      return merged;
    } catch (e) {
      this.stop();
      this.opts.onError(e);
      return null;
    }
  }
}

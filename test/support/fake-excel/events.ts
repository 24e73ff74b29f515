// worksheet.onChanged (ExcelApi 1.7) and worksheets.onChanged (1.9) for the fake host: handlers are
// registered and removed at sync like Office's, and get the real API's WorksheetChangedEventArgs.
import type { XlEventHandlerResult, XlEventHandlers, XlWorksheetChangedEventArgs } from '../../../src/office/excel-api';

type Handler = (args: XlWorksheetChangedEventArgs) => Promise<unknown>;

interface Registration {
  /** Worksheet id, or '*' for the collection-level event. */
  scope: string;
  handler: Handler;
  /** The request context it was added in: remove() must be synced there. */
  context: unknown;
}

/** What the fake context offers the event objects (kept small so host.ts stays the owner). */
export interface EventContext {
  enqueueEvent(api: string, requires: string, run: () => void): void;
}

export interface ChangeOptions {
  changeType?: string;
  /** 'ThisLocalAddin' when the add-in's own write caused it (reported on ExcelApi 1.14+). */
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
  /** Single-cell edits carry details on ExcelApi 1.9+. */
  details?: { valueBefore: unknown; valueAfter: unknown; valueTypeBefore: string; valueTypeAfter: string };
}

export class FakeEvents {
  private regs: Registration[] = [];
  private inflight = new Set<Promise<unknown>>();
  /** Every event delivered, for tests. */
  readonly delivered: XlWorksheetChangedEventArgs[] = [];
  /** Handler errors (Office swallows them; tests look). */
  readonly handlerErrors: unknown[] = [];

  constructor(private readonly supports: (version: string) => boolean) {}

  /** Registered onChanged handlers (sheet-level and collection-level). */
  get count(): number {
    return this.regs.length;
  }

  /** `scope`: '*' (every sheet) or the sheet's id, resolved at sync. */
  handlers(ctx: EventContext & object, scope: '*' | (() => string), requires: string, api: string): XlEventHandlers<XlWorksheetChangedEventArgs> {
    return {
      add: (handler: Handler): XlEventHandlerResult => {
        const reg: Registration = { scope: '*', handler, context: ctx };
        let live = false;
        ctx.enqueueEvent(`${api}.add`, requires, () => {
          reg.scope = scope === '*' ? '*' : scope();
          this.regs.push(reg);
          live = true;
        });
        return {
          context: ctx,
          remove: () => {
            ctx.enqueueEvent('EventHandlerResult.remove', requires, () => {
              if (!live) throw new Error('InvalidOperation: the handler is not registered');
              this.regs = this.regs.filter((r) => r !== reg);
              live = false;
            });
          },
        };
      },
    };
  }

  /** Delivers WorksheetChangedEventArgs to the handlers of `worksheetId` (asynchronously, like Office). */
  fire(worksheetId: string, address: string, opts: ChangeOptions = {}): void {
    const args: Record<string, unknown> = {
      type: 'WorksheetChanged',
      source: 'Local',
      changeType: opts.changeType ?? 'RangeEdited',
      worksheetId,
      address,
    };
    if (this.supports('1.14')) args.triggerSource = opts.triggerSource ?? 'Unknown';
    if (this.supports('1.9') && opts.details && !address.includes(':')) args.details = opts.details;
    const targets = this.regs.filter((r) => r.scope === '*' || r.scope === worksheetId);
    if (!targets.length) return;
    const event = args as unknown as XlWorksheetChangedEventArgs;
    this.delivered.push(event);
    for (const r of targets) {
      const p: Promise<unknown> = Promise.resolve()
        .then(() => r.handler(event))
        .catch((e) => this.handlerErrors.push(e))
        .finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    }
  }

  /** Resolves when every delivered handler call has finished. */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }
}

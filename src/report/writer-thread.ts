// The summary workbook's own thread: rows are written while the files are still being checked.
import { parentPort } from 'worker_threads';
import type { Lang } from '../core/types';
import type { FileSummary } from './summary';
import { SummaryWriter } from './workbook';

export type ToWriter = { open: { outFile: string; lang: Lang } } | { add: FileSummary } | { close: true } | { abort: true };
export type FromWriter = { ok: 'open' | 'close' | 'abort' } | { error: string };

let writer: SummaryWriter | null = null;
let failure: string | null = null;
const reply = (m: FromWriter) => parentPort?.postMessage(m);
const message = (e: unknown) => String((e as Error)?.message ?? e);

parentPort?.on('message', (m: ToWriter) => {
  void (async () => {
    if ('open' in m) {
      try {
        writer = await SummaryWriter.open(m.open.outFile, m.open.lang);
        reply({ ok: 'open' });
      } catch (e) {
        reply({ error: message(e) });
      }
    } else if ('add' in m) {
      try {
        if (!failure) writer?.add(m.add);
      } catch (e) {
        failure = message(e); // said at close
      }
    } else if ('close' in m) {
      try {
        if (failure) throw new Error(failure);
        await writer?.close();
        reply({ ok: 'close' });
      } catch (e) {
        await writer?.abort();
        reply({ error: message(e) });
      }
    } else {
      await writer?.abort();
      reply({ ok: 'abort' });
    }
  })();
});

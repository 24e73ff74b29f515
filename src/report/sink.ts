// Where the summary rows go while files are checked: a thread of its own (the writer uses a core
// the check leaves idle), or this thread when threads are not wanted.
import * as path from 'path';
import { existsSync } from 'fs';
import { Worker } from 'worker_threads';
import type { Lang } from '../core/types';
import type { FileSummary } from './summary';
import { SummaryWriter } from './workbook';
import type { FromWriter, ToWriter } from './writer-thread';

export interface SummarySink {
  /** Adds one file's rows; files must come in the order of the summary. */
  add(f: FileSummary): void;
  /** Finishes the workbook and moves it into place; rejects with the writer's message. */
  close(): Promise<void>;
  /** Drops what was written. */
  abort(): Promise<void>;
}

function threadFile(): { file: string; workerData?: unknown } {
  const js = path.join(__dirname, 'writer-thread.js');
  if (existsSync(js)) return { file: js };
  // from the TypeScript sources (jest): the pool's loader compiles them
  return { file: path.join(__dirname, 'worker-ts.js'), workerData: { entry: './writer-thread.ts' } };
}

/** Opens the summary workbook `outFile`; rejects (with the reason) when it cannot be created. */
export async function openSummarySink(outFile: string, lang: Lang, options: { thread?: boolean } = {}): Promise<SummarySink> {
  if (options.thread === false) {
    const w = await SummaryWriter.open(outFile, lang);
    return { add: (f) => w.add(f), close: () => w.close(), abort: () => w.abort() };
  }
  const { file, workerData } = threadFile();
  const worker = new Worker(file, { workerData });
  let waiting: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const settle = (e: Error | null) => {
    const w = waiting;
    waiting = null;
    if (e) w?.reject(e);
    else w?.resolve();
  };
  worker.on('message', (m: FromWriter) => settle('error' in m ? new Error(m.error) : null));
  worker.on('error', (e) => settle(e));
  worker.on('exit', (code) => settle(new Error(`the summary writer stopped (exit code ${code})`)));
  const ask = (m: ToWriter) =>
    new Promise<void>((resolve, reject) => {
      waiting = { resolve, reject };
      worker.postMessage(m);
    });
  const end = async (m: ToWriter) => {
    try {
      await ask(m);
    } finally {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  };
  try {
    await ask({ open: { outFile, lang } });
  } catch (e) {
    worker.removeAllListeners('exit');
    await worker.terminate();
    throw e;
  }
  return { add: (f) => worker.postMessage({ add: f } satisfies ToWriter), close: () => end({ close: true }), abort: () => end({ abort: true }) };
}

// Checks many files on all cores: a piscina pool of worker threads, or in this thread for one job.
// Each worker holds one workbook at a time and returns only its compact summary, so memory stays
// bounded by the number of workers, not by the number of files.
import { existsSync, statSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkFileSummary, internalError, type CheckTask } from './check';
import type { FileSummary } from './summary';

export type TaskBase = Omit<CheckTask, 'file'>;

/** Files in flight per worker thread. */
const AHEAD = 3;

export interface PoolOptions {
  /** Files checked at once: this thread plus jobs - 1 worker threads; 1 runs in this thread only. Default: autoJobs(files). */
  jobs?: number;
  /** Called once per file as it finishes (any order); `done` counts finished files; `inWorker` says where it was checked; `index` is the file's place in `files`. */
  onDone?: (summary: FileSummary, done: number, total: number, inWorker: boolean, index: number) => void;
}

export const defaultJobs = (): number => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : Math.max(1, os.cpus().length));

/**
 * Input below which one thread beats a pool on a machine of 2 cores: one thread already keeps
 * about 1.3 cores busy (V8's collector runs beside it) and a worker pays its own start and JIT
 * warm-up. Measured with the bench's workbooks: break-even near 6 MB (130 files of 20 tables).
 */
export const POOL_MIN_BYTES = 8 * 1024 * 1024;

/** Threads for `files` when --jobs is not given: every core, except small batches on 2 cores or fewer. */
export function autoJobs(files: string[]): number {
  const cores = defaultJobs();
  if (cores > 2) return cores;
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += statSync(f).size;
    } catch {
      /* unreadable: reported when checked */
    }
    if (bytes >= POOL_MIN_BYTES) return cores;
  }
  return 1;
}

/**
 * The worker's entry: the compiled worker.js beside this module (the build), or, when this module
 * runs from its TypeScript source (jest), a small loader that compiles the sources on require.
 */
export function workerFile(): string {
  const js = path.join(__dirname, 'worker.js');
  if (existsSync(js)) return js;
  const dev = path.join(__dirname, 'worker-ts.js');
  if (__filename.endsWith('.ts') && existsSync(dev)) return dev;
  throw new Error(`worker not found: ${js}`);
}

/** Checks `files` and returns their summaries in input order. */
export async function checkFiles(files: string[], base: TaskBase, options: PoolOptions = {}): Promise<FileSummary[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? autoJobs(files), files.length || 1));
  const out: FileSummary[] = new Array(files.length);
  let done = 0;
  const finish = (i: number, s: FileSummary, inWorker = false) => {
    out[i] = s;
    done++;
    options.onDone?.(s, done, files.length, inWorker, i);
  };
  if (jobs === 1) {
    for (let i = 0; i < files.length; i++) finish(i, await checkFileSummary({ ...base, file: files[i] }));
    return out;
  }
  // jobs - 1 worker threads plus this thread: every lane takes the next file when it is free, so the
  // slowest file never holds up a queue, and this thread's already loaded engine does its share.
  // piscina is loaded only for a pool (it costs startup time otherwise).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Piscina } = require('piscina') as typeof import('piscina');
  const workers = jobs - 1;
  const pool = new Piscina<CheckTask, FileSummary>({
    filename: workerFile(),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
    atomics: 'async',
    // a worker keeps the next files queued in its own port: this thread, busy with its own file,
    // would otherwise leave the worker waiting for the next task
    concurrentTasksPerWorker: AHEAD,
  });
  let next = 0;
  const failed = (file: string, e: unknown): FileSummary => ({
    file,
    error: internalError(base.lang, file, String((e as Error)?.message ?? e).replace(/[\r\n]+/g, ' ')),
    tables: [],
  });
  const workerLane = async () => {
    for (let i = next++; i < files.length; i = next++) {
      // a worker that dies (out of memory on a huge file...) costs that file only
      finish(i, await pool.run({ ...base, file: files[i] }).catch((e: unknown) => failed(files[i], e)), true);
    }
  };
  const mainLane = async () => {
    // let the workers take the first files while they start, then share the rest
    await new Promise((r) => setImmediate(r));
    for (let i = next++; i < files.length; i = next++) {
      finish(i, await checkFileSummary({ ...base, file: files[i] }));
      // let the event loop hand the workers their next files (a file is read and checked without a break)
      await new Promise((r) => setImmediate(r));
    }
  };
  try {
    await Promise.all([mainLane(), ...Array.from({ length: workers * AHEAD }, workerLane)]);
  } finally {
    await pool.destroy();
  }
  return out;
}

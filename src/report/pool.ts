// Checks many files on all cores: a piscina pool of worker threads, or in this thread for one job.
// Each worker holds one workbook at a time and returns only its compact summary, so memory stays
// bounded by the number of workers, not by the number of files.
import { existsSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkFileSummary, internalError, type CheckTask } from './check';
import type { FileSummary } from './summary';

export type TaskBase = Omit<CheckTask, 'file'>;

export interface PoolOptions {
  /** Worker threads; 1 runs in this thread. Default: os.availableParallelism(). */
  jobs?: number;
  /** Called once per file as it finishes (any order); `done` counts finished files. */
  onDone?: (summary: FileSummary, done: number, total: number) => void;
}

export const defaultJobs = (): number =>
  typeof os.availableParallelism === 'function' ? os.availableParallelism() : Math.max(1, os.cpus().length);

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
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), files.length || 1));
  const out: FileSummary[] = new Array(files.length);
  let done = 0;
  const finish = (i: number, s: FileSummary) => {
    out[i] = s;
    done++;
    options.onDone?.(s, done, files.length);
  };
  if (jobs === 1) {
    for (let i = 0; i < files.length; i++) finish(i, await checkFileSummary({ ...base, file: files[i] }));
    return out;
  }
  // piscina is loaded only for a pool (it costs startup time otherwise)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Piscina } = require('piscina') as typeof import('piscina');
  const pool = new Piscina<CheckTask, FileSummary>({ filename: workerFile(), minThreads: jobs, maxThreads: jobs, idleTimeout: 1000 });
  try {
    await Promise.all(
      files.map((file, i) =>
        pool.run({ ...base, file }).then(
          (s) => finish(i, s),
          // a worker that dies (out of memory on a huge file...) costs that file only
          (e: unknown) => finish(i, { file, error: internalError(base.lang, file, String((e as Error)?.message ?? e).replace(/[\r\n]+/g, ' ')), tables: [] }),
        ),
      ),
    );
  } finally {
    await pool.destroy();
  }
  return out;
}

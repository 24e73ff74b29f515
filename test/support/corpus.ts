// The shared corpus of other projects' spreadsheets (../shared/corpus/files), read in place, never copied.
// CI always has shared/ beside the clone; elsewhere a suite says so rather than pass in silence.
import * as fs from 'fs';
import * as path from 'path';

export const CORPUS = path.resolve(__dirname, '../../..', 'shared/corpus/files');
export const HAVE_CORPUS = fs.existsSync(CORPUS);
export const corpusFile = (name: string): string => path.join(CORPUS, name);

/** Runs `suite` when the corpus is there; else one test that fails unless ZIPING_NO_CORPUS=1 says to go without it. */
export function withCorpus(label: string, suite: () => void): void {
  if (HAVE_CORPUS) return suite();
  it('has the corpus at ../shared/corpus/files', () => {
    if (process.env.ZIPING_NO_CORPUS !== '1')
      throw new Error(`../shared/corpus/files not found (looked in ${CORPUS}); set ZIPING_NO_CORPUS=1 to run without it`);
    process.stdout.write(`${label}: ../shared/corpus/files not found (${CORPUS}); not run (ZIPING_NO_CORPUS=1)\n`);
  });
}

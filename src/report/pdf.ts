// `report --pdf`: the HTML report printed by a Chromium-family browser already on the machine
// (Chromium, Chrome or Edge), started headless with --print-to-pdf. No library and no download: the
// browser's own command line has printed to PDF since Chrome 59, whatever its version, whereas a
// DevTools client (playwright-core) must match the browser's protocol and would be a runtime dependency.
import { spawn } from 'child_process';
import { existsSync, promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

/** Where a Chromium-family browser is usually installed, per platform. */
export function browserCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') {
    const roots = [env['ProgramFiles(x86)'], env.ProgramFiles, env.LOCALAPPDATA].filter((x): x is string => !!x);
    return roots.flatMap((r) => [
      path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(r, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  if (platform === 'darwin')
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable', 'msedge'];
  const dirs = ['/usr/bin', ...(env.PATH ?? '').split(path.delimiter).filter((d) => d && d !== '/usr/bin'), '/snap/bin'];
  return dirs.flatMap((d) => names.map((n) => path.join(d, n)));
}

export class NoBrowserError extends Error {}

/** The browser to print with: ZIPING_BROWSER when set (it must exist), else the first one installed. */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = existsSync,
): string {
  const given = env.ZIPING_BROWSER;
  if (given) {
    if (!exists(given)) throw new NoBrowserError(`ZIPING_BROWSER=${given}`);
    return given;
  }
  const found = browserCandidates(env, platform).find((f) => exists(f));
  if (!found) throw new NoBrowserError('');
  return found;
}

/** Prints `htmlFile` to `pdfFile` with `browser`; rejects with the browser's own words when no PDF comes out. */
export async function printPdf(browser: string, htmlFile: string, pdfFile: string, timeoutMs = 120_000): Promise<void> {
  // a profile of its own: never hands the job to a browser the user has open, never touches their profile
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'ziping-pdf-'));
  try {
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // the page prints its own page numbers (@page margin boxes), not the browser's date, title and URL
      '--no-pdf-header-footer',
      '--print-to-pdf-no-header',
      `--user-data-dir=${profile}`,
      `--print-to-pdf=${pdfFile}`,
      pathToFileURL(path.resolve(htmlFile)).href,
    ];
    // Chromium refuses to start as root with its sandbox (containers, CI)
    if (typeof process.getuid === 'function' && process.getuid() === 0) args.unshift('--no-sandbox');
    await fsp.rm(pdfFile, { force: true });
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        if (err.length < 4000) err += d.toString('utf8');
      });
      const timer = setTimeout(() => child.kill(), timeoutMs);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('close', () => {
        clearTimeout(timer);
        resolve(err);
      });
    });
    const head = await fsp
      .readFile(pdfFile)
      .then((b) => b.subarray(0, 5).toString('latin1'))
      .catch(() => '');
    if (head !== '%PDF-') {
      await fsp.rm(pdfFile, { force: true });
      const why = stderr
        .split(/\r?\n/)
        .filter((l) => /error|fatal/i.test(l))
        .slice(-1)[0];
      throw new Error(why ? why.trim() : `${path.basename(browser)} wrote no PDF`);
    }
  } finally {
    await fsp.rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

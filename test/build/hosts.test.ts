// Nothing leaves the machine: the production build (task pane + ribbon) may reference no host but
// the Office.js CDN. Strings that are never fetched (XML namespaces, JSON-schema ids zod writes into
// generated schemas, React's error-decoder text, licence URLs) are allowed by exact prefix.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import webpack from 'webpack';

const ROOT = path.resolve(__dirname, '../..');
const FETCHED_OK = ['https://appsforoffice.microsoft.com/lib/1/hosted/', 'https://appsforoffice.microsoft.com;', 'https://appsforoffice.microsoft.com'];
const NEVER_FETCHED = [
  'http://www.w3.org/', // XML/SVG namespaces
  'https://json-schema.org/draft/', // zod's toJSONSchema $schema ids
  'http://json-schema.org/draft-',
  'https://react.dev/errors/', // text of React's minified error messages
  'https://github.com/zloirock/core-js', // core-js licence string
];

type Config = webpack.Configuration & { name: string };
let outDir: string;
let files: string[];

beforeAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(path.join(ROOT, 'webpack.config.js')) as (env: object, argv: object) => Promise<Config[]>;
  const configs = await factory({}, { mode: 'production' });
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-hosts-'));
  for (const c of configs) {
    const config = { ...c, output: { ...c.output, path: outDir, clean: false }, infrastructureLogging: { level: 'error' as const } };
    await new Promise<void>((resolve, reject) =>
      webpack(config, (err, stats) => (err ? reject(err) : stats!.hasErrors() ? reject(new Error(stats!.toString('errors-only'))) : resolve())),
    );
  }
  files = fs.readdirSync(outDir).filter((f) => /\.(js|html|css)$/.test(f));
}, 300_000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

describe('the production bundles', () => {
  it('are all there', () => {
    expect(files).toEqual(expect.arrayContaining(['taskpane.js', 'taskpane.html', 'commands.js', 'commands.html', 'dialog.js', 'dialog.html']));
  });

  it('reference no host but the Office.js CDN', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(outDir, f), 'utf8');
      // a host name ends in a letter TLD and is not a method call (`//i.test(` in a minified regex)
      for (const m of text.matchAll(/https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![\w(])[^\s"'`)<>]*/gi)) {
        const url = m[0];
        if ([...FETCHED_OK, ...NEVER_FETCHED].some((p) => url.startsWith(p))) continue;
        offenders.push(`${f}: ${url.slice(0, 100)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('load scripts only from themselves and the Office.js CDN, under a Content-Security-Policy', () => {
    for (const f of files.filter((x) => x.endsWith('.html'))) {
      const html = fs.readFileSync(path.join(outDir, f), 'utf8');
      const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/i.exec(html)?.[1] ?? '';
      expect([f, /script-src 'self'( https:\/\/appsforoffice\.microsoft\.com)?;/.test(csp)]).toEqual([f, true]);
      for (const s of html.matchAll(/<script[^>]+src="?([^"\s>]+)"?/g)) {
        const src = s[1];
        expect([f, src.startsWith('https://appsforoffice.microsoft.com/') || !/^(https?:)?\/\//.test(src)]).toEqual([f, true]);
      }
    }
  });
});

// npm run package: the intranet zip holds what a web server and the users need, and nothing else.
// Runs the packager on a small stand-in for dist/ (the real build is covered by es5/hosts tests).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';

const ROOT = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/package.js is CommonJS outside the TypeScript project
const { makePackage } = require(path.join(ROOT, 'scripts/package.js')) as {
  makePackage(o: { distDir: string; url: string; outFile: string; version: string; officeJs?: string }): Promise<{ entries: string[] }>;
};

let dir: string;
let dist: string;

/** A dist/ as `ZIPING_OFFICE_JS=local npm run build` leaves it, plus what must stay out. */
function writeDist(): void {
  const files: Record<string, string> = {
    'taskpane.html': '<script src=office-js/office.js></script><script src=legacy.js></script>', // minified as the build writes it
    'taskpane.js': 'x',
    'taskpane.js.LICENSE.txt': 'MIT',
    'commands.html': '<script src="office-js/office.js"></script>',
    'commands.js': 'x',
    'dialog.html': 'x',
    'dialog.js': 'x',
    'legacy.js': 'x',
    'taskpane.css': 'x',
    'dialog.css': 'x',
    'manifest.xml': 'built for another URL',
    'assets/icon-32.png': 'png',
    'assets/recompute-16.png': 'png',
    'office-js/office.js': 'x',
    'office-js/excel-win32-16.01.js': 'x',
    'office-js/zh-cn/office_strings.js': 'x',
    // stays out: source maps, the preview, stray files
    'taskpane.js.map': '{}',
    'commands.js.map': '{}',
    'preview.html': 'x',
    'preview.js': 'x',
    'office-js/office.debug.js.map': '{}',
    'notes.test.ts': 'x',
    '.DS_Store': 'x',
  };
  for (const [f, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dist, f)), { recursive: true });
    fs.writeFileSync(path.join(dist, f), body);
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-package-'));
  dist = path.join(dir, 'dist');
  writeDist();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run package', () => {
  it('zips web/, the manifest for ZIPING_URL, server configs and 部署说明 — nothing else', async () => {
    const outFile = path.join(dir, 'out.zip');
    await makePackage({ distDir: dist, url: 'https://oa.czj.example.gov.cn/ziping', outFile, version: '0.1.0' });
    const zip = await JSZip.loadAsync(fs.readFileSync(outFile));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      [
        'manifest.xml',
        'server/nginx-ziping.conf',
        'web/assets/icon-32.png',
        'web/assets/recompute-16.png',
        'web/commands.html',
        'web/commands.js',
        'web/dialog.css',
        'web/dialog.html',
        'web/dialog.js',
        'web/legacy.js',
        'web/office-js/excel-win32-16.01.js',
        'web/office-js/office.js',
        'web/office-js/zh-cn/office_strings.js',
        'web/taskpane.css',
        'web/taskpane.html',
        'web/taskpane.js',
        'web/taskpane.js.LICENSE.txt',
        'web/web.config',
        '部署说明.txt',
      ].sort(),
    );
    const manifest = await zip.file('manifest.xml')!.async('string');
    expect(manifest).toContain('<SourceLocation DefaultValue="https://oa.czj.example.gov.cn/ziping/taskpane.html"/>');
    expect(manifest).not.toContain('localhost');
    const nginx = await zip.file('server/nginx-ziping.conf')!.async('string');
    expect(nginx).toContain('location ^~ /ziping/assets/ {');
    // icons: no Cache-Control at all (manifest Image element: "must not add any CACHE-CONTROL directives"),
    // and no inheritance of a hardening template's headers
    expect(nginx).toMatch(/assets\/ \{[^}]*expires off;[^}]*add_header X-Content-Type-Options/);
    expect(nginx).not.toMatch(/assets\/ \{[^}]*Cache-Control/);
    expect(nginx).toMatch(/location \^~ \/ziping\/ \{[^}]*Cache-Control "no-cache"/);
    expect(nginx).not.toMatch(/^\s*add_header X-Frame-Options/m);
    const webConfig = await zip.file('web/web.config')!.async('string');
    expect(webConfig).toContain('<clientCache cacheControlMode="DisableCache" />');
    expect(webConfig).toMatch(/<location path="assets">[\s\S]*cacheControlMode="NoControl"/);
    expect(webConfig).not.toContain('UseMaxAge');
    expect(webConfig).toContain('<remove name="X-Frame-Options" />');
    const readme = await zip.file('部署说明.txt')!.async('string');
    expect(readme).toContain('加载项地址：https://oa.czj.example.gov.cn/ziping/');
    expect(readme).toContain('插入 → 我的加载项 → 共享文件夹');
    expect(readme).toContain('Office.js 已随附');
  });

  it('refuses an http URL and a dist/ without the bundled office.js', async () => {
    const outFile = path.join(dir, 'out.zip');
    await expect(makePackage({ distDir: dist, url: 'http://oa.example.gov.cn/ziping/', outFile, version: '0.1.0' })).rejects.toThrow(/https/);
    fs.rmSync(path.join(dist, 'office-js'), { recursive: true });
    await expect(makePackage({ distDir: dist, url: 'https://oa.example.gov.cn/ziping/', outFile, version: '0.1.0' })).rejects.toThrow(/Office\.js/);
    expect(fs.existsSync(outFile)).toBe(false);
  });
});

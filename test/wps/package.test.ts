// npm run package:wps: the offline .7z holds ziping_<version>/ with the add-in's files (listed with
// 7zip-bin), and the sample manifests and the ribbon are well-formed XML naming the same version.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SaxesParser } from 'saxes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkgWps = require('../../scripts/package-wps.js') as {
  pack(dist: string, out: string, version: string, url: string): string;
  list(archive: string): string[];
};
const ROOT = path.resolve(__dirname, '../..');

function elements(xml: string): { name: string; attributes: Record<string, string> }[] {
  const out: { name: string; attributes: Record<string, string> }[] = [];
  const p = new SaxesParser();
  p.on('opentag', (t) => out.push({ name: t.name, attributes: t.attributes as Record<string, string> }));
  p.write(xml).close();
  return out;
}

it('packs the add-in folder into ziping_<version>.7z with sample jsplugins.xml and publish.xml', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-wps-'));
  try {
    const dist = path.join(tmp, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'src/wps/ribbon.xml'), path.join(dist, 'ribbon.xml'));
    fs.copyFileSync(path.join(ROOT, 'src/wps/index.html'), path.join(dist, 'index.html'));
    fs.copyFileSync(path.join(ROOT, 'src/wps/taskpane.html'), path.join(dist, 'taskpane.html'));
    fs.writeFileSync(path.join(dist, 'main.js'), 'window.ribbon = {};');
    fs.copyFileSync(path.join(ROOT, 'assets/icon-32.png'), path.join(dist, 'assets/icon-32.png'));
    const out = path.join(tmp, 'out');
    const archive = pkgWps.pack(dist, out, '1.2.3', 'http://intranet/ziping');
    expect(path.basename(archive)).toBe('ziping_1.2.3.7z');
    expect(pkgWps.list(archive).sort()).toEqual(
      ['', '/assets', '/assets/icon-32.png', '/index.html', '/main.js', '/ribbon.xml', '/taskpane.html'].map((f) => `ziping_1.2.3${f}`).sort(),
    );
    const online = elements(fs.readFileSync(path.join(out, 'jsplugins.online.xml'), 'utf8'));
    expect(online[1]).toEqual({ name: 'jspluginonline', attributes: { name: 'ziping', type: 'et', url: 'http://intranet/ziping/', enable: 'true' } });
    const offline = elements(fs.readFileSync(path.join(out, 'jsplugins.offline.xml'), 'utf8'));
    expect(offline[1].attributes).toMatchObject({ type: 'et', url: 'http://intranet/ziping/ziping_1.2.3.7z', version: '1.2.3' });
    const publish = elements(fs.readFileSync(path.join(out, 'publish.xml'), 'utf8'));
    expect(publish[1].attributes).toMatchObject({ name: 'ziping', url: 'ziping_1.2.3', version: '1.2.3' });
    expect(() => pkgWps.pack(path.join(tmp, 'empty'), out, '1.2.3', 'x')).toThrow(/missing/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

it('ribbon.xml: tab 绩效自评 with the four buttons on the main page’s callbacks', () => {
  const els = elements(fs.readFileSync(path.join(ROOT, 'src/wps/ribbon.xml'), 'utf8'));
  expect(els.find((e) => e.name === 'tab')!.attributes.label).toBe('绩效自评');
  const buttons = els.filter((e) => e.name === 'button');
  expect(buttons.map((b) => b.attributes.label)).toEqual(['重新计算', '提交前校验', '清除标记', '打开助手']);
  expect(buttons.map((b) => b.attributes.id)).toEqual(['zipingRecompute', 'zipingValidate', 'zipingRestore', 'zipingPane']);
  for (const b of buttons) expect(b.attributes.onAction).toBe('ribbon.OnAction');
});

// Structural checks of manifest.xml (office-addin-manifest validate needs an online service):
// well-formed, element order per the add-in manifest schema, resids, zh-CN overrides,
// FunctionNames registered by the function file, icons present at their sizes.
import * as fs from 'fs';
import * as path from 'path';
import { SaxesParser } from 'saxes';
import { FUNCTIONS, registerCommands } from '../../src/commands/commands';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS outside the TypeScript project
const { transformManifest } = require('../../webpack.config.js') as {
  transformManifest(c: Buffer, url: string, shared?: boolean): Buffer;
};

interface El {
  name: string; // local name
  prefix: string;
  ns: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

function parse(xml: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const stack: El[] = [];
  let root: El | null = null;
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes) as { name: string; value: string }[]) attrs[a.name] = a.value;
    const el: El = { name: tag.local as string, prefix: tag.prefix as string, ns: tag.uri as string, attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

function all(el: El, name: string, out: El[] = []): El[] {
  if (el.name === name) out.push(el);
  for (const c of el.children) all(c, name, out);
  return out;
}

function child(el: El, name: string): El | undefined {
  return el.children.find((c) => c.name === name);
}

/** Child sequences from the add-in manifest schema (MS-OWEMXML), in order; '!' = required. */
const SEQUENCES: Record<string, string[]> = {
  OfficeApp: [
    '!Id',
    'AlternateId',
    '!Version',
    '!ProviderName',
    '!DefaultLocale',
    '!DisplayName',
    '!Description',
    'IconUrl',
    'HighResolutionIconUrl',
    'SupportUrl',
    'AppDomains',
    '!Hosts',
    'Requirements',
    'DefaultSettings',
    'Permissions',
    'AllowSnapshot',
    'VersionOverrides',
  ],
  VersionOverrides: ['Description', 'Requirements', '!Hosts', 'Resources', 'EquivalentAddins', 'WebApplicationInfo'],
  Host: ['Runtimes', 'AllFormFactors', 'DesktopFormFactor'],
  DesktopFormFactor: ['GetStarted', '!FunctionFile', 'ExtensionPoint'],
  GetStarted: ['!Title', '!Description', 'LearnMoreUrl'],
  CustomTab: ['!Group', '!Label', 'InsertBefore', 'InsertAfter'],
  Group: ['!Label', 'Icon', '!Control'],
  Control: ['!Label', '!Supertip', '!Icon', '!Action'],
  Supertip: ['!Title', '!Description'],
  Resources: ['Images', 'Urls', 'ShortStrings', 'LongStrings'],
  DefaultSettings: ['!SourceLocation', 'RequestedWidth', 'RequestedHeight'],
};

function checkOrder(el: El, errors: string[], where = el.name): void {
  const seq = SEQUENCES[el.name];
  if (seq && !(el.name === 'Host' && el.children.length === 0)) {
    const names = seq.map((s) => s.replace('!', ''));
    let last = -1;
    for (const c of el.children) {
      const i = names.indexOf(c.name);
      if (i < 0) errors.push(`${where}: unexpected <${c.name}>`);
      else if (i < last) errors.push(`${where}: <${c.name}> after <${names[last]}>`);
      else last = i;
    }
    for (const s of seq.filter((x) => x.startsWith('!'))) {
      if (!child(el, s.slice(1))) errors.push(`${where}: missing <${s.slice(1)}>`);
    }
  }
  if (el.name === 'Action') {
    const type = el.attrs['xsi:type'];
    const want = type === 'ExecuteFunction' ? ['FunctionName'] : ['TaskpaneId', 'SourceLocation', 'Title'];
    const got = el.children.map((c) => c.name);
    const idx = got.map((g) => want.indexOf(g));
    if (idx.some((i) => i < 0) || idx.some((i, k) => k > 0 && i < idx[k - 1])) errors.push(`${where}: Action ${type} children ${got.join(',')}`);
  }
  el.children.forEach((c) => checkOrder(c, errors, `${where}/${c.name}`));
}

/** The resource kind each resid-bearing element must point to. */
function residKind(el: El, parent: El): 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings' | null {
  if (el.name === 'Image') return 'Images';
  if (['SourceLocation', 'FunctionFile', 'LearnMoreUrl', 'Runtime'].includes(el.name)) return 'Urls';
  if (el.name === 'Label' || el.name === 'Title') return 'ShortStrings';
  if (el.name === 'Description') return parent.name === 'VersionOverrides' ? 'LongStrings' : 'LongStrings';
  return null;
}

function walkResids(el: El, parent: El | null, out: { kind: string; id: string; at: string }[]): void {
  if (el.attrs.resid && parent) out.push({ kind: residKind(el, parent) ?? '?', id: el.attrs.resid, at: el.name });
  for (const c of el.children) walkResids(c, el, out);
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const VARIANTS: [string, string][] = [
  ['manifest.xml (development)', SOURCE],
  ['dist/manifest.xml (production)', transformManifest(Buffer.from(SOURCE), 'https://addins.caizheng.example/ziping').toString('utf8')],
  ['dist/manifest.xml (shared runtime)', transformManifest(Buffer.from(SOURCE), 'https://addins.caizheng.example/ziping/', true).toString('utf8')],
];

describe.each(VARIANTS)('%s', (_label, xml) => {
  const root = parse(xml);

  it('is a well-formed TaskPaneApp for Workbook with ExcelApi 1.7', () => {
    expect(root.name).toBe('OfficeApp');
    expect(root.ns).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(child(root, 'Id')!.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(child(root, 'Version')!.text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(all(child(root, 'Hosts')!, 'Host').map((h) => h.attrs.Name)).toEqual(['Workbook']);
    const sets = all(child(root, 'Requirements')!, 'Set');
    expect(sets.find((s) => s.attrs.Name === 'ExcelApi')?.attrs.MinVersion).toBe('1.7');
    const vo = child(root, 'VersionOverrides')!;
    expect(vo.ns).toBe('http://schemas.microsoft.com/office/taskpaneappversionoverrides');
    expect(vo.attrs['xsi:type']).toBe('VersionOverridesV1_0');
  });

  it('keeps the element order of the schema', () => {
    const errors: string[] = [];
    checkOrder(root, errors);
    expect(errors).toEqual([]);
  });

  it('defines every resid, of the right kind, and no unused resource', () => {
    const resources = all(root, 'Resources')[0];
    const defined = new Map<string, string>();
    for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings']) {
      const group = child(resources, kind)!;
      for (const e of group.children) {
        expect(defined.has(e.attrs.id)).toBe(false);
        defined.set(e.attrs.id, kind);
        expect(e.attrs.id.length).toBeLessThanOrEqual(32);
      }
    }
    const refs: { kind: string; id: string; at: string }[] = [];
    walkResids(child(root, 'VersionOverrides')!, root, refs);
    for (const r of refs) expect([r.at, r.id, defined.get(r.id)]).toEqual([r.at, r.id, r.kind]);
    const used = new Set(refs.map((r) => r.id));
    expect([...defined.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('has a zh-CN override for every label and tooltip', () => {
    const strings = [...all(root, 'ShortStrings')[0].children, ...all(root, 'LongStrings')[0].children];
    expect(strings.length).toBeGreaterThanOrEqual(12);
    for (const s of strings) {
      const o = s.children.filter((c) => c.name === 'Override' && c.attrs.Locale === 'zh-CN');
      expect([s.attrs.id, o.length]).toEqual([s.attrs.id, 1]);
      expect(o[0].attrs.Value).toMatch(/[\u4e00-\u9fff]/);
      expect(s.attrs.DefaultValue).toMatch(/^[\x20-\x7e’“”–]+$/); // English default
      const max = all(root, 'ShortStrings')[0].children.includes(s) ? 125 : 250;
      expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(max);
      expect(o[0].attrs.Value.length).toBeLessThanOrEqual(max);
    }
    for (const name of ['DisplayName', 'Description']) {
      const el = child(root, name)!;
      expect(el.children.some((c) => c.name === 'Override' && c.attrs.Locale === 'zh-CN')).toBe(true);
    }
    const labels = all(root, 'ShortStrings')[0].children.map((s) => s.children[0].attrs.Value);
    expect(labels).toEqual(expect.arrayContaining(['绩效自评', '重新计算', '提交前校验', '清除标记', '打开助手']));
  });

  it('has the ribbon tab 绩效自评 with one group of four buttons', () => {
    const tabs = all(root, 'CustomTab');
    expect(tabs.length).toBe(1);
    const groups = tabs[0].children.filter((c) => c.name === 'Group');
    expect(groups.length).toBe(1);
    const controls = groups[0].children.filter((c) => c.name === 'Control');
    expect(controls.map((c) => child(c, 'Action')!.attrs['xsi:type'])).toEqual([
      'ExecuteFunction',
      'ExecuteFunction',
      'ExecuteFunction',
      'ShowTaskpane',
    ]);
    expect(controls.map((c) => c.attrs['xsi:type'])).toEqual(['Button', 'Button', 'Button', 'Button']);
  });

  it('registers every FunctionName with Office.actions.associate in src/commands', () => {
    const names = all(root, 'FunctionName').map((f) => f.text.trim());
    expect(names.sort()).toEqual(Object.values(FUNCTIONS).sort());
    const associated: string[] = [];
    const globals: Record<string, unknown> = {};
    registerCommands(
      { associate: (n) => associated.push(n) },
      () => {
        throw new Error('not called');
      },
      globals,
    );
    expect(associated.sort()).toEqual(names.sort());
    expect(Object.keys(globals).sort()).toEqual(names.sort());
    // on Internet Explorer (Office 2019) the real functions run, built to ES5 (test/build/es5.test.ts):
    // the task pane's fallback message (legacy.js) must not answer them, and the function file does not load it
    const legacy = fs.readFileSync(path.join(ROOT, 'src/commands/legacy.js'), 'utf8');
    for (const n of names) expect(legacy).not.toContain(n);
    expect(fs.readFileSync(path.join(ROOT, 'src/commands/commands.html'), 'utf8')).not.toContain('legacy.js');
  });

  it('points every image at a PNG of its size in assets/', () => {
    const images = all(root, 'Images')[0].children;
    const size = new Map(
      all(root, 'Image')
        .filter((i) => i.attrs.resid)
        .map((i) => [i.attrs.resid, Number(i.attrs.size)]),
    );
    for (const img of images) {
      const file = path.join(ROOT, 'assets', path.basename(img.attrs.DefaultValue));
      expect(fs.existsSync(file)).toBe(true);
      const { width, height } = pngSize(file);
      expect([img.attrs.id, width, height]).toEqual([img.attrs.id, size.get(img.attrs.id), size.get(img.attrs.id)]);
      expect(img.attrs.DefaultValue).toMatch(new RegExp(`-${width}\\.png$`));
    }
    expect(pngSize(path.join(ROOT, 'assets', path.basename(child(root, 'IconUrl')!.attrs.DefaultValue))).width).toBe(32);
    expect(pngSize(path.join(ROOT, 'assets', path.basename(child(root, 'HighResolutionIconUrl')!.attrs.DefaultValue))).width).toBe(64);
  });

  it('uses HTTPS URLs on one origin', () => {
    const urls = [...xml.matchAll(/(?:DefaultValue)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(10);
    const origins = new Set(urls.map((u) => new URL(u).origin));
    expect(origins.size).toBe(1);
    for (const u of urls) expect(u.startsWith('https://')).toBe(true);
  });
});

describe('the structure checks themselves', () => {
  it('catch a misplaced element, a missing resid and a missing override', () => {
    const moved = SOURCE.replace('              <Label resid="Tab.Label"/>\n', '').replace(
      '<CustomTab id="Ziping.Tab">',
      '<CustomTab id="Ziping.Tab">\n              <Label resid="Tab.Label"/>',
    );
    expect(moved).not.toBe(SOURCE);
    const errors: string[] = [];
    checkOrder(parse(moved), errors);
    expect(errors.join()).toMatch(/CustomTab: <Group> after <Label>/);
    const refs: { kind: string; id: string; at: string }[] = [];
    walkResids(parse(SOURCE.replace('resid="Validate.Tooltip"', 'resid="Validate.Tip"')), null, refs);
    expect(refs.some((r) => r.id === 'Validate.Tip')).toBe(true);
    expect(() => parse(SOURCE.replace('</Hosts>', ''))).toThrow();
  });
});

describe('production manifest', () => {
  it('replaces every development URL', () => {
    const xml = VARIANTS[1][1];
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('https://addins.caizheng.example/ziping/taskpane.html');
    expect(xml).toContain('https://addins.caizheng.example/ziping/assets/icon-32.png');
  });

  it('the shared-runtime variant runs the functions in the task pane runtime', () => {
    const root = parse(VARIANTS[2][1]);
    const runtime = all(root, 'Runtime')[0];
    expect(runtime.attrs).toMatchObject({ resid: 'Taskpane.Url', lifetime: 'long' });
    expect(all(root, 'FunctionFile')[0].attrs.resid).toBe('Taskpane.Url');
    expect(all(child(root, 'Requirements')!, 'Set').map((s) => s.attrs.Name)).toContain('SharedRuntime');
    // the default manifest must not need the shared runtime (Office 2019 has none)
    expect(SOURCE).not.toContain('SharedRuntime');
    expect(SOURCE).not.toContain('<Runtimes>');
  });
});

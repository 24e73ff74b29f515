// The ribbon functions on Internet Explorer 11 (Office 2019 volume licence hosts add-ins in Trident):
// builds the webpack 'ribbon' compilation (commands + dialog) in production mode, checks that the
// output is ES5 (acorn, ecmaVersion 5) and small enough, then runs the built commands.js in a `vm`
// realm stripped of ES2015+ built-ins (./es5-realm.ts) against the fake Excel host, and compares the
// cells it writes with the TypeScript sources run normally.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import webpack from 'webpack';
import { analyzeWorkbook } from '../../src/core';
import { runCommand, type CommandEnv, type CommandKind } from '../../src/commands/commands';
import { saveSettings } from '../../src/office/adapter';
import { DEFAULT_SETTINGS, LAST_RUN_KEY, type ZipingSettings } from '../../src/office/settings';
import { parseDialogHash } from '../../src/office/dialog-page';
import type { OutcomeText } from '../../src/ui-strings';
import { SAMPLE_SHEETS } from '../fixtures/sample';
import { hostFor, snapshot } from '../support/workbooks';
import type { FakeExcelHost } from '../support/fake-excel';
import { createEs5Realm, IE11_UA, STRIPPED, type Es5Realm } from './es5-realm';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const acorn = require('acorn') as typeof import('acorn');

const ROOT = path.resolve(__dirname, '../..');
const GZIP_BUDGET = 150 * 1024;
const PAGE = 'https://ziping.example.gov.cn/addin/commands.html';
/** Office 2019 volume licence (Windows): ExcelApi up to 1.7, DialogApi 1.1, no SharedRuntime. */
const OFFICE_2019 = { excelApi: '1.7', sets: { DialogApi: '1.1' } };
const EXAMPLE_PROFILE = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/profile.example.json'), 'utf8'));

type Config = webpack.Configuration & { name: string };
let configs: Config[];
let ribbon: Config;
let outDir: string;
let commandsJs: string;
let dialogJs: string;
let emitted: string[];

beforeAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(path.join(ROOT, 'webpack.config.js')) as (env: object, argv: object) => Promise<Config[]>;
  configs = await factory({}, { mode: 'production' });
  ribbon = configs.find((c) => c.name === 'ribbon')!;
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-es5-'));
  const config = { ...ribbon, output: { ...ribbon.output, path: outDir }, infrastructureLogging: { level: 'error' as const } };
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats!.hasErrors()) return reject(new Error(stats!.toString('errors-only')));
      resolve();
    }),
  );
  emitted = fs.readdirSync(outDir).sort();
  commandsJs = fs.readFileSync(path.join(outDir, 'commands.js'), 'utf8');
  dialogJs = fs.readFileSync(path.join(outDir, 'dialog.js'), 'utf8');
}, 300_000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

// ---- static checks ---------------------------------------------------------------------------

interface Node {
  type: string;
  start: number;
  [k: string]: unknown;
}

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
  visit(node as Node);
  for (const [k, v] of Object.entries(node)) if (k !== 'type' && v && typeof v === 'object') walk(v, visit);
}

/** Parses as ES5; the error names the first ES2015+ construct with the code around it. */
function parseEs5(code: string, file: string): unknown {
  try {
    return acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
  } catch (e) {
    const pos = (e as { pos?: number }).pos ?? 0;
    throw new Error(`${file} is not ES5: ${(e as Error).message} near …${code.slice(Math.max(0, pos - 80), pos + 80)}…`);
  }
}

/**
 * RegExps built at run time that IE 11 cannot compile, but that only APIs the code does not use build,
 * on demand. The realm's RegExp rejects them too, so one run at load or by a command would fail there.
 */
const ON_DEMAND_ONLY = [
  /Extended_Pictographic/, // zod: z.string().emoji(), not in the profile schema
];

/** The string assigned to `name` closest before `pos` (`name="…"`), or ''. */
function patternOf(code: string, name: string, pos: number): string {
  const before = code.slice(Math.max(0, pos - 2000), pos);
  const at = before.lastIndexOf(`${name}="`);
  if (at < 0) return '';
  const end = before.indexOf('"', at + name.length + 2);
  return end < 0 ? '' : before.slice(at + name.length + 2, end);
}

/** `RegExp(…, 'u')`-style calls: flags IE 11 rejects at run time (the parser only sees literals). */
function modernRegExpFlags(ast: unknown, code: string): string[] {
  const found: string[] = [];
  walk(ast, (n) => {
    if (n.type !== 'NewExpression' && n.type !== 'CallExpression') return;
    const callee = n.callee as Node & { name?: string };
    const args = n.arguments as (Node & { value?: unknown })[];
    if (callee.type === 'Identifier' && callee.name === 'RegExp' && args[1]?.type === 'Literal' && typeof args[1].value === 'string' && /[^gim]/.test(args[1].value)) {
      const text = code.slice(n.start, (n as { end?: number }).end ?? n.start + 200);
      // the minifier may hoist the pattern into a variable: look at its initialiser too
      const first = args[0] as Node & { name?: string };
      const init = first?.type === 'Identifier' ? patternOf(code, first.name as string, n.start) : '';
      if (!ON_DEMAND_ONLY.some((re) => re.test(text) || re.test(init))) found.push(text.slice(0, 120));
    }
  });
  return found;
}

describe('the ribbon build (commands + dialog) for Internet Explorer 11', () => {
  it('holds only the function file and the dialog; the task pane stays a separate, modern compilation', () => {
    expect(configs.map((c) => c.name)).toEqual(['taskpane', 'ribbon']);
    expect(Object.keys(ribbon.entry as object).sort()).toEqual(['commands', 'dialog']);
    expect(ribbon.target).toEqual(['web', 'es5']);
    const pages = (ribbon.plugins ?? []).map((p) => (p as { userOptions?: { filename?: string } }).userOptions?.filename).filter(Boolean);
    expect(pages.sort()).toEqual(['commands.html', 'dialog.html']);
    expect(emitted).toEqual(expect.arrayContaining(['commands.html', 'commands.js', 'dialog.html', 'dialog.js']));
    expect(emitted.filter((f) => /taskpane|preview/.test(f))).toEqual([]);
    // babel-loader (and its polyfills) only in the ribbon compilation
    const modern = configs.find((c) => c.name === 'taskpane')!;
    expect(Object.keys(modern.entry as object)).toEqual(['taskpane']);
    expect(JSON.stringify(modern.module?.rules)).not.toContain('babel-loader');
    expect(JSON.stringify(ribbon.module?.rules)).toContain('babel-loader');
  });

  it('the ES5 check itself rejects ES2015+ syntax', () => {
    for (const code of ['var f = () => 1;', 'let a = 1;', 'var s = `x`;', 'class A {}', 'var {a} = o;', 'var r = /a/u;', 'var r = /a/s;', 'async function f() {}']) {
      expect(() => parseEs5(code, 'sample')).toThrow(/not ES5/);
    }
    const sample = 'new RegExp("a", "u"); RegExp("b", "gi"); new RegExp("\\p{Extended_Pictographic}", "u")';
    expect(modernRegExpFlags(parseEs5(sample, 's'), sample)).toEqual(['new RegExp("a", "u")']);
    const hoisted = 'var p="\\p{Extended_Pictographic}",q="x";new RegExp(p,"u");new RegExp(q,"u")';
    expect(modernRegExpFlags(parseEs5(hoisted, 's'), hoisted)).toEqual(['new RegExp(q,"u")']);
  });

  it('emits ES5 only: commands.js and dialog.js parse with ecmaVersion 5, no RegExp flags IE lacks', () => {
    for (const [file, code] of [['commands.js', commandsJs], ['dialog.js', dialogJs]] as const) {
      const ast = parseEs5(code, file);
      expect([file, modernRegExpFlags(ast, code)]).toEqual([file, []]);
    }
    // the task pane's message for Internet Explorer is hand-written ES5 (copied, not built)
    parseEs5(fs.readFileSync(path.join(ROOT, 'src/commands/legacy.js'), 'utf8'), 'legacy.js');
    // polyfills come from core-js; the async functions' runtime is Babel's inlined regenerator
    expect(commandsJs).not.toMatch(/regenerator-runtime\/runtime|require\(["']core-js/);
  });

  it(`keeps commands.js under ${GZIP_BUDGET / 1024} KB gzipped and the dialog small`, () => {
    const gz = (s: string) => zlib.gzipSync(Buffer.from(s), { level: 9 }).length;
    expect(gz(commandsJs)).toBeLessThan(GZIP_BUDGET);
    expect(gz(dialogJs)).toBeLessThan(12 * 1024); // no Promise/Symbol polyfills: see src/office/dialog-page.ts
  });
});

// ---- running the bundle in a stripped realm ---------------------------------------------------

interface Office2019 {
  realm: Es5Realm;
  actions: Map<string, (event: unknown) => unknown>;
  dialogs: string[];
  use(host: FakeExcelHost): void;
  /** Runs an associated action like Excel does and waits for event.completed(). */
  press(name: string): Promise<void>;
}

/** A realm with Office/Excel globals over the fake host, commands.js loaded. */
async function office2019(): Promise<Office2019> {
  const realm = createEs5Realm();
  const actions = new Map<string, (event: unknown) => unknown>();
  const dialogs: string[] = [];
  let host: FakeExcelHost | null = null;
  const office = {
    onReady(cb: (info: { host: string; platform: string }) => void) {
      setTimeout(() => cb({ host: 'Excel', platform: 'PC' }), 0);
    },
    context: {
      displayLanguage: 'zh-CN',
      requirements: { isSetSupported: (name: string, version?: string) => host!.isSetSupported(name, version) },
      ui: {
        displayDialogAsync(url: string, _options: unknown, cb: (r: unknown) => void) {
          dialogs.push(url);
          const handlers: ((arg: unknown) => void)[] = [];
          const dialog = { addEventHandler: (_type: string, fn: (arg: unknown) => void) => void handlers.push(fn), close: () => undefined };
          cb({ status: 'succeeded', value: dialog });
          setTimeout(() => handlers[0]?.({ message: 'close' }), 0); // the user clicks 关闭
        },
      },
    },
    actions: { associate: (name: string, fn: (event: unknown) => unknown) => void actions.set(name, fn) },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  };
  const excel = { run: (batch: never) => host!.run(batch) };
  Object.assign(realm.context, { Office: realm.toInner(office), Excel: realm.toInner(excel) });
  realm.run(`window.location = { href: ${JSON.stringify(PAGE)}, hash: '' }; window.document = { documentMode: 11, readyState: 'complete' };`);
  realm.run(commandsJs, 'commands.js');
  // Office.onReady fires on a timer, then the actions are associated
  for (let i = 0; i < 100 && actions.size < 3; i++) await new Promise((r) => setTimeout(r, 10));
  return {
    realm,
    actions,
    dialogs,
    use: (h) => void (host = h),
    press: (name) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: event.completed() not called\n${realm.log.join('\n')}`)), 30_000);
        void actions.get(name)!({ completed: () => (clearTimeout(timer), resolve()) });
      }),
  };
}

/** The same command on the TypeScript sources (what the modern build runs), with the same notifier payload. */
async function reference(host: FakeExcelHost, kind: CommandKind): Promise<OutcomeText[]> {
  const notes: OutcomeText[] = [];
  const env: CommandEnv = { host, analyze: analyzeWorkbook, lang: 'zh', notify: async (t) => void notes.push(t) };
  await runCommand(kind, env);
  return notes;
}

const SETTINGS: ZipingSettings = { ...DEFAULT_SETTINGS, scope: 'workbook', customProfiles: [EXAMPLE_PROFILE], profile: EXAMPLE_PROFILE.name };

async function twoHosts(settings: ZipingSettings = SETTINGS): Promise<[FakeExcelHost, FakeExcelHost]> {
  const a = await hostFor(SAMPLE_SHEETS, OFFICE_2019);
  const b = await hostFor(SAMPLE_SHEETS, OFFICE_2019);
  await saveSettings(a, settings);
  await saveSettings(b, settings);
  return [a, b];
}

/** The outcome summary the command stored in the workbook settings, without its time stamp. */
function lastRun(host: FakeExcelHost): unknown {
  const raw = host.settings.get(LAST_RUN_KEY);
  const { at, ...rest } = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { at: string };
  expect(at).toMatch(/^\d{4}-\d\d-\d\dT/);
  return rest;
}

function dialogPayload(url: string): unknown {
  return parseDialogHash(url.slice(url.indexOf('#')));
}

describe('commands.js in a realm without ES2015+ built-ins (Internet Explorer 11 on Office 2019)', () => {
  let office: Office2019;
  beforeAll(async () => {
    office = await office2019();
  }, 60_000);

  it('really lacks the built-ins, and the bundle put back what it uses', () => {
    const realm = createEs5Realm();
    expect(realm.get('typeof Symbol + typeof Map + typeof Set + typeof WeakMap + typeof Promise + typeof Object.assign + typeof Array.from')).toBe(
      'undefinedundefinedundefinedundefinedundefinedundefinedundefined',
    );
    expect(realm.get('typeof [].includes + typeof "".normalize + typeof "".includes + typeof Number.isFinite + typeof Object.entries + typeof [].find + typeof globalThis')).toBe(
      'undefinedundefinedundefinedundefinedundefinedundefinedundefined',
    );
    expect(realm.get('navigator.userAgent')).toBe(IE11_UA);
    expect(() => realm.run('new RegExp("a", "u")')).toThrow(/flags/);
    expect(() => realm.run('RegExp("(?<=a)b")')).toThrow(/Lookbehind/);
    expect(realm.get('new RegExp("a+", "gi").test("xAA") && /b/ instanceof RegExp && RegExp(/c/g).global')).toBe(true);
    expect(STRIPPED.length).toBeGreaterThan(80);
    // after commands.js: core-js polyfills (String#normalize has none: the engine folds widths itself)
    expect(office.realm.get('typeof Symbol + typeof Map + typeof Set + typeof Promise + typeof Object.assign + typeof Array.from + typeof [].includes')).toBe(
      'functionfunctionfunctionfunctionfunctionfunctionfunction',
    );
    expect(office.realm.get('typeof "".normalize')).toBe('undefined');
    // Array#sort: unstable like IE's before, core-js's stable merge sort after
    const stable = `(function () {
      var a = [], i, ok = true;
      for (i = 0; i < 40; i++) a.push({ k: i % 3, i: i });
      a.sort(function (x, y) { return x.k - y.k; });
      for (i = 1; i < a.length; i++) if (a[i - 1].k === a[i].k && a[i - 1].i > a[i].i) ok = false;
      return ok;
    })()`;
    expect(realm.get(stable)).toBe(false);
    expect(office.realm.get(stable)).toBe(true);
  });

  it('associates the three ribbon functions (and sets them as globals)', () => {
    expect([...office.actions.keys()].sort()).toEqual(['zipingRecompute', 'zipingRestore', 'zipingValidate']);
    expect(office.realm.get('typeof window.zipingRecompute + typeof window.zipingValidate + typeof window.zipingRestore')).toBe('functionfunctionfunction');
    expect(office.realm.log.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('重新计算 writes the same cells, settings and dialog text as the TypeScript build (custom profile via zod, workbook scope)', async () => {
    const [es5, ref] = await twoHosts();
    const original = snapshot(es5.workbook);
    office.use(es5);
    const before = office.dialogs.length;
    await office.press('zipingRecompute');
    const notes = await reference(ref, 'recompute');

    expect(es5.violations).toEqual([]);
    const written = snapshot(es5.workbook);
    expect(written).toEqual(snapshot(ref.workbook));
    expect(written).not.toEqual(original);
    expect(lastRun(es5)).toEqual(lastRun(ref));
    expect(es5.stats.syncs).toBe(ref.stats.syncs);
    // the outcome dialog: dialog.html next to commands.html, the same text, a URL Internet Explorer accepts
    expect(office.dialogs.length).toBe(before + 1);
    const url = office.dialogs[before];
    expect(url.startsWith('https://ziping.example.gov.cn/addin/dialog.html#')).toBe(true);
    expect(url.length).toBeLessThan(2083);
    expect(dialogPayload(url)).toEqual({ ...notes[0], lang: 'zh' });
    expect(notes[0].message).toMatch(/张表/);

    // the custom profile really was used (it was validated by zod inside the realm)
    const [, plain] = await twoHosts({ ...SETTINGS, customProfiles: [], profile: DEFAULT_SETTINGS.profile });
    await reference(plain, 'recompute');
    expect(snapshot(plain.workbook)).not.toEqual(written);
  }, 60_000);

  it('提交前校验 and 清除标记 give the same result as the TypeScript build', async () => {
    const [es5, ref] = await twoHosts();
    office.use(es5);
    for (const [name, kind] of [['zipingValidate', 'validate'], ['zipingRecompute', 'recompute'], ['zipingRestore', 'restore'], ['zipingRestore', 'restore']] as const) {
      const before = office.dialogs.length;
      await office.press(name);
      const notes = await reference(ref, kind);
      expect([name, snapshot(es5.workbook)]).toEqual([name, snapshot(ref.workbook)]);
      expect([name, lastRun(es5)]).toEqual([name, lastRun(ref)]);
      expect([name, dialogPayload(office.dialogs[before])]).toEqual([name, { ...notes[0], lang: 'zh' }]);
    }
    expect(es5.violations).toEqual([]);
  }, 60_000);

  it('an Excel error still ends with event.completed() and an error message', async () => {
    const [es5] = await twoHosts();
    es5.fault = (op) => op.write;
    office.use(es5);
    const before = office.dialogs.length;
    await office.press('zipingRecompute');
    const payload = dialogPayload(office.dialogs[before]) as OutcomeText;
    expect(payload.intent).toBe('error');
    expect(payload.message).toMatch(/GeneralException|injected fault/);
  }, 60_000);
});

describe('dialog.js in a realm without ES2015+ built-ins', () => {
  it('shows the outcome from the URL hash and closes through messageParent', () => {
    const realm = createEs5Realm();
    const text = { title: '重新计算完成', message: '1 张表：2 个错误，1 个警告。', intent: 'error', lang: 'zh' };
    realm.run(`
      var elements = {}, parentMessages = [], listeners = {};
      function element(id) { return elements[id] || (elements[id] = { id: id, textContent: '', addEventListener: function (t, fn) { listeners[id + ':' + t] = fn; } }); }
      window.document = { documentElement: { lang: '' }, body: { className: '' }, getElementById: element };
      window.location = { href: 'https://x/dialog.html', hash: ${JSON.stringify('#&_serializer_version=1ziping=' + encodeURIComponent(JSON.stringify(text)))} };
      window.Office = { onReady: function (cb) { cb({ host: 'Excel' }); }, context: { ui: { messageParent: function (m) { parentMessages.push(m); } } } };
    `);
    realm.run(dialogJs, 'dialog.js');
    expect(realm.get('elements.title.textContent')).toBe(text.title);
    expect(realm.get('elements.message.textContent')).toBe(text.message);
    expect(realm.get('elements.close.textContent')).toBe('关闭');
    expect(realm.get('document.body.className')).toBe('intent-error');
    expect(realm.get('document.documentElement.lang')).toBe('zh-CN');
    realm.run(`listeners['close:click']({})`);
    expect(realm.toOuter(realm.get('parentMessages'))).toEqual(['close']);
  });
});

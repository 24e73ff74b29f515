// Audit 2, #6, third step: the restore store's chunks carry a generation (a hash of the whole JSON),
// their index and count, and their length, so a store pieced together from two co-authors' runs
// (merged cell by cell) is caught instead of read as a document neither run wrote.
import { analyzeWorkbook } from '../../src/core';
import { runAnalysis, runRestore, type Analyze } from '../../src/office/adapter';
import { STORE_SHEET, decodeStore, encodeStore, StoreError, type StoreDoc } from '../../src/office/store';
import { describeOutcome } from '../../src/ui-strings';
import { runAnalysis as wpsRun, runRestore as wpsRestore } from '../../src/wps/run';
import { toWorkbook } from '../fixtures/build';
import { fengtai } from '../fixtures/tables';
import { FakeExcelHost } from '../support/fake-excel';
import { FakeEtHost } from '../support/fake-et';
import { diffSnapshots, hostFor, snapshot } from '../support/workbooks';

const analyze: Analyze = analyzeWorkbook;
const WORKBOOK = { scope: 'workbook' as const };
/** 20 copies of the 丰台 table: their marks make a store of two chunks (over 30,000 characters). */
const copies = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `项目${String(i + 1).padStart(2, '0')}`, placed: [{ table: fengtai, at: 'A1' }] }));
const MANY = copies(20);
/** WPS keeps no sheet ids: a few more sheets for two chunks. */
const MANY_WPS = copies(24);

function storeColumn(host: FakeExcelHost | FakeEtHost, col = 1): unknown[] {
  const ws = host.workbook.getWorksheet(STORE_SHEET);
  if (!ws) return [];
  const out: unknown[] = [];
  ws.getColumn(col).eachCell({ includeEmpty: false }, (c) => void out.push(c.value));
  return out;
}

function setStoreColumn(host: FakeExcelHost | FakeEtHost, cells: unknown[]): void {
  const ws = host.workbook.getWorksheet(STORE_SHEET)!;
  const rows = Math.max(cells.length, storeColumn(host).length);
  for (let r = 0; r < rows; r++) ws.getCell(r + 1, 1).value = (cells[r] ?? null) as string | null;
}

/** A cell's text without `~` and the chunk header (when there is one). */
const textOf = (v: unknown) => String(v).replace(/^~(g[0-9a-f]{8}\.\d+\/\d+\.\d+:)?/, '');

/**
 * One co-author's copy of a shared workbook: 实际完成值 of the first indicator was 9 in 项目01 and
 * 项目20 and the workbook was recomputed (得分 9 written in both); then this co-author types
 * `actual` in `sheet` and recomputes again.
 */
async function coAuthor(sheet: string, actual: number): Promise<FakeExcelHost> {
  const host = await hostFor(MANY, { excelApi: '1.18' });
  for (const s of ['项目01', '项目20']) host.workbook.getWorksheet(s)!.getCell('F14').value = 9;
  expect((await runAnalysis(host, 'recompute', { analyze, settings: WORKBOOK })).status).toBe('ok');
  host.workbook.getWorksheet(sheet)!.getCell('F14').value = actual;
  const out = await runAnalysis(host, 'recompute', { analyze, settings: WORKBOOK });
  expect(out.status).toBe('ok');
  expect(out.written.values).toBe(1);
  return host;
}

describe('audit-2 #6 generation of the store chunks', () => {
  it("audit-2 #6 generation: two co-authors' runs merged cell by cell form valid JSON, yet are caught (backup to column B, empty store, warning)", async () => {
    const x = await coAuthor('项目01', 8);
    const y = await coAuthor('项目20', 7);
    const cx = storeColumn(x);
    const cy = storeColumn(y);
    expect(cx).toHaveLength(2);
    expect(cy).toHaveLength(2);
    // the merge keeps A1 of one co-author and A2 of the other: a document neither run wrote ...
    const mixed = [cx[0], cy[1]];
    expect(textOf(mixed[0])).not.toBe(textOf(cy[0]));
    expect(textOf(mixed[1])).not.toBe(textOf(cx[1]));
    // ... whose text alone parses (both runs split at the same place): only the chunk headers tell
    expect(JSON.parse(mixed.map(textOf).join('')).app).toBe('ziping');
    expect(() => decodeStore(mixed.map((v) => [v]))).toThrow(StoreError);

    setStoreColumn(x, mixed);
    const out = await runAnalysis(x, 'recompute', { analyze, settings: WORKBOOK });
    expect(out.error).toBeUndefined();
    expect(out.status).toBe('ok');
    expect(out.notices.map((n) => n.kind)).toContain('store-reset');
    expect(describeOutcome(out, 'zh').message).toMatch(/恢复信息无法读取，已备份/);
    expect(storeColumn(x, 2)).toEqual([expect.stringMatching(/^~ziping: \S+ restore store: chunks of different runs/), ...mixed]);
    expect(decodeStore(storeColumn(x).map((v) => [v]))!.entries.length).toBeGreaterThan(0);
  });

  it('audit-2 #6 generation: 清除标记 on a mixed store stops and offers the reset, like any unreadable store', async () => {
    const x = await coAuthor('项目01', 8);
    const y = await coAuthor('项目20', 7);
    const mixed = [storeColumn(x)[0], storeColumn(y)[1]];
    setStoreColumn(x, mixed);
    const before = snapshot(x.workbook);
    const out = await runRestore(x, { settings: WORKBOOK });
    expect(out.status).toBe('store-unreadable');
    expect(describeOutcome(out, 'zh').message).toMatch(/重置恢复信息/);
    expect(diffSnapshots(before, snapshot(x.workbook)).filter((k) => !k.startsWith(STORE_SHEET))).toEqual([]);
  });

  it('audit-2 #6 generation: a chunk whose length does not match its header is caught', async () => {
    const x = await coAuthor('项目01', 8);
    const [a1, a2] = storeColumn(x).map(String);
    // the last 10 characters lost (a cut cell); and 10 characters more (a hand edit)
    for (const bad of [a2.slice(0, -10), a2 + '          ']) {
      setStoreColumn(x, [a1, bad]);
      expect(() => decodeStore([[a1], [bad]])).toThrow(/chunk 2 is cut short/);
      const out = await runAnalysis(x, 'validate', { analyze, settings: WORKBOOK });
      expect(out.notices.map((n) => n.kind)).toContain('store-reset');
      expect(String(storeColumn(x, 2)[0])).toMatch(/restore store: chunk 2 is cut short/);
    }
  });

  it('audit-2 #6 generation: chunks of two runs whose text is exactly one run’s document read as that document', async () => {
    // both co-authors changed 项目01 only: the second chunks hold the same text under different generations
    const x = await coAuthor('项目01', 8);
    const y = await coAuthor('项目01', 7);
    const [x1, x2] = storeColumn(x);
    const [y1, y2] = storeColumn(y);
    expect(x2).not.toBe(y2);
    expect(textOf(x2)).toBe(textOf(y2));
    setStoreColumn(y, [y1, x2]); // = y's document
    expect(decodeStore([[y1], [x2]])).toEqual(decodeStore([[y1], [y2]]));
    const out = await runAnalysis(y, 'validate', { analyze, settings: WORKBOOK });
    expect(out.notices.map((n) => n.kind)).not.toContain('store-reset');
    // and the other way round it is x's document
    expect(decodeStore([[x1], [y2]])).toEqual(decodeStore([[x1], [x2]]));
  });

  it('audit-2 #6 generation: a store written before chunk headers (today’s format) still reads, and the next run writes headers', async () => {
    const host = await hostFor(MANY, { excelApi: '1.18' });
    const original = snapshot(host.workbook);
    expect((await runAnalysis(host, 'validate', { analyze, settings: WORKBOOK })).status).toBe('ok');
    const doc = decodeStore(storeColumn(host).map((v) => [v]))!;
    // the format before this change: "~" and 30,000 characters of the JSON per cell
    const json = JSON.stringify(doc);
    const legacy: string[] = [];
    for (let i = 0; i < json.length; i += 30000) legacy.push('~' + json.slice(i, i + 30000));
    expect(legacy).toHaveLength(2);
    setStoreColumn(host, legacy);
    expect(decodeStore(legacy.map((v) => [v]))).toEqual(doc);
    const again = await runAnalysis(host, 'validate', { analyze, settings: WORKBOOK });
    expect(again.notices.map((n) => n.kind)).not.toContain('store-reset');
    expect(storeColumn(host).every((v) => /^~g[0-9a-f]{8}\.\d\/\d\.\d+:/.test(String(v)))).toBe(true);
    // and 清除标记 brings the workbook back as it was
    setStoreColumn(host, legacy);
    const out = await runRestore(host, { settings: WORKBOOK });
    expect(out.status).toBe('ok');
    expect(diffSnapshots(original, snapshot(host.workbook))).toEqual([]);
  });
});

describe('audit-2 #6 generation: encodeStore', () => {
  const doc = (note: string): StoreDoc => ({
    app: 'ziping',
    v: 1,
    entries: [{ s: '表', r: 0, c: 0, note: { o: null, w: note } }],
  });

  it('audit-2 #6 generation: the same document gives the same chunks (both hosts write the same store), another one other generations', () => {
    const a = encodeStore(doc('甲'));
    expect(encodeStore(doc('甲'))).toEqual(a);
    expect(encodeStore(doc('乙'))[0].slice(0, 10)).not.toBe(a[0].slice(0, 10));
    expect(decodeStore(a.map((v) => [v]))).toEqual(doc('甲'));
  });

  it('audit-2 #6 generation: a chunk never ends inside a surrogate pair, and each stays within a cell (32,767)', () => {
    // 𠀀 (U+20000, a CJK Extension B character as in some personal names) is two UTF-16 units
    const head = JSON.stringify(doc('@')).indexOf('@'); // where the note's text starts in the JSON
    for (const at of [29999, 30000]) {
      // the first 𠀀 starts at `at`: at 29999 a 30,000-character cut would fall between its two halves
      const d = doc('x'.repeat(at - head) + '𠀀'.repeat(30));
      const chunks = encodeStore(d);
      expect(chunks.length).toBeGreaterThan(1);
      for (const c of chunks) {
        expect(c.length).toBeLessThanOrEqual(32767);
        const last = textOf(c).charCodeAt(textOf(c).length - 1);
        expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
      }
      expect(decodeStore(chunks.map((v) => [v]))).toEqual(d);
    }
  });

  it('audit-2 #6 generation: a missing chunk or one of an older add-in (no header) is caught', () => {
    const chunks = encodeStore(doc('x'.repeat(70000)));
    expect(chunks).toHaveLength(3);
    expect(() => decodeStore([[chunks[0]], [chunks[2]]])).toThrow(/chunk 2 is cut short, missing/);
    expect(() => decodeStore([[chunks[0]], [chunks[1]]])).toThrow(/chunk count 2, written 3/);
    const edited = chunks[1].replace(/x$/, 'y'); // same length, other text
    expect(() => decodeStore([[chunks[0]], [edited], [chunks[2]]])).toThrow(/chunk text edited/);
    expect(() => decodeStore([[chunks[0]], ['~' + textOf(chunks[1])], [chunks[2]]])).toThrow(/chunks of different runs/);
  });
});

describe('audit-2 #6 generation in WPS', () => {
  /** `coAuthor` on the fake WPS host, with the last sheet (项目24) in the second chunk. */
  async function wpsCoAuthor(sheet: string, actual: number): Promise<FakeEtHost> {
    const et = await FakeEtHost.fromBuffer((await toWorkbook(MANY_WPS).xlsx.writeBuffer()) as ArrayBuffer);
    for (const s of ['项目01', '项目24']) et.workbook.getWorksheet(s)!.getCell('F14').value = 9;
    expect(wpsRun(et.Application, 'recompute', { analyze, settings: WORKBOOK }).status).toBe('ok');
    et.workbook.getWorksheet(sheet)!.getCell('F14').value = actual;
    expect(wpsRun(et.Application, 'recompute', { analyze, settings: WORKBOOK }).written.values).toBe(1);
    return et;
  }

  it('audit-2 #6 generation: WPS writes the chunk headers, catches a mixture the same way, and its store restores in Excel', async () => {
    const x = await wpsCoAuthor('项目01', 8);
    const y = await wpsCoAuthor('项目24', 7);
    const cx = storeColumn(x);
    const cy = storeColumn(y);
    expect(cx).toHaveLength(2);
    expect(cx.every((v) => /^~g[0-9a-f]{8}\.\d\/2\.\d+:/.test(String(v)))).toBe(true);
    // the WPS store is read in Excel: 清除标记 there finds every entry
    const xl = await FakeExcelHost.fromBuffer(await x.toBuffer());
    const restored = await runRestore(xl, { settings: WORKBOOK });
    expect(restored.status).toBe('ok');
    expect(restored.written.restored).toBe(decodeStore(cx.map((v) => [v]))!.entries.length);
    // A1 of one co-author, A2 of the other
    const mixed = [cx[0], cy[1]];
    expect(textOf(mixed[1])).not.toBe(textOf(cx[1]));
    expect(JSON.parse(mixed.map(textOf).join('')).app).toBe('ziping');
    setStoreColumn(x, mixed);
    expect(wpsRestore(x.Application, { settings: WORKBOOK }).status).toBe('store-unreadable');
    const out = wpsRun(x.Application, 'recompute', { analyze, settings: WORKBOOK });
    expect(out.status).toBe('ok');
    expect(out.notices.map((n) => n.kind)).toContain('store-reset');
    expect(storeColumn(x, 2)).toEqual([expect.stringMatching(/^~ziping: \S+ restore store: chunks of different runs/), ...mixed]);
  });
});

describe('audit-2 #6 the reason an unreadable store gives, in the UI language', () => {
  const legacy = (doc: object) => ['~' + JSON.stringify(doc)];
  const twoChunks = (w: string) => encodeStore({ app: 'ziping', v: 1, entries: [{ s: '表', r: 0, c: 0, note: { o: null, w: w.repeat(40000) } }] });
  const CASES: [string, (good: unknown[]) => unknown[], RegExp, RegExp][] = [
    ['a cut cell', (g) => [String(g[0]).slice(0, 200)], /部分内容被截断、缺失或改动/, /part of it is cut short/],
    ['a cell not written by the add-in', () => ['自己写的'], /恢复信息表中有不是本加载项写入的内容/, /holds content this add-in did not write/],
    ['broken JSON (before headers)', () => ['~{"app":"ziping","v":1,"entr'], /内容不完整或已损坏/, /incomplete or damaged/],
    ['another format', () => legacy({ app: 'other', entries: [] }), /格式无法识别/, /format is unknown/],
    ['a newer add-in', () => legacy({ app: 'ziping', v: 7, entries: [] }), /由更新版本的加载项写入（版本 7）/, /newer add-in \(version 7\)/],
    ['chunks of two runs', () => [twoChunks('甲')[0], twoChunks('乙')[1]], /内容由不同次运行拼合而成/, /pieced together from different runs/],
  ];

  it.each(CASES)('audit-2 #6 清除标记 on %s: a Chinese reason in the Chinese message, an English one in English', async (_name, spoil, zh, en) => {
    const host = await hostFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }], { excelApi: '1.18' });
    await runAnalysis(host, 'validate', { analyze, settings: WORKBOOK });
    setStoreColumn(host, spoil(storeColumn(host)));
    const out = await runRestore(host, { settings: WORKBOOK });
    expect(out.status).toBe('store-unreadable');
    expect(out.error).toMatch(/^restore store: /); // kept in English for the B1 stamp and logs
    const zhText = describeOutcome(out, 'zh').message;
    expect(zhText).toMatch(zh);
    expect(zhText).toMatch(/^恢复信息无法读取：/);
    expect(zhText).not.toMatch(/[A-Za-z]{3,}/); // no English words inside the Chinese sentence
    expect(describeOutcome(out, 'en').message).toMatch(en);
  });

  it('audit-2 #6 a last run saved by an earlier version (English reason only) reads in Chinese too', () => {
    const saved = { mode: 'restore', status: 'store-unreadable', error: 'restore store: not valid JSON' } as Parameters<typeof describeOutcome>[0];
    expect(describeOutcome(saved, 'zh').message).toBe(
      '恢复信息无法读取：内容不完整或已损坏。可在任务窗格点“重置恢复信息”（原内容会备份到恢复信息表的 B 列）后再试。',
    );
    const odd = { ...saved, error: 'something else' };
    expect(describeOutcome(odd, 'zh').message).toMatch(/^恢复信息无法读取：格式无法识别。/);
    expect(describeOutcome(odd, 'en').message).toMatch(/cannot be read: something else\./);
  });
});

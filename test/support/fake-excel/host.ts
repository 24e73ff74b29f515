// A fake Excel JavaScript API host over an ExcelJS workbook. It implements exactly the
// surface in src/office/excel-api.ts with the semantics the adapter relies on:
// properties throw until loaded and synced, queued operations run at sync (in order,
// stopping at the first failure), every sync and every queued operation is counted,
// and each member is tied to its requirement set so a 1.7 host rejects newer calls.
// As strict as Excel where the adapter depends on it: a sync sends at most `payloadLimit` UTF-8
// bytes (RequestPayloadSizeLimitExceeded, nothing runs) and receives at most as much
// (ResponsePayloadSizeLimitExceeded), with Chinese messages; Worksheet.id lasts one session;
// a cell with a threaded comment has no note and notes.add there undoes the whole batch;
// merged areas come back only where their top-left cell lies in the range.
// No Node APIs: the browser preview bundles this file.
import * as ExcelJS from 'exceljs';
import type {
  XlCellProperties,
  XlCellPropertiesLoadOptions,
  XlClientResult,
  XlComment,
  XlCommentCollection,
  XlHost,
  XlNote,
  XlNoteCollection,
  XlRange,
  XlRangeAreas,
  XlRangeFill,
  XlRangeFormat,
  XlRangeHyperlink,
  XlRequestContext,
  XlSetting,
  XlSettingCollection,
  XlWorkbook,
  XlWorkbookProtection,
  XlWorksheet,
  XlWorksheetCollection,
  XlWorksheetProtection,
} from '../../../src/office/excel-api';
import { a1, colLetters, parseRangeA1 } from '../../../src/core/address';
import type { CellRange } from '../../../src/core/types';
import {
  autofitWidth,
  clearFill,
  fittedColumnWidth,
  readCell,
  readFill,
  readNote,
  setNumFmt,
  writeCellValue,
  writeFillColor,
  writeFillPattern,
  writeFillPatternColor,
  writeFillTint,
  writeNote,
} from './cells';
import { FakeEvents, type EventContext } from './events';

/** ExcelJS keeps a cell's note in a private field. */
type Commented = { _comment?: unknown };

export class FakeOfficeError extends Error {
  /** Excel undoes the whole batch for this error (notes.add on a cell with a threaded comment). */
  rollsBack = false;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

/** Localized like a Chinese Excel: callers must match `code`, never the message. */
const MSG_REQUEST_TOO_LARGE =
  '请求有效负载大小已超出限制。请参阅文档：“https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins”。';
const MSG_RESPONSE_TOO_LARGE =
  '有效负载的大小已超出限制。请参阅文档：“https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins”。';

export interface FakeHostOptions {
  /** Highest ExcelApi version the host supports: '1.7' (Office 2019), '1.9', '1.13', '1.18'. Default '1.18'. */
  excelApi?: string;
  /** Other requirement sets and their highest version, e.g. { DialogApi: '1.1' }. */
  sets?: Record<string, string>;
  /** Payload limit per sync in UTF-8 bytes, for the request and for the response (Excel on the web: 5 MB). */
  payloadLimit?: number;
  /**
   * Cells a range may have for a get of values/numberFormat/formulas/valueTypes (Excel: 5,000,000);
   * above it Excel returns null instead of the grid, without an error (office-js #6781, #4783).
   */
  maxGetCells?: number;
  /** Merged areas getMergedAreasOrNullObject returns at most (Excel: 512; above it the call fails). */
  maxMergedAreas?: number;
  /**
   * Office.context.document.url: the open file's path or URL, null when unsaved ("Returns null if the
   * URL is unavailable", https://learn.microsoft.com/javascript/api/office/office.document). Default null.
   */
  documentUrl?: string | null;
}

/** Excel.run options the fake honours. */
export interface FakeRunOptions {
  delayForCellEdit?: boolean;
}

export interface OpInfo {
  api: string;
  write: boolean;
  sheet?: string;
  address?: string;
}

interface Op {
  api: string;
  /** Read at sync time: sheet/address getters resolve lazily. */
  info: Omit<OpInfo, 'api'>;
  /** Request bytes (known when queued: what a write sends). */
  request: number;
  run: () => number; // response bytes
}

export interface HostStats {
  runs: number;
  syncs: number;
  ops: number;
  /** Queued operations per sync, in order. */
  opsPerSync: number[];
  /** Queued write operations (values, formats, fills, notes, sheets, settings). */
  writes: number;
}

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function rectA1(r: CellRange): string {
  const tl = a1(r.top, r.left);
  const br = a1(r.bottom, r.right);
  return tl === br ? tl : `${tl}:${br}`;
}

/** UTF-8 bytes of a string: Chinese text costs 3 bytes per character on the wire. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function bytes(v: unknown): number {
  return v === undefined ? 0 : utf8Length(JSON.stringify(v));
}

/** Sheets added in a session get a GUID as Worksheet.id; never the same twice in a test run. */
let guidCounter = 0;

/** Prior state of what a write batch touched, for a batch Excel rolls back as a whole. */
interface Journal {
  cells: Map<ExcelJS.Cell, { value: unknown; style: unknown; comment: unknown }>;
  added: ExcelJS.Worksheet[];
  states: Map<ExcelJS.Worksheet, ExcelJS.WorksheetState | undefined>;
  settings: Map<string, unknown>;
}

export class FakeExcelHost implements XlHost {
  readonly excelApi: string;
  readonly sets: Record<string, string>;
  payloadLimit: number;
  maxGetCells: number;
  maxMergedAreas: number;
  stats: HostStats = { runs: 0, syncs: 0, ops: 0, opsPerSync: [], writes: 0 };
  /** Queued operations per API member, e.g. "Worksheet.getRanges". */
  calls: Record<string, number> = {};
  /** Calls to members the host does not support (must stay empty). */
  violations: string[] = [];
  /** Cells holding a formula that a write touched (values or number format). */
  formulaOverwrites: string[] = [];
  /** Set to make an operation fail at sync (fault injection). */
  fault: ((op: OpInfo) => boolean) | null = null;
  protectedSheets = new Set<string>();
  workbookProtected = false;
  readonly settings = new Map<string, unknown>();
  activeSheetName: string;
  selection: { sheet: string; address: string } | null = null;
  private listeners = new Set<(kind: ChangeKind) => void>();
  /** worksheet.onChanged / worksheets.onChanged handlers. */
  readonly events = new FakeEvents((v) => this.supportsExcel(v));
  /** Threaded comments (ExcelApi 1.10 Comment), per sheet object then A1 address. */
  readonly threadedComments = new Map<ExcelJS.Worksheet, Map<string, string>>();
  /** Set during the write operations of a sync: what they touch, for a rollback. */
  journal: Journal | null = null;
  private ids = new WeakMap<ExcelJS.Worksheet, string>();
  /** Office.context.document.url (see FakeHostOptions.documentUrl). */
  fileUrl: string | null;

  constructor(
    readonly workbook: ExcelJS.Workbook,
    options: FakeHostOptions = {},
  ) {
    this.excelApi = options.excelApi ?? '1.18';
    this.sets = { ExcelApi: this.excelApi, ...(options.sets ?? {}) };
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
    this.maxGetCells = options.maxGetCells ?? 5_000_000;
    this.maxMergedAreas = options.maxMergedAreas ?? 512;
    this.fileUrl = options.documentUrl ?? null;
    const sheets = workbook.worksheets;
    if (sheets.length === 0) throw new Error('fake host: workbook has no worksheet');
    const activeTab = (workbook.views?.[0] as { activeTab?: number } | undefined)?.activeTab;
    const visible = sheets.filter((s) => (s.state ?? 'visible') === 'visible');
    this.activeSheetName = (typeof activeTab === 'number' && sheets[activeTab]?.name) || (visible[0] ?? sheets[0]).name;
    for (const ws of sheets)
      if ((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet) this.protectedSheets.add(ws.name);
    // Worksheet.id lasts one session only (office-js-docs #297, office-js #1390): a reopened file
    // gets position-based ids, a sheet added in the session a GUID.
    sheets.forEach((ws, i) => this.ids.set(ws, `{00000000-0001-0000-${i.toString(16).padStart(4, '0').toUpperCase()}-000000000000}`));
  }

  /** Worksheet.id of a sheet in this session. */
  sheetId(ws: ExcelJS.Worksheet): string {
    let id = this.ids.get(ws);
    if (!id) {
      // a GUID: unique across sessions too (a counter per host would repeat after a reopen)
      const n = ++guidCounter;
      id = `{${(0x5a170000 + n).toString(16).toUpperCase()}-4C0E-9F00-ZIPI-${String(n).padStart(12, '0')}}`;
      this.ids.set(ws, id);
    }
    return id;
  }

  /** The sheet a WorksheetCollection key names: a name or a Worksheet.id. */
  sheetByKey(key: string): ExcelJS.Worksheet | undefined {
    return this.workbook.worksheets.find((w) => w.name === key) ?? this.workbook.worksheets.find((w) => this.sheetId(w) === key);
  }

  /** The user renames a sheet (outside any batch). */
  renameSheet(from: string, to: string): void {
    const ws = this.sheet(from);
    ws.name = to;
    if (this.protectedSheets.delete(from)) this.protectedSheets.add(to);
    if (this.activeSheetName === from) this.activeSheetName = to;
  }

  /** The user deletes a sheet (outside any batch). */
  deleteSheet(name: string): void {
    const ws = this.sheet(name);
    this.workbook.removeWorksheet(ws.id);
    this.protectedSheets.delete(name);
    if (this.activeSheetName === name) this.activeSheetName = this.workbook.worksheets[0].name;
  }

  /** The user adds a threaded comment (Review → New Comment) to one cell. */
  addThreadedComment(sheet: string, address: string, text: string): void {
    const ws = this.sheet(sheet);
    const map = this.threadedComments.get(ws) ?? new Map<string, string>();
    map.set(address.toUpperCase(), text);
    this.threadedComments.set(ws, map);
  }

  hasThreadedComment(sheet: string, row: number, col: number): boolean {
    return !!this.threadedComments.get(this.sheet(sheet))?.has(a1(row, col));
  }

  static async fromBuffer(buffer: ArrayBuffer | Uint8Array, options?: FakeHostOptions): Promise<FakeExcelHost> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    return new FakeExcelHost(wb, options);
  }

  /** Saves the workbook as .xlsx (for "save, close and reopen" tests). */
  async toBuffer(): Promise<ArrayBuffer> {
    return (await this.workbook.xlsx.writeBuffer()) as ArrayBuffer;
  }

  documentUrl(): string | null {
    return this.fileUrl;
  }

  isSetSupported(name: string, version = '1.1'): boolean {
    const have = this.sets[name];
    return have !== undefined && versionAtLeast(have, version);
  }

  supportsExcel(version: string): boolean {
    return versionAtLeast(this.excelApi, version);
  }

  /**
   * Cell-edit mode (the user is typing in a cell). A batch run without `delayForCellEdit: true`
   * fails at its sync with InvalidOperationInCellEditMode; with it, the sync waits until the edit
   * ends ("When false, if the user is in cell edit when the batch request is processed by the host,
   * the batch automatically fails": https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit;
   * Excel.ErrorCodes.invalidOperationInCellEditMode).
   */
  get editing(): boolean {
    return this.editEnd !== null;
  }
  private editEnd: { promise: Promise<void>; resolve: () => void } | null = null;
  /** Syncs refused because of cell-edit mode, and syncs that waited for it. */
  editRefusals = 0;
  editWaits = 0;

  beginCellEdit(): void {
    if (this.editEnd) return;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.editEnd = { promise, resolve };
  }

  endCellEdit(): void {
    const e = this.editEnd;
    this.editEnd = null;
    e?.resolve();
  }

  /** At a sync: refuse, or wait until the edit ends. */
  async cellEditGate(delay: boolean): Promise<void> {
    while (this.editEnd) {
      if (!delay) {
        this.editRefusals++;
        throw new FakeOfficeError('InvalidOperationInCellEditMode', '此操作在 Excel 处于单元格编辑模式时不可用。');
      }
      this.editWaits++;
      await this.editEnd.promise;
    }
  }

  async run<T>(batch: (context: XlRequestContext) => Promise<T>, options: FakeRunOptions = {}): Promise<T> {
    this.stats.runs++;
    const ctx = new FakeContext(this, !!options.delayForCellEdit);
    const result = await batch(ctx);
    if (ctx.pending() > 0) this.violations.push(`run ended with ${ctx.pending()} unsynced operation(s)`);
    return result;
  }

  resetStats(): void {
    this.stats = { runs: 0, syncs: 0, ops: 0, opsPerSync: [], writes: 0 };
    this.calls = {};
  }

  /** Any change: 'edit' is the user typing (userEdit), 'write' the add-in, 'activate'/'select' the UI. */
  onChange(listener: (kind: ChangeKind) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emitChange(kind: ChangeKind = 'write'): void {
    for (const l of this.listeners) l(kind);
  }

  /** Batches in an existing context (Excel.run(context, batch)). */
  async runIn<T>(context: unknown, batch: (context: XlRequestContext) => Promise<T>): Promise<T> {
    if (!(context instanceof FakeContext) || context.host !== this) throw new FakeOfficeError('InvalidArgument', 'runIn: not a context of this host');
    const result = await batch(context);
    if (context.pending() > 0) this.violations.push(`runIn ended with ${context.pending()} unsynced operation(s)`);
    return result;
  }

  /** Worksheet.id as the API reports it. */
  idOfSheet(name: string): string {
    return this.sheetId(this.sheet(name));
  }

  /** The user switches to a sheet (sheet tab or a link), optionally selecting a cell. */
  userActivate(sheet: string, address?: string): void {
    if (!this.hasSheet(sheet)) throw new FakeOfficeError('ItemNotFound', `worksheet "${sheet}"`);
    this.activeSheetName = sheet;
    if (address) this.selection = { sheet, address };
    this.emitChange('activate');
  }

  /**
   * The user types into cells (not through the API: no operation is counted): values are parsed
   * like typed input, then worksheet.onChanged fires with the real event args.
   */
  userEdit(sheet: string, address: string, input: unknown | unknown[][]): void {
    const r = parseRangeA1(address);
    if (!r) throw new FakeOfficeError('InvalidArgument', `bad address "${address}"`);
    const before = readCell(this.cell(sheet, r.top, r.left));
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const v = Array.isArray(input) ? (input as unknown[][])[row - r.top]?.[col - r.left] : input;
        writeCellValue(this.cell(sheet, row, col), v);
      }
    }
    const after = readCell(this.cell(sheet, r.top, r.left));
    this.emitChange('edit');
    this.events.fire(this.idOfSheet(sheet), rectA1(r), {
      details: { valueBefore: before.value, valueAfter: after.value, valueTypeBefore: before.type, valueTypeAfter: after.type },
    });
  }

  sheet(name: string): ExcelJS.Worksheet {
    const ws = this.workbook.worksheets.find((w) => w.name === name);
    if (!ws) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet "${name}"`);
    return ws;
  }

  hasSheet(name: string): boolean {
    return this.workbook.worksheets.some((w) => w.name === name);
  }

  /**
   * Used range of a sheet (values, fills, formats and notes count, like Excel), null when empty;
   * with `within`, the used range of that part of the sheet (Range.getUsedRangeOrNullObject).
   */
  usedRect(name: string, valuesOnly = false, within?: CellRange): CellRange | null {
    const ws = this.sheet(name);
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const add = (r: CellRange) => {
      top = Math.min(top, r.top);
      bottom = Math.max(bottom, r.bottom);
      left = Math.min(left, r.left);
      right = Math.max(right, r.right);
    };
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (within && (rowNumber - 1 < within.top || rowNumber - 1 > within.bottom)) return;
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (within && (colNumber - 1 < within.left || colNumber - 1 > within.right)) return;
        if ((cell as unknown as { type: number }).type === 1) return; // merged non-anchor cells are empty in Excel
        const hasValue = cell.value !== null && cell.value !== undefined && cell.value !== '';
        const styled = !valuesOnly && (!!cell.fill || !!cell.numFmt || !!cell.note);
        if (!hasValue && !styled) return;
        add({ top: rowNumber - 1, bottom: rowNumber - 1, left: colNumber - 1, right: colNumber - 1 });
      });
    });
    for (const f of this.fills.get(name) ?? []) {
      const r = { top: f.top, bottom: f.bottom, left: f.col, right: f.col };
      if (!within) add(r);
      else if (r.top <= within.bottom && r.bottom >= within.top && r.left <= within.right && r.right >= within.left)
        add({ top: Math.max(r.top, within.top), bottom: Math.min(r.bottom, within.bottom), left: r.left, right: r.right });
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  /** Formulas filled down a column, per sheet: their cells exist only once a batch touches them. */
  private fills = new Map<string, { col: number; top: number; bottom: number; formula: string; result: string | number; made: Set<number> }[]>();

  /**
   * The user fills a formula down column `col` (0-based), rows top..bottom (0-based), e.g. to row
   * 1,048,576. Its cells are made only when a batch reads or writes them, so the fake never holds a
   * million ExcelJS cells; snapshots see only those made.
   */
  fillDown(sheet: string, col: number, top: number, bottom: number, formula: string, result: string | number): void {
    const list = this.fills.get(sheet) ?? [];
    list.push({ col, top, bottom, formula: formula.replace(/^=/, ''), result, made: new Set() });
    this.fills.set(sheet, list);
  }

  /** How many cells of the sheet's filled formulas a batch has touched so far. */
  filledCells(sheet: string): number {
    return (this.fills.get(sheet) ?? []).reduce((n, f) => n + f.made.size, 0);
  }

  merges(name: string): CellRange[] {
    const ws = this.sheet(name);
    const list: string[] = (ws as unknown as { model?: { merges?: string[] } }).model?.merges ?? [];
    return list.map((m) => parseRangeA1(m)).filter((r): r is CellRange => r !== null);
  }

  cell(sheet: string, row: number, col: number): ExcelJS.Cell {
    const cell = this.sheet(sheet).getCell(row + 1, col + 1);
    for (const f of this.fills.get(sheet) ?? []) {
      if (f.col !== col || row < f.top || row > f.bottom || f.made.has(row)) continue;
      f.made.add(row);
      cell.value = { formula: f.formula, result: f.result } as ExcelJS.CellFormulaValue;
    }
    const j = this.journal;
    if (j && !j.cells.has(cell)) j.cells.set(cell, { value: cell.value, style: cell.style, comment: (cell as unknown as Commented)._comment });
    return cell;
  }

  /** Undoes what the journal recorded (Excel's rollback of a whole batch). */
  rollback(j: Journal): void {
    for (const [cell, prior] of j.cells) {
      cell.value = prior.value as ExcelJS.CellValue;
      cell.style = prior.style as Partial<ExcelJS.Style>;
      if (prior.comment === undefined) delete (cell as unknown as Commented)._comment;
      else (cell as unknown as Commented)._comment = prior.comment;
    }
    for (const [ws, state] of j.states) ws.state = state as ExcelJS.WorksheetState;
    for (const ws of j.added) if (this.workbook.worksheets.includes(ws)) this.workbook.removeWorksheet(ws.id);
    this.settings.clear();
    for (const [k, v] of j.settings) this.settings.set(k, v);
  }
}

export type ChangeKind = 'write' | 'edit' | 'activate' | 'select';

class FakeContext implements XlRequestContext, EventContext {
  readonly workbook: FakeWorkbook;
  private queue: Op[] = [];
  syncs = 0;

  constructor(
    readonly host: FakeExcelHost,
    readonly delayForCellEdit = false,
  ) {
    this.workbook = new FakeWorkbook(this);
  }

  pending(): number {
    return this.queue.length;
  }

  /** Queues one operation. `requires` is the ExcelApi version of the member. */
  enqueue(api: string, requires: string, info: Omit<OpInfo, 'api'>, run: () => number | void, request = 0): void {
    const host = this.host;
    host.stats.ops++;
    if (info.write) host.stats.writes++;
    host.calls[api] = (host.calls[api] ?? 0) + 1;
    if (!host.supportsExcel(requires)) {
      host.violations.push(`${api} (ExcelApi ${requires}) on a ${host.excelApi} host`);
      this.queue.push({
        api,
        info,
        request,
        run: () => {
          throw new FakeOfficeError('ApiNotFound', `${api} requires ExcelApi ${requires}`);
        },
      });
      return;
    }
    this.queue.push({ api, info, request, run: () => run() || 0 });
  }

  /** Event registration: not a workbook change. */
  enqueueEvent(api: string, requires: string, run: () => void): void {
    this.enqueue(api, requires, { write: false }, () => {
      run();
      return 8;
    });
  }

  async sync(): Promise<void> {
    const host = this.host;
    const ops = this.queue.splice(0);
    host.stats.syncs++;
    host.stats.opsPerSync.push(ops.length);
    this.syncs++;
    await Promise.resolve();
    await host.cellEditGate(this.delayForCellEdit);
    // the request is refused as a whole before anything runs
    const request = ops.reduce((n, op) => n + op.request, 0);
    if (request > host.payloadLimit) throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', MSG_REQUEST_TOO_LARGE);
    let response = 0;
    let wrote = false;
    const journal: Journal = { cells: new Map(), added: [], states: new Map(), settings: new Map(host.settings) };
    try {
      for (const op of ops) {
        const sheet = op.info.write ? op.info.sheet : undefined;
        if (sheet !== undefined && host.protectedSheets.has(sheet)) {
          throw new FakeOfficeError('AccessDenied', `The sheet "${sheet}" is protected (${op.api}).`);
        }
        if (host.fault) {
          const info: OpInfo = { api: op.api, write: op.info.write, sheet: op.info.sheet, address: op.info.address };
          if (host.fault(info)) {
            throw new FakeOfficeError('GeneralException', `injected fault at ${op.api} ${info.sheet ?? ''}!${info.address ?? ''}`);
          }
        }
        host.journal = op.info.write ? journal : null;
        try {
          const n = op.run();
          if (!op.info.write) response += n;
        } finally {
          host.journal = null;
        }
        if (op.info.write) wrote = true;
      }
      // the response is built after the batch ran: its writes stay
      if (response > host.payloadLimit) throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', MSG_RESPONSE_TOO_LARGE);
    } catch (e) {
      if (e instanceof FakeOfficeError && e.rollsBack) host.rollback(journal);
      throw e;
    } finally {
      if (wrote) host.emitChange();
    }
  }
}

function notLoaded(prop: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function splitProps(p?: string | string[]): string[] {
  if (p === undefined) return [];
  const list = Array.isArray(p) ? p : p.split(',');
  return list.map((s) => s.trim()).filter(Boolean);
}

/** Base of every proxy: loaded values live here after a sync. */
abstract class FakeObject {
  protected loaded = new Map<string, unknown>();
  protected nullState: boolean | undefined; // resolved at sync for *OrNullObject proxies
  protected nullable = false;

  constructor(readonly ctx: FakeContext) {}

  protected get host(): FakeExcelHost {
    return this.ctx.host;
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as T;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }

  /** For proxies that are never null. */
  protected markResolved(): void {
    this.nullState = false;
  }
}

// --- workbook ------------------------------------------------------------------

class FakeWorkbook extends FakeObject implements XlWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly protection: FakeWorkbookProtection;
  readonly settings: FakeSettingCollection;
  private commentsCollection: FakeCommentCollection | undefined;

  constructor(ctx: FakeContext) {
    super(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.protection = new FakeWorkbookProtection(ctx);
    this.settings = new FakeSettingCollection(ctx);
  }

  /** 1.10: the workbook's threaded comments. */
  get comments(): FakeCommentCollection {
    if (!this.commentsCollection) this.commentsCollection = new FakeCommentCollection(this.ctx);
    return this.commentsCollection;
  }
}

// --- threaded comments (ExcelApi 1.10) ------------------------------------------

class FakeCommentCollection extends FakeObject implements XlCommentCollection {
  private itemsList: FakeComment[] | undefined;

  get items(): FakeComment[] {
    if (!this.itemsList) throw notLoaded('items');
    return this.itemsList;
  }

  load(p?: string | string[]): this {
    const props = splitProps(p).map((x) => x.replace(/^items\//, ''));
    this.ctx.enqueue('CommentCollection.load', '1.10', { write: false }, () => {
      const list: FakeComment[] = [];
      let size = 0;
      for (const ws of this.host.workbook.worksheets) {
        for (const [address, text] of this.host.threadedComments.get(ws) ?? []) {
          const c = new FakeComment(this.ctx, ws, address);
          for (const prop of props.length ? props : ['id', 'content']) {
            if (prop === 'id') c.loadedSet('id', `${this.host.sheetId(ws)}!${address}`);
            else if (prop === 'content') c.loadedSet('content', text);
            else throw new FakeOfficeError('InvalidArgument', `Comment.${prop} is not in the fake host`);
          }
          size += bytes(text) + 48;
          list.push(c);
        }
      }
      this.itemsList = list;
      return size;
    });
    return this;
  }
}

class FakeComment extends FakeObject implements XlComment {
  constructor(
    ctx: FakeContext,
    private readonly ws: ExcelJS.Worksheet,
    private readonly address: string,
  ) {
    super(ctx);
    this.markResolved();
  }

  loadedSet(prop: string, v: unknown): void {
    this.loaded.set(prop, v);
  }

  get id(): string {
    return this.read('id');
  }

  get content(): string {
    return this.read('content');
  }

  getLocation(): FakeRange {
    const ws = new FakeWorksheet(this.ctx, { kind: 'name', name: this.ws.name });
    const r = new FakeRange(this.ctx, ws, () => parseRangeA1(this.address));
    this.ctx.enqueue('Comment.getLocation', '1.10', { write: false }, () => (ws.resolveNow(), r.resolveNow()));
    return r;
  }
}

class FakeWorkbookProtection extends FakeObject implements XlWorkbookProtection {
  get protected(): boolean {
    return this.read('protected');
  }
  load(p?: string | string[]): this {
    const props = splitProps(p);
    this.ctx.enqueue('WorkbookProtection.load', '1.7', { write: false }, () => {
      for (const prop of props.length ? props : ['protected']) {
        if (prop !== 'protected') throw new FakeOfficeError('InvalidArgument', `WorkbookProtection.${prop}`);
        this.loaded.set('protected', this.host.workbookProtected);
      }
      return 8;
    });
    return this;
  }
}

type SheetRef = { kind: 'name'; name: string } | { kind: 'active' } | { kind: 'nullable'; name: string };

class FakeWorksheetCollection extends FakeObject implements XlWorksheetCollection {
  private itemsList: FakeWorksheet[] | undefined;

  get items(): FakeWorksheet[] {
    if (!this.itemsList) throw notLoaded('items');
    return this.itemsList;
  }

  load(p?: string | string[]): this {
    const props = splitProps(p).map((s) => s.replace(/^items\//, ''));
    this.ctx.enqueue('WorksheetCollection.load', '1.1', { write: false }, () => {
      let size = 0;
      this.itemsList = this.host.workbook.worksheets.map((ws) => {
        const item = new FakeWorksheet(this.ctx, { kind: 'name', name: ws.name });
        size += item.loadNow(props.length ? props : ['name', 'visibility', 'position']);
        return item;
      });
      return size;
    });
    return this;
  }

  get onChanged() {
    return this.host.events.handlers(this.ctx, '*', '1.9', 'WorksheetCollection.onChanged');
  }

  getActiveWorksheet(): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, { kind: 'active' });
    this.ctx.enqueue('WorksheetCollection.getActiveWorksheet', '1.1', { write: false }, () => ws.resolveNow());
    return ws;
  }

  getItem(key: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, { kind: 'name', name: key });
    this.ctx.enqueue('WorksheetCollection.getItem', '1.1', { write: false }, () => ws.resolveNow());
    return ws;
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, { kind: 'nullable', name: key });
    this.ctx.enqueue('WorksheetCollection.getItemOrNullObject', '1.4', { write: false }, () => ws.resolveNow());
    return ws;
  }

  add(name?: string): FakeWorksheet {
    const host = this.host;
    const finalName = name ?? `Sheet${host.workbook.worksheets.length + 1}`;
    const ws = new FakeWorksheet(this.ctx, { kind: 'name', name: finalName });
    this.ctx.enqueue(
      'WorksheetCollection.add',
      '1.1',
      { write: true },
      () => {
        if (host.workbookProtected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
        if (host.hasSheet(finalName)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${finalName}" exists.`);
        const added = host.workbook.addWorksheet(finalName);
        host.journal?.added.push(added);
        ws.resolveNow();
        return 0;
      },
      bytes(finalName),
    );
    return ws;
  }
}

const VIS_TO_XL: Record<string, string> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };
const VIS_FROM_XL: Record<string, ExcelJS.WorksheetState> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

class FakeWorksheet extends FakeObject implements XlWorksheet {
  readonly protection: FakeWorksheetProtection;
  private notesCollection: FakeNoteCollection | undefined;
  private resolved: ExcelJS.Worksheet | undefined;

  constructor(
    ctx: FakeContext,
    private readonly ref: SheetRef,
  ) {
    super(ctx);
    this.nullable = ref.kind === 'nullable';
    this.protection = new FakeWorksheetProtection(ctx, () => this.sheetName());
  }

  /** Resolves the sheet at sync; throws ItemNotFound unless nullable. Returns payload bytes. */
  resolveNow(): number {
    const host = this.host;
    const ref = this.ref;
    const found = ref.kind === 'active' ? host.sheet(host.activeSheetName) : host.sheetByKey(ref.name);
    if (found) this.resolved = found;
    else if (ref.kind === 'nullable') {
      this.nullState = true;
      return 4;
    } else throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet "${ref.kind === 'name' ? ref.name : ''}"`);
    this.nullState = false;
    return 4;
  }

  /** Name of the sheet at execution time (throws if it does not exist). */
  sheetName(): string {
    if (this.resolved === undefined && !this.nullState) this.resolveNow();
    if (this.nullState) throw new FakeOfficeError('InvalidOperation', 'operation on a null object');
    const ws = this.resolved as ExcelJS.Worksheet;
    if (!this.host.workbook.worksheets.includes(ws)) throw new FakeOfficeError('ItemNotFound', `worksheet "${ws.name}" was deleted`);
    return ws.name;
  }

  get id(): string {
    return this.read('id');
  }

  get name(): string {
    return this.read('name');
  }

  /** 1.7; the handler belongs to this sheet's id, resolved at sync. */
  get onChanged() {
    return this.host.events.handlers(this.ctx, () => this.host.idOfSheet(this.sheetName()), '1.7', 'Worksheet.onChanged');
  }

  get visibility(): string {
    return this.read('visibility');
  }

  set visibility(v: string) {
    const state = VIS_FROM_XL[v];
    this.ctx.enqueue(
      'Worksheet.visibility(set)',
      '1.2',
      { write: true },
      () => {
        if (!state) throw new FakeOfficeError('InvalidArgument', `visibility "${v}"`);
        if (this.host.workbookProtected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
        const ws = this.host.sheet(this.sheetName());
        const j = this.host.journal;
        if (j && !j.states.has(ws)) j.states.set(ws, ws.state);
        ws.state = state;
        return 0;
      },
      bytes(v),
    );
  }

  loadNow(props: string[]): number {
    if (this.nullState === undefined) this.resolveNow();
    if (this.nullState) return 4;
    const ws = this.host.sheet(this.sheetName());
    let size = 0;
    for (const prop of props) {
      let v: unknown;
      if (prop === 'name') v = ws.name;
      else if (prop === 'visibility') v = VIS_TO_XL[ws.state ?? 'visible'];
      else if (prop === 'position') v = this.host.workbook.worksheets.indexOf(ws);
      else if (prop === 'id') v = this.host.sheetId(ws);
      else throw new FakeOfficeError('InvalidArgument', `Worksheet.${prop} is not in the fake host`);
      this.loaded.set(prop, v);
      size += bytes(v);
    }
    return size;
  }

  load(p?: string | string[]): this {
    const props = splitProps(p);
    this.ctx.enqueue('Worksheet.load', '1.1', { write: false }, () => this.loadNow(props.length ? props : ['name', 'visibility']));
    return this;
  }

  get notes(): FakeNoteCollection {
    if (!this.notesCollection) this.notesCollection = new FakeNoteCollection(this.ctx, this);
    return this.notesCollection;
  }

  activate(): void {
    this.ctx.enqueue('Worksheet.activate', '1.1', { write: false }, () => {
      const name = this.sheetName();
      const ws = this.host.sheet(name);
      if ((ws.state ?? 'visible') !== 'visible') throw new FakeOfficeError('InvalidOperation', 'cannot activate a hidden sheet');
      this.host.activeSheetName = name;
      this.host.emitChange('activate');
      return 0;
    });
  }

  getRange(address?: string): FakeRange {
    const r = new FakeRange(this.ctx, this, () => {
      if (!address) return { top: 0, left: 0, bottom: 1048575, right: 16383 }; // the whole worksheet
      const rect = parseRangeA1(address);
      if (!rect) throw new FakeOfficeError('InvalidArgument', `bad address "${address}"`);
      return rect;
    });
    this.ctx.enqueue('Worksheet.getRange', '1.1', { write: false }, () => r.resolveNow());
    return r;
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    const r = new FakeRange(this.ctx, this, () => {
      if (rowCount < 1 || columnCount < 1 || startRow < 0 || startColumn < 0) {
        throw new FakeOfficeError('InvalidArgument', 'getRangeByIndexes: bad size');
      }
      return { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 };
    });
    this.ctx.enqueue('Worksheet.getRangeByIndexes', '1.7', { write: false }, () => r.resolveNow());
    return r;
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    const r = new FakeRange(this.ctx, this, () => this.host.usedRect(this.sheetName(), !!valuesOnly), true);
    this.ctx.enqueue('Worksheet.getUsedRangeOrNullObject', '1.4', { write: false }, () => r.resolveNow());
    return r;
  }

  getRanges(address?: string): FakeRangeAreas {
    const ra = new FakeRangeAreas(this.ctx, this, () => {
      const parts = (address ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (!parts.length) throw new FakeOfficeError('InvalidArgument', 'getRanges: empty address');
      return parts.map((p) => {
        const rect = parseRangeA1(p);
        if (!rect) throw new FakeOfficeError('InvalidArgument', `bad address "${p}"`);
        return rect;
      });
    });
    this.ctx.enqueue('Worksheet.getRanges', '1.9', { write: false }, () => ra.resolveNow(), bytes(address ?? ''));
    return ra;
  }

  delete(): void {
    this.ctx.enqueue('Worksheet.delete', '1.1', { write: true }, () => {
      if (this.host.workbookProtected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
      const ws = this.host.sheet(this.sheetName());
      // "if the worksheet's visibility is set to "VeryHidden", the delete operation will fail with an
      // InvalidOperation exception" (Worksheet.delete, https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1);
      // "by design": https://github.com/OfficeDev/office-js/issues/365)
      if (ws.state === 'veryHidden') throw new FakeOfficeError('InvalidOperation', '无法删除深度隐藏（VeryHidden）的工作表。');
      this.host.workbook.removeWorksheet(ws.id);
      return 0;
    });
  }
}

class FakeWorksheetProtection extends FakeObject implements XlWorksheetProtection {
  constructor(
    ctx: FakeContext,
    private readonly sheetName: () => string,
  ) {
    super(ctx);
  }
  get protected(): boolean {
    return this.read('protected');
  }
  load(p?: string | string[]): this {
    const props = splitProps(p);
    this.ctx.enqueue('WorksheetProtection.load', '1.2', { write: false }, () => {
      for (const prop of props.length ? props : ['protected']) {
        if (prop !== 'protected') throw new FakeOfficeError('InvalidArgument', `WorksheetProtection.${prop}`);
        this.loaded.set('protected', this.host.protectedSheets.has(this.sheetName()));
      }
      return 8;
    });
    return this;
  }
}

// --- ranges --------------------------------------------------------------------

type CellVisitor = (cell: ExcelJS.Cell, row: number, col: number) => void;

function eachCell(host: FakeExcelHost, sheet: string, rects: CellRange[], fn: CellVisitor): void {
  for (const r of rects) {
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) fn(host.cell(sheet, row, col), row, col);
    }
  }
}

/** Owner of a RangeFormat: the sheet and rectangles it covers, resolved at sync. */
interface CellOwner {
  target(): { sheet: string; rects: CellRange[] };
  apiPrefix: string;
  requires: string;
}

class FakeRange extends FakeObject implements XlRange, CellOwner {
  readonly format: FakeRangeFormat;
  private rect: CellRange | null | undefined;
  readonly apiPrefix = 'Range';
  readonly requires = '1.1';

  constructor(
    ctx: FakeContext,
    readonly worksheet: FakeWorksheet,
    private readonly locate: () => CellRange | null,
    nullable = false,
  ) {
    super(ctx);
    this.nullable = nullable;
    this.format = new FakeRangeFormat(ctx, this);
  }

  resolveNow(): number {
    if (this.rect !== undefined) return 0;
    this.worksheet.sheetName();
    const rect = this.locate();
    if (!rect && !this.nullable) throw new FakeOfficeError('ItemNotFound', 'range not found');
    this.rect = rect;
    this.nullState = !rect;
    return 16;
  }

  target(): { sheet: string; rects: CellRange[] } {
    this.resolveNow();
    if (!this.rect) throw new FakeOfficeError('InvalidOperation', 'operation on a null range');
    return { sheet: this.worksheet.sheetName(), rects: [this.rect] };
  }

  private info(write: boolean): Omit<OpInfo, 'api'> {
    // sheet/address are only known at sync; resolve lazily for the protected check
    // read lazily: the sheet may be gone by the time the op is looked at
    const sheet = () => {
      try {
        return this.worksheet.sheetName();
      } catch {
        return undefined;
      }
    };
    const address = () => {
      try {
        return this.rect ? rectA1(this.rect) : undefined;
      } catch {
        return undefined;
      }
    };
    return {
      write,
      get sheet() {
        return sheet();
      },
      get address() {
        return address();
      },
    } as Omit<OpInfo, 'api'>;
  }

  get address(): string {
    return this.read('address');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(v: unknown[][]) {
    this.ctx.enqueue(
      'Range.values(set)',
      '1.1',
      this.info(true),
      () => {
        const size = this.writeGrid(v, (cell, x) => writeCellValue(cell, x));
        const { sheet, rects } = this.target();
        this.host.events.fire(this.host.idOfSheet(sheet), rectA1(rects[0]), { triggerSource: 'ThisLocalAddin' });
        return size;
      },
      bytes(v),
    );
  }
  merge(across = false): void {
    this.ctx.enqueue('Range.merge', '1.2', this.info(true), () => {
      const { sheet, rects } = this.target();
      const r = rects[0];
      const ws = this.host.sheet(sheet);
      if (this.host.merges(sheet).some((m) => m.top <= r.bottom && m.bottom >= r.top && m.left <= r.right && m.right >= r.left)) {
        throw new FakeOfficeError('InvalidOperation', 'Range.merge over a merged area');
      }
      if (across) for (let row = r.top; row <= r.bottom; row++) ws.mergeCellsWithoutStyle(row + 1, r.left + 1, row + 1, r.right + 1);
      else ws.mergeCellsWithoutStyle(r.top + 1, r.left + 1, r.bottom + 1, r.right + 1);
      return 8;
    });
  }
  get hyperlink(): XlRangeHyperlink {
    return this.read('hyperlink');
  }
  set hyperlink(h: XlRangeHyperlink) {
    const link = { ...h };
    this.ctx.enqueue('Range.hyperlink(set)', '1.7', this.info(true), () => {
      const { sheet, rects } = this.target();
      const r = rects[0];
      const cell = this.host.cell(sheet, r.top, r.left);
      const target = link.documentReference ? `#${link.documentReference}` : (link.address ?? '');
      const text = link.textToDisplay ?? String(readCell(cell).value ?? target);
      cell.value = { text, hyperlink: target, tooltip: link.screenTip } as ExcelJS.CellHyperlinkValue;
      return bytes(link);
    });
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.ctx.enqueue(
      'Range.numberFormat(set)',
      '1.1',
      this.info(true),
      () => this.writeGrid(v, (cell, x) => setNumFmt(cell, x === null || x === undefined ? 'General' : String(x))),
      bytes(v),
    );
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }

  private writeGrid(v: unknown, put: (cell: ExcelJS.Cell, x: unknown) => void): number {
    const { sheet, rects } = this.target();
    const r = rects[0];
    const rows = r.bottom - r.top + 1;
    const cols = r.right - r.left + 1;
    const scalar = !Array.isArray(v);
    if (!scalar) {
      const g = v as unknown[][];
      if (g.length !== rows || g.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw new FakeOfficeError(
          'InvalidArgument',
          `The number of rows or columns in the input array doesn't match the size of the range (${rows}x${cols}).`,
        );
      }
    }
    eachCell(this.host, sheet, rects, (cell, row, col) => {
      const f = readCell(cell).formula;
      if (typeof f === 'string' && f.startsWith('=')) this.host.formulaOverwrites.push(`${sheet}!${a1(row, col)}`);
      put(cell, scalar ? v : (v as unknown[][])[row - r.top][col - r.left]);
    });
    return 0;
  }

  private loadNow(props: string[]): number {
    this.resolveNow();
    if (this.nullState) return 4;
    const { sheet, rects } = this.target();
    const r = rects[0];
    let size = 0;
    const grids: Record<string, unknown[][]> = {};
    const need = new Set(props.filter((p) => ['values', 'numberFormat', 'formulas', 'valueTypes'].includes(p)));
    if (need.size && (r.bottom - r.top + 1) * (r.right - r.left + 1) > this.host.maxGetCells) {
      for (const p of need) grids[p] = null as unknown as unknown[][];
    } else if (need.size) {
      for (const p of need) grids[p] = [];
      for (let row = r.top; row <= r.bottom; row++) {
        const line: Record<string, unknown[]> = {};
        for (const p of need) line[p] = [];
        for (let col = r.left; col <= r.right; col++) {
          const c = readCell(this.host.cell(sheet, row, col));
          if (need.has('values')) line.values.push(c.value);
          if (need.has('numberFormat')) line.numberFormat.push(c.numberFormat);
          if (need.has('formulas')) line.formulas.push(c.formula);
          if (need.has('valueTypes')) line.valueTypes.push(c.type);
        }
        for (const p of need) grids[p].push(line[p]);
      }
    }
    for (const prop of props) {
      let v: unknown;
      if (prop in grids) v = grids[prop];
      else if (prop === 'address') v = `${quoteSheet(sheet)}!${rectA1(r)}`;
      else if (prop === 'rowIndex') v = r.top;
      else if (prop === 'columnIndex') v = r.left;
      else if (prop === 'rowCount') v = r.bottom - r.top + 1;
      else if (prop === 'columnCount') v = r.right - r.left + 1;
      else if (prop.startsWith('format/fill/')) {
        size += this.format.fill.loadNow([prop.slice('format/fill/'.length)]);
        continue;
      } else throw new FakeOfficeError('InvalidArgument', `Range.${prop} is not in the fake host`);
      this.loaded.set(prop, v);
      size += bytes(v);
    }
    return size;
  }

  load(p?: string | string[]): this {
    const props = splitProps(p);
    const needs19 = props.some((x) => /^format\/fill\/(pattern|patternColor|tintAndShade|patternTintAndShade)$/.test(x));
    this.ctx.enqueue('Range.load', needs19 ? '1.9' : '1.1', { write: false }, () =>
      this.loadNow(props.length ? props : ['address', 'values', 'numberFormat', 'formulas', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']),
    );
    return this;
  }

  select(): void {
    this.ctx.enqueue('Range.select', '1.1', { write: false }, () => {
      const { sheet, rects } = this.target();
      if (sheet !== this.host.activeSheetName) throw new FakeOfficeError('InvalidSelection', 'select() on a sheet that is not active');
      this.host.selection = { sheet, address: rectA1(rects[0]) };
      this.host.emitChange('select');
      return 0;
    });
  }

  getCellProperties(options: XlCellPropertiesLoadOptions): XlClientResult<XlCellProperties[][]> {
    const result = new FakeClientResult<XlCellProperties[][]>();
    this.ctx.enqueue('Range.getCellProperties', '1.9', { write: false }, () => {
      const { sheet, rects } = this.target();
      const r = rects[0];
      const want = options.format?.fill ?? {};
      const out: XlCellProperties[][] = [];
      for (let row = r.top; row <= r.bottom; row++) {
        const line: XlCellProperties[] = [];
        for (let col = r.left; col <= r.right; col++) {
          const f = readFill(this.host.cell(sheet, row, col));
          const fill: Record<string, unknown> = {};
          if (want.color) fill.color = f.color;
          if (want.pattern) fill.pattern = f.pattern ?? 'None';
          if (want.patternColor) fill.patternColor = f.patternColor;
          if (want.tintAndShade) fill.tintAndShade = f.tintAndShade;
          line.push({ format: { fill } });
        }
        out.push(line);
      }
      result.set(out);
      return bytes(out);
    });
    return result;
  }

  /** The used range inside this range (ExcelApi 1.4), null when nothing in it is used. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    const r = new FakeRange(
      this.ctx,
      this.worksheet,
      () => {
        const { sheet, rects } = this.target();
        return this.host.usedRect(sheet, !!valuesOnly, rects[0]);
      },
      true,
    );
    this.ctx.enqueue('Range.getUsedRangeOrNullObject', '1.4', { write: false }, () => r.resolveNow());
    return r;
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    const ra = new FakeRangeAreas(
      this.ctx,
      this.worksheet,
      () => {
        const { sheet, rects } = this.target();
        const r = rects[0];
        // like Excel (office-js #3611, #1590): only merges whose top-left cell lies in the range,
        // and clipped to the range
        const hits = this.host
          .merges(sheet)
          .filter((m) => m.top >= r.top && m.top <= r.bottom && m.left >= r.left && m.left <= r.right)
          .map((m) => ({ top: m.top, left: m.left, bottom: Math.min(m.bottom, r.bottom), right: Math.min(m.right, r.right) }));
        // "if the merged areas count in this range is more than 512, then this method will fail to
        // return the result" (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1))
        if (hits.length > this.host.maxMergedAreas) throw new FakeOfficeError('GeneralException', `合并区域超过 ${this.host.maxMergedAreas} 个。`);
        return hits.length ? hits : null;
      },
      true,
    );
    this.ctx.enqueue('Range.getMergedAreasOrNullObject', '1.13', { write: false }, () => ra.resolveNow());
    return ra;
  }
}

class FakeClientResult<T> implements XlClientResult<T> {
  private has = false;
  private v: T | undefined;
  set(v: T): void {
    this.v = v;
    this.has = true;
  }
  get value(): T {
    if (!this.has) throw notLoaded('value');
    return this.v as T;
  }
}

class FakeRangeAreas extends FakeObject implements XlRangeAreas, CellOwner {
  readonly format: FakeRangeFormat;
  private rects: CellRange[] | null | undefined;
  readonly apiPrefix = 'RangeAreas';
  readonly requires = '1.9';

  constructor(
    ctx: FakeContext,
    private readonly worksheet: FakeWorksheet,
    private readonly locate: () => CellRange[] | null,
    nullable = false,
  ) {
    super(ctx);
    this.nullable = nullable;
    this.format = new FakeRangeFormat(ctx, this);
  }

  resolveNow(): number {
    if (this.rects !== undefined) return 0;
    const rects = this.locate();
    if (!rects && !this.nullable) throw new FakeOfficeError('ItemNotFound', 'ranges not found');
    this.rects = rects;
    this.nullState = !rects;
    return 16;
  }

  target(): { sheet: string; rects: CellRange[] } {
    this.resolveNow();
    if (!this.rects) throw new FakeOfficeError('InvalidOperation', 'operation on a null RangeAreas');
    return { sheet: this.worksheet.sheetName(), rects: this.rects };
  }

  get address(): string {
    return this.read('address');
  }

  load(p?: string | string[]): this {
    const props = splitProps(p);
    this.ctx.enqueue('RangeAreas.load', '1.9', { write: false }, () => {
      this.resolveNow();
      if (this.nullState) return 4;
      const { sheet, rects } = this.target();
      for (const prop of props.length ? props : ['address']) {
        if (prop !== 'address') throw new FakeOfficeError('InvalidArgument', `RangeAreas.${prop} is not in the fake host`);
        this.loaded.set('address', rects.map((r) => `${quoteSheet(sheet)}!${rectA1(r)}`).join(', '));
      }
      return bytes(this.loaded.get('address'));
    });
    return this;
  }
}

class FakeRangeFormat implements XlRangeFormat {
  readonly fill: FakeRangeFill;
  readonly font: { bold: boolean };
  constructor(
    private readonly ctx: FakeContext,
    private readonly owner: CellOwner,
  ) {
    this.fill = new FakeRangeFill(ctx, owner);
    const info = (): Omit<OpInfo, 'api'> =>
      ({
        write: true,
        get sheet() {
          try {
            return owner.target().sheet;
          } catch {
            return undefined;
          }
        },
      }) as Omit<OpInfo, 'api'>;
    this.font = {
      get bold(): boolean {
        throw notLoaded('bold');
      },
      set bold(v: boolean) {
        ctx.enqueue(`${owner.apiPrefix}.format.font.bold(set)`, owner.requires, info(), () => {
          const t = owner.target();
          eachCell(ctx.host, t.sheet, t.rects, (cell) => {
            cell.style = { ...cell.style, font: { ...cell.style?.font, bold: !!v } };
          });
          return 4;
        });
      },
    };
    this.autofitColumnsInfo = info;
  }
  private autofitColumnsInfo: () => Omit<OpInfo, 'api'>;

  /** 1.2: column widths from the longest text (CJK characters count double). */
  autofitColumns(): void {
    const owner = this.owner;
    this.ctx.enqueue(`${owner.apiPrefix}.format.autofitColumns`, '1.2', this.autofitColumnsInfo(), () => {
      const t = owner.target();
      const ws = this.ctx.host.sheet(t.sheet);
      const widths = new Map<number, number>();
      eachCell(this.ctx.host, t.sheet, t.rects, (cell, _row, col) => {
        const w = autofitWidth(cell);
        if (w !== null) widths.set(col, Math.max(widths.get(col) ?? 0, w));
      });
      for (const [col, w] of widths) ws.getColumn(col + 1).width = fittedColumnWidth(w);
      return 0;
    });
  }
}

class FakeRangeFill extends FakeObject implements XlRangeFill {
  constructor(
    ctx: FakeContext,
    private readonly owner: CellOwner,
  ) {
    super(ctx);
  }

  private write(prop: string, requires: string, apply: (cell: ExcelJS.Cell) => void, size: number): void {
    const owner = this.owner;
    const req = versionAtLeast(requires, owner.requires) ? requires : owner.requires;
    let sheet: string | undefined;
    this.ctx.enqueue(
      `${owner.apiPrefix}.format.fill.${prop}`,
      req,
      {
        write: true,
        get sheet() {
          try {
            return (sheet ??= owner.target().sheet);
          } catch {
            return undefined;
          }
        },
      } as Omit<OpInfo, 'api'>,
      () => {
        const t = owner.target();
        eachCell(this.host, t.sheet, t.rects, (cell) => apply(cell));
        return 0;
      },
      size,
    );
  }

  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.write('color(set)', '1.1', (cell) => writeFillColor(cell, v), bytes(v));
  }
  get pattern(): string {
    return this.read('pattern');
  }
  set pattern(v: string) {
    this.write('pattern(set)', '1.9', (cell) => writeFillPattern(cell, v), v.length);
  }
  get patternColor(): string {
    return this.read('patternColor');
  }
  set patternColor(v: string) {
    this.write('patternColor(set)', '1.9', (cell) => writeFillPatternColor(cell, v), v.length);
  }
  get tintAndShade(): number | null {
    return this.read('tintAndShade');
  }
  set tintAndShade(v: number | null) {
    this.write('tintAndShade(set)', '1.9', (cell) => writeFillTint(cell, v), 8);
  }

  clear(): void {
    this.write('clear', '1.1', (cell) => clearFill(cell), 0);
  }

  loadNow(props: string[]): number {
    const t = this.owner.target();
    const fills: ReturnType<typeof readFill>[] = [];
    eachCell(this.host, t.sheet, t.rects, (cell) => fills.push(readFill(cell)));
    let size = 0;
    for (const prop of props) {
      if (!['color', 'pattern', 'patternColor', 'tintAndShade'].includes(prop)) {
        throw new FakeOfficeError('InvalidArgument', `RangeFill.${prop} is not in the fake host`);
      }
      const vals = fills.map((f) => (f as unknown as Record<string, unknown>)[prop]);
      // Excel returns null for a property that differs across the range
      const v = vals.every((x) => x === vals[0]) ? vals[0] : null;
      this.loaded.set(prop, v);
      size += bytes(v);
    }
    return size;
  }

  load(p?: string | string[]): this {
    const props = splitProps(p);
    const list = props.length ? props : ['color'];
    const needs19 = list.some((x) => x !== 'color');
    const req = needs19 ? '1.9' : this.owner.requires;
    this.ctx.enqueue(`${this.owner.apiPrefix}.format.fill.load`, req, { write: false }, () => this.loadNow(list));
    return this;
  }
}

// --- notes (ExcelApi 1.18) --------------------------------------------------------

function noteCell(host: FakeExcelHost, sheet: string, key: string): ExcelJS.Cell {
  const body = key.includes('!') ? key.slice(key.lastIndexOf('!') + 1) : key;
  const r = parseRangeA1(body);
  if (!r || r.top !== r.bottom || r.left !== r.right) throw new FakeOfficeError('InvalidCellAddress', `"${key}" is not one cell`);
  return host.cell(sheet, r.top, r.left);
}

class FakeNoteCollection implements XlNoteCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly worksheet: FakeWorksheet,
  ) {}

  add(cellAddress: XlRange | string, content: string): XlNote {
    const note = new FakeNote(this.ctx, this.worksheet, () => {
      if (typeof cellAddress === 'string') return cellAddress;
      const t = (cellAddress as FakeRange).target();
      const r = t.rects[0];
      if (r.top !== r.bottom || r.left !== r.right) throw new FakeOfficeError('InvalidCellAddress', 'notes.add needs one cell');
      return a1(r.top, r.left);
    });
    const ws = this.worksheet;
    this.ctx.enqueue(
      'NoteCollection.add',
      '1.18',
      {
        write: true,
        get sheet() {
          try {
            return ws.sheetName();
          } catch {
            return undefined;
          }
        },
      } as Omit<OpInfo, 'api'>,
      () => {
        const cell = note.cellNow();
        if (note.threaded()) {
          // a cell holds a threaded comment or a note, never both; Excel undoes the whole batch
          const e = new FakeOfficeError('InvalidOperation', '无法在包含批注的单元格中添加备注。');
          e.rollsBack = true;
          throw e;
        }
        if (readNote(cell) !== null) throw new FakeOfficeError('InvalidArgument', 'The cell already has a note.');
        writeNote(cell, String(content));
        note.markExisting();
        return 0;
      },
      bytes(String(content)),
    );
    return note;
  }

  getItemOrNullObject(key: string): XlNote {
    const note = new FakeNote(this.ctx, this.worksheet, () => key);
    this.ctx.enqueue('NoteCollection.getItemOrNullObject', '1.18', { write: false }, () => note.resolveNow());
    return note;
  }
}

class FakeNote extends FakeObject implements XlNote {
  constructor(
    ctx: FakeContext,
    private readonly worksheet: FakeWorksheet,
    private readonly key: () => string,
  ) {
    super(ctx);
  }

  cellNow(): ExcelJS.Cell {
    return noteCell(this.host, this.worksheet.sheetName(), this.key());
  }

  /** The cell holds a threaded comment (the notes collection does not see it). */
  threaded(): boolean {
    const cell = this.cellNow();
    return this.host.hasThreadedComment(this.worksheet.sheetName(), Number(cell.row) - 1, Number(cell.col) - 1);
  }

  resolveNow(): number {
    this.nullState = this.threaded() || readNote(this.cellNow()) === null;
    return 4;
  }

  markExisting(): void {
    this.nullState = false;
  }

  private info(): Omit<OpInfo, 'api'> {
    const ws = this.worksheet;
    return {
      write: true,
      get sheet() {
        try {
          return ws.sheetName();
        } catch {
          return undefined;
        }
      },
    } as Omit<OpInfo, 'api'>;
  }

  get content(): string {
    return this.read('content');
  }
  set content(v: string) {
    this.ctx.enqueue(
      'Note.content(set)',
      '1.18',
      this.info(),
      () => {
        const cell = this.cellNow();
        if (readNote(cell) === null) throw new FakeOfficeError('ItemNotFound', 'note does not exist');
        writeNote(cell, String(v));
        return 0;
      },
      bytes(String(v)),
    );
  }

  load(p?: string | string[]): this {
    const props = splitProps(p);
    this.ctx.enqueue('Note.load', '1.18', { write: false }, () => {
      const text = readNote(this.cellNow());
      if (text === null) {
        if (this.nullState) return 4; // null object: nothing to load
        throw new FakeOfficeError('ItemNotFound', 'note does not exist');
      }
      for (const prop of props.length ? props : ['content']) {
        if (prop !== 'content') throw new FakeOfficeError('InvalidArgument', `Note.${prop} is not in the fake host`);
        this.loaded.set('content', text);
      }
      return bytes(text);
    });
    return this;
  }

  delete(): void {
    this.ctx.enqueue('Note.delete', '1.18', this.info(), () => {
      const cell = this.cellNow();
      if (readNote(cell) === null) throw new FakeOfficeError('ItemNotFound', 'note does not exist');
      writeNote(cell, null);
      return 0;
    });
  }
}

// --- settings (ExcelApi 1.4) ------------------------------------------------------

class FakeSettingCollection implements XlSettingCollection {
  constructor(private readonly ctx: FakeContext) {}

  add(key: string, value: unknown): XlSetting {
    const s = new FakeSetting(this.ctx, key);
    const json = JSON.stringify(value);
    this.ctx.enqueue(
      'SettingCollection.add',
      '1.4',
      { write: true },
      () => {
        this.ctx.host.settings.set(key, JSON.parse(json));
        s.resolveNow();
        return 0;
      },
      bytes(json),
    );
    return s;
  }

  getItemOrNullObject(key: string): XlSetting {
    const s = new FakeSetting(this.ctx, key);
    this.ctx.enqueue('SettingCollection.getItemOrNullObject', '1.4', { write: false }, () => s.resolveNow());
    return s;
  }
}

class FakeSetting extends FakeObject implements XlSetting {
  constructor(
    ctx: FakeContext,
    private readonly key: string,
  ) {
    super(ctx);
  }

  resolveNow(): number {
    this.nullState = !this.host.settings.has(this.key);
    return 4;
  }

  get value(): unknown {
    return this.read('value');
  }
  set value(v: unknown) {
    const json = JSON.stringify(v);
    this.ctx.enqueue(
      'Setting.value(set)',
      '1.4',
      { write: true },
      () => {
        this.host.settings.set(this.key, JSON.parse(json));
        return 0;
      },
      bytes(json),
    );
  }

  load(p?: string | string[]): this {
    const props = splitProps(p);
    this.ctx.enqueue('Setting.load', '1.4', { write: false }, () => {
      if (!this.host.settings.has(this.key)) return 4;
      const v = this.host.settings.get(this.key);
      for (const prop of props.length ? props : ['value']) {
        if (prop === 'value') this.loaded.set('value', JSON.parse(JSON.stringify(v)));
        else if (prop === 'key') this.loaded.set('key', this.key);
        else throw new FakeOfficeError('InvalidArgument', `Setting.${prop}`);
      }
      return bytes(v);
    });
    return this;
  }

  delete(): void {
    this.ctx.enqueue('Setting.delete', '1.4', { write: true }, () => {
      this.host.settings.delete(this.key);
      return 0;
    });
  }
}

export { colLetters };

// A fake WPS 表格 (ET) host over an ExcelJS workbook: the Excel COM object model as WPS exposes it to
// a JS add-in (window.Application), synchronous. It implements src/wps/et-api.ts as strictly as the
// object model is, where src/wps depends on it. Sources (VBA reference = learn.microsoft.com/office/vba/api/…;
// the ET object model mirrors it — WPS 开放平台 https://open.wps.cn/documents/app-integration-dev/client/wpsoffice/):
// - Range.Value2: a single cell reads as a scalar, a larger range as an array of rows; no Date or
//   Currency types (dates read as serial numbers) — VBA excel.range.value2. Error cells read as the
//   COM error code (CVErr, e.g. -2146826281 for #DIV/0!) by default [infer; 自检 checks], or as text.
//   Merged cells other than the top-left read empty.
// - Range.NumberFormat, Range.MergeCells, Interior.Color: null when the cells differ — VBA
//   excel.range.numberformat ("returns Null if all cells in the range don't have the same number
//   format"), excel.range.mergecells ("returns Null if the range contains some merged cells and some
//   that aren't"); Interior.Color [infer, the same rule].
// - Interior.Color is BGR (RGB(r,g,b) = r + g*256 + b*65536, VBA language.rgb-function); ColorIndex
//   and Pattern read xlNone (-4142) for no fill (VBA excel.interior.colorindex, excel.xlpattern).
// - Worksheet.Delete prompts unless Application.DisplayAlerts = False (VBA excel.worksheet.delete):
//   here it throws, so code that forgets it fails.
// - Sheets.Add activates the new sheet (VBA excel.sheets.add); Visible = xlSheetVeryHidden (2)
//   (VBA excel.xlsheetvisibility); hiding the active sheet activates another.
// - Range.AddComment fails when the cell has a comment [infer]; Range.Comment is Nothing (null) when none.
// - Every member access returns a fresh wrapper (so === never identifies a sheet: phongapple
//   et-sheet-identity-validation) and is counted in `calls`.
// - SheetChange (Application.ApiEvent) fires on user edits (`userEdit`); on add-in writes only with
//   `eventsOnAddinWrites` (what real WPS does is a 自检 question). SheetActivate likewise fires when the
//   user switches sheets (`userActivate`); on the add-in's Activate / Sheets.Add only with that option.
// - Range.Merge(Across) over a merged area fails [infer]; Font.Bold reads null when the cells differ.
// - Worksheet.Hyperlinks.Add(Anchor, "", SubAddress, ScreenTip, TextToDisplay) links inside the workbook
//   (VBA excel.hyperlinks.add); Columns.AutoFit fits widths as the fake Excel host does.
import * as ExcelJS from 'exceljs';
import { a1, parseRangeA1 } from '../../../src/core/address';
import type { CellRange } from '../../../src/core/types';
import type {
  EtAddinRoot,
  EtApiEvent,
  EtComment,
  EtDebugTools,
  EtDocumentProperties,
  EtDocumentProperty,
  EtInterior,
  EtPluginStorage,
  EtTaskPane,
  EtRange,
  EtSheets,
  EtWorkbook,
  EtWorksheet,
} from '../../../src/wps/et-api';
import { FILL_PATTERN_NAME, FILL_PATTERN_NUM } from '../../../src/wps/et-api';
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
} from '../fake-excel/cells';

/** COM error codes (CVErr as HRESULT) by error text. */
export const COM_ERRORS: Record<string, number> = {
  '#NULL!': -2146826288,
  '#DIV/0!': -2146826281,
  '#VALUE!': -2146826273,
  '#REF!': -2146826265,
  '#NAME?': -2146826259,
  '#NUM!': -2146826252,
  '#N/A': -2146826246,
};

const PATTERN_NUM = FILL_PATTERN_NUM;
const PATTERN_NAME = FILL_PATTERN_NAME;

export class FakeEtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EtError';
  }
}

export interface FakeEtOptions {
  /** How Value2 reports an error cell: the COM code (default) or its text. */
  errorValues?: 'code' | 'text';
  /** SheetChange also fires for the add-in's own writes. */
  eventsOnAddinWrites?: boolean;
}

interface FakePane {
  ID: number;
  Visible: boolean;
  url: string;
  title: string;
}

type Listener = (sheet: EtWorksheet, target: EtRange) => void;
type ActivateListener = (sheet: unknown) => void;

export function bgr(hex: string): number {
  const h = hex.replace('#', '');
  const r = parseInt(h.slice(0, 2), 16);
  const g = parseInt(h.slice(2, 4), 16);
  const b = parseInt(h.slice(4, 6), 16);
  return r + g * 256 + b * 65536;
}

export function hexOfBgr(n: number): string {
  const r = n & 0xff;
  const g = (n >> 8) & 0xff;
  const b = (n >> 16) & 0xff;
  return (
    '#' +
    [r, g, b]
      .map((x) => x.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase()
  );
}

export class FakeEtHost {
  /** Member accesses and calls, e.g. "Range.Value2" (get) or "Range.Value2=" (set). */
  calls: Record<string, number> = {};
  totalCalls = 0;
  displayAlerts = true;
  screenUpdating = true;
  enableEvents = true;
  activeSheetName: string;
  readonly protectedSheets = new Set<string>();
  workbookProtected = false;
  readonly docProps = new Map<string, unknown>();
  /** Undo transactions: the open one (its description when ended) and the finished ones. */
  undo: { open: boolean; done: { desc: string; cancel: boolean }[] } = { open: false, done: [] };
  /** Writes made outside an undo transaction (each would be its own Ctrl+Z step). */
  writesOutsideUndo = 0;
  /** Cells holding a formula that a write touched. */
  formulaOverwrites: string[] = [];
  /** Makes a member throw (fault injection): return true for the member name. */
  fault: ((member: string, sheet: string) => boolean) | null = null;
  readonly errorValues: 'code' | 'text';
  eventsOnAddinWrites: boolean;
  selection: { sheet: string; address: string } | null = null;
  /** Application.PluginStorage (memory only, like WPS). */
  readonly storage = new Map<string, string>();
  readonly panes: FakePane[] = [];
  readonly dialogs: { url: string; title: string; width: number; height: number }[] = [];
  private listeners = new Set<Listener>();
  private activateListeners = new Set<ActivateListener>();

  constructor(
    readonly workbook: ExcelJS.Workbook,
    options: FakeEtOptions = {},
  ) {
    if (!workbook.worksheets.length) throw new Error('fake ET: workbook has no worksheet');
    const sheets = workbook.worksheets;
    const activeTab = (workbook.views?.[0] as { activeTab?: number } | undefined)?.activeTab;
    const visible = sheets.filter((s) => (s.state ?? 'visible') === 'visible');
    this.activeSheetName = (typeof activeTab === 'number' && sheets[activeTab]?.name) || (visible[0] ?? sheets[0]).name;
    for (const ws of sheets)
      if ((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet) this.protectedSheets.add(ws.name);
    this.errorValues = options.errorValues ?? 'code';
    this.eventsOnAddinWrites = options.eventsOnAddinWrites ?? false;
  }

  static async fromBuffer(buf: ArrayBuffer, options?: FakeEtOptions): Promise<FakeEtHost> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf);
    return new FakeEtHost(wb, options);
  }

  /** Saves the workbook (.xlsx bytes); the document properties are not part of ExcelJS's file. */
  async toBuffer(): Promise<ArrayBuffer> {
    return (await this.workbook.xlsx.writeBuffer()) as ArrayBuffer;
  }

  /** window.Application: a fresh wrapper every time. */
  get Application(): EtAddinRoot {
    return new App(this);
  }

  resetCalls(): void {
    this.calls = {};
    this.totalCalls = 0;
  }

  count(member: string, sheet = ''): void {
    this.calls[member] = (this.calls[member] ?? 0) + 1;
    this.totalCalls++;
    if (this.fault?.(member, sheet)) throw new FakeEtError(`injected failure: ${member}`);
  }

  sheet(name: string): ExcelJS.Worksheet {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new FakeEtError('下标越界');
    return ws;
  }

  /** The user types into a cell: written like input, SheetChange fires (when events are on). */
  userEdit(sheet: string, address: string, value: unknown): void {
    const r = parseRangeA1(address)!;
    const ws = this.sheet(sheet);
    writeCellValue(ws.getCell(r.top + 1, r.left + 1), value);
    this.fire(sheet, r);
  }

  /** The user clicks another sheet's tab: it becomes active, SheetActivate fires (when events are on). */
  userActivate(sheet: string): void {
    const ws = this.sheet(sheet);
    if ((ws.state ?? 'visible') !== 'visible') throw new FakeEtError('无法激活隐藏的工作表');
    if (this.activeSheetName === ws.name) return; // clicking the active tab raises nothing
    this.activeSheetName = ws.name;
    this.fireActivate(ws.name);
  }

  fireActivate(sheet: string): void {
    if (!this.enableEvents) return;
    for (const l of [...this.activateListeners]) l(new Sheet(this, sheet));
  }

  /** The add-in activated a sheet: SheetActivate only with `eventsOnAddinWrites`. */
  activatedByAddin(sheet: string): void {
    const was = this.activeSheetName;
    this.activeSheetName = sheet;
    if (was !== sheet && this.eventsOnAddinWrites) this.fireActivate(sheet);
  }

  get activateListenerCount(): number {
    return this.activateListeners.size;
  }

  addActivateListener(l: ActivateListener): void {
    this.activateListeners.add(l);
  }

  removeActivateListener(l?: ActivateListener): void {
    if (l) this.activateListeners.delete(l);
    else this.activateListeners.clear();
  }

  fire(sheet: string, r: CellRange): void {
    if (!this.enableEvents) return;
    for (const l of [...this.listeners]) l(new Sheet(this, sheet), new Range(this, sheet, [r]));
  }

  addListener(l: Listener): void {
    this.listeners.add(l);
  }

  removeListener(l?: Listener): void {
    if (l) this.listeners.delete(l);
    else this.listeners.clear();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Called by every write: protection, undo bookkeeping, events. */
  wrote(sheet: string, areas: CellRange[]): void {
    if (this.protectedSheets.has(sheet)) throw new FakeEtError('试图更改的单元格或图表受保护');
    if (!this.undo.open) this.writesOutsideUndo++;
    if (this.eventsOnAddinWrites) for (const r of areas) this.fire(sheet, r);
  }

  visibleSheets(): ExcelJS.Worksheet[] {
    return this.workbook.worksheets.filter((w) => (w.state ?? 'visible') === 'visible');
  }
}

class App implements EtAddinRoot {
  constructor(private readonly h: FakeEtHost) {}
  get ActiveWorkbook(): EtWorkbook {
    this.h.count('Application.ActiveWorkbook');
    return new Book(this.h);
  }
  get ActiveSheet(): EtWorksheet {
    this.h.count('Application.ActiveSheet');
    return new Sheet(this.h, this.h.activeSheetName);
  }
  get DisplayAlerts(): boolean {
    this.h.count('Application.DisplayAlerts');
    return this.h.displayAlerts;
  }
  set DisplayAlerts(v: boolean) {
    this.h.count('Application.DisplayAlerts=');
    this.h.displayAlerts = !!v;
  }
  get ScreenUpdating(): boolean {
    this.h.count('Application.ScreenUpdating');
    return this.h.screenUpdating;
  }
  set ScreenUpdating(v: boolean) {
    this.h.count('Application.ScreenUpdating=');
    this.h.screenUpdating = !!v;
  }
  get EnableEvents(): boolean {
    this.h.count('Application.EnableEvents');
    return this.h.enableEvents;
  }
  set EnableEvents(v: boolean) {
    this.h.count('Application.EnableEvents=');
    this.h.enableEvents = !!v;
  }
  get Build(): unknown {
    this.h.count('Application.Build');
    return '12.1.0.0-fake';
  }
  get Version(): string {
    this.h.count('Application.Version');
    return '12.0';
  }
  get DebugTools(): EtDebugTools {
    this.h.count('Application.DebugTools');
    const h = this.h;
    return {
      UndoTransBegin() {
        h.count('DebugTools.UndoTransBegin');
        if (h.undo.open) throw new FakeEtError('undo transaction already open');
        h.undo.open = true;
      },
      UndoTransEnd(_book: EtWorkbook, cancel: boolean, desc: string) {
        h.count('DebugTools.UndoTransEnd');
        if (!h.undo.open) throw new FakeEtError('no undo transaction');
        h.undo.open = false;
        h.undo.done.push({ desc, cancel });
      },
    };
  }
  get PluginStorage(): EtPluginStorage {
    this.h.count('Application.PluginStorage');
    const h = this.h;
    return {
      setItem(key: string, value: number | boolean | string) {
        h.storage.set(key, String(value));
      },
      getItem(key: string): string {
        return h.storage.get(key) ?? (null as unknown as string);
      },
    };
  }
  CreateTaskPane(url: string, title?: string): EtTaskPane {
    this.h.count('Application.CreateTaskPane');
    const pane = { ID: this.h.panes.length + 1, Visible: false, url, title: title ?? '' };
    this.h.panes.push(pane);
    return this.pane(pane);
  }
  GetTaskPane(id: number): EtTaskPane {
    this.h.count('Application.GetTaskPane');
    const pane = this.h.panes.find((p) => p.ID === id);
    if (!pane) throw new FakeEtError('no task pane ' + id);
    return this.pane(pane);
  }
  private pane(p: FakePane): EtTaskPane {
    return {
      get ID() {
        return p.ID;
      },
      get Visible() {
        return p.Visible;
      },
      set Visible(v: boolean) {
        p.Visible = v;
      },
      Navigate(url: string) {
        p.url = url;
      },
      Delete() {
        p.Visible = false;
      },
    };
  }
  ShowDialog(url: string, title?: string, width?: number, height?: number): void {
    this.h.count('Application.ShowDialog');
    this.h.dialogs.push({ url, title: title ?? '', width: width ?? 0, height: height ?? 0 });
  }
  get ApiEvent(): EtApiEvent {
    this.h.count('Application.ApiEvent');
    const h = this.h;
    return {
      AddApiEventListener(name: string, cb: Listener & ActivateListener) {
        h.count('ApiEvent.AddApiEventListener');
        if (name === 'SheetChange') h.addListener(cb);
        if (name === 'SheetActivate') h.addActivateListener(cb);
      },
      RemoveApiEventListener(name: string, cb?: Listener & ActivateListener) {
        h.count('ApiEvent.RemoveApiEventListener');
        if (name === 'SheetChange') h.removeListener(cb);
        if (name === 'SheetActivate') h.removeActivateListener(cb);
      },
    };
  }
}

class Book implements EtWorkbook {
  constructor(private readonly h: FakeEtHost) {}
  get Name(): string {
    this.h.count('Workbook.Name');
    return 'book.xlsx';
  }
  get ProtectStructure(): boolean {
    this.h.count('Workbook.ProtectStructure');
    return this.h.workbookProtected;
  }
  get Worksheets(): EtSheets {
    this.h.count('Workbook.Worksheets');
    return new Sheets(this.h);
  }
  get CustomDocumentProperties(): EtDocumentProperties {
    this.h.count('Workbook.CustomDocumentProperties');
    return new DocProps(this.h);
  }
}

class DocProps implements EtDocumentProperties {
  constructor(private readonly h: FakeEtHost) {}
  get Count(): number {
    this.h.count('DocumentProperties.Count');
    return this.h.docProps.size;
  }
  Item(index: number | string): EtDocumentProperty {
    this.h.count('DocumentProperties.Item');
    const names = [...this.h.docProps.keys()];
    const name = typeof index === 'number' ? names[index - 1] : index;
    if (name === undefined || !this.h.docProps.has(name)) throw new FakeEtError('参数不正确');
    return this.prop(name);
  }
  Add(name: string, _link: boolean, _type?: unknown, value?: unknown): EtDocumentProperty {
    this.h.count('DocumentProperties.Add');
    if (this.h.docProps.has(name)) throw new FakeEtError('属性已存在');
    // a string property holds at most 255 characters [infer: the COM limit]
    if (typeof value === 'string' && value.length > 255) throw new FakeEtError('值太长');
    this.h.docProps.set(name, value);
    return this.prop(name);
  }
  private prop(name: string): EtDocumentProperty {
    const h = this.h;
    return {
      get Name() {
        h.count('DocumentProperty.Name');
        return name;
      },
      get Value() {
        h.count('DocumentProperty.Value');
        return h.docProps.get(name);
      },
      set Value(v: unknown) {
        h.count('DocumentProperty.Value=');
        if (typeof v === 'string' && v.length > 255) throw new FakeEtError('值太长');
        h.docProps.set(name, v);
      },
      Delete() {
        h.count('DocumentProperty.Delete');
        h.docProps.delete(name);
      },
    };
  }
}

class Sheets implements EtSheets {
  constructor(private readonly h: FakeEtHost) {}
  get Count(): number {
    this.h.count('Sheets.Count');
    return this.h.workbook.worksheets.length;
  }
  Item(index: number | string): EtWorksheet {
    this.h.count('Sheets.Item');
    const list = this.h.workbook.worksheets;
    const ws = typeof index === 'number' ? list[index - 1] : this.h.workbook.getWorksheet(index);
    if (!ws) throw new FakeEtError('下标越界');
    return new Sheet(this.h, ws.name);
  }
  Add(): EtWorksheet {
    this.h.count('Sheets.Add');
    if (this.h.workbookProtected) throw new FakeEtError('工作簿受保护，不能更改');
    const names = new Set(this.h.workbook.worksheets.map((w) => w.name));
    let n = this.h.workbook.worksheets.length + 1;
    while (names.has(`Sheet${n}`)) n++;
    const ws = this.h.workbook.addWorksheet(`Sheet${n}`);
    this.h.activatedByAddin(ws.name);
    if (!this.h.undo.open) this.h.writesOutsideUndo++;
    return new Sheet(this.h, ws.name);
  }
}

/** A worksheet wrapper, tied to the sheet's name at the time it was made (renames go through it). */
class Sheet implements EtWorksheet {
  constructor(
    private readonly h: FakeEtHost,
    private name: string,
  ) {}
  private ws(): ExcelJS.Worksheet {
    return this.h.sheet(this.name);
  }
  get Name(): string {
    this.h.count('Worksheet.Name', this.name);
    return this.ws().name;
  }
  set Name(v: string) {
    this.h.count('Worksheet.Name=', this.name);
    if (this.h.workbook.getWorksheet(v)) throw new FakeEtError('工作表名称已存在');
    this.ws().name = v;
    if (this.h.activeSheetName === this.name) this.h.activeSheetName = v;
    this.name = v;
  }
  get Index(): number {
    this.h.count('Worksheet.Index', this.name);
    return this.h.workbook.worksheets.indexOf(this.ws()) + 1;
  }
  get Visible(): unknown {
    this.h.count('Worksheet.Visible', this.name);
    const s = this.ws().state ?? 'visible';
    return s === 'veryHidden' ? 2 : s === 'hidden' ? 0 : -1;
  }
  set Visible(v: unknown) {
    this.h.count('Worksheet.Visible=', this.name);
    if (this.h.workbookProtected) throw new FakeEtError('工作簿受保护，不能更改');
    const n = v === true ? -1 : v === false ? 0 : Number(v);
    if (n !== -1 && n !== 0 && n !== 2) throw new FakeEtError('参数不正确');
    const ws = this.ws();
    if (n !== -1 && this.h.visibleSheets().filter((w) => w !== ws).length === 0) throw new FakeEtError('工作簿中至少应含有一张可视工作表');
    ws.state = n === 2 ? 'veryHidden' : n === 0 ? 'hidden' : 'visible';
    if (n !== -1 && this.h.activeSheetName === ws.name) this.h.activeSheetName = this.h.visibleSheets()[0].name;
  }
  get ProtectContents(): boolean {
    this.h.count('Worksheet.ProtectContents', this.name);
    return this.h.protectedSheets.has(this.ws().name);
  }
  get UsedRange(): EtRange {
    this.h.count('Worksheet.UsedRange', this.name);
    const ws = this.ws();
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    // cells with a value, a note or a format count (COM's UsedRange is not values-only); a row holding
    // only notes or fills has no values, and ExcelJS skips it unless includeEmpty
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const style = cell.style as Partial<ExcelJS.Style> | undefined;
        if (cell.value === null && readNote(cell) === null && !style?.fill && !style?.numFmt) return;
        top = Math.min(top, r - 1);
        bottom = Math.max(bottom, r - 1);
        left = Math.min(left, c - 1);
        right = Math.max(right, c - 1);
      });
    });
    for (const m of merges(ws)) {
      top = Math.min(top, m.top);
      left = Math.min(left, m.left);
      bottom = Math.max(bottom, m.bottom);
      right = Math.max(right, m.right);
    }
    // an empty sheet's used range is A1
    const rect = bottom < 0 ? { top: 0, left: 0, bottom: 0, right: 0 } : { top, left, bottom, right };
    return new Range(this.h, ws.name, [rect]);
  }
  get Comments(): { Count: number } {
    this.h.count('Worksheet.Comments', this.name);
    let n = 0;
    this.ws().eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => void (readNote(cell) !== null && n++)));
    return { Count: n };
  }
  get Cells(): EtRange {
    this.h.count('Worksheet.Cells', this.name);
    return new Range(this.h, this.ws().name, [{ top: 0, left: 0, bottom: 1048575, right: 16383 }]);
  }
  get Hyperlinks(): EtWorksheet['Hyperlinks'] {
    this.h.count('Worksheet.Hyperlinks', this.name);
    const h = this.h;
    const sheet = this.name;
    return {
      Add(anchor: unknown, address: string, subAddress?: string, tip?: string, text?: string): unknown {
        h.count('Hyperlinks.Add', sheet);
        if (!(anchor instanceof Range) || anchor.sheet !== sheet) throw new FakeEtError('Hyperlinks.Add: the anchor is a range of this sheet');
        h.wrote(sheet, [anchor.first]);
        const cell = h.sheet(sheet).getCell(anchor.first.top + 1, anchor.first.left + 1);
        const target = address ? address + (subAddress ? '#' + subAddress : '') : '#' + (subAddress ?? '');
        cell.value = { text: text ?? String(readCell(cell).value ?? target), hyperlink: target, tooltip: tip } as ExcelJS.CellHyperlinkValue;
        return {};
      },
    };
  }
  Range(address: string): EtRange {
    this.h.count('Worksheet.Range', this.name);
    const areas = address.split(',').map((p) => {
      const r = parseRangeA1(p.trim().replace(/\$/g, ''));
      if (!r) throw new FakeEtError(`bad address ${address}`);
      return r;
    });
    if (address.length > 255) throw new FakeEtError('Range: address over 255 characters'); // VBA: Range("…") takes at most 255 [infer]
    return new Range(this.h, this.ws().name, areas);
  }
  Activate(): unknown {
    this.h.count('Worksheet.Activate', this.name);
    const ws = this.ws();
    if ((ws.state ?? 'visible') !== 'visible') throw new FakeEtError('无法激活隐藏的工作表');
    this.h.activatedByAddin(ws.name);
    return true;
  }
  Delete(): unknown {
    this.h.count('Worksheet.Delete', this.name);
    if (this.h.displayAlerts) throw new FakeEtError('Delete would prompt: set Application.DisplayAlerts = false first');
    if (this.h.workbookProtected) throw new FakeEtError('工作簿受保护，不能更改');
    const ws = this.ws();
    if (this.h.visibleSheets().filter((w) => w !== ws).length === 0) throw new FakeEtError('工作簿中至少应含有一张可视工作表');
    this.h.workbook.removeWorksheet(ws.id);
    if (!this.h.undo.open) this.h.writesOutsideUndo++;
    if (this.h.activeSheetName === this.name) this.h.activeSheetName = this.h.visibleSheets()[0].name;
    return true;
  }
}

function merges(ws: ExcelJS.Worksheet): CellRange[] {
  // ExcelJS keeps merges by master address, 1-based (ws.model would serialise the whole sheet)
  const list = Object.values((ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges);
  return list.map((m) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
}

function mergeOf(ws: ExcelJS.Worksheet, row: number, col: number): CellRange | null {
  for (const m of merges(ws)) if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return m;
  return null;
}

function cellsOf(r: CellRange): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push({ row, col });
  return out;
}

/** The same value for every cell, else null (the COM rule for mixed ranges). */
function uniform<T>(values: T[]): T | null {
  if (!values.length) return null;
  const first = JSON.stringify(values[0]);
  return values.every((v) => JSON.stringify(v) === first) ? values[0] : null;
}

class Range implements EtRange {
  constructor(
    private readonly h: FakeEtHost,
    private readonly sheetName: string,
    private readonly areas: CellRange[],
  ) {}
  private get r(): CellRange {
    return this.areas[0];
  }
  /** For Hyperlinks.Add: the sheet and first area. */
  get sheet(): string {
    return this.sheetName;
  }
  get first(): CellRange {
    return this.areas[0];
  }
  private ws(): ExcelJS.Worksheet {
    return this.h.sheet(this.sheetName);
  }
  private cell(row: number, col: number): ExcelJS.Cell {
    return this.ws().getCell(row + 1, col + 1);
  }
  private all(): { row: number; col: number }[] {
    return this.areas.flatMap(cellsOf);
  }
  private size(): number {
    return (this.r.bottom - this.r.top + 1) * (this.r.right - this.r.left + 1);
  }
  private grid<T>(f: (row: number, col: number) => T): T | T[][] {
    const r = this.r;
    if (this.size() === 1) return f(r.top, r.left);
    const out: T[][] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const line: T[] = [];
      for (let col = r.left; col <= r.right; col++) line.push(f(row, col));
      out.push(line);
    }
    return out;
  }
  private value2(row: number, col: number): unknown {
    const c = readCell(this.cell(row, col));
    if (c.type === 'Empty') return undefined;
    if (c.type === 'Error') return this.h.errorValues === 'code' ? (COM_ERRORS[String(c.value)] ?? -2146826273) : String(c.value);
    return c.value;
  }
  private write(what: string): void {
    this.h.count(what, this.sheetName);
    this.h.wrote(this.sheetName, this.areas);
  }

  get Value2(): unknown {
    this.h.count('Range.Value2', this.sheetName);
    return this.grid((row, col) => this.value2(row, col));
  }
  set Value2(v: unknown) {
    this.write('Range.Value2=');
    const r = this.r;
    const rows = r.bottom - r.top + 1;
    const cols = r.right - r.left + 1;
    if (Array.isArray(v) && (v.length !== rows || v.some((line) => !Array.isArray(line) || line.length !== cols))) {
      throw new FakeEtError('Value2: array shape differs from the range'); // strict: COM would pad with #N/A
    }
    for (const { row, col } of cellsOf(r)) {
      const cell = this.cell(row, col);
      const x = Array.isArray(v) ? (v as unknown[][])[row - r.top][col - r.left] : v;
      if (readCell(cell).formula !== readCell(cell).value) this.h.formulaOverwrites.push(`${this.sheetName}!${a1(row, col)}`);
      writeCellValue(cell, x);
    }
  }
  get Formula(): unknown {
    this.h.count('Range.Formula', this.sheetName);
    return this.grid((row, col) => {
      const c = readCell(this.cell(row, col));
      if (typeof c.formula === 'string' && c.formula.startsWith('=') && c.formula !== c.value) return c.formula;
      if (c.type === 'Empty') return '';
      return c.type === 'Error' ? String(c.value) : c.type === 'Boolean' ? (c.value ? 'TRUE' : 'FALSE') : String(c.value);
    });
  }
  /** Enters a formula (or a constant) in every cell, like typing it. */
  set Formula(v: unknown) {
    this.write('Range.Formula=');
    for (const { row, col } of this.all()) writeCellValue(this.cell(row, col), v);
  }
  Merge(across = false): void {
    this.write('Range.Merge');
    const r = this.r;
    const ws = this.ws();
    if (merges(ws).some((m) => m.top <= r.bottom && m.bottom >= r.top && m.left <= r.right && m.right >= r.left)) {
      throw new FakeEtError('Range.Merge over a merged area');
    }
    if (across) for (let row = r.top; row <= r.bottom; row++) ws.mergeCellsWithoutStyle(row + 1, r.left + 1, row + 1, r.right + 1);
    else ws.mergeCellsWithoutStyle(r.top + 1, r.left + 1, r.bottom + 1, r.right + 1);
  }
  get Font(): { Bold: unknown } {
    this.h.count('Range.Font', this.sheetName);
    const h = this.h;
    const sheet = this.sheetName;
    const cells = () => this.all().map(({ row, col }) => this.cell(row, col));
    const areas = this.areas;
    return {
      get Bold(): unknown {
        h.count('Font.Bold', sheet);
        return uniform(cells().map((c) => !!c.style?.font?.bold));
      },
      set Bold(v: unknown) {
        h.count('Font.Bold=', sheet);
        h.wrote(sheet, areas);
        for (const c of cells()) c.style = { ...c.style, font: { ...c.style?.font, bold: !!v } };
      },
    };
  }
  get NumberFormat(): unknown {
    this.h.count('Range.NumberFormat', this.sheetName);
    return uniform(cellsOf(this.r).map(({ row, col }) => readCell(this.cell(row, col)).numberFormat));
  }
  set NumberFormat(v: unknown) {
    this.write('Range.NumberFormat=');
    if (typeof v !== 'string') throw new FakeEtError('NumberFormat: a string');
    for (const { row, col } of this.all()) {
      const cell = this.cell(row, col);
      if (readCell(cell).formula !== readCell(cell).value) this.h.formulaOverwrites.push(`${this.sheetName}!${a1(row, col)}`);
      setNumFmt(cell, v);
    }
  }
  get MergeCells(): unknown {
    this.h.count('Range.MergeCells', this.sheetName);
    const ws = this.ws();
    return uniform(cellsOf(this.r).map(({ row, col }) => mergeOf(ws, row, col) !== null));
  }
  get MergeArea(): EtRange {
    this.h.count('Range.MergeArea', this.sheetName);
    const m = mergeOf(this.ws(), this.r.top, this.r.left);
    // VBA excel.range.mergearea: "only works on a single cell range"
    if (this.size() !== 1 && !(m && m.top === this.r.top && m.left === this.r.left && m.bottom >= this.r.bottom && m.right >= this.r.right)) {
      return new Range(this.h, this.sheetName, [this.r]);
    }
    return new Range(this.h, this.sheetName, [m ?? this.r]);
  }
  get Row(): number {
    this.h.count('Range.Row', this.sheetName);
    return this.r.top + 1;
  }
  get Column(): number {
    this.h.count('Range.Column', this.sheetName);
    return this.r.left + 1;
  }
  get Rows(): { Count: number } {
    this.h.count('Range.Rows', this.sheetName);
    const n = this.r.bottom - this.r.top + 1;
    return { Count: n };
  }
  get Columns(): { Count: number; AutoFit(): unknown } {
    this.h.count('Range.Columns', this.sheetName);
    const n = this.r.right - this.r.left + 1;
    const h = this.h;
    const sheet = this.sheetName;
    const areas = this.areas;
    return {
      Count: n,
      AutoFit() {
        h.count('Columns.AutoFit', sheet);
        const ws = h.sheet(sheet);
        const widths = new Map<number, number>();
        for (const { row, col } of areas.flatMap(cellsOf)) {
          const w = autofitWidth(ws.getCell(row + 1, col + 1));
          if (w !== null) widths.set(col, Math.max(widths.get(col) ?? 0, w));
        }
        for (const [col, w] of widths) ws.getColumn(col + 1).width = fittedColumnWidth(w);
        return true;
      },
    };
  }
  get Worksheet(): EtWorksheet {
    this.h.count('Range.Worksheet', this.sheetName);
    return new Sheet(this.h, this.sheetName);
  }
  Address(rowAbs = true, colAbs = true): string {
    this.h.count('Range.Address', this.sheetName);
    return this.areas
      .map((r) => {
        const one = (row: number, col: number) => {
          const m = /^([A-Z]+)(\d+)$/.exec(a1(row, col))!;
          return `${colAbs ? '$' : ''}${m[1]}${rowAbs ? '$' : ''}${m[2]}`;
        };
        return r.top === r.bottom && r.left === r.right ? one(r.top, r.left) : `${one(r.top, r.left)}:${one(r.bottom, r.right)}`;
      })
      .join(',');
  }
  Item(row: number, col = 1): EtRange {
    this.h.count('Range.Item', this.sheetName);
    const r = this.r.top + row - 1;
    const c = this.r.left + col - 1;
    return new Range(this.h, this.sheetName, [{ top: r, left: c, bottom: r, right: c }]);
  }
  Select(): unknown {
    this.h.count('Range.Select', this.sheetName);
    if (this.h.activeSheetName !== this.sheetName) throw new FakeEtError('Select: the sheet is not active');
    this.h.selection = { sheet: this.sheetName, address: this.Address(false, false) };
    return true;
  }
  get Interior(): EtInterior {
    this.h.count('Range.Interior', this.sheetName);
    return new Interior(this.h, this.sheetName, this.areas);
  }
  get Comment(): EtComment | null {
    this.h.count('Range.Comment', this.sheetName);
    const cell = this.cell(this.r.top, this.r.left);
    return readNote(cell) === null ? null : comment(this.h, this.sheetName, cell);
  }
  AddComment(text?: string): EtComment {
    this.write('Range.AddComment');
    const cell = this.cell(this.r.top, this.r.left);
    if (readNote(cell) !== null) throw new FakeEtError('AddComment: the cell has a comment');
    writeNote(cell, text ?? '');
    return comment(this.h, this.sheetName, cell);
  }
  ClearComments(): void {
    this.write('Range.ClearComments');
    for (const { row, col } of this.all()) writeNote(this.cell(row, col), null);
  }
}

function comment(h: FakeEtHost, sheet: string, cell: ExcelJS.Cell): EtComment {
  return {
    Text(text?: string): string {
      if (text === undefined) {
        h.count('Comment.Text', sheet);
        return readNote(cell) ?? '';
      }
      h.count('Comment.Text=', sheet);
      h.wrote(sheet, []);
      writeNote(cell, text);
      return text;
    },
    Delete() {
      h.count('Comment.Delete', sheet);
      h.wrote(sheet, []);
      writeNote(cell, null);
    },
  };
}

class Interior implements EtInterior {
  constructor(
    private readonly h: FakeEtHost,
    private readonly sheetName: string,
    private readonly areas: CellRange[],
  ) {}
  private cells(): ExcelJS.Cell[] {
    const ws = this.h.sheet(this.sheetName);
    return this.areas.flatMap(cellsOf).map(({ row, col }) => ws.getCell(row + 1, col + 1));
  }
  private read<T>(member: string, f: (fill: ReturnType<typeof readFill>) => T): T | null {
    this.h.count(member, this.sheetName);
    return uniform(this.cells().map((c) => f(readFill(c))));
  }
  private set(member: string, f: (cell: ExcelJS.Cell) => void): void {
    this.h.count(member, this.sheetName);
    this.h.wrote(this.sheetName, this.areas);
    for (const c of this.cells()) f(c);
  }
  get Color(): unknown {
    // no fill reads as white (16777215), like Excel
    return this.read('Interior.Color', (f) => bgr(f.tintAndShade === null ? '#FFFFFF' : f.color));
  }
  set Color(v: unknown) {
    this.set('Interior.Color=', (c) => writeFillColor(c, hexOfBgr(Number(v))));
  }
  get ColorIndex(): unknown {
    // xlColorIndexNone for no fill; any fill: an index of the 56-colour palette (not modelled: 1)
    return this.read('Interior.ColorIndex', (f) => (f.tintAndShade === null ? -4142 : 1));
  }
  set ColorIndex(v: unknown) {
    if (Number(v) !== -4142) throw new FakeEtError('fake ET: only ColorIndex = xlNone is modelled');
    this.set('Interior.ColorIndex=', (c) => clearFill(c));
  }
  get Pattern(): unknown {
    return this.read('Interior.Pattern', (f) => (f.tintAndShade === null ? -4142 : (PATTERN_NUM[f.pattern ?? 'Solid'] ?? 1)));
  }
  set Pattern(v: unknown) {
    const name = PATTERN_NAME[Number(v)];
    if (!name) throw new FakeEtError('Pattern: unknown');
    this.set('Interior.Pattern=', (c) => writeFillPattern(c, name));
  }
  get PatternColor(): unknown {
    return this.read('Interior.PatternColor', (f) => bgr(f.patternColor));
  }
  set PatternColor(v: unknown) {
    this.set('Interior.PatternColor=', (c) => writeFillPatternColor(c, hexOfBgr(Number(v))));
  }
  get TintAndShade(): unknown {
    return this.read('Interior.TintAndShade', (f) => f.tintAndShade ?? 0);
  }
  set TintAndShade(v: unknown) {
    this.set('Interior.TintAndShade=', (c) => writeFillTint(c, Number(v)));
  }
}

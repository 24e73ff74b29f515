// The exact subset of the WPS 表格 (ET) JavaScript object model that src/wps uses: the Excel COM
// object model, synchronous, through window.Application. et-api.check.ts proves at compile time that
// the official typings (et-jsapi-declare, a devDependency) fit these interfaces; the fake host in
// test/support/fake-et implements them. Enums are plain numbers (the typings' ambient enums do not
// exist at run time).

/** XlSheetVisibility: xlSheetVisible, xlSheetHidden, xlSheetVeryHidden. */
export const XL_SHEET_VISIBLE = -1;
export const XL_SHEET_HIDDEN = 0;
export const XL_SHEET_VERY_HIDDEN = 2;
/** xlNone / xlColorIndexNone / xlPatternNone: "no fill". */
export const XL_NONE = -4142;
/** xlPatternSolid. */
export const XL_PATTERN_SOLID = 1;
/** msoPropertyTypeString (Office.MsoDocProperties). */
export const MSO_PROPERTY_TYPE_STRING = 4;

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null;
  readonly ActiveSheet: EtWorksheet | null;
  DisplayAlerts: boolean;
  ScreenUpdating: boolean;
  EnableEvents: boolean;
  /** WPS build, e.g. "12.1.0.16910". */
  readonly Build: unknown;
  readonly Version: string;
  readonly DebugTools: EtDebugTools;
}

/** Application.DebugTools: turns a series of writes into one native undo step. */
export interface EtDebugTools {
  UndoTransBegin(book: EtWorkbook): void;
  UndoTransEnd(book: EtWorkbook, cancelTrans: boolean, desc: string): void;
}

/** Application.ApiEvent (WPS.AddonRoot). */
export interface EtApiEvent {
  /** The target is the changed Range (COM); the typings declare it as a worksheet, so it stays unknown here. */
  AddApiEventListener(name: 'SheetChange', callback: (sheet: EtWorksheet, target: unknown) => void): void;
  /** Another sheet became active; the typings give the sheet as Worksheet | object, so it stays unknown. */
  AddApiEventListener(name: 'SheetActivate', callback: (sheet: unknown) => void): void;
  RemoveApiEventListener(name: 'SheetChange', callback?: (sheet: EtWorksheet, target: unknown) => void): void;
  RemoveApiEventListener(name: 'SheetActivate', callback?: (sheet: unknown) => void): void;
}

export interface EtAddinRoot extends EtApplication {
  readonly ApiEvent: EtApiEvent;
  /** Shared between the add-in's pages, in memory only (not persisted). */
  readonly PluginStorage: EtPluginStorage;
  CreateTaskPane(url: string, title?: string): EtTaskPane;
  GetTaskPane(id: number): EtTaskPane;
  ShowDialog(url: string, title?: string, width?: number, height?: number, isModal?: boolean): void;
}

export interface EtPluginStorage {
  setItem(key: string, value: number | boolean | string): void;
  getItem(key: string): string;
}

export interface EtTaskPane {
  readonly ID: number;
  Visible: boolean;
  Navigate(url: string): void;
  Delete(): void;
}

export interface EtWorkbook {
  readonly Name: string;
  readonly Worksheets: EtSheets;
  readonly ProtectStructure: boolean;
  readonly CustomDocumentProperties: EtDocumentProperties;
}

export interface EtSheets {
  readonly Count: number;
  /**
   * 1-based index or name; a missing name throws (下标越界). One index gives one Worksheet; the typings
   * also allow a Sheets (an array of indexes): use sheetItem().
   */
  Item(index: number | string): EtWorksheet | EtSheets;
  /** Adds a worksheet (before or after another) and activates it. */
  Add(Before?: unknown, After?: unknown, Count?: unknown, Type?: unknown): EtWorksheet;
}

/** Worksheets.Item with one name or index: a Worksheet. */
export function sheetItem(sheets: EtSheets, index: number | string): EtWorksheet {
  return sheets.Item(index) as EtWorksheet;
}

export interface EtWorksheet {
  Name: string;
  readonly Index: number;
  /** -1 visible, 0 hidden, 2 very hidden. */
  Visible: unknown;
  readonly ProtectContents: boolean;
  readonly UsedRange: EtRange;
  readonly Cells: EtRange;
  /** The sheet's comments (notes). */
  readonly Comments: { readonly Count: number };
  /** Hyperlinks.Add(Anchor, Address, SubAddress, ScreenTip, TextToDisplay): a link inside the workbook has Address "". */
  readonly Hyperlinks: { Add(Anchor: unknown, Address: string, SubAddress?: string, ScreenTip?: string, TextToDisplay?: string): unknown };
  Range(Cell1: string): EtRange;
  Activate(): unknown;
  /** Prompts unless Application.DisplayAlerts is false. */
  Delete(): unknown;
}

export interface EtRange {
  /** A multi-cell range reads as an array of rows, a single cell as a scalar. */
  Value2: unknown;
  /** Like Value2; a constant reads as its value. */
  readonly Formula: unknown;
  /** Null when the cells differ. */
  NumberFormat: unknown;
  /** True, false, or null when only some cells are merged. */
  readonly MergeCells: unknown;
  readonly MergeArea: EtRange;
  readonly Row: number;
  readonly Column: number;
  readonly Rows: { readonly Count: number };
  readonly Columns: { readonly Count: number; AutoFit(): unknown };
  readonly Font: { Bold: unknown };
  /** Across: each row of the range becomes its own merged cell. */
  Merge(Across?: boolean): void;
  readonly Interior: EtInterior;
  /** The cell's note, or null. */
  readonly Comment: EtComment | null;
  readonly Worksheet: EtWorksheet;
  Address(RowAbsolute?: boolean, ColumnAbsolute?: boolean): string;
  Item(RowIndex: number, ColumnIndex?: number): EtRange;
  AddComment(Text?: string): EtComment;
  ClearComments(): void;
  Select(): unknown;
}

/** Colours are BGR numbers (r + g*256 + b*65536); null when the cells differ. */
export interface EtInterior {
  Color: unknown;
  ColorIndex: unknown;
  Pattern: unknown;
  PatternColor: unknown;
  TintAndShade: unknown;
}

export interface EtComment {
  /** Reads the text; with an argument, replaces it. */
  Text(Text?: string): string;
  Delete(): void;
}

export interface EtDocumentProperties {
  readonly Count: number;
  /** 1-based index or name; a missing name throws. */
  Item(index: number | string): EtDocumentProperty;
  Add(Name: string, LinkToContent: boolean, Type?: unknown, Value?: unknown): EtDocumentProperty;
}

export interface EtDocumentProperty {
  readonly Name: string;
  Value: unknown;
  Delete(): void;
}

/** XlPattern numbers by Excel JS FillPattern name (the restore store keeps the names, host-neutral). */
export const FILL_PATTERN_NUM: Record<string, number> = {
  None: -4142,
  Solid: 1,
  Gray75: -4126,
  Gray50: -4125,
  Gray25: -4124,
  Gray16: 17,
  Gray8: 18,
  Horizontal: -4128,
  Vertical: -4166,
  Down: -4121,
  Up: -4162,
  Checker: 9,
  SemiGray75: 10,
  LightHorizontal: 11,
  LightVertical: 12,
  LightDown: 13,
  LightUp: 14,
  Grid: 15,
  CrissCross: 16,
  LinearGradient: 4000,
  RectangularGradient: 4001,
};
export const FILL_PATTERN_NAME: Record<number, string> = {};
for (const k of Object.keys(FILL_PATTERN_NUM)) FILL_PATTERN_NAME[FILL_PATTERN_NUM[k]] = k;

/** '#RRGGBB' → the BGR number of Interior.Color. */
export function bgrOf(hex: string): number {
  const h = hex.replace('#', '');
  return parseInt(h.slice(0, 2), 16) + parseInt(h.slice(2, 4), 16) * 256 + parseInt(h.slice(4, 6), 16) * 65536;
}

/** The BGR number of Interior.Color → '#RRGGBB'. */
export function hexOf(bgr: unknown): string {
  const n = Number(bgr);
  return (
    '#' +
    [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff]
      .map((x) => (x < 16 ? '0' : '') + x.toString(16))
      .join('')
      .toUpperCase()
  );
}

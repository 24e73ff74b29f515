// The exact subset of the Excel JavaScript API the adapter uses. The real
// `Excel.RequestContext` satisfies these interfaces (checked in excel-api.check.ts);
// the fake host in test/support implements them. API sets per member in comments.

export interface XlClientResult<T> {
  readonly value: T;
}

export interface XlLoadable<Self> {
  load(propertyNames?: string | string[]): Self;
}

/** ExcelApi 1.1. */
export interface XlRequestContext {
  readonly workbook: XlWorkbook;
  sync(): Promise<void>;
}

export interface XlWorkbook {
  /** 1.1 */
  readonly worksheets: XlWorksheetCollection;
  /** 1.7 */
  readonly protection: XlWorkbookProtection;
  /** 1.4 */
  readonly settings: XlSettingCollection;
  /** 1.10: threaded comments (a cell holds one of these or a note, never both). */
  readonly comments: XlCommentCollection;
}

/** 1.10 */
export interface XlCommentCollection extends XlLoadable<XlCommentCollection> {
  readonly items: XlComment[];
}

/** 1.10 */
export interface XlComment {
  /** 1.10: the cell the comment is on. */
  getLocation(): XlRange;
}

export interface XlWorkbookProtection extends XlLoadable<XlWorkbookProtection> {
  /** 1.7 */
  readonly protected: boolean;
}

export interface XlWorksheetCollection extends XlLoadable<XlWorksheetCollection> {
  readonly items: XlWorksheet[];
  /** 1.1 */
  getActiveWorksheet(): XlWorksheet;
  /** 1.1: by name or by Worksheet.id. */
  getItem(key: string): XlWorksheet;
  /** 1.4: by name or by Worksheet.id. */
  getItemOrNullObject(key: string): XlWorksheet;
  /** 1.1 */
  add(name?: string): XlWorksheet;
  /** 1.9: any worksheet of the workbook changed (behind isSetSupported). */
  readonly onChanged: XlEventHandlers<XlWorksheetChangedEventArgs>;
}

/** ExcelApi 1.7: the args of worksheet.onChanged (subset; the real args have more). */
export interface XlWorksheetChangedEventArgs {
  readonly address: string;
  readonly worksheetId: string;
  /** 'RangeEdited' | 'RowInserted' | 'RowDeleted' | 'ColumnInserted' | 'ColumnDeleted' | 'CellInserted' | 'CellDeleted' | 'Unknown' */
  readonly changeType: string;
  /** 'Local' | 'Remote' */
  readonly source: string;
  readonly type: string;
  /** 1.14: 'ThisLocalAddin' when this add-in made the change. */
  readonly triggerSource?: string;
}

export interface XlEventHandlers<T> {
  add(handler: (args: T) => Promise<unknown>): XlEventHandlerResult;
}

/** Remove it in its own request context (Excel.run(result.context, …)). */
export interface XlEventHandlerResult {
  readonly context: unknown;
  remove(): void;
}

export interface XlWorksheet extends XlLoadable<XlWorksheet> {
  readonly isNullObject: boolean;
  /** 1.1; stays the same through a rename, but only for one session (a reopened file gets new ids). */
  readonly id: string;
  /** 1.1 */
  readonly name: string;
  /** 1.7 */
  readonly onChanged: XlEventHandlers<XlWorksheetChangedEventArgs>;
  /** 1.1 read, 1.2 write. 'Visible' | 'Hidden' | 'VeryHidden'. */
  visibility: string;
  /** 1.2 */
  readonly protection: XlWorksheetProtection;
  /** 1.18 */
  readonly notes: XlNoteCollection;
  /** 1.1 */
  activate(): void;
  /** 1.1 */
  getRange(address?: string): XlRange;
  /** 1.7 */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XlRange;
  /** 1.4 */
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  /** 1.9 */
  getRanges(address?: string): XlRangeAreas;
  /** 1.1 */
  delete(): void;
}

export interface XlWorksheetProtection extends XlLoadable<XlWorksheetProtection> {
  /** 1.2 */
  readonly protected: boolean;
}

export interface XlRange extends XlLoadable<XlRange> {
  readonly isNullObject: boolean;
  /** 1.1 */
  readonly address: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  values: unknown[][];
  numberFormat: unknown[][];
  readonly formulas: unknown[][];
  readonly valueTypes: string[][];
  readonly format: XlRangeFormat;
  /** 1.7 */
  hyperlink: XlRangeHyperlink;
  /** 1.2 */
  merge(across?: boolean): void;
  /** 1.1 */
  select(): void;
  /** 1.9 */
  getCellProperties(cellPropertiesLoadOptions: XlCellPropertiesLoadOptions): XlClientResult<XlCellProperties[][]>;
  /** 1.13 */
  getMergedAreasOrNullObject(): XlRangeAreas;
  /** 1.4: the used range inside this range. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
}

export interface XlCellPropertiesLoadOptions {
  format?: { fill?: { color?: boolean; pattern?: boolean; patternColor?: boolean; tintAndShade?: boolean } };
}

export interface XlCellProperties {
  format?: { fill?: { color?: string; pattern?: string; patternColor?: string; tintAndShade?: number | null } };
}

/** 1.9 */
export interface XlRangeAreas extends XlLoadable<XlRangeAreas> {
  readonly isNullObject: boolean;
  readonly address: string;
  readonly format: XlRangeFormat;
}

/** 1.7 */
export interface XlRangeHyperlink {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface XlRangeFormat {
  /** 1.1 */
  readonly fill: XlRangeFill;
  /** 1.1 */
  readonly font: XlRangeFont;
  /** 1.2 */
  autofitColumns(): void;
}

export interface XlRangeFont {
  /** 1.1 */
  bold: boolean;
}

export interface XlRangeFill extends XlLoadable<XlRangeFill> {
  /** 1.1 */
  color: string;
  /** 1.9 */
  pattern: string;
  /** 1.9 */
  patternColor: string;
  /** 1.9; null means "no fill". */
  tintAndShade: number | null;
  /** 1.1 */
  clear(): void;
}

/** 1.18 */
export interface XlNoteCollection {
  add(cellAddress: XlRange | string, content: string): XlNote;
  getItemOrNullObject(key: string): XlNote;
}

/** 1.18 */
export interface XlNote extends XlLoadable<XlNote> {
  readonly isNullObject: boolean;
  content: string;
  delete(): void;
}

/** 1.4 */
export interface XlSettingCollection {
  add(key: string, value: unknown): XlSetting;
  getItemOrNullObject(key: string): XlSetting;
}

export interface XlSetting extends XlLoadable<XlSetting> {
  readonly isNullObject: boolean;
  value: unknown;
  delete(): void;
}

/** How the adapter reaches a workbook: Excel.run in Office, the fake host in tests and the preview. */
/** Excel.RunOptions (the subset the add-in uses). */
export interface XlRunOptions {
  /**
   * Wait until the user leaves cell-edit mode instead of failing at once
   * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit).
   */
  delayForCellEdit?: boolean;
}

export interface XlHost {
  run<T>(batch: (context: XlRequestContext) => Promise<T>, options?: XlRunOptions): Promise<T>;
  /** Excel.run(context, batch): a batch in an existing context (to remove event handlers where they were added). */
  runIn?<T>(context: unknown, batch: (context: XlRequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
  /** The loaded office.js defines Excel[cls] (e.g. 'NoteCollection'); absent: every class exists. */
  officeJsHas?(cls: string): boolean;
  /** Office.context.document.url (null: unsaved or unknown); absent: unknown. */
  documentUrl?(): string | null;
}

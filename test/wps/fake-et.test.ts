// The fake ET host is as strict as the object model where src/wps depends on it (sources in
// test/support/fake-et/host.ts).
import ExcelJS from 'exceljs';
import { sheetItem, type EtRange } from '../../src/wps/et-api';
import { COM_ERRORS, FakeEtHost, bgr, hexOfBgr } from '../support/fake-et';

function book(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.getCell('A1').value = '项目';
  ws.getCell('B1').value = 12.5;
  ws.getCell('B1').numFmt = '0.00';
  ws.getCell('B2').value = 3;
  ws.getCell('C1').value = { formula: 'B1*2', result: 25 } as ExcelJS.CellFormulaValue;
  ws.getCell('C2').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  ws.getCell('A3').value = new Date(Date.UTC(2024, 0, 1));
  ws.mergeCells('A4:B5');
  ws.getCell('A4').value = '合并';
  ws.getCell('D1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
  ws.getCell('D2').note = '原有批注';
  wb.addWorksheet('另一张');
  return wb;
}

describe('fake ET host', () => {
  it('Value2: a scalar for one cell, rows of values for a block; dates as serials, errors as COM codes', () => {
    const h = new FakeEtHost(book());
    const ws = h.Application.ActiveSheet!;
    expect(ws.Range('B1').Value2).toBe(12.5);
    expect(ws.Range('A1:C2').Value2).toEqual([
      ['项目', 12.5, 25],
      [undefined, 3, COM_ERRORS['#DIV/0!']],
    ]);
    expect(ws.Range('A3').Value2).toBe(45292); // 2024-01-01
    expect(ws.Range('A4:B5').Value2).toEqual([
      ['合并', undefined],
      [undefined, undefined],
    ]);
    expect(new FakeEtHost(book(), { errorValues: 'text' }).Application.ActiveSheet!.Range('C2').Value2).toBe('#DIV/0!');
  });

  it('Formula: the formula text, a constant as its value', () => {
    const ws = new FakeEtHost(book()).Application.ActiveSheet!;
    expect(ws.Range('B1:C1').Formula).toEqual([['12.5', '=B1*2']]);
  });

  it('NumberFormat, MergeCells and Interior.Color read null on mixed ranges', () => {
    const ws = new FakeEtHost(book()).Application.ActiveSheet!;
    expect(ws.Range('B1').NumberFormat).toBe('0.00');
    expect(ws.Range('B1:B2').NumberFormat).toBeNull();
    expect(ws.Range('B2:C2').NumberFormat).toBe('General');
    expect(ws.Range('A4:B5').MergeCells).toBe(true);
    expect(ws.Range('A3:A4').MergeCells).toBeNull();
    expect(ws.Range('A1:C2').MergeCells).toBe(false);
    expect(ws.Range('B5').MergeArea.Address(false, false)).toBe('A4:B5');
    expect(ws.Range('D1:D2').Interior.Color).toBeNull();
  });

  it('colours are BGR; no fill reads white with ColorIndex and Pattern xlNone (-4142)', () => {
    const h = new FakeEtHost(book());
    const ws = h.Application.ActiveSheet!;
    expect(bgr('#FFC7CE')).toBe(0xff + 0xc7 * 256 + 0xce * 65536);
    expect(hexOfBgr(bgr('#12ABEF'))).toBe('#12ABEF');
    expect(ws.Range('D1').Interior.Color).toBe(bgr('#FFC7CE'));
    expect(ws.Range('D1').Interior.Pattern).toBe(1);
    expect(ws.Range('D3').Interior.Color).toBe(0xffffff);
    expect(ws.Range('D3').Interior.ColorIndex).toBe(-4142);
    expect(ws.Range('D3').Interior.Pattern).toBe(-4142);
    ws.Range('D3,D5').Interior.Color = bgr('#00B050');
    expect(h.workbook.getWorksheet('表')!.getCell('D5').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FF00B050' } });
    ws.Range('D1').Interior.ColorIndex = -4142;
    expect(ws.Range('D1').Interior.Pattern).toBe(-4142);
  });

  it('Delete prompts (throws) unless DisplayAlerts is false', () => {
    const h = new FakeEtHost(book());
    const app = h.Application;
    const other = sheetItem(app.ActiveWorkbook!.Worksheets, '另一张');
    expect(() => other.Delete()).toThrow(/DisplayAlerts/);
    app.DisplayAlerts = false;
    other.Delete();
    expect(h.workbook.getWorksheet('另一张')).toBeUndefined();
  });

  it('Sheets.Add activates the new sheet; very hidden is 2; hiding the active sheet activates another', () => {
    const h = new FakeEtHost(book());
    const app = h.Application;
    const ws = app.ActiveWorkbook!.Worksheets.Add();
    expect(app.ActiveSheet!.Name).toBe(ws.Name);
    ws.Visible = 2;
    expect(h.workbook.getWorksheet(ws.Name)!.state).toBe('veryHidden');
    expect(ws.Visible).toBe(2);
    expect(app.ActiveSheet!.Name).toBe('表');
    expect(() => (ws.Visible = 5)).toThrow();
  });

  it('comments: Comment is null without one; AddComment fails on a commented cell; Text reads and replaces', () => {
    const h = new FakeEtHost(book());
    const ws = h.Application.ActiveSheet!;
    expect(ws.Range('A1').Comment).toBeNull();
    expect(ws.Range('D2').Comment!.Text()).toBe('原有批注');
    expect(() => ws.Range('D2').AddComment('x')).toThrow();
    ws.Range('A1').AddComment('新批注');
    ws.Range('A1').Comment!.Text('改过');
    expect(ws.Range('A1').Comment!.Text()).toBe('改过');
    expect(ws.Comments.Count).toBe(2);
    ws.Range('A1').Comment!.Delete();
    expect(ws.Range('A1').Comment).toBeNull();
  });

  it('fresh wrappers on every access, every access counted', () => {
    const h = new FakeEtHost(book());
    const app = h.Application;
    expect(app.ActiveSheet).not.toBe(app.ActiveSheet);
    h.resetCalls();
    const ws = sheetItem(app.ActiveWorkbook!.Worksheets, '表');
    void ws.Range('A1').Value2;
    expect(h.calls).toEqual({ 'Application.ActiveWorkbook': 1, 'Workbook.Worksheets': 1, 'Sheets.Item': 1, 'Worksheet.Range': 1, 'Range.Value2': 1 });
    expect(h.totalCalls).toBe(5);
    expect(() => app.ActiveWorkbook!.Worksheets.Item('没有')).toThrow(/下标越界/);
  });

  it('SheetChange fires on user edits, not on add-in writes (unless asked to)', () => {
    const h = new FakeEtHost(book());
    const app = h.Application;
    const seen: string[] = [];
    const cb = (sheet: { Name: string }, target: unknown) => void seen.push(`${sheet.Name}!${(target as EtRange).Address(false, false)}`);
    app.ApiEvent.AddApiEventListener('SheetChange', cb);
    app.ActiveSheet!.Range('B2').Value2 = 4;
    expect(seen).toEqual([]);
    h.userEdit('表', 'B2', 5);
    expect(seen).toEqual(['表!B2']);
    h.eventsOnAddinWrites = true;
    app.ActiveSheet!.Range('B2').Value2 = 6;
    expect(seen).toEqual(['表!B2', '表!B2']);
    app.ApiEvent.RemoveApiEventListener('SheetChange', cb);
    h.userEdit('表', 'B2', 7);
    expect(seen.length).toBe(2);
  });

  it('SheetActivate fires when the user switches sheets, not on the add-in’s Activate or Sheets.Add (unless asked to)', () => {
    const h = new FakeEtHost(book());
    const app = h.Application;
    const seen: string[] = [];
    const cb = (sheet: unknown) => void seen.push((sheet as { Name: string }).Name);
    app.ApiEvent.AddApiEventListener('SheetActivate', cb);
    expect(h.activateListenerCount).toBe(1);
    sheetItem(app.ActiveWorkbook!.Worksheets, '另一张').Activate();
    expect(h.activeSheetName).toBe('另一张');
    expect(seen).toEqual([]);
    h.userActivate('表');
    expect(h.activeSheetName).toBe('表');
    expect(seen).toEqual(['表']);
    h.userActivate('表'); // the tab that is already active: nothing
    expect(seen).toEqual(['表']);
    h.enableEvents = false;
    h.userActivate('另一张');
    expect(seen).toEqual(['表']);
    h.enableEvents = true;
    h.eventsOnAddinWrites = true;
    sheetItem(app.ActiveWorkbook!.Worksheets, '表').Activate();
    const sheets = app.ActiveWorkbook!.Worksheets;
    const added = sheets.Add(undefined, sheets.Item(sheets.Count)) as { Name: string };
    expect(seen).toEqual(['表', '表', added.Name]);
    // SheetChange listeners are apart
    expect(h.listenerCount).toBe(0);
    app.ApiEvent.RemoveApiEventListener('SheetActivate', cb);
    expect(h.activateListenerCount).toBe(0);
    h.userActivate('另一张');
    expect(seen.length).toBe(3);
  });

  it('Font.Bold reads null on mixed ranges; Merge(Across) merges each row and refuses a merged area; links and AutoFit', () => {
    const h = new FakeEtHost(book());
    const ws = h.Application.ActiveSheet!;
    ws.Range('A1,B2').Font.Bold = true;
    expect(ws.Range('A1').Font.Bold).toBe(true);
    expect(ws.Range('A1:B1').Font.Bold).toBeNull();
    expect(ws.Range('C1').Font.Bold).toBe(false);
    ws.Range('A7:C8').Merge(true);
    expect(Object.keys((h.sheet('表') as unknown as { _merges: object })._merges).sort()).toEqual(['A4', 'A7', 'A8']);
    expect(() => ws.Range('A8:B9').Merge()).toThrow(/merged/);
    expect(() => ws.Hyperlinks.Add(sheetItem(h.Application.ActiveWorkbook!.Worksheets, '另一张').Range('A1'), '', "'表'!A1")).toThrow(/anchor/);
    ws.Hyperlinks.Add(ws.Range('E1'), '', "'另一张'!B2", '转到', '另一张!B2');
    expect(h.sheet('表').getCell('E1').value).toEqual({ text: '另一张!B2', hyperlink: "#'另一张'!B2", tooltip: '转到' });
    ws.Range('E1').Columns.AutoFit();
    expect(h.sheet('表').getColumn(5).width).toBe(9 + 2); // 另一张 counts double, !B2 single
  });

  it('protected sheets refuse writes; Value2 arrays must match the range', () => {
    const h = new FakeEtHost(book());
    const ws = h.Application.ActiveSheet!;
    expect(() => (ws.Range('A1:B1').Value2 = [[1]])).toThrow(/shape/);
    h.protectedSheets.add('表');
    expect(ws.ProtectContents).toBe(true);
    expect(() => (ws.Range('A1').Value2 = 1)).toThrow(/受保护/);
  });

  it('UsedRange: geometry of the used cells and merges; an empty sheet is A1', () => {
    const h = new FakeEtHost(book());
    const u = h.Application.ActiveSheet!.UsedRange;
    expect([u.Row, u.Column, u.Rows.Count, u.Columns.Count]).toEqual([1, 1, 5, 4]);
    const e = sheetItem(h.Application.ActiveWorkbook!.Worksheets, '另一张').UsedRange;
    expect(e.Address(false, false)).toBe('A1');
  });

  it('undo transactions are recorded; writes outside one are counted', () => {
    const h = new FakeEtHost(book());
    const app = h.Application;
    app.ActiveSheet!.Range('B2').Value2 = 1;
    expect(h.writesOutsideUndo).toBe(1);
    app.DebugTools.UndoTransBegin(app.ActiveWorkbook!);
    app.ActiveSheet!.Range('B2').Value2 = 2;
    app.DebugTools.UndoTransEnd(app.ActiveWorkbook!, false, '步骤');
    expect(h.writesOutsideUndo).toBe(1);
    expect(h.undo.done).toEqual([{ desc: '步骤', cancel: false }]);
  });

  it('notes and fills on a row without values count in Comments and UsedRange', () => {
    const h = new FakeEtHost(book());
    const ws = h.Application.ActiveSheet!;
    const before = ws.Comments.Count;
    ws.Range('A9').AddComment('空行上的批注');
    ws.Range('B11').Interior.Color = 0xcec7ff;
    expect(ws.Comments.Count).toBe(before + 1);
    const u = ws.UsedRange;
    expect(u.Row + u.Rows.Count - 1).toBe(11);
  });

  it('a note deleted after the workbook was saved stays deleted in the next save', async () => {
    const h = new FakeEtHost(book());
    const ws = h.Application.ActiveSheet!;
    ws.Range('B2').AddComment('标记');
    await h.toBuffer(); // ExcelJS copies the note into the value's model while saving
    ws.Range('B2').Comment!.Delete();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await h.toBuffer());
    expect(wb.worksheets[0].getCell('B2').note).toBeUndefined();
  });
});

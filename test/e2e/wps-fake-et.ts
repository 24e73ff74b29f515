// Injected before the page scripts of the built WPS pages (wps.test.ts, page.addInitScript): a fake
// `window.Application` (test/support/fake-et over ExcelJS) holding the preview's sample workbook of
// real tables. A frame whose parent already has one (the task pane docked in the main page) uses the
// parent's, so the ribbon, the pane and the sheet share one workbook as in WPS. Also a plain HTML
// rendering of a sheet (values, fills, notes) for the screenshots.
import { FakeEtHost } from '../support/fake-et';
import { readCell, readFill, readNote } from '../support/fake-excel/cells';
import { displayText } from '../../src/preview/SheetView';
import { a1, colLetters } from '../../src/core/address';
import { sampleHost } from './wps-sample';

interface FakeWindow {
  __zipingFakeEt?: FakeEtHost;
  __zipingRender?(el: HTMLElement, sheet?: string): void;
  __zipingBook?(): Promise<string>;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The sheet as an HTML table: the first 45 rows and 12 columns, fills, notes as a red corner. */
function render(host: FakeEtHost, el: HTMLElement, sheet?: string): void {
  const ws = host.workbook.getWorksheet(sheet ?? host.activeSheetName);
  if (!ws) return;
  const rows = Math.min(45, Math.max(ws.rowCount, 1));
  const cols = Math.min(12, Math.max(ws.columnCount, 1));
  let html = `<div class="tabs">${host.workbook.worksheets
    .filter((w) => (w.state ?? 'visible') === 'visible')
    .map((w) => `<span class="${w.name === ws.name ? 'on' : ''}">${escapeHtml(w.name)}</span>`)
    .join('')}</div><table class="grid" data-sheet="${escapeHtml(ws.name)}"><tr><th></th>`;
  for (let c = 0; c < cols; c++) html += `<th>${colLetters(c)}</th>`;
  html += '</tr>';
  for (let r = 0; r < rows; r++) {
    html += `<tr><th>${r + 1}</th>`;
    for (let c = 0; c < cols; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      const read = readCell(cell);
      const fill = readFill(cell);
      const note = readNote(cell);
      const bg = (fill.tintAndShade === null ? '' : `background:${fill.color};`) + (cell.style?.font?.bold ? 'font-weight:bold;' : '');
      const sel = host.selection && host.selection.sheet === ws.name && host.selection.address === a1(r, c) ? ' selected' : '';
      html += `<td data-addr="${a1(r, c)}" class="${note ? 'note' : ''}${sel}" style="${bg}"${note ? ` title="${escapeHtml(note)}"` : ''}>${escapeHtml(
        displayText(read.value, read.numberFormat),
      )}</td>`;
    }
    html += '</tr>';
  }
  el.innerHTML = `${html}</table>`;
}

const w = window as unknown as FakeWindow & { parent: FakeWindow };
let host: FakeEtHost | undefined;
try {
  if ((w.parent as unknown) !== (w as unknown)) host = w.parent.__zipingFakeEt;
} catch {
  host = undefined; // another origin
}
if (!host) host = sampleHost();
const shared = host;
w.__zipingFakeEt = shared;
// window.Application: a fresh wrapper at each access, as the fake models WPS
Object.defineProperty(window, 'Application', { configurable: true, get: () => shared.Application });
w.__zipingRender = (el, sheet) => render(shared, el, sheet);
/** The workbook as base64 .xlsx bytes (compared with the same run in Node). */
w.__zipingBook = async () => {
  const bytes = new Uint8Array(await shared.toBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
};

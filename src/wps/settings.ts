// Task pane settings and the last run's summary, kept in the workbook as custom document properties
// (Workbook.CustomDocumentProperties; Excel uses workbook settings, which WPS does not have). A string
// property holds at most 255 characters (the COM limit [infer]), so each JSON text is split into
// properties "<key>.0", "<key>.1", … with its piece count in "<key>.n". They survive save as .xlsx
// (docProps/custom.xml) and stay out of the sheets, so the store sheet keeps Excel's format exactly.
import { LAST_RUN_KEY, normalizeSettings, SETTINGS_KEY, type ZipingSettings } from '../office/settings';
import type { LastRun, RunOutcome } from '../office/adapter';
import type { EtApplication, EtDocumentProperties, EtWorkbook } from './et-api';
import { MSO_PROPERTY_TYPE_STRING } from './et-api';

const PIECE = 250;

function pieces(props: EtDocumentProperties, key: string): number | null {
  try {
    const n = Number(props.Item(`${key}.n`).Value);
    return Number.isFinite(n) && n >= 0 ? n : null;
  } catch {
    return null; // Item throws for a missing name
  }
}

export function readText(book: EtWorkbook, key: string): string | null {
  const props = book.CustomDocumentProperties;
  const n = pieces(props, key);
  if (n === null) return null;
  let s = '';
  for (let i = 0; i < n; i++) s += String(props.Item(`${key}.${i}`).Value ?? '');
  return s;
}

/** Deletes the text's properties; false when there was none. */
export function removeText(book: EtWorkbook, key: string): boolean {
  return removePieces(book.CustomDocumentProperties, key);
}

function removePieces(props: EtDocumentProperties, key: string): boolean {
  const old = pieces(props, key);
  if (old === null) return false;
  for (let i = 0; i < old; i++) {
    try {
      props.Item(`${key}.${i}`).Delete();
    } catch {
      /* already gone */
    }
  }
  props.Item(`${key}.n`).Delete();
  return true;
}

export function writeText(book: EtWorkbook, key: string, text: string): void {
  const props = book.CustomDocumentProperties;
  removePieces(props, key);
  let n = 0;
  for (let i = 0; i < text.length; i += PIECE) props.Add(`${key}.${n++}`, false, MSO_PROPERTY_TYPE_STRING, text.slice(i, i + PIECE));
  props.Add(`${key}.n`, false, MSO_PROPERTY_TYPE_STRING, String(n));
}

export function loadSettings(app: EtApplication): ZipingSettings {
  const book = app.ActiveWorkbook;
  return normalizeSettings(book ? readText(book, SETTINGS_KEY) : null);
}

export function saveSettings(app: EtApplication, settings: ZipingSettings): void {
  const book = app.ActiveWorkbook;
  if (book) writeText(book, SETTINGS_KEY, JSON.stringify(settings));
}

export function lastRunSummary(o: RunOutcome): string {
  const { tables, findings: _findings, ...rest } = o;
  return JSON.stringify({
    ...rest,
    tables: tables.map((t) => ({ sheet: t.sheet, range: t.range, name: t.projectName, total: t.total, grade: t.grade })),
  });
}

export function saveLastRun(book: EtWorkbook, outcome: RunOutcome): void {
  writeText(book, LAST_RUN_KEY, lastRunSummary(outcome));
}

export function loadLastRun(app: EtApplication): LastRun | null {
  const book = app.ActiveWorkbook;
  const text = book ? readText(book, LAST_RUN_KEY) : null;
  if (!text) return null;
  try {
    return JSON.parse(text) as LastRun;
  } catch {
    return null;
  }
}

// The files a report covers: explicit paths as given, folders walked recursively for workbooks and Word
// reports (.doc / .wps are listed so the reviewer is told to ask for .docx; PDFs are not picked up).
import { promises as fsp } from 'fs';
import * as path from 'path';

/**
 * Extensions picked up when walking a folder (lower case). The reader decides what it can open:
 * .xlsm is read like .xlsx; .xlsb is listed as unreadable with "save as .xlsx"; Word reports (.docx) are read,
 * .doc/.wps are listed as unreadable with "save as .docx".
 */
export const REPORT_EXTENSIONS: readonly string[] = ['.xlsx', '.xls', '.et', '.xlsm', '.xlsb', '.docx', '.doc', '.wps'];

const isWorkbookName = (name: string): boolean =>
  !name.startsWith('~$') && !name.startsWith('.') && REPORT_EXTENSIONS.includes(path.extname(name).toLowerCase());

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && isWorkbookName(e.name)) out.push(p);
  }
}

/**
 * Expands the command line's inputs, in order, without duplicates. A folder contributes its workbooks
 * (recursively, sorted by name; Office lock files `~$…` skipped); any other path is kept as given, so a
 * missing or foreign file reaches the reader and is reported as unreadable.
 */
export async function collectInputs(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = (await fsp.stat(input)).isDirectory();
    } catch {
      /* missing: the reader says so */
    }
    if (isDir) await walk(input, out);
    else out.push(input);
  }
  const seen = new Set<string>();
  return out.filter((f) => {
    const k = path.resolve(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

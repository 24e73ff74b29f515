// One entry point for a reviewer's submission: a workbook (.xlsx, .xls, .et) or a Word report (.docx),
// told apart by the bytes, never by the name. Legacy .doc / .wps and PDF get the reader's one line.
import { readFileSync, statSync } from 'fs';
import type { DocBlock, Lang, SheetGrid } from '../core/types';
import { readWorkbookBuffer, readWorkbookFile, WorkbookReadError, type ReadWarning } from '../xlsx/read';
import { DocxReadError, isDocxBytes, readDocxBytes } from './read';

export type Submission =
  | { kind: 'workbook'; sheets: SheetGrid[]; warnings: ReadWarning[] }
  | { kind: 'document'; blocks: DocBlock[]; sheets: SheetGrid[]; paragraphs: number; warnings: ReadWarning[] };

/** Reads a submission; throws WorkbookReadError (one line naming the file and the reason) when it cannot. */
export async function readSubmissionFile(file: string, options: { lang?: Lang } = {}): Promise<Submission> {
  const lang = options.lang ?? 'zh';
  let buf: Buffer | null = null;
  try {
    if (!statSync(file).isDirectory()) buf = readFileSync(file);
  } catch {
    // missing or unreadable: the workbook reader words the reason
  }
  if (!buf) {
    const { sheets, warnings } = await readWorkbookFile(file, { lang });
    return { kind: 'workbook', sheets, warnings };
  }
  if (isDocxBytes(buf)) {
    try {
      const doc = readDocxBytes(buf);
      return { kind: 'document', blocks: doc.blocks, sheets: doc.tables, paragraphs: doc.paragraphs.length, warnings: [] };
    } catch (e) {
      if (e instanceof DocxReadError) throw new WorkbookReadError(file, 'corrupt', lang, e.message);
      throw e;
    }
  }
  const { sheets, warnings } = await readWorkbookBuffer(buf, file, { lang });
  return { kind: 'workbook', sheets, warnings };
}

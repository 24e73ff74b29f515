// Reads and checks one file, exactly as `ziping check` does, and returns only the compact summary.
import { analyzeWorkbook } from '../core/engine';
import type { Profile } from '../core/profile';
import type { Lang, RuleId } from '../core/types';
import { analyzeDocument } from '../core/document';
import { readSubmissionFile } from '../docx/submission';
import { WorkbookReadError } from '../xlsx/read';
import { summarizeDocument, summarizeTables, type FileSummary } from './summary';

export interface CheckTask {
  file: string;
  /** A shipped profile name or a parsed profile (plain data, so it crosses to a worker). */
  profile?: string | Profile;
  disabledRules: RuleId[];
  lang: Lang;
}

export const internalError = (lang: Lang, file: string, msg: string): string =>
  lang === 'zh' ? `处理 ${file} 时出现内部错误：${msg}` : `internal error while processing ${file}: ${msg}`;

export async function checkFileSummary(task: CheckTask): Promise<FileSummary> {
  const { file, lang } = task;
  try {
    const sub = await readSubmissionFile(file, { lang });
    const opts = { profile: task.profile, disabledRules: task.disabledRules, lang, marks: false };
    if (sub.kind === 'document') return summarizeDocument(file, sub.sheets, analyzeDocument(sub.blocks, opts), lang);
    const { sheets } = sub;
    const result = analyzeWorkbook(sheets, opts);
    return { file, error: null, tables: summarizeTables(sheets, result.tables, lang) };
  } catch (e) {
    if (e instanceof WorkbookReadError) return { file, error: e.message, tables: [] };
    // An engine failure on one file must not stop the others; it is reported like an unreadable file.
    return { file, error: internalError(lang, file, String((e as Error)?.message ?? e).replace(/[\r\n]+/g, ' ')), tables: [] };
  }
}

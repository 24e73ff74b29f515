// The report's output paths, checked before any input is read: the right extension, an existing
// folder, a place we may write. One line per problem, in the user's language.
import { constants, promises as fsp } from 'fs';
import * as path from 'path';
import type { Lang } from '../core/types';

export type OutputKind = 'xlsx' | 'html' | 'pdf';

const EXTENSIONS: Record<OutputKind, string[]> = { xlsx: ['.xlsx'], html: ['.html', '.htm'], pdf: ['.pdf'] };
const OPTION: Record<OutputKind, string> = { xlsx: '-o', html: '--html', pdf: '--pdf' };

const M = {
  zh: {
    ext: (opt: string, ext: string, f: string) => `${opt} 须是 ${ext} 文件：${f}`,
    noFolder: (f: string, d: string) => `无法写出 ${f}：文件夹 ${d} 不存在`,
    notFolder: (f: string, d: string) => `无法写出 ${f}：${d} 不是文件夹`,
    isFolder: (f: string) => `无法写出 ${f}：这是一个文件夹`,
    denied: (f: string, d: string, code: string) => `无法写出 ${f}：不能在 ${d} 中写入文件（${code}）`,
    busy: (f: string, code: string) => `无法写出 ${f}：文件只读或正被其他程序打开（${code}）`,
  },
  en: {
    ext: (opt: string, ext: string, f: string) => `${opt} must be a ${ext} file: ${f}`,
    noFolder: (f: string, d: string) => `cannot write ${f}: the folder ${d} does not exist`,
    notFolder: (f: string, d: string) => `cannot write ${f}: ${d} is not a folder`,
    isFolder: (f: string) => `cannot write ${f}: it is a folder`,
    denied: (f: string, d: string, code: string) => `cannot write ${f}: no file can be created in ${d} (${code})`,
    busy: (f: string, code: string) => `cannot write ${f}: the file is read-only or open in another program (${code})`,
  },
};

const code = (e: unknown) => String((e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? e);

/** Why `file` cannot be written as a `kind` output, or null when it can. Creates nothing that stays. */
export async function outputProblem(file: string, kind: OutputKind, lang: Lang): Promise<string | null> {
  const m = M[lang];
  if (!EXTENSIONS[kind].includes(path.extname(file).toLowerCase())) return m.ext(OPTION[kind], EXTENSIONS[kind][0], file);
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const d = await fsp.stat(dir).catch(() => null);
  if (!d) return m.noFolder(file, dir);
  if (!d.isDirectory()) return m.notFolder(file, dir);
  const f = await fsp.stat(abs).catch(() => null);
  if (f?.isDirectory()) return m.isFolder(file);
  if (f) {
    // the file itself: read-only, or locked by Excel on Windows
    try {
      await (await fsp.open(abs, constants.O_RDWR)).close();
    } catch (e) {
      return m.busy(file, code(e));
    }
  }
  // the folder: the outputs are written beside their target and renamed, so a file must be creatable there
  const probe = `${abs}.${process.pid}.probe`;
  try {
    await (await fsp.open(probe, 'wx')).close();
  } catch (e) {
    return m.denied(file, dir, code(e));
  } finally {
    await fsp.rm(probe, { force: true });
  }
  return null;
}

/** The first problem among the outputs (their extensions differ, so they are different files). */
export async function outputsProblem(outputs: { file: string; kind: OutputKind }[], lang: Lang): Promise<string | null> {
  for (const o of outputs) {
    const p = await outputProblem(o.file, o.kind, lang);
    if (p) return p;
  }
  return null;
}

// 自检 (self-check, 关于/诊断): runs, in a scratch sheet removed afterwards, the host behaviours the
// fake host models and the adapter depends on, and gives a plain-text report for the bureau's IT.
// Each line: a status, a stable id (docs/addin.md "自检" explains them) and a sentence.
import type { Lang } from '../core/types';
import type { XlHost, XlRequestContext, XlWorksheet } from './excel-api';
import { detectCaps } from './caps';
import type { OfficeInfo } from './diagnostics';

export type CheckStatus = 'OK' | 'WARN' | 'FAIL' | 'SKIP' | 'INFO';

export interface CheckLine {
  id: string;
  status: CheckStatus;
  text: string;
}

export interface SelfCheckEnv {
  host: XlHost;
  info: OfficeInfo;
  addinVersion: string;
  /** Office.context.document.url; only its extension is reported. */
  documentUrl?: string | null;
  /** Identifies this page load (ids compared with a run from another page load). */
  session?: string;
  now?: () => Date;
}

/** The scratch sheet; removed at the end (also when an earlier run left it). */
export const SCRATCH_SHEET = '_ziping_selfcheck_';
/** Workbook setting with the last run's sheet id (ids across reload). */
export const SELFCHECK_SETTING = 'ziping.selfcheck';
/** ExcelApi versions reported. */
export const SELFCHECK_SETS = Array.from({ length: 12 }, (_, i) => `1.${i + 7}`);
/** Merged areas above which getMergedAreasOrNullObject fails (ExcelApi 1.13 reference). */
export const MERGE_LIMIT = 512;

const PAGE_SESSION = Math.random().toString(36).slice(2, 10);

/** Excel.run with options where the host takes them (Excel.RunOptions.delayForCellEdit). */
type RunWithOptions = <T>(batch: (context: XlRequestContext) => Promise<T>, options?: { delayForCellEdit?: boolean }) => Promise<T>;

/** 1.10 threaded comments, the members only the self-check uses (not in XlCommentCollection). */
interface CommentsForCheck {
  add?(cellAddress: string, content: string): { content: string; load(p: string): unknown; delete(): void };
  getItemByCell?(cellAddress: string): { content: string; load(p: string): unknown; delete(): void };
}

function errText(e: unknown): string {
  const x = e as { code?: string; message?: string };
  return [x?.code, x?.message ?? String(e)].filter(Boolean).join(': ').slice(0, 160);
}

function extOf(url: string | null | undefined): string | null {
  const m = /\.([A-Za-z0-9]{2,5})(?:[?#].*)?$/.exec(url ?? '');
  return m ? m[1].toLowerCase() : null;
}

/** Runs every check; never throws (a failing step is a FAIL line). */
export async function runSelfCheck(env: SelfCheckEnv, lang: Lang): Promise<CheckLine[]> {
  const zh = lang === 'zh';
  const L = (a: string, b: string) => (zh ? a : b);
  const lines: CheckLine[] = [];
  const add = (id: string, status: CheckStatus, text: string) => lines.push({ id, status, text });
  const { host } = env;
  const run = host.run.bind(host) as RunWithOptions;
  const sets = (name: string, v: string) => {
    try {
      return host.isSetSupported(name, v);
    } catch {
      return false;
    }
  };

  // -- where we run
  const u = L('未知', 'unknown');
  add('host', 'INFO', `${env.info.host ?? u} / ${env.info.platform ?? u} / ${env.info.version ?? u}; ${L('加载项', 'add-in')} ${env.addinVersion}`);
  const yes = SELFCHECK_SETS.filter((v) => sets('ExcelApi', v));
  const no = SELFCHECK_SETS.filter((v) => !sets('ExcelApi', v));
  const others = ['DialogApi 1.1', 'SharedRuntime 1.1'].map((s) => `${s} ${sets(s.split(' ')[0], s.split(' ')[1]) ? '✓' : '✗'}`);
  add(
    'sets',
    yes.includes('1.7') ? 'OK' : 'FAIL',
    `ExcelApi ✓ ${yes.join(' ') || '-'}; ✗ ${no.join(' ') || '-'}; ${others.join('; ')}` +
      (yes.includes('1.7') ? '' : L('（低于 1.7：加载项不能运行）', ' (below 1.7: the add-in cannot run)')),
  );
  const caps = detectCaps(host);

  // -- the loaded office.js
  if (!host.officeJsHas) {
    add('officejs', 'SKIP', L('不在 Excel 中（未加载 office.js）', 'not in Excel (no office.js)'));
  } else {
    const note = host.officeJsHas('NoteCollection');
    const comment = host.officeJsHas('CommentCollection');
    const needNotes = sets('ExcelApi', '1.18');
    add(
      'officejs',
      needNotes && !note ? 'WARN' : 'OK',
      `Excel.NoteCollection ${note ? '✓' : '✗'}, Excel.CommentCollection ${comment ? '✓' : '✗'}` +
        (needNotes && !note
          ? L(
              '：Excel 支持备注但加载的 office.js 没有（本地 office.js），标记只有填充色，没有备注',
              ': Excel has notes but the loaded office.js does not (local office.js): marks are fills without notes',
            )
          : ''),
    );
  }

  // -- the document's format
  const ext = extOf(env.documentUrl);
  if (ext === 'xls' || ext === 'et') {
    add(
      'format',
      'WARN',
      L(
        `工作簿是 .${ext}（兼容模式）：加载项在其中是否可用、保存后恢复信息是否保留均未确认。请先另存为 .xlsx（文件 → 信息 → 转换），或用命令行 ziping fix。`,
        `the workbook is .${ext} (compatibility mode): whether the add-in works there and its restore data survives a save is unconfirmed. Save as .xlsx first (File → Info → Convert) or use ziping fix.`,
      ),
    );
  } else add('format', 'INFO', ext ? `.${ext}` : L('未保存或未知', 'not saved or unknown'));

  // -- cell-edit delay (Excel.run({ delayForCellEdit: true }))
  try {
    await run(
      async (context) => {
        context.workbook.worksheets.load('items/name');
        await context.sync();
      },
      { delayForCellEdit: true },
    );
    add(
      'cell-edit',
      'OK',
      L(
        '带 delayForCellEdit 的批处理已执行（用户正在编辑单元格时会等待，而不是失败）',
        'a batch with delayForCellEdit ran (waits, rather than fails, while a cell is being edited)',
      ),
    );
  } catch (e) {
    add('cell-edit', 'FAIL', L('带 delayForCellEdit 的批处理失败：', 'a batch with delayForCellEdit failed: ') + errText(e));
  }

  // -- ids across reload (Worksheet.id of the first sheet, compared with the last run)
  try {
    await run(async (context) => {
      const wss = context.workbook.worksheets.load('items/id,items/name');
      const setting = context.workbook.settings.getItemOrNullObject(SELFCHECK_SETTING);
      setting.load('value');
      await context.sync();
      const first = wss.items.find((w) => w.name !== SCRATCH_SHEET);
      if (!first) return;
      type Last = { id?: string; name?: string; at?: string; session?: string };
      let last: Last | null = null;
      try {
        last = setting.isNullObject ? null : (JSON.parse(String(setting.value)) as Last);
      } catch {
        last = null;
      }
      const session = env.session ?? PAGE_SESSION;
      if (!last || last.name !== first.name) {
        add(
          'ids',
          'INFO',
          L(
            '首次记录工作表 id；保存、关闭并重新打开工作簿后再运行自检即可比较',
            'sheet id recorded; save, close and reopen the workbook, then run the self-check again to compare',
          ),
        );
      } else if (last.session === session) {
        add(
          'ids',
          'INFO',
          L(
            `同一次打开内 id ${last.id === first.id ? '不变' : '改变了'}（上次 ${last.at}）`,
            `same page load: id ${last.id === first.id ? 'unchanged' : 'changed'} (last ${last.at})`,
          ),
        );
      } else if (last.id === first.id) {
        add(
          'ids',
          'INFO',
          L(
            `“${first.name}”的 id 与上次自检（${last.at}）相同：若其间重新打开过工作簿，则 id 跨会话保留`,
            `"${first.name}" has the id of the last self-check (${last.at}): if the workbook was reopened since, ids survive a reopen`,
          ),
        );
      } else {
        add(
          'ids',
          'OK',
          L(
            `“${first.name}”的 id 与上次自检（${last.at}）不同：重新打开后 id 会变（符合文档；助手按名称查找工作表）`,
            `"${first.name}" has a new id since the last self-check (${last.at}): ids change on reopen (as documented; the add-in finds sheets by name)`,
          ),
        );
      }
      const at = (env.now?.() ?? new Date()).toISOString().slice(0, 19).replace('T', ' ');
      context.workbook.settings.add(SELFCHECK_SETTING, JSON.stringify({ id: first.id, name: first.name, at, session }));
      await context.sync();
    });
  } catch (e) {
    add('ids', 'FAIL', errText(e));
  }

  // -- the scratch sheet: create VeryHidden
  const scratch = (context: XlRequestContext): XlWorksheet => context.workbook.worksheets.getItem(SCRATCH_SHEET);
  const removeLeftover = async () => {
    await run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(SCRATCH_SHEET);
      ws.load('name');
      await context.sync();
      if (ws.isNullObject) return;
      ws.visibility = 'Hidden';
      ws.delete();
      await context.sync();
    });
  };
  const create = async () => {
    await run(async (context) => {
      const ws = context.workbook.worksheets.add(SCRATCH_SHEET);
      ws.visibility = 'VeryHidden';
      await context.sync();
    });
  };
  try {
    const protectedBook = await run(async (context) => {
      const p = context.workbook.protection.load('protected');
      await context.sync();
      return p.protected;
    });
    if (protectedBook) {
      for (const id of ['sheet-create', 'veryhidden-delete', 'notes', 'merges', 'merges-512', 'hidden-delete']) {
        add(id, 'SKIP', L('工作簿结构受保护：无法添加临时工作表', 'workbook structure is protected: no scratch sheet'));
      }
      return lines;
    }
    await removeLeftover();
    await create();
    const vis = await run(async (context) => {
      const ws = scratch(context).load('visibility');
      await context.sync();
      return ws.visibility;
    });
    add('sheet-create', vis === 'VeryHidden' ? 'OK' : 'FAIL', L(`临时工作表已创建，可见性 ${vis}`, `scratch sheet created, visibility ${vis}`));
  } catch (e) {
    add('sheet-create', 'FAIL', errText(e));
    return lines;
  }

  // -- deleting a VeryHidden sheet: Excel refuses (Worksheet.delete reference)
  try {
    await run(async (context) => {
      scratch(context).delete();
      await context.sync();
    });
    add(
      'veryhidden-delete',
      'WARN',
      L(
        '深度隐藏的工作表被直接删除了（文档说 Excel 会拒绝；对助手无害）',
        'the VeryHidden sheet was deleted (the reference says Excel refuses; harmless for the add-in)',
      ),
    );
    await create();
  } catch (e) {
    add(
      'veryhidden-delete',
      'OK',
      L('Excel 拒绝删除深度隐藏的工作表（符合文档）：', 'Excel refuses to delete a VeryHidden sheet (as documented): ') + errText(e),
    );
  }

  // -- notes (1.18) or threaded comments (1.10) on the scratch sheet
  const memo = L('ziping 自检', 'ziping self-check');
  try {
    if (caps.notes) {
      const got = await run(async (context) => {
        const ws = scratch(context);
        ws.notes.add('A1', memo);
        const n = ws.notes.getItemOrNullObject('A1');
        n.load('content');
        await context.sync();
        const content = n.isNullObject ? null : n.content;
        n.delete();
        const gone = ws.notes.getItemOrNullObject('A1');
        gone.load('content');
        await context.sync();
        return { content, gone: gone.isNullObject };
      });
      const ok = got.content === memo && got.gone;
      add(
        'notes',
        ok ? 'OK' : 'FAIL',
        L(
          `备注（ExcelApi 1.18）添加、读取、删除${ok ? '正常' : `异常：读到 ${JSON.stringify(got.content)}，删除后${got.gone ? '已无' : '仍在'}`}`,
          `notes (ExcelApi 1.18) add, read, delete ${ok ? 'work' : `failed: read ${JSON.stringify(got.content)}, ${got.gone ? 'gone' : 'still there'} after delete`}`,
        ),
      );
    } else if (caps.comments) {
      const got = await run(async (context) => {
        const comments = context.workbook.comments as unknown as CommentsForCheck;
        if (!comments.add || !comments.getItemByCell) return null;
        const where = `'${SCRATCH_SHEET}'!A1`;
        comments.add(where, memo);
        const c = comments.getItemByCell(where);
        c.load('content');
        await context.sync();
        const content = c.content;
        c.delete();
        await context.sync();
        return content;
      });
      if (got === null) add('notes', 'SKIP', L('此宿主没有 comments.add', 'no comments.add on this host'));
      else
        add(
          'notes',
          got === memo ? 'OK' : 'FAIL',
          L(
            `批注（ExcelApi 1.10）添加、读取、删除${got === memo ? '正常；本版本没有备注 API，标记只有填充色' : '异常'}`,
            `threaded comments (ExcelApi 1.10) add, read, delete ${got === memo ? 'work; no notes API here, marks are fills only' : 'failed'}`,
          ),
        );
    } else {
      add(
        'notes',
        'SKIP',
        L('ExcelApi 1.10 以下：没有备注或批注 API，标记只有填充色', 'below ExcelApi 1.10: no notes or comments API, marks are fills only'),
      );
    }
  } catch (e) {
    add('notes', 'FAIL', errText(e));
  }

  // -- merged areas (1.13), and more than 512 of them
  if (!caps.merges) {
    add(
      'merges',
      'SKIP',
      L(
        'ExcelApi 1.13 以下：读不到合并单元格（合并区域内非左上角单元格可能被误标）',
        'below ExcelApi 1.13: merges cannot be read (non-anchor cells of merged areas may be marked)',
      ),
    );
    add('merges-512', 'SKIP', 'ExcelApi < 1.13');
  } else {
    try {
      const address = await run(async (context) => {
        const ws = scratch(context);
        ws.getRange('B2:C3').merge(false);
        const areas = ws.getRange('A1:E6').getMergedAreasOrNullObject();
        areas.load('address');
        await context.sync();
        return areas.isNullObject ? null : areas.address;
      });
      const ok = !!address && /B2:C3$/.test(address);
      add('merges', ok ? 'OK' : 'FAIL', L(`合并区域可读：${address ?? '无'}`, `merged areas read: ${address ?? 'none'}`));
    } catch (e) {
      add('merges', 'FAIL', errText(e));
    }
    const n = MERGE_LIMIT + 1;
    const big = `A10:B${9 + n}`;
    try {
      await run(async (context) => {
        scratch(context).getRange(big).merge(true); // one merged area per row
        await context.sync();
      });
      const count = await run(async (context) => {
        const areas = scratch(context).getRange(big).getMergedAreasOrNullObject();
        areas.load('address');
        await context.sync();
        return areas.isNullObject ? 0 : areas.address.split(',').length;
      });
      add(
        'merges-512',
        'WARN',
        L(
          `${n} 个合并区域也能一次读出（${count} 个；文档说超过 ${MERGE_LIMIT} 个会失败）`,
          `${n} merged areas read at once (${count}; the reference says more than ${MERGE_LIMIT} fail)`,
        ),
      );
    } catch (e) {
      add(
        'merges-512',
        'OK',
        L(
          `超过 ${MERGE_LIMIT} 个合并区域时一次读取失败（符合文档；助手分段读取）：`,
          `more than ${MERGE_LIMIT} merged areas fail in one read (as documented; the add-in reads in bands): `,
        ) + errText(e),
      );
    }
  }

  // -- set Hidden, then delete in the same batch: the way the add-in removes its VeryHidden sheets
  try {
    const gone = await run(async (context) => {
      const ws = scratch(context);
      ws.visibility = 'Hidden';
      ws.delete();
      await context.sync();
      const again = context.workbook.worksheets.getItemOrNullObject(SCRATCH_SHEET);
      again.load('name');
      await context.sync();
      return again.isNullObject;
    });
    add(
      'hidden-delete',
      gone ? 'OK' : 'FAIL',
      L(`先设为隐藏再删除：临时工作表${gone ? '已删除' : '仍在'}`, `set Hidden, then delete: scratch sheet ${gone ? 'removed' : 'still there'}`),
    );
  } catch (e) {
    add('hidden-delete', 'FAIL', L('先设为隐藏再删除失败：', 'set Hidden then delete failed: ') + errText(e));
    try {
      await removeLeftover();
    } catch {
      /* reported above */
    }
  }
  return lines;
}

/** The report as plain text, one line per check (what the IT person copies). */
export function selfCheckText(lines: CheckLine[], lang: Lang, when: Date = new Date()): string {
  const head = `${lang === 'zh' ? '绩效自评助手 自检' : 'ziping self-check'} ${when.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const width = Math.max(...lines.map((l) => l.id.length));
  const summary = (['FAIL', 'WARN', 'OK', 'SKIP'] as const).map((s) => `${s} ${lines.filter((l) => l.status === s).length}`).join(', ');
  return [head, summary, ...lines.map((l) => `${l.status.padEnd(4)} ${l.id.padEnd(width)}  ${l.text}`)].join('\n');
}

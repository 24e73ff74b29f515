// What the copy `fix` writes lacks of the original. ExcelJS carries cells, styles, notes, pictures,
// tables and validations over, but not charts, chart sheets, pivot tables, shapes, embedded objects,
// controls, external links and the like: they are counted by kind in both packages, and each kind the
// copy has fewer of becomes one line of `fix`'s output, so nothing is lost without a word.
import type { Lang } from '../core/types';

interface Kind {
  /** Counts the parts (or elements in them) of this kind in a package. */
  count: (parts: Map<string, Buffer>) => number;
  zh: string;
  en: string;
}

const byName =
  (re: RegExp) =>
  (parts: Map<string, Buffer>): number => {
    let n = 0;
    for (const name of parts.keys()) if (re.test(name)) n++;
    return n;
  };

/** Shapes (text boxes, lines, arrows) of the drawing parts: `<xdr:sp>` anchors; pictures are `<xdr:pic>`. */
const SHAPE = /<(?:\w+:)?sp[\s>]/g;
function shapes(parts: Map<string, Buffer>): number {
  let n = 0;
  for (const [name, bytes] of parts) if (/^xl\/drawings\/[^/]+\.xml$/i.test(name)) n += (bytes.toString('utf8').match(SHAPE) ?? []).length;
  return n;
}

const KINDS: Kind[] = [
  { count: byName(/^xl\/chartsheets\/[^/]+\.xml$/i), zh: '图表工作表', en: 'chart sheet(s)' },
  { count: byName(/^xl\/(macrosheets|dialogsheets)\/[^/]+\.xml$/i), zh: 'Excel 4.0 宏表或对话框工作表', en: 'Excel 4.0 macro or dialog sheet(s)' },
  { count: byName(/^xl\/charts\/chart[^/]*\.xml$/i), zh: '图表', en: 'chart(s)' },
  { count: byName(/^xl\/pivotTables\/[^/]+\.xml$/i), zh: '数据透视表', en: 'pivot table(s)' },
  { count: shapes, zh: '图形（文本框、形状）', en: 'shape(s) (text boxes, drawn shapes)' },
  { count: byName(/^xl\/embeddings\/[^/]+$/i), zh: '嵌入对象', en: 'embedded object(s)' },
  { count: byName(/^xl\/(activeX|ctrlProps)\/[^/]+\.xml$/i), zh: '控件（ActiveX 或表单控件）', en: 'control(s) (ActiveX or form controls)' },
  { count: byName(/^xl\/externalLinks\/[^/]+\.xml$/i), zh: '外部链接', en: 'external link(s)' },
  { count: byName(/^xl\/(slicers|timelines)\/[^/]+\.xml$/i), zh: '切片器或日程表', en: 'slicer(s) or timeline(s)' },
  {
    count: byName(/^xl\/threadedComments\/[^/]+\.xml$/i),
    zh: '会话式批注（其文字仍在旧式批注中）',
    en: 'threaded comment part(s) (their text stays in the notes)',
  },
  { count: byName(/^xl\/richData\/[^/]+\.xml$/i), zh: '单元格内图片或数据类型', en: 'picture-in-cell or data type part(s)' },
  { count: byName(/^xl\/(queryTables\/[^/]+\.xml|connections\.xml)$/i), zh: '数据连接或查询', en: 'data connection or query part(s)' },
];

const LINE = {
  zh: (what: string, n: number) =>
    `副本中没有原文件的${what}（${n} 个）：fix 写副本时无法保留；原文件不变（要保留它们，请在 Excel 或 WPS 中用绩效自评助手直接计算）`,
  en: (what: string, n: number) =>
    `the copy lacks the original's ${what} (${n}): fix cannot keep them in a copy; the original is unchanged (to keep them, compute in Excel or WPS with the add-in)`,
};

/** One line per kind of content the copy has fewer of than the original. */
export function notCarriedOver(original: Map<string, Buffer>, copy: Map<string, Buffer>, lang: Lang): string[] {
  const out: string[] = [];
  for (const k of KINDS) {
    const lost = k.count(original) - k.count(copy);
    if (lost > 0) out.push(LINE[lang](lang === 'zh' ? k.zh : k.en, lost));
  }
  return out;
}

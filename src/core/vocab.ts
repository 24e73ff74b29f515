// Header words and their synonyms (RULES.md §2, §2.4) as data, and the one normaliser of
// header annotations. Input is normalizeText()'d cell text (NFKC, no whitespace).
// docs/vocabulary.md shows these tables; test/core/vocabulary.test.ts keeps the two in step.

export type Role =
  | 'level1'
  | 'level2'
  | 'level3'
  | 'nature'
  | 'target'
  | 'adjustedTarget'
  | 'unit'
  | 'actual'
  | 'weight'
  | 'score'
  | 'reason'
  | 'initialBudget'
  | 'budget'
  | 'allocated'
  | 'spent'
  | 'rate'
  | 'taskName'
  | 'approved'
  | 'approvedTotal'
  | 'approvedFiscal'
  | 'approvedOther'
  | 'taskSpent'
  | 'fundLabel'
  | 'blockLabel'
  | 'monitor';

export type VocabBlock = 'indicators' | 'fund' | 'tasks' | 'labels' | 'not-self-evaluation';

export interface VocabEntry {
  role: Role;
  block: VocabBlock;
  /** What the role means, for the docs. */
  meaning: string;
  /** Exact words (after the annotations are taken off). */
  words: string[];
  /** Open families of words; the regex source is shown in the docs. */
  patterns?: RegExp[];
  /** Only matches a header that carries a unit or weight annotation ("年度预算数(万元)"). */
  annotatedOnly?: boolean;
}

/** Order matters: the first entry that matches wins. */
export const VOCAB: readonly VocabEntry[] = [
  { role: 'level1', block: 'indicators', meaning: '一级指标 column', words: ['一级指标'] },
  { role: 'level2', block: 'indicators', meaning: '二级指标 column', words: ['二级指标'] },
  { role: 'level3', block: 'indicators', meaning: '三级指标 column (the indicator name)', words: ['三级指标'] },
  { role: 'nature', block: 'indicators', meaning: 'comparison ≥ / ≤ / = / 定性', words: ['指标性质', '指标类型', '指标方向', '计算符号'] },
  {
    role: 'adjustedTarget',
    block: 'indicators',
    meaning: 'adjusted target; beside an initial target it is the target A',
    words: ['调整后指标值', '调整后目标值', '全年调整后指标值', '调整后年度指标值'],
  },
  {
    role: 'target',
    block: 'indicators',
    meaning: 'target A',
    words: [
      '指标值',
      '目标值',
      '年度指标值',
      '全年指标值',
      '年初指标值',
      '预期指标值',
      '年度目标值',
      '全年目标值',
      '年初目标值',
      '预期目标值',
      '年度指标',
    ],
  },
  { role: 'unit', block: 'indicators', meaning: 'unit of A and B', words: ['单位', '度量单位', '计量单位', '计算单位'] },
  {
    role: 'monitor',
    block: 'not-self-evaluation',
    meaning: 'mid-year monitoring column: the table is a 绩效运行监控表 / 绩效目标执行监控表, never read',
    words: [
      '全年预计执行数',
      '预计全年执行数',
      '全年预计完成值',
      '全年预计完成情况',
      '预计全年完成值',
      '预计年底完成值',
      '完成目标可能性',
      '完成目标的可能性',
      '全年目标完成可能性',
    ],
    patterns: [
      /^\d{1,2}-\d{1,2}月(执行数|执行情况|执行率|完成值|完成情况|实际完成值)$/,
      /^截至\d{1,2}月(底|末)?(执行数|执行情况|执行率|完成值|完成情况)$/,
    ],
  },
  {
    role: 'actual',
    block: 'indicators',
    meaning: 'actual B',
    words: ['完成值', '实际值', '实际完成值', '全年实际值', '全年完成值', '实际完成指标值', '全年实际完成值', '实际完成情况值'],
  },
  {
    role: 'weight',
    block: 'indicators',
    meaning: 'weight W ("20%" means 20 points)',
    words: ['分值', '权重', '满分', '标准分值', '指标分值', '指标权重', '指标满分', '指标标准分值'],
  },
  { role: 'score', block: 'indicators', meaning: 'score S', words: ['得分', '自评得分', '评价得分', '实际得分'] },
  {
    role: 'reason',
    block: 'indicators',
    meaning: 'deviation reason',
    words: ['原因', '原因分析', '说明', '情况说明', '备注'],
    patterns: [/(偏差|未完成|偏低|未达标|差异).*(原因|措施|说明)/, /^原因分析/],
  },
  {
    role: 'fundLabel',
    block: 'fund',
    meaning: 'fund block label; a weight in it ("(20分)") is the fund weight',
    words: ['项目资金', '资金情况', '预算执行情况', '资金投入情况'],
  },
  {
    role: 'fundLabel',
    block: 'fund',
    meaning: 'fund block label when it carries a unit ("年度预算数(万元)")',
    words: ['年度预算数'],
    annotatedOnly: true,
  },
  {
    role: 'initialBudget',
    block: 'fund',
    meaning: 'initial budget (used only when the budget is blank)',
    words: ['年初预算', '年初预算数', '年初预算金额'],
  },
  {
    role: 'budget',
    block: 'fund',
    meaning: 'budget; an adjusted budget beside 年初预算 is the budget',
    words: [
      '预算数',
      '预算金额',
      '全年预算',
      '全年预算数',
      '全年预算金额',
      '调整后预算数',
      '调整后预算金额',
      '全年调整后预算数',
      '全年调整后预算金额',
      '年度预算数',
    ],
  },
  { role: 'allocated', block: 'fund', meaning: '财政下达数 (allocated)', words: ['下达数', '下达金额', '财政下达数', '财政下达金额'] },
  {
    role: 'spent',
    block: 'fund',
    meaning: 'spent',
    words: [
      '执行数',
      '执行金额',
      '全年执行数',
      '全年执行金额',
      '预算执行数',
      '预算执行金额',
      '实际执行数',
      '实际执行金额',
      '全年实际执行数',
      '全年实际执行金额',
      '全年支出',
      '全年支出数',
      '实际支出数',
    ],
  },
  { role: 'rate', block: 'fund', meaning: 'execution rate R (written by the engine)', words: ['执行率', '预算执行率', '支出率', '资金支出率'] },
  { role: 'taskName', block: 'tasks', meaning: '重点工作任务 name', words: ['任务名称', '重点工作任务名称'] },
  { role: 'approved', block: 'tasks', meaning: '批复金额 (approved)', words: ['批复金额', '批复预算'] },
  { role: 'approvedTotal', block: 'tasks', meaning: '批复金额: 总额', words: ['总额', '合计'] },
  { role: 'approvedFiscal', block: 'tasks', meaning: '批复金额: 财政拨款', words: ['财政拨款'] },
  { role: 'approvedOther', block: 'tasks', meaning: '批复金额: 其他资金', words: ['其他资金'] },
  { role: 'taskSpent', block: 'tasks', meaning: '实际支出金额', words: ['实际支出金额', '实际支出'] },
  {
    role: 'blockLabel',
    block: 'labels',
    meaning: 'indicator block label; a weight in it ("年度绩效目标1(40分)") is that block\'s weight',
    words: ['绩效指标', '绩效目标', '年度绩效指标', '年度绩效目标', '产出指标', '效益指标', '满意度指标', '效果指标', '满意度'],
    // "年度目标1:(80分)" (Hubei 部门整体 form, the colon is taken off by annotate)
    patterns: [/^年度绩效目标[0-9一二三四五六七八九十]+$/, /^绩效目标[0-9一二三四五六七八九十]+$/, /^年度目标[0-9一二三四五六七八九十]+$/],
  },
];

/** Fund rows (RULES.md §2.4): the 总额 row, and the parts that add up to it. `part` is a "其中" of a part. */
export type FundRowKind = 'total' | 'current' | 'carryover' | 'other' | 'part';

export interface FundRowEntry {
  kind: FundRowKind;
  meaning: string;
  words: string[];
}

export const FUND_ROWS: readonly FundRowEntry[] = [
  {
    kind: 'total',
    meaning: 'the total row: its figures give R and the fund score',
    words: ['年度资金总额', '资金总额', '年度财政资金总额', '财政资金总额', '总额', '合计', '总计', '资金总体', '部门整体支出总额', '整体支出总额'],
  },
  { kind: 'current', meaning: "part: this year's fiscal funds", words: ['当年财政拨款', '本年财政拨款', '财政拨款', '财政资金'] },
  { kind: 'carryover', meaning: 'part: carried over', words: ['上年结转资金', '上年结转', '上年结转结余资金', '上年结余结转资金'] },
  { kind: 'other', meaning: 'part: other funds', words: ['其他资金', '其他', '财政专户管理资金', '单位资金', '单位自有资金'] },
  {
    kind: 'part',
    meaning: 'a share of a part, not added to the breakdown',
    words: ['中央、省、市补助县级资金', '中央、省补助资金', '中央补助资金', '省级补助资金'],
  },
];

/** Row and cell labels that shape a table (not column headers). */
export type LabelKind =
  | 'projectName'
  | 'unitName'
  | 'totalRow'
  | 'weightsTotalCell'
  | 'totalCell'
  | 'gradeCell'
  | 'rubricGrade'
  | 'notes'
  | 'tableNote'
  | 'rubricPlanned'
  | 'rubricUsed'
  | 'taskTotal'
  | 'breakdownRow';

export interface LabelEntry {
  kind: LabelKind;
  meaning: string;
  words: string[];
  patterns?: RegExp[];
}

export const LABELS: readonly LabelEntry[] = [
  {
    kind: 'projectName',
    meaning: 'project name label; the name is the next cell to the right (or after the colon)',
    words: ['项目名称', '专项名称', '专项资金名称', '资金名称'],
  },
  { kind: 'unitName', meaning: 'department table: the unit name label', words: ['部门名称', '单位名称'] },
  { kind: 'totalRow', meaning: 'the 总分 row that ends an indicator block', words: ['总分', '总计', '合计', '综合得分', '总得分', '得分合计'] },
  {
    kind: 'weightsTotalCell',
    meaning: 'in the 总分 row: the weights total (its value below or to the right)',
    words: ['总分值', '分值合计', '满分'],
  },
  { kind: 'totalCell', meaning: 'in the 总分 row: the total score', words: ['总得分', '得分合计', '自评得分', '综合得分', '总分'] },
  { kind: 'gradeCell', meaning: 'in the 总分 row: the grade', words: [], patterns: [/等级|等次/] },
  { kind: 'rubricGrade', meaning: 'rubric: the grade line under the total', words: ['等级'], patterns: [/^评价(等次|等级)/, /^自评等级/] },
  {
    kind: 'notes',
    meaning: '其他需要说明的事项 row (notes, and the Sichuan fund reason)',
    words: [],
    patterns: [/^其他(需要|需)?说明(的)?(事项|问题|情况)$/],
  },
  {
    kind: 'tableNote',
    meaning: 'a printed note under the table: ends the block',
    words: [],
    patterns: [/^(注|备注|说明|填表说明|填报说明)[:0-9]/, /^填(表|报)说明/],
  },
  { kind: 'rubricPlanned', meaning: 'rubric header: the planned amount (its value to the right)', words: ['计划投资额', '预算数', '项目预算'] },
  { kind: 'rubricUsed', meaning: 'rubric header: the amount used (its value to the right)', words: ['实际使用情况', '实际支出', '执行数'] },
  {
    kind: 'breakdownRow',
    meaning: 'indicator block: "其中…" under an indicator, with no weight and no score, is its breakdown, not an indicator',
    words: [],
    patterns: [/^其中/],
  },
  { kind: 'taskTotal', meaning: 'department tasks: the first row is the total row', words: [], patterns: [/^(合计|总计|总额|部门整体)/] },
];

const labelWords = new Map<string, Set<LabelKind>>();
for (const e of LABELS)
  for (const w of e.words) {
    const set = labelWords.get(w) ?? new Set<LabelKind>();
    set.add(e.kind);
    labelWords.set(w, set);
  }
const labelPatterns = new Map<LabelKind, RegExp[]>(LABELS.map((e) => [e.kind, e.patterns ?? []]));

/** Whether a normalised cell text is a label of `kind` (annotations and colons taken off). */
export function isLabel(kind: LabelKind, norm: string): boolean {
  if (norm === '' || norm.length > 40) return false;
  const base = kind === 'tableNote' ? norm : annotate(norm).base;
  if (labelWords.get(base)?.has(kind)) return true;
  const ps = labelPatterns.get(kind)!;
  for (const p of ps) if (p.test(base)) return true;
  return false;
}

/** Titles of tables that are not self-evaluation tables: what follows them is never read. */
export const NOT_SELF_EVALUATION_TITLES: readonly RegExp[] = [/绩效目标申报表/, /绩效运行监控表/, /绩效目标执行监控表/, /绩效监控表/, /执行监控表/];
/** Titles that start a self-evaluation table again. */
export const SELF_EVALUATION_TITLES: readonly RegExp[] = [/自评表/, /评价表/, /评分表/];

// ---------------- the normaliser ----------------

export interface Annotated {
  /** The header word with every annotation taken off. */
  base: string;
  /** Bracketed letter: "A", "B", "B/A". */
  letter: string | null;
  /** Weight written in the header: "(20分)" → 20; also the weight of a formula "(20分*执行率)". */
  weight: number | null;
  /** A formula written in the header: "20分*执行率". */
  formula: string | null;
  /** A unit annotation: "万元", "元", "%". */
  unit: string | null;
}

const BRACKETS = /[([【〔]([^()[\]【】〔〕]*)[)\]】〕]/g;
const annCache = new Map<string, Annotated>();

/** Takes the annotations off a normalised header word: (A) (B/A) (20分) (20分*执行率) (万元), colons. */
export function annotate(norm: string): Annotated {
  let a = annCache.get(norm);
  if (a) return a;
  let letter: string | null = null;
  let weight: number | null = null;
  let formula: string | null = null;
  let unit: string | null = null;
  const base = norm
    .replace(BRACKETS, (_m, inner: string) => {
      let m: RegExpExecArray | null;
      if (/^[A-Z]([/÷*+-][A-Z])?$/.test(inner)) letter = letter ?? inner;
      else if ((m = /^(\d+(?:\.\d+)?)分$/.exec(inner))) weight = weight ?? Number(m[1]);
      else if ((m = /^(\d+(?:\.\d+)?)分?[*×xX]/.exec(inner)) || (m = /[*×xX](\d+(?:\.\d+)?)分$/.exec(inner))) {
        formula = formula ?? inner;
        weight = weight ?? Number(m[1]);
      } else if (/^(万元|元|亿元|%|万)$/.test(inner)) unit = unit ?? inner;
      return '';
    })
    .replace(/^[:]+|[:]+$/g, '');
  a = { base, letter, weight, formula, unit };
  if (annCache.size > 50000) annCache.clear();
  annCache.set(norm, a);
  return a;
}

/** Strips bracketed remarks such as (万元), (A), 【注】 and a trailing colon. */
export function stripHeader(t: string): string {
  return annotate(t).base;
}

// ---------------- lookups ----------------

const exact = new Map<string, VocabEntry[]>();
for (const e of VOCAB)
  for (const w of e.words) {
    const l = exact.get(w);
    if (l) l.push(e);
    else exact.set(w, [e]);
  }
const patterned = VOCAB.filter((e) => e.patterns && e.patterns.length);

function matches(e: VocabEntry, a: Annotated): boolean {
  if (e.annotatedOnly && a.unit === null && a.weight === null) return false;
  return true;
}

const roleCache = new Map<string, Role | null>();

/** The role of a header cell, asked of VOCAB. */
export function headerRole(norm: string): Role | null {
  if (norm === '' || norm.length > 30) return null;
  let r = roleCache.get(norm);
  if (r !== undefined) return r;
  const a = annotate(norm);
  r = null;
  const hits = exact.get(a.base);
  if (hits)
    for (const e of hits)
      if (matches(e, a)) {
        r = e.role;
        break;
      }
  if (r === null)
    for (const e of patterned)
      if (matches(e, a) && e.patterns!.some((p) => p.test(a.base))) {
        r = e.role;
        break;
      }
  roleCache.set(norm, r);
  return r;
}

const fundRowWords = new Map<string, FundRowKind>();
for (const e of FUND_ROWS) for (const w of e.words) fundRowWords.set(w, e.kind);

/** Kind of a fund row label ("年度资金总额:", "其中：当年财政拨款", "其中:财政资金"). */
export function fundRowKind(norm: string): FundRowKind | null {
  if (norm === '') return null;
  const t = annotate(norm)
    .base.replace(/^其中[:]?/, '')
    .replace(/[:]$/, '');
  const k = fundRowWords.get(t);
  if (k) return k;
  if (/当年财政拨款|本年财政拨款/.test(t)) return 'current';
  if (/上年结转/.test(t)) return 'carryover';
  return null;
}

/** A weighted block label ("年度绩效目标1(40分)", "产出指标(60分)", "绩效指标(90分)"): its weight, else null. */
export function blockLabelWeight(norm: string): number | null {
  if (norm === '' || norm.length > 30 || norm.indexOf('分') < 0) return null;
  const a = annotate(norm);
  if (a.weight === null) return null;
  return headerRole(norm) === 'blockLabel' ? a.weight : null;
}

export function isNotSelfEvaluationTitle(norm: string): boolean {
  return norm.length <= 60 && NOT_SELF_EVALUATION_TITLES.some((re) => re.test(norm));
}

export function isSelfEvaluationTitle(norm: string): boolean {
  return norm.length <= 60 && SELF_EVALUATION_TITLES.some((re) => re.test(norm));
}

export type Level1Kind = 'output' | 'effect' | 'satisfaction' | 'other';

export function level1Kind(label: string): Level1Kind {
  if (/产出/.test(label)) return 'output';
  if (/满意/.test(label)) return 'satisfaction';
  if (/效益|效果|影响/.test(label)) return 'effect';
  return 'other';
}

export const LEVEL1_LABEL: Record<Exclude<Level1Kind, 'other'>, string> = {
  output: '产出指标',
  effect: '效益指标',
  satisfaction: '满意度指标',
};

export function isCostLevel2(label: string): boolean {
  return /成本/.test(label);
}

/** Template placeholder names: "指标 1:", "指标2：", "……", "...". */
export function isPlaceholderName(norm: string): boolean {
  // "指标1:/" (the usual not-applicable mark after a placeholder name) too (§2.4)
  return norm === '' || /^指标[0-9一二三四五六七八九十]*[:：]?[/／\\—–-]*$/.test(norm) || /^[.。…·、/／-]+$/.test(norm);
}

export function isTotalLabel(norm: string): boolean {
  const c = norm.charCodeAt(0);
  if (c !== 0x603b && c !== 0x5408 && c !== 0x7efc && c !== 0x5f97) return false; // 总 合 综 得
  return isLabel('totalRow', norm);
}

export function isOtherNotesLabel(norm: string): boolean {
  if (norm.charCodeAt(0) !== 0x5176) return false; // 其
  return isLabel('notes', norm);
}

export function isProjectNameLabel(norm: string): boolean {
  const c = norm.charCodeAt(0);
  if (c !== 0x9879 && c !== 0x4e13 && c !== 0x8d44) return false; // 项 专 资
  return /^(项目|专项|专项资金|资金)名称[:：]?$/.test(norm) && isLabel('projectName', norm);
}

// Header words and their synonyms (RULES.md §2). Input is normalizeText()'d cell text.

export type Role =
  | 'level1'
  | 'level2'
  | 'level3'
  | 'nature'
  | 'target'
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
  | 'taskSpent';

/** Strips bracketed remarks such as （万元）, (A), 【注】 and a trailing colon. */
export function stripHeader(t: string): string {
  return t.replace(/[(\[【][^)\]】]*[)\]】]/g, '').replace(/[:：]$/, '');
}

const PATTERNS: [RegExp, Role][] = [
  [/^一级指标$/, 'level1'],
  [/^二级指标$/, 'level2'],
  [/^三级指标$/, 'level3'],
  [/^指标性质$|^指标类型$|^指标方向$|^计算符号$/, 'nature'],
  [/^(年度|全年|年初|预期)?(指标值|目标值)$|^年度指标$/, 'target'],
  [/^(度量|计量|计算)?单位$/, 'unit'],
  [/^(实际|全年实际)?(完成值|实际值)$|^实际完成(指标)?值$|^全年实际完成值$/, 'actual'],
  [/^(指标)?(分值|权重|满分|标准分值)$/, 'weight'],
  [/^(自评|评价|实际)?得分$/, 'score'],
  [/(偏差|未完成|偏低|未达标|差异).*(原因|措施|说明)|^原因分析|^(情况)?说明$|^备注$/, 'reason'],
  [/^年初预算(数|金额)?$/, 'initialBudget'],
  [/^(全年|调整后|全年调整后)?预算(数|金额)$|^全年预算$/, 'budget'],
  [/^(财政)?下达(数|金额)$/, 'allocated'],
  [/^(全年|预算|实际|全年实际)?执行(数|金额)$|^全年支出(数)?$|^实际支出数$/, 'spent'],
  [/^(预算)?执行率$|^(资金)?支出率$/, 'rate'],
  [/^(重点工作)?任务名称$/, 'taskName'],
  [/^批复金额$|^批复预算$/, 'approved'],
  [/^总额$|^合计$/, 'approvedTotal'],
  [/^财政拨款$/, 'approvedFiscal'],
  [/^其他资金$/, 'approvedOther'],
  [/^实际支出金额$|^实际支出$/, 'taskSpent'],
];

const roleCache = new Map<string, Role | null>();

export function headerRole(norm: string): Role | null {
  if (norm === '' || norm.length > 30) return null;
  let r = roleCache.get(norm);
  if (r !== undefined) return r;
  const t = stripHeader(norm);
  r = null;
  for (const [re, role] of PATTERNS) {
    if (re.test(t)) {
      r = role;
      break;
    }
  }
  roleCache.set(norm, r);
  return r;
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
  return norm === '' || /^指标[0-9一二三四五六七八九十]*[:：]?$/.test(norm) || /^[.。…·、-]+$/.test(norm);
}

export function isTotalLabel(norm: string): boolean {
  const c = norm.charCodeAt(0);
  if (c !== 0x603b && c !== 0x5408 && c !== 0x7efc) return false; // 总 合 综
  return /^(总分|总计|合计|综合得分|总得分)$/.test(stripHeader(norm));
}

export function isOtherNotesLabel(norm: string): boolean {
  if (norm.charCodeAt(0) !== 0x5176) return false; // 其
  return /^其他(需要|需)?说明(的)?(事项|问题|情况)$/.test(norm);
}

export function isProjectNameLabel(norm: string): boolean {
  if (norm.charCodeAt(0) !== 0x9879) return false; // 项
  return /^项目名称[:：]?$/.test(norm);
}

export function fundRowKind(norm: string): 'total' | 'current' | 'carryover' | 'other' | null {
  const t = norm.replace(/^其中[:：]?/, '');
  if (/^(年度)?资金总额$|^合计$|^资金总体$|^总计$/.test(t)) return 'total';
  if (/当年财政拨款|^财政拨款$/.test(t)) return 'current';
  if (/上年结转/.test(t)) return 'carryover';
  if (/^其他资金$|^其他$/.test(t)) return 'other';
  return null;
}

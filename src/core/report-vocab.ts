// The words of a Word report's sentences (RULES.md §7) as data, like the header vocabulary of vocab.ts:
// which words state which figure, what may stand between the word and its number, and which words make
// a statement about something else (a part, another fund, one indicator). Input is NFKC text without
// whitespace (normalizeText), so full-width "％", "，", "：" arrive as "%", ",", ":".
// docs/report-words.md shows these tables; test/docx/report-words.test.ts keeps the two in step.

export type FigureKind = 'budget' | 'spent' | 'rate' | 'score' | 'grade';

/** How a figure's number is written after its word. */
export type FigureUnit = 'amount' | 'percent' | 'points' | 'grade';

export interface FigureWords {
  kind: FigureKind;
  unit: FigureUnit;
  meaning: string;
  /** Words that state the figure; the longest is tried first. */
  words: string[];
  /** A statement is about something else when the clause before its word holds one of these. */
  notAbout: string[];
}

/** Between the word and its number: "为", "是", "达到", ":" … (any of them, in a row). */
export const LINK_WORDS = ['为', '是', '达到', '达', '共计', '合计', '总计', '约'];

/** Suffixes an amount word may carry before its link ("预算数", "预算资金", "预算总额"). */
export const AMOUNT_SUFFIXES = ['资金', '金额', '总额', '数', '额'];

/** Said of a part or of another fund, never the project's own figure. */
const OTHER_FUNDS = ['三公', '公务接待', '政府采购', '基本支出', '人员经费', '公用经费', '结转', '结余', '上年', '年初', '往年', '公务卡'];

export const FIGURE_WORDS: readonly FigureWords[] = [
  {
    kind: 'budget',
    unit: 'amount',
    meaning: '预算 X 万元 (the budget; 年初预算 is not the budget the table scores)',
    words: ['全年预算', '年度预算', '调整后预算', '项目经费预算', '经费预算', '项目预算', '预算', '计划投资额', '计划投资'],
    notAbout: OTHER_FUNDS,
  },
  {
    kind: 'spent',
    unit: 'amount',
    meaning: '实际支出 Y 万元 (the spending)',
    words: ['实际支出', '实际使用', '全年执行', '实际执行', '执行'],
    notAbout: OTHER_FUNDS,
  },
  {
    kind: 'rate',
    unit: 'percent',
    meaning: '执行率 Z% (the budget execution rate)',
    words: ['预算执行率', '资金执行率', '执行率', '支出实现率', '支出率'],
    notAbout: ['政府采购', '采购', '公务卡', '三公', '资产', '完成'],
  },
  {
    kind: 'score',
    unit: 'points',
    meaning: '得分 S 分 (the total score of the evaluation)',
    words: ['自评得分', '评价得分', '绩效得分', '综合得分', '总得分', '得分', '总分', '总绩效', '自评为', '评定为'],
    notAbout: ['该项', '该指标', '本项指标', '单项', '指标', '满分', '分值', '权重'],
  },
  {
    kind: 'grade',
    unit: 'grade',
    meaning: '等级/等次 优|良|中|差 (the grade)',
    words: ['等级', '等次', '档次'],
    notAbout: ['该项', '该指标', '指标'],
  },
];

/** Grade words of a report and the grade they mean (RULES.md §7: 优秀 = 优, 良好 = 良, 合格 = 中, 不合格 = 差). */
export const GRADE_WORDS: Readonly<Record<string, string>> = {
  优秀: '优',
  优: '优',
  良好: '良',
  良: '良',
  合格: '中',
  中等: '中',
  中: '中',
  不合格: '差',
  差: '差',
};

/** A sentence listing parts: their labels must not be a weight ("满分100分", "分值20分"). */
export const PART_NOT_LABELS = ['满分', '分值', '权重', '标准分', '总分值'];

/** Score words that name a total, which a list of parts adds up to ("…，总绩效为94分"). */
export const TOTAL_WORDS = ['总绩效', '总得分', '总分', '合计', '总计', '自评得分', '评价得分', '综合得分', '得分'];

/** A report's title paragraph: a new report (part) starts here, with its own figures and tables. */
export const REPORT_TITLE = /(绩效|自评|评价).{0,12}报告(书)?$/;

/** A paragraph splits into sentences after these marks (as written, full- or half-width). */
export const SENTENCE_MARKS = /([。；;！!？?\n])/g;
/** A sentence (after NFKC) splits into clauses at these. */
export const CLAUSE_END = /[,、:;。!?\n]/;

/** The tables above as Markdown, for docs/report-words.md (test/docx/report-words.test.ts keeps them in step). */
export function reportWordsMarkdown(): string {
  const out: string[] = ['| figure | meaning | words | not about it when the clause before holds |', '|---|---|---|---|'];
  for (const e of FIGURE_WORDS) out.push(`| \`${e.kind}\` | ${e.meaning.replace(/\|/g, '\\|')} | ${e.words.join('、')} | ${e.notAbout.join('、')} |`);
  out.push(
    '',
    `Between a word and its number: ${LINK_WORDS.join('、')}, a colon; an amount word may carry ${AMOUNT_SUFFIXES.join('、')} ("预算数", "预算资金").`,
    '',
    `Grade words: ${Object.entries(GRADE_WORDS)
      .map(([w, g]) => `${w} = ${g}`)
      .join('、')}.`,
    '',
    `Totals a list of parts adds up to: ${TOTAL_WORDS.join('、')}; a part is never labelled ${PART_NOT_LABELS.join('、')}.`,
    '',
    `A report title (a new part of the document): \`${REPORT_TITLE.source}\`.`,
  );
  return out.join('\n');
}

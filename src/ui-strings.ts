// UI strings (Simplified Chinese default, English) and outcome messages for the ribbon,
// the dialog and the task pane. Engine messages come from the engine itself.
import type { Lang, RuleId, Severity, TableKind } from './core/types';
import type { LastRun, RunOutcome } from './office/adapter';
import { storeErrorReason, type StoreReason } from './office/store';

const zh = {
  appName: '绩效自评助手',
  recompute: '重新计算',
  validate: '提交前校验',
  restore: '清除标记',
  openPane: '打开助手',
  recomputeTip: '计算执行率、得分、总分和等级，写入表格并标出问题',
  validateTip: '只标出问题（填充色和批注），不改任何数值',
  restoreTip: '恢复本加载项改动过的单元格（数值、填充色、批注）',
  busy: '正在处理…',
  notInOffice: '请在 Excel 中打开“绩效自评助手”：此页面是 Excel 加载项，需要在 Excel 的任务窗格中运行。',
  notInOfficeTitle: '未在 Excel 中运行',
  previewBanner: '浏览器预览：右侧表格由模拟的 Excel 主机保存，不会改动任何文件。',
  tables: '识别到的表格',
  noTables: '当前范围内没有识别到绩效自评表。',
  notAnalyzed: '点击“重新计算”或“提交前校验”开始检查。',
  rate: '执行率',
  total: '总分',
  grade: '等级',
  findings: '问题清单',
  noFindings: '没有发现问题。',
  error: '错误',
  warning: '警告',
  info: '提示',
  settings: '设置',
  profile: '评分口径',
  importProfile: '导入口径（JSON）',
  profileImported: '已导入口径：{name}',
  profileInvalid: '口径文件无效：{msg}',
  profileTooLarge: '口径文件过大（{size} 个字符，上限 {max}），未导入：导入的口径保存在工作簿中，须保持精简。',
  profileDropped: '工作簿最多保存 {max} 个导入的口径，已移除最早的：{names}。',
  rules: '规则开关',
  scope: '检查范围',
  scopeSheet: '当前工作表',
  scopeWorkbook: '整个工作簿',
  checkOnly: '仅检查模式（重新计算时也不写入数值）',
  language: 'English',
  lastRun: '上次运行',
  kindProject: '项目支出',
  kindDepartment: '部门整体支出',
  kindRubric: '评分表',
  clickToSelect: '点击定位到单元格',
  unnamed: '（未命名）',
  close: '关闭',
  // outcomes
  outNoTable: '当前工作表没有识别到绩效自评表，未做任何改动。',
  outNoTableWb: '工作簿中没有识别到绩效自评表，未做任何改动。',
  outProtected: '工作表“{sheets}”受保护，未写入任何内容。请先撤销工作表保护。',
  outWbProtected: '工作簿结构受保护，无法保存恢复信息，因此未写入任何内容。请先撤销工作簿保护。',
  outCounts: '{tables} 张表：{error} 个错误，{warning} 个警告，{info} 个提示。',
  outWritten: '写入 {values} 个单元格，标出 {fills} 处。',
  outChecked: '已标出 {fills} 处问题，未改任何数值。',
  outRestored: '已恢复 {restored} 个单元格。',
  outKept: '{kept} 个单元格在本加载项改动后又被手工修改过，已保留。',
  outThreaded: '{n} 个单元格有批注（新式批注），不能再加备注，只标了颜色：{cells}。',
  outStoreReset: '恢复信息无法读取，已备份并重新开始记录：之前改动的单元格无法再由“清除标记”恢复。',
  outNoMerges: '以下工作表的合并单元格读取失败，已按无合并单元格检查，结果可能有误：{sheets}。',
  outTooLarge: '“{sheet}”：工作表过大（{rows}行），请删除多余行后重试。该表未读取，也未写入任何内容。',
  resetStore: '重置恢复信息',
  outNothing: '没有需要恢复的改动。',
  outError: '操作失败：{error}',
  outRolledBack: '已撤回本次改动，表格保持原样。',
  outStore: '恢复信息无法读取：{error}。可在任务窗格点“重置恢复信息”（原内容会备份到恢复信息表的 B 列）后再试。',
  // why the restore store cannot be read (StoreError reasons, src/office/store.ts)
  storeWhyCell: '恢复信息表中有不是本加载项写入的内容',
  storeWhyJson: '内容不完整或已损坏',
  storeWhyFormat: '格式无法识别',
  storeWhyNewer: '由更新版本的加载项写入（版本 {version}），请更新本加载项',
  storeWhyMixed: '内容由不同次运行拼合而成（可能是多人同时编辑）',
  storeWhyChunk: '部分内容被截断、缺失或改动',
  titleRecompute: '重新计算完成',
  titleValidate: '校验完成',
  titleRestore: '清除标记完成',
  titleAnalyze: '检查结果',
  titleFailed: '操作未完成',
  // live check, summary sheet, diagnostics (issue 11)
  live: '实时检查',
  liveTip: '输入时自动重新检查（只读取，不改表格；填充色和批注仍在点击“重新计算”或“提交前校验”时更新）',
  liveOn: '实时',
  liveStopped: '实时检查已停止：{error}',
  liveUnsupported: '此 Excel 版本不支持实时检查（需要 ExcelApi 1.7）。',
  liveStale: '表格已修改，填充色和批注尚未更新：点击“提交前校验”更新标记。',
  summary: '汇总表',
  summaryBuild: '生成汇总表',
  summaryTip: '新建或重建工作表“绩效自评汇总”，列出工作簿中识别到的每张表；不改动其他工作表。“清除标记”会删除它。',
  summaryOpen: '查看汇总表',
  summaryDone: '已生成工作表“{sheet}”：{tables} 张表。',
  summaryNoTable: '工作簿中没有识别到绩效自评表，未生成汇总表。',
  summaryNameTaken: '已有一个不是本加载项创建的工作表“{sheet}”，未做任何改动。请先将它改名。',
  summaryProtected: '工作簿结构受保护，无法新建工作表。请先撤销工作簿保护。',
  summaryRemoved: '已删除汇总表“{sheet}”。',
  summaryFailed: '生成汇总表失败：{error}',
  sumTitle: '项目支出绩效自评汇总表',
  sumSubtitle: '生成时间：{at}　评分口径：{profile}　共 {tables} 张表（由绩效自评助手生成，重新生成会覆盖本表）',
  sumNo: '序号',
  sumSheet: '工作表',
  sumProject: '项目名称',
  sumKind: '表格类型',
  sumBudget: '预算数（万元）',
  sumSpent: '执行数（万元）',
  sumLink: '位置',
  sumLinkTip: '转到该表',
  sumTotal: '合计',
  about: '关于 / 诊断',
  diagHost: 'Office 应用',
  diagPlatform: '平台',
  diagVersion: 'Office 版本',
  diagApi: '支持的 ExcelApi 最高版本',
  diagAddin: '加载项版本',
  diagLang: '显示语言',
  diagBrowser: '浏览器',
  diagCopy: '复制诊断信息',
  diagCopied: '已复制，可粘贴到问题反馈中。',
  diagCopyFailed: '无法自动复制，请手动选中下面的文字复制。',
  diagUnknown: '未知',
  outLegacy:
    '此工作簿为 .{ext} 格式（兼容模式），本加载项只检查、未写入任何内容：.{ext} 文件保存后会丢失加载项的设置和颜色，标记可能无法清除。请先另存为 .xlsx（文件 → 信息 → 转换），或在电脑上用命令行 ziping fix 生成 .xlsx 副本。',
  legacyBar:
    '此工作簿为 .{ext} 格式（兼容模式）：“重新计算”“提交前校验”“生成汇总表”只检查、不写入。请先另存为 .xlsx（文件 → 信息 → 转换）再使用，或用命令行 ziping fix。',
  // WPS 表格 (issue 21)
  notInWps: '请在 WPS 表格中打开“绩效自评助手”：此页面是 WPS 加载项的任务窗格，需要在 WPS 表格中运行。',
  notInWpsTitle: '未在 WPS 表格中运行',
  // a withheld total on the table card (issue 18, RULES.md §4.5)
  withheldWeights: '分值合计为 {weights}，不是 100：各项得分之和 {sum} 不计为总分，不评等级',
  withheldBlocks: '分值合计不为 100：各项得分之和 {sum} 不计为总分，不评等级',
  unscored: '本表不设分值，不评总分和等级',
  // 关于/诊断 inside WPS (issue 21)
  diagHostWps: '宿主应用',
  diagHostWpsValue: 'WPS 表格',
  diagVersionWps: 'WPS 版本',
  diagApiWps: '对象模型',
  diagApiWpsValue: 'ET（WPS 加载项 JS 接口）{version}',
  diagChromium: 'Chromium 版本',
};

type Strings = typeof zh;

const en: Strings = {
  appName: 'Ziping self-evaluation helper',
  recompute: 'Recompute',
  validate: 'Check before submitting',
  restore: 'Clear marks',
  openPane: 'Open helper',
  recomputeTip: 'Compute rates, scores, total and grade, write them and mark problems',
  validateTip: 'Only mark problems (fills and notes); no value is changed',
  restoreTip: 'Restore every cell this add-in changed (values, fills, notes)',
  busy: 'Working…',
  notInOffice: 'Open “Ziping” in Excel: this page is an Excel add-in and runs in Excel’s task pane.',
  notInOfficeTitle: 'Not running in Excel',
  previewBanner: 'Browser preview: the sheet on the right lives in a simulated Excel host; no file is changed.',
  tables: 'Recognised tables',
  noTables: 'No self-evaluation table recognised in this scope.',
  notAnalyzed: 'Click Recompute or Check to start.',
  rate: 'Execution',
  total: 'Total',
  grade: 'Grade',
  findings: 'Findings',
  noFindings: 'No problem found.',
  error: 'Errors',
  warning: 'Warnings',
  info: 'Info',
  settings: 'Settings',
  profile: 'Scoring profile',
  importProfile: 'Import profile (JSON)',
  profileImported: 'Imported profile: {name}',
  profileInvalid: 'Invalid profile file: {msg}',
  profileTooLarge:
    'Profile too large ({size} characters, at most {max}); not imported: imported profiles are kept in the workbook and must stay small.',
  profileDropped: 'The workbook keeps at most {max} imported profiles; the oldest were removed: {names}.',
  rules: 'Rules',
  scope: 'Scope',
  scopeSheet: 'Active sheet',
  scopeWorkbook: 'Whole workbook',
  checkOnly: 'Check-only mode (Recompute writes no value either)',
  language: '中文',
  lastRun: 'Last run',
  kindProject: 'Project',
  kindDepartment: 'Department',
  kindRubric: 'Rubric',
  clickToSelect: 'Click to select the cell',
  unnamed: '(unnamed)',
  close: 'Close',
  outNoTable: 'No self-evaluation table recognised on this sheet; nothing was changed.',
  outNoTableWb: 'No self-evaluation table recognised in this workbook; nothing was changed.',
  outProtected: 'Sheet “{sheets}” is protected; nothing was written there. Unprotect it first.',
  outWbProtected:
    'The workbook structure is protected, so the restore information cannot be stored; nothing was written. Unprotect the workbook first.',
  outCounts: '{tables} table(s): {error} error(s), {warning} warning(s), {info} info.',
  outWritten: '{values} cell(s) written, {fills} marked.',
  outChecked: '{fills} problem(s) marked; no value changed.',
  outRestored: '{restored} cell(s) restored.',
  outKept: '{kept} cell(s) were edited by hand after the add-in changed them and were kept.',
  outThreaded: '{n} cell(s) hold a threaded comment and cannot take a note; marked by fill only: {cells}.',
  outStoreReset:
    'The restore information could not be read; it was backed up and recording started afresh: cells changed before cannot be restored by “Clear marks”.',
  outNoMerges: 'The merged cells of these sheets could not be read; they were checked without merges and the result may be wrong: {sheets}.',
  outTooLarge: '“{sheet}”: the sheet is too large ({rows} rows); delete the extra rows and try again. It was not read and nothing was written to it.',
  resetStore: 'Reset restore information',
  outNothing: 'Nothing to restore.',
  outError: 'Failed: {error}',
  outRolledBack: 'This run’s changes were undone; the sheet is as before.',
  outStore:
    'The restore information cannot be read: {error}. Use “Reset restore information” in the task pane (the old content is backed up in column B of the store sheet), then try again.',
  storeWhyCell: 'a cell of the store sheet holds content this add-in did not write',
  storeWhyJson: 'it is incomplete or damaged',
  storeWhyFormat: 'its format is unknown',
  storeWhyNewer: 'it was written by a newer add-in (version {version}); update this add-in',
  storeWhyMixed: 'it is pieced together from different runs (co-authoring?)',
  storeWhyChunk: 'part of it is cut short, missing or edited',
  titleRecompute: 'Recompute done',
  titleValidate: 'Check done',
  titleRestore: 'Marks cleared',
  titleAnalyze: 'Results',
  titleFailed: 'Not completed',
  live: 'Live check',
  liveTip: 'Re-checks as you type (reads only, changes nothing; fills and notes update on Recompute or Check)',
  liveOn: 'Live',
  liveStopped: 'Live check stopped: {error}',
  liveUnsupported: 'This Excel has no live check (needs ExcelApi 1.7).',
  liveStale: 'The table was edited; fills and notes are not updated yet: click Check to update the marks.',
  summary: 'Summary',
  summaryBuild: 'Build summary sheet',
  summaryTip: 'Creates or rebuilds the sheet “绩效自评汇总” listing every recognised table; no other sheet is changed. Clear marks deletes it.',
  summaryOpen: 'Show summary',
  summaryDone: 'Sheet “{sheet}” built: {tables} table(s).',
  summaryNoTable: 'No self-evaluation table recognised in this workbook; no summary built.',
  summaryNameTaken: 'A sheet “{sheet}” that this add-in did not create exists; nothing was changed. Rename it first.',
  summaryProtected: 'The workbook structure is protected, so no sheet can be added. Unprotect the workbook first.',
  summaryRemoved: 'Summary sheet “{sheet}” deleted.',
  summaryFailed: 'Building the summary failed: {error}',
  sumTitle: 'Project performance self-evaluation summary',
  sumSubtitle: 'Built {at} · profile {profile} · {tables} table(s) (made by Ziping; building again replaces this sheet)',
  sumNo: 'No.',
  sumSheet: 'Sheet',
  sumProject: 'Project',
  sumKind: 'Type',
  sumBudget: 'Budget (10k yuan)',
  sumSpent: 'Spent (10k yuan)',
  sumLink: 'Location',
  sumLinkTip: 'Go to the table',
  sumTotal: 'Total',
  about: 'About / diagnostics',
  diagHost: 'Office host',
  diagPlatform: 'Platform',
  diagVersion: 'Office version',
  diagApi: 'Highest ExcelApi supported',
  diagAddin: 'Add-in version',
  diagLang: 'Display language',
  diagBrowser: 'Browser',
  diagCopy: 'Copy diagnostics',
  diagCopied: 'Copied: paste it into your bug report.',
  diagCopyFailed: 'Could not copy automatically; select the text below and copy it.',
  diagUnknown: 'unknown',
  outLegacy:
    'This workbook is an .{ext} file (compatibility mode): it was checked, nothing was written, because an .{ext} file loses the add-in’s settings and colours when saved and the marks might not clear. Save it as .xlsx first (File → Info → Convert), or make an .xlsx copy with the command line ziping fix.',
  legacyBar:
    'This workbook is an .{ext} file (compatibility mode): Recompute, Check before submitting and the summary only check, they write nothing. Save it as .xlsx first (File → Info → Convert), or use the command line ziping fix.',
  // WPS 表格 (issue 21)
  notInWps: 'Open “Ziping” in WPS Spreadsheets: this page is the task pane of a WPS add-in and runs in WPS.',
  notInWpsTitle: 'Not running in WPS Spreadsheets',
  // a withheld total on the table card (issue 18, RULES.md §4.5)
  withheldWeights: 'The weights total {weights}, not 100: the sum {sum} is no total and gets no grade',
  withheldBlocks: 'The weights do not add up to 100: the sum {sum} is no total and gets no grade',
  unscored: 'The table has no weights: no total or grade',
  // 关于/诊断 inside WPS (issue 21)
  diagHostWps: 'Host application',
  diagHostWpsValue: 'WPS Spreadsheets',
  diagVersionWps: 'WPS version',
  diagApiWps: 'Object model',
  diagApiWpsValue: 'ET (WPS add-in JS API) {version}',
  diagChromium: 'Chromium version',
};

export const STRINGS: Record<Lang, Strings> = { zh, en };
export type StringKey = keyof Strings;

export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[lang][key].replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

export const RULE_LABELS: Record<RuleId, { zh: string; en: string }> = {
  'score-exceeds-weight': { zh: '得分超过分值', en: 'Score above weight' },
  'score-mismatch': { zh: '得分与计算不符', en: 'Score differs from computed' },
  'weights-total': { zh: '分值合计不为 100', en: 'Weights do not total 100' },
  'level1-weights': { zh: '一级指标分值与口径不符', en: 'Level-1 weights off profile' },
  'missing-level3': { zh: '缺少三级指标', en: 'Missing level-3 indicator' },
  'missing-deviation-reason': { zh: '未填偏差原因', en: 'Missing deviation reason' },
  'target-too-low': { zh: '指标值设定偏低', en: 'Target set too low' },
  'total-mismatch': { zh: '总分与计算不符', en: 'Total differs from computed' },
  'grade-mismatch': { zh: '等级与总分不符', en: 'Grade does not match total' },
  'fund-breakdown': { zh: '资金分项之和不符', en: 'Fund breakdown does not add up' },
  'execution-over-budget': { zh: '执行数超过预算', en: 'Spending above budget' },
  'zero-budget': { zh: '预算数为 0', en: 'Zero budget' },
  'budget-fallback': { zh: '用年初预算数计算', en: 'Initial budget used' },
  'missing-value': { zh: '缺少指标值/完成值/分值', en: 'Missing value' },
  'unparsable-value': { zh: '数值无法识别', en: 'Unreadable value' },
  'unit-mismatch': { zh: '计量单位不一致', en: 'Unit mismatch' },
  'operator-assumed': { zh: '未写指标性质（按默认处理）', en: 'Operator assumed' },
  'qualitative-score-band': { zh: '定性指标得分超出档次', en: 'Qualitative score out of band' },
  'qualitative-unrated': { zh: '定性完成情况无法判断', en: 'Qualitative result unrated' },
  'formula-kept': { zh: '公式单元格未改写', en: 'Formula kept' },
  'table-not-filled': { zh: '表格未填写', en: 'Table not filled in' },
  'block-weights': { zh: '指标块分值/得分不符', en: 'Block weights or scores off' },
  'execution-gap': { zh: '指标完成度高于资金执行率', en: 'Indicators ahead of spending' },

  'report-mismatch': { zh: '报告正文与表格不符', en: 'Report text differs from its table' },
  'report-sum': { zh: '报告正文分项/等级不符', en: 'Report text does not add up' },
  'weight-not-positive': { zh: '分值须大于 0', en: 'Weight not above 0' },
  'group-weights': { zh: '下级分值合计不等于上级设定权重', en: 'Child weights differ from the parent weight' },
  'description-missing': { zh: '定性指标缺完成情况简要描述', en: 'Qualitative description missing' },
  'unit-missing': { zh: '定量指标缺计量单位', en: 'Unit missing' },
  'deduction-invalid': { zh: '扣减分数无效', en: 'Invalid deduction' },
  'cost-unfilled-cap': { zh: '未填报成本指标得分超限', en: 'Unfilled cost indicator scored too high' },
};

export function kindLabel(lang: Lang, kind: TableKind): string {
  return t(lang, kind === 'project' ? 'kindProject' : kind === 'department' ? 'kindDepartment' : 'kindRubric');
}

export function severityLabel(lang: Lang, s: Severity): string {
  return t(lang, s);
}

export interface OutcomeText {
  title: string;
  message: string;
  intent: 'success' | 'warning' | 'error' | 'info';
  lang?: Lang;
}

const STORE_WHY: Record<StoreReason, StringKey> = {
  cell: 'storeWhyCell',
  json: 'storeWhyJson',
  format: 'storeWhyFormat',
  newer: 'storeWhyNewer',
  mixed: 'storeWhyMixed',
  chunk: 'storeWhyChunk',
};

/** Why the restore store cannot be read, in the UI language (the outcome keeps the English StoreError message). */
function storeWhy(error: string, lang: Lang): string {
  const why = storeErrorReason(error);
  if (why) return t(lang, STORE_WHY[why.reason], { version: why.version ?? '' });
  return lang === 'zh' ? t(lang, 'storeWhyFormat') : error;
}

/** The one-paragraph summary shown by the ribbon dialog, the task pane and the preview. */
export function describeOutcome(o: RunOutcome | LastRun, lang: Lang): OutcomeText {
  return { ...describe(o, lang), lang };
}

function describe(o: RunOutcome | LastRun, lang: Lang): OutcomeText {
  const titleKey =
    o.mode === 'recompute' ? 'titleRecompute' : o.mode === 'validate' ? 'titleValidate' : o.mode === 'restore' ? 'titleRestore' : 'titleAnalyze';
  const parts: string[] = [];
  let intent: OutcomeText['intent'] = 'success';
  // sheets refused as too large (audit 2, #9): said first, whatever else happened
  const tooLarge = () =>
    (o.notices ?? [])
      .filter((n) => n.kind === 'too-large')
      .map((n) => t(lang, 'outTooLarge', { sheet: n.sheet, rows: n.cell.replace(/^[A-Z]+/, '') }));
  const counts = () => t(lang, 'outCounts', { tables: o.tables.length, error: o.counts.error, warning: o.counts.warning, info: o.counts.info });
  switch (o.status) {
    case 'no-table': {
      const big = tooLarge();
      const none = t(lang, o.scope === 'workbook' ? 'outNoTableWb' : 'outNoTable');
      return { title: t(lang, titleKey), message: [...big, none].join(' '), intent: big.length ? 'warning' : 'info' };
    }
    case 'workbook-protected':
      return { title: t(lang, 'titleFailed'), message: t(lang, 'outWbProtected'), intent: 'warning' };
    case 'nothing-to-restore':
      return { title: t(lang, titleKey), message: t(lang, 'outNothing'), intent: 'info' };
    case 'store-unreadable':
      return { title: t(lang, 'titleFailed'), message: t(lang, 'outStore', { error: storeWhy(o.error ?? '', lang) }), intent: 'error' };
    case 'error':
      parts.push(t(lang, 'outError', { error: o.error ?? '' }));
      if (o.rolledBack) parts.push(t(lang, 'outRolledBack'));
      return { title: t(lang, 'titleFailed'), message: parts.join(' '), intent: 'error' };
    default:
  }
  const legacy = (o.notices ?? []).find((n) => n.kind === 'legacy-format');
  if (legacy && o.mode !== 'restore') {
    parts.push(counts(), t(lang, 'outLegacy', { ext: legacy.format ?? 'xls' }));
    intent = o.counts.error > 0 ? 'error' : 'warning';
  } else if (o.mode === 'restore') {
    parts.push(t(lang, 'outRestored', { restored: o.written.restored }));
  } else {
    parts.push(counts());
    if (o.mode === 'recompute' && o.written.values > 0) parts.push(t(lang, 'outWritten', { values: o.written.values, fills: o.written.fills }));
    else if (o.mode !== 'analyze') parts.push(t(lang, 'outChecked', { fills: o.written.fills }));
    if (o.counts.error > 0) intent = 'error';
    else if (o.counts.warning > 0) intent = 'warning';
  }
  if (o.written.kept > 0) parts.push(t(lang, 'outKept', { kept: o.written.kept }));
  const threaded = (o.notices ?? []).filter((n) => n.kind === 'threaded-comment');
  if (threaded.length) {
    const cells = threaded.slice(0, 5).map((n) => `${n.sheet}!${n.cell}`);
    if (threaded.length > 5) cells.push('…');
    parts.push(t(lang, 'outThreaded', { n: threaded.length, cells: cells.join(lang === 'zh' ? '、' : ', ') }));
  }
  if ((o.notices ?? []).some((n) => n.kind === 'store-reset')) {
    parts.push(t(lang, 'outStoreReset'));
    if (intent === 'success') intent = 'warning';
  }
  const big = tooLarge();
  if (big.length) {
    parts.push(...big);
    if (intent === 'success') intent = 'warning';
  }
  const noMerges = (o.notices ?? []).filter((n) => n.kind === 'no-merges').map((n) => n.sheet);
  if (noMerges.length) {
    parts.push(t(lang, 'outNoMerges', { sheets: noMerges.join(lang === 'zh' ? '、' : ', ') }));
    if (intent === 'success') intent = 'warning';
  }
  if (o.status === 'protected' || o.protectedSheets.length) {
    parts.push(t(lang, 'outProtected', { sheets: o.protectedSheets.join('”“') }));
    if (intent === 'success') intent = 'warning';
  }
  return { title: t(lang, titleKey), message: parts.join(' '), intent };
}

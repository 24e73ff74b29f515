// Words of the summary workbook and the HTML report, Chinese and English.
import type { Lang, RuleId, Severity, TableKind } from '../core/types';
import { RULE_LABELS } from '../ui-strings';

export const KIND: Record<Lang, Record<TableKind, string>> = {
  zh: { project: '项目支出', department: '部门整体支出', rubric: '评分表' },
  en: { project: 'project', department: 'department', rubric: 'rubric' },
};

export const SEVERITY: Record<Lang, Record<Severity, string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

export function ruleLabel(lang: Lang, rule: string): string {
  const l = (RULE_LABELS as Record<string, { zh: string; en: string } | undefined>)[rule as RuleId];
  return l ? l[lang] : rule;
}

export const SHEETS = {
  zh: { summary: '汇总', findings: '问题清单', unreadable: '无法读取', noTable: '未识别到表' },
  en: { summary: 'Summary', findings: 'Findings', unreadable: 'Unreadable', noTable: 'No table' },
};

export const SUMMARY_HEADERS = {
  zh: [
    '文件',
    '工作表',
    '区域',
    '类型',
    '主管部门',
    '实施单位',
    '项目名称',
    '预算数(万元)',
    '执行数(万元)',
    '执行率',
    '分值合计',
    '计算总分',
    '填报总分',
    '计算等级',
    '填报等级',
    '错误',
    '警告',
    '提示',
    '主要问题',
  ],
  en: [
    'File',
    'Sheet',
    'Range',
    'Kind',
    'Department',
    'Implementing unit',
    'Project',
    'Budget (10k yuan)',
    'Spent (10k yuan)',
    'Execution rate',
    'Weights total',
    'Computed total',
    'Entered total',
    'Computed grade',
    'Entered grade',
    'Errors',
    'Warnings',
    'Info',
    'First problems',
  ],
};

export const FINDING_HEADERS = {
  zh: ['文件', '工作表', '单元格', '严重程度', '规则', '规则说明', '问题说明', '项目名称'],
  en: ['File', 'Sheet', 'Cell', 'Severity', 'Rule', 'Rule name', 'Message', 'Project'],
};

export const UNREADABLE_HEADERS = {
  zh: ['文件', '情况', '原因'],
  en: ['File', 'Status', 'Reason'],
};

export const UNREADABLE_STATUS = {
  zh: { unreadable: '无法读取', noTable: '未识别到绩效自评表' },
  en: { unreadable: 'unreadable', noTable: 'no self-evaluation table recognised' },
};

// The report's charts as inline SVG strings: Apache ECharts' server-side SVG renderer, no DOM.
import type { Lang } from '../core/types';
import { ruleLabel } from './labels';
import { NO_DEPARTMENT, NO_GRADE, type ReportStats } from './stats';

export const FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif";
export const CHART_WIDTH = 600;

export interface Chart {
  id: string;
  title: string;
  svg: string;
}

const TITLES = {
  zh: {
    grades: '评价等级分布（表格数）',
    rates: '执行率分布（表格数）',
    rules: '最常见的问题（问题数）',
    departments: '各部门表格数',
    noGrade: '无等级',
    noDept: '未填部门',
    clean: '无错误',
    withErrors: '有错误',
  },
  en: {
    grades: 'Grades (tables)',
    rates: 'Execution rate (tables)',
    rules: 'Most frequent rules (findings)',
    departments: 'Tables per department',
    noGrade: 'no grade',
    noDept: 'no department',
    clean: 'no errors',
    withErrors: 'with errors',
  },
};

const GRADE_COLORS: Record<string, string> = { 优: '#2e7d32', 良: '#689f38', 中: '#f9a825', 差: '#c62828', [NO_GRADE]: '#9e9e9e' };

type Option = Record<string, unknown>;

/** Renders one option to an SVG string (static: no animation, nothing left running). */
export function renderSvg(option: Option, width: number, height: number): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const echarts = require('echarts') as typeof import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function reportCharts(s: ReportStats, lang: Lang): Chart[] {
  const T = TITLES[lang];
  const grid = { left: 16, right: 24, top: 24, bottom: 16, containLabel: true };
  const out: Chart[] = [];

  const grades = s.grades.map((g) => ({ name: g.grade === NO_GRADE ? T.noGrade : g.grade, value: g.count, color: GRADE_COLORS[g.grade] }));
  out.push({
    id: 'grades',
    title: T.grades,
    svg: renderSvg(
      {
        grid,
        xAxis: { type: 'category', data: grades.map((g) => g.name), axisLabel: { fontSize: 14 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            barMaxWidth: 56,
            label: { show: true, position: 'top' },
            data: grades.map((g) => ({ value: g.value, itemStyle: { color: g.color } })),
          },
        ],
      },
      CHART_WIDTH,
      320,
    ),
  });

  out.push({
    id: 'rates',
    title: T.rates,
    svg: renderSvg(
      {
        grid,
        xAxis: { type: 'category', data: s.rateBins.map((b) => b.label), axisLabel: { interval: 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            barCategoryGap: '8%',
            label: { show: true, position: 'top' },
            // under 90 % in orange: the projects listed below the chart
            data: s.rateBins.map((b, i) => ({ value: b.count, itemStyle: { color: i < 4 ? '#ef6c00' : '#1565c0' } })),
          },
        ],
      },
      CHART_WIDTH,
      320,
    ),
  });

  const rules = s.rules.slice(0, 10).reverse();
  out.push({
    id: 'rules',
    title: T.rules,
    svg: renderSvg(
      {
        grid,
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: rules.map((r) => ruleLabel(lang, r.rule)), axisLabel: { fontSize: 12 } },
        series: [
          {
            type: 'bar',
            barMaxWidth: 22,
            label: { show: true, position: 'right' },
            itemStyle: { color: '#6a1b9a' },
            data: rules.map((r) => r.count),
          },
        ],
      },
      CHART_WIDTH,
      Math.max(200, 60 + rules.length * 30),
    ),
  });

  const depts = s.departments.slice(0, 15).reverse();
  const deptName = (n: string) => (n === NO_DEPARTMENT ? T.noDept : clip(n, 16));
  out.push({
    id: 'departments',
    title: T.departments,
    svg: renderSvg(
      {
        grid: { ...grid, top: 40 },
        legend: { top: 4, data: [T.clean, T.withErrors] },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: depts.map((d) => deptName(d.name)) },
        series: [
          {
            name: T.clean,
            type: 'bar',
            stack: 'n',
            barMaxWidth: 22,
            itemStyle: { color: '#2e7d32' },
            data: depts.map((d) => d.tables - d.withErrors),
          },
          { name: T.withErrors, type: 'bar', stack: 'n', barMaxWidth: 22, itemStyle: { color: '#c62828' }, data: depts.map((d) => d.withErrors) },
        ],
      },
      CHART_WIDTH,
      Math.max(200, 80 + depts.length * 30),
    ),
  });
  return out;
}

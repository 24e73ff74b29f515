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
    rules: (info: number) => `错误和警告最多的规则（条数；提示 ${info} 条未计入）`,
    departments: '各部门问题数（错误和警告条数，按错误数排序）',
    noGrade: '无等级',
    noDept: '未填部门',
    error: '错误',
    warning: '警告',
  },
  en: {
    grades: 'Grades (tables)',
    rates: 'Execution rate (tables)',
    rules: (info: number) => `Rules with the most errors and warnings (findings; ${info} info not counted)`,
    departments: 'Problems per department (errors and warnings, most errors first)',
    noGrade: 'no grade',
    noDept: 'no department',
    error: 'error',
    warning: 'warning',
  },
};

/** Severity colours, the same in the charts, the finding lists and the summary workbook's fills. */
export const SEVERITY_COLORS = { error: '#c62828', warning: '#e08e00', info: '#1e6bb8' } as const;
/** Chart text: readable when a 600 px chart is printed at half an A4 landscape page. */
const FONT_SIZE = 14;

const GRADE_COLORS: Record<string, string> = { 优: '#2e7d32', 良: '#689f38', 中: '#f9a825', 差: '#c62828', [NO_GRADE]: '#9e9e9e' };

type Option = Record<string, unknown>;

/** Renders one option to an SVG string (static: no animation, nothing left running). */
export function renderSvg(option: Option, width: number, height: number): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const echarts = require('echarts') as typeof import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: FONT_SIZE }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function reportCharts(s: ReportStats, lang: Lang): Chart[] {
  const T = TITLES[lang];
  const grid = { left: 16, right: 40, top: 24, bottom: 16, containLabel: true };
  const axisLabel = { fontSize: FONT_SIZE };
  const out: Chart[] = [];
  const legend = { top: 4, textStyle: { fontSize: FONT_SIZE }, data: [T.error, T.warning] };
  // stacked error + warning bars, the total written at the end of each bar
  const severityBars = (error: number[], warning: number[]) => [
    { name: T.error, type: 'bar', stack: 'n', barMaxWidth: 24, itemStyle: { color: SEVERITY_COLORS.error }, data: error },
    {
      name: T.warning,
      type: 'bar',
      stack: 'n',
      barMaxWidth: 24,
      itemStyle: { color: SEVERITY_COLORS.warning },
      label: {
        show: true,
        position: 'right',
        fontSize: FONT_SIZE,
        formatter: (p: { dataIndex: number }) => String(error[p.dataIndex] + warning[p.dataIndex]),
      },
      data: warning,
    },
  ];

  // what is wrong most often: errors and warnings by rule (info is not a problem to act on)
  const rules = s.rules
    .filter((r) => r.error + r.warning > 0)
    .slice(0, 12)
    .reverse();
  out.push({
    id: 'rules',
    title: T.rules(s.infos),
    svg: renderSvg(
      {
        grid: { ...grid, top: 40 },
        legend,
        xAxis: { type: 'value', minInterval: 1, axisLabel },
        yAxis: { type: 'category', data: rules.map((r) => clip(ruleLabel(lang, r.rule), 18)), axisLabel },
        series: severityBars(
          rules.map((r) => r.error),
          rules.map((r) => r.warning),
        ),
      },
      CHART_WIDTH,
      Math.max(220, 90 + rules.length * 32),
    ),
  });

  const grades = s.grades.map((g) => ({ name: g.grade === NO_GRADE ? T.noGrade : g.grade, value: g.count, color: GRADE_COLORS[g.grade] }));
  out.push({
    id: 'grades',
    title: T.grades,
    svg: renderSvg(
      {
        grid,
        xAxis: { type: 'category', data: grades.map((g) => g.name), axisLabel: { fontSize: 16 } },
        yAxis: { type: 'value', minInterval: 1, axisLabel },
        series: [
          {
            type: 'bar',
            barMaxWidth: 56,
            label: { show: true, position: 'top', fontSize: FONT_SIZE },
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
        xAxis: { type: 'category', data: s.rateBins.map((b) => b.label), axisLabel: { interval: 0, fontSize: 13 } },
        yAxis: { type: 'value', minInterval: 1, axisLabel },
        series: [
          {
            type: 'bar',
            barCategoryGap: '8%',
            label: { show: true, position: 'top', fontSize: FONT_SIZE },
            // under 90 % in orange: the projects listed below the chart
            data: s.rateBins.map((b, i) => ({ value: b.count, itemStyle: { color: i < 4 ? '#ef6c00' : '#1565c0' } })),
          },
        ],
      },
      CHART_WIDTH,
      320,
    ),
  });

  // departments ranked by problems (the most at the top)
  const depts = s.departments
    .filter((d) => d.errors + d.warnings > 0)
    .slice(0, 12)
    .reverse();
  const deptName = (n: string) => (n === NO_DEPARTMENT ? T.noDept : clip(n, 14));
  out.push({
    id: 'departments',
    title: T.departments,
    svg: renderSvg(
      {
        grid: { ...grid, top: 40 },
        legend,
        xAxis: { type: 'value', minInterval: 1, axisLabel },
        yAxis: { type: 'category', data: depts.map((d) => deptName(d.name)), axisLabel },
        series: severityBars(
          depts.map((d) => d.errors),
          depts.map((d) => d.warnings),
        ),
      },
      CHART_WIDTH,
      Math.max(220, 90 + depts.length * 32),
    ),
  });
  return out;
}

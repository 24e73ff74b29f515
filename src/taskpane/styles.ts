// Shared styles and small formatters of the task pane components.
import { makeStyles, shorthands, tokens } from '@fluentui/react-components';
import type { Finding, Lang, Severity, TableResult } from '../core/types';
import { t } from '../ui-strings';

export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '12px',
    padding: '12px',
    fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Segoe UI", sans-serif',
    minHeight: '100vh',
    boxSizing: 'border-box',
    overflowWrap: 'anywhere',
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: '8px' },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: '8px', rowGap: '8px' },
  section: { display: 'flex', flexDirection: 'column', rowGap: '6px' },
  sectionTitle: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, display: 'flex', alignItems: 'center', columnGap: '6px' },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 10px',
    display: 'flex',
    flexDirection: 'column',
    rowGap: '4px',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  cardName: { fontWeight: tokens.fontWeightSemibold },
  metrics: { display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', columnGap: '6px' },
  metric: { display: 'flex', flexDirection: 'column' },
  metricLabel: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  metricValue: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  counts: { display: 'flex', columnGap: '6px', flexWrap: 'wrap' },
  filters: { display: 'flex', columnGap: '6px', flexWrap: 'wrap' },
  group: { display: 'flex', flexDirection: 'column', rowGap: '2px' },
  groupTitle: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, marginTop: '6px' },
  finding: {
    display: 'flex',
    columnGap: '8px',
    alignItems: 'flex-start',
    textAlign: 'left',
    width: '100%',
    padding: '6px 8px',
    border: 'none',
    ...shorthands.borderLeft('3px', 'solid', tokens.colorNeutralStroke1), // longhands: the severity's colour overrides it in mergeClasses
    backgroundColor: tokens.colorNeutralBackground2,
    cursor: 'pointer',
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  cell: { fontFamily: 'Consolas, "Courier New", monospace', whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
  rules: { display: 'flex', flexDirection: 'column' },
  rulesTitle: { fontSize: tokens.fontSizeBase300, marginTop: '4px' },
  muted: { color: tokens.colorNeutralForeground3 },
  small: { fontSize: tokens.fontSizeBase200 },
  diag: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '8px', rowGap: '2px', fontSize: tokens.fontSizeBase200, margin: 0 },
  diagKey: { color: tokens.colorNeutralForeground3, margin: 0 },
  diagValue: { margin: 0, fontFamily: 'Consolas, "Courier New", monospace', wordBreak: 'break-all' },
  liveRow: { display: 'flex', alignItems: 'center', columnGap: '8px', flexWrap: 'wrap' },
});

export type Styles = ReturnType<typeof useStyles>;

export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(Math.round(x * 10000) / 100).toFixed(2)}%`;
}

export function num(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : (Math.round(x * 100) / 100).toFixed(2);
}

export function tableName(tb: TableResult, lang: Lang): string {
  return tb.projectName || `${tb.sheet}!${tb.range}` || t(lang, 'unnamed');
}

export function countOf(findings: Finding[], s: Severity): number {
  return findings.filter((f) => f.severity === s).length;
}

export function errorMessage(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return [err?.code, err?.message ?? String(e)].filter(Boolean).join(': ');
}

// One recognised table: 执行率, 总分, 等级 and the finding counts.
import * as React from 'react';
import { Badge, Text } from '@fluentui/react-components';
import type { Lang, TableResult } from '../core/types';
import { noTotalReason } from '../core/no-total';
import { kindLabel, t } from '../ui-strings';
import { countOf, num, pct, tableName, useStyles } from './styles';

/** Why 总分 and 等级 are "—" (as check says): weights that do not add up (§4.5), or no weights at all; null otherwise. */
function totalWhy(tb: TableResult, lang: Lang): string | null {
  const why = noTotalReason(tb);
  if (why?.kind !== 'withheld') return why ? t(lang, 'unscored') : null;
  const vars = { sum: num(why.sum), weights: tb.weightsTotal === null ? '' : String(Math.round(tb.weightsTotal * 100) / 100) };
  return t(lang, tb.weightsTotal === null ? 'withheldBlocks' : 'withheldWeights', vars);
}

export function TableCard({ table: tb, index: i, lang }: { table: TableResult; index: number; lang: Lang }) {
  const s = useStyles();
  const why = totalWhy(tb, lang);
  return (
    <div className={s.card} data-testid="table-card">
      <div className={s.cardName}>{tableName(tb, lang)}</div>
      <Text size={200} className={s.muted}>
        {kindLabel(lang, tb.kind)} · {tb.sheet}!{tb.range}
      </Text>
      <div className={s.metrics}>
        <div className={s.metric}>
          <span className={s.metricLabel}>{t(lang, 'rate')}</span>
          <span className={s.metricValue} data-testid={`rate-${i}`}>
            {pct(tb.funds?.executionRate)}
          </span>
        </div>
        <div className={s.metric}>
          <span className={s.metricLabel}>{t(lang, 'total')}</span>
          <span className={s.metricValue} data-testid={`total-${i}`}>
            {num(tb.total)}
          </span>
        </div>
        <div className={s.metric}>
          <span className={s.metricLabel}>{t(lang, 'grade')}</span>
          <span className={s.metricValue} data-testid={`grade-${i}`}>
            {tb.grade ?? '—'}
          </span>
        </div>
      </div>
      {why !== null && (
        <Text size={200} className={s.muted} data-testid={`withheld-${i}`}>
          {why}
        </Text>
      )}
      <div className={s.counts}>
        <Badge appearance="tint" color="danger">{`${t(lang, 'error')} ${countOf(tb.findings, 'error')}`}</Badge>
        <Badge appearance="tint" color="warning">{`${t(lang, 'warning')} ${countOf(tb.findings, 'warning')}`}</Badge>
        <Badge appearance="tint" color="informative">{`${t(lang, 'info')} ${countOf(tb.findings, 'info')}`}</Badge>
      </div>
    </div>
  );
}

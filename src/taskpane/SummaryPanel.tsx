// 汇总表: builds the sheet 绩效自评汇总 listing every recognised table of the workbook.
import * as React from 'react';
import { Button, mergeClasses, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import type { Lang } from '../core/types';
import type { SummaryOutcome } from '../office/summary';
import { SUMMARY_SHEET } from '../office/summary';
import { t } from '../ui-strings';
import { useStyles } from './styles';

export function summaryMessage(o: SummaryOutcome, lang: Lang): { text: string; intent: 'success' | 'info' | 'warning' | 'error' } {
  const vars = { sheet: o.sheet, tables: o.tables, error: o.error ?? '' };
  switch (o.status) {
    case 'ok':
      return { text: t(lang, 'summaryDone', vars), intent: 'success' };
    case 'no-table':
      return { text: t(lang, 'summaryNoTable', vars), intent: 'info' };
    case 'name-taken':
      return { text: t(lang, 'summaryNameTaken', vars), intent: 'warning' };
    case 'workbook-protected':
      return { text: t(lang, 'summaryProtected', vars), intent: 'warning' };
    case 'removed':
      return { text: t(lang, 'summaryRemoved', vars), intent: 'success' };
    case 'nothing-to-remove':
      return { text: '', intent: 'info' };
    default:
      return { text: t(lang, 'summaryFailed', vars), intent: 'error' };
  }
}

interface Props {
  lang: Lang;
  busy: boolean;
  last: SummaryOutcome | null;
  onBuild(): void;
  onOpen(): void;
}

export function SummaryPanel({ lang, busy, last, onBuild, onOpen }: Props) {
  const s = useStyles();
  const msg = last ? summaryMessage(last, lang) : null;
  return (
    <section className={s.section} aria-label={t(lang, 'summary')}>
      <div className={s.sectionTitle}>{t(lang, 'summary')}</div>
      <Text className={mergeClasses(s.muted, s.small)}>{t(lang, 'summaryTip')}</Text>
      <div className={s.actions}>
        <Button disabled={busy} onClick={onBuild} data-testid="summary-build">
          {t(lang, 'summaryBuild')}
        </Button>
        {last?.status === 'ok' && (
          <Button appearance="subtle" onClick={onOpen} data-testid="summary-open" title={SUMMARY_SHEET}>
            {t(lang, 'summaryOpen')}
          </Button>
        )}
      </div>
      {msg && msg.text && (
        <MessageBar layout="multiline" intent={msg.intent} data-testid="summary-status">
          <MessageBarBody>{msg.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

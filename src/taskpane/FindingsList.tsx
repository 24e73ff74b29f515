// Findings grouped by table, filterable by severity; a click selects the cell.
import * as React from 'react';
import { mergeClasses, Text, ToggleButton } from '@fluentui/react-components';
import type { Finding, Lang, Severity, TableResult } from '../core/types';
import { t } from '../ui-strings';
import { SEVERITIES, tableName, useStyles } from './styles';

interface Props {
  tables: TableResult[];
  counts: Record<Severity, number>;
  lang: Lang;
  onSelect(f: Finding): void;
}

export function FindingsList({ tables, counts, lang, onSelect }: Props) {
  const s = useStyles();
  const [shown, setShown] = React.useState<Set<Severity>>(new Set(SEVERITIES));
  return (
    <section className={s.section} aria-label={t(lang, 'findings')}>
      <div className={s.sectionTitle}>{t(lang, 'findings')}</div>
      <div className={s.filters}>
        {SEVERITIES.map((sev) => (
          <ToggleButton
            key={sev}
            size="small"
            checked={shown.has(sev)}
            data-testid={`filter-${sev}`}
            onClick={() => {
              const next = new Set(shown);
              if (next.has(sev)) next.delete(sev);
              else next.add(sev);
              setShown(next);
            }}
          >
            {`${t(lang, sev)} ${counts[sev] ?? 0}`}
          </ToggleButton>
        ))}
      </div>
      {tables.map((tb) => {
        const list = tb.findings.filter((f) => shown.has(f.severity));
        if (!list.length) return null;
        return (
          <div className={s.group} key={`f-${tb.sheet}!${tb.range}`}>
            <div className={s.groupTitle}>{tableName(tb, lang)}</div>
            {list.map((f, i) => (
              <button
                type="button"
                key={`${f.cell}-${f.rule}-${i}`}
                className={mergeClasses(s.finding, s[f.severity])}
                title={t(lang, 'clickToSelect')}
                data-testid="finding"
                data-cell={`${f.sheet}!${f.cell}`}
                data-severity={f.severity}
                data-rule={f.rule}
                onClick={() => onSelect(f)}
              >
                <span className={s.cell}>{f.cell}</span>
                <span>{lang === 'zh' ? f.messageZh : f.messageEn}</span>
              </button>
            ))}
          </div>
        );
      })}
      {tables.every((tb) => tb.findings.filter((f) => shown.has(f.severity)).length === 0) && (
        <Text className={s.muted}>{t(lang, 'noFindings')}</Text>
      )}
    </section>
  );
}

// 关于/诊断: where the add-in runs, copied in one click for a bug report.
import * as React from 'react';
import { Button, Text } from '@fluentui/react-components';
import type { Lang } from '../core/types';
import { copyText, diagnosticsLines, diagnosticsText, type Diagnostics } from '../office/diagnostics';
import { t } from '../ui-strings';
import { SelfCheckPanel } from './SelfCheckPanel';
import { useStyles } from './styles';

interface Props {
  info: Diagnostics;
  lang: Lang;
  /** 自检: resolves to the plain-text report. */
  selfCheck?: () => Promise<string>;
  /** The host application the 自检 hint names ('Excel', 'WPS'). */
  appName?: string;
}

export function DiagnosticsPanel({ info, lang, selfCheck, appName }: Props) {
  const s = useStyles();
  const [copied, setCopied] = React.useState<boolean | null>(null);
  const text = diagnosticsText(info, lang);
  return (
    <div className={s.section} data-testid="diagnostics">
      <dl className={s.diag}>
        {diagnosticsLines(info, lang).map(([k, v]) => (
          <React.Fragment key={k}>
            <dt className={s.diagKey}>{k}</dt>
            <dd className={s.diagValue} data-testid={`diag-${k}`}>
              {v}
            </dd>
          </React.Fragment>
        ))}
      </dl>
      <div className={s.actions}>
        <Button size="small" data-testid="diag-copy" onClick={() => void copyText(text).then(setCopied)}>
          {t(lang, 'diagCopy')}
        </Button>
      </div>
      {copied !== null && (
        <Text className={s.small} data-testid="diag-copied">
          {t(lang, copied ? 'diagCopied' : 'diagCopyFailed')}
        </Text>
      )}
      {copied === false && <textarea readOnly value={text} rows={7} style={{ width: '100%', fontSize: 12 }} />}
      {selfCheck && <SelfCheckPanel run={selfCheck} lang={lang} appName={appName} />}
    </div>
  );
}

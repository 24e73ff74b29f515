// 关于/诊断: where the add-in runs, copied in one click for a bug report.
import * as React from 'react';
import { Button, Text } from '@fluentui/react-components';
import type { Lang } from '../core/types';
import { copyText, diagnosticsLines, diagnosticsText, type Diagnostics } from '../office/diagnostics';
import { t } from '../ui-strings';
import type { CheckLine } from '../office/selfcheck';
import { SelfCheckPanel } from './SelfCheckPanel';
import { useStyles } from './styles';

export function DiagnosticsPanel({ info, lang, selfCheck }: { info: Diagnostics; lang: Lang; selfCheck?: () => Promise<CheckLine[]> }) {
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
      {selfCheck && <SelfCheckPanel run={selfCheck} lang={lang} />}
    </div>
  );
}

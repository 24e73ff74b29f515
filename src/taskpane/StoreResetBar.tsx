// 重置恢复信息: offered when the restore store cannot be read (storeReset.ts), with a confirm step.
import * as React from 'react';
import { Button, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import type { Lang } from '../core/types';
import { RESET_TEXT } from './storeReset';
import { useStyles } from './styles';

interface Props {
  lang: Lang;
  busy: boolean;
  onReset(): void;
}

export function StoreResetBar({ lang, busy, onReset, confirming: initial = false }: Props & { confirming?: boolean }) {
  const s = useStyles();
  const T = RESET_TEXT[lang];
  const [confirming, setConfirming] = React.useState(initial);
  return (
    <MessageBar layout="multiline" intent="warning" data-testid="store-reset">
      <MessageBarBody>
        <div className={s.section}>
          <Text>{T.offer}</Text>
          {!confirming && (
            <div className={s.actions}>
              <Button size="small" disabled={busy} onClick={() => setConfirming(true)} data-testid="store-reset-ask">
                {T.ask}
              </Button>
            </div>
          )}
          {confirming && (
            <>
              <Text weight="semibold" data-testid="store-reset-explain">
                {T.confirm}
              </Text>
              <div className={s.actions}>
                <Button
                  size="small"
                  appearance="primary"
                  disabled={busy}
                  onClick={() => {
                    setConfirming(false);
                    onReset();
                  }}
                  data-testid="store-reset-confirm"
                >
                  {T.yes}
                </Button>
                <Button size="small" disabled={busy} onClick={() => setConfirming(false)} data-testid="store-reset-cancel">
                  {T.no}
                </Button>
              </div>
            </>
          )}
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}

// 自检 in 关于/诊断: one click runs the host checks (src/office/selfcheck.ts, src/wps/selftest-probes.ts); the report is shown in a
// read-only text box and copied in one click (Clipboard API, else the text box is selected for Ctrl+C).
import * as React from 'react';
import { Button, Spinner, Text } from '@fluentui/react-components';
import type { Lang } from '../core/types';
import { copyText } from '../office/diagnostics';
import { useStyles } from './styles';

const TEXT = {
  zh: {
    run: '运行自检',
    again: '再次运行自检',
    running: '正在自检（会临时添加并删除一张隐藏工作表）…',
    hint: '在当前工作簿中临时添加一张隐藏工作表，检查本机 {app} 的各项行为后删除。结果请复制给管理员。',
    copy: '复制自检结果',
    copied: '已复制自检结果。',
    copyFailed: '无法自动复制：文字已选中，请按 Ctrl+C 复制。',
    failed: '自检未能完成：',
  },
  en: {
    run: 'Run self-check',
    again: 'Run self-check again',
    running: 'Self-check running (adds and removes a hidden sheet)…',
    hint: 'Adds a hidden sheet to this workbook for a moment, checks how this {app} behaves, then removes it. Copy the result for your IT.',
    copy: 'Copy self-check result',
    copied: 'Self-check result copied.',
    copyFailed: 'Could not copy automatically: the text is selected, press Ctrl+C.',
    failed: 'Self-check did not finish: ',
  },
} as const;

/** `run` resolves to the plain-text report; `appName` is the host the hint names. */
export function SelfCheckPanel({ run, lang, appName = 'Excel' }: { run: () => Promise<string>; lang: Lang; appName?: string }) {
  const s = useStyles();
  const T = TEXT[lang];
  const [busy, setBusy] = React.useState(false);
  const [text, setText] = React.useState<string | null>(null);
  const [copied, setCopied] = React.useState<boolean | null>(null);
  const box = React.useRef<HTMLTextAreaElement>(null);

  const start = async () => {
    setBusy(true);
    setCopied(null);
    try {
      setText(await run());
    } catch (e) {
      setText(T.failed + String((e as Error)?.message ?? e));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (text === null) return;
    const ok = await copyText(text);
    setCopied(ok);
    if (!ok) {
      box.current?.focus();
      box.current?.select();
    }
  };

  return (
    <div className={s.section} data-testid="selfcheck">
      <Text className={s.small}>{T.hint.replace('{app}', appName)}</Text>
      <div className={s.actions}>
        <Button size="small" appearance="primary" data-testid="selfcheck-run" disabled={busy} onClick={() => void start()}>
          {text === null ? T.run : T.again}
        </Button>
        {text !== null && (
          <Button size="small" data-testid="selfcheck-copy" disabled={busy} onClick={() => void copy()}>
            {T.copy}
          </Button>
        )}
      </div>
      {busy && <Spinner size="tiny" label={T.running} />}
      {text !== null && (
        <textarea
          ref={box}
          readOnly
          data-testid="selfcheck-result"
          value={text}
          rows={Math.min(16, text.split('\n').length + 1)}
          onFocus={(e) => e.currentTarget.select()}
          style={{ width: '100%', fontFamily: 'Consolas, "Courier New", monospace', fontSize: 11, whiteSpace: 'pre-wrap' }}
        />
      )}
      {copied !== null && (
        <Text className={s.small} data-testid="selfcheck-copied">
          {copied ? T.copied : T.copyFailed}
        </Text>
      )}
    </div>
  );
}

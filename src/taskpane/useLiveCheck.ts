// The task pane's live check: on while the pane is open and the switch is on; stopped (handlers
// removed) when switched off, on an error, when the pane closes or the component unmounts.
import * as React from 'react';
import type { Lang } from '../core/types';
import type { RunOutcome } from '../office/adapter';
import type { ZipingSettings } from '../office/settings';
import type { PaneLive, ZipingHost } from './host';
import { errorMessage } from './styles';

interface Options {
  host: ZipingHost | null;
  enabled: boolean;
  current(): { settings: ZipingSettings; lang: Lang };
  onUpdate(outcome: RunOutcome): void;
  onError(message: string): void;
}

export function useLiveCheck(o: Options): { setBase(outcome: RunOutcome | null): void; refreshSheets(): void } {
  const cb = React.useRef(o);
  React.useLayoutEffect(() => {
    cb.current = o;
  });
  const base = React.useRef<RunOutcome | null>(null);
  const live = React.useRef<PaneLive | null>(null);
  const { host, enabled } = o;

  React.useEffect(() => {
    if (!host || !enabled) return;
    const lc = host.createLive({
      current: () => cb.current.current(),
      onUpdate: (out) => {
        base.current = out;
        cb.current.onUpdate(out);
      },
      onError: (e) => cb.current.onError(errorMessage(e)),
    });
    lc.setBase(base.current);
    live.current = lc;
    void lc.start();
    const offClosed = host.onClosed?.(() => void lc.stop());
    return () => {
      offClosed?.();
      if (live.current === lc) live.current = null;
      void lc.stop();
    };
  }, [host, enabled]);

  const setBase = React.useCallback((outcome: RunOutcome | null) => {
    base.current = outcome;
    live.current?.setBase(outcome);
  }, []);
  const refreshSheets = React.useCallback(() => live.current?.refreshSheets(), []);
  return React.useMemo(() => ({ setBase, refreshSheets }), [setBase, refreshSheets]);
}

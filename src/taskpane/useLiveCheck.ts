// The task pane's live check: on while the pane is open and the switch is on; stopped (handlers
// removed) when switched off, on an error, when the pane closes or the component unmounts.
import * as React from 'react';
import type { Lang } from '../core/types';
import type { XlHost } from '../office/excel-api';
import type { Analyze, RunOutcome } from '../office/adapter';
import { LiveCheck, type LiveFlush } from '../office/live';
import type { ZipingSettings } from '../office/settings';
import { errorMessage } from './styles';

interface Options {
  host: XlHost | null;
  analyze: Analyze;
  enabled: boolean;
  current(): { settings: ZipingSettings; lang: Lang };
  onUpdate(outcome: RunOutcome, flush: LiveFlush): void;
  onError(message: string): void;
  /** Office: pagehide / the shared runtime's pane hidden. */
  onClosed?(fn: () => void): () => void;
}

export function useLiveCheck(o: Options): { setBase(outcome: RunOutcome | null): void; refreshSheets(): void } {
  const cb = React.useRef(o);
  React.useLayoutEffect(() => {
    cb.current = o;
  });
  const base = React.useRef<RunOutcome | null>(null);
  const live = React.useRef<LiveCheck | null>(null);
  const { host, analyze, enabled } = o;

  React.useEffect(() => {
    if (!host || !enabled) return;
    const lc = new LiveCheck(host, {
      analyze,
      current: () => cb.current.current(),
      onUpdate: (out, flush) => {
        base.current = out;
        cb.current.onUpdate(out, flush);
      },
      onError: (e) => cb.current.onError(errorMessage(e)),
    });
    lc.setBase(base.current);
    live.current = lc;
    void lc.start();
    const offClosed = cb.current.onClosed?.(() => void lc.stop());
    return () => {
      offClosed?.();
      if (live.current === lc) live.current = null;
      void lc.stop();
    };
  }, [host, analyze, enabled]);

  const setBase = React.useCallback((outcome: RunOutcome | null) => {
    base.current = outcome;
    live.current?.setBase(outcome);
  }, []);
  const refreshSheets = React.useCallback(() => void live.current?.refreshSheets(), []);
  return React.useMemo(() => ({ setBase, refreshSheets }), [setBase, refreshSheets]);
}

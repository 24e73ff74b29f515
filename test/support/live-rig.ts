// One live check on a host, started from a ribbon-like analysis: what the live-check tests share.
import { analyzeWorkbook } from '../../src/core';
import { runAnalysis, type RunOutcome } from '../../src/office/adapter';
import { LiveCheck } from '../../src/office/live';
import { DEFAULT_SETTINGS, type ZipingSettings } from '../../src/office/settings';
import type { XlHost } from '../../src/office/excel-api';

export interface LiveRig {
  live: LiveCheck;
  updates: RunOutcome[];
  errors: unknown[];
}

/**
 * A started live check on `host`, its base taken from an analysis of `base` (the host itself unless a
 * wrapper is being tested), with every update and error kept.
 */
export async function startLive(host: XlHost, options: { settings?: ZipingSettings; base?: XlHost; debounceMs?: number } = {}): Promise<LiveRig> {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const updates: RunOutcome[] = [];
  const errors: unknown[] = [];
  const live = new LiveCheck(host, {
    analyze: analyzeWorkbook,
    current: () => ({ settings, lang: 'zh' }),
    onUpdate: (o) => updates.push(o),
    onError: (e) => errors.push(e),
    debounceMs: options.debounceMs ?? 10,
  });
  live.setBase(await runAnalysis(options.base ?? host, 'analyze', { analyze: analyzeWorkbook, settings }));
  await live.start();
  return { live, updates, errors };
}

// The task pane: actions, live check, per-table results, findings, summary sheet, settings, diagnostics.
// Components: TableCard, FindingsList, SettingsPanel, SummaryPanel, DiagnosticsPanel (one file each).
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  Spinner,
  Switch,
  Text,
  webLightTheme,
} from '@fluentui/react-components';
import type { Lang } from '../core/types';
import type { RunOutcome } from '../office/adapter';
import { DEFAULT_SETTINGS, langFromDisplay, type ZipingSettings } from '../office/settings';
import type { SummaryOutcome } from '../office/summary';
import { legacyFormatOf } from '../office/format';
import { describeOutcome, t, type OutcomeText } from '../ui-strings';
import { TableCard } from './TableCard';
import { FindingsList } from './FindingsList';
import { SettingsPanel } from './SettingsPanel';
import { SummaryPanel } from './SummaryPanel';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { useLiveCheck } from './useLiveCheck';
import { offerReset, resetRestoreInfo } from './storeReset';
import { noMergesLine, noMergesSheets } from './liveNotices';
import { StoreResetBar } from './StoreResetBar';
import { errorMessage, useStyles } from './styles';
import type { AppBridge } from './host';

export type { AppBridge, ZipingHost } from './host';

const LIVE_KEY = 'ziping.live';

function storedLive(): boolean {
  try {
    return window.localStorage?.getItem(LIVE_KEY) !== 'off';
  } catch {
    return true;
  }
}

function SvgIcon({ d }: { d: string }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={d} />
    </svg>
  );
}
const ICON = {
  recompute: 'M13 8a5 5 0 1 1-1.5-3.6M13 2.5v3h-3',
  validate: 'M3 8.5l3 3 7-7',
  restore: 'M3 6h7a3.5 3.5 0 0 1 0 7H6M3 6l3-3M3 6l3 3',
};

export function App({ bridge }: { bridge: AppBridge }) {
  const s = useStyles();
  const host = bridge.host;
  const [settings, setSettings] = React.useState<ZipingSettings>(DEFAULT_SETTINGS);
  const [lang, setLang] = React.useState<Lang>(langFromDisplay(bridge.displayLanguage));
  const [busy, setBusy] = React.useState<string | null>(null);
  const [result, setResultState] = React.useState<RunOutcome | null>(null);
  const [status, setStatus] = React.useState<OutcomeText | null>(null);
  const [liveOn, setLiveOn] = React.useState<boolean>(storedLive);
  const [liveError, setLiveError] = React.useState<string | null>(null);
  const [liveEdited, setLiveEdited] = React.useState(false);
  const [summaryOut, setSummary] = React.useState<SummaryOutcome | null>(null);
  /** The restore store could not be read (a 清除标记 said so): offer 重置恢复信息. */
  const [storeBad, setStoreBad] = React.useState(false);
  /** Sheets checked without merges that the status already names (the live check does not say them again). */
  const [noMergesSaid, setNoMergesSaid] = React.useState<string[]>([]);
  const settingsRef = React.useRef(settings);
  const langRef = React.useRef(lang);
  const busyRef = React.useRef<string | null>(null);
  React.useLayoutEffect(() => {
    settingsRef.current = settings;
    langRef.current = lang;
    busyRef.current = busy;
  });
  const lastSeen = React.useRef<string | null>(null);

  const liveSupported = !!host && host.liveSupported;
  const live = useLiveCheck({
    host,
    enabled: liveOn && liveSupported,
    current: () => ({ settings: settingsRef.current, lang: langRef.current }),
    onUpdate: (out) => {
      setResultState(out);
      setLiveEdited(true);
    },
    onError: (msg) => {
      setLiveError(msg);
      setLiveOn(false);
    },
  });

  const setResult = React.useCallback(
    (out: RunOutcome | null) => {
      setResultState(out);
      live.setBase(out);
    },
    [live],
  );

  const analyzeNow = React.useCallback(
    async (st: ZipingSettings, l: Lang) => {
      if (!host) return;
      const out = await host.run('analyze', { settings: st, lang: l });
      setResult(out);
    },
    [host, setResult],
  );

  // first load: settings, last ribbon run, a read-only analysis
  React.useEffect(() => {
    if (!host) return;
    let alive = true;
    (async () => {
      setBusy('load');
      try {
        const s0 = await host.loadSettings();
        if (!alive) return;
        setSettings(s0);
        const l = s0.lang ?? langFromDisplay(bridge.displayLanguage);
        setLang(l);
        const last = await host.loadLastRun();
        if (last && alive) {
          lastSeen.current = last.at;
          const d = describeOutcome(last, l);
          setStatus({ ...d, title: `${t(l, 'lastRun')} · ${d.title}` });
          setNoMergesSaid(noMergesSheets(last));
          setStoreBad(offerReset(last, false));
        }
        await analyzeNow(s0, l);
      } catch (e) {
        setStatus({ title: t(lang, 'titleFailed'), message: errorMessage(e), intent: 'error' });
      } finally {
        if (alive) setBusy(null);
      }
    })();
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host]);

  // changes made outside the pane (another sheet activated, a ribbon command): refresh. Excel
  // raises onSettingsChanged only when co-authoring on the web (Office.Settings docs; audit-2 #12),
  // so the pane also rereads 上次运行 when it becomes visible or gets the focus (one settings read;
  // the analysis only when a ribbon run happened meanwhile).
  React.useEffect(() => {
    if (!host) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async (always: boolean) => {
      if (busyRef.current) return;
      try {
        const l = langRef.current;
        const last = await host.loadLastRun();
        const fresh = !!last && last.at !== lastSeen.current;
        if (last && fresh) {
          lastSeen.current = last.at;
          const d = describeOutcome(last, l);
          setStatus({ ...d, title: `${t(l, 'lastRun')} · ${d.title}` });
          setNoMergesSaid(noMergesSheets(last));
          setStoreBad((b) => offerReset(last, b));
          setLiveEdited(false);
        }
        if (!always && !fresh) return;
        if (!busyRef.current) await analyzeNow(settingsRef.current, l);
        live.refreshSheets(); // sheets added or renamed meanwhile
      } catch {
        /* the next change will try again */
      }
    };
    const later = (always: boolean) => {
      if (busyRef.current) return;
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(always), 300);
    };
    const off = host.subscribe?.(() => later(true));
    const onVisible = () => {
      if (document.visibilityState === 'visible') later(false);
    };
    const onFocus = () => later(false);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onFocus);
    return () => {
      clearTimeout(timer);
      off?.();
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onFocus);
    };
  }, [host, analyzeNow, live]);

  const update = async (patch: Partial<ZipingSettings>) => {
    const next = { ...settingsRef.current, ...patch };
    settingsRef.current = next;
    setSettings(next);
    if (host) {
      try {
        await host.saveSettings(next);
      } catch (e) {
        setStatus({ title: t(lang, 'titleFailed'), message: errorMessage(e), intent: 'error' });
      }
    }
    return next;
  };

  const failed = (e: unknown) =>
    setStatus({ title: t(lang, 'titleFailed'), message: t(lang, 'outError', { error: errorMessage(e) }), intent: 'error' });

  const run = async (mode: 'recompute' | 'validate' | 'restore') => {
    if (!host || busy) return;
    setBusy(mode);
    try {
      const cur = settingsRef.current;
      const out = mode === 'restore' ? await host.restore({ settings: cur }) : await host.run(mode, { settings: cur, lang });
      lastSeen.current = out.at;
      setStoreBad((b) => offerReset(out, b));
      let text = describeOutcome(out, lang);
      setNoMergesSaid(noMergesSheets(out));
      if (mode === 'restore' && host.summary) {
        // 清除标记 also removes the summary sheet the add-in made
        const r = await host.summary.afterRestore(text, out.status, lang);
        text = r.text;
        if (r.summary.status === 'removed') setSummary(null);
      }
      setStatus(text);
      setLiveEdited(false);
      if (mode === 'restore') await analyzeNow(cur, lang);
      else setResult(out);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const resetStore = async () => {
    if (!host || busy) return;
    setBusy('reset');
    try {
      const { outcome, text } = await resetRestoreInfo(host, settingsRef.current, lang);
      lastSeen.current = outcome.at;
      setStatus(text);
      setNoMergesSaid([]);
      setStoreBad((b) => offerReset(outcome, b));
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const makeSummary = async () => {
    if (!host?.summary || busy) return;
    setBusy('summary');
    try {
      setSummary(await host.summary.build({ settings: settingsRef.current, lang }));
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const switchLive = (on: boolean) => {
    setLiveOn(on);
    setLiveError(null);
    try {
      window.localStorage?.setItem(LIVE_KEY, on ? 'on' : 'off');
    } catch {
      /* storage blocked: the choice lasts while the pane is open */
    }
  };

  const switchLang = async () => {
    const next: Lang = lang === 'zh' ? 'en' : 'zh';
    setLang(next);
    langRef.current = next;
    setStatus(null);
    const s2 = await update({ lang: next });
    if (host) await analyzeNow(s2, next);
  };

  if (!host) {
    const wps = bridge.app === 'wps';
    return (
      <FluentProvider theme={webLightTheme}>
        <div className={s.root} data-testid={wps ? 'not-in-wps' : 'not-in-office'}>
          <div className={s.title}>{t(lang, 'appName')}</div>
          <MessageBar layout="multiline" intent="info">
            <MessageBarBody>
              <MessageBarTitle>{t('zh', wps ? 'notInWpsTitle' : 'notInOfficeTitle')}</MessageBarTitle>
              {t('zh', wps ? 'notInWps' : 'notInOffice')}
            </MessageBarBody>
          </MessageBar>
          <MessageBar layout="multiline" intent="info">
            <MessageBarBody lang="en">
              <MessageBarTitle>{t('en', wps ? 'notInWpsTitle' : 'notInOfficeTitle')}</MessageBarTitle>
              {t('en', wps ? 'notInWps' : 'notInOffice')}
            </MessageBarBody>
          </MessageBar>
        </div>
      </FluentProvider>
    );
  }

  const tables = result?.tables ?? [];
  const liveNoMerges = noMergesLine(result, noMergesSaid, lang);
  // .xls / .et (compatibility mode): checked, never written (audit-2 #5)
  const legacy = legacyFormatOf(host.documentUrl?.() ?? null);
  const diagnostics = host.diagnostics();
  const summary = host.summary;
  const selfCheck = host.selfCheck;

  return (
    <FluentProvider theme={webLightTheme} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <div className={s.root}>
        <div className={s.header}>
          <span className={s.title}>{t(lang, 'appName')}</span>
          <Button size="small" appearance="subtle" onClick={switchLang} data-testid="lang">
            {t(lang, 'language')}
          </Button>
        </div>
        {host.kind === 'preview' && (
          <MessageBar layout="multiline" intent="info">
            <MessageBarBody>{t(lang, 'previewBanner')}</MessageBarBody>
          </MessageBar>
        )}
        {legacy && (
          <MessageBar layout="multiline" intent="warning" data-testid="legacy-format">
            <MessageBarBody>{t(lang, 'legacyBar', { ext: legacy })}</MessageBarBody>
          </MessageBar>
        )}
        <div className={s.actions}>
          <Button
            appearance="primary"
            icon={<SvgIcon d={ICON.recompute} />}
            disabled={!!busy}
            onClick={() => run('recompute')}
            title={t(lang, 'recomputeTip')}
            data-testid="recompute"
          >
            {t(lang, 'recompute')}
          </Button>
          <Button
            icon={<SvgIcon d={ICON.validate} />}
            disabled={!!busy}
            onClick={() => run('validate')}
            title={t(lang, 'validateTip')}
            data-testid="validate"
          >
            {t(lang, 'validate')}
          </Button>
          <Button
            icon={<SvgIcon d={ICON.restore} />}
            disabled={!!busy}
            onClick={() => run('restore')}
            title={t(lang, 'restoreTip')}
            data-testid="restore"
          >
            {t(lang, 'restore')}
          </Button>
        </div>
        <div className={s.liveRow}>
          <Switch
            checked={liveOn && liveSupported}
            disabled={!liveSupported}
            label={t(lang, 'live')}
            title={t(lang, liveSupported ? 'liveTip' : 'liveUnsupported')}
            onChange={(_, d) => switchLive(d.checked)}
            data-testid="live"
          />
        </div>
        {liveError && (
          <MessageBar layout="multiline" intent="warning" data-testid="live-error">
            <MessageBarBody>{t(lang, 'liveStopped', { error: liveError })}</MessageBarBody>
          </MessageBar>
        )}
        {busy && <Spinner size="tiny" label={t(lang, 'busy')} />}
        {status && (
          <MessageBar layout="multiline" intent={status.intent} data-testid="status">
            <MessageBarBody>
              <MessageBarTitle>{status.title}</MessageBarTitle>
              {status.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {liveNoMerges && (
          <MessageBar layout="multiline" intent="warning" data-testid="live-no-merges">
            <MessageBarBody>{liveNoMerges}</MessageBarBody>
          </MessageBar>
        )}
        {storeBad && <StoreResetBar lang={lang} busy={!!busy} onReset={() => void resetStore()} />}

        <section className={s.section} aria-label={t(lang, 'tables')}>
          <div className={s.sectionTitle}>
            {t(lang, 'tables')}
            {liveOn && liveSupported && (
              <Badge appearance="outline" color="success" size="small" data-testid="live-badge">
                {t(lang, 'liveOn')}
              </Badge>
            )}
          </div>
          {liveEdited && (
            <Text className={mergeClasses(s.muted, s.small)} data-testid="live-stale">
              {t(lang, 'liveStale')}
            </Text>
          )}
          {result === null && <Text className={s.muted}>{t(lang, 'notAnalyzed')}</Text>}
          {result !== null && tables.length === 0 && <Text className={s.muted}>{t(lang, 'noTables')}</Text>}
          {tables.map((tb, i) => (
            <TableCard key={`${tb.sheet}!${tb.range}`} table={tb} index={i} lang={lang} />
          ))}
        </section>

        {tables.length > 0 && (
          <FindingsList
            tables={tables}
            counts={result?.counts ?? { error: 0, warning: 0, info: 0 }}
            lang={lang}
            onSelect={(f) => void host.selectCell(f.sheet, f.cell).catch(() => undefined)}
          />
        )}

        {summary && (
          <SummaryPanel
            lang={lang}
            busy={!!busy || !!legacy}
            last={summaryOut}
            onBuild={() => void makeSummary()}
            onOpen={() => void summary.open().catch(() => undefined)}
          />
        )}

        <Accordion collapsible multiple>
          <AccordionItem value="settings">
            <AccordionHeader>{t(lang, 'settings')}</AccordionHeader>
            <AccordionPanel>
              <SettingsPanel
                settings={settings}
                lang={lang}
                onChange={async (patch, reanalyze) => {
                  const n = await update(patch);
                  if (reanalyze) await analyzeNow(n, lang);
                }}
              />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="about">
            <AccordionHeader data-testid="about">{t(lang, 'about')}</AccordionHeader>
            <AccordionPanel>
              <DiagnosticsPanel
                info={diagnostics}
                lang={lang}
                appName={host.kind === 'wps' ? 'WPS' : 'Excel'}
                selfCheck={selfCheck ? () => selfCheck(lang) : undefined}
              />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      </div>
    </FluentProvider>
  );
}

// The task pane: results per table, findings (click → select the cell), actions, settings.
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Checkbox,
  Field,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Switch,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import type { Finding, Lang, RuleId, Severity, TableResult } from '../core/types';
import { allRuleIds, parseProfile, PROFILES } from '../core';
import type { XlHost } from '../office/excel-api';
import {
  loadLastRun,
  loadSettings,
  runAnalysis,
  runRestore,
  saveSettings,
  selectCell,
  type Analyze,
  type RunOutcome,
} from '../office/adapter';
import { DEFAULT_SETTINGS, langFromDisplay, type ZipingSettings } from '../office/settings';
import { describeOutcome, kindLabel, RULE_LABELS, t, type OutcomeText } from '../ui-strings';

export interface AppBridge {
  /** office: inside Excel; preview: the browser preview's fake host; none: plain browser. */
  kind: 'office' | 'preview' | 'none';
  host: XlHost | null;
  displayLanguage: string | null;
  analyze: Analyze;
  /** Calls back when the workbook changes outside the pane (sheet switched, ribbon run). */
  subscribe?(onChange: () => void): () => void;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '12px',
    padding: '12px',
    fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Segoe UI", sans-serif',
    minHeight: '100vh',
    boxSizing: 'border-box',
    overflowWrap: 'anywhere',
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: '8px' },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: '8px', rowGap: '8px' },
  section: { display: 'flex', flexDirection: 'column', rowGap: '6px' },
  sectionTitle: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 10px',
    display: 'flex',
    flexDirection: 'column',
    rowGap: '4px',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  cardName: { fontWeight: tokens.fontWeightSemibold },
  metrics: { display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', columnGap: '6px' },
  metric: { display: 'flex', flexDirection: 'column' },
  metricLabel: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  metricValue: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  counts: { display: 'flex', columnGap: '6px', flexWrap: 'wrap' },
  filters: { display: 'flex', columnGap: '6px', flexWrap: 'wrap' },
  group: { display: 'flex', flexDirection: 'column', rowGap: '2px' },
  groupTitle: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, marginTop: '6px' },
  finding: {
    display: 'flex',
    columnGap: '8px',
    alignItems: 'flex-start',
    textAlign: 'left',
    width: '100%',
    padding: '6px 8px',
    border: 'none',
    borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    cursor: 'pointer',
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  cell: { fontFamily: 'Consolas, "Courier New", monospace', whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
  rules: { display: 'flex', flexDirection: 'column' },
  rulesTitle: { fontSize: tokens.fontSizeBase300, marginTop: '4px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(Math.round(x * 10000) / 100).toFixed(2)}%`;
}

function num(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : (Math.round(x * 100) / 100).toFixed(2);
}

function tableName(tb: TableResult, lang: Lang): string {
  return tb.projectName || `${tb.sheet}!${tb.range}` || t(lang, 'unnamed');
}

function countOf(findings: Finding[], s: Severity): number {
  return findings.filter((f) => f.severity === s).length;
}

function SvgIcon({ d }: { d: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
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
  const [result, setResult] = React.useState<RunOutcome | null>(null);
  const [status, setStatus] = React.useState<OutcomeText | null>(null);
  const [shown, setShown] = React.useState<Set<Severity>>(new Set(SEVERITIES));
  const [profileMsg, setProfileMsg] = React.useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const settingsRef = React.useRef(settings);
  settingsRef.current = settings;
  const langRef = React.useRef(lang);
  langRef.current = lang;
  const busyRef = React.useRef<string | null>(null);
  busyRef.current = busy;
  const lastSeen = React.useRef<string | null>(null);

  const analyzeNow = React.useCallback(
    async (s: ZipingSettings, l: Lang) => {
      if (!host) return;
      const out = await runAnalysis(host, 'analyze', { analyze: bridge.analyze, settings: s, lang: l });
      setResult(out);
    },
    [host, bridge.analyze],
  );

  // first load: settings, last ribbon run, a read-only analysis
  React.useEffect(() => {
    if (!host) return;
    let alive = true;
    (async () => {
      setBusy('load');
      try {
        const s0 = await loadSettings(host);
        if (!alive) return;
        setSettings(s0);
        const l = s0.lang ?? langFromDisplay(bridge.displayLanguage);
        setLang(l);
        const last = await loadLastRun(host);
        if (last && alive) {
          lastSeen.current = last.at;
          const d = describeOutcome(last, l);
          setStatus({ ...d, title: `${t(l, 'lastRun')} · ${d.title}` });
        }
        await analyzeNow(s0, l);
      } catch (e) {
        setStatus({ title: t(lang, 'titleFailed'), message: String((e as Error)?.message ?? e), intent: 'error' });
      } finally {
        if (alive) setBusy(null);
      }
    })();
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host]);

  // changes made outside the pane (another sheet activated, a ribbon command): refresh
  React.useEffect(() => {
    if (!host || !bridge.subscribe) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      if (busyRef.current) return;
      try {
        const l = langRef.current;
        const last = await loadLastRun(host);
        if (last && last.at !== lastSeen.current) {
          lastSeen.current = last.at;
          const d = describeOutcome(last, l);
          setStatus({ ...d, title: `${t(l, 'lastRun')} · ${d.title}` });
        }
        if (!busyRef.current) await analyzeNow(settingsRef.current, l);
      } catch {
        /* the next change will try again */
      }
    };
    const off = bridge.subscribe(() => {
      if (busyRef.current) return;
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 300);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [host, bridge, analyzeNow]);

  const update = async (patch: Partial<ZipingSettings>) => {
    const next = { ...settingsRef.current, ...patch };
    setSettings(next);
    if (host) {
      try {
        await saveSettings(host, next);
      } catch (e) {
        setStatus({ title: t(lang, 'titleFailed'), message: String((e as Error)?.message ?? e), intent: 'error' });
      }
    }
    return next;
  };

  const run = async (mode: 'recompute' | 'validate' | 'restore') => {
    if (!host || busy) return;
    setBusy(mode);
    try {
      const cur = settingsRef.current;
      const out =
        mode === 'restore'
          ? await runRestore(host, { settings: cur })
          : await runAnalysis(host, mode, { analyze: bridge.analyze, settings: cur, lang });
      lastSeen.current = out.at;
      setStatus(describeOutcome(out, lang));
      if (mode === 'restore') await analyzeNow(cur, lang);
      else setResult(out);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      setStatus({
        title: t(lang, 'titleFailed'),
        message: t(lang, 'outError', { error: [err?.code, err?.message ?? String(e)].filter(Boolean).join(': ') }),
        intent: 'error',
      });
    } finally {
      setBusy(null);
    }
  };

  const switchLang = async () => {
    const next: Lang = lang === 'zh' ? 'en' : 'zh';
    setLang(next);
    setStatus(null);
    const s2 = await update({ lang: next });
    if (host) await analyzeNow(s2, next);
  };

  const onImport = async (ev: React.ChangeEvent<HTMLInputElement>) => {
    const file = ev.target.files?.[0];
    ev.target.value = '';
    if (!file) return;
    try {
      const profile = parseProfile(JSON.parse(await file.text()), file.name);
      if (PROFILES[profile.name]) throw new Error(`"${profile.name}" is a shipped profile name`);
      const customProfiles = [...settingsRef.current.customProfiles.filter((p) => p.name !== profile.name), profile];
      await update({ customProfiles, profile: profile.name });
      setProfileMsg({ ok: true, text: t(lang, 'profileImported', { name: profile.name }) });
    } catch (e) {
      setProfileMsg({ ok: false, text: t(lang, 'profileInvalid', { msg: String((e as Error)?.message ?? e) }) });
    }
  };

  if (bridge.kind === 'none' || !host) {
    return (
      <FluentProvider theme={webLightTheme}>
        <div className={s.root} data-testid="not-in-office">
          <div className={s.title}>{t(lang, 'appName')}</div>
          <MessageBar layout="multiline" intent="info">
            <MessageBarBody>
              <MessageBarTitle>{t('zh', 'notInOfficeTitle')}</MessageBarTitle>
              {t('zh', 'notInOffice')}
            </MessageBarBody>
          </MessageBar>
          <MessageBar layout="multiline" intent="info">
            <MessageBarBody lang="en">
              <MessageBarTitle>{t('en', 'notInOfficeTitle')}</MessageBarTitle>
              {t('en', 'notInOffice')}
            </MessageBarBody>
          </MessageBar>
        </div>
      </FluentProvider>
    );
  }

  const tables = result?.tables ?? [];
  const profiles = [
    ...Object.values(PROFILES).map((p) => ({ name: p.name, label: p.label ? p.label[lang] : p.name })),
    ...settings.customProfiles.map((p) => ({ name: p.name, label: p.label ? p.label[lang] : p.name })),
  ];
  const disabled = new Set<RuleId>(settings.disabledRules);

  return (
    <FluentProvider theme={webLightTheme} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <div className={s.root}>
        <div className={s.header}>
          <span className={s.title}>{t(lang, 'appName')}</span>
          <Button size="small" appearance="subtle" onClick={switchLang} data-testid="lang">
            {t(lang, 'language')}
          </Button>
        </div>
        {bridge.kind === 'preview' && (
          <MessageBar layout="multiline" intent="info">
            <MessageBarBody>{t(lang, 'previewBanner')}</MessageBarBody>
          </MessageBar>
        )}
        <div className={s.actions}>
          <Button appearance="primary" icon={<SvgIcon d={ICON.recompute} />} disabled={!!busy} onClick={() => run('recompute')} title={t(lang, 'recomputeTip')} data-testid="recompute">
            {t(lang, 'recompute')}
          </Button>
          <Button icon={<SvgIcon d={ICON.validate} />} disabled={!!busy} onClick={() => run('validate')} title={t(lang, 'validateTip')} data-testid="validate">
            {t(lang, 'validate')}
          </Button>
          <Button icon={<SvgIcon d={ICON.restore} />} disabled={!!busy} onClick={() => run('restore')} title={t(lang, 'restoreTip')} data-testid="restore">
            {t(lang, 'restore')}
          </Button>
        </div>
        {busy && <Spinner size="tiny" label={t(lang, 'busy')} />}
        {status && (
          <MessageBar layout="multiline" intent={status.intent} data-testid="status">
            <MessageBarBody>
              <MessageBarTitle>{status.title}</MessageBarTitle>
              {status.message}
            </MessageBarBody>
          </MessageBar>
        )}

        <section className={s.section} aria-label={t(lang, 'tables')}>
          <div className={s.sectionTitle}>{t(lang, 'tables')}</div>
          {result === null && <Text className={s.muted}>{t(lang, 'notAnalyzed')}</Text>}
          {result !== null && tables.length === 0 && <Text className={s.muted}>{t(lang, 'noTables')}</Text>}
          {tables.map((tb, i) => (
            <div className={s.card} key={`${tb.sheet}!${tb.range}`} data-testid="table-card">
              <div className={s.cardName}>{tableName(tb, lang)}</div>
              <Text size={200} className={s.muted}>
                {kindLabel(lang, tb.kind)} · {tb.sheet}!{tb.range}
              </Text>
              <div className={s.metrics}>
                <div className={s.metric}>
                  <span className={s.metricLabel}>{t(lang, 'rate')}</span>
                  <span className={s.metricValue} data-testid={`rate-${i}`}>{pct(tb.funds?.executionRate)}</span>
                </div>
                <div className={s.metric}>
                  <span className={s.metricLabel}>{t(lang, 'total')}</span>
                  <span className={s.metricValue} data-testid={`total-${i}`}>{num(tb.total)}</span>
                </div>
                <div className={s.metric}>
                  <span className={s.metricLabel}>{t(lang, 'grade')}</span>
                  <span className={s.metricValue} data-testid={`grade-${i}`}>{tb.grade ?? '—'}</span>
                </div>
              </div>
              <div className={s.counts}>
                <Badge appearance="tint" color="danger">{`${t(lang, 'error')} ${countOf(tb.findings, 'error')}`}</Badge>
                <Badge appearance="tint" color="warning">{`${t(lang, 'warning')} ${countOf(tb.findings, 'warning')}`}</Badge>
                <Badge appearance="tint" color="informative">{`${t(lang, 'info')} ${countOf(tb.findings, 'info')}`}</Badge>
              </div>
            </div>
          ))}
        </section>

        {tables.length > 0 && (
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
                  {`${t(lang, sev)} ${result?.counts[sev] ?? 0}`}
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
                      className={`${s.finding} ${s[f.severity]}`}
                      title={t(lang, 'clickToSelect')}
                      data-testid="finding"
                      data-cell={`${f.sheet}!${f.cell}`}
                      data-severity={f.severity}
                      onClick={() => void selectCell(host, f.sheet, f.cell).catch(() => undefined)}
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
        )}

        <Accordion collapsible>
          <AccordionItem value="settings">
            <AccordionHeader>{t(lang, 'settings')}</AccordionHeader>
            <AccordionPanel>
              <div className={s.section}>
                <Field label={t(lang, 'profile')}>
                  <Select
                    value={settings.profile}
                    data-testid="profile"
                    onChange={(_, d) => void update({ profile: d.value }).then((n) => analyzeNow(n, lang))}
                  >
                    {profiles.map((p) => (
                      <option key={p.name} value={p.name}>
                        {p.label}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Button size="small" onClick={() => fileInput.current?.click()}>
                  {t(lang, 'importProfile')}
                </Button>
                <input ref={fileInput} type="file" accept=".json,application/json" hidden onChange={onImport} data-testid="profile-file" />
                {profileMsg && (
                  <MessageBar layout="multiline" intent={profileMsg.ok ? 'success' : 'error'}>
                    <MessageBarBody>{profileMsg.text}</MessageBarBody>
                  </MessageBar>
                )}
                <Field label={t(lang, 'scope')}>
                  <RadioGroup
                    value={settings.scope}
                    onChange={(_, d) => void update({ scope: d.value === 'workbook' ? 'workbook' : 'sheet' }).then((n) => analyzeNow(n, lang))}
                  >
                    <Radio value="sheet" label={t(lang, 'scopeSheet')} />
                    <Radio value="workbook" label={t(lang, 'scopeWorkbook')} />
                  </RadioGroup>
                </Field>
                <Switch checked={settings.checkOnly} label={t(lang, 'checkOnly')} onChange={(_, d) => void update({ checkOnly: d.checked })} />
                <div role="group" aria-label={t(lang, 'rules')}>
                  <div className={s.rulesTitle}>{t(lang, 'rules')}</div>
                  <div className={s.rules}>
                    {allRuleIds().map((id) => (
                      <Checkbox
                        key={id}
                        checked={!disabled.has(id)}
                        label={RULE_LABELS[id]?.[lang] ?? id}
                        onChange={(_, d) => {
                          const next = new Set(disabled);
                          if (d.checked) next.delete(id);
                          else next.add(id);
                          void update({ disabledRules: [...next] }).then((n) => analyzeNow(n, lang));
                        }}
                      />
                    ))}
                  </div>
                </div>
              </div>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      </div>
    </FluentProvider>
  );
}

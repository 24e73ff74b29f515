// 设置: profile (shipped or imported JSON), scope, check-only mode, rule switches.
import * as React from 'react';
import { Button, Checkbox, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Switch } from '@fluentui/react-components';
import type { Lang, RuleId } from '../core/types';
import { allRuleIds, parseProfile, PROFILES } from '../core';
import { addCustomProfile, MAX_CUSTOM_PROFILES, MAX_PROFILE_CHARS, profileTooLarge, type ZipingSettings } from '../office/settings';
import { RULE_LABELS, t } from '../ui-strings';
import { useStyles } from './styles';

interface Props {
  settings: ZipingSettings;
  lang: Lang;
  /** Saves a change; `reanalyze` when the numbers depend on it. */
  onChange(patch: Partial<ZipingSettings>, reanalyze: boolean): Promise<void>;
}

export function SettingsPanel({ settings, lang, onChange }: Props) {
  const s = useStyles();
  const fileInput = React.useRef<HTMLInputElement>(null);
  const [profileMsg, setProfileMsg] = React.useState<{ ok: boolean; text: string } | null>(null);
  const profiles = [
    ...Object.values(PROFILES).map((p) => ({ name: p.name, label: p.label ? p.label[lang] : p.name })),
    ...settings.customProfiles.map((p) => ({ name: p.name, label: p.label ? p.label[lang] : p.name })),
  ];
  const disabled = new Set<RuleId>(settings.disabledRules);

  const onImport = async (ev: React.ChangeEvent<HTMLInputElement>) => {
    const file = ev.target.files?.[0];
    ev.target.value = '';
    if (!file) return;
    try {
      const profile = parseProfile(JSON.parse(await file.text()), file.name);
      if (PROFILES[profile.name]) throw new Error(`"${profile.name}" is a shipped profile name`);
      const size = profileTooLarge(profile);
      if (size) {
        setProfileMsg({ ok: false, text: t(lang, 'profileTooLarge', { size, max: MAX_PROFILE_CHARS }) });
        return;
      }
      const { customProfiles, dropped } = addCustomProfile(settings.customProfiles, profile);
      await onChange({ customProfiles, profile: profile.name }, false);
      const text = t(lang, 'profileImported', { name: profile.name });
      setProfileMsg({
        ok: true,
        text: dropped.length ? `${text} ${t(lang, 'profileDropped', { max: MAX_CUSTOM_PROFILES, names: dropped.join('、') })}` : text,
      });
    } catch (e) {
      setProfileMsg({ ok: false, text: t(lang, 'profileInvalid', { msg: String((e as Error)?.message ?? e) }) });
    }
  };

  return (
    <div className={s.section}>
      <Field label={t(lang, 'profile')}>
        <Select value={settings.profile} data-testid="profile" onChange={(_, d) => void onChange({ profile: d.value }, true)}>
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
        <RadioGroup value={settings.scope} onChange={(_, d) => void onChange({ scope: d.value === 'workbook' ? 'workbook' : 'sheet' }, true)}>
          <Radio value="sheet" label={t(lang, 'scopeSheet')} />
          <Radio value="workbook" label={t(lang, 'scopeWorkbook')} />
        </RadioGroup>
      </Field>
      <Switch checked={settings.checkOnly} label={t(lang, 'checkOnly')} onChange={(_, d) => void onChange({ checkOnly: d.checked }, false)} />
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
                void onChange({ disabledRules: [...next] }, true);
              }}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

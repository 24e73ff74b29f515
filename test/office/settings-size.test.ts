// Audit 2 #12: imported profiles are kept whole in the workbook settings (the ribbon needs them),
// bounded in number and size so `ziping.settings` stays small (docs/decisions.md).
import { parseProfile, PROFILES } from '../../src/core/profile';
import { runAnalysis, saveSettings, loadSettings } from '../../src/office/adapter';
import {
  addCustomProfile,
  MAX_CUSTOM_PROFILES,
  MAX_PROFILE_CHARS,
  normalizeSettings,
  profileTooLarge,
  SETTINGS_KEY,
} from '../../src/office/settings';
import { analyzeWorkbook } from '../../src/core';
import { fengtai } from '../fixtures/tables';
import { hostFor } from '../support/workbooks';

const custom = (name: string, extra = 0) => parseProfile({ ...PROFILES.national, name, sources: extra ? { note: 'x'.repeat(extra) } : undefined });

describe('audit-2 #12 settings size', () => {
  it('audit-2 #12 keeps the newest imported profiles, replaces one of the same name, and says which were dropped', () => {
    let list = [custom('a'), custom('b')];
    list = addCustomProfile(list, custom('a')).customProfiles;
    expect(list.map((p) => p.name)).toEqual(['b', 'a']);
    for (const n of ['c', 'd', 'e']) list = addCustomProfile(list, custom(n)).customProfiles;
    expect(list).toHaveLength(MAX_CUSTOM_PROFILES);
    const next = addCustomProfile(list, custom('f'));
    expect(next.dropped).toEqual(['b']);
    expect(next.customProfiles.map((p) => p.name)).toEqual(['a', 'c', 'd', 'e', 'f']);
  });

  it('audit-2 #12 a profile over the size bound is refused at import and dropped when read back; shipped ones fit', () => {
    for (const p of Object.values(PROFILES)) expect(profileTooLarge(p)).toBeNull();
    const big = custom('big', MAX_PROFILE_CHARS);
    expect(profileTooLarge(big)).toBeGreaterThan(MAX_PROFILE_CHARS);
    // settings written by an older add-in (or by hand): read back within the bound
    const raw = { profile: 'g', customProfiles: [big, ...'abcdefg'.split('').map((n) => custom(n))] };
    const s = normalizeSettings(JSON.stringify(raw));
    expect(s.customProfiles.map((p) => p.name)).toEqual(['c', 'd', 'e', 'f', 'g']);
    expect(s.profile).toBe('g');
    expect(JSON.stringify(s).length).toBeLessThan(MAX_CUSTOM_PROFILES * MAX_PROFILE_CHARS);
  });

  it('audit-2 #12 an imported profile kept in the settings is what the ribbon scores with', async () => {
    const host = await hostFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]);
    const mine = parseProfile({ ...PROFILES.national, name: 'mine', label: { zh: '本局口径', en: 'Ours' } });
    await saveSettings(host, { ...normalizeSettings(null), customProfiles: addCustomProfile([], mine).customProfiles, profile: 'mine' });
    expect(String(host.settings.get(SETTINGS_KEY))).toContain('"name":"mine"');
    const s = await loadSettings(host);
    expect(s.profile).toBe('mine');
    const out = await runAnalysis(host, 'analyze', { analyze: analyzeWorkbook, settings: s });
    expect(out.tables.length).toBe(1);
  });
});

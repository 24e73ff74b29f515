import * as fs from 'fs';
import * as path from 'path';
import { PROFILES, parseProfile, resolveProfile, ProfileError } from './profile';

describe('profiles', () => {
  it('ships national (default), beijing, hubei, sichuan and the 一体化 provinces; each passes its own schema', () => {
    expect(Object.keys(PROFILES).sort()).toEqual([
      'anhui',
      'beijing',
      'guangxi',
      'hebei',
      'hubei',
      'jiangxi',
      'national',
      'shanxi',
      'sichuan',
      'tianjin',
      'zhejiang',
    ]);
    for (const p of Object.values(PROFILES)) expect(parseProfile(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(resolveProfile(undefined).name).toBe('national');
  });
  it('a user JSON can express the knobs no shipped profile uses', () => {
    const p = parseProfile({
      ...PROFILES.national,
      name: 'custom',
      fixedDeduction: { atRatio: 1.3, points: 2 },
      totalCapByRate: [
        { below: 0.8, cap: 89 },
        { below: 0.7, cap: 79 },
        { below: 0.6, cap: 69 },
      ],
      reverseScoring: 'linear',
      roundingDigits: 1,
    });
    expect(p.name).toBe('custom');
  });
  it('a bad profile names the bad field', () => {
    expect(() => parseProfile({ ...PROFILES.national, qualitativeBands: { achieved: 1.5, partial: 0.6 } }, 'my.json')).toThrow(
      /my\.json: invalid field "qualitativeBands\.achieved"/,
    );
    expect(() => parseProfile({ ...PROFILES.national, overTarget: { mode: 'maybe', warnAt: 2, bands: [] } })).toThrow(/"overTarget\.mode"/);
    expect(() => parseProfile({ ...PROFILES.national, surprise: 1 })).toThrow(ProfileError);
    expect(() => parseProfile({ ...PROFILES.national, severities: { 'no-such-rule': 'error' } })).toThrow(/"severities\.no-such-rule"|severities/);
    expect(() => parseProfile({ ...PROFILES.national, disabledRules: ['typo'] })).toThrow(/"disabledRules\.0"/);
    expect(() => resolveProfile('guangdong')).toThrow(/unknown profile "guangdong"/);
  });
});

describe('example profile', () => {
  it('examples/profile.example.json is valid', () => {
    const data = JSON.parse(fs.readFileSync(path.join(__dirname, '../../examples/profile.example.json'), 'utf8'));
    expect(parseProfile(data, 'profile.example.json').name).toBe('my-city');
  });
});

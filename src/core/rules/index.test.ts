import { RULES, TEXT_RULES } from '.';
import { RULE_IDS } from '../profile';
import * as fs from 'fs';
import * as path from 'path';

describe('rule registry', () => {
  it('has exactly one module per rule id of RULES.md §5, each with its test beside it', () => {
    expect([...RULES, ...TEXT_RULES].map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    for (const id of RULE_IDS) {
      expect(fs.existsSync(path.join(__dirname, `${id}.ts`))).toBe(true);
      expect(fs.existsSync(path.join(__dirname, `${id}.test.ts`))).toBe(true);
    }
  });
  it('every rule has zh and en text and a source', () => {
    for (const r of [...RULES, ...TEXT_RULES]) {
      expect(r.source.zh.length).toBeGreaterThan(2);
      expect(r.source.en.length).toBeGreaterThan(2);
    }
  });
});

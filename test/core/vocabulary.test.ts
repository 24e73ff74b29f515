// The vocabulary is data: docs/vocabulary.md shows exactly VOCAB / FUND_ROWS, and the normaliser keeps annotations.
import * as fs from 'fs';
import * as path from 'path';
import { vocabularyMarkdown } from '../../src/core/vocab-doc';
import { annotate, headerRole, fundRowKind, blockLabelWeight, VOCAB } from '../../src/core/vocab';
import { normalizeText } from '../../src/core/values';

const role = (s: string) => headerRole(normalizeText(s));

describe('docs/vocabulary.md', () => {
  it('shows the tables of src/core/vocab.ts exactly (regenerate: npm run build:cli && node scripts/vocab-doc.js)', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/vocabulary.md'), 'utf8');
    const m = /<!-- vocab:start -->\n([\s\S]*?)\n+<!-- vocab:end -->/.exec(doc);
    expect(m).not.toBeNull();
    expect(m![1].trim()).toBe(vocabularyMarkdown().trim());
  });
  it('lists every word of every role once per role', () => {
    for (const e of VOCAB) expect(new Set(e.words).size).toBe(e.words.length);
  });
});

describe('annotate', () => {
  it('keeps letters, weights, formulas and units as data', () => {
    expect(annotate(normalizeText('执行率（B/A）'))).toMatchObject({ base: '执行率', letter: 'B/A' });
    expect(annotate(normalizeText('预算执行情况(万元)(20分)'))).toMatchObject({ base: '预算执行情况', unit: '万元', weight: 20 });
    expect(annotate(normalizeText('得分(20分*执行率)'))).toMatchObject({ base: '得分', weight: 20, formula: '20分*执行率' });
    expect(annotate(normalizeText('年度资金总额：'))).toMatchObject({ base: '年度资金总额' });
    expect(annotate(normalizeText('产 出 指 标（60 分）'))).toMatchObject({ base: '产出指标', weight: 60 });
  });
  it('roles come from the table, whatever the brackets, spaces and width', () => {
    expect(role('预算数(A)')).toBe('budget');
    expect(role('执行数（B）')).toBe('spent');
    expect(role('全年预算数（A）')).toBe('budget');
    expect(role('年初目标值(A)')).toBe('target');
    expect(role('实际完成值(B)')).toBe('actual');
    expect(role('调整后指标值')).toBe('adjustedTarget');
    expect(role('全年 实际值')).toBe('actual');
    expect(role('权 重')).toBe('weight');
    expect(role('年度预算数(万元)')).toBe('fundLabel');
    expect(role('年度预算数')).toBe('budget');
    expect(role('1-7月执行数')).toBe('monitor');
    expect(role('完成目标可能性')).toBe('monitor');
    expect(role('截至6月底执行数')).toBe('monitor');
    expect(role('偏差大或目标未完成原因分析')).toBe('reason');
  });
  it('fund rows of every province', () => {
    for (const [t, k] of [
      ['年度资金总额:', 'total'],
      ['年度财政资金总额', 'total'],
      ['总额', 'total'],
      ['其中:财政资金', 'current'],
      ['其中：当年财政拨款', 'current'],
      ['其中：本年财政拨款', 'current'],
      ['财政专户管理资金', 'other'],
      ['单位资金', 'other'],
      ['其他资金', 'other'],
      ['上年结转资金', 'carryover'],
      ['其中：中央、省、市补助县级资金', 'part'],
    ] as const)
      expect([t, fundRowKind(normalizeText(t))]).toEqual([t, k]);
  });
  it('block label weights', () => {
    expect(blockLabelWeight(normalizeText('年度绩效目标1（40分）'))).toBe(40);
    expect(blockLabelWeight(normalizeText('绩效指标(90分)'))).toBe(90);
    expect(blockLabelWeight(normalizeText('产出指标(60分)'))).toBe(60);
    expect(blockLabelWeight(normalizeText('数量指标(60分)'))).toBeNull();
    expect(blockLabelWeight(normalizeText('产出指标'))).toBeNull();
  });
});

import { run, edit, cells, findings } from '../../../test/core/helpers';
import { resolveProfile } from '../profile';
import { yuxiEducation } from '../../../test/fixtures/tables';
import { sichuanPuhuiZhuanyi } from '../../../test/fixtures/real/sichuan-puhui-zhuanyi';
import { hunanHengshanChubeiliang } from '../../../test/fixtures/real/hunan-hengshan-chubeiliang';

describe('execution-gap', () => {
  it('Sichuan 转移支付: every indicator in full (100 / 100) while 109.8 / 208 = 52.79 % was spent → at the 合计 amount', () => {
    const r = run(sichuanPuhuiZhuanyi);
    expect(cells(r, 'execution-gap')).toEqual(['G4']);
    const f = findings(r, 'execution-gap')[0];
    expect(f.severity).toBe('warning');
    expect(f.messageZh).toContain('100.00%');
    expect(f.messageZh).toContain('52.79%');
  });
  it('does not fire when the money was spent (208 of 208)', () => {
    expect(cells(run(edit(sichuanPuhuiZhuanyi, { G4: '208万元' })), 'execution-gap')).toEqual([]);
  });
  it('weighted seed: 5 / 10 spent = 50 %, indicators 90 / 90 → at the 执行率 cell; 8.5 / 10 (gap 15 points) does not', () => {
    expect(cells(run(edit(yuxiEducation, { F6: 5 })), 'execution-gap')).toEqual(['H6']);
    expect(cells(run(edit(yuxiEducation, { F6: 8.5 })), 'execution-gap')).toEqual([]);
  });
  it('a profile may set its own gap', () => {
    const profile = { ...resolveProfile('national'), executionGap: { threshold: 0.1, relative: false } };
    expect(cells(run(edit(yuxiEducation, { F6: 8.5 })), 'execution-gap')).toEqual([]);
    expect(cells(run(edit(yuxiEducation, { F6: 8.5 }), { profile }), 'execution-gap')).toEqual(['H6']);
  });
  it('without weights: every indicator met while R < 80 % → fires; one missed → does not', () => {
    // Hunan 衡山: the one missed row (F21 "无") filled as met, and 90 of 194.9 spent (46.18 %)
    const met = edit(hunanHengshanChubeiliang, { F21: '100%', E5: 90 });
    expect(cells(run(met), 'execution-gap')).toEqual(['F5']);
    expect(cells(run(edit(hunanHengshanChubeiliang, { E5: 90 })), 'execution-gap')).toEqual([]);
  });
});

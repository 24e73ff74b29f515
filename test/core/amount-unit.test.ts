// RULES.md §3: amounts keep their unit. Each table's amountUnit comes from a block label or header
// "(万元)"/"(元)", a "单位：元" line above the table, or a value's suffix ("208万元").
import { run, edit } from './helpers';
import { toWan, unitInLabel, unitSuffix } from '../../src/core/units';
import { yunnanYongdeYingyang } from '../fixtures/real/yunnan-yongde-yingyang';
import { yunnanLijiangWeipian } from '../fixtures/real/yunnan-lijiang-weipian';
import { sichuanPuhuiZhuanyi } from '../fixtures/real/sichuan-puhui-zhuanyi';
import { yuxiDepartment } from '../fixtures/tables';

describe('amount unit of a table', () => {
  it('"项目资金(元)" (Yongde): 元, and 387,664.62 元 is 38.77 万元', () => {
    const t = run(yunnanYongdeYingyang).tables[0];
    expect(t.amountUnit).toBe('元');
    expect(toWan(t.funds!.budget, t.amountUnit)).toBeCloseTo(38.766462, 6);
    // exactly the figure a reviewer writes, without float noise in check --json
    expect(toWan(387664.62, '元')).toBe(38.766462);
  });
  it('"项目资金(万元)" (Lijiang): 万元', () => {
    expect(run(yunnanLijiangWeipian).tables[0].amountUnit).toBe('万元');
  });
  it('transfer form: "资金情况(万元)" and "208万元": 万元; a suffix "元" wins over no label', () => {
    expect(run(sichuanPuhuiZhuanyi).tables[0].amountUnit).toBe('万元');
    const yuan = edit(sichuanPuhuiZhuanyi, { A4: '资金情况', E4: '资金使用情况', C4: '2080000元', G4: '1098000元' });
    const t = run(yuan).tables[0];
    expect(t.amountUnit).toBe('元');
    expect(toWan(t.funds!.spent, t.amountUnit)).toBeCloseTo(109.8, 6);
  });
  it('a department table states its unit in its header ("批复金额（元）", seed 003)', () => {
    const t = run(yuxiDepartment).tables[0];
    expect(t.amountUnit).toBe('元');
  });
  it('no unit stated anywhere: null (taken as 万元 by toWan)', () => {
    const bare = edit(yunnanLijiangWeipian, { A4: '项目资金' });
    expect(run(bare).tables[0].amountUnit).toBeNull();
  });
  it('label and suffix readers', () => {
    expect(unitInLabel('项目资金\n（万元）')).toBe('万元');
    expect(unitInLabel('金额单位：元')).toBe('元');
    expect(unitInLabel('预算执行情况(万元)(20分)')).toBe('万元');
    expect(unitInLabel('分值')).toBeNull();
    expect(unitSuffix('109.8万元')).toBe('万元');
    expect(unitSuffix('5万人')).toBeNull();
  });
});

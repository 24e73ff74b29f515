// Real published 绩效自评表 rebuilt cell for cell under test/fixtures/real/ (the page address is in each
// fixture's header). Every expected number below was computed by hand from RULES.md; the arithmetic is
// in the comments. Tables stand alone at A1 of Sheet1, so fixture addresses are sheet addresses.
import ExcelJS from 'exceljs';
import { run, cells, edit, findings, writeAt } from './helpers';
import { analyzeWorkbook } from '../../src/core';
import type { AnalysisResult, IndicatorResult, RuleId, TableKind, TableResult } from '../../src/core';
import { workbookToGrids } from '../../src/xlsx/read';
import { placeTables, stack, workbookBuffer } from '../fixtures/build';
import type { TableFixture } from '../fixtures/define';
import { sichuanZhongjiangShuibiaochi } from '../fixtures/real/sichuan-zhongjiang-shuibiaochi';
import { sichuanQingshenGongzi } from '../fixtures/real/sichuan-qingshen-gongzi';
import { hunanHengshanChubeiliang } from '../fixtures/real/hunan-hengshan-chubeiliang';
import { hubeiEzhouDisanfang } from '../fixtures/real/hubei-ezhou-disanfang';
import { hubeiEzhouZhengwu } from '../fixtures/real/hubei-ezhou-zhengwu';
import { hebeiLangfangNuantong } from '../fixtures/real/hebei-langfang-nuantong';
import { yunnanLijiangWeipian } from '../fixtures/real/yunnan-lijiang-weipian';
import { anhuiChizhouWeituo } from '../fixtures/real/anhui-chizhou-weituo';
import { hunanYueyanglouMubiaobiao } from '../fixtures/real/hunan-yueyanglou-mubiaobiao';
import { shaanxiJiaxianShenbaobiao } from '../fixtures/real/shaanxi-jiaxian-shenbaobiao';
import { sichuanDayingAnkt } from '../fixtures/real/sichuan-daying-ankt';
import { nationalKejifazhanBlank } from '../fixtures/real/national-kejifazhan-blank';
import { anhuiXiaoxianHexicun } from '../fixtures/real/anhui-xiaoxian-hexicun';
import { yunnanYongdeYingyang } from '../fixtures/real/yunnan-yongde-yingyang';
import { beijingHaidianBaojie } from '../fixtures/real/beijing-haidian-baojie';
import { zhejiangWuyiPingjiabaogao } from '../fixtures/real/zhejiang-wuyi-pingjiabaogao';
import { fujianAnxiFenpeibiao } from '../fixtures/real/fujian-anxi-fenpeibiao';
import { fujianAnxiMubiaobiao } from '../fixtures/real/fujian-anxi-mubiaobiao';
import { yunnanLongyangHuafei } from '../fixtures/real/yunnan-longyang-huafei';
import { hunanYueyangxianShenbaobiao } from '../fixtures/real/hunan-yueyangxian-shenbaobiao';
import { shandongLichengWenhuaguan } from '../fixtures/real/shandong-licheng-wenhuaguan';
import { anhuiChizhouCunji } from '../fixtures/real/anhui-chizhou-cunji';
import { anhuiJinzhaiMeilixiangcun } from '../fixtures/real/anhui-jinzhai-meilixiangcun';
import { anhuiSuixiLinshijiuzhu } from '../fixtures/real/anhui-suixi-linshijiuzhu';
import { hunanLinglingLinye } from '../fixtures/real/hunan-lingling-linye';
import { yunnanLinxiangShourongsuo } from '../fixtures/real/yunnan-linxiang-shourongsuo';
import { sichuanPuhuiZhuanyi } from '../fixtures/real/sichuan-puhui-zhuanyi';
import { hubeiFormYuyeButie } from '../fixtures/real/hubei-form-yuye-butie';
import { hubeiTongchengTanghu } from '../fixtures/real/hubei-tongcheng-tanghu';

function one(fx: TableFixture, profile?: string): { r: AnalysisResult; t: TableResult } {
  const r = run(fx, profile ? { profile } : {});
  expect(r.tables).toHaveLength(1);
  return { r, t: r.tables[0] };
}

function ind(t: TableResult, name: string): IndicatorResult {
  const found = t.indicators.filter((i) => i.name === name);
  expect([name, found.length]).toEqual([name, 1]);
  return found[0];
}

function row(t: TableResult, n: number): IndicatorResult {
  const found = t.indicators.filter((i) => i.row === n);
  expect([n, found.length]).toEqual([n, 1]);
  return found[0];
}

/** Error findings as "rule@cell", sorted. */
function errors(r: AnalysisResult): string[] {
  return r.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule}@${f.cell}`)
    .sort();
}

const at = (r: AnalysisResult, rule: RuleId) => cells(r, rule).sort();

describe('Sichuan 衔接资金: 中江县 水标尺 (chacewang news242266)', () => {
  const fx = sichuanZhongjiangShuibiaochi;
  it('fund: 全年执行数(B) 20 / 全年预算数(A) 20 = 100 %, 10 × 1 = 10', () => {
    const { t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 20, spent: 20, executionRate: 1, weight: 10, score: 10, rateCell: 'G5', scoreCell: 'H5' });
  });
  it('分值 before 年度指标值, operators inside the actuals: every indicator meets its target', () => {
    const { t } = one(fx);
    // the "……" placeholder (row 21) and the empty 经济效益指标 row (17) are not indicators
    expect(t.indicators.map((i) => i.row)).toEqual([11, 12, 13, 14, 15, 16, 18, 19, 20]);
    // ≥266米 vs ≥266米: B 266 ≥ A 266 → W = 10
    expect(ind(t, '安装坡面水标尺')).toMatchObject({ operator: '>=', target: 266, actual: 266, unit: '米', weight: 10, score: 10, scoreCell: 'H11' });
    expect(ind(t, '水标尺宽度')).toMatchObject({ operator: '>=', target: 50, actual: 50, unit: '厘米', weight: 10, score: 10 });
    expect(ind(t, '项目(工程)验收合格率')).toMatchObject({ target: 100, actual: 100, weight: 20, score: 20 });
    expect(ind(t, '及时(按期)开工率')).toMatchObject({ operator: '>=', target: 90, actual: 90, weight: 10, score: 10 });
    expect(ind(t, '及时(按期)完工率')).toMatchObject({ operator: '>=', target: 90, actual: 90, weight: 10, score: 10 });
    // 成本指标 without an operator → ≤ assumed (§3): 20 ≤ 20 → W = 10
    expect(ind(t, '项目计划总投资')).toMatchObject({ operator: '<=', target: 20, actual: 20, unit: '万元', weight: 10, score: 10 });
    expect(ind(t, '受益脱贫(含监测对象)户人口数')).toMatchObject({ operator: '>=', target: 1000, actual: 1000, weight: 10, score: 10 });
    expect(ind(t, '受益脱贫(含监测对象)户满意度')).toMatchObject({ operator: '>=', target: 95, actual: 95, weight: 10, score: 10 });
  });
  it('weights 10 + 70 + 20 + 10 = 110 ≠ 100; the sum 10 + 70 + 20 + 10 = 110 is no score out of 100: total and grade —', () => {
    const { r, t } = one(fx);
    expect(t.weightsTotal).toBe(110);
    // §4.5: reported in the weights finding, shown as — (null), never compared with the entered 100 nor written
    expect([t.total, t.grade, t.withheldTotal]).toEqual([null, null, 110]);
    expect(t.totalCell).toBe('H22');
    expect(t.gradeCell).toBeNull();
    expect(at(r, 'weights-total')).toEqual(['E22']);
    expect(findings(r, 'weights-total')[0].messageZh).toContain('计算得分 110 不是百分制得分');
    expect(at(r, 'total-mismatch')).toEqual([]);
    expect(errors(r)).toEqual(['weights-total@E22']);
    expect(writeAt(r, 'H22')).toBeUndefined();
  });
  it('产出 70 ≠ 50 and 效益 20 ≠ 30 (national), 经济效益指标 has no 三级 row, 项目计划总投资 has no operator', () => {
    const { r } = one(fx);
    expect(at(r, 'level1-weights')).toEqual(['E11', 'E18']);
    expect(at(r, 'missing-level3')).toEqual(['C17']);
    // no operator on 项目(工程)验收合格率 (100%) and 项目计划总投资 (20万元)
    expect(at(r, 'operator-assumed')).toEqual(['F13', 'F16']);
    expect(at(r, 'score-mismatch')).toEqual([]);
    expect(at(r, 'missing-deviation-reason')).toEqual([]);
  });
  it('the sichuan profile scores it the same, without the national 50/30/10 split', () => {
    const { r, t } = one(fx, 'sichuan');
    expect(t.funds).toMatchObject({ executionRate: 1, score: 10 });
    expect([t.total, t.withheldTotal]).toEqual([null, 110]);
    expect(at(r, 'level1-weights')).toEqual([]);
    expect(errors(r)).toEqual(['weights-total@E22']);
  });
});

describe('Sichuan 510000_0013zp: 青神县 工资性支出 (scqs.gov.cn 211004), published half filled', () => {
  const fx = sichuanQingshenGongzi;
  for (const profile of [undefined, 'sichuan']) {
    it(`fund (${profile ?? 'national'}): 调整后预算数 251.89 is the budget, not 年初 238.93: 251.89 / 251.89 = 100 %, 10 × 1 = 10`, () => {
      const { r, t } = one(fx, profile);
      expect(t.kind).toBe('project');
      expect(t.funds).toMatchObject({ budget: 251.89, spent: 251.89, executionRate: 1, weight: 10, score: 10, rateCell: 'G9', scoreCell: 'I9' });
      // the blank fund 得分 gets 10; the rate cell already says 100.00 %
      expect(r.writes.map((w) => [w.address, w.value])).toEqual([['I9', 10]]);
    });
    it(`indicators (${profile ?? 'national'}): no 完成值 → missing-value at H15 and H16, no score, no total`, () => {
      const { r, t } = one(fx, profile);
      expect(t.indicators.map((i) => [i.name, i.operator, i.target, i.actual, i.weight, i.score])).toEqual([
        ['发放(缴纳)覆盖率', '=', 100, null, 60, null],
        ['足额保障率(参保率)', '=', 100, null, 30, null],
      ]);
      // weights 10 + 60 + 30 = 100 = 合计 (I17)
      expect(t.weightsTotal).toBe(100);
      expect(t.total).toBeNull();
      expect(t.grade).toBeNull();
      expect(t.notFilled).toBeFalsy();
      // no 满意度指标 at all: missing-level3 at the 一级指标 header (docs/decisions.md), an error in national only
      expect(at(r, 'missing-level3')).toEqual(['B14']);
      expect(errors(r)).toEqual([...(profile ? [] : ['missing-level3@B14']), 'missing-value@H15', 'missing-value@H16']);
    });
  }
});

describe('Hunan 专项资金绩效目标自评表 without weights: 衡山县 县级储备粮 (taowenge p-72820237)', () => {
  const fx = hunanHengshanChubeiliang;
  it('a project table: 194.9 / 194.9 = 100 %, no fund weight, no score', () => {
    const { r, t } = one(fx);
    expect(t.kind).toBe('project');
    // §2.4: 专项资金名称 names the project, 县级主管部门 the department (实施单位 never does)
    expect([t.projectName, t.department]).toEqual(['县级储备粮', '衡山县商务和粮食局']);
    expect(t.funds).toMatchObject({ budget: 194.9, spent: 194.9, executionRate: 1, weight: null, score: null, rateCell: 'F5' });
    expect(r.writes).toEqual([]);
  });
  it('16 indicators read (B vs A), no total and no grade', () => {
    const { t } = one(fx);
    expect(t.indicators).toHaveLength(16);
    expect(t.indicators.every((i) => i.weight === null && i.score === null)).toBe(true);
    expect(ind(t, '县级储备粮库存粮食明显变质比例')).toMatchObject({ target: 0, actual: 0 });
    expect(ind(t, '市民满意度调查')).toMatchObject({ operator: '>=', target: 90, actual: 100 });
    expect(ind(t, '因粮食市场波动引起的粮食安全事件发生数')).toMatchObject({ target: 0, actual: 0, unit: '起' });
    expect(t.weightsTotal).toBeNull();
    expect(t.total).toBeNull();
    expect(t.grade).toBeNull();
  });
  it('the one missed indicator (100% → "无", i.e. none): filled, not blank; unreadable as a number (§3); it has its reason', () => {
    const { r } = one(fx);
    expect(errors(r)).toEqual(['unparsable-value@F21']);
    // never "未填写", and it says what to enter instead
    const msg = findings(r, 'unparsable-value')[0].messageZh;
    expect(msg).not.toContain('未填写');
    expect(msg).toContain('请填写实际完成的数值（单位：%）');
    expect(at(r, 'missing-deviation-reason')).toEqual([]);
    expect(findings(r, 'weights-total')).toEqual([]);
    expect(findings(r, 'table-not-filled')).toEqual([]);
  });
});

describe('Hubei national template: 鄂州市财政局 购买第三方服务 (czj.ezhou.gov.cn 350895)', () => {
  const fx = hubeiEzhouDisanfang;
  it('fund: 171 / 287 = 59.58 % (entered "60%"), 10 × 0.5958 = 5.96 ≠ entered 6', () => {
    const { r, t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 287, spent: 171, executionRate: 0.5958, weight: 10, score: 5.96, rateCell: 'G6', scoreCell: 'H6' });
    expect(writeAt(r, 'G6')).toBe(0.5958);
    expect(writeAt(r, 'H6')).toBe(5.96);
    expect(at(r, 'score-mismatch')).toContain('H6');
  });
  it('indicators: no operator anywhere; 成本指标 计划完成率 is ≤ by §3: 60 ≤ 90 → 20 ≠ entered 10', () => {
    const { r, t } = one(fx);
    expect(ind(t, '服务对象人数')).toMatchObject({ operator: '>=', target: 100, actual: 100, unit: '人次', weight: 15, score: 15 });
    expect(ind(t, '服务达标率')).toMatchObject({ target: 80, actual: 80, weight: 20, score: 20 });
    expect(ind(t, '完成时限')).toMatchObject({ target: 2019, actual: 2019, weight: 15, score: 15 });
    expect(ind(t, '计划完成率')).toMatchObject({ operator: '<=', target: 90, actual: 60, weight: 20, enteredScore: 10, score: 20, scoreCell: 'G16' });
    // "≥80%" in the actual reads 80
    expect(ind(t, '财政工作运行效率')).toMatchObject({ operator: '>=', target: 80, actual: 80, weight: 15, score: 15 });
    expect(ind(t, '受益群体满意度')).toMatchObject({ target: 90, actual: 90, weight: 15, score: 15 });
    expect(at(r, 'score-mismatch')).toEqual(['G16', 'H6']);
    expect(at(r, 'operator-assumed')).toEqual(['D13', 'D14', 'D15', 'D16', 'D18']);
  });
  it('weights 10+15+20+15+20+15+15 = 110 ≠ 100; the sum 5.96+15+20+15+20+15+15 = 105.96 is no score out of 100: —', () => {
    const { r, t } = one(fx);
    expect(t.weightsTotal).toBe(110);
    // §4.5: the entered 90 is neither compared with 105.96 nor overwritten; total and grade show —
    expect([t.total, t.grade, t.withheldTotal]).toEqual([null, null, 105.96]);
    expect(t.totalCell).toBe('G19');
    expect(at(r, 'weights-total')).toEqual(['F19']);
    expect(at(r, 'total-mismatch')).toEqual([]);
    // the 社会效益 row's 一级 cell is blank, but its 二级 社会效益指标 is the 效益 dimension: no missing-level3
    expect(errors(r)).toEqual(['score-mismatch@G16', 'score-mismatch@H6', 'weights-total@F19']);
    // 产出 ≥ 70 ≠ 50 and 满意度 15 ≠ 10, whichever 一级 the blank-labelled 社会效益 row joins
    expect(at(r, 'level1-weights')).toEqual(expect.arrayContaining(['F13', 'F18']));
  });
  it('the hubei profile scores its own province the same: W from the 分值 column (10), 5.96, sum 105.96 withheld', () => {
    const { r, t } = one(fx, 'hubei');
    expect(t.funds).toMatchObject({ executionRate: 0.5958, weight: 10, score: 5.96 });
    expect([t.total, t.grade, t.withheldTotal]).toEqual([null, null, 105.96]);
    expect(at(r, 'score-mismatch')).toEqual(['G16', 'H6']);
    expect(at(r, 'weights-total')).toEqual(['F19']);
    expect(at(r, 'total-mismatch')).toEqual([]);
    // hubei expects a 20-point fund block: the 10 written here is flagged, as a warning
    expect(
      findings(r, 'level1-weights')
        .filter((f) => f.cell === 'F6')
        .map((f) => f.severity),
    ).toEqual(['warning']);
  });
});

describe('Hubei national template: 鄂州市财政局 财政政务管理 (czj.ezhou.gov.cn 350895, second table, cut)', () => {
  const fx = hubeiEzhouZhengwu;
  it('fund: 100 / 202 = 49.50 % (entered "50%"), 10 × 0.4950 = 4.95 ≠ entered 5', () => {
    const { r, t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 202, spent: 100, executionRate: 0.495, weight: 10, score: 4.95, rateCell: 'G6', scoreCell: 'H6' });
    expect(writeAt(r, 'G6')).toBe(0.495);
    expect(writeAt(r, 'H6')).toBe(4.95);
  });
  it('项目合格率 90 → 60: 20 × 60 / 90 = 13.33 ≠ 10; 完成时限 2019年 → 2020年 reads ≥ and is met: 20 ≠ 10', () => {
    const { r, t } = one(fx);
    expect(row(t, 13)).toMatchObject({ name: '项目合格率', operator: '>=', target: 90, actual: 60, weight: 20, enteredScore: 10, score: 13.33 });
    expect(row(t, 14)).toMatchObject({ name: '完成时限', operator: '>=', target: 2019, actual: 2020, weight: 20, enteredScore: 10, score: 20 });
    // 成本指标 without operator → ≤: 90 ≤ 90 → 20; "≥80%" actual reads 80 → 20
    expect(row(t, 15)).toMatchObject({ operator: '<=', target: 90, actual: 90, score: 20 });
    expect(row(t, 16)).toMatchObject({ operator: '>=', target: 80, actual: 80, score: 20 });
    expect(at(r, 'score-mismatch')).toEqual(['G13', 'G14', 'H6']);
    // the missed 项目合格率 has its reason
    expect(at(r, 'missing-deviation-reason')).toEqual([]);
  });
});

describe('Hebei national template with placeholders: 廊坊市食品工程学校 暖通改造 (lfsp.cn 1158053, cut)', () => {
  const fx = hebeiLangfangNuantong;
  it('fund: 37.24 / 43.2 = 86.20 % (entered "86%"), 10 × 0.8620 = 8.62 ≠ entered 9', () => {
    const { r, t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 43.2, spent: 37.24, executionRate: 0.862, weight: 10, score: 8.62, rateCell: 'G7', scoreCell: 'H7' });
    expect(writeAt(r, 'G7')).toBe(0.862);
    expect(writeAt(r, 'H7')).toBe(8.62);
  });
  it('9 indicators (placeholders 指标2 / …… are not), 工程资金金额 43.2 → 37.24: 10 × 37.24 / 43.2 = 8.62 ≠ 9', () => {
    const { r, t } = one(fx);
    expect(t.indicators.map((i) => i.row)).toEqual([14, 17, 18, 20, 23, 26, 29, 35, 38]);
    expect(row(t, 14)).toMatchObject({ operator: '>=', target: 43.2, actual: 37.24, weight: 10, enteredScore: 9, score: 8.62 });
    // 成本指标 without operator → ≤: 100 ≤ 100 → 10
    expect(row(t, 23)).toMatchObject({ operator: '<=', target: 100, actual: 100, score: 10 });
    for (const n of [17, 18, 20, 26, 29, 35, 38]) expect(row(t, n)).toMatchObject({ target: 100, actual: 100, weight: 10, score: 10 });
    expect(at(r, 'score-mismatch')).toEqual(['G14', 'H7']);
    expect(at(r, 'operator-assumed')).toEqual(['D14', 'D17', 'D18', 'D20', 'D23', 'D26', 'D29', 'D35', 'D38']);
  });
  it('weights 10 + 9 × 10 = 100; total 8.62 + 8.62 + 8 × 10 = 97.24 优; 生态效益指标 holds only placeholders', () => {
    const { r, t } = one(fx);
    expect(t.weightsTotal).toBe(100);
    expect(t.total).toBe(97.24);
    expect(t.grade).toBe('优');
    expect(at(r, 'missing-level3')).toEqual(['B32']);
    expect(at(r, 'level1-weights')).toEqual([]);
    expect(errors(r)).toEqual(['score-mismatch@G14', 'score-mismatch@H7']);
  });
});

describe('Yunnan 指标性质/指标值/度量单位 template: 丽江市古城区 卫片执法 (jjiadianqingjie 13241, cut)', () => {
  const fx = yunnanLijiangWeipian;
  it('fund 7.29 / 7.29 = 100 %, 10', () => {
    const { t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 7.29, spent: 7.29, executionRate: 1, weight: 10, score: 10, rateCell: 'G5', scoreCell: 'H5' });
  });
  it('every target met, every entered score 90 % of W: 9≠10, 19≠20, 19≠20, 27≠30; "﹦" is =', () => {
    const { r, t } = one(fx);
    expect(row(t, 13)).toMatchObject({ operator: '=', target: 72890, actual: 72890, unit: '元', weight: 10, enteredScore: 9, score: 10 });
    expect(row(t, 14)).toMatchObject({ operator: '=', target: 100, actual: 100, weight: 20, enteredScore: 19, score: 20 });
    expect(row(t, 15)).toMatchObject({ operator: '=', target: 100, actual: 100, weight: 20, enteredScore: 19, score: 20 });
    expect(row(t, 16)).toMatchObject({ operator: '>=', target: 95, actual: 95, weight: 30, enteredScore: 27, score: 30 });
    expect(row(t, 17)).toMatchObject({ operator: '>=', target: 95, actual: 95, weight: 10, score: 10 });
    expect(at(r, 'score-mismatch')).toEqual(['I13', 'I14', 'I15', 'I16']);
    expect(writeAt(r, 'I17')).toBe(10);
  });
  it('weights 10+10+20+20+30+10 = 100; total 10+10+20+20+30+10 = 100 优; the only errors are the four scores', () => {
    const { r, t } = one(fx);
    expect(t.weightsTotal).toBe(100);
    expect(t.total).toBe(100);
    expect(t.grade).toBe('优');
    expect(errors(r)).toEqual(['score-mismatch@I13', 'score-mismatch@I14', 'score-mismatch@I15', 'score-mismatch@I16']);
  });
});

describe('Anhui national 2020 template: 池州市贵池区棠溪镇 委托业务 (anthempetcare 502364, cut)', () => {
  const fx = anhuiChizhouWeituo;
  it('年度资金总额 0 / 0: no rate, no score, zero-budget; 90 / 89.974 / 89.974 of 本年财政拨款 ≠ 0 per column', () => {
    const { r, t } = one(fx);
    expect(t.kind).toBe('project');
    // nothing can be computed: the entered 0 stands as entered (§4.5), nothing is written into the fund row
    expect(t.funds).toMatchObject({ budget: 0, spent: 0, executionRate: null, weight: 10, enteredScore: 0, score: 0 });
    expect(r.writes.filter((w) => w.row === 6)).toEqual([]);
    expect(at(r, 'zero-budget')).toEqual(['E7']);
    expect(at(r, 'fund-breakdown')).toEqual(['D7', 'E7', 'F7']);
    expect(at(r, 'score-mismatch')).toEqual([]);
  });
  it('operators and units inside the targets; 达成预期指标 keeps its entered score', () => {
    const { r, t } = one(fx);
    expect(row(t, 14)).toMatchObject({ operator: '>=', target: 50, actual: 50, unit: '个', weight: 8, score: 8 });
    expect(row(t, 15)).toMatchObject({ operator: '>=', target: 100, actual: 100, weight: 8, score: 8 });
    expect(row(t, 18)).toMatchObject({ operator: '<=', target: 90, actual: 90, unit: '万元', weight: 8, score: 8 });
    expect(row(t, 16)).toMatchObject({ operator: 'qualitative', actual: '达成预期指标', weight: 8, score: 8 });
    for (const n of [19, 20, 21, 22]) expect(row(t, n)).toMatchObject({ operator: 'qualitative', weight: 10, score: 10 });
    expect(at(r, 'missing-level3')).toContain('C23');
  });
});

describe('Anhui national 2020 template: 棠溪镇 村级补助及运转经费 (anthempetcare 502367, cut)', () => {
  const fx = anhuiChizhouCunji;
  it('年度资金总额 0 / 0 / 0 again: no rate, zero-budget; 202.64 / 132.912 / 132.912 of 本年财政拨款 ≠ 0 per column', () => {
    const { r, t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 0, spent: 0, executionRate: null, weight: 10, enteredScore: 0 });
    expect(at(r, 'zero-budget')).toEqual(['E7']);
    expect(at(r, 'fund-breakdown')).toEqual(['D7', 'E7', 'F7']);
    expect(r.writes.filter((w) => w.row === 6)).toEqual([]);
  });
  it('"=8个" → 8 and "=42个" → 42 are met (8 each); ≤202.6万元 vs 132.9 → 10', () => {
    const { r, t } = one(fx);
    expect(row(t, 14)).toMatchObject({ operator: '=', target: 8, actual: 8, unit: '个', weight: 8, score: 8 });
    expect(row(t, 15)).toMatchObject({ operator: '=', target: 42, actual: 42, unit: '个', weight: 8, score: 8 });
    expect(row(t, 19)).toMatchObject({ operator: '<=', target: 202.6, actual: 132.9, weight: 10, score: 10 });
    for (const n of [16, 17, 18]) expect(row(t, n)).toMatchObject({ operator: 'qualitative', actual: '达成预期指标', weight: 8, score: 8 });
    expect(findings(r, 'score-mismatch')).toEqual([]);
  });
});

describe('Anhui 部门整体 on the project form: 金寨县茶谷和美丽乡村 (ahjinzhai.gov.cn 37545031, cut)', () => {
  const fx = anhuiJinzhaiMeilixiangcun;
  it('338.31 / 329.77 = 102.59 % > 100 %: execution-over-budget, 10 × min(1.0259, 1) = 10 into the blank 得分', () => {
    const { r, t } = one(fx);
    // titled 部门整体支出绩效自评表: labelled so, scored as the project form it is printed on
    expect(t.kind).toBe('department');
    expect(t.funds).toMatchObject({ budget: 329.77, spent: 338.31, executionRate: 1.0259, weight: 10, score: 10, rateCell: 'G5', scoreCell: 'H5' });
    expect(at(r, 'execution-over-budget')).toEqual(['E5']);
    expect(writeAt(r, 'H5')).toBe(10);
    // the rate cell already says 102.59 %
    expect(writeAt(r, 'G5')).toBeUndefined();
  });
  it('"≤4" → 4 met; "9月前" → 7月 and "11月前" → 10月 are met (前 = before, ≤): every row keeps its full score', () => {
    const { r, t } = one(fx);
    expect(t.indicators.map((i) => i.row)).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
    expect(row(t, 12)).toMatchObject({ operator: '<=', target: 4, actual: 4, weight: 10, score: 10 });
    expect(row(t, 14)).toMatchObject({ operator: '>=', target: 2000, actual: 3061, weight: 10, score: 10 });
    expect(row(t, 18)).toMatchObject({ operator: '<=', target: 9, actual: 7, unit: '月', weight: 5, score: 5 });
    expect(row(t, 19)).toMatchObject({ operator: '<=', target: 11, actual: 10, unit: '月', weight: 5, score: 5 });
    expect(findings(r, 'score-mismatch')).toEqual([]);
    expect(findings(r, 'missing-deviation-reason')).toEqual([]);
  });
  it("产出 60 is not held against a 部门整体 table (10/50/30/10 is the project evaluation's split)", () => {
    // before: G12 "产出指标分值合计 60，通常应为 50" citing 财预〔2020〕10号 (项目支出绩效评价管理办法)
    expect(at(one(fx).r, 'level1-weights')).toEqual([]);
  });
});

describe('Anhui 扶贫 绩效目标自评表: 濉溪县 临时救助 (sxx.gov.cn 56426371, cut)', () => {
  const fx = anhuiSuixiLinshijiuzhu;
  it('fund 30 / 30 = 100 %, 10; nine indicators, the weighted "★★★其中:" row among them', () => {
    const { t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 30, spent: 30, executionRate: 1, weight: 10, score: 10, rateCell: 'F6', scoreCell: 'G6' });
    expect(t.indicators.map((i) => i.row)).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(row(t, 13)).toMatchObject({ operator: '>=', target: 9431, actual: 9453, weight: 5, score: 5 });
  });
  it('≥4754人 → 4604人: 5 × 4604 / 4754 = 4.84 ≠ 5 (reason given); ≤5300元/户 → 5830元/户: 10 × 5300 / 5830 = 9.09 ≠ 10, no reason', () => {
    const { r, t } = one(fx);
    expect(row(t, 15)).toMatchObject({ operator: '>=', target: 4754, actual: 4604, unit: '人', weight: 5, enteredScore: 5, score: 4.84 });
    expect(row(t, 19)).toMatchObject({ operator: '<=', target: 5300, actual: 5830, unit: '元/户', weight: 10, enteredScore: 10, score: 9.09 });
    expect(row(t, 17)).toMatchObject({ operator: '>=', target: 530, actual: 583, score: 5 });
    expect(at(r, 'score-mismatch')).toEqual(['G15', 'G19']);
    expect(at(r, 'missing-deviation-reason')).toEqual(['H19']);
    expect(findings(r, 'unit-mismatch')).toEqual([]);
  });
});

describe('Hunan 部门整体 on the project form: 零陵区林业局 (yzcity.gov.cn cd04d310, cut)', () => {
  const fx = hunanLinglingLinye;
  it('fund 3824.26 / 4753.66 万元 = 80.45 % (entered "100%"), 10 × 0.8045 = 8.04 ≠ entered 10', () => {
    const { r, t } = one(fx);
    expect(t.kind).toBe('department');
    expect(t.funds).toMatchObject({
      budget: 4753.66,
      spent: 3824.26,
      executionRate: 0.8045,
      weight: 10,
      score: 8.04,
      rateCell: 'G5',
      scoreCell: 'H5',
    });
    expect(at(r, 'score-mismatch')).toContain('H5');
    expect(writeAt(r, 'G5')).toBe(0.8045);
    expect(writeAt(r, 'H5')).toBe(8.04);
  });
  it('1100万元 → 1093万元: 6 × 1093 / 1100 = 5.96 ≠ 5; 2.6亿元 → 2.45亿元: 6 × 2.45 / 2.6 = 5.65 ≠ 5; neither has a reason', () => {
    const { r, t } = one(fx);
    expect(row(t, 23)).toMatchObject({ operator: '>=', target: 1100, actual: 1093, weight: 6, enteredScore: 5, score: 5.96 });
    expect(row(t, 24)).toMatchObject({ operator: '>=', target: 2.6, actual: 2.45, weight: 6, enteredScore: 5, score: 5.65 });
    for (const n of [14, 15, 16, 17, 19]) expect(row(t, n)).toMatchObject({ score: row(t, n).weight });
    expect(at(r, 'score-mismatch')).toEqual(['G23', 'G24', 'H5']);
    expect(at(r, 'missing-deviation-reason')).toEqual(['H23', 'H24']);
  });
  it("效益 18 is not held against a 部门整体 table (10/50/30/10 is the project evaluation's split)", () => {
    // before: F23 "效益指标分值合计 18，通常应为 30"
    expect(at(one(fx).r, 'level1-weights')).toEqual([]);
  });
});

describe('Yunnan national form: 临翔区 野生动物收容所 (ynlx.gov.cn 148733, cut)', () => {
  const fx = yunnanLinxiangShourongsuo;
  it('fund 31.69 / 32.4 = 97.81 % (entered "97.80%"), 10 × 0.9781 = 9.78 ≠ entered 9', () => {
    const { r, t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 32.4, spent: 31.69, executionRate: 0.9781, weight: 10, score: 9.78, rateCell: 'G6', scoreCell: 'H6' });
    expect(at(r, 'score-mismatch')).toContain('H6');
    expect(writeAt(r, 'G6')).toBe(0.9781);
    expect(writeAt(r, 'H6')).toBe(9.78);
  });
  it('the met indicators keep their full scores; "无" is a reason cell that needs nothing here', () => {
    const { r, t } = one(fx);
    expect(row(t, 11)).toMatchObject({ operator: '>=', target: 200, actual: 204.46, unit: '平方米', weight: 10, score: 10 });
    expect(row(t, 12)).toMatchObject({ operator: '>=', target: 120, actual: 121.5, unit: '米', weight: 10, score: 10 });
    for (const n of [14, 15, 16, 17]) expect(row(t, n)).toMatchObject({ score: row(t, n).weight });
    expect(findings(r, 'missing-deviation-reason')).toEqual([]);
  });
});

describe('Sichuan 转移支付区域绩效自评表: 普惠金融发展专项资金 (chacewang news368066)', () => {
  const fx = sichuanPuhuiZhuanyi;
  it('专项名称 names the project; R = 合计 109.8万元 / 年度金额(提前下达) 208万元 = 52.79 %; no fund weight, no fund score', () => {
    const { t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.projectName).toBe('普惠金融发展专项资金');
    expect(t.department).toBe('四川省财政厅');
    // 109.8 / 208 = 0.527884… → 52.79 %
    expect(t.funds).toMatchObject({ budget: 208, spent: 109.8, executionRate: 0.5279, weight: null, score: null, rateCell: null });
  });
  it('weights "20%" are 20 points: 20+20+10+10+10+10+10+5+5 = 100; every indicator in full → total 100 = entered 得分合计', () => {
    const { r, t } = one(fx);
    expect(t.indicators).toHaveLength(9);
    expect(t.weightsTotal).toBe(100);
    // ≥10% → 115.25%: met, 20; ≥90% → 98.70%: 20; 100% → 100%: 10, 10; ≥2倍 → 10倍: 10; ≥60% → 85%: 10;
    // ≥80% → "≥80%" (80): 10; ≥80% → 100%: 5, 5
    expect(t.indicators.map((i) => i.score)).toEqual([20, 20, 10, 10, 10, 10, 10, 5, 5]);
    expect(t.total).toBe(100);
    expect(t.totalCell).toBe('H18');
    // 得分合计 is the total row, not a 二级 label without 三级 rows
    expect(findings(r, 'missing-level3')).toEqual([]);
    expect(errors(r)).toEqual([]);
    expect(r.writes).toEqual([]);
  });
  it('the reviewer’s first question: 100 % of the indicator points for 52.79 % of the money → execution-gap at 合计', () => {
    const { r } = one(fx);
    expect(at(r, 'execution-gap')).toEqual(['G4']);
    // d = (115.25 − 10) / 10 = 1052.5 % and (10 − 2) / 2 = 400 % ≥ 200 %: targets set too low (national)
    expect(at(r, 'target-too-low')).toEqual(['F13', 'F9']);
  });
  it('产出 60 / 效益 20 / 满意度 20 is no fault: transfer forms have no 10/50/30/10 convention (docs/decisions.md)', () => {
    // before: G9 (产出 60 ≠ 50), G13 (效益 20 ≠ 30), G15 (满意度 20 ≠ 10) under national; project forms keep the check
    // (云南永德 H14 / H22 above)
    for (const profile of [undefined, 'national', 'beijing', 'sichuan']) expect(at(one(fx, profile).r, 'level1-weights')).toEqual([]);
  });
});

describe('Hubei 2020 form with narrative rows under 总分: 渔业成品油价格改革补贴 (1wenmi doc 330418)', () => {
  const fx = hubeiFormYuyeButie;
  it('fund W 20 from "预算执行情况(万元)(20分)": 1.56 / 1.56 = 100 %, 20 × 1 = 20 = entered', () => {
    const { t } = one(fx);
    expect([t.projectName, t.department, t.amountUnit]).toEqual(['渔业成品油价格改革补贴', '区市场监督管理局', '万元']);
    expect(t.funds).toMatchObject({ budget: 1.56, spent: 1.56, executionRate: 1, weight: 20, score: 20, rateCell: 'E9', scoreCell: 'F9' });
  });
  it('block 80: entered 20 + 10 + 10 + 40 = 80 ≤ 80; 20 + 80 = 100; total 20 + 80 = 100 = entered, 优', () => {
    const { r, t } = one(fx);
    expect(t.blocks).toEqual([{ label: '年度绩效目标1(80分)', weight: 80, enteredScore: 80, cell: 'A10' }]);
    expect(t.indicators.map((i) => [i.name, i.target, i.actual, i.enteredScore])).toEqual([
      ['补贴渔船数', 6, 6, 20],
      ['渔船补贴发放率', 100, 100, 10],
      ['12月底之前完成', 100, 100, 10],
      ['退捕渔民抽样调查满意度', 90, 90, 40],
    ]);
    expect([t.weightsTotal, t.total, t.grade, t.totalCell]).toEqual([100, 100, '优', 'F15']);
    expect(errors(r)).toEqual([]);
  });
  it('the reason rows under 总分 are never written nor read as total or grade: the only write is the 执行率 format', () => {
    const { r } = one(fx);
    expect(r.writes.map((w) => `${w.kind}@${w.address}`)).toEqual(['fundRate@E9']);
    expect(r.findings.filter((f) => f.row >= 15)).toEqual([]);
  });
});

describe('Hubei township 部门整体支出绩效自评表, weights only in labels: 通城县塘湖镇 (zgtc.gov.cn 2381407)', () => {
  const fx = hubeiTongchengTanghu;
  it('单位名称 names the table and is its department; "项目支出总额" is a fund label, never a name', () => {
    const { t } = one(fx);
    // §2.4: 单位名称 names a department table; it is scored as the Hubei form is (fund + block weights)
    expect(t.kind).toBe('department');
    expect([t.projectName, t.department, t.amountUnit]).toEqual(['塘湖镇人民政府', '塘湖镇人民政府', '万元']);
    expect(t.range).toBe('A2:G15');
  });
  it('fund W 20 from "预算执行情况(万元)(20分)"; 预算数 864.2, 执行数 blank → 执行率 —, the entered 20 counts', () => {
    const { r, t } = one(fx);
    // by hand: R = B / A needs B; B is not filled → no rate, no computed fund score; the 20 entered stands
    expect(t.funds).toMatchObject({ budget: 864.2, spent: null, executionRate: null, weight: 20, enteredScore: 20, score: 20 });
    // the one thing to fix, saying what to enter
    expect(findings(r, 'missing-value').map((f) => [f.cell, f.messageZh])).toEqual([['E5', expect.stringContaining('请填写执行数')]]);
  });
  it('block "年度目标1:(80分)": entered 10 + 20 + 10 + 10 + 10 + 20 = 80 ≤ 80; 20 + 80 = 100; total 20 + 80 = 100 = entered "100分", 优', () => {
    const { r, t } = one(fx);
    expect(t.blocks).toEqual([{ label: '年度目标1:(80分)', weight: 80, enteredScore: 80, cell: 'A6' }]);
    // no per-indicator weight is invented; every indicator meets its target:
    // 168起 ≥ 168起; 32座 ≥ 32座; 2天以内 (≤ 2天) → 2天以内; 有效改善 = 有效改善; 有效提升 = 有效提升; ≧90% → 95%
    expect(t.indicators.map((i) => [i.name, i.operator, i.target, i.actual, i.weight, i.enteredScore])).toEqual([
      ['办结信访案件', '>=', 168, 168, null, 10],
      ['拆除活人墓、豪华墓', '>=', 32, 32, null, 20],
      ['解决群众问题时间', '<=', 2, 2, null, 10],
      ['改善人居环境', 'qualitative', '有效改善', '有效改善', null, 10],
      ['提升出行效率', 'qualitative', '有效提升', '有效提升', null, 10],
      ['群众对政府工作满意度', '>=', 90, 95, null, 20],
    ]);
    expect([t.weightsTotal, t.total, t.grade, t.totalCell, t.gradeCell]).toEqual([100, 100, '优', 'G14', null]);
    expect(findings(r, 'block-weights')).toEqual([]);
    expect(findings(r, 'total-mismatch')).toEqual([]);
    expect(findings(r, 'missing-deviation-reason')).toEqual([]);
    expect(errors(r)).toEqual(['missing-value@E5']);
    // 168起 and 32座 state no comparison: ≥ assumed (info)
    expect(at(r, 'operator-assumed')).toEqual(['E8', 'E9']);
  });
  it("a 部门整体支出 form: its 20-point fund is its own 财政局's weight, no level1-weights under any profile", () => {
    // before: A4 "预算执行率分值合计 20，通常应为 10" under national (10/50/30/10 is the project form's split)
    for (const profile of [undefined, 'national', 'beijing', 'hubei', 'sichuan']) {
      const { r } = one(fx, profile);
      expect([profile, at(r, 'level1-weights')]).toEqual([profile, []]);
      expect(errors(r)).toEqual(['missing-value@E5']);
    }
  });
  it('nothing is written: no rate to write, the total agrees; the 无 rows under 总分 are never touched', () => {
    const { r } = one(fx);
    expect(r.writes).toEqual([]);
    expect(r.findings.filter((f) => f.row + 1 >= 15)).toEqual([]);
  });
  it('without the entered fund score the total cannot be computed: one finding at the total cell says why', () => {
    const r = run(edit(fx, { G5: null }));
    const t = r.tables[0];
    expect([t.total, t.grade]).toEqual([null, null]);
    expect(findings(r, 'total-mismatch').map((f) => [f.cell, f.severity, f.messageZh])).toEqual([
      ['G14', 'info', expect.stringContaining('总分无法计算：资金得分无法计算（预算数或执行数缺失')],
    ]);
    expect(r.writes).toEqual([]);
  });
  it('filled in as a reviewer would (执行数 432.1): 432.1 / 864.2 = 50 %, 20 × 0.5 = 10 ≠ 20; total 10 + 80 = 90 ≠ 100; execution-gap', () => {
    const r = run(edit(fx, { E5: 432.1 }));
    const t = r.tables[0];
    expect(t.funds).toMatchObject({ executionRate: 0.5, score: 10 });
    expect([t.total, t.grade]).toEqual([90, '优']);
    expect(errors(r)).toEqual(['score-mismatch@G5', 'total-mismatch@G14']);
    expect(at(r, 'execution-gap')).toEqual(['F5']);
    expect(r.writes.map((w) => `${w.kind}@${w.address}=${w.value}`)).toEqual(['fundRate@F5=0.5', 'fundScore@G5=10', 'total@G14=90']);
  });
});

describe('not self-evaluation tables are never read', () => {
  it('岳阳楼区 2023年度整体绩效目标表 (targets only)', () => {
    const r = run(hunanYueyanglouMubiaobiao);
    expect(r.tables).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.writes).toEqual([]);
  });
  it('佳县 财政支出项目绩效目标申报表 (blank request form)', () => {
    const r = run(shaanxiJiaxianShenbaobiao);
    expect(r.tables).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.writes).toEqual([]);
  });
});

describe('Sichuan 510000_0013zp: 大英县司法局 安可替代 (dyxrmt 157795-21, cut after the indicator header)', () => {
  for (const profile of [undefined, 'sichuan']) {
    it(`年初预算 0.00, 调整后预算数 3.36 is the budget (${profile ?? 'national'}): 3.36 / 3.36 = 100 %, 10 × 1 = 10 = entered`, () => {
      const { r, t } = one(sichuanDayingAnkt, profile);
      expect(t.kind).toBe('project');
      expect(t.funds).toMatchObject({ budget: 3.36, spent: 3.36, executionRate: 1, weight: 10, score: 10, rateCell: 'G8', scoreCell: 'I8' });
      expect(findings(r, 'zero-budget')).toEqual([]);
      expect(findings(r, 'budget-fallback')).toEqual([]);
      expect(findings(r, 'fund-breakdown')).toEqual([]);
      expect(r.writes).toEqual([]);
    });
  }
});

describe('blank national form: 中央引导地方科技发展资金绩效目标自评表 (jinchutou 209397929)', () => {
  it('is recognised, gets exactly one table-not-filled, and nothing is written', () => {
    const { r, t } = one(nationalKejifazhanBlank);
    expect(t.kind).toBe('project');
    expect(t.notFilled).toBe(true);
    // the first cell of the first header row: 项目资金(万元) (docs/decisions.md, blank template)
    expect(r.findings.map((f) => `${f.rule}@${f.cell}`)).toEqual(['table-not-filled@A8']);
    expect(r.writes).toEqual([]);
    expect(t.total).toBeNull();
    expect(t.grade).toBeNull();
  });
});

describe('Anhui 衔接资金 到户: 萧县 河西村特色种养补贴 (ahxx.gov.cn 158998981, cut)', () => {
  const fx = anhuiXiaoxianHexicun;
  it('fund 9.48 / 9.48 = 100 %, 10 × 1 = 10; the 其中 row repeating 分值 10 is not a second fund weight', () => {
    const { r, t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 9.48, spent: 9.48, executionRate: 1, weight: 10, score: 10, rateCell: 'G6', scoreCell: 'H6' });
    expect(findings(r, 'fund-breakdown')).toEqual([]);
  });
  it('the ★ rows and the weighted rows are the indicators; "其中…" breakdown rows are not', () => {
    const { t } = one(fx);
    expect(t.indicators.map((i) => i.row)).toEqual([12, 17, 19, 23, 24, 27, 28]);
    // 29.5亩 = 29.5亩 → 20; 3亩 → 10; 192只 → 10; 95 % → 5; 95 → 100 % → 5; ≥11.376万元 → 12万元 → 20; 90人 → 10
    expect(t.indicators.map((i) => [i.operator, i.target, i.actual, i.weight, i.score])).toEqual([
      ['>=', 29.5, 29.5, 20, 20],
      ['>=', 3, 3, 10, 10],
      ['>=', 192, 192, 10, 10],
      ['>=', 95, 95, 5, 5],
      ['>=', 95, 100, 5, 5],
      ['>=', 11.376, 12, 20, 20],
      ['>=', 90, 90, 10, 10],
    ]);
  });
  it('no finding on the breakdown rows; 生态效益 and 可持续影响 are listed without an indicator', () => {
    const { r } = one(fx);
    const breakdown = [13, 14, 15, 16, 18, 20, 21];
    expect(r.findings.filter((f) => breakdown.includes(f.row + 1)).map((f) => `${f.rule}@${f.cell}`)).toEqual([]);
    expect(at(r, 'missing-level3')).toEqual(expect.arrayContaining(['C29', 'C30']));
    expect(findings(r, 'score-mismatch')).toEqual([]);
    expect(findings(r, 'missing-value')).toEqual([]);
  });
});

describe('Yunnan 指标性质 template, whole: 永德县明朗中学 营养改善计划 (yongde.gov.cn 116104)', () => {
  const fx = yunnanYongdeYingyang;
  it('fund 387664.62 / 387664.62 元 = 100 %, 10 × 1 = 10', () => {
    const { t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 387664.62, spent: 387664.62, executionRate: 1, weight: 10, score: 10, rateCell: 'G6', scoreCell: 'H6' });
  });
  it('"≧" is ≥ and "═" is =; 及时率 100 → 100 % = 10 ≠ 7; 知晓率 = 100 → 98 %: 10 × 98 / 100 = 9.80 ≠ 9', () => {
    const { r, t } = one(fx);
    expect(row(t, 14)).toMatchObject({ operator: '>=', target: 735, actual: 735, unit: '人次', score: 10 });
    expect(row(t, 16)).toMatchObject({ operator: '>=', target: 100, actual: 100, weight: 10, enteredScore: 7, score: 10 });
    expect(row(t, 17)).toMatchObject({ operator: '=', target: 100, actual: 100, score: 10 });
    expect(row(t, 19)).toMatchObject({ operator: '=', target: 100, actual: 98, weight: 10, enteredScore: 9, score: 9.8 });
    expect(row(t, 18)).toMatchObject({ operator: 'qualitative', target: '有效', actual: '有效', weight: 10 });
    for (const n of [15, 21, 22, 23]) expect(row(t, n)).toMatchObject({ operator: '>=', weight: 10, score: 10 });
    expect(at(r, 'score-mismatch')).toEqual(['I16', 'I19']);
    // every quantitative row states its operator (≧ or ═): none is assumed
    expect(at(r, 'operator-assumed')).toEqual([]);
    // 知晓率 missed its target and J19 is blank
    expect(at(r, 'missing-deviation-reason')).toEqual(['J19']);
  });
  it('weights 10 + 9 × 10 = 100; total 10 + 8 × 10 + 9.8 = 99.80 ≠ entered 96; 优 = 优', () => {
    const { r, t } = one(fx);
    expect(t.weightsTotal).toBe(100);
    expect(t.total).toBe(99.8);
    expect(t.grade).toBe('优');
    expect(t.totalCell).toBe('I25');
    expect(t.gradeCell).toBe('J25');
    expect(findings(r, 'grade-mismatch')).toEqual([]);
    expect(errors(r)).toEqual(['missing-deviation-reason@J19', 'score-mismatch@I16', 'score-mismatch@I19', 'total-mismatch@I25']);
    // 产出 40 ≠ 50, 满意度 20 ≠ 10 (效益 30 is right); 生态效益指标 has no row
    expect(at(r, 'level1-weights')).toEqual(['H14', 'H22']);
    expect(at(r, 'missing-level3')).toEqual(['B20']);
  });
});

describe('Beijing 2016 template: 海淀区学院路街道 道路保洁外包 (wenku365 60761775, cut after the indicator header)', () => {
  for (const profile of [undefined, 'beijing']) {
    it(`fund (${profile ?? 'national'}): 154.74 / 310.2 (年初预算数(A)) = 49.88 % (entered "50%"), 10 × 0.4988 = 4.99 ≠ entered 5`, () => {
      const { r, t } = one(beijingHaidianBaojie, profile);
      expect(t.kind).toBe('project');
      expect(t.funds).toMatchObject({
        budget: 310.2,
        spent: 154.74,
        executionRate: 0.4988,
        weight: 10,
        score: 4.99,
        rateCell: 'G6',
        scoreCell: 'H6',
      });
      expect(at(r, 'score-mismatch')).toEqual(['H6']);
      expect(writeAt(r, 'G6')).toBe(0.4988);
      expect(writeAt(r, 'H6')).toBe(4.99);
      // the 得分计算方法 text beside the score is no score and no reason cell to fill
      expect(r.writes.map((w) => w.address).sort()).toEqual(['G6', 'H6']);
    });
  }
});

describe('Shandong Jinan 2019 form: 历城区文化馆 免费开放 (jnslcqwhg.cn 308, cut)', () => {
  const fx = shandongLichengWenhuaguan;
  it('fund 45 / 45 = 100 %, W 10 (分值 column, also "(10分)" in the label), 10 × 1 = 10', () => {
    const { r, t } = one(fx);
    expect(t.kind).toBe('project');
    expect(t.funds).toMatchObject({ budget: 45, spent: 45, executionRate: 1, weight: 10, score: 10, rateCell: 'F9', scoreCell: 'G9' });
    // "100%" is text in F9: the rate is written as a number
    expect(writeAt(r, 'F9')).toBe(1);
  });
  it('5 indicators, "-" rows are placeholders; all met: 12.5 × 4 + 10 (成本 45万 ≤ 45万 by §3)', () => {
    const { r, t } = one(fx);
    expect(t.indicators.map((i) => [i.row, i.operator, i.target, i.actual, i.weight, i.score])).toEqual([
      [13, '>=', 100, 100, 12.5, 12.5],
      [15, '>=', 100, 100, 12.5, 12.5],
      [17, '>=', 100, 100, 12.5, 12.5],
      [19, '<=', 45, 45, 12.5, 12.5],
      [22, '>=', 100, 100, 10, 10],
    ]);
    expect(findings(r, 'score-mismatch')).toEqual([]);
    expect(findings(r, 'missing-value')).toEqual([]);
    expect(at(r, 'operator-assumed')).toEqual(['E13', 'E15', 'E17', 'E19', 'E22']);
  });
});

describe('not self-evaluation tables (2)', () => {
  it('岳阳县 乡村振兴衔接资金绩效目标申报表 (whole, targets only)', () => {
    const r = run(hunanYueyangxianShenbaobiao);
    expect(r.tables).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.writes).toEqual([]);
  });
  for (const fx of [fujianAnxiFenpeibiao, fujianAnxiMubiaobiao]) {
    it(`安溪县 ${fx === fujianAnxiFenpeibiao ? '资金分配表 (a budget list)' : '绩效目标表 (targets issued with the money)'}`, () => {
      const r = run(fx);
      expect(r.tables).toEqual([]);
      expect(r.findings).toEqual([]);
      expect(r.writes).toEqual([]);
    });
  }
  it('武义县 浙江省项目支出绩效评价报告 basic-information part (planned / arrived / spent money, no indicator)', () => {
    const r = run(zhejiangWuyiPingjiabaogao);
    expect(r.tables).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.writes).toEqual([]);
  });
});

describe('weights only in block labels (Yunnan, Hubei form): 隆阳区 化肥减量增效 (longyang.gov.cn 13352539, cut)', () => {
  const fx = yunnanLongyangHuafei;
  for (const profile of [undefined, 'hubei']) {
    it(`fund W = 20 from "预算执行情况(万元)(20分)" (${profile ?? 'national'}): 30 / 278.4449 = 10.77 %, 20 × 0.1077 = 2.15 ≠ entered 2.16`, () => {
      const { r, t } = one(fx, profile);
      expect(t.kind).toBe('project');
      expect(t.funds).toMatchObject({ budget: 278.4449, spent: 30, executionRate: 0.1077, weight: 20, score: 2.15, rateCell: 'D8', scoreCell: 'E8' });
      expect(at(r, 'score-mismatch')).toEqual(['E8']);
      expect(writeAt(r, 'E8')).toBe(2.15);
      // the rate cell already says 10.77 %
      expect(writeAt(r, 'D8')).toBeUndefined();
    });
    it(`one block 年度绩效目标(80分) (${profile ?? 'national'}): 20 + 80 = 100; no per-indicator weight is invented`, () => {
      const { r, t } = one(fx, profile);
      expect(t.blocks?.map((b) => [b.weight, b.cell])).toEqual([[80, 'A9']]);
      expect(t.indicators.every((i) => i.weight === null)).toBe(true);
      // 一、/二、 rows are the sums of their 1、2、3、 parts (15 = 5 + 5 + 5; 15 = 5 + 5 + 3 + 2): counted once, the
      // entered scores shown add up to 15 + 15 + 5 + 5 + 10 + 10 + 5 = 65 ≤ 80, so the block is within its weight
      expect(findings(r, 'block-weights')).toEqual([]);
      expect(findings(r, 'weights-total')).toEqual([]);
      // 三、土样植株化验 ≥60 → 105: d = 75 % < 200 %, no target-too-low
      expect(findings(r, 'target-too-low')).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------
// The whole corpus: what each table is, through a real .xlsx, and all of them on one sheet.

const CORPUS: [TableFixture, TableKind | null][] = [
  [sichuanZhongjiangShuibiaochi, 'project'],
  [sichuanQingshenGongzi, 'project'],
  [sichuanDayingAnkt, 'project'],
  [hunanHengshanChubeiliang, 'project'],
  [hubeiEzhouDisanfang, 'project'],
  [hubeiEzhouZhengwu, 'project'],
  [hebeiLangfangNuantong, 'project'],
  [yunnanLijiangWeipian, 'project'],
  [yunnanYongdeYingyang, 'project'],
  [yunnanLongyangHuafei, 'project'],
  [anhuiChizhouWeituo, 'project'],
  [anhuiXiaoxianHexicun, 'project'],
  [anhuiChizhouCunji, 'project'],
  [anhuiJinzhaiMeilixiangcun, 'department'],
  [anhuiSuixiLinshijiuzhu, 'project'],
  [hunanLinglingLinye, 'department'],
  [yunnanLinxiangShourongsuo, 'project'],
  [nationalKejifazhanBlank, 'project'],
  [beijingHaidianBaojie, 'project'],
  [shandongLichengWenhuaguan, 'project'],
  [sichuanPuhuiZhuanyi, 'project'],
  [hubeiFormYuyeButie, 'project'],
  [hubeiTongchengTanghu, 'department'],
  [hunanYueyanglouMubiaobiao, null],
  [zhejiangWuyiPingjiabaogao, null],
  [fujianAnxiFenpeibiao, null],
  [fujianAnxiMubiaobiao, null],
  [hunanYueyangxianShenbaobiao, null],
  [shaanxiJiaxianShenbaobiao, null],
];

describe('the real corpus as workbooks', () => {
  it.each(CORPUS.map(([fx, kind]) => [fx.id, fx, kind] as const))('%s reads the same from an .xlsx built with ExcelJS', async (_id, fx, kind) => {
    const buf = await workbookBuffer([{ name: fx.id, placed: [{ table: fx, at: 'B3' }] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const fromFile = analyzeWorkbook(workbookToGrids(wb));
    const fromGrid = analyzeWorkbook([placeTables(fx.id, [{ table: fx, at: 'B3' }])]);
    expect(fromFile).toEqual(fromGrid);
    expect(fromFile.tables.map((t) => t.kind)).toEqual(kind ? [kind] : []);
  });

  it('all of them stacked on one sheet are read as separate tables, the decoys as none', () => {
    const grid = placeTables(
      '汇总',
      stack(
        CORPUS.map(([fx]) => fx),
        'C4',
        3,
      ),
    );
    const r = analyzeWorkbook([grid]);
    expect(r.tables.map((t) => t.kind)).toEqual(CORPUS.filter(([, k]) => k).map(([, k]) => k));
    // the fund of each table moves with it: 中江 G5 → I8 (two columns right, three rows down)
    expect(r.tables[0].funds).toMatchObject({ executionRate: 1, rateCell: 'I8' });
  });
});

// The task pane's table card (issue 18): a withheld total (weights ≠ 100, RULES.md §4.5) shows "—" and says why,
// as check and the weights finding do; a 部门整体支出 table is labelled so. Rendered as the neighbouring pane tests
// do (react-dom/server), from the engine's own results.
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { analyzeWorkbook } from '../../src/core';
import type { Lang, TableResult } from '../../src/core/types';
import { TableCard } from '../../src/taskpane/TableCard';
import { placeTables } from '../fixtures/build';
import { edit } from '../core/helpers';
import type { TableFixture } from '../fixtures/define';
import { fengtai, yuxiDepartment, yuxiReception } from '../fixtures/tables';
import { sichuanZhongjiangShuibiaochi } from '../fixtures/real/sichuan-zhongjiang-shuibiaochi';
import { hubeiTongchengTanghu } from '../fixtures/real/hubei-tongcheng-tanghu';

function tableOf(fx: TableFixture): TableResult {
  return analyzeWorkbook([placeTables('表1', [{ table: fx, at: 'A1' }])]).tables[0];
}

/** The card's visible text, tags stripped. */
function card(tb: TableResult, lang: Lang): string {
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <TableCard table={tb} index={0} lang={lang} />
    </FluentProvider>,
  );
  return html
    .replace(/<style[^>]*>[^<]*<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function testId(tb: TableResult, lang: Lang, id: string): string | null {
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <TableCard table={tb} index={0} lang={lang} />
    </FluentProvider>,
  );
  const m = new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html);
  return m ? m[1] : null;
}

describe('table card: a withheld total says why', () => {
  it('Fengtai seed (weights 120): 总分 —, 等级 —, and the reason with the sum 120.00', () => {
    const tb = tableOf(fengtai);
    expect([tb.total, tb.grade, tb.withheldTotal]).toEqual([null, null, 120]);
    expect(testId(tb, 'zh', 'total-0')).toBe('—');
    expect(testId(tb, 'zh', 'grade-0')).toBe('—');
    expect(testId(tb, 'zh', 'withheld-0')).toBe('分值合计为 120，不是 100：各项得分之和 120.00 不计为总分，不评等级');
    expect(testId(tb, 'en', 'withheld-0')).toBe('The weights total 120, not 100: the sum 120.00 is no total and gets no grade');
  });
  it('a real table (中江 水标尺, weights 110): the same, with its own figures', () => {
    const tb = tableOf(sichuanZhongjiangShuibiaochi);
    expect(testId(tb, 'zh', 'withheld-0')).toBe('分值合计为 110，不是 100：各项得分之和 110.00 不计为总分，不评等级');
  });
  it('block weights in labels (Hubei 塘湖镇 with "年度目标1:(70分)"): 20 + 70 = 90, the entered 80 in the block → sum 100 withheld', () => {
    const tb = tableOf(edit(hubeiTongchengTanghu, { A6: '年度目标1:(70分)' }));
    expect([tb.weightsTotal, tb.total, tb.grade, tb.withheldTotal]).toEqual([90, null, null, 100]);
    expect(testId(tb, 'zh', 'withheld-0')).toBe('分值合计为 90，不是 100：各项得分之和 100.00 不计为总分，不评等级');
  });
  it('no weights figure at hand: the reason without it', () => {
    const tb: TableResult = { ...tableOf(hubeiTongchengTanghu), total: null, grade: null, withheldTotal: 90, weightsTotal: null };
    expect(testId(tb, 'zh', 'withheld-0')).toBe('分值合计不为 100：各项得分之和 90.00 不计为总分，不评等级');
    expect(testId(tb, 'en', 'withheld-0')).toBe('The weights do not add up to 100: the sum 90.00 is no total and gets no grade');
  });
  it('a total that is not withheld: no reason line', () => {
    const tb = tableOf(hubeiTongchengTanghu);
    expect([tb.total, tb.grade, tb.withheldTotal]).toEqual([100, '优', undefined]);
    expect(testId(tb, 'zh', 'total-0')).toBe('100.00');
    expect(card(tb, 'zh')).not.toContain('不计为总分');
  });
});

describe('table card: a table without weights says so, as check does', () => {
  it('Yuxi 部门整体 (seed 003): 总分 —, "本表不设分值，不评总分和等级"; a scored table says nothing', () => {
    const tb = tableOf(yuxiDepartment);
    expect([tb.total, tb.weightsTotal, tb.withheldTotal]).toEqual([null, null, undefined]);
    expect(testId(tb, 'zh', 'total-0')).toBe('—');
    expect(testId(tb, 'zh', 'withheld-0')).toBe('本表不设分值，不评总分和等级');
    expect(testId(tb, 'en', 'withheld-0')).toBe('The table has no weights: no total or grade');
    expect(testId(tableOf(yuxiReception), 'zh', 'withheld-0')).toBeNull();
  });
});

describe('table card: the kind of table', () => {
  it('the Hubei township table is labelled 部门整体支出 (Department), a project table 项目支出', () => {
    expect(card(tableOf(hubeiTongchengTanghu), 'zh')).toContain('部门整体支出 · 表1!');
    expect(card(tableOf(hubeiTongchengTanghu), 'en')).toContain('Department · 表1!');
    expect(card(tableOf(sichuanZhongjiangShuibiaochi), 'zh')).toContain('项目支出 · 表1!');
  });
});

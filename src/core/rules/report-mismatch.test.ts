// report-mismatch on the seeds' own reports (../shared/seeds 000, 004) and their mutations.
import fc from 'fast-check';
import { analyzeDocument } from '../document';
import { SEED_REPORTS, docBlocks, replaceInText } from '../../../test/fixtures/docx';

const mismatches = (blocks: ReturnType<typeof docBlocks>) => analyzeDocument(blocks).textFindings.filter((f) => f.rule === 'report-mismatch');

describe('report-mismatch', () => {
  it('004: "此项自评得分93.9分" against a table totalling 93 is found at its paragraph, naming the total cell', () => {
    const found = mismatches(docBlocks(SEED_REPORTS.jiangxi()));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ cell: null, where: '第38段', table: '表2', tableCell: 'G32', severity: 'error' });
    expect(found[0].quote).toContain('此项自评得分93.9分');
    expect(found[0].messageZh).toContain('93');
  });
  it('004: "支出实现率79%" for 1560.97 / 1964.32 = 79.47 % is right at the text\'s rounding', () => {
    const r = analyzeDocument(docBlocks(SEED_REPORTS.jiangxi()));
    expect(r.figures.find((f) => f.kind === 'rate')).toMatchObject({ value: 0.79, tolerance: 0.005 });
    expect(r.textFindings.filter((f) => f.paragraph === 22)).toEqual([]);
  });
  it('000: text and table agree (4.3 万元, 4.3 万元, 100%): nothing', () => {
    expect(mismatches(docBlocks(SEED_REPORTS.fengtai()))).toEqual([]);
  });
  it('004 mutated: a stated score S is a mismatch exactly when S ≠ 93 at one decimal', () => {
    const base = SEED_REPORTS.jiangxi();
    fc.assert(
      fc.property(fc.integer({ min: 600, max: 1000 }), (tenths) => {
        const s = (tenths / 10).toFixed(1);
        const found = mismatches(docBlocks(replaceInText(base, '自评得分93.9分', `自评得分${s}分`)));
        expect(found.length).toBe(Math.abs(tenths / 10 - 93) > 0.05 ? 1 : 0);
      }),
      { numRuns: 40 },
    );
  });
  it('000 mutated: a stated rate or amount differs only beyond its last digit', () => {
    const base = SEED_REPORTS.fengtai();
    const cases: [string, string, number][] = [
      ['支出率 100%', '支出率 99.6%', 1],
      ['支出率 100%', '支出率 99.96%', 1],
      ['支出率 100%', '支出率 100.00%', 0],
      ['支出率 100%', '支出率 99.995%', 1],
      ['实际使用 4.3 万元', '实际使用 4 万元', 0],
      ['实际使用 4.3 万元', '实际使用 4.2 万元', 1],
      ['实际使用 4.3 万元', '实际使用 43000 元', 0],
      ['实际使用 4.3 万元', '实际使用 42000 元', 1],
      ['经费预算 4.3 万元', '经费预算 5.3 万元', 1],
    ];
    for (const [from, to, n] of cases) expect([to, mismatches(docBlocks(replaceInText(base, from, to))).length]).toEqual([to, n]);
  });
  it("a stated grade that differs from the table's is a mismatch at the grade cell", () => {
    const found = mismatches(docBlocks(replaceInText(SEED_REPORTS.jiangxi(), '为优秀等级', '为良好等级')));
    expect(found.map((f) => f.tableCell)).toEqual(['G32', 'B33']);
  });
  it('is off when disabled', () => {
    const r = analyzeDocument(docBlocks(SEED_REPORTS.jiangxi()), { disabledRules: ['report-mismatch'] });
    expect(r.textFindings).toEqual([]);
  });
});

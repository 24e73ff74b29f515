// report-sum on the seeds' own reports (../shared/seeds 001, 004) and their mutations.
import fc from 'fast-check';
import { analyzeDocument } from '../document';
import { readParagraph } from '../sentences';
import { SEED_REPORTS, docBlocks, replaceInText } from '../../../test/fixtures/docx';

const sums = (blocks: ReturnType<typeof docBlocks>) => analyzeDocument(blocks).textFindings.filter((f) => f.rule === 'report-sum');
const PARTS = '投入绩效为5分，过程绩效为24.5分，产出绩效为46分，效果绩效为18.5分，总绩效为94分';

describe('report-sum', () => {
  it('001: the parts 5 + 24.5 + 46 + 18.5 are read and add up to 94, graded 优: nothing', () => {
    const blocks = docBlocks(SEED_REPORTS.wanzhou());
    const p = blocks.find((b) => b.kind === 'paragraph' && b.paragraph.text.includes(PARTS));
    expect(p?.kind).toBe('paragraph');
    const read = readParagraph(p!.kind === 'paragraph' ? p!.paragraph : { index: 0, text: '' });
    expect(read.sums).toHaveLength(1);
    expect(read.sums[0].parts.map((x) => x.value)).toEqual([5, 24.5, 46, 18.5]);
    expect(read.sums[0].total.value).toBe(94);
    expect(analyzeDocument(blocks).textFindings).toEqual([]);
  });
  it('001 mutated: one part changed makes the parts miss the total', () => {
    const base = SEED_REPORTS.wanzhou();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (tenths) => {
        const v = tenths / 10;
        const found = sums(docBlocks(replaceInText(base, '过程绩效为24.5分', `过程绩效为${v}分`)));
        expect(found.length).toBe(Math.abs(5 + v + 46 + 18.5 - 94) > 0.5 ? 1 : 0);
        if (found.length) expect(found[0]).toMatchObject({ where: expect.stringMatching(/^第\d+段$/), table: null, tableCell: null });
      }),
      { numRuns: 40 },
    );
  });
  it('a stated grade must match the stated score (§4.5 bands, lower bounds included)', () => {
    const base = SEED_REPORTS.wanzhou();
    const cases: [string, string, number][] = [
      ['等次为“优”', '等次为“良”', 1],
      ['等次为“优”', '等次为“优秀”', 0],
      ['等次为“优”', '等次为“良好”', 1],
    ];
    for (const [from, to, n] of cases) expect([to, sums(docBlocks(replaceInText(base, from, to))).length]).toEqual([to, n]);
    // 004: 93.9 is 优; 89.9 would be 良 (and is also a mismatch with the table)
    expect(sums(docBlocks(SEED_REPORTS.jiangxi()))).toEqual([]);
    const at90 = replaceInText(SEED_REPORTS.jiangxi(), '自评得分93.9分', '自评得分90分');
    expect(sums(docBlocks(at90))).toEqual([]);
    const below = replaceInText(SEED_REPORTS.jiangxi(), '自评得分93.9分', '自评得分89.9分');
    expect(sums(docBlocks(below)).map((f) => f.where)).toEqual(['第38段']);
  });
  it('weights in brackets and per-indicator scores are not parts or totals', () => {
    const r = readParagraph({ index: 1, text: '（1）财政供养人员控制率（2分）：根据评分标准，本部门该项指标得分1分。满分100分，总分94分。' });
    expect(r.sums).toEqual([]);
    expect(r.figures.map((f) => f.text)).toEqual(['总分94分']);
  });
});

// The report's sentence words are data: docs/report-words.md shows exactly src/core/report-vocab.ts.
import * as fs from 'fs';
import * as path from 'path';
import { FIGURE_WORDS, reportWordsMarkdown } from '../../src/core/report-vocab';
import { readParagraph } from '../../src/core/sentences';

describe('docs/report-words.md', () => {
  it('shows the tables of src/core/report-vocab.ts exactly', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/report-words.md'), 'utf8');
    const m = /<!-- report-words:start -->\n([\s\S]*?)\n+<!-- report-words:end -->/.exec(doc);
    expect(m).not.toBeNull();
    expect(m![1].trim()).toBe(reportWordsMarkdown().trim());
  });
  it('every word of every figure states it', () => {
    const sample = { amount: '12.5万元', percent: '为88%', points: '为88分', grade: '为“良”' } as const;
    for (const e of FIGURE_WORDS) {
      for (const w of e.words) {
        const text = e.unit === 'grade' ? `评价${w}${sample.grade}。` : `本项目${w}${sample[e.unit]}。`;
        const got = readParagraph({ index: 1, text }).figures.filter((f) => f.kind === e.kind);
        expect([w, got.length]).toEqual([w, 1]);
      }
    }
  });
  it('full-width digits, ％ and spaces read the same', () => {
    const f = readParagraph({ index: 3, text: '项目经费预算 ４.３ 万元，实际使用４.３万元，支出率 １００％。' }).figures;
    expect(f.map((x) => [x.kind, x.value])).toEqual([
      ['budget', 4.3],
      ['spent', 4.3],
      ['rate', 1],
    ]);
  });
});

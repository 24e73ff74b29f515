import { run, edit, cells, writeAt } from '../../../test/core/helpers';
import { yuxiReception } from '../../../test/fixtures/tables';

describe('qualitative-score-band', () => {
  it('achieved with a blank score writes the full weight', () => {
    const r = run(edit(yuxiReception, { I17: null }));
    expect(cells(r, 'qualitative-score-band')).toEqual([]);
    expect(writeAt(r, 'I17')).toBe(10);
  });
  it('not achieved (是 vs 否) with an entered 10 is outside [0, 6)', () => {
    const r = run(edit(yuxiReception, { G17: '否' }));
    expect(cells(r, 'qualitative-score-band')).toEqual(['I17']);
    expect(writeAt(r, 'I17')).toBeUndefined();
  });
  it('keeps an entered score inside the band', () => {
    const r = run(edit(yuxiReception, { G17: '否', I17: 3 }));
    expect(cells(r, 'qualitative-score-band')).toEqual([]);
    expect(r.tables[0].indicators.find((i) => i.row === 17)!.score).toBe(3);
  });
  it('graded scale: 优 target, 良 actual is partial; hubei bands are 50–80 %', () => {
    const t = edit(yuxiReception, { E17: '优', G17: '良', I17: 5.5 });
    expect(cells(run(t), 'qualitative-score-band')).toEqual(['I17']);
    expect(cells(run(t, { profile: 'hubei' }), 'qualitative-score-band')).toEqual([]);
  });
});

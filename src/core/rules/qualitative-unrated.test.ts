import { run, edit, cells } from '../../../test/core/helpers';
import { yuxiReception } from '../../../test/fixtures/tables';

describe('qualitative-unrated', () => {
  it('reports an actual it cannot rate, and keeps the entered score', () => {
    const r = run(edit(yuxiReception, { E17: '有效', G17: '效果明显' }));
    expect(cells(r, 'qualitative-unrated')).toEqual(['G17']);
    expect(r.tables[0].total).toBe(100);
  });
  it('does not fire for 是/是', () => {
    expect(cells(run(yuxiReception), 'qualitative-unrated')).toEqual([]);
  });
});

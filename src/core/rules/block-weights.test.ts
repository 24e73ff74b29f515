import { run, cells, findings } from '../../../test/core/helpers';
import { hubeiBlocks, hubeiLevel1Weights } from '../../../test/core/families';
import { yuxiEducation } from '../../../test/fixtures/tables';
import type { TableFixture } from '../../../test/fixtures/define';

function withCells(t: TableFixture, set: [number, number, string | number][]): TableFixture {
  const rows = t.rows.map((r) => [...r]);
  for (const [r, c, v] of set) rows[r][c] = v;
  return { ...t, id: `${t.id}*`, rows };
}

describe('block-weights', () => {
  it('does not fire on a Hubei table whose blocks add up (20 + 40 + 40)', () => {
    expect(cells(run(hubeiBlocks, { profile: 'hubei' }), 'block-weights')).toEqual([]);
    expect(cells(run(hubeiLevel1Weights, { profile: 'hubei' }), 'block-weights')).toEqual([]);
  });
  it('fires at the block label when its entered scores exceed its weight', () => {
    const r = run(withCells(hubeiLevel1Weights, [[4, 5, 40]]), { profile: 'hubei' }); // 40 + 25 > 60
    expect(cells(r, 'block-weights')).toEqual(['A5']);
    expect(findings(r, 'block-weights')[0].messageZh).toContain('65');
  });
  it('fires at the first block label when fund + block weights are not 100', () => {
    // block 2 becomes 30 points with its 40 entered: it is over, and 20 + 40 + 30 = 90
    const r = run(
      withCells(hubeiBlocks, [
        [8, 0, '年度绩效目标2(30分)'],
        [9, 6, 30],
        [10, 6, 90],
      ]),
      { profile: 'hubei' },
    );
    expect(cells(r, 'block-weights')).toEqual(['A5']);
    expect(findings(r, 'block-weights')[0].messageEn).toContain('90');
  });
  it('never fires on tables with a 分值 column', () => {
    expect(cells(run(yuxiEducation), 'block-weights')).toEqual([]);
  });
});

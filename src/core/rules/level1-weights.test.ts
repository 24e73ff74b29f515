import { run, edit, cells } from '../../../test/core/helpers';
import { fengtai, yuxiEducation } from '../../../test/fixtures/tables';

describe('level1-weights', () => {
  it('flags 产出 40, 效益 50, 满意度 20 in the Fengtai table at the first row of each group', () => {
    expect(cells(run(fengtai), 'level1-weights')).toEqual(['G14', 'G29', 'G38']);
  });
  it('flags a fund weight other than 10', () => {
    expect(cells(run(edit(yuxiEducation, { G6: 20 })), 'level1-weights')).toEqual(['G6']);
  });
  it('accepts 10/50/30/10', () => {
    expect(cells(run(yuxiEducation), 'level1-weights')).toEqual([]);
  });
  it('hubei expects a fund weight of 20', () => {
    expect(cells(run(yuxiEducation, { profile: 'hubei' }), 'level1-weights')).toEqual(['G6']);
  });
});

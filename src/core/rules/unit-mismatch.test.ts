import { run, edit, cells } from '../../../test/core/helpers';
import { yuxiEducation } from '../../../test/fixtures/tables';

describe('unit-mismatch', () => {
  it('flags an actual in a unit that does not convert', () => {
    expect(cells(run(edit(yuxiEducation, { G18: '10天' })), 'unit-mismatch')).toEqual(['G18']);
  });
  it('converts 元/万元 and 月/天', () => {
    const r = run(edit(yuxiEducation, { G18: '95000元' }));
    expect(cells(r, 'unit-mismatch')).toEqual([]);
    expect(r.tables[0].indicators.find((i) => i.name === '培训成本')!.actual).toBe(9.5);
  });
});

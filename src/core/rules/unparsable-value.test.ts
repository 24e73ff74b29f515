import { run, edit, cells } from '../../../test/core/helpers';
import { yuxiEducation } from '../../../test/fixtures/tables';

describe('unparsable-value', () => {
  it('flags a quantitative actual that is not a number, and Excel error values', () => {
    expect(cells(run(edit(yuxiEducation, { G15: '三期' })), 'unparsable-value')).toEqual(['G15']);
    expect(cells(run(edit(yuxiEducation, { H16: '十分' })), 'unparsable-value')).toEqual(['H16']);
  });
  it('reads numbers with separators, units and full-width digits', () => {
    expect(cells(run(edit(yuxiEducation, { G15: '３次', G16: '1,00' + '0人次', E16: '60' })), 'unparsable-value')).toEqual([]);
  });
});

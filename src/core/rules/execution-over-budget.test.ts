import { run, edit, cells } from '../../../test/core/helpers';
import { yuxiReception, yuxiEducation } from '../../../test/fixtures/tables';

describe('execution-over-budget', () => {
  it('catches the Yuxi reception table: 执行数 10 above 财政下达数 1.78', () => {
    expect(cells(run(yuxiReception), 'execution-over-budget')).toEqual(['F6']);
  });
  it('fires when spending exceeds the full-year budget', () => {
    expect(cells(run(edit(yuxiEducation, { F6: 12 })), 'execution-over-budget')).toEqual(['F6']);
  });
  it('does not fire at exactly the budget', () => {
    expect(cells(run(yuxiEducation), 'execution-over-budget')).toEqual([]);
  });
});

import { run, cells, findings, writeAt } from '../../../test/core/helpers';
import { yuxiFestival, yuxiEducation } from '../../../test/fixtures/tables';

describe('target-too-low', () => {
  it('national: 200 → 1000 keeps 20.00 and warns at the actual cell', () => {
    const r = run(yuxiFestival);
    expect(cells(r, 'target-too-low')).toEqual(['G14']);
    expect(findings(r, 'target-too-low')[0].severity).toBe('warning');
    expect(r.tables[0].indicators[0].score).toBe(20);
    expect(writeAt(r, 'I14')).toBeUndefined();
  });
  it('beijing: d = 400 % deducts 20 % → 16.00', () => {
    const r = run(yuxiFestival, { profile: 'beijing' });
    expect(r.tables[0].indicators[0].score).toBe(16);
    expect(writeAt(r, 'I14')).toBe(16);
    expect(findings(r, 'target-too-low')[0].messageZh).toContain('扣 4 分');
  });
  it('does not fire below 200 % (3 → 8 is 167 %)', () => {
    expect(cells(run(yuxiEducation), 'target-too-low')).toEqual([]);
  });
});

import { run, cells, findings } from '../../../test/core/helpers';
import { fengtai, yuxiEducation } from '../../../test/fixtures/tables';

describe('operator-assumed', () => {
  it('reports ≥ assumed on every Fengtai indicator (no 指标性质 column) as info', () => {
    const f = findings(run(fengtai), 'operator-assumed');
    expect(f).toHaveLength(11);
    expect(f[0].cell).toBe('E14');
    expect(f.every((x) => x.severity === 'info')).toBe(true);
  });
  it('does not fire when 指标性质 is given', () => {
    expect(cells(run(yuxiEducation), 'operator-assumed')).toEqual([]);
  });
});

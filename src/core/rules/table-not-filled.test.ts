import { run, cells, findings } from '../../../test/core/helpers';
import { blankTemplate } from '../../../test/core/families';
import { REAL_TABLES } from '../../../test/fixtures/tables';

describe('table-not-filled', () => {
  it('fires once, at the first header cell, on a blank template, and nothing else fires', () => {
    const r = run(blankTemplate);
    expect(r.findings.map((f) => f.rule)).toEqual(['table-not-filled']);
    expect(cells(r, 'table-not-filled')).toEqual(['A3']);
    expect(findings(r, 'table-not-filled')[0].messageEn).toContain('not filled');
  });
  it('switched off, a blank template gets no finding at all', () => {
    expect(run(blankTemplate, { disabledRules: ['table-not-filled'] }).findings).toEqual([]);
  });
  it('never fires on a filled table', () => {
    for (const fx of Object.values(REAL_TABLES)) expect(cells(run(fx), 'table-not-filled')).toEqual([]);
  });
});

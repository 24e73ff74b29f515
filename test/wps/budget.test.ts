// The call budget of a WPS recompute (issue 21): calls into the ET object model grow with columns and
// with format/merge/value runs, not with rows. Counts are deterministic (every member access of the
// fake ET host), never times.
import { measureWpsRecompute } from '../support/measure-wps';

const SIZES = [10, 100, 1000];

describe('WPS call budget per recompute', () => {
  // a table whose added rows are uniform: same shape and formats, every target met (no new marks)
  const uniform = SIZES.map((n) => measureWpsRecompute(n, 1, { uniform: true }));

  it('a table of uniform rows: the same number of calls at 10, 100 and 1,000 rows', () => {
    for (const m of uniform) {
      expect(m.outcome.status).toBe('ok');
      expect(m.byMember['Range.Value2']).toBe(1); // the sheet block; the store is new
      expect(m.byMember['Range.Formula']).toBe(1);
    }
    // the values written do grow with the rows: the calls that write them do not
    expect(uniform[2].outcome.written.values).toBeGreaterThan(uniform[0].outcome.written.values * 50);
    expect(uniform[1].calls - uniform[0].calls).toBeLessThanOrEqual(4);
    expect(uniform[2].calls - uniform[1].calls).toBeLessThanOrEqual(4);
    expect(uniform[2].readCalls - uniform[0].readCalls).toBeLessThanOrEqual(2);
  });

  it('the counts are deterministic', () => {
    const again = measureWpsRecompute(100, 1, { uniform: true });
    expect(again.calls).toBe(uniform[1].calls);
    expect(again.byMember).toEqual(uniform[1].byMember);
  });

  it('rows that bring marks: reads and value writes stay constant; only the one AddComment per note grows', () => {
    const marked = SIZES.map((n) => measureWpsRecompute(n));
    expect(new Set(marked.map((m) => m.readCalls)).size).toBe(1);
    expect(new Set(marked.map((m) => m.byMember['Range.Value2='])).size).toBe(1);
    expect(new Set(marked.map((m) => m.byMember['Range.NumberFormat='])).size).toBe(1);
    expect(marked[2].outcome.written.notes).toBeGreaterThan(marked[0].outcome.written.notes * 10);
    expect(marked.map((m) => m.byMember['Range.AddComment'])).toEqual(marked.map((m) => m.outcome.written.notes));
    // a note costs its Range and its AddComment; a fill chunk (a multi-area address of at most 250
    // characters) its Range, Interior and Color: what is left does not grow
    const rest = marked.map((m) => m.calls - 2 * m.outcome.written.notes - 3 * (m.byMember['Interior.Color='] ?? 0));
    expect(rest[2] - rest[0]).toBeLessThanOrEqual(4);
  });

  it('calls grow with runs: three tables on a sheet cost more than one, at any row count alike', () => {
    const three = [10, 1000].map((n) => measureWpsRecompute(n, 3, { uniform: true }));
    expect(three[0].calls).toBeGreaterThan(uniform[0].calls);
    expect(three[1].calls - three[0].calls).toBeLessThanOrEqual(4);
  });
});

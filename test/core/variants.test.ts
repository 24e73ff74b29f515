// Layout variants must read exactly like the published table.
import { run } from './helpers';
import {
  yuxiEducation,
  yuxiReception,
  educationRepeatedLabels,
  educationFirstRowLabels,
  educationSichuanHeaders,
  receptionHubeiHeaders,
  receptionMessyHeaders,
  educationPercentCells,
  inlineOperators,
  INLINE_OPERATORS_READ,
} from '../fixtures/tables';

const summary = (fx: Parameters<typeof run>[0]) => {
  const t = run(fx).tables[0];
  return {
    funds: t.funds,
    total: t.total,
    grade: t.grade,
    indicators: t.indicators.map(({ level1, level2, name, operator, target, actual, weight, score }) => ({
      level1,
      level2,
      name,
      operator,
      target,
      actual,
      weight,
      score,
    })),
  };
};

describe('layout variants', () => {
  it('merged, repeated and first-row-only labels read the same', () => {
    const base = summary(yuxiEducation);
    expect(summary(educationRepeatedLabels)).toEqual(base);
    expect(summary(educationFirstRowLabels)).toEqual(base);
  });
  it('Sichuan and Hubei header words, stray spaces, line breaks and full-width forms', () => {
    expect(summary(educationSichuanHeaders)).toEqual(summary(yuxiEducation));
    expect(summary(receptionHubeiHeaders)).toEqual(summary(yuxiReception));
    expect(summary(receptionMessyHeaders)).toEqual(summary(yuxiReception));
  });
  it('a percentage stored as 0.95 with a % format reads as 95', () => {
    expect(summary(educationPercentCells).indicators).toEqual(summary(yuxiEducation).indicators);
  });
  it('inline operators and units in the target cell', () => {
    const t = run(inlineOperators).tables[0];
    expect(t.indicators.map((i) => [i.operator, i.target, i.actual, i.unit])).toEqual(INLINE_OPERATORS_READ);
    expect(t.funds!.executionRate).toBe(0.96);
    expect(t.total).toBe(99.6);
  });
});

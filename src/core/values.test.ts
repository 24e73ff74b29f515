import fc from 'fast-check';
import { foldWidth, parseNumber, parseValue, parseOperatorCell, convertUnit, rateQualitative, roundHalfUp, isBlank } from './values';

const FULL = '０１２３４５６７８９';
const toFullWidth = (s: string) =>
  s
    .replace(/[0-9]/g, (d) => FULL[Number(d)])
    .replace(/\./g, '．')
    .replace(/,/g, '，');
const withThousands = (s: string) => {
  const [int, frac] = s.split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
};

describe('value reading', () => {
  it('any formatting of the same number reads the same (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom('', '万元', '元', '人', '次', '个月'),
        (cents, decimals, unit) => {
          const value = cents / 100;
          const text = value.toFixed(decimals);
          const expected = Number(text);
          const forms = [
            text,
            withThousands(text),
            toFullWidth(text),
            ` ${text} `,
            `${text}\n`,
            withThousands(text) + unit,
            toFullWidth(withThousands(text)) + unit,
          ];
          for (const f of forms) {
            const p = parseNumber(f);
            expect(p).not.toBeNull();
            expect(p!.value).toBe(expected);
          }
          expect(parseNumber(expected)!.value).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('a % format means the cell holds a fraction (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), (bp) => {
        const pct = bp / 100; // 0..1000 %
        const a = parseNumber(pct / 100, '0.00%')!;
        const b = parseNumber(`${pct}%`)!;
        const c = parseNumber(`${toFullWidth(String(pct))}％`)!;
        expect(a.value).toBeCloseTo(pct, 9);
        expect(b.value).toBeCloseTo(pct, 9);
        expect(c.value).toBeCloseTo(pct, 9);
        expect([a.unit, b.unit, c.unit]).toEqual(['%', '%', '%']);
      }),
      { numRuns: 300 },
    );
  });
  it('the width fold used without String.normalize agrees with NFKC on full-width ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0xff01, max: 0xff5e }).map((c) => String.fromCharCode(c)) }), (s) => {
        expect(foldWidth(s)).toBe(s.normalize('NFKC'));
      }),
    );
    expect(foldWidth('＞＝９０％，１２３．５')).toBe('>=90%,123.5');
  });
  it('rejects text, errors and blanks', () => {
    for (const v of ['abc', '三期', '十分', { error: '#DIV/0!' }, null, '', '—', true]) expect(parseNumber(v as never)).toBeNull();
    expect(isBlank('—')).toBe(true);
    expect(isBlank(' ')).toBe(true);
    expect(isBlank(0)).toBe(false);
  });
  it('reads inline operators in symbols, full-width forms and words', () => {
    const cases: [string, string, number, string | null][] = [
      ['≥90%', '>=', 90, '%'],
      ['＞＝90', '>=', 90, null],
      ['≧90', '>=', 90, null],
      ['>90', '>=', 90, null],
      ['不低于90%', '>=', 90, '%'],
      ['不少于3次', '>=', 3, '次'],
      ['90%以上', '>=', 90, '%'],
      ['≤3个月', '<=', 3, '个月'],
      ['＜＝3', '<=', 3, null],
      ['不超过10万元', '<=', 10, '万元'],
      ['5天以内', '<=', 5, '天'],
      ['=100%', '=', 100, '%'],
      ['等于1', '=', 1, null],
    ];
    for (const [text, op, n, unit] of cases) {
      const p = parseValue(text);
      expect([text, p.operator, p.number?.value, p.number?.unit ?? null]).toEqual([text, op, n, unit]);
    }
  });
  it('reads the 指标性质 column', () => {
    expect(['>=', '≥', '＞＝', '正向', '正向指标'].map((x) => parseOperatorCell(x))).toEqual(['>=', '>=', '>=', '>=', '>=']);
    expect(['<=', '≤', '反向', '反向指标'].map((x) => parseOperatorCell(x))).toEqual(['<=', '<=', '<=', '<=']);
    expect(['=', '定性', '', null].map((x) => parseOperatorCell(x))).toEqual(['=', 'qualitative', null, null]);
  });
  it('converts 元/万元/亿元, 天/日, 月/个月 and refuses other pairs', () => {
    expect(convertUnit(95000, '元', '万元')).toBe(9.5);
    expect(convertUnit(1, '亿元', '万元')).toBe(10000);
    expect(convertUnit(2, '个月', '月')).toBe(2);
    expect(convertUnit(60, '天', '月')).toBe(2);
    expect(convertUnit(3, '日', '天')).toBe(3);
    expect(convertUnit(3, '天', '万元')).toBeNull();
    expect(convertUnit(3, '人', '次')).toBeNull();
    expect(convertUnit(3, null, '次')).toBe(3);
  });
  it('rates qualitative values (§4.4)', () => {
    expect(rateQualitative('是', '是')).toBe('achieved');
    expect(rateQualitative('是', '否')).toBe('not');
    expect(rateQualitative('优', '优')).toBe('achieved');
    expect(rateQualitative('良', '优')).toBe('achieved');
    expect(rateQualitative('优', '良')).toBe('partial');
    expect(rateQualitative('优', '中')).toBe('not');
    expect(rateQualitative('好', '一般')).toBe('not');
    expect(rateQualitative('达成', '基本完成')).toBe('partial');
    expect(rateQualitative('有效', '已完成')).toBe('achieved');
    expect(rateQualitative('有效', '未完成')).toBe('not');
    expect(rateQualitative('有效', '效果明显')).toBe('unrated');
  });
  it('rounds half up on 2 decimals despite binary floats', () => {
    expect(roundHalfUp(1.005)).toBe(1.01);
    expect(roundHalfUp(18.8297)).toBe(18.83);
    expect(roundHalfUp(2.675)).toBe(2.68);
    expect(roundHalfUp(0.94148, 4)).toBe(0.9415);
  });
});

describe('the national template words', () => {
  it('达成预期指标 / 部分达成预期指标并具有一定效果 / 未达成预期指标且效果较差', () => {
    expect(rateQualitative('严格执行相关制度规定', '达成预期指标')).toBe('achieved');
    expect(rateQualitative('效果明显', '部分达成预期指标并具有一定效果')).toBe('partial');
    expect(rateQualitative('效果明显', '未达成预期指标且效果较差')).toBe('not');
  });
});

describe('operators typed with look-alike characters', () => {
  it('"═" (box drawing) and "﹦" (small form) are =, "≧" is ≥', () => {
    expect(parseOperatorCell('═')).toBe('=');
    expect(parseOperatorCell('﹦')).toBe('=');
    expect(parseOperatorCell('≧')).toBe('>=');
    expect(parseValue('═100%').operator).toBe('=');
  });
});

describe('a deadline written "9月前"', () => {
  it('reads ≤ 9 月', () => {
    expect(parseValue('9月前')).toMatchObject({ operator: '<=', number: { value: 9, unit: '月' } });
    expect(parseValue('11月之前')).toMatchObject({ operator: '<=', number: { value: 11, unit: '月' } });
  });
});

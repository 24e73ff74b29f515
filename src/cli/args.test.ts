import { UsageError, parseOptions, peekLang, splitCommand } from './args';

const OPTIONS = {
  json: { type: 'boolean' },
  profile: { type: 'string' },
  disable: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
} as const;

const usage = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('no UsageError');
};

describe('parseOptions', () => {
  it('values by their type, positionals in order', () => {
    const p = parseOptions(
      ['a.xlsx', '--json', '--profile', 'x', '-ob.xlsx', '--disable=r1', 'c.xlsx', '--disable', 'r2,r3', '--lang', 'en'],
      OPTIONS,
      'zh',
    );
    expect(p).toEqual({
      values: { json: true, profile: 'x', output: 'b.xlsx', disable: ['r1', 'r2,r3'], lang: 'en' },
      positionals: ['a.xlsx', 'c.xlsx'],
    });
  });

  it('a lone dash is a value and a positional; after -- everything is a positional', () => {
    expect(parseOptions(['-o', '-', '-', '--', '--json', '-x'], OPTIONS, 'zh')).toEqual({
      values: { output: '-' },
      positionals: ['-', '--json', '-x'],
    });
  });

  it('--help / --version stop the parse where they stand', () => {
    expect(parseOptions(['--json', '-h', '--nope', '--profile'], OPTIONS, 'zh')).toEqual({ values: {}, positionals: [], stop: 'help' });
    expect(parseOptions(['-v', '--help'], OPTIONS, 'zh').stop).toBe('version');
    expect(usage(() => parseOptions(['--nope', '--help'], OPTIONS, 'zh'))).toBe('未知选项：--nope');
  });

  it('usage errors name the argument as typed', () => {
    expect(usage(() => parseOptions(['-xyz'], OPTIONS, 'zh'))).toBe('未知选项：-xyz');
    expect(usage(() => parseOptions(['--output-file=a'], OPTIONS, 'en'))).toBe('unknown option: --output-file=a');
    expect(usage(() => parseOptions(['--profile'], OPTIONS, 'zh'))).toBe('选项 --profile 需要一个值');
    expect(usage(() => parseOptions(['-o', '--json'], OPTIONS, 'en'))).toBe('option -o needs a value');
    expect(usage(() => parseOptions(['--json=1'], OPTIONS, 'en'))).toBe('option --json takes no value');
    expect(usage(() => parseOptions(['--lang', 'fr'], OPTIONS, 'zh'))).toBe('--lang 只能是 zh 或 en，收到 fr');
    // an option's name is not looked up on the prototype chain
    expect(usage(() => parseOptions(['--toString'], OPTIONS, 'zh'))).toBe('未知选项：--toString');
  });

  it('a value after = may start with a dash or be empty', () => {
    expect(parseOptions(['--profile=-p.json', '--disable='], OPTIONS, 'zh').values).toEqual({ profile: '-p.json', disable: [''] });
  });
});

describe('splitCommand', () => {
  it('the first positional, skipping the values of options of any command', () => {
    expect(splitCommand(['--profile', 'beijing', '--json', 'check', 'a.xlsx'], OPTIONS)).toEqual({
      command: 'check',
      rest: ['--profile', 'beijing', '--json', 'a.xlsx'],
    });
    expect(splitCommand(['-o', 'out.xlsx', 'fix', 'a.xlsx'], OPTIONS).command).toBe('fix');
    expect(splitCommand(['--json', '--', 'check'], OPTIONS)).toEqual({ command: null, rest: ['--json', '--', 'check'] });
    expect(splitCommand([], OPTIONS)).toEqual({ command: null, rest: [] });
  });
});

it('peekLang', () => {
  expect(peekLang(['check', '--lang', 'en'])).toBe('en');
  expect(peekLang(['--lang=en'])).toBe('en');
  expect(peekLang(['--lang', 'zh', 'en'])).toBe('zh');
  expect(peekLang([])).toBe('zh');
});

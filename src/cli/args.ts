// Command-line options through node's util.parseArgs (which splits `--a=b`, `-ab`, `-ofile`, `--`), checked
// token by token so that every usage error is the CLI's own one-line message (CLI.md), in order of appearance.
import { readFileSync } from 'fs';
import * as path from 'path';
import { parseArgs, type ParseArgsConfig } from 'util';
import type { Lang } from '../core';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** A bad command line: the CLI prints the message and a hint, and exits 2. */
export class UsageError extends Error {}

const M = {
  zh: {
    unknownOption: (o: string) => `未知选项：${o}`,
    missingValue: (o: string) => `选项 ${o} 需要一个值`,
    noValue: (o: string) => `选项 ${o} 不带值`,
    badLang: (l: string) => `--lang 只能是 zh 或 en，收到 ${l}`,
  },
  en: {
    unknownOption: (o: string) => `unknown option: ${o}`,
    missingValue: (o: string) => `option ${o} needs a value`,
    noValue: (o: string) => `option ${o} takes no value`,
    badLang: (l: string) => `--lang must be zh or en, got ${l}`,
  },
};

/** Options every command takes; --help and --version stop the parse wherever they stand. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  lang: { type: 'string' },
} as const satisfies OptionsConfig;

export type OptionValues<T extends OptionsConfig> = {
  [K in keyof T]?: T[K] extends { type: 'boolean' } ? true : T[K] extends { multiple: true } ? string[] : string;
};

export interface Parsed<T extends OptionsConfig> {
  values: OptionValues<T>;
  positionals: string[];
  /** Set when --help or --version was met; the arguments after it are not looked at. */
  stop?: 'help' | 'version';
}

/** The message language a command line asks for (`--lang en`), before it is parsed. */
export function peekLang(argv: string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang' && argv[i + 1] === 'en') return 'en';
    if (argv[i] === '--lang=en') return 'en';
  }
  return 'zh';
}

function tokensOf(args: string[], options: OptionsConfig) {
  return parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true }).tokens;
}

/**
 * Parses `args` against `options` (merged with COMMON_OPTIONS). Unknown options, a missing value (none, or the next
 * argument is another option: `--profile --json`), a value given to a flag (`--json=1`) and a --lang other than
 * zh/en throw a UsageError. A string option given twice keeps the last value; `multiple` ones collect them all.
 */
export function parseOptions<T extends OptionsConfig>(args: string[], options: T, lang: Lang): Parsed<T & typeof COMMON_OPTIONS> {
  const config: OptionsConfig = { ...COMMON_OPTIONS, ...options };
  const m = M[lang];
  const values: Record<string, string | string[] | true> = {};
  const positionals: string[] = [];
  for (const token of tokensOf(args, config)) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const spec = Object.prototype.hasOwnProperty.call(config, token.name) ? config[token.name] : undefined;
    if (!spec) throw new UsageError(m.unknownOption(args[token.index]));
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(m.noValue(token.rawName));
      if (token.name === 'help' || token.name === 'version')
        return { values: {} as OptionValues<T & typeof COMMON_OPTIONS>, positionals: [], stop: token.name };
      values[token.name] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('-') && value.length > 1)) {
      throw new UsageError(m.missingValue(token.rawName));
    }
    if (token.name === 'lang' && value !== 'zh' && value !== 'en') throw new UsageError(m.badLang(value));
    if (spec.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), value];
    else values[token.name] = value;
  }
  return { values: values as OptionValues<T & typeof COMMON_OPTIONS>, positionals };
}

/**
 * Splits off the command: the first positional argument, found with the options of every command (so that
 * `--profile beijing check a.xlsx` finds `check`, not `beijing`). Returns the command (null when none) and the other
 * arguments, in order.
 */
export function splitCommand(argv: string[], allOptions: OptionsConfig): { command: string | null; rest: string[] } {
  for (const token of tokensOf(argv, { ...COMMON_OPTIONS, ...allOptions })) {
    if (token.kind === 'option-terminator') break;
    if (token.kind === 'positional') return { command: token.value, rest: argv.filter((_, i) => i !== token.index) };
  }
  return { command: null, rest: argv };
}

/** The package version, for --version. */
export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

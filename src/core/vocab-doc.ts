// The vocabulary tables as Markdown, for docs/vocabulary.md (test/core/vocabulary.test.ts keeps them in step).
import { VOCAB, FUND_ROWS, LABELS, NOT_SELF_EVALUATION_TITLES, SELF_EVALUATION_TITLES } from './vocab';

const esc = (s: string) => s.replace(/\|/g, '\\|');

export function vocabularyMarkdown(): string {
  const out: string[] = [];
  out.push('### Header words', '', '| block | role | meaning | words | also matches |', '|---|---|---|---|---|');
  for (const e of VOCAB) {
    const pats = (e.patterns ?? []).map((p) => `\`${esc(p.source)}\``).join(' ');
    const words = e.words.map((w) => `${w}${e.annotatedOnly ? '(万元)' : ''}`).join('、');
    out.push(`| ${e.block} | \`${e.role}\` | ${esc(e.meaning)} | ${words} | ${pats} |`);
  }
  out.push('', '### Fund rows', '', '| kind | meaning | words (a leading 其中: is dropped) |', '|---|---|---|');
  for (const e of FUND_ROWS) out.push(`| \`${e.kind}\` | ${esc(e.meaning)} | ${e.words.join('、')} |`);
  out.push('', '### Row and cell labels', '', '| kind | meaning | words | also matches |', '|---|---|---|---|');
  for (const e of LABELS)
    out.push(`| \`${e.kind}\` | ${esc(e.meaning)} | ${e.words.join('、')} | ${(e.patterns ?? []).map((p) => `\`${esc(p.source)}\``).join(' ')} |`);
  out.push('', '### Titles', '', '| title | means |', '|---|---|');
  for (const re of NOT_SELF_EVALUATION_TITLES) out.push(`| \`${esc(re.source)}\` | not a self-evaluation table: never read, never touched |`);
  for (const re of SELF_EVALUATION_TITLES) out.push(`| \`${esc(re.source)}\` | a self-evaluation table starts again |`);
  return out.join('\n');
}

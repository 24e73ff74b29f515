// RULES.md §6: every finding cites a source the user has. The rule book ships as docs/规则说明.md; every
// section a message cites exists there; the Fengtai notes are cited only under the beijing profile.
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '.';
import { run } from '../../../test/core/helpers';
import { fengtai, yuxiOffice, yuxiEducation } from '../../../test/fixtures/tables';
import { hubeiEzhouDisanfang } from '../../../test/fixtures/real/hubei-ezhou-disanfang';
import { sichuanPuhuiZhuanyi } from '../../../test/fixtures/real/sichuan-puhui-zhuanyi';

const BOOK = fs.readFileSync(path.join(__dirname, '../../../docs/规则说明.md'), 'utf8');
const HEADINGS = new Set([...BOOK.matchAll(/^#{2,3} (§[\d.]+)/gm)].map((m) => m[1]));
const SOURCES = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => fs.readFileSync(path.join(__dirname, f), 'utf8'))
  .join('\n');

describe('cited sources', () => {
  it('the rule book has the sections the product cites', () => {
    const cited = new Set<string>();
    for (const m of SOURCES.matchAll(
      /SRC\.(?:rules|national)\('(§[\d.]+)'\)|SRC\.fengtai\(\d+, '(§[\d.]+)'\)|《规则说明》(§[\d.]+)|Rule book (§[\d.]+)/g,
    ))
      cited.add(m[1] ?? m[2] ?? m[3] ?? m[4]);
    for (const r of RULES) for (const m of `${r.source.zh} ${r.source.fallback?.zh ?? ''}`.matchAll(/《规则说明》(§[\d.]+)/g)) cited.add(m[1]);
    expect(cited.size).toBeGreaterThan(8);
    expect([...cited].filter((s) => !HEADINGS.has(s))).toEqual([]);
  });
  it('every rule id is explained in the rule book', () => {
    expect(RULES.map((r) => r.id).filter((id) => !BOOK.includes(`\`${id}\``))).toEqual([]);
  });
  it('every finding cites the rule book or a public document, in the message and as its source', () => {
    for (const fx of [fengtai, yuxiOffice, hubeiEzhouDisanfang, sichuanPuhuiZhuanyi])
      for (const f of run(fx).findings) {
        expect(f.messageZh).toContain(`（依据：${f.sourceZh}）`);
        expect(f.sourceZh).toMatch(/《规则说明》§[\d.]+|财预〔2020〕10号|湖北省/);
        expect(f.sourceEn).toMatch(/Rule book §[\d.]+|Caiyu \[2020\] No\. 10|Hubei/);
      }
  });
  it('the Fengtai notes only under beijing; national cites 财预〔2020〕10号 and the rule book instead', () => {
    for (const fx of [fengtai, yuxiOffice, hubeiEzhouDisanfang, yuxiEducation]) {
      const nat = run(fx).findings;
      expect(nat.filter((f) => /丰台|Fengtai/.test(f.messageZh + f.messageEn))).toEqual([]);
    }
    // missing-level3 cites the Fengtai notes item 4 under beijing
    const nat = run(fengtai).findings.filter((f) => f.rule === 'missing-level3');
    expect(nat.length).toBeGreaterThan(0);
    for (const f of nat) expect(f.sourceZh).toMatch(/^《项目支出绩效评价管理办法》（财预〔2020〕10号）；《规则说明》§/);
    const bj = run(fengtai, { profile: 'beijing' }).findings.filter((f) => /丰台区自评表填报注意事项第\d+条/.test(f.messageZh));
    expect(bj.length).toBeGreaterThan(0);
    for (const f of bj) expect(f.messageEn).toMatch(/Fengtai self-evaluation filing notes, item \d+; Rule book §/);
  });
});

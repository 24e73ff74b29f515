// The .docx reader: Word tables built with the `docx` writer come back as the grids they were made from,
// and go through the engine exactly as the same table in a sheet does.
import { readDocumentXml, readDocxBytes, isDocxBytes } from '../../src/docx/read';
import { analyzeWorkbook } from '../../src/core';
import { placeTables } from '../fixtures/build';
import { REAL_TABLES } from '../fixtures/tables';
import { rangeOf } from '../fixtures/define';
import { shownText, wordReport } from '../fixtures/docx';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (text: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${p(text)}</w:tc>`;

describe('readDocxBytes on tables written by docx', () => {
  it.each(Object.keys(REAL_TABLES))('%s: every cell as shown, every merge, in a grid named 表1', async (id) => {
    const fx = REAL_TABLES[id];
    const d = readDocxBytes(await wordReport([{ p: '附件' }, { table: fx }, { p: '（完）' }]));
    expect(d.tables.map((t) => t.name)).toEqual(['表1']);
    expect(d.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    const g = d.tables[0];
    const want = fx.rows.map((r, i) => r.map((_, j) => shownText(fx, i, j) || null));
    expect(g.values).toEqual(want);
    const merges = fx.merges.map(rangeOf).sort((a, b) => a.top - b.top || a.left - b.left);
    expect(g.merges).toEqual(merges);
  });
  it('the engine reads a Word table as it reads the same table in a sheet (total, grade, funds)', async () => {
    for (const fx of Object.values(REAL_TABLES)) {
      const d = readDocxBytes(await wordReport([{ table: fx }]));
      const fromWord = analyzeWorkbook(d.tables).tables;
      const fromSheet = analyzeWorkbook([placeTables('表1', [{ table: fx, at: 'A1' }])]).tables;
      const key = (ts: typeof fromWord) =>
        ts.map((t) => [t.kind, t.range, t.total, t.grade, t.funds?.budget, t.funds?.spent, t.funds?.executionRate]);
      expect([fx.id, key(fromWord)]).toEqual([fx.id, key(fromSheet)]);
    }
  });
  it('names tables 表1, 表2 … in document order and numbers only non-empty paragraphs', async () => {
    const ids = Object.keys(REAL_TABLES).slice(0, 2);
    const d = readDocxBytes(
      await wordReport([{ p: '一' }, { p: '' }, { table: REAL_TABLES[ids[0]] }, { p: '  ' }, { p: '二' }, { table: REAL_TABLES[ids[1]] }]),
    );
    expect(d.tables.map((t) => t.name)).toEqual(['表1', '表2']);
    expect(d.paragraphs).toEqual([
      { index: 1, text: '一' },
      { index: 2, text: '二' },
    ]);
  });
});

describe('readDocumentXml', () => {
  it('keeps runs, tabs and breaks; drops deleted text, field codes, tab stops and text boxes', () => {
    const xml = doc(
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>' +
        '<w:r><w:t>得分</w:t></w:r><w:del><w:r><w:delText>90</w:delText></w:r></w:del><w:ins><w:r><w:t>93</w:t></w:r></w:ins>' +
        '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:tab/><w:t>分</w:t><w:br/><w:t>下一行</w:t></w:r>' +
        '<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>印章</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>',
    );
    expect(readDocumentXml(xml).paragraphs).toEqual([{ index: 1, text: '得分93\t分\n下一行' }]);
  });
  it('gridSpan, vMerge restart/continue, gridBefore and a nested table', () => {
    const xml = doc(
      '<w:tbl>' +
        `<w:tr>${tc('项目', '<w:vMerge w:val="restart"/>')}${tc('分值', '<w:gridSpan w:val="2"/>')}</w:tr>` +
        `<w:tr>${tc('', '<w:vMerge/>')}${tc('10')}${tc('9')}</w:tr>` +
        `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('a')}<w:tc>${p('外')}<w:tbl><w:tr>${tc('内')}</w:tr></w:tbl></w:tc></w:tr>` +
        '</w:tbl>',
    );
    const d = readDocumentXml(xml);
    expect(d.tables[0].values).toEqual([
      ['项目', '分值', null],
      [null, '10', '9'],
      [null, 'a', '外\n内'],
    ]);
    expect(d.tables[0].merges).toEqual([
      { top: 0, left: 0, bottom: 1, right: 0 },
      { top: 0, left: 1, bottom: 0, right: 2 },
    ]);
  });
  it('reads a document whose WordprocessingML prefix is not w:', () => {
    const xml = `<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t>正文</x:t></x:r></x:p></x:body></x:document>`;
    expect(readDocumentXml(xml).paragraphs).toEqual([{ index: 1, text: '正文' }]);
  });
});

describe('isDocxBytes', () => {
  it('tells a .docx by its bytes, not its name', async () => {
    const buf = await wordReport([{ p: '正文' }]);
    expect(isDocxBytes(buf)).toBe(true);
    expect(isDocxBytes(Buffer.from('PK\u0003\u0004xl/workbook.xml'))).toBe(false);
    expect(isDocxBytes(Buffer.from('%PDF-1.7 word/document.xml'))).toBe(false);
  });
});

// What fix's copy lacks of the original (issue 19): ExcelJS drops charts, chart sheets, pivot tables,
// shapes, embedded objects, external links…; each kind lost is one line of fix's output, never silence.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { editPart, editZip } from '../../test/fixtures/sheetjs-books';
import { SAMPLE_SHEETS } from '../../test/fixtures/sample';
import { workbookBuffer } from '../../test/fixtures/build';
import { corpusFile, withCorpus } from '../../test/support/corpus';
import * as ExcelJsLite from './exceljs';
import { notCarriedOver } from './kept';
import { readZip } from './zip';
import { fixFile } from './write';

const file = corpusFile;

/** The package ExcelJS writes after loading `buf`, as fix's copy is written. */
async function roundTrip(buf: Buffer): Promise<Map<string, Buffer>> {
  const wb = new ExcelJsLite.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return readZip(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)).files;
}

withCorpus('kept.test', () => {
  describe('what an ExcelJS copy lacks, on real files of other writers', () => {
    // each file's lost kinds, as an Excel user would name them (the parts listed by `unzip -l`)
    const cases: [string, RegExp[]][] = [
      ['SheetJS+test_files__formula_stress_test.xlsx', [/数据透视表（\d+ 个）/]],
      ['apache+poi__test-data__spreadsheet__bug67784.xlsx', [/外部链接（1 个）/]],
      ['apache+poi__test-data__spreadsheet__58325_db.xlsx', [/嵌入对象（\d+ 个）/]],
      ['apache+poi__test-data__spreadsheet__57181.xlsm', [/图表工作表（\d+ 个）/, /图表（\d+ 个）/]],
      ['SheetJS+test_files__BlankSheetTypes.xlsm', [/图表工作表（\d+ 个）/, /宏表或对话框工作表（\d+ 个）/]],
      ['SheetJS+test_files__wps__fn.xlsx', [/单元格内图片或数据类型/]],
    ];
    it.each(cases)('%s', async (name, expected) => {
      const original = readZip(fs.readFileSync(file(name))).files;
      const lines = notCarriedOver(original, await roundTrip(fs.readFileSync(file(name))), 'zh');
      for (const re of expected) expect(lines.some((l) => re.test(l))).toBe(true);
      expect(lines.every((l) => /^副本中没有原文件的.*原文件不变/.test(l))).toBe(true);
    });

    it('a package compared with itself lacks nothing; pictures ExcelJS keeps are not reported', async () => {
      const name = 'tealeg+xlsx__testdocs__inlineStrings.xlsx'; // a picture in a drawing: ExcelJS keeps it
      const original = readZip(fs.readFileSync(file(name))).files;
      expect(notCarriedOver(original, original, 'zh')).toEqual([]);
      expect(notCarriedOver(original, await roundTrip(fs.readFileSync(file(name))), 'zh')).toEqual([]);
    });
  });

  describe('fix says what its copy lacks', () => {
    let dir = '';
    beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-kept-'))));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** The sample workbook (real published tables) with the external link of POI's bug67784.xlsx. */
    async function withExternalLink(): Promise<Buffer> {
      const donor = readZip(fs.readFileSync(file('apache+poi__test-data__spreadsheet__bug67784.xlsx'))).files;
      return editZip(await workbookBuffer(SAMPLE_SHEETS), (f) => {
        f.set('xl/externalLinks/externalLink1.xml', donor.get('xl/externalLinks/externalLink1.xml')!);
        f.set('xl/externalLinks/_rels/externalLink1.xml.rels', donor.get('xl/externalLinks/_rels/externalLink1.xml.rels')!);
        editPart(f, 'xl/_rels/workbook.xml.rels', (x) =>
          x.replace(
            '</Relationships>',
            '<Relationship Id="rIdExt1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>',
          ),
        );
        editPart(f, 'xl/workbook.xml', (x) =>
          x.replace('</sheets>', '</sheets><externalReferences><externalReference r:id="rIdExt1"/></externalReferences>'),
        );
        editPart(f, '[Content_Types].xml', (x) =>
          x.replace(
            '</Types>',
            '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
          ),
        );
      });
    }

    it('an external link ExcelJS drops is named in zh and en; the original is unchanged', async () => {
      const input = path.join(dir, '自评表.xlsx');
      const bytes = await withExternalLink();
      fs.writeFileSync(input, bytes);
      const zh = await fixFile(input, path.join(dir, 'zh.xlsx'), { lang: 'zh' });
      expect(zh.analysis.tables.length).toBeGreaterThan(0);
      expect(zh.notKept).toContainEqual(expect.stringMatching(/^副本中没有原文件的外部链接（1 个）：.*原文件不变/));
      expect(readZip(fs.readFileSync(path.join(dir, 'zh.xlsx'))).files.has('xl/externalLinks/externalLink1.xml')).toBe(false);
      const en = await fixFile(input, path.join(dir, 'en.xlsx'), { lang: 'en' });
      expect(en.notKept).toContainEqual(expect.stringMatching(/^the copy lacks the original's external link\(s\) \(1\)/));
      expect(fs.readFileSync(input).equals(bytes)).toBe(true);
    });

    it('a workbook with nothing ExcelJS drops gets no such line', async () => {
      const input = path.join(dir, 'plain.xlsx');
      fs.writeFileSync(input, await workbookBuffer(SAMPLE_SHEETS));
      const res = await fixFile(input, path.join(dir, 'plain-out.xlsx'), { lang: 'zh' });
      expect(res.analysis.tables.length).toBeGreaterThan(0);
      expect(res.notKept.filter((l) => l.startsWith('副本中没有'))).toEqual([]);
    });
  });
});

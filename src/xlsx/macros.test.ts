// .xlsm through fix (issue 19): a copy named .xlsm keeps the original's VBA project byte for byte.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as XLSX from '@e965/xlsx';
import { editPart, editZip } from '../../test/fixtures/sheetjs-books';
import { SAMPLE_SHEETS } from '../../test/fixtures/sample';
import { workbookBuffer } from '../../test/fixtures/build';
import { corpusFile, withCorpus } from '../../test/support/corpus';
import { readWorkbookBuffer } from './read';
import { readZip } from './zip';
import { FixError, fixFile } from './write';

/** The VBA project of a real macro workbook: Apache POI's 57181.xlsm, from the shared corpus. */
const DONOR = corpusFile('apache+poi__test-data__spreadsheet__57181.xlsm');

/** The sample workbook (real published tables) with the donor's vbaProject.bin, as Excel saves an .xlsm. */
async function sampleXlsm(bin: Buffer): Promise<Buffer> {
  return editZip(await workbookBuffer(SAMPLE_SHEETS), (f) => {
    f.set('xl/vbaProject.bin', bin);
    editPart(f, 'xl/_rels/workbook.xml.rels', (x) =>
      x.replace(
        '</Relationships>',
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
      ),
    );
    editPart(f, '[Content_Types].xml', (x) =>
      x
        .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
        .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
    );
    const wb = f.get('xl/workbook.xml')!.toString('utf8');
    f.set('xl/workbook.xml', Buffer.from(wb.replace(/<workbookPr\b/, '<workbookPr codeName="DieseArbeitsmappe"')));
    const s1 = f.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    const withPr = /<sheetPr\b/.test(s1)
      ? s1.replace(/<sheetPr\b/, '<sheetPr codeName="Tabelle1"')
      : s1.replace(/(<worksheet\b[^>]*>)/, '$1<sheetPr codeName="Tabelle1"/>');
    f.set('xl/worksheets/sheet1.xml', Buffer.from(withPr));
  });
}

withCorpus('macros.test', () => {
  describe('fix on a workbook with macros (.xlsm)', () => {
    const bin = readZip(fs.readFileSync(DONOR)).files.get('xl/vbaProject.bin')!;
    let dir = '';
    beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-xlsm-'))));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('the fixture is what Excel writes: a macro-enabled main part, the VBA project, code names', async () => {
      const buf = await sampleXlsm(bin);
      const { files } = readZip(buf);
      expect(files.get('[Content_Types].xml')!.toString('utf8')).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
      expect(files.get('xl/workbook.xml')!.toString('utf8')).toMatch(/<workbookPr codeName="DieseArbeitsmappe"/);
      expect(files.get('xl/worksheets/sheet1.xml')!.toString('utf8')).toMatch(/<sheetPr codeName="Tabelle1"/);
    });

    it('a copy named .xlsm keeps vbaProject.bin byte for byte, its relationship, the macro content type and the code names', async () => {
      const input = path.join(dir, '自评表.xlsm');
      const output = path.join(dir, '自评表-已校验.xlsm');
      fs.writeFileSync(input, await sampleXlsm(bin));
      const res = await fixFile(input, output, { lang: 'zh' });
      expect(res.analysis.tables.length).toBeGreaterThan(0);
      expect(res.applied.written + res.applied.marked).toBeGreaterThan(0);
      expect(res.notKept.join('\n')).not.toMatch(/宏/);
      const out = fs.readFileSync(output);
      const { files } = readZip(out);
      expect(files.get('xl/vbaProject.bin')!.equals(bin)).toBe(true);
      expect(files.get('xl/_rels/workbook.xml.rels')!.toString('utf8')).toMatch(
        /Type="http:\/\/schemas\.microsoft\.com\/office\/2006\/relationships\/vbaProject" Target="vbaProject\.bin"/,
      );
      const ct = files.get('[Content_Types].xml')!.toString('utf8');
      expect(ct).toMatch(/PartName="\/xl\/workbook\.xml" ContentType="application\/vnd\.ms-excel\.sheet\.macroEnabled\.main\+xml"/);
      expect(ct).toMatch(/PartName="\/xl\/vbaProject\.bin" ContentType="application\/vnd\.ms-office\.vbaProject"/);
      expect(files.get('xl/workbook.xml')!.toString('utf8')).toMatch(/<workbookPr codeName="DieseArbeitsmappe"/);
      expect(files.get('xl/worksheets/sheet1.xml')!.toString('utf8')).toMatch(/<sheetPr codeName="Tabelle1"/);
      // SheetJS opens it and finds the same VBA project; our readers read the copy
      const book = XLSX.read(out, { type: 'buffer', bookVBA: true });
      expect(Buffer.from(book.vbaraw as Uint8Array).equals(bin)).toBe(true);
      expect(book.SheetNames).toEqual(SAMPLE_SHEETS.map((s) => s.name));
      const reread = await readWorkbookBuffer(out, output);
      expect(reread.sheets.map((s) => s.name)).toEqual(SAMPLE_SHEETS.map((s) => s.name));
    });

    it('a copy named .xlsx is macro-free and says how to keep the macros; an .xlsm copy of a macro-free workbook is refused', async () => {
      const input = path.join(dir, 'b.xlsm');
      fs.writeFileSync(input, await sampleXlsm(bin));
      const res = await fixFile(input, path.join(dir, 'b-out.xlsx'), { lang: 'zh' });
      expect(res.notKept[0]).toMatch(/宏（VBA）未写入副本.*-o .*b-out\.xlsm/);
      expect(readZip(fs.readFileSync(path.join(dir, 'b-out.xlsx'))).files.has('xl/vbaProject.bin')).toBe(false);
      const plain = path.join(dir, 'c.xlsx');
      fs.writeFileSync(plain, await workbookBuffer(SAMPLE_SHEETS));
      await expect(fixFile(plain, path.join(dir, 'c-out.xlsm'), { lang: 'zh' })).rejects.toThrow(FixError);
      await expect(fixFile(plain, path.join(dir, 'c-out.xlsm'), { lang: 'en' })).rejects.toThrow(/holds no macros.*use -o .*c-out\.xlsx/);
      expect(fs.existsSync(path.join(dir, 'c-out.xlsm'))).toBe(false);
    });
  });
});

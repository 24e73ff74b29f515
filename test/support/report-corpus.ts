// A folder of submissions for the report tests: real fixture tables in nested department folders,
// a workbook without tables, an unreadable .xls and .et, and files the walk must skip.
import { promises as fsp } from 'fs';
import * as path from 'path';
import { stack, workbookBuffer, type SheetSpec } from '../fixtures/build';
import {
  budgetList,
  fengtai,
  fengtaiNotes,
  jiangxiRubric,
  meetingMinutes,
  yuxiDepartment,
  yuxiEducation,
  yuxiFestival,
  yuxiOffice,
  yuxiReception,
} from '../fixtures/tables';

export interface Corpus {
  root: string;
  /** Workbooks the walk must find, in walk order. */
  found: string[];
  unreadable: string[];
  noTables: string[];
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export async function makeCorpus(root: string, copies = 1): Promise<Corpus> {
  const books: [string, SheetSpec[]][] = [];
  for (let i = 0; i < copies; i++) {
    const n = copies > 1 ? `-${i + 1}` : '';
    books.push(
      [`丰台/fengtai${n}.xlsx`, [{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]],
      [`江西/rubric${n}.xlsx`, [{ name: '评分', placed: [{ table: jiangxiRubric, at: 'A1' }] }]],
      [`玉溪/clean${n}.xlsx`, [{ name: '教育', placed: [{ table: yuxiEducation, at: 'A1' }] }]],
      [`玉溪/festival${n}.xlsx`, [{ name: '联欢', placed: [{ table: yuxiFestival, at: 'C3' }] }]],
      [`玉溪/office${n}.xlsx`, [{ name: '办公', placed: [{ table: yuxiOffice, at: 'B2' }] }]],
      [
        `玉溪/部门/mixed${n}.xlsx`,
        [
          { name: '项目', placed: stack([yuxiOffice, yuxiReception], 'A1', 2) },
          { name: '部门', placed: [{ table: yuxiDepartment, at: 'A1' }] },
          { name: '说明', placed: [{ table: fengtaiNotes, at: 'A1' }] },
        ],
      ],
    );
  }
  books.push([
    'decoys.xlsx',
    [
      { name: '预算', placed: [{ table: budgetList, at: 'A1' }] },
      { name: '纪要', placed: [{ table: meetingMinutes, at: 'A1' }] },
    ],
  ]);
  const found: string[] = [];
  for (const [rel, specs] of books) {
    const file = path.join(root, rel);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, await workbookBuffer(specs));
    found.push(file);
  }
  const legacy = path.join(root, '玉溪', 'legacy.xls');
  await fsp.writeFile(legacy, Buffer.concat([OLE, Buffer.alloc(600)]));
  const wps = path.join(root, '丰台', 'wps.et');
  await fsp.writeFile(wps, Buffer.from('not a workbook at all, just some bytes \u0001\u0002\u0003'.repeat(20)));
  // skipped by the walk: not a workbook extension, an Office lock file, a hidden file
  await fsp.writeFile(path.join(root, '玉溪', 'readme.txt'), '说明');
  await fsp.writeFile(path.join(root, '玉溪', '~$office.xlsx'), Buffer.alloc(165));
  await fsp.writeFile(path.join(root, '.hidden.xlsx'), Buffer.alloc(10));
  found.push(legacy, wps);
  return { root, found: sortLikeWalk(found, root), unreadable: [legacy, wps], noTables: [path.join(root, 'decoys.xlsx')] };
}

/** Depth-first, entries of each folder sorted by code unit, as the walk does. */
function sortLikeWalk(files: string[], root: string): string[] {
  const parts = (f: string) => path.relative(root, f).split(path.sep);
  return [...files].sort((a, b) => {
    const pa = parts(a);
    const pb = parts(b);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
      if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
    }
    return pa.length - pb.length;
  });
}

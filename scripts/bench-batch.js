// The `batch` bench: `ziping report` over a folder of workbooks vs ExcelJS only loading the same
// files one after another in one process. Used by scripts/bench.js and scripts/report-500.js.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const now = () => Number(process.hrtime.bigint()) / 1e9;
const r3 = (x) => Math.round(x * 1000) / 1000;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** `files` workbooks of `sheets` synthetic project tables (30 indicator rows) each, in a temp folder. */
async function writeCorpus(files, sheets) {
  const ExcelJS = require('exceljs');
  const { syntheticProjectTable } = require(path.join(root, 'build/bench/synthetic.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-batch-'));
  const inDir = path.join(dir, 'in');
  for (let f = 0; f < files; f++) {
    const wb = new ExcelJS.Workbook();
    for (let s = 0; s < sheets; s++) {
      const ws = wb.addWorksheet(`项目${s + 1}`);
      const t = syntheticProjectTable(30, f * 1000 + s + 1, `项目${f + 1}-${s + 1}`);
      // as submitted: the 偏差原因 column is filled (the synthetic table leaves it blank, which makes
      // every missed indicator an error; real submissions carry a handful of findings per table)
      for (let r = 9; r < t.values.length; r++)
        if (typeof t.values[r][4] === 'number' && t.values[r].length >= 10) t.values[r][9] = '受疫情影响，部分工作延期完成';
      t.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === undefined) return;
          const cell = ws.getCell(r + 1, c + 1);
          cell.value = v;
          const fm = t.formats[r] && t.formats[r][c];
          if (fm) cell.numFmt = fm;
        }),
      );
      for (const m of t.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    }
    const sub = path.join(inDir, `dept${f % 7}`);
    fs.mkdirSync(sub, { recursive: true });
    await wb.xlsx.writeFile(path.join(sub, `f${String(f).padStart(4, '0')}.xlsx`));
  }
  return { dir, inDir };
}

function listXlsx(d) {
  const out = [];
  for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) out.push(...listXlsx(p));
    else if (e.name.endsWith('.xlsx')) out.push(p);
  }
  return out;
}

/** Runs node with `args`; returns wall seconds and the process's peak RSS in MB (worker threads included). */
function timed(args, dir) {
  const hook = path.join(dir, 'rss-hook.js');
  const rssFile = path.join(dir, 'rss.txt');
  if (!fs.existsSync(hook))
    fs.writeFileSync(hook, `process.on('exit',()=>require('fs').writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`);
  const t0 = now();
  const r = spawnSync(process.execPath, ['-r', hook, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const t = now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.slice(0, 3).join(' ')} exited ${r.status}: ${r.stderr}`);
  return { t, rssMb: Math.round(Number(fs.readFileSync(rssFile, 'utf8')) / 1024) };
}

/**
 * Runs `runs` alternating rounds and returns medians:
 * { files, sheetsPerFile, jobs, seconds, excelJsSeconds, ratio, …, maxRssMb (report, all threads), excelJsMaxRssMb }.
 */
async function benchBatch({ files = 60, sheets = 12, runs = 3, jobs = null, html = false } = {}) {
  const bin = path.join(root, 'bin/ziping.js');
  if (!fs.existsSync(path.join(root, 'build/report/worker.js'))) throw new Error('build/report/worker.js is missing, run `npm run build:cli` first');
  const { dir, inDir } = await writeCorpus(files, sheets);
  const list = path.join(dir, 'files.json');
  fs.writeFileSync(list, JSON.stringify(listXlsx(inDir)));
  const loadOnly = `const W=require('exceljs').Workbook;(async()=>{for(const f of require(${JSON.stringify(list)}))await new W().xlsx.readFile(f);})()`;
  const out = path.join(dir, 'summary.xlsx');
  const args = [
    bin,
    'report',
    inDir,
    '-o',
    out,
    ...(html ? ['--html', path.join(dir, 'report.html')] : []),
    ...(jobs ? ['--jobs', String(jobs)] : []),
  ];
  const rep = [];
  const load = [];
  let rss = { report: 0, excelJs: 0 };
  for (let i = 0; i < runs; i++) {
    // alternate so both see the same machine state
    const l = timed(['-e', loadOnly], dir);
    const r = timed(args, dir);
    load.push(l.t);
    rep.push(r.t);
    rss = { report: Math.max(rss.report, r.rssMb), excelJs: Math.max(rss.excelJs, l.rssMb) };
  }
  // the report really covered every table
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const rows = wb.worksheets[0].rowCount - 1;
  fs.rmSync(dir, { recursive: true, force: true });
  if (rows !== files * sheets) throw new Error(`report listed ${rows} of ${files * sheets} tables`);
  const A = median(rep);
  const B = median(load);
  return {
    files,
    sheetsPerFile: sheets,
    jobs: jobs || 'auto',
    seconds: r3(A),
    excelJsSeconds: r3(B),
    ratio: r3(A / B),
    runs: rep.map(r3),
    excelJsRuns: load.map(r3),
    maxRssMb: rss.report,
    excelJsMaxRssMb: rss.excelJs,
  };
}

module.exports = { benchBatch, writeCorpus };

#!/usr/bin/env node
// `npm run bench` (after `npm run build`): engine, CLI vs ExcelJS load, Office sync counts, WPS call counts, bundle sizes.
// Prints a table and writes bench/results.json. `--quick` runs small sizes (CI keeps the script working).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const quick = process.argv.includes('--quick');
const need = (p) => {
  const f = path.join(root, p);
  if (!fs.existsSync(f)) {
    console.error(`bench: ${p} is missing, run \`npm run build\` first`);
    process.exit(2);
  }
  return f;
};

const onlyWps = process.argv.includes('--only=wps');
// `--only=wps` needs only build/bench-office (tsc -p tsconfig.bench.json)
const { analyzeWorkbook } = onlyWps ? {} : require(need('build/core/index.js'));
const { syntheticSheet, syntheticProjectTable } = onlyWps ? {} : require(need('build/bench/synthetic.js'));
const ExcelJS = require('exceljs');
const { benchBatch } = require('./bench-batch');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r3 = (x) => Math.round(x * 1000) / 1000;
const now = () => Number(process.hrtime.bigint()) / 1e9;

// ---- engine: recognise + score + rules over N tables of ~30 indicator rows, in memory ----
function benchEngine() {
  const tables = quick ? 100 : 1000;
  const perSheet = 10;
  const sheets = [];
  for (let i = 0; i < tables / perSheet; i++) sheets.push(syntheticSheet(`S${i}`, perSheet, 30, i + 1));
  analyzeWorkbook(sheets); // warm up
  const runs = [];
  let res;
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const t0 = now();
    res = analyzeWorkbook(sheets);
    runs.push(now() - t0);
  }
  if (res.tables.length !== tables) throw new Error(`engine recognised ${res.tables.length} of ${tables} tables`);
  const indicatorRows = res.tables.reduce((a, t) => a + t.indicators.length, 0);
  return { tables, indicatorRows, seconds: r3(median(runs)), runs: runs.map(r3) };
}

// ---- cli: `ziping check` on a 200-sheet workbook vs ExcelJS only loading it ----
async function writeWorkbook(file, sheetsCount) {
  const wb = new ExcelJS.Workbook();
  for (let s = 0; s < sheetsCount; s++) {
    const ws = wb.addWorksheet(`项目${s + 1}`);
    const t = syntheticProjectTable(30, s + 1, `项目${s + 1}`);
    t.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = v;
        const f = t.formats[r] && t.formats[r][c];
        if (f) cell.numFmt = f;
      }),
    );
    for (const m of t.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  await wb.xlsx.writeFile(file);
}

function timeNode(args) {
  const t0 = now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const t = now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { t, out: r.stdout };
}

async function benchCli() {
  const sheets = quick ? 20 : 200;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-bench-'));
  const file = path.join(dir, 'bench.xlsx');
  await writeWorkbook(file, sheets);
  const bin = need('bin/ziping.js');
  const loadOnly = `require(${JSON.stringify(require.resolve('exceljs'))});const W=require('exceljs').Workbook;new W().xlsx.readFile(${JSON.stringify(file)}).then(()=>{})`;
  const cli = [];
  const load = [];
  let tablesSeen = 0;
  for (let i = 0; i < (quick ? 1 : 7); i++) {
    // alternate so both see the same machine state
    load.push(timeNode(['-e', loadOnly]).t);
    const c = timeNode([bin, 'check', file, '--json']);
    cli.push(c.t);
    tablesSeen = JSON.parse(c.out).files[0].tables.length;
  }
  if (tablesSeen !== sheets) throw new Error(`cli recognised ${tablesSeen} of ${sheets} tables`);
  const A = median(cli);
  const B = median(load);
  fs.rmSync(dir, { recursive: true, force: true });
  return { workbookSheets: sheets, fileBytes: null, cliSeconds: r3(A), exceljsLoadSeconds: r3(B), ratio: r3(A / B) };
}

// ---- reader: the fast .xlsx path (what check uses), SheetJS's full reader (its fall-back) and ExcelJS (the first reader) turning the same file into grids ----
async function benchReader() {
  const sheets = quick ? 20 : 200;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-bench-'));
  const file = path.join(dir, 'bench.xlsx');
  await writeWorkbook(file, sheets);
  const read = need('build/xlsx/read.js');
  const f = JSON.stringify(file);
  const r = JSON.stringify(read);
  // each in a fresh process, timed inside it from before the first require to the last grid
  const timed = (opts) =>
    `const t=process.hrtime.bigint();require(${r}).readWorkbookFile(${f},${opts}).then((x)=>{if(x.sheets.length!==${sheets})process.exit(3);console.log(Number(process.hrtime.bigint()-t)/1e9)})`;
  const fast = timed('{}');
  const sheetjs = timed('{fullReader:true}');
  const exceljs = `const t=process.hrtime.bigint();const R=require(${r});const W=require('exceljs/lib/doc/workbook');const wb=new W();wb.xlsx.readFile(${f}).then(()=>{if(R.workbookToGrids(wb).length!==${sheets})process.exit(3);console.log(Number(process.hrtime.bigint()-t)/1e9)})`;
  const a = [];
  const b = [];
  const c = [];
  for (let i = 0; i < (quick ? 1 : 7); i++) {
    b.push(Number(timeNode(['-e', exceljs]).out));
    a.push(Number(timeNode(['-e', sheetjs]).out));
    c.push(Number(timeNode(['-e', fast]).out));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const A = median(a);
  const B = median(b);
  const C = median(c);
  return {
    workbookSheets: sheets,
    fastSeconds: r3(C),
    sheetjsSeconds: r3(A),
    excelJsSeconds: r3(B),
    ratio: r3(C / B),
    sheetjsRatio: r3(A / B),
    fastRuns: c.map(r3),
    sheetjsRuns: a.map(r3),
    excelJsRuns: b.map(r3),
  };
}

// ---- office: sync and queued-operation counts through the fake Excel host ----
async function benchOffice() {
  const mod = path.join(root, 'build/bench-office/test/support/measure.js');
  if (!fs.existsSync(mod)) return null;
  const { measureRecompute } = require(mod);
  const out = { excelApi: '1.7', syncsByRows: {}, opsByRows: {}, byApi: {} };
  for (const api of ['1.7', '1.9', '1.18']) {
    const row = { syncsByRows: {}, opsByRows: {} };
    for (const rows of [10, 100, 1000]) {
      const m = await measureRecompute(rows, { excelApi: api });
      if (m.outcome.status !== 'ok') throw new Error(`office recompute at ${rows} rows on ${api}: ${m.outcome.status}`);
      row.syncsByRows[rows] = m.syncs;
      row.opsByRows[rows] = m.ops;
    }
    out.byApi[api] = row;
  }
  // the baseline (ExcelApi 1.7, Office 2019) is the headline
  out.syncsByRows = out.byApi['1.7'].syncsByRows;
  out.opsByRows = out.byApi['1.7'].opsByRows;
  return out;
}

// ---- office.live: syncs and queued writes per edit of the live check, through the fake host ----
async function benchOfficeLive() {
  const mod = path.join(root, 'build/bench-office/test/support/measure-live.js');
  if (!fs.existsSync(mod)) return null;
  const { measureLive } = require(mod);
  const byApi = {};
  for (const api of ['1.7', '1.18']) {
    const m = await measureLive([10, 100, 1000], { excelApi: api });
    if (m.violations.length) throw new Error(`office.live on ${api}: ${m.violations.join('; ')}`);
    byApi[api] = { syncsPerEditByRows: m.syncsPerEditByRows, writesPerEdit: m.writesPerEdit, opsPerEditByRows: m.opsPerEditByRows };
  }
  // the baseline (ExcelApi 1.7) is the headline
  return {
    syncsPerEditByRows: byApi['1.7'].syncsPerEditByRows,
    writesPerEdit: Math.max(byApi['1.7'].writesPerEdit, byApi['1.18'].writesPerEdit),
    byApi,
  };
}

// ---- wps: calls into the ET object model per recompute, through the fake ET host ----
// A table whose added rows are uniform (every target met) must cost the same calls at every size;
// the default synthetic table (about half its rows marked) adds one AddComment per note.
function benchWps() {
  const mod = path.join(root, 'build/bench-office/test/support/measure-wps.js');
  if (!fs.existsSync(mod)) return null;
  const { measureWpsRecompute } = require(mod);
  const row = (opts) => {
    const callsByRows = {};
    const readCallsByRows = {};
    const notesByRows = {};
    for (const rows of [10, 100, 1000]) {
      const m = measureWpsRecompute(rows, 1, opts);
      if (m.outcome.status !== 'ok') throw new Error(`wps recompute at ${rows} rows: ${m.outcome.status}`);
      callsByRows[rows] = m.calls;
      readCallsByRows[rows] = m.readCalls;
      notesByRows[rows] = m.outcome.written.notes;
    }
    return { callsByRows, readCallsByRows, notesByRows, ratio: r3(callsByRows[1000] / callsByRows[10]) };
  };
  return { uniform: row({ uniform: true }), marked: row({}) };
}

function wpsGoals(w) {
  if (!w) return [['wps', 'build/bench-office missing', '—', 'not measured']];
  const u = w.uniform;
  const m = w.marked;
  const c = Object.values(u.callsByRows);
  return [
    [
      'wps',
      `calls 10/100/1000 uniform rows: ${c.join('/')}`,
      `ratio 1000/10 ${u.ratio}`,
      c[2] - c[0] <= 4 ? 'met (constant in rows)' : 'MISSED (constant in rows)',
    ],
    [
      'wps.marked',
      `calls 10/100/1000 rows: ${Object.values(m.callsByRows).join('/')}`,
      `notes ${Object.values(m.notesByRows).join('/')}, reads ${Object.values(m.readCallsByRows).join('/')}`,
      '— (1 AddComment per note)',
    ],
  ];
}

// ---- summary: 生成汇总表's round trips at 1 / 5 / 20 tables (Excel syncs; WPS calls) ----
async function benchSummary() {
  const mod = path.join(root, 'build/bench-office/test/support/measure-summary.js');
  if (!fs.existsSync(mod)) return null;
  const { measureSummary } = require(mod);
  const out = { officeSyncsByTables: {}, wpsCallsByTables: {}, wpsWriteCallsByTables: {} };
  for (const n of [1, 5, 20]) {
    const m = await measureSummary(n);
    out.officeSyncsByTables[n] = m.officeSyncs;
    out.wpsCallsByTables[n] = m.wpsCalls;
    out.wpsWriteCallsByTables[n] = m.wpsWriteCalls;
  }
  return out;
}

function summaryGoals(sm) {
  if (!sm) return [['summary', 'build/bench-office missing', '—', 'not measured']];
  const sy = Object.values(sm.officeSyncsByTables);
  const wr = Object.values(sm.wpsWriteCallsByTables);
  // WPS: a link per table (its Range and its Hyperlinks.Add), everything else fixed
  const perTable = (wr[2] - wr[1]) / 15;
  return [
    [
      'summary',
      `office 1.7 syncs 1/5/20 tables: ${sy.join('/')}`,
      `wps writes ${wr.join('/')} (+${perTable}/table), all ${Object.values(sm.wpsCallsByTables).join('/')}`,
      sy.every((x) => x === sy[0]) && perTable <= 2 ? 'met (constant; ≤ 2 per link)' : 'MISSED (constant; ≤ 2 per link)',
    ],
  ];
}

// ---- bundles ----
function benchBundles() {
  const gz = (f) => {
    const p = path.join(root, 'dist', f);
    return fs.existsSync(p) ? zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length : null;
  };
  return { taskpaneGzipBytes: gz('taskpane.js'), commandsGzipBytes: gz('commands.js') };
}

(async () => {
  if (onlyWps) {
    // `npm run bench -- --only=wps`: the WPS rows alone (nothing written)
    const w = [12, 52, 28, 24];
    for (const g of wpsGoals(benchWps())) console.log(g.map((x, i) => String(x).padEnd(w[i])).join(' '));
    return;
  }
  const results = {
    date: new Date().toISOString(),
    quick,
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0] && os.cpus()[0].model,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    engine: benchEngine(),
    cli: await benchCli(),
    reader: process.argv.includes('--no-reader') ? null : await benchReader(),
    // `ziping report` over a folder of workbooks vs ExcelJS loading them one after another
    batch: await benchBatch(quick ? { files: 8, sheets: 2, runs: 1 } : { files: 60, sheets: 20, runs: 3 }),
    office: await benchOffice(),
    wps: benchWps(),
    summary: await benchSummary(),
    bundles: benchBundles(),
  };
  const goals = [
    [
      'engine',
      `${results.engine.tables} tables, ${results.engine.indicatorRows} rows`,
      `${results.engine.seconds} s`,
      quick ? '—' : results.engine.seconds < 1 ? 'met (< 1 s)' : 'MISSED (< 1 s)',
    ],
    [
      'cli',
      `${results.cli.workbookSheets} sheets: check ${results.cli.cliSeconds} s / load ${results.cli.exceljsLoadSeconds} s`,
      `ratio ${results.cli.ratio}`,
      results.cli.ratio <= 1.3 ? 'met (≤ 1.3)' : 'MISSED (≤ 1.3)',
    ],
  ];
  if (results.reader) {
    const rd = results.reader;
    goals.push([
      'reader',
      `${rd.workbookSheets} sheets to grids: fast ${rd.fastSeconds} s / SheetJS ${rd.sheetjsSeconds} s / ExcelJS ${rd.excelJsSeconds} s`,
      `ratio ${rd.ratio}`,
      '—',
    ]);
  }
  goals.push([
    'batch',
    `${results.batch.files} files: report ${results.batch.seconds} s / load ${results.batch.excelJsSeconds} s`,
    `ratio ${results.batch.ratio}`,
    quick ? '—' : results.batch.ratio <= 0.75 ? 'met (≤ 0.75)' : 'MISSED (≤ 0.75)',
  ]);
  if (results.office) {
    for (const [api, row] of Object.entries(results.office.byApi)) {
      const sy = Object.values(row.syncsByRows);
      goals.push([
        `office ${api}`,
        `syncs 10/100/1000 rows: ${sy.join('/')}`,
        `ops ${Object.values(row.opsByRows).join('/')}`,
        sy.every((x) => x === sy[0] && x <= 3) ? 'met (≤ 3, constant)' : 'MISSED (≤ 3, constant)',
      ]);
    }
  } else goals.push(['office', 'build/bench-office missing', '—', 'not measured']);
  if (results.office) {
    results.office.live = await benchOfficeLive();
    const l = results.office.live;
    if (l) {
      const sy = Object.values(l.syncsPerEditByRows);
      goals.push([
        'office.live',
        `syncs/edit 10/100/1000 rows: ${sy.join('/')}`,
        `writes/edit ${l.writesPerEdit}`,
        sy.every((x) => x === sy[0] && x <= 2) && l.writesPerEdit === 0 ? 'met (≤ 2, constant, 0 writes)' : 'MISSED (≤ 2, constant, 0 writes)',
      ]);
    }
  }
  goals.push(...wpsGoals(results.wps));
  goals.push(...summaryGoals(results.summary));
  const b = results.bundles;
  goals.push([
    'bundles',
    `taskpane ${b.taskpaneGzipBytes ?? '—'} B gz`,
    `commands ${b.commandsGzipBytes ?? '—'} B gz`,
    b.commandsGzipBytes !== null && b.commandsGzipBytes < 150 * 1024
      ? 'met (< 150 KB)'
      : b.commandsGzipBytes === null
        ? 'not built'
        : 'MISSED (< 150 KB)',
  ]);
  console.log(`ziping bench ${quick ? '(quick) ' : ''}— ${results.machine.cores} cores, node ${results.machine.node}, ${results.date}`);
  const w = [12, 52, 28, 24];
  for (const g of goals) console.log(g.map((x, i) => String(x).padEnd(w[i])).join(' '));
  fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', quick ? 'results.quick.json' : 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`written bench/${quick ? 'results.quick.json' : 'results.json'}`);
})().catch((e) => {
  console.error(`bench failed: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});

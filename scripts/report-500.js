#!/usr/bin/env node
// One-off measurement (not part of `npm run bench`, not a test): `ziping report --html` over 500
// workbooks of 3 tables each, vs ExcelJS only loading them in one process. `npm run build:cli` first.
// Usage: node scripts/report-500.js [files] [sheetsPerFile]
'use strict';
const { benchBatch } = require('./bench-batch');

const files = Number(process.argv[2] || 500);
const sheets = Number(process.argv[3] || 3);
benchBatch({ files, sheets, runs: 1, html: true }).then(
  (r) => console.log(JSON.stringify({ date: new Date().toISOString(), ...r }, null, 2)),
  (e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  },
);

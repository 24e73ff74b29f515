#!/usr/bin/env node
'use strict';
// Regenerates examples/sample.xlsx from the seed fixtures in test/fixtures (see test/fixtures/sample.ts).
// Usage: node scripts/make-sample.js [out.xlsx]
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

// Load the TypeScript fixtures directly: transpile on require, no type checking.
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  });
  module._compile(out.outputText, filename);
};

const root = path.join(__dirname, '..');
const { workbookBuffer } = require(path.join(root, 'test', 'fixtures', 'build.ts'));
const { SAMPLE_SHEETS } = require(path.join(root, 'test', 'fixtures', 'sample.ts'));

(async () => {
  const out = path.resolve(process.argv[2] || path.join(root, 'examples', 'sample.xlsx'));
  fs.writeFileSync(out, await workbookBuffer(SAMPLE_SHEETS));
  console.log(`wrote ${path.relative(process.cwd(), out) || out}: ${SAMPLE_SHEETS.map((s) => s.name).join(', ')}`);
})().catch((e) => {
  console.error(`make-sample: ${e.message}`);
  process.exitCode = 1;
});

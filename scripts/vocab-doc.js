#!/usr/bin/env node
// Rewrites the generated part of docs/vocabulary.md from src/core/vocab.ts (after `npm run build:cli`).
// test/core/vocabulary.test.ts fails until the page and the tables agree.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const built = path.join(root, 'build/core/vocab-doc.js');
if (!fs.existsSync(built)) {
  console.error('vocab-doc: build/core/vocab-doc.js is missing, run `npm run build:cli` first');
  process.exit(2);
}
const md = require(built).vocabularyMarkdown();
const doc = path.join(root, 'docs/vocabulary.md');
const text = fs.readFileSync(doc, 'utf8');
const out = text.replace(/<!-- vocab:start -->\n[\s\S]*?\n+<!-- vocab:end -->/, () => `<!-- vocab:start -->\n${md}\n\n<!-- vocab:end -->`);
fs.writeFileSync(doc, out);
console.log(out === text ? 'docs/vocabulary.md is up to date' : 'docs/vocabulary.md rewritten');

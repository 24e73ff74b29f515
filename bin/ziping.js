#!/usr/bin/env node
'use strict';
const path = require('path');
const fs = require('fs');
const built = path.join(__dirname, '..', 'build', 'cli', 'main.js');
if (!fs.existsSync(built)) {
  console.error('ziping: not built yet, run `npm run build:cli` first');
  process.exit(2);
}
require(built)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

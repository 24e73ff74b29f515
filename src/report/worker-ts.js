// Development entry of the pool's worker when the code runs from the TypeScript sources (jest):
// compiles the sources on require with the project's typescript, then loads worker.ts (or workerData.entry). The compiled
// build uses build/report/worker.js directly and never loads this file.
'use strict';
const fs = require('fs');
const ts = require('typescript');

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = (module, filename) => {
    const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, sourceMap: false },
    });
    module._compile(out.outputText, filename);
  };
}
// the pool's worker, or the thread named in workerData (the summary writer)
const { workerData } = require('worker_threads');
module.exports = require((workerData && workerData.entry) || './worker.ts');

// src/wps's ET surface (src/wps/et-api.ts) must be a subset of the official typings: type-check
// et-api.check.ts against et-jsapi-declare (a devDependency, used unmodified).
import * as path from 'path';
import * as ts from 'typescript';

function diagnostics(file: string): string[] {
  const root = path.resolve(__dirname, '../..');
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2020,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ['et-jsapi-declare'],
    typeRoots: [path.join(root, 'node_modules')],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

it('the real WPS Application satisfies the src/wps surface', () => {
  expect(diagnostics(path.resolve(__dirname, '../../src/wps/et-api.check.ts'))).toEqual([]);
}, 60000);

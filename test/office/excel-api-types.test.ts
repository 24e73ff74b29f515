// The adapter's Excel surface (src/office/excel-api.ts) must be a subset of the real
// Excel JavaScript API: type-check excel-api.check.ts against @types/office-js.
import * as path from 'path';
import * as ts from 'typescript';

it('the real Excel.RequestContext satisfies the adapter surface', () => {
  const root = path.resolve(__dirname, '../..');
  const file = path.join(root, 'src/office/excel-api.check.ts');
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2020,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ['office-js'],
    typeRoots: [path.join(root, 'node_modules/@types')],
  });
  const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(diags).toEqual([]);
}, 60000);

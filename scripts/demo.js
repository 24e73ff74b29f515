#!/usr/bin/env node
'use strict';
// `npm run demo`: checks examples/sample.xlsx, then writes an annotated copy. Needs `npm run build:cli`.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const built = path.join(root, 'build', 'cli', 'main.js');
if (!fs.existsSync(built)) {
  console.error('demo: 缺少 build/cli/main.js，请先运行 npm run build:cli');
  process.exit(2);
}
const { main } = require(built);

(async () => {
  process.chdir(root);
  const sample = path.join('examples', 'sample.xlsx');
  const copy = path.join('examples', 'sample.checked.xlsx');

  console.log(`$ ziping check ${sample}\n`);
  const code = await main(['check', sample]);
  console.log(code === 1 ? '\n（退出码 1：示例中保留了公开报告里的真实错误，这是预期结果）\n' : `\n（退出码 ${code}：示例本应包含错误，请检查）\n`);

  console.log(`$ ziping fix ${sample} -o ${copy}\n`);
  const fixed = await main(['fix', sample, '-o', copy]);
  if (fixed !== 0) {
    console.error('demo: fix 未能写出副本');
    process.exitCode = fixed;
    return;
  }
  console.log(`\n请用 Excel 打开 ${path.resolve(copy)}：计算出的执行率、得分已填入，`);
  console.log('有问题的单元格已标色（红色为错误，黄色为警告），批注中说明了原因；原文件未被修改。');
})().catch((e) => {
  console.error(`demo: ${e.message}`);
  process.exitCode = 2;
});

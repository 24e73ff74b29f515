#!/usr/bin/env node
'use strict';
// `npm run package`: a zip for an intranet web server that needs no Node.
//   ZIPING_URL=https://oa.example.gov.cn/ziping/ npm run package   → ziping-addin-<version>.zip
// Builds dist/ (office.js bundled: ZIPING_OFFICE_JS=local unless set), then zips what the server and
// the users need: web/ (the pages, scripts, icons, office.js and an IIS web.config), manifest.xml for
// ZIPING_URL, server/nginx-ziping.conf and 部署说明.txt. No source maps, no tests, no preview.
// `--no-build` zips an existing dist/. makePackage() is what the test runs on a small dist.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const JSZip = require('jszip');

const ROOT = path.join(__dirname, '..');

/** Files of dist/ that go to web/ (everything else in dist/ stays out). */
const WEB_FILES = [
  /^(taskpane|commands|dialog)\.(html|js)$/,
  /^(taskpane|commands|dialog)\.js\.LICENSE\.txt$/, // third-party licence notices of the bundles
  /^legacy\.js$/,
  /^(taskpane|dialog)\.css$/,
  /^assets\/[\w-]+\.png$/,
  /^office-js\/(?:[\w-]+\/)?[\w.-]+\.js$/,
];
/** Without these the add-in does not load. */
const REQUIRED = ['taskpane.html', 'taskpane.js', 'commands.html', 'commands.js', 'dialog.html', 'dialog.js', 'legacy.js'];

function withSlash(u) {
  return u.endsWith('/') ? u : `${u}/`;
}

/** The ZIPING_URL, checked: https, a path ending in /. */
function checkUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    u = null;
  }
  if (!u || u.protocol !== 'https:' || u.search || u.hash) {
    throw new Error(`ZIPING_URL="${url}": 需要 https:// 开头的地址，例如 https://oa.example.gov.cn/ziping/`);
  }
  return new URL(withSlash(u.href));
}

function listFiles(dir, base = dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

function nginxConf(u) {
  const p = u.pathname; // e.g. /ziping/
  return `# 绩效自评助手：nginx 示例配置（放进已配置好 HTTPS 证书的 server { listen 443 ssl; … } 中）
# 地址：${u.href}
# 把 zip 里的 web/ 目录复制到 /srv/ziping/web/（路径可改，改后与下面的 alias 保持一致）。
#
# 缓存：图标（assets/）不发送任何 Cache-Control 头：微软要求托管图标的服务器不在响应头中加
#       CACHE-CONTROL 指令，否则 Office 会换成通用的默认图标（清单 Image 元素说明）；浏览器和 Office
#       按 Last-Modified/ETag 缓存。换图标时请改文件名。
#       页面和脚本（.html/.js/.css）用 no-cache，更新后用户下次打开即生效。
# 不要添加 X-Frame-Options 或 Content-Security-Policy frame-ancestors：Excel 网页版在框架中显示加载项。
# 注意：location 中只要有 add_header，上层 server/http 的 add_header 就不再继承，
#       所以这里的配置也会去掉上层（等保加固模板）统一添加的 X-Frame-Options 和 Cache-Control；
#       图标的 location 为此只加一个无害的 X-Content-Type-Options。

location ^~ ${p}assets/ {
    alias /srv/ziping/web/assets/;
    expires off;
    add_header X-Content-Type-Options "nosniff" always;
}

location ^~ ${p} {
    alias /srv/ziping/web/;
    index taskpane.html;
    charset utf-8;
    charset_types text/html text/css application/javascript;
    add_header Cache-Control "no-cache" always;
    location ~ /web\\.config$ {
        deny all;
    }
}
`;
}

const WEB_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<!-- 绩效自评助手：IIS 配置（与页面放在同一目录，即站点或虚拟目录的根）。
     页面和脚本 no-cache（更新后立即生效）；assets/ 中的图标不发送 Cache-Control（微软要求图标响应
     不带 CACHE-CONTROL 指令，否则 Office 换成默认图标；换图标时改文件名）。
     不发送 X-Frame-Options：Excel 网页版在框架中显示加载项。需要 HTTPS 绑定和受信任的证书。 -->
<configuration>
  <system.webServer>
    <staticContent>
      <clientCache cacheControlMode="DisableCache" />
      <remove fileExtension=".js" />
      <mimeMap fileExtension=".js" mimeType="application/javascript; charset=utf-8" />
    </staticContent>
    <httpProtocol>
      <customHeaders>
        <remove name="X-Frame-Options" />
      </customHeaders>
    </httpProtocol>
    <defaultDocument>
      <files>
        <clear />
        <add value="taskpane.html" />
      </files>
    </defaultDocument>
  </system.webServer>
  <location path="assets">
    <system.webServer>
      <staticContent>
        <clientCache cacheControlMode="NoControl" />
      </staticContent>
    </system.webServer>
  </location>
</configuration>
`;

function readme(u, version, officeJs) {
  const officeLine =
    officeJs === 'local'
      ? 'Office.js 已随附在 web/office-js/ 中，用户电脑不需要访问互联网。注意：随附的 Office.js（npm 1.1.110）没有“备注”接口，在 Microsoft 365 上标记只有填充色，没有备注；自检会显示这一点。'
      : `Office.js 从 ${officeJs} 加载：用户电脑必须能访问该地址（代理放行）。`;
  return `绩效自评助手（Excel 加载项）部署说明  版本 ${version}
================================================

加载项地址：${u.href}

本压缩包内容
  manifest.xml            加载项清单，地址已写为上面的地址；分发给用户或上传到管理中心
  web/                    放到 Web 服务器上的全部文件（页面、脚本、图标、Office.js）
  web/web.config          IIS 配置（图标不带 Cache-Control，页面和脚本 no-cache，不发送 X-Frame-Options）
  server/nginx-ziping.conf  nginx 示例配置（同样的缓存规则）
  部署说明.txt            本文件

服务器不需要 Node.js，只需能提供静态文件的 HTTPS 服务器（nginx、IIS、Apache 等）。

一、放置文件
  1. 把 web/ 目录中的全部文件复制到服务器，使 ${u.href}taskpane.html 能打开。
  2. IIS：web/ 目录就是站点（或虚拟目录 ${u.pathname}）的根目录，web.config 已在其中。
     nginx：参考 server/nginx-ziping.conf，把其中内容放进 HTTPS 的 server 块。
  3. 证书必须被 Windows 证书存储信任（Office 使用系统的证书存储）：RSA 或 ECDSA、SHA-2 签名、
     支持 TLS 1.2；不要只用国密 SM2 证书（Office 内嵌浏览器无法建立连接）。
  4. 不要添加 X-Frame-Options 或 frame-ancestors 响应头。
  5. ${officeLine}

二、检查服务器
  在用户电脑上用浏览器打开 ${u.href}taskpane.html ：应显示“绩效自评助手”页面（浏览器中会提示
  不在 Office 中），地址栏无证书警告。再打开 ${u.href}assets/icon-32.png 应显示图标。

三、分发给用户（任选其一，详见项目文档 docs/deploy.md）
  A. 共享文件夹目录（无 Microsoft 365 的单位常用；微软说明此方式“不支持用于生产”，仅 Windows）：
     把 manifest.xml 放到共享文件夹，在“文件 → 选项 → 信任中心 → 信任中心设置 → 受信任的加载项目录”
     中添加该共享路径并勾选“显示在菜单中”（或用组策略/注册表
     HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\TrustedCatalogs 批量配置），重启 Excel 后在
     “插入 → 我的加载项 → 共享文件夹”中添加“绩效自评助手”。
  B. Microsoft 365 管理中心集中部署（世纪互联版本同样使用“集中部署”）：上传 manifest.xml，指定用户。

四、更新
  把新版本的 web/ 覆盖到服务器即可。若新版本的 manifest.xml 改动了功能区（按钮、版本号），
  共享文件夹方式下每位用户需要重新添加加载项，并清除缓存目录
  %LOCALAPPDATA%\\Microsoft\\Office\\16.0\\Wef\\ 后重启 Excel。

五、验收
  在 Excel 中打开任一工作簿 → 打开“绩效自评助手”窗格 → “关于 / 诊断” → “运行自检” →
  “复制自检结果”，把结果发给项目组。FAIL 行表示该项在本机 Excel 上不成立。
  .xls（兼容模式）工作簿：加载项是否可用尚未确认，请先另存为 .xlsx。
`;
}

/**
 * Zips `distDir` for `url`: web/ (allow-listed files + web.config), manifest.xml for url, the nginx
 * sample and 部署说明.txt. Returns { file, entries }.
 */
async function makePackage({ distDir, url, outFile, version, officeJs = 'local', manifestSource = path.join(ROOT, 'manifest.xml') }) {
  const u = checkUrl(url);
  const files = listFiles(distDir);
  const missing = REQUIRED.filter((f) => !files.includes(f));
  if (missing.length) throw new Error(`dist/ 缺少 ${missing.join(', ')}：请先构建（npm run build）`);
  const web = files.filter((f) => WEB_FILES.some((re) => re.test(f)));
  const html = fs.readFileSync(path.join(distDir, 'taskpane.html'), 'utf8');
  if (officeJs === 'local' && !(/src="?office-js\/office\.js\b/.test(html) && web.includes('office-js/office.js'))) {
    throw new Error('dist/ 没有随附 Office.js：请用 ZIPING_OFFICE_JS=local 构建');
  }
  const { transformManifest } = require(path.join(ROOT, 'webpack.config.js'));
  const manifest = transformManifest(fs.readFileSync(manifestSource), u.href).toString('utf8');

  const zip = new JSZip();
  const date = new Date(Date.UTC(2020, 0, 1)); // fixed: the same build gives the same zip
  const put = (name, data) => zip.file(name, data, { date, createFolders: false });
  put('部署说明.txt', readme(u, version, officeJs).replace(/\n/g, '\r\n')); // Notepad on older Windows
  put('manifest.xml', manifest);
  put('server/nginx-ziping.conf', nginxConf(u));
  put('web/web.config', WEB_CONFIG);
  for (const f of web) put(`web/${f}`, fs.readFileSync(path.join(distDir, f)));
  const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
  fs.writeFileSync(outFile, buf);
  return { file: outFile, entries: Object.keys(zip.files).sort() };
}

async function main() {
  const url = process.env.ZIPING_URL;
  if (!url) {
    console.error('package: 请用 ZIPING_URL 指定加载项的 HTTPS 地址，例如\n  ZIPING_URL=https://oa.example.gov.cn/ziping/ npm run package');
    process.exit(2);
  }
  checkUrl(url);
  const officeJs = process.env.ZIPING_OFFICE_JS || 'local';
  if (!process.argv.includes('--no-build')) {
    const webpackCli = require.resolve('webpack-cli/bin/cli.js');
    const r = spawnSync(process.execPath, [webpackCli, '--mode', 'production'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ZIPING_URL: url, ZIPING_OFFICE_JS: officeJs, ZIPING_SHARED_RUNTIME: '' },
    });
    if (r.status !== 0) process.exit(r.status || 1);
  }
  const { version } = require(path.join(ROOT, 'package.json'));
  const outFile = path.join(ROOT, `ziping-addin-${version}.zip`);
  const { entries } = await makePackage({ distDir: path.join(ROOT, 'dist'), url, outFile, version, officeJs });
  console.log(`package: ${path.relative(process.cwd(), outFile)} (${entries.length} 个文件, ${(fs.statSync(outFile).size / 1024).toFixed(0)} KB)`);
}

module.exports = { makePackage, nginxConf, WEB_FILES };

if (require.main === module) {
  main().catch((e) => {
    console.error(`package: ${e.message}`);
    process.exit(1);
  });
}

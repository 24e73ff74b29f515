// Builds the add-in (task pane, function file, dialog) and the browser preview.
//   npm run build                  production: dist/ with manifest.xml for ZIPING_URL
//   npm run preview                dev server with the preview page (http://localhost:3000/preview.html)
//   npm run dev-server / npm start dev server over HTTPS for sideloading (manifest.xml → localhost:3000)
// Environment:
//   ZIPING_URL=https://host/path/   production URL written into dist/manifest.xml
//   ZIPING_OFFICE_JS=local          ship office.js in dist/office-js/ instead of the Microsoft CDN
//   ZIPING_PORT=3000                dev server port
'use strict';
const path = require('path');
const fs = require('fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const DEFAULT_PROD_URL = 'https://ziping.example.gov.cn/addin/';
const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_DIST = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));

function withSlash(u) {
  return u.endsWith('/') ? u : `${u}/`;
}

/** Content-Security-Policy for every page: only 'self' and (when used) the Office.js CDN. */
function csp(useCdn) {
  const cdn = useCdn ? ' https://appsforoffice.microsoft.com' : '';
  return [
    "default-src 'self'",
    `script-src 'self'${cdn}`,
    `connect-src 'self'${cdn}`,
    // Fluent UI (Griffel) inserts rules through CSSOM into empty <style> elements: allowing the
    // hash of the empty string admits those elements without 'unsafe-inline'.
    "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * dist/manifest.xml: the dev manifest with the URL replaced. With `sharedRuntime` the ribbon
 * functions run in the task pane's runtime (SharedRuntime 1.1: Microsoft 365 only, not Office 2019),
 * which lets 提交前校验 open the task pane when it finds errors.
 */
function transformManifest(content, url, sharedRuntime = false) {
  let xml = content.toString('utf8').split(DEV_URL).join(withSlash(url));
  if (sharedRuntime) {
    xml = xml
      .replace('<Host xsi:type="Workbook">', '<Host xsi:type="Workbook">\n        <Runtimes>\n          <Runtime resid="Taskpane.Url" lifetime="long"/>\n        </Runtimes>')
      .replace('<FunctionFile resid="Commands.Url"/>', '<FunctionFile resid="Taskpane.Url"/>')
      .replace(/\n\s*<bt:Url id="Commands\.Url"[^>]*\/>/, '')
      .replace('<Sets DefaultMinVersion="1.1">', '<Sets DefaultMinVersion="1.1">\n      <Set Name="SharedRuntime" MinVersion="1.1"/>');
  }
  return Buffer.from(xml, 'utf8');
}

/** The subset of @microsoft/office-js/dist that Excel needs, for intranet deployments without the CDN. */
function officeJsPatterns(full) {
  if (!full) {
    return [
      { from: path.join(OFFICE_DIST, 'office.js'), to: 'office-js/office.js', info: { minimized: true } },
      { from: path.join(OFFICE_DIST, 'o15apptofilemappingtable.js'), to: 'office-js/o15apptofilemappingtable.js', info: { minimized: true } },
    ];
  }
  return [
    {
      from: '*.js',
      context: OFFICE_DIST,
      to: 'office-js/',
      info: { minimized: true },
      globOptions: { ignore: ['**/*.debug.js', '**/access-*', '**/word*', '**/powerpoint*', '**/outlook*', '**/onenote*', '**/project*', '**/visio*', '**/office-vsdoc.js'] },
    },
    { from: '*/office_strings.js', context: OFFICE_DIST, to: 'office-js/', info: { minimized: true } },
  ];
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const dev = mode !== 'production';
  const preview = !!env.preview;
  const localOffice = preview || process.env.ZIPING_OFFICE_JS === 'local';
  const url = dev ? DEV_URL : withSlash(process.env.ZIPING_URL || DEFAULT_PROD_URL);
  const port = Number(process.env.ZIPING_PORT || 3000);
  const officeJs = localOffice ? 'office-js/office.js' : CDN;
  const templateParameters = { csp: csp(!localOffice), officeJs };

  const entry = {
    taskpane: './src/taskpane/index.tsx',
    commands: './src/commands/index.ts',
    dialog: './src/commands/dialog.ts',
  };
  if (preview) entry.preview = './src/preview/index.tsx';

  const pages = [
    new HtmlWebpackPlugin({ filename: 'taskpane.html', template: 'src/taskpane/taskpane.html', chunks: ['taskpane'], templateParameters }),
    new HtmlWebpackPlugin({ filename: 'commands.html', template: 'src/commands/commands.html', chunks: ['commands'], templateParameters }),
    new HtmlWebpackPlugin({ filename: 'dialog.html', template: 'src/commands/dialog.html', chunks: ['dialog'], templateParameters }),
    new HtmlWebpackPlugin({ filename: 'dialog-legacy.html', template: 'src/commands/dialog-legacy.html', chunks: [], templateParameters }),
  ];
  if (preview) {
    pages.push(
      new HtmlWebpackPlugin({ filename: 'preview.html', template: 'src/preview/preview.html', chunks: ['preview'], templateParameters: { ...templateParameters, csp: csp(false) } }),
    );
  }

  const copies = [
    { from: 'assets/*.png', to: 'assets/[name][ext]' },
    { from: 'src/commands/legacy.js', to: 'legacy.js', info: { minimized: true } },
    { from: 'src/commands/dialog.css', to: 'dialog.css' },
    { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
    { from: 'manifest.xml', to: 'manifest.xml', transform: (c) => transformManifest(c, url, process.env.ZIPING_SHARED_RUNTIME === '1') },
    ...(localOffice ? officeJsPatterns(!preview) : []),
  ];
  if (preview) copies.push({ from: 'src/preview/preview.css', to: 'preview.css' });

  /** @type {import('webpack').Configuration} */
  const config = {
    mode,
    devtool: dev ? 'source-map' : false, // never eval: the pages' CSP forbids it
    entry,
    output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { target: 'ES2017', module: 'esnext', sourceMap: dev } } },
        },
      ],
    },
    plugins: [...pages, new CopyWebpackPlugin({ patterns: copies })],
    performance: { hints: false },
    optimization: { splitChunks: false },
    devServer: {
      port,
      hot: false,
      liveReload: false,
      client: false,
      static: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      devMiddleware: { writeToDisk: false },
    },
  };

  if (dev && !preview) {
    // Office requires HTTPS for sideloaded add-ins: office-addin-dev-certs (installs its CA on first use).
    const devCerts = require('office-addin-dev-certs');
    config.devServer.server = { type: 'https', options: await devCerts.getHttpsServerOptions() };
  }
  if (preview) {
    config.devServer.setupMiddlewares = (middlewares, devServer) => {
      devServer.app.get('/', (_req, res) => res.redirect('/preview.html'));
      return middlewares;
    };
    // eslint-disable-next-line no-console
    console.log(`preview: http://localhost:${port}/preview.html`);
  }
  if (!fs.existsSync(path.join(__dirname, 'assets', 'icon-32.png'))) {
    throw new Error('assets/*.png missing: run `node assets/make-icons.js`');
  }
  return config;
};

module.exports.transformManifest = transformManifest;
module.exports.csp = csp;

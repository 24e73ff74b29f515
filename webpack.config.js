// Builds the add-in (task pane, function file, dialog) and the browser preview, as two compilations:
//   'taskpane'  the React 19 task pane (+ preview): modern output (ES2017 from TypeScript), WebView2/WebKit only
//   'ribbon'    the function file (commands) and the outcome dialog: Babel to ES5 with core-js polyfills,
//               so the ribbon buttons also run in Internet Explorer 11 (Office 2019 volume licence)
//   npm run build                  production: dist/ with manifest.xml for ZIPING_URL
//   npm run preview                dev server with the preview page (http://localhost:3000/preview.html)
//   npm run dev-server / npm start dev server over HTTPS for sideloading (manifest.xml → localhost:3000)
// Environment:
//   ZIPING_URL=https://host/path/   production URL written into dist/manifest.xml
//   ZIPING_OFFICE_JS=cdn            where the pages load office.js from (see officeJsSource): cdn (default,
//                                   Microsoft's global CDN), 21v (21Vianet / 世纪互联 China CDN), local (ship
//                                   the npm copy in dist/office-js/, no Notes API), or any https://…/office.js
//   ZIPING_PORT=3000                dev server port
'use strict';
const path = require('path');
const fs = require('fs');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const DEFAULT_PROD_URL = 'https://ziping.example.gov.cn/addin/';
/** Named office.js sources for ZIPING_OFFICE_JS. */
const OFFICE_JS = {
  cdn: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  // https://learn.microsoft.com/office/dev/add-ins/publish/government-cloud-guidance (21Vianet)
  '21v': 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
};
const OFFICE_DIST = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
// core-js version for preset-env: with the minor, polyfills added in later minors are used too.
const CORE_JS = require('core-js/package.json').version.split('.').slice(0, 2).join('.');

function withSlash(u) {
  return u.endsWith('/') ? u : `${u}/`;
}

/**
 * ZIPING_OFFICE_JS → { local, src, origin }: the script URL the pages load and the origin the CSP
 * must allow (null when office.js is served from the add-in's own folder). Throws on anything but
 * cdn | 21v | local | an https URL ending in office.js (a typo must not build a dead add-in).
 */
function officeJsSource(value) {
  const v = String(value || 'cdn').trim();
  if (v.toLowerCase() === 'local') return { local: true, src: 'office-js/office.js', origin: null };
  const href = OFFICE_JS[v.toLowerCase()] || v;
  let u;
  try {
    u = new URL(href);
  } catch {
    u = null;
  }
  if (!u || u.protocol !== 'https:' || !/\/office\.js$/i.test(u.pathname) || u.search || u.hash) {
    throw new Error(`ZIPING_OFFICE_JS="${v}": use cdn, 21v, local or an https://…/office.js URL`);
  }
  return { local: false, src: u.href, origin: u.origin };
}

/**
 * Content-Security-Policy for every page: only 'self' and (when used) the origin office.js comes
 * from (office.js loads its host scripts, e.g. excel-win32-16.01.js, from the same folder).
 * `origin`: that origin, or null; true/false are the global CDN or none (older callers).
 */
function csp(origin) {
  const from = origin === true ? new URL(OFFICE_JS.cdn).origin : origin || null;
  const cdn = from ? ` ${from}` : '';
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
      .replace(
        '<Host xsi:type="Workbook">',
        '<Host xsi:type="Workbook">\n        <Runtimes>\n          <Runtime resid="Taskpane.Url" lifetime="long"/>\n        </Runtimes>',
      )
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
      globOptions: {
        ignore: [
          '**/*.debug.js',
          '**/access-*',
          '**/word*',
          '**/powerpoint*',
          '**/outlook*',
          '**/onenote*',
          '**/project*',
          '**/visio*',
          '**/office-vsdoc.js',
        ],
      },
    },
    { from: '*/office_strings.js', context: OFFICE_DIST, to: 'office-js/', info: { minimized: true } },
  ];
}

/**
 * core-js modules that 'usage' would add only because a method NAME matches (z.union → Set#union,
 * arr.map → Iterator#map, zod's base64/URL validators that the profile schema does not use): the code
 * targets ES2020 (tsconfig lib), so it cannot call these ES2025+ methods, and IE 11 has typed arrays,
 * atob/btoa. Without this list commands.js grows by ~10 KB gzipped and dialog.js triples. The ribbon
 * code must not use `URL`/`URLSearchParams` (IE 11 has none): see siblingUrl in src/office/office-host.ts.
 * Each pattern also covers esnext.*: core-js re-exports stable features under that prefix too.
 */
const NOT_POLYFILLED = [
  'es(next)?.iterator..*',
  'es(next)?.set..*.v2',
  'es(next)?.(weak-)?map.get-or-insert.*',
  'es(next)?.typed-array..*',
  'es(next)?.uint8-array..*',
  'es(next)?.array-buffer..*',
  'web.url.*',
  'web.atob',
  'web.btoa',
  'web.dom-exception..*',
  // JSON.parse source text access (reviver `context`, ES2026): a whole JSON parser in JS; IE 11's
  // native JSON.parse is used instead (no reviver here reads `context`)
  'es(next)?.json.parse',
];

/**
 * Babel for the ribbon compilation: ES5 for Internet Explorer 11 (Trident), which Office 2019
 * volume licence (and 2016) uses for add-ins, with the core-js polyfills the code uses.
 */
function babelForIe11(dev) {
  return {
    loader: 'babel-loader',
    options: {
      babelrc: false,
      configFile: false,
      // node_modules hold CommonJS too: injected polyfill imports must match the module kind
      sourceType: 'unambiguous',
      cacheDirectory: true,
      cacheCompression: false,
      sourceMaps: dev,
      presets: [['@babel/preset-env', { targets: 'ie 11', useBuiltIns: 'usage', corejs: CORE_JS, exclude: NOT_POLYFILLED }]],
    },
  };
}

/** Files of the ribbon compilation: the modern one's output.clean must leave them alone. */
const RIBBON_ASSET = /^(commands|dialog)\.(js|html|js\.map|js\.LICENSE\.txt)$/;

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const dev = mode !== 'production';
  const preview = !!env.preview;
  const source = officeJsSource(preview ? 'local' : process.env.ZIPING_OFFICE_JS);
  const localOffice = source.local;
  const url = dev ? DEV_URL : withSlash(process.env.ZIPING_URL || DEFAULT_PROD_URL);
  const port = Number(process.env.ZIPING_PORT || 3000);
  const officeJs = source.src;
  const templateParameters = { csp: csp(source.origin), officeJs };
  const outputPath = path.resolve(__dirname, 'dist');
  const tsLoader = { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { target: 'ES2017', module: 'esnext', sourceMap: dev } } };
  const common = {
    mode,
    devtool: dev ? 'source-map' : false, // never eval: the pages' CSP forbids it
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    performance: { hints: false },
    optimization: { splitChunks: false },
  };

  // ---- modern: the React 19 task pane (and the preview). WebView2 / WebKit only. ----
  const entry = { taskpane: './src/taskpane/index.tsx' };
  if (preview) entry.preview = './src/preview/index.tsx';

  const pages = [
    new HtmlWebpackPlugin({ filename: 'taskpane.html', template: 'src/taskpane/taskpane.html', chunks: ['taskpane'], templateParameters }),
  ];
  if (preview) {
    pages.push(
      new HtmlWebpackPlugin({
        filename: 'preview.html',
        template: 'src/preview/preview.html',
        chunks: ['preview'],
        templateParameters: { ...templateParameters, csp: csp(false) },
      }),
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
  const modern = {
    ...common,
    name: 'taskpane',
    entry,
    output: { path: outputPath, filename: '[name].js', clean: preview ? true : { keep: (asset) => RIBBON_ASSET.test(asset) } },
    module: { rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: tsLoader }] },
    plugins: [...pages, new CopyWebpackPlugin({ patterns: copies })],
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

  // ---- ribbon: the function file and the outcome dialog, ES5 + polyfills (Trident too). ----
  /** @type {import('webpack').Configuration} */
  const ribbon = {
    ...common,
    name: 'ribbon',
    target: ['web', 'es5'], // webpack's own runtime code without arrow functions or const
    entry: { commands: './src/commands/index.ts', dialog: './src/commands/dialog.ts' },
    output: { path: outputPath, filename: '[name].js', clean: false },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: [babelForIe11(dev), tsLoader] },
        // everything imported from node_modules (zod, …) except core-js itself
        { test: /\.[cm]?js$/, include: /node_modules/, exclude: /node_modules[\\/]core-js[\\/]/, use: [babelForIe11(dev)] },
      ],
    },
    plugins: [
      // zod evaluates BigInt("…") at load; Internet Explorer has no BigInt (see the file)
      new webpack.ProvidePlugin({ BigInt: path.resolve(__dirname, 'src/commands/bigint-ie11.js') }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: 'src/commands/commands.html', chunks: ['commands'], templateParameters }),
      new HtmlWebpackPlugin({ filename: 'dialog.html', template: 'src/commands/dialog.html', chunks: ['dialog'], templateParameters }),
    ],
  };

  if (dev && !preview) {
    // Office requires HTTPS for sideloaded add-ins: office-addin-dev-certs (installs its CA on first use).
    const devCerts = require('office-addin-dev-certs');
    modern.devServer.server = { type: 'https', options: await devCerts.getHttpsServerOptions() };
  }
  if (preview) {
    modern.devServer.setupMiddlewares = (middlewares, devServer) => {
      devServer.app.get('/', (_req, res) => res.redirect('/preview.html'));
      return middlewares;
    };
    // eslint-disable-next-line no-console
    console.log(`preview: http://localhost:${port}/preview.html`);
  }
  if (!fs.existsSync(path.join(__dirname, 'assets', 'icon-32.png'))) {
    throw new Error('assets/*.png missing: run `node assets/make-icons.js`');
  }
  // The preview runs the ribbon functions in its own (modern) bundle and needs no function file.
  return preview ? modern : [modern, ribbon];
};

module.exports.transformManifest = transformManifest;
module.exports.csp = csp;
module.exports.officeJsSource = officeJsSource;
module.exports.OFFICE_JS = OFFICE_JS;

module.exports.babelForIe11 = babelForIe11;

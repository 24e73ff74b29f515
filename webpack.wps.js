// Builds the WPS 表格 add-in (加载项) into dist-wps/: the hidden main page with the ribbon callbacks
// (index.html + main.js), ribbon.xml, the task pane (taskpane.html: the same React pane as in Excel,
// src/wps/taskpane.tsx) and the 自检 page (selftest.html).
// Everything is ES5 with core-js polyfills (webpack.config.js's Internet Explorer 11 pipeline): the
// Chromium inside WPS varies by build and platform and is not known here (the 自检 page reports it);
// docs/decisions.md "WPS: JavaScript target of the pages" says why.
//   npx webpack -c webpack.wps.js --mode production        (npm run package:wps builds and packs it)
'use strict';
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { babelForIe11 } = require('./webpack.config.js');

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const dev = mode !== 'production';
  const tsLoader = { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { target: 'ES2017', module: 'esnext', sourceMap: dev } } };
  const page = (filename, template, chunk) =>
    new HtmlWebpackPlugin({ filename, template, chunks: [chunk], inject: 'body', scriptLoading: 'blocking' });
  /** @type {import('webpack').Configuration} */
  return {
    mode,
    name: 'wps',
    devtool: dev ? 'source-map' : false,
    target: ['web', 'es5'],
    entry: { main: './src/wps/main.ts', taskpane: './src/wps/taskpane.tsx', selftest: './src/wps/selftest.ts' },
    output: { path: path.resolve(env.out || path.join(__dirname, 'dist-wps')), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    performance: { hints: false },
    optimization: { splitChunks: false },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: [babelForIe11(dev), tsLoader] },
        { test: /\.[cm]?js$/, include: /node_modules/, exclude: /node_modules[\\/]core-js[\\/]/, use: [babelForIe11(dev)] },
      ],
    },
    plugins: [
      new webpack.ProvidePlugin({ BigInt: path.resolve(__dirname, 'src/commands/bigint-ie11.js') }),
      page('index.html', 'src/wps/index.html', 'main'),
      page('taskpane.html', 'src/wps/taskpane.html', 'taskpane'),
      page('selftest.html', 'src/wps/selftest.html', 'selftest'),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps/ribbon.xml', to: 'ribbon.xml' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'assets/*-32.png', to: 'assets/[name][ext]' },
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
        ],
      }),
    ],
  };
};

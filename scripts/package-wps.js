#!/usr/bin/env node
// `npm run package:wps`: builds dist-wps/ (webpack.wps.js) and packs the offline WPS add-in without
// wpsjs's interactive prompts: wps-package/ziping_<version>.7z holding the folder ziping_<version>/
// (the layout `wpsjs build` makes: WPS unpacks it into jsaddons/), plus sample jsplugins.xml (online
// and offline) and publish.xml. Options: --no-build (pack the existing dist-wps/),
// --url=https://intranet/ziping/ (where the files will be served; default a placeholder).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..');
const NAME = 'ziping';

function sevenZip() {
  const bin = require('7zip-bin').path7za;
  // the Linux binary arrives without its exec bit
  if (process.platform !== 'win32') fs.chmodSync(bin, 0o755);
  return bin;
}

function xmlAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function manifests(version, url) {
  const base = url.endsWith('/') ? url : `${url}/`;
  const archive = `${base}${NAME}_${version}.7z`;
  return {
    'jsplugins.online.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jspluginonline name="${NAME}" type="et" url="${xmlAttr(base)}" enable="true"/>\n</jsplugins>\n`,
    'jsplugins.offline.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jsplugin name="${NAME}" type="et" url="${xmlAttr(archive)}" version="${version}" enable="true"/>\n</jsplugins>\n`,
    'publish.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jsplugin name="${NAME}" type="et" url="${NAME}_${version}" version="${version}" enable="enable_dev" install="null" customDomain=""/>\n</jsplugins>\n`,
  };
}

/** Packs `dist` into `out`/ziping_<version>.7z and writes the sample manifests; returns the archive path. */
function pack(dist, out, version, url) {
  for (const f of ['index.html', 'ribbon.xml', 'main.js', 'taskpane.html']) {
    if (!fs.existsSync(path.join(dist, f))) throw new Error(`package:wps: ${f} missing in ${dist}`);
  }
  fs.rmSync(out, { recursive: true, force: true });
  const stage = path.join(out, 'stage');
  const folder = path.join(stage, `${NAME}_${version}`);
  fs.mkdirSync(folder, { recursive: true });
  fs.cpSync(dist, folder, { recursive: true });
  const archive = path.join(out, `${NAME}_${version}.7z`);
  execFileSync(sevenZip(), ['a', '-t7z', '-y', archive, `${NAME}_${version}`], { cwd: stage, stdio: 'pipe' });
  fs.rmSync(stage, { recursive: true, force: true });
  for (const [file, text] of Object.entries(manifests(version, url))) fs.writeFileSync(path.join(out, file), text);
  return archive;
}

/** Entry names of a .7z (7za l -slt). */
function list(archive) {
  const text = execFileSync(sevenZip(), ['l', '-slt', archive], { encoding: 'utf8' });
  return [...text.matchAll(/^Path = (.+)$/gm)].map((m) => m[1].replace(/\\/g, '/')).slice(1);
}

module.exports = { pack, list, manifests, NAME };

if (require.main === module) {
  const args = process.argv.slice(2);
  const url = (args.find((a) => a.startsWith('--url=')) || '--url=https://ziping.example.gov.cn/wps/').slice(6);
  const version = require(path.join(root, 'package.json')).version;
  if (!args.includes('--no-build')) {
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '-c', 'webpack.wps.js', '--mode', 'production'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  const archive = pack(path.join(root, 'dist-wps'), path.join(root, 'wps-package'), version, url);
  console.log(
    `package:wps: ${path.relative(root, archive)} (${list(archive).length} entries), jsplugins.online.xml, jsplugins.offline.xml, publish.xml`,
  );
}

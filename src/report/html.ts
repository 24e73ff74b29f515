// The offline HTML report: one self-contained file (inline CSS, inline SVG charts, a small inline
// sorting script allowed by its hash), with a Content-Security-Policy that forbids every request.
import { createHash } from 'crypto';
import * as path from 'path';
import type { Lang } from '../core/types';
import { reportCharts } from './charts';
import { KIND } from './labels';
import { allTables, reportStats } from './stats';
import { departmentOf, type FileSummary } from './summary';

const T = {
  zh: {
    title: '绩效自评汇总报告',
    generated: (d: string, p: string) => `生成时间 ${d} · 评分口径 ${p} · 由 ziping 离线生成`,
    files: '文件',
    unreadable: '无法读取',
    noTable: '未识别到表',
    tables: '表格',
    withErrors: '有错误的表',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    avgRate: '平均执行率',
    under90Count: '执行率低于 90%',
    charts: '图表',
    under90: (n: number) => `执行率低于 90% 的项目（${n} 个）`,
    none: '无',
    unreadableList: '无法读取的文件',
    all: (n: number) => `全部项目（${n} 张表，点击表头排序）`,
    cols: ['文件', '工作表', '项目名称', '主管部门', '类型', '预算数', '执行数', '执行率', '总分', '等级', '错误', '警告'],
    file: '文件',
    reason: '原因',
    project: '项目名称',
    dept: '主管部门',
    textFindings: (n: number) => `Word 报告正文与表格的问题（${n} 条）`,
    where: '位置',
    message: '问题说明',
  },
  en: {
    title: 'Performance self-evaluation summary',
    generated: (d: string, p: string) => `Generated ${d} · profile ${p} · by ziping, offline`,
    files: 'files',
    unreadable: 'unreadable',
    noTable: 'no table',
    tables: 'tables',
    withErrors: 'tables with errors',
    errors: 'errors',
    warnings: 'warnings',
    infos: 'info',
    avgRate: 'mean execution rate',
    under90Count: 'execution under 90 %',
    charts: 'Charts',
    under90: (n: number) => `Projects under 90 % execution (${n})`,
    none: 'none',
    unreadableList: 'Unreadable files',
    all: (n: number) => `Every project (${n} tables; click a header to sort)`,
    cols: ['File', 'Sheet', 'Project', 'Department', 'Kind', 'Budget', 'Spent', 'Execution', 'Total', 'Grade', 'Errors', 'Warnings'],
    file: 'File',
    reason: 'Reason',
    project: 'Project',
    dept: 'Department',
    textFindings: (n: number) => `Word reports: text against table (${n})`,
    where: 'Where',
    message: 'Message',
  },
};

export const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const money = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 10000) / 100).toFixed(2)}%`);
const num2 = (n: number | null) => (n === null ? '—' : (Math.round(n * 100) / 100).toFixed(2));

/** The sorting script: numbers by data-v, text by the Chinese collation, blanks last. */
export const SORT_SCRIPT = `(function(){
var t=document.getElementById('projects');if(!t)return;
var ths=t.tHead.rows[0].cells,coll=new Intl.Collator(document.documentElement.lang,{numeric:true});
function key(td,num){var v=td.getAttribute('data-v');if(num)return v===null||v===''?null:parseFloat(v);var s=td.textContent;return s==='—'?null:s;}
function sortBy(i){var th=ths[i],num=th.getAttribute('data-type')==='num',dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
for(var k=0;k<ths.length;k++)ths[k].removeAttribute('aria-sort');th.setAttribute('aria-sort',dir===1?'ascending':'descending');
var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=key(a.cells[i],num),y=key(b.cells[i],num);if(x===null&&y===null)return 0;if(x===null)return 1;if(y===null)return -1;return dir*(num?x-y:coll.compare(x,y));});
for(var j=0;j<rows.length;j++)body.appendChild(rows[j]);}
for(var i=0;i<ths.length;i++)(function(i){ths[i].querySelector('button').addEventListener('click',function(){sortBy(i);});})(i);
})();`;

const CSS = `
:root{color-scheme:light;font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif}
body{margin:0;background:#f5f6f8;color:#1f2328}
header{background:#0b3d91;color:#fff;padding:18px 28px}
header h1{margin:0;font-size:24px}header p{margin:6px 0 0;opacity:.85;font-size:13px}
main{padding:20px 28px 40px;max-width:1320px}
section{margin-top:22px}h2{font-size:18px;margin:0 0 10px}
.totals{display:flex;flex-wrap:wrap;gap:10px}
.card{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:10px 14px;min-width:110px}
.card b{display:block;font-size:22px}.card span{font-size:12px;color:#57606a}
.card.bad b{color:#c62828}.card.warn b{color:#b26a00}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:14px}
figure{margin:0;background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:10px}
figcaption{font-weight:bold;margin-bottom:4px}figure svg{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;background:#fff;font-size:13px;width:100%}
th,td{border:1px solid #d8dde3;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#e8edf5;position:sticky;top:0;white-space:nowrap}th button{all:unset;cursor:pointer;display:block;width:100%}
th[aria-sort=ascending] button::after{content:' ▲'}th[aria-sort=descending] button::after{content:' ▼'}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.err td:nth-child(11){background:#ffc7ce}
.scroll{max-height:420px;overflow:auto;border:1px solid #d8dde3}
`;

export interface HtmlOptions {
  lang: Lang;
  profile: string;
  date?: Date;
}

/** The deepest folder holding every file. */
export function commonFolder(files: string[]): string {
  if (!files.length) return process.cwd();
  const parts = files.map((f) => path.dirname(path.resolve(f)).split(path.sep));
  let n = parts[0].length;
  for (const p of parts) {
    let i = 0;
    while (i < n && i < p.length && p[i] === parts[0][i]) i++;
    n = i;
  }
  return parts[0].slice(0, n).join(path.sep) || path.sep;
}

export function reportHtml(files: FileSummary[], o: HtmlOptions): string {
  const t = T[o.lang];
  const s = reportStats(files);
  // files are named from the folder they all sit in (the submissions folder), the full path on hover
  const base = commonFolder(files.map((f) => f.file));
  const rel = (f: string) => path.relative(base, path.resolve(f)).split(path.sep).join('/') || path.basename(f);
  const charts = reportCharts(s, o.lang);
  const date = (o.date ?? new Date()).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

  const card = (value: string | number, label: string, cls = '') =>
    `<div class="card ${cls}" data-total="${esc(label)}"><b>${esc(value)}</b><span>${esc(label)}</span></div>`;
  const totals = [
    card(s.files, t.files),
    card(s.unreadable, t.unreadable, s.unreadable ? 'bad' : ''),
    card(s.withoutTables, t.noTable, s.withoutTables ? 'warn' : ''),
    card(s.tables, t.tables),
    card(s.tablesWithErrors, t.withErrors, s.tablesWithErrors ? 'bad' : ''),
    card(s.errors, t.errors, s.errors ? 'bad' : ''),
    card(s.warnings, t.warnings, s.warnings ? 'warn' : ''),
    card(s.infos, t.infos),
    card(pct(s.meanRate), t.avgRate),
    card(s.under90.length, t.under90Count, s.under90.length ? 'warn' : ''),
  ].join('');

  const figures = charts
    .map(
      (c) =>
        `<figure data-chart="${c.id}"><figcaption>${esc(c.title)}</figcaption>${c.svg.replace('<svg ', `<svg role="img" aria-label="${esc(c.title)}" `)}</figure>`,
    )
    .join('\n');

  const under = s.under90.length
    ? `<div class="scroll"><table id="under90"><thead><tr><th>${esc(t.project)}</th><th>${esc(t.dept)}</th><th>${esc(t.file)}</th><th>${esc(t.cols[7])}</th></tr></thead><tbody>${s.under90
        .map(
          (r) =>
            `<tr><td>${esc(r.table.projectName ?? '—')}</td><td>${esc(departmentOf(r.table) ?? '—')}</td><td title="${esc(r.file)}">${esc(rel(r.file))}</td><td class="n">${pct(r.table.executionRate)}</td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : `<p>${esc(t.none)}</p>`;

  const bad = files.filter((f) => f.error);
  const unreadable = bad.length
    ? `<section><h2>${esc(t.unreadableList)}</h2><table id="unreadable"><thead><tr><th>${esc(t.file)}</th><th>${esc(t.reason)}</th></tr></thead><tbody>${bad
        .map((f) => `<tr><td title="${esc(f.file)}">${esc(rel(f.file))}</td><td>${esc(f.error)}</td></tr>`)
        .join('')}</tbody></table></section>`
    : '';

  // findings on Word reports' text (RULES.md §7): file, paragraph, message
  const textRows = files.flatMap((f) =>
    [...f.tables.flatMap((x) => x.findings), ...(f.textFindings ?? [])].filter((x) => x.where).map((x) => ({ file: f.file, x })),
  );
  const textSection = textRows.length
    ? `<section><h2>${esc(t.textFindings(textRows.length))}</h2><table id="text-findings"><thead><tr><th>${esc(t.file)}</th><th>${esc(t.where)}</th><th>${esc(t.message)}</th></tr></thead><tbody>${textRows
        .map(({ file, x }) => `<tr><td title="${esc(file)}">${esc(rel(file))}</td><td>${esc(x.where)}</td><td>${esc(x.message)}</td></tr>`)
        .join('')}</tbody></table></section>`
    : '';

  const types = ['text', 'text', 'text', 'text', 'text', 'num', 'num', 'num', 'num', 'text', 'num', 'num'];
  const head = t.cols.map((c, i) => `<th data-type="${types[i]}"><button type="button">${esc(c)}</button></th>`).join('');
  const numCell = (v: number | null, shown: string) => `<td class="n" data-v="${v === null ? '' : v}">${shown}</td>`;
  const rows = allTables(files)
    .map(({ file, table: x }) =>
      [
        `<tr${x.errors ? ' class="err"' : ''}>`,
        `<td title="${esc(file)}">${esc(rel(file))}</td>`,
        `<td>${esc(x.sheet)}</td>`,
        `<td>${esc(x.projectName ?? '—')}</td>`,
        `<td>${esc(departmentOf(x) ?? '—')}</td>`,
        `<td>${esc(KIND[o.lang][x.kind])}</td>`,
        numCell(x.budget, money(x.budget)),
        numCell(x.spent, money(x.spent)),
        numCell(x.executionRate, pct(x.executionRate)),
        numCell(x.total, num2(x.total)),
        `<td>${esc(x.grade ?? '—')}</td>`,
        numCell(x.errors, String(x.errors)),
        numCell(x.warnings, String(x.warnings)),
        '</tr>',
      ].join(''),
    )
    .join('\n');

  const scriptHash = createHash('sha256').update(SORT_SCRIPT, 'utf8').digest('base64');
  const csp = `default-src 'none'; script-src 'sha256-${scriptHash}'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="${o.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(t.title)}</h1><p>${esc(t.generated(date, o.profile))}</p></header>
<main>
<section class="totals" id="totals">${totals}</section>
<section><h2>${esc(t.charts)}</h2><div class="charts">
${figures}
</div></section>
<section><h2>${esc(t.under90(s.under90.length))}</h2>${under}</section>
${unreadable}
${textSection}
<section><h2>${esc(t.all(s.tables))}</h2>
<table id="projects"><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table></section>
</main>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

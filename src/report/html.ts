// The offline HTML report: one self-contained file (inline CSS, inline SVG charts, a small inline
// script allowed by its hash), with a Content-Security-Policy that forbids every request.
// The same file is printed (A4 landscape, see PRINT_CSS) and rendered to PDF by `report --pdf`.
import { createHash } from 'crypto';
import * as path from 'path';
import type { Lang, Severity } from '../core/types';
import { SEVERITY_COLORS, reportCharts } from './charts';
import { KIND, SEVERITY, ruleLabel } from './labels';
import { allTables, reportStats } from './stats';
import { departmentOf, type FileSummary, type TableSummary } from './summary';

const T = {
  zh: {
    title: '绩效自评汇总报告',
    generated: (d: string, p: string) => `生成时间 ${d} · 评分口径 ${p} · 金额单位 万元 · 由 ziping 离线生成`,
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
    budget: '预算合计(万元)',
    spent: '执行合计(万元)',
    charts: '图表',
    under90: (n: number) => `执行率低于 90% 的项目（${n} 个）`,
    none: '无',
    unreadableList: (bad: number, none: number) => `无法读取的文件（${bad} 个）和未识别到表的文件（${none} 个）`,
    all: (n: number) => `全部项目（${n} 张表；点击表头排序，点击 ▶ 展开问题）`,
    cols: ['文件', '工作表', '项目名称', '主管部门', '类型', '预算数(万元)', '执行数(万元)', '执行率', '总分', '等级', '错误', '警告'],
    problems: '问题',
    file: '文件',
    sheet: '工作表',
    status: '情况',
    reason: '原因',
    project: '项目名称',
    dept: '主管部门',
    fcols: ['严重程度', '单元格', '规则', '问题说明'],
    where: (file: string, sheet: string, range: string) => `文件 ${file} · 工作表「${sheet}」· 区域 ${range}`,
    withheld: (sum: string) => `分值合计不为 100：各项得分之和 ${sum} 不是百分制得分，总分和等级不计`,
    asStated: (v: string, u: string) => `原表：${v} ${u}`,
    filter: '筛选问题：',
    rule: '规则',
    allRules: '全部规则',
    expandAll: '全部展开',
    collapseAll: '全部收起',
    shown: '显示',
    page: (c: string, n: string) => `"第 " ${c} " 页，共 " ${n} " 页"`,
    textFindings: (n: number) => `Word 报告正文与表格的问题（${n} 条）`,
    textWhere: '位置',
    message: '问题说明',
  },
  en: {
    title: 'Performance self-evaluation summary',
    generated: (d: string, p: string) => `Generated ${d} · profile ${p} · amounts in 10k yuan (万元) · by ziping, offline`,
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
    budget: 'budget total (10k yuan)',
    spent: 'spent total (10k yuan)',
    charts: 'Charts',
    under90: (n: number) => `Projects under 90 % execution (${n})`,
    none: 'none',
    unreadableList: (bad: number, none: number) => `Unreadable files (${bad}) and files without a table (${none})`,
    all: (n: number) => `Every project (${n} tables; click a header to sort, ▶ to show the problems)`,
    cols: [
      'File',
      'Sheet',
      'Project',
      'Department',
      'Kind',
      'Budget (10k yuan)',
      'Spent (10k yuan)',
      'Execution',
      'Total',
      'Grade',
      'Errors',
      'Warnings',
    ],
    problems: 'Problems',
    file: 'File',
    sheet: 'Sheet',
    status: 'Status',
    reason: 'Reason',
    project: 'Project',
    dept: 'Department',
    fcols: ['Severity', 'Cell', 'Rule', 'Message'],
    where: (file: string, sheet: string, range: string) => `file ${file} · sheet "${sheet}" · range ${range}`,
    withheld: (sum: string) => `The weights do not add up to 100: the sum ${sum} is no score out of 100, so no total and no grade`,
    asStated: (v: string, u: string) => `as stated: ${v} ${u}`,
    filter: 'Filter problems:',
    rule: 'Rule',
    allRules: 'all rules',
    expandAll: 'Expand all',
    collapseAll: 'Collapse all',
    shown: 'shown',
    page: (c: string, n: string) => `"Page " ${c} " of " ${n}`,
    textFindings: (n: number) => `Word reports: text against table (${n})`,
    textWhere: 'Where',
    message: 'Message',
  },
};

export const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const money = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 10000) / 100).toFixed(2)}%`);
const num2 = (n: number | null) => (n === null ? '—' : (Math.round(n * 100) / 100).toFixed(2));

/** `d` in the machine's own time zone (minutes east of UTC), with its offset: "2026-01-02 11:04 (UTC+8)". */
export function localTime(d: Date, offset = -d.getTimezoneOffset()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const l = new Date(d.getTime() + offset * 60_000);
  const a = Math.abs(offset);
  const tz = `UTC${offset < 0 ? '-' : '+'}${Math.floor(a / 60)}${a % 60 ? `:${p(a % 60)}` : ''}`;
  return `${l.getUTCFullYear()}-${p(l.getUTCMonth() + 1)}-${p(l.getUTCDate())} ${p(l.getUTCHours())}:${p(l.getUTCMinutes())} (${tz})`;
}

/**
 * The page's script: sorting the project table (numbers by data-v, text by the Chinese collation,
 * blanks last; a project's findings move with it), opening a project's findings, and filtering the
 * findings by severity and rule (a rule filter hides the projects without such a finding).
 */
export const SORT_SCRIPT = `(function(){
var t=document.getElementById('projects');if(!t)return;
var ths=t.tHead.rows[0].cells,coll=new Intl.Collator(document.documentElement.lang,{numeric:true});
function bodies(){return Array.prototype.slice.call(t.tBodies);}
function key(td,num){var v=td.getAttribute('data-v');if(num)return v===null||v===''?null:parseFloat(v);var s=td.textContent;return s==='—'?null:s;}
function sortBy(i){var th=ths[i],num=th.getAttribute('data-type')==='num',dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
for(var k=0;k<ths.length;k++)ths[k].removeAttribute('aria-sort');th.setAttribute('aria-sort',dir===1?'ascending':'descending');
var bs=bodies();
bs.sort(function(a,b){var x=key(a.rows[0].cells[i],num),y=key(b.rows[0].cells[i],num);if(x===null&&y===null)return 0;if(x===null)return 1;if(y===null)return -1;return dir*(num?x-y:coll.compare(x,y));});
for(var j=0;j<bs.length;j++)t.appendChild(bs[j]);}
for(var i=0;i<ths.length;i++)(function(i){var h=ths[i];if(!h.hasAttribute('data-type'))return;h.addEventListener('click',function(){sortBy(i);});h.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sortBy(i);}});})(i);
function open(b,on){b.classList.toggle('open',on);var x=b.querySelector('button.toggle');if(x)x.setAttribute('aria-expanded',on?'true':'false');}
t.addEventListener('click',function(e){var x=e.target.closest&&e.target.closest('button.toggle');if(!x)return;var b=x.closest('tbody');open(b,!b.classList.contains('open'));});
var sev=document.querySelectorAll('#filters input[data-sev]'),rule=document.getElementById('rule-filter'),shown=document.getElementById('shown'),note=document.getElementById('rule-note');
function apply(){var on={};for(var k=0;k<sev.length;k++)on[sev[k].getAttribute('data-sev')]=sev[k].checked;var r=rule?rule.value:'',total=0;
bodies().forEach(function(b){var n=0,rows=b.querySelectorAll('tr.finding');for(var k=0;k<rows.length;k++){var f=rows[k],ok=on[f.getAttribute('data-sev')]&&(!r||f.getAttribute('data-rule')===r);f.classList.toggle('off',!ok);if(ok)n++;}
total+=n;b.classList.toggle('none',n===0);b.classList.toggle('filtered',!!r&&n===0);var c=b.querySelector('.count');if(c)c.textContent=String(n);if(r&&n)open(b,true);});
if(shown)shown.textContent=String(total);if(note)note.textContent=r?rule.options[rule.selectedIndex].text:'';}
for(var k=0;k<sev.length;k++)sev[k].addEventListener('change',apply);if(rule)rule.addEventListener('change',apply);
function all(on){return function(){bodies().forEach(function(b){if(!b.classList.contains('none'))open(b,on);});};}
var ea=document.getElementById('expand-all'),ca=document.getElementById('collapse-all');if(ea)ea.addEventListener('click',all(true));if(ca)ca.addEventListener('click',all(false));
apply();
})();`;

const css = (lang: Lang) => `
:root{color-scheme:light;font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif}
body{margin:0;background:#f5f6f8;color:#1f2328}
header{background:#0b3d91;color:#fff;padding:18px 28px}
header h1{margin:0;font-size:24px}header p{margin:6px 0 0;opacity:.9;font-size:14px}
main{padding:20px 28px 40px;max-width:1400px}
section{margin-top:22px}h2{font-size:18px;margin:0 0 10px}
.totals{display:flex;flex-wrap:wrap;gap:10px}
.card{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:10px 14px;min-width:110px;color:inherit;text-decoration:none}
.card b{display:block;font-size:22px}.card span{font-size:13px;color:#57606a}
.card.bad b{color:${SEVERITY_COLORS.error}}.card.warn b{color:#b26a00}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:14px}
figure{margin:0;background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:10px}
figcaption{font-weight:bold;margin-bottom:4px}figure svg{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;background:#fff;font-size:13px;width:100%}
th,td{border:1px solid #d8dde3;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#e8edf5;position:sticky;top:0;white-space:nowrap;z-index:1}th[data-type]{cursor:pointer}
th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.nw{white-space:nowrap}
tbody.p>tr.row.err td.e{background:#ffc7ce;font-weight:bold}tbody.p>tr.row.warn td.w{background:#ffeb9c}
.scroll{max-height:420px;overflow:auto;border:1px solid #d8dde3}
button.toggle{font:inherit;border:1px solid #b8c2cc;border-radius:4px;background:#fff;cursor:pointer;padding:0 6px;white-space:nowrap}
button.toggle::before{content:'▶ '}tbody.open button.toggle::before{content:'▼ '}tbody.none button.toggle{opacity:.45}
tr.detail{display:none}tbody.open tr.detail{display:table-row}tbody.filtered{display:none}
tr.detail>td{background:#fafbfc;padding:6px 10px 10px 36px}
.where{font-size:13px;color:#57606a;margin:0 0 4px}
table.findings{font-size:13px}table.findings td:first-child{white-space:nowrap;font-weight:bold}
tr.finding.off{display:none}
tr.finding.error td:first-child{color:${SEVERITY_COLORS.error};border-left:4px solid ${SEVERITY_COLORS.error}}
tr.finding.warning td:first-child{color:#9a6200;border-left:4px solid ${SEVERITY_COLORS.warning}}
tr.finding.info td:first-child{color:${SEVERITY_COLORS.info};border-left:4px solid ${SEVERITY_COLORS.info}}
#filters{display:flex;flex-wrap:wrap;gap:14px;align-items:center;margin:0 0 8px;font-size:14px}
#filters label{white-space:nowrap}#filters select{font:inherit;max-width:340px}
#filters button{font:inherit;cursor:pointer}#rule-note{display:none}
${PRINT_CSS(lang)}`;

/** A4 landscape; table heads repeat on each page (thead); charts and rows are not cut; page numbers in the margin. */
const PRINT_CSS = (lang: Lang) => `
@page{size:A4 landscape;margin:12mm 10mm 14mm;@bottom-center{content:${T[lang].page('counter(page)', 'counter(pages)')};font-size:9pt;color:#555}}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{background:#fff}main{padding:0;max-width:none}
header{background:none;color:#000;padding:0 0 6px;border-bottom:2px solid #0b3d91}header p{opacity:1}
section{margin-top:14px}h2{break-after:avoid}
.charts{grid-template-columns:1fr 1fr;gap:8px}figure{break-inside:avoid;padding:4px}
th{position:static}thead{display:table-header-group}tr{break-inside:avoid}
.scroll{max-height:none;overflow:visible;border:0}
table{font-size:11px}table.findings{font-size:11px}
#filters button,#filters select,#filters input{display:none}#filters label:has(input:not(:checked)){display:none}
tbody.p:not(.none) tr.detail{display:table-row}#rule-note{display:inline}
}`;

export interface HtmlOptions {
  lang: Lang;
  /** The profile's name as shown (its label, e.g. 全国（财预〔2020〕10号）). */
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

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function reportHtml(files: FileSummary[], o: HtmlOptions): string {
  const t = T[o.lang];
  const s = reportStats(files);
  // files are named from the folder they all sit in (the submissions folder), the full path on hover
  const base = commonFolder(files.map((f) => f.file));
  const rel = (f: string) => path.relative(base, path.resolve(f)).split(path.sep).join('/') || path.basename(f);
  const charts = reportCharts(s, o.lang);
  const date = localTime(o.date ?? new Date());

  const card = (value: string | number, label: string, cls = '', href = '') =>
    `<${href ? `a href="${href}"` : 'div'} class="card ${cls}" data-total="${esc(label)}"><b>${esc(value)}</b><span>${esc(label)}</span></${href ? 'a' : 'div'}>`;
  const totals = [
    card(s.files, t.files),
    card(s.unreadable, t.unreadable, s.unreadable ? 'bad' : '', s.unreadable ? '#unreadable' : ''),
    card(s.withoutTables, t.noTable, s.withoutTables ? 'warn' : '', s.withoutTables ? '#unreadable' : ''),
    card(s.tables, t.tables),
    card(s.tablesWithErrors, t.withErrors, s.tablesWithErrors ? 'bad' : ''),
    card(s.errors, t.errors, s.errors ? 'bad' : ''),
    card(s.warnings, t.warnings, s.warnings ? 'warn' : ''),
    card(s.infos, t.infos),
    card(pct(s.meanRate), t.avgRate),
    card(s.under90.length, t.under90Count, s.under90.length ? 'warn' : '', s.under90.length ? '#under90' : ''),
    card(money(s.budget), t.budget),
    card(money(s.spent), t.spent),
  ].join('');

  const figures = charts
    .map(
      (c) =>
        `<figure data-chart="${c.id}"><figcaption>${esc(c.title)}</figcaption>${c.svg.replace('<svg ', `<svg role="img" aria-label="${esc(c.title)}" `)}</figure>`,
    )
    .join('\n');

  const tables = allTables(files);
  const ids = new Map<TableSummary, string>(tables.map((r, i) => [r.table, `p${i + 1}`]));
  // an amount in 万元; the amount as the table states it on hover when its unit is another
  const amount = (wan: number | null, raw: number | null, x: TableSummary) => {
    const title = x.amountUnit && x.amountUnit !== '万元' && raw !== null ? ` title="${esc(t.asStated(money(raw), x.amountUnit))}"` : '';
    return `<td class="n" data-v="${wan === null ? '' : wan}"${title}>${money(wan)}</td>`;
  };

  const under = s.under90.length
    ? `<div class="scroll"><table id="under90"><thead><tr>${[t.project, t.dept, t.file, t.sheet, t.cols[5], t.cols[6], t.cols[7]]
        .map((h) => `<th>${esc(h)}</th>`)
        .join('')}</tr></thead><tbody>${s.under90
        .map(
          (r) =>
            `<tr><td><a href="#${ids.get(r.table)}">${esc(r.table.projectName ?? '—')}</a></td><td>${esc(departmentOf(r.table) ?? '—')}</td><td title="${esc(r.file)}">${esc(rel(r.file))}</td><td>${esc(r.table.sheet)}</td>${amount(r.table.budgetWan, r.table.budget, r.table)}${amount(r.table.spentWan, r.table.spent, r.table)}<td class="n">${pct(r.table.executionRate)}</td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : `<p>${esc(t.none)}</p>`;

  // the files the 无法读取 sheet lists, in the same words
  const bad = files.filter((f) => f.error || !f.tables.length);
  const unreadable = bad.length
    ? `<section id="unreadable"><h2>${esc(t.unreadableList(s.unreadable, s.withoutTables))}</h2><table><thead><tr><th>${esc(t.file)}</th><th>${esc(t.status)}</th><th>${esc(t.reason)}</th></tr></thead><tbody>${bad
        .map(
          (f) =>
            `<tr data-status="${f.error ? 'unreadable' : 'no-table'}"><td title="${esc(f.file)}">${esc(rel(f.file))}</td><td class="nw">${esc(f.error ? t.unreadable : t.noTable)}</td><td>${esc(f.error ?? '')}</td></tr>`,
        )
        .join('')}</tbody></table></section>`
    : '';

  // filters: severity (info off at first: not a problem to act on) and rule
  const sevCount = { error: s.errors, warning: s.warnings, info: s.infos };
  const filters = `<div id="filters"><span>${esc(t.filter)}</span>${SEVERITIES.map(
    (v) =>
      `<label><input type="checkbox" data-sev="${v}"${v === 'info' ? '' : ' checked'}> <span class="sev-${v}">${esc(SEVERITY[o.lang][v])}</span> ${sevCount[v]}</label>`,
  ).join('')}<label>${esc(t.rule)} <select id="rule-filter"><option value="">${esc(t.allRules)}</option>${s.rules
    .map((r) => `<option value="${esc(r.rule)}">${esc(ruleLabel(o.lang, r.rule))}（${r.count}）</option>`)
    .join(
      '',
    )}</select><b id="rule-note"></b></label><button type="button" id="expand-all">${esc(t.expandAll)}</button><button type="button" id="collapse-all">${esc(
    t.collapseAll,
  )}</button><span>${esc(t.shown)} <b id="shown">${s.errors + s.warnings}</b> / ${s.errors + s.warnings + s.infos}</span></div>`;
  // findings on Word reports' text (RULES.md §7): file, paragraph, message
  const textRows = files.flatMap((f) =>
    [...f.tables.flatMap((x) => x.findings), ...(f.textFindings ?? [])].filter((x) => x.where).map((x) => ({ file: f.file, x })),
  );
  const textSection = textRows.length
    ? `<section><h2>${esc(t.textFindings(textRows.length))}</h2><table id="text-findings"><thead><tr><th>${esc(t.file)}</th><th>${esc(t.textWhere)}</th><th>${esc(t.message)}</th></tr></thead><tbody>${textRows
        .map(({ file, x }) => `<tr><td title="${esc(file)}">${esc(rel(file))}</td><td>${esc(x.where)}</td><td>${esc(x.message)}</td></tr>`)
        .join('')}</tbody></table></section>`
    : '';

  const types = ['text', 'text', 'text', 'text', 'text', 'num', 'num', 'num', 'num', 'text', 'num', 'num'];
  const cols = types.length + 1;
  const head = `<th>${esc(t.problems)}</th>` + t.cols.map((c, i) => `<th data-type="${types[i]}" tabindex="0">${esc(c)}</th>`).join('');
  const numCell = (v: number | null, shown: string, cls = '') => `<td class="n${cls}" data-v="${v === null ? '' : v}">${shown}</td>`;
  const findingRow = (file: string, x: TableSummary, f: TableSummary['findings'][number]) =>
    `<tr class="finding ${f.severity}${f.severity === 'info' ? ' off' : ''}" data-sev="${f.severity}" data-rule="${esc(f.rule)}" data-file="${esc(file)}" data-sheet="${esc(
      x.sheet,
    )}" data-cell="${esc(f.cell)}"><td>${esc(SEVERITY[o.lang][f.severity])}</td><td class="nw">${esc(f.cell)}</td><td title="${esc(f.rule)}">${esc(
      ruleLabel(o.lang, f.rule),
    )}</td><td>${esc(f.message)}</td></tr>`;
  const rows = tables
    .map(({ file, table: x }) => {
      const shown = x.errors + x.warnings;
      const cls = [x.errors ? 'err' : '', x.warnings ? 'warn' : ''].filter(Boolean).join(' ');
      return [
        `<tbody class="p${shown ? '' : ' none'}" id="${ids.get(x)}">`,
        `<tr class="row${cls ? ` ${cls}` : ''}">`,
        `<td class="nw">${x.findings.length ? `<button type="button" class="toggle" aria-expanded="false"><span class="count">${shown}</span></button>` : '—'}</td>`,
        `<td title="${esc(file)}">${esc(rel(file))}</td>`,
        `<td>${esc(x.sheet)}</td>`,
        `<td>${esc(x.projectName ?? '—')}</td>`,
        `<td>${esc(departmentOf(x) ?? '—')}</td>`,
        `<td class="nw">${esc(KIND[o.lang][x.kind])}</td>`,
        amount(x.budgetWan, x.budget, x),
        amount(x.spentWan, x.spent, x),
        numCell(x.executionRate, pct(x.executionRate)),
        x.withheldTotal !== undefined
          ? `<td class="n" data-v="" title="${esc(t.withheld(num2(x.withheldTotal)))}">—</td>`
          : numCell(x.total, num2(x.total)),
        `<td>${esc(x.grade ?? '—')}</td>`,
        numCell(x.errors, String(x.errors), ' e'),
        numCell(x.warnings, String(x.warnings), ' w'),
        '</tr>',
        x.findings.length
          ? `<tr class="detail"><td colspan="${cols}"><p class="where">${esc(t.where(rel(file), x.sheet, x.range))}</p><table class="findings"><thead><tr>${t.fcols
              .map((h) => `<th>${esc(h)}</th>`)
              .join('')}</tr></thead><tbody>${x.findings.map((f) => findingRow(file, x, f)).join('')}</tbody></table></td></tr>`
          : '',
        '</tbody>',
      ].join('');
    })
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
<style>${css(o.lang)}</style>
</head>
<body>
<header><h1>${esc(t.title)}</h1><p>${esc(t.generated(date, o.profile))}</p></header>
<main>
<section class="totals" id="totals">${totals}</section>
<section><h2>${esc(t.charts)}</h2><div class="charts">
${figures}
</div></section>
<section id="under90-section"><h2>${esc(t.under90(s.under90.length))}</h2>${under}</section>
${unreadable}
${textSection}
<section id="all"><h2>${esc(t.all(s.tables))}</h2>
${filters}
<table id="projects"><thead><tr>${head}</tr></thead>
${rows}
</table></section>
</main>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

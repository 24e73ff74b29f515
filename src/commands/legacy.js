/* Graceful failure of the TASK PANE on the legacy webviews: Internet Explorer (Trident, Office 2019
   volume licence and older) and Edge Legacy (EdgeHTML). The task pane (React 19) needs a
   Chromium/WebKit engine. The ribbon functions do not need this file: commands.js is built to ES5
   with polyfills and runs there. Loaded by taskpane.html only. ES5 only, no dependencies. */
(function () {
  var ua = navigator.userAgent;
  var legacy = ua.indexOf('Trident') !== -1 || !!document.documentMode || /\bEdge\/\d/.test(ua);
  if (!legacy) return;
  var zh =
    '此 Office 版本使用旧版浏览器内核（Internet Explorer 或旧版 Edge）显示加载项，助手窗格无法在其中运行。功能区“绩效自评”上的 重新计算、提交前校验、清除标记 可以正常使用。要使用助手窗格，请使用 Office 2021 及以上版本或 Microsoft 365（均使用 Edge WebView2）；也可以用命令行 ziping check / ziping fix 检查文件。';
  var en =
    'This Office version shows add-ins with a legacy engine (Internet Explorer or Edge Legacy); the helper pane cannot run there. The Recompute, Check before submitting and Clear marks buttons on the Self-evaluation ribbon tab work. For the pane, use Office 2021 or later or Microsoft 365 (Edge WebView2), or check files with the ziping check / ziping fix command line.';
  function message() {
    var lang = '';
    try {
      lang = Office.context.displayLanguage || '';
    } catch (_e) {
      lang = '';
    }
    return /^en/i.test(lang) ? en : zh;
  }
  function showInPage() {
    var root = document.getElementById('root');
    if (root) {
      root.innerHTML = '';
      var p = document.createElement('p');
      p.className = 'legacy';
      p.appendChild(document.createTextNode(message()));
      root.appendChild(p);
    }
  }
  // This script runs in <head>, before #root exists. Office.onReady calls back at once (synchronously)
  // when office.js finished its start before this script ran (its mapping table loads asynchronously),
  // so the message is always shown once the page is parsed, never straight from the callback.
  function whenParsed(fn) {
    if (document.readyState !== 'loading') fn();
    else document.addEventListener('DOMContentLoaded', fn);
  }
  // Shown at once (office.js may never start, e.g. a CDN the PC cannot reach), then again in the
  // display language once Office is ready.
  whenParsed(showInPage);
  if (typeof Office !== 'undefined' && Office.onReady) {
    Office.onReady(function () {
      whenParsed(showInPage);
    });
  }
})();

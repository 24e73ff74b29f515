/* Graceful failure on the legacy webviews: Internet Explorer (Trident, Office 2019 volume licence
   and older) and Edge Legacy (EdgeHTML). The add-in bundles need a Chromium/WebKit engine.
   ES5 only, no dependencies. */
(function () {
  var ua = navigator.userAgent;
  var legacy = ua.indexOf('Trident') !== -1 || !!document.documentMode || /\bEdge\/\d/.test(ua);
  if (!legacy) return;
  var zh = '此 Office 版本使用旧版浏览器内核（Internet Explorer 或旧版 Edge）显示加载项，绩效自评助手无法在其中运行。请使用 Office 2021 及以上版本或 Microsoft 365（均使用 Edge WebView2），也可以用命令行 ziping check / ziping fix 检查文件。';
  var en = 'This Office version shows add-ins with a legacy engine (Internet Explorer or Edge Legacy); the helper cannot run there. Use Office 2021 or later or Microsoft 365 (Edge WebView2), or check files with the ziping check / ziping fix command line.';
  function message() {
    var lang = '';
    try { lang = Office.context.displayLanguage || ''; } catch (e) { lang = ''; }
    return /^en/i.test(lang) ? en : zh;
  }
  function showInPage() {
    var root = document.getElementById('root');
    if (root) { root.innerHTML = ''; var p = document.createElement('p'); p.className = 'legacy'; p.appendChild(document.createTextNode(message())); root.appendChild(p); }
  }
  function command(event) {
    try {
      if (Office.context.requirements.isSetSupported('DialogApi', '1.1')) {
        var url = location.href.replace(/[^\/]*$/, 'dialog-legacy.html') + '#' + encodeURIComponent(message());
        Office.context.ui.displayDialogAsync(url, { height: 30, width: 32, displayInIframe: true }, function () { event.completed(); });
        return;
      }
    } catch (e) { /* fall through */ }
    event.completed();
  }
  if (typeof Office === 'undefined') { if (document.readyState !== 'loading') showInPage(); else document.addEventListener('DOMContentLoaded', showInPage); return; }
  Office.onReady(function () {
    showInPage();
    try {
      Office.actions.associate('zipingRecompute', command);
      Office.actions.associate('zipingValidate', command);
      Office.actions.associate('zipingRestore', command);
    } catch (e) { /* older clients use globals */ }
    window.zipingRecompute = command;
    window.zipingValidate = command;
    window.zipingRestore = command;
  });
})();

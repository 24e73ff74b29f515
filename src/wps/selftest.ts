// The 自检 page (selftest.html): runs the probes of selftest-probes.ts and copies the text report
// (verdicts, then the raw answers as JSON).
import { getApplication } from './commands';
import { runSelfTest, selfTestText } from './selftest-probes';

function el<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** Copies text: the clipboard API where the page may use it, else a selected textarea. */
export function copyText(text: string, area: HTMLTextAreaElement): boolean {
  area.value = text;
  area.focus();
  area.select();
  try {
    if (document.execCommand('copy')) return true;
  } catch {
    /* fall through */
  }
  try {
    void navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

el<HTMLButtonElement>('run').onclick = () => {
  const app = getApplication(window);
  const out = el<HTMLTextAreaElement>('out');
  const state = el<HTMLSpanElement>('state');
  if (!app) {
    state.textContent = '未找到 WPS（window.Application）：请在 WPS 表格中打开此页';
    return;
  }
  state.textContent = '自检中…';
  void runSelfTest(app, navigator.userAgent).then((report) => {
    out.value = selfTestText(report, 'zh');
    const n = (st: string) => report.probes.filter((p) => p.status === st).length;
    state.textContent = `完成：OK ${n('OK')} · WARN ${n('WARN')} · FAIL ${n('FAIL')} · INFO ${n('INFO')}`;
    const copy = el<HTMLButtonElement>('copy');
    copy.disabled = false;
    copy.onclick = () => {
      state.textContent = copyText(out.value, out) ? '已复制' : '请手动全选复制';
    };
  });
};

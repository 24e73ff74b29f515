// The outcome dialog (dialog.html): shows the text passed in the URL hash.
// Built to ES5 (webpack 'ribbon' compilation): it opens in Internet Explorer 11 on Office 2019 too.
import { closeDialog, initDialogPage, parseDialogHash, type DialogPayload } from '../office/dialog-page';

function payload(): DialogPayload {
  return parseDialogHash(window.location.hash) ?? { title: '绩效自评助手', message: '', intent: 'info', lang: 'zh' };
}

const p = payload();
document.documentElement.lang = p.lang === 'en' ? 'en' : 'zh-CN';
document.body.className = `intent-${p.intent}`;
(document.getElementById('title') as HTMLElement).textContent = p.title;
(document.getElementById('message') as HTMLElement).textContent = p.message;
const button = document.getElementById('close') as HTMLButtonElement;
button.textContent = p.lang === 'en' ? 'Close' : '关闭';
button.addEventListener('click', () => closeDialog());
initDialogPage();

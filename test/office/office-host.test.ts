// office-host helpers that matter on Internet Explorer (Office 2019): no URL constructor, the
// 2,083-character URL limit, and an office.js without Office.actions.
import { registerCommands } from '../../src/commands/commands';
import { dialogUrlFor, IE_MAX_URL, MAX_DIALOG_URL, siblingUrl, wireLength } from '../../src/office/office-host';
import { parseDialogHash } from '../../src/office/dialog-page';

const DIALOG = 'https://oa.example.gov.cn/ziping/dialog.html';
const decode = (url: string) => parseDialogHash(url.slice(url.indexOf('#')))!;

describe('office-host on Internet Explorer', () => {
  it('siblingUrl finds dialog.html next to the page, without URL', () => {
    expect(siblingUrl('https://oa.example.gov.cn/ziping/commands.html', 'dialog.html')).toBe(DIALOG);
    expect(siblingUrl('https://oa.example.gov.cn/ziping/commands.html?_host_Info=Excel$Win32$16.01#x/y', 'dialog.html')).toBe(DIALOG);
    expect(siblingUrl('https://localhost:3000/', 'dialog.html')).toBe('https://localhost:3000/dialog.html');
  });

  it('dialogUrlFor keeps a normal outcome whole', () => {
    const text = {
      title: '重新计算完成',
      message: '1 张表：2 个错误，1 个警告，0 个提示。写入 12 个单元格，标出 3 处。',
      intent: 'error' as const,
      lang: 'zh',
    };
    const url = dialogUrlFor(DIALOG, text);
    expect(url.startsWith(`${DIALOG}#`)).toBe(true);
    expect(decode(url)).toEqual(text);
  });

  it('dialogUrlFor shortens a long message so Internet Explorer still opens the dialog', () => {
    const sheets = Array.from({ length: 80 }, (_, i) => `项目支出绩效自评表${i + 1}`).join('”“');
    const message = `工作表“${sheets}”受保护，未写入任何内容。请先撤销工作表保护。`;
    const url = dialogUrlFor(DIALOG, { title: '重新计算完成', message, intent: 'warning', lang: 'zh' });
    expect(wireLength(url)).toBeLessThanOrEqual(MAX_DIALOG_URL);
    expect(MAX_DIALOG_URL).toBeLessThan(IE_MAX_URL);
    const shown = decode(url).message as string;
    expect(shown.endsWith('…')).toBe(true);
    expect(message.startsWith(shown.slice(0, -1))).toBe(true);
    expect(shown.length).toBeGreaterThan(100);
  });

  it('registerCommands sets the globals even when Office.actions is missing', () => {
    const globals: Record<string, unknown> = {};
    registerCommands(
      {
        associate: () => {
          throw new TypeError("Unable to get property 'associate' of undefined or null reference");
        },
      },
      () => {
        throw new Error('not called');
      },
      globals,
    );
    expect(Object.keys(globals).sort()).toEqual(['zipingRecompute', 'zipingRestore', 'zipingValidate']);
    expect(typeof globals.zipingRecompute).toBe('function');
  });
});

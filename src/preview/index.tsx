// Browser preview (npm run preview): the real task pane beside a rendering of a sample
// workbook held by the fake Excel host. No Office, nothing leaves the page.
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { analyzeWorkbook } from '../core';
import { FakeExcelHost } from '../../test/support/fake-excel';
import { toWorkbook, stack } from '../../test/fixtures/build';
import { budgetList, fengtai, jiangxiRubric, yuxiDepartment, yuxiFestival, yuxiOffice } from '../../test/fixtures/tables';
import { runCommand, type CommandKind } from '../commands/commands';
import type { OutcomeText } from '../ui-strings';
import { t } from '../ui-strings';
import { App, type AppBridge } from '../taskpane/App';
import { officePaneHost } from '../office/pane-host';
import { SheetView } from './SheetView';

/** The sample workbook as .xlsx bytes (built from the engine's fixtures). */
async function sampleBytes(): Promise<ArrayBuffer> {
  const wb = toWorkbook([
    { name: '玉溪项目', placed: stack([yuxiOffice, yuxiFestival], 'B2', 2) },
    { name: '丰台', placed: [{ table: fengtai, at: 'A1' }] },
    { name: '部门', placed: [{ table: yuxiDepartment, at: 'A1' }] },
    { name: '评分', placed: [{ table: jiangxiRubric, at: 'A1' }] },
    { name: '预算', placed: [{ table: budgetList, at: 'A1' }] },
  ]);
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

const API_LEVELS = ['1.18', '1.13', '1.9', '1.7'];

function Preview() {
  const [host, setHost] = React.useState<FakeExcelHost | null>(null);
  const [generation, setGeneration] = React.useState(0);
  const [version, setVersion] = React.useState(0);
  const [api, setApi] = React.useState(new URLSearchParams(location.search).get('api') ?? '1.18');
  const [bytes, setBytes] = React.useState<ArrayBuffer | null>(null);
  const [toast, setToast] = React.useState<OutcomeText | null>(null);
  const [paneOpen, setPaneOpen] = React.useState(true);
  const [fileName, setFileName] = React.useState('示例工作簿.xlsx');

  React.useEffect(() => {
    void sampleBytes().then(setBytes);
  }, []);

  React.useEffect(() => {
    if (!bytes) return;
    let off: (() => void) | undefined;
    void FakeExcelHost.fromBuffer(bytes.slice(0), { excelApi: api, sets: { DialogApi: '1.1' } }).then((h) => {
      off = h.onChange(() => setVersion((v) => v + 1));
      (window as unknown as { __zipingHost?: FakeExcelHost }).__zipingHost = h; // for the e2e test
      setHost(h);
      setGeneration((g) => g + 1);
    });
    return () => off?.();
  }, [bytes, api]);

  const bridge = React.useMemo<AppBridge | null>(
    () =>
      host && {
        app: 'excel',
        displayLanguage: 'zh-CN',
        host: officePaneHost({
          kind: 'preview',
          host,
          displayLanguage: 'zh-CN',
          analyze: analyzeWorkbook,
          // like Office: the pane hears of sheet switches and ribbon runs, not of typing (that is the live check's event)
          subscribe: (fn) => host.onChange((kind) => kind !== 'edit' && kind !== 'select' && fn()),
          officeInfo: () => ({ host: 'Excel（浏览器预览）', platform: 'Browser', version: `fake host, ExcelApi ${host.excelApi}` }),
          documentUrl: () => fileName,
        }),
      },
    [host, fileName],
  );

  if (!host || !bridge) return <p className="loading">正在加载示例工作簿…</p>;

  const ribbon = async (kind: CommandKind) => {
    setToast(null);
    await runCommand(kind, {
      host,
      analyze: analyzeWorkbook,
      lang: 'zh',
      notify: async (text) => setToast(text),
      showTaskpane: async () => {
        setPaneOpen(true);
        return false; // also show the message
      },
    });
  };
  const openFile = async (ev: React.ChangeEvent<HTMLInputElement>) => {
    const f = ev.target.files?.[0];
    if (!f) return;
    setFileName(f.name);
    setBytes(await f.arrayBuffer());
  };

  return (
    <div className="preview">
      <header className="ribbon">
        <span className="ribbon-tab">绩效自评</span>
        <div className="ribbon-group">
          <button type="button" data-testid="ribbon-recompute" onClick={() => void ribbon('recompute')} title={t('zh', 'recomputeTip')}>
            <img src="assets/recompute-32.png" alt="" width={32} height={32} />
            {t('zh', 'recompute')}
          </button>
          <button type="button" data-testid="ribbon-validate" onClick={() => void ribbon('validate')} title={t('zh', 'validateTip')}>
            <img src="assets/validate-32.png" alt="" width={32} height={32} />
            {t('zh', 'validate')}
          </button>
          <button type="button" data-testid="ribbon-restore" onClick={() => void ribbon('restore')} title={t('zh', 'restoreTip')}>
            <img src="assets/restore-32.png" alt="" width={32} height={32} />
            {t('zh', 'restore')}
          </button>
          <button type="button" data-testid="ribbon-pane" onClick={() => setPaneOpen(!paneOpen)}>
            <img src="assets/icon-32.png" alt="" width={32} height={32} />
            {t('zh', 'openPane')}
          </button>
        </div>
        <div className="ribbon-side">
          <label>
            ExcelApi{' '}
            <select value={api} onChange={(e) => setApi(e.target.value)} data-testid="api-level">
              {API_LEVELS.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <label className="file">
            打开 .xlsx…
            <input type="file" accept=".xlsx" onChange={(e) => void openFile(e)} />
          </label>
          <span className="filename">{fileName}</span>
        </div>
      </header>
      {toast && (
        <div className={`toast intent-${toast.intent}`} role="status" data-testid="toast">
          <strong>{toast.title}</strong> {toast.message}
          <button type="button" onClick={() => setToast(null)} aria-label="关闭">
            ×
          </button>
        </div>
      )}
      <main className="workspace">
        <section className="sheet" aria-label="工作表">
          <SheetView
            host={host}
            version={version}
            onSheet={(n) => host.userActivate(n)} // like Excel's worksheet activated event
          />
        </section>
        {paneOpen && (
          <aside className="pane" aria-label="任务窗格">
            <App key={generation} bridge={bridge} />
          </aside>
        )}
      </main>
    </div>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<Preview />);

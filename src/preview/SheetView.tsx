// HTML rendering of the fake host's workbook: what Excel would show (values, fills, notes, selection).
import * as React from 'react';
import type { FakeExcelHost } from '../../test/support/fake-excel';
import { readCell, readFill, readNote } from '../../test/support/fake-excel/cells';
import { colLetters, a1 } from '../core/address';

/** Excel-like display text for a value and number format (the common formats only). */
export function displayText(value: unknown, fmt: string): string {
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value !== 'number') return String(value);
  const f = fmt.split(';')[0];
  const dec = (/\.(0+)/.exec(f)?.[1] ?? '').length;
  if (f.includes('%')) return `${(value * 100).toFixed(dec)}%`;
  if (/[0#]/.test(f) && f !== 'General') {
    const s = value.toFixed(dec);
    if (!f.includes(',')) return s;
    const [i, d] = s.split('.');
    return i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (d ? '.' + d : '');
  }
  return String(Math.round(value * 1e10) / 1e10);
}

interface Props {
  host: FakeExcelHost;
  /** Bumped by the parent whenever the host reports a change. */
  version: number;
  onSheet(name: string): void;
}

/** "#'Sheet'!A1" → sheet and cell. */
function linkTarget(link: string): { sheet: string; cell: string } | null {
  const m = /^#'?(.*?)'?!([A-Z]+\d+)$/.exec(link);
  return m ? { sheet: m[1].replace(/''/g, "'"), cell: m[2] } : null;
}

export function SheetView({ host, version, onSheet }: Props) {
  void version;
  const ref = React.useRef<HTMLDivElement>(null);
  // double-click a cell (or press F2 on the selected one) to type into it, like Excel; Enter commits
  const [editing, setEditing] = React.useState<{ addr: string; text: string } | null>(null);
  const done = React.useRef(false); // Enter, then the blur of the removed input: one edit
  const commit = () => {
    if (!editing || done.current) return;
    done.current = true;
    setEditing(null);
    host.userEdit(host.activeSheetName, editing.addr, editing.text);
  };
  const selKey = host.selection ? `${host.selection.sheet}!${host.selection.address}` : '';
  React.useEffect(() => {
    // like Excel: the selected cell scrolls into view
    ref.current?.querySelector('td.selected')?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }, [selKey, version]);
  const wb = host.workbook;
  const sheets = wb.worksheets.filter((w) => (w.state ?? 'visible') === 'visible');
  const name = host.activeSheetName;
  const ws = wb.getWorksheet(name);
  if (!ws) return null;
  const used = host.usedRect(name) ?? { top: 0, left: 0, bottom: 0, right: 0 };
  const rows = Math.max(used.bottom + 2, 20);
  const cols = Math.max(used.right + 2, 8);
  const merges = host.merges(name);
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of merges) {
    spans.set(`${m.top},${m.left}`, { rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }
  const sel = host.selection && host.selection.sheet === name ? host.selection.address : null;

  const widths: number[] = [];
  for (let c = 0; c < cols; c++) widths.push(Math.round((ws.getColumn(c + 1).width ?? 9) * 7 + 5));

  const body: React.ReactNode[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: React.ReactNode[] = [
      <th key="h" className="rowhead">
        {r + 1}
      </th>,
    ];
    for (let c = 0; c < cols; c++) {
      if (covered.has(`${r},${c}`)) continue;
      const cell = ws.getCell(r + 1, c + 1);
      const read = readCell(cell);
      const fill = readFill(cell);
      const note = readNote(cell);
      const span = spans.get(`${r},${c}`);
      const addr = a1(r, c);
      const style: React.CSSProperties = {};
      if (fill.tintAndShade !== null) style.background = fill.color;
      if ((cell.font as { bold?: boolean } | undefined)?.bold) style.fontWeight = 600;
      const numeric = typeof read.value === 'number';
      const classes = ['cell'];
      if (numeric) classes.push('num');
      if (fill.tintAndShade !== null) classes.push('filled');
      if (note) classes.push('has-note');
      if (sel === addr) classes.push('selected');
      if (typeof read.formula === 'string' && read.formula.startsWith('=') && read.formula !== read.value) classes.push('formula');
      const raw = cell.value as { hyperlink?: string } | null;
      const link = raw && typeof raw === 'object' && typeof raw.hyperlink === 'string' ? linkTarget(raw.hyperlink) : null;
      if (link) classes.push('link');
      const isEditing = editing?.addr === addr;
      cells.push(
        <td
          key={c}
          className={classes.join(' ')}
          style={style}
          rowSpan={span?.rowSpan}
          colSpan={span?.colSpan}
          data-addr={addr}
          data-fill={fill.tintAndShade !== null ? fill.color : undefined}
          title={note ?? undefined}
          onDoubleClick={() => {
            done.current = false;
            setEditing({ addr, text: read.value === '' ? '' : String(read.value) });
          }}
          onClick={
            link
              ? () => {
                  if (host.hasSheet(link.sheet)) host.userActivate(link.sheet, link.cell);
                }
              : undefined
          }
        >
          {isEditing ? (
            <input
              className="cell-editor"
              data-testid="cell-editor"
              autoFocus
              value={editing.text}
              onChange={(ev) => setEditing({ addr, text: ev.target.value })}
              onBlur={commit}
              onKeyDown={(ev) => {
                if (ev.key === 'Enter') commit();
                if (ev.key === 'Escape') {
                  done.current = true;
                  setEditing(null);
                }
              }}
            />
          ) : (
            displayText(read.value, read.numberFormat)
          )}
        </td>,
      );
    }
    body.push(<tr key={r}>{cells}</tr>);
  }

  return (
    <div className="sheetview">
      <div className="grid-wrap" ref={ref}>
        <table className="grid" data-sheet={name}>
          <colgroup>
            <col style={{ width: 40 }} />
            {widths.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className="corner" />
              {widths.map((_, i) => (
                <th key={i} className="colhead">
                  {colLetters(i)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{body}</tbody>
        </table>
      </div>
      <div className="tabs" role="tablist">
        {sheets.map((w) => (
          <button
            key={w.name}
            type="button"
            role="tab"
            aria-selected={w.name === name}
            className={w.name === name ? 'tab active' : 'tab'}
            data-testid="sheet-tab"
            onClick={() => onSheet(w.name)}
          >
            {w.name}
          </button>
        ))}
      </div>
    </div>
  );
}

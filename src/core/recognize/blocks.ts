// Header rows → blocks: which roles stand in which columns, and the block kind.
import type { Sheet } from '../sheet';
import { headerRole, type Role } from '../vocab';

export type RoleCols = Map<Role, number[]>;
/** `notSelfEvaluation`: the header of a 绩效运行监控表 or 绩效目标申报表: never read. */
export type BlockKind = 'fund' | 'indicators' | 'tasks' | 'rubric' | 'exec' | 'notSelfEvaluation';

export interface Block {
  kind: BlockKind;
  headerTop: number;
  headerBottom: number;
  cols: RoleCols;
  left: number;
  right: number;
}

export const MAX_BLANK_RUN = 4;

export function rowRoles(sheet: Sheet, r: number): RoleCols {
  const out: RoleCols = new Map();
  const row = sheet.grid.values[r - sheet.top];
  for (let c = sheet.left; c <= sheet.rowEnd(r); c++) {
    const v = sheet.value(r, c);
    if (typeof v !== 'string' || v.length > 40) continue;
    const role = headerRole(sheet.norm(r, c));
    if (!role) continue;
    // a merged header counts once, at each column it covers
    const list = out.get(role);
    if (list) {
      if (list[list.length - 1] !== c) list.push(c); // c only grows
    } else out.set(role, [c]);
  }
  void row;
  return out;
}

export function hasNumber(sheet: Sheet, r: number): boolean {
  for (let c = sheet.left; c <= sheet.rowEnd(r); c++) {
    const v = sheet.own(r, c);
    if (typeof v === 'number') return true;
  }
  return false;
}

/** `loose`: one header row of two may name the target only (the actual stands on the other row). */
export function classify(roles: RoleCols, loose = false): BlockKind | null {
  const has = (r: Role) => roles.has(r);
  const weights = roles.get('weight')?.length ?? 0;
  if (has('monitor')) return 'notSelfEvaluation';
  if (has('taskName') || (has('approved') && has('taskSpent'))) return 'tasks';
  if (has('level1') && weights >= 2 && !has('actual')) return 'rubric';
  if (has('level1') && has('spent') && (has('budget') || has('initialBudget')) && !has('level3')) return 'exec';
  // targets without actuals are a 绩效目标申报表, not a self-evaluation
  if (has('level3') && (has('actual') || (loose && (has('target') || has('adjustedTarget'))))) return 'indicators';
  if (has('level1') && has('level2') && has('actual') && (has('target') || has('adjustedTarget'))) return 'indicators';
  if (has('spent') && (has('budget') || has('initialBudget')) && !has('level1')) return 'fund';
  return null;
}

/** Merges header rows: the lowest header row wins per column. */
export function mergeRoles(rows: RoleCols[]): RoleCols {
  const byCol = new Map<number, Role>();
  for (const roles of rows) for (const [role, cols] of roles) for (const c of cols) byCol.set(c, role);
  const out: RoleCols = new Map();
  for (const [c, role] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
    const l = out.get(role);
    if (l) l.push(c);
    else out.set(role, [c]);
  }
  return out;
}

/** Roles that name a block, not a column. */
export const LABEL_ROLES: ReadonlySet<Role> = new Set<Role>(['fundLabel', 'blockLabel']);

export const UPPER_ROLES: Role[] = ['target', 'actual', 'weight', 'score', 'reason', 'approved', 'taskSpent', 'rate'];
export const LOWER_ROLES: Role[] = ['nature', 'target', 'unit', 'approvedTotal', 'approvedFiscal', 'approvedOther', 'level1', 'level2', 'level3'];

export function findBlocks(sheet: Sheet): Block[] {
  const blocks: Block[] = [];
  const roleRows = new Map<number, RoleCols>();
  const rolesAt = (r: number): RoleCols => {
    let x = roleRows.get(r);
    if (!x) {
      x = r < sheet.top || r > sheet.bottom ? new Map() : rowRoles(sheet, r);
      roleRows.set(r, x);
    }
    return x;
  };
  let skipUntil = -1;
  for (let r = sheet.top; r <= sheet.bottom; r++) {
    if (r <= skipUntil) continue;
    const roles = rolesAt(r);
    if (roles.size < 2) continue;
    const kind = classify(roles, true);
    if (!kind) continue;
    let top = r;
    let bottom = r;
    const rows: RoleCols[] = [roles];
    const above = rolesAt(r - 1);
    if (
      kind !== 'fund' &&
      r - 1 >= sheet.top &&
      !hasNumber(sheet, r - 1) &&
      [...above.keys()].some((k) => UPPER_ROLES.includes(k)) &&
      !classify(above) &&
      !blocks.some((b) => b.headerBottom >= r - 1)
    ) {
      rows.unshift(above);
      top = r - 1;
    }
    const below = rolesAt(r + 1);
    if (
      r + 1 <= sheet.bottom &&
      !hasNumber(sheet, r + 1) &&
      [...below.keys()].some((k) => LOWER_ROLES.includes(k)) &&
      (kind === 'tasks' || !below.has('level3') || !roles.has('level3'))
    ) {
      rows.push(below);
      bottom = r + 1;
    }
    const cols = mergeRoles(rows);
    // the combined header may reveal a richer kind (e.g. level3 on the lower row)
    const strict = classify(cols);
    // indicators with targets and no actuals: a 绩效目标申报表, never read
    const k2 = strict ?? (kind === 'indicators' ? 'notSelfEvaluation' : kind);
    let left = Infinity;
    let right = -Infinity;
    for (const [role, cs] of cols)
      for (const c of cs) {
        if (LABEL_ROLES.has(role)) continue; // a block label beside the columns is no column
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    blocks.push({ kind: k2, headerTop: top, headerBottom: bottom, cols, left, right });
    skipUntil = bottom;
  }
  return blocks;
}

export function col(b: Block, role: Role, i = 0): number | null {
  const l = b.cols.get(role);
  return l && l.length > i ? l[i] : null;
}

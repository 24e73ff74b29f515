// Recognised tables, before and after scoring. Cell positions are 0-based absolute.
import type { Operator, TableKind } from './types';
import type { Sheet } from './sheet';
import type { Level1Kind } from './vocab';
import type { QualStatus } from './values';

export interface Pos {
  row: number;
  col: number;
}

export interface NumCell {
  pos: Pos | null;
  value: number | null;
  blank: boolean;
  /** Present but not a number (text, error value). */
  unparsable: boolean;
  formula: boolean;
}

export interface FundRow {
  kind: import('./vocab').FundRowKind;
  row: number;
  initialBudget: NumCell;
  budget: NumCell;
  allocated: NumCell;
  spent: NumCell;
}

export interface FundBlock {
  headerRow: number;
  /** A transfer-payment form's fund part (§2.4): no fund weight, R still reported and checked. */
  transfer?: boolean;
  /** The fund weight stands only in the block label ("预算执行情况(万元)(20分)"), at `weight.pos`. */
  weightFromLabel?: boolean;
  /** The total row's 原因 cell (Sichuan 510000_0013zp), and whether it holds a reason. */
  reasonPos?: Pos | null;
  reasonBlank?: boolean;
  rows: FundRow[];
  total: FundRow | null;
  weight: NumCell;
  rateCell: Pos | null;
  rateFormula: boolean;
  score: NumCell;
  /** Computed. */
  budgetUsed: number | null;
  budgetFallback: boolean;
  zeroBudget: boolean;
  rate: number | null;
  computedScore: number | null;
}

export interface Indicator {
  row: number;
  level1: string;
  level1Kind: Level1Kind;
  level1Pos: Pos | null;
  level2: string;
  level2Pos: Pos | null;
  name: string;
  namePos: Pos;
  naturePos: Pos | null;
  unitPos: Pos | null;
  targetPos: Pos | null;
  actualPos: Pos | null;
  weightPos: Pos | null;
  scorePos: Pos | null;
  reasonPos: Pos | null;
  reasonBlank: boolean;
  operator: Operator | null;
  operatorAssumed: boolean;
  targetBlank: boolean;
  actualBlank: boolean;
  targetNum: number | null;
  actualNum: number | null;
  targetText: string;
  actualText: string;
  unit: string | null;
  unitMismatch: boolean;
  unparsable: Pos[];
  /** The actual is a bare "无" beside a quantitative target (§3): a value, unreadable, not a blank. */
  noneActual?: boolean;
  weight: number | null;
  weightBlank: boolean;
  entered: number | null;
  scoreFormula: boolean;
  qual: QualStatus | null;
  /** d = (B − A) / A for a met positive indicator. */
  over: number | null;
  deduction: number;
  /** Score by the rules; null when it cannot be computed. */
  computed: number | null;
  /** What the total counts for this row (computed, else entered, else null). */
  counted: number | null;
  /** Value to write into the score cell, if any. */
  write: number | null;
  /** Qualitative score outside its band or missing. */
  bandViolation: { low: number; high: number } | null;
  /** 扣减分数 cell and its value (profile.deductionColumn; src/core/profile-columns.ts). */
  deductionPos?: Pos | null;
  columnDeduction?: number;
  /** The 扣减分数 cell holds something other than a number in [0, W]. */
  deductionInvalid?: boolean;
  /** 完成情况简要描述 cell, when the table has that column. */
  descriptionPos?: Pos | null;
  descriptionBlank?: boolean;
}

/** A block of indicators whose weight stands only in its label ("年度绩效目标1(40分)", "产出指标(60分)"). */
export interface WeightBlock {
  label: string;
  pos: Pos;
  weight: number;
  indicators: Indicator[];
  /** Computed: Σ entered scores, null when one is blank. */
  entered: number | null;
}

export interface Level2Group {
  level1: string;
  level1Kind: Level1Kind;
  level2: string;
  pos: Pos;
  realRows: number;
}

export interface Level1Group {
  label: string;
  kind: Level1Kind;
  pos: Pos;
  realRows: number;
}

export interface TotalBlock {
  labelPos: Pos;
  weightsCell: Pos | null;
  totalCell: Pos | null;
  gradeCell: Pos | null;
  enteredWeights: number | null;
  enteredTotal: number | null;
  enteredGrade: string | null;
  totalFormula: boolean;
  gradeFormula: boolean;
}

export interface Task {
  row: number;
  name: string;
  isTotal: boolean;
  approved: NumCell;
  fiscal: NumCell;
  other: NumCell;
  spent: NumCell;
  ratePos: Pos | null;
  rateFormula: boolean;
  reasonPos: Pos | null;
  reasonBlank: boolean;
  rate: number | null;
}

export interface RubricItem {
  row: number;
  level: 1 | 2 | 3;
  name: string;
  namePos: Pos | null;
  weight: NumCell;
  score: NumCell;
  parent: RubricItem | null;
  children: RubricItem[];
}

export interface Table {
  /** How the table is scored. */
  kind: TableKind;
  /** The form's own kind where it differs from how it is scored (§2.4: 单位名称 names a department table). */
  form?: TableKind;
  sheet: Sheet;
  top: number;
  left: number;
  bottom: number;
  right: number;
  projectName: string | null;
  /** 主管部门 (§2.4); null when not stated. */
  department?: string | null;
  headerRow: number;
  headerCol: Record<string, number>;
  /** Header cell naming each role. */
  headerCell: Record<string, Pos>;
  funds: FundBlock | null;
  indicators: Indicator[];
  level1Groups: Level1Group[];
  level2Groups: Level2Group[];
  hasWeights: boolean;
  /** Weights only in block labels (RULES.md §2.4); empty otherwise. */
  blocks: WeightBlock[];
  /** A row "偏差大或目标未完成原因分析 | …" giving one reason for the whole table. */
  reasonRow?: { label: Pos; cell: Pos; blank: boolean };
  /** Nothing filled in: no fund figures, no indicator row with an actual or a score. */
  notFilled?: boolean;
  total: TotalBlock | null;
  /** Content cell of 其他需要说明的事项. */
  notesCell: Pos | null;
  notesBlank: boolean;
  tasks: Task[];
  rubric: RubricItem[];
  /** Part of the table has a layout the engine does not read: no totals. */
  partial: boolean;
  /** Computed. */
  weightsTotal: number | null;
  computedTotal: number | null;
  grade: string | null;
}

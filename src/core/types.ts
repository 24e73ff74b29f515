// Core contract shared by the engine and every adapter (xlsx, Office, CLI, task pane).
// Coordinates are 0-based and absolute on the sheet unless a name says otherwise.

/** An Excel error value such as #DIV/0! or #REF!. */
export interface CellError {
  error: string;
}

export type CellValue = string | number | boolean | Date | CellError | null;

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One worksheet as the engine sees it. The arrays cover a rectangle starting at
 * (top, left); anything outside is blank. `formats` and `formulas` may be shorter
 * or missing: missing means "General" / no formula.
 */
export interface SheetGrid {
  name: string;
  top: number;
  left: number;
  values: CellValue[][];
  /** Number format per cell ('General' or '' when none). */
  formats?: (string | null | undefined)[][];
  /** Formula text per cell (with or without leading '='), null when the cell is a constant. */
  formulas?: (string | null | undefined)[][];
  merges: CellRange[];
  /** True when the sheet is protected: the engine still analyses it, adapters must not write. */
  protected?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'zh' | 'en';
export type Operator = '>=' | '<=' | '=' | 'qualitative';
export type TableKind = 'project' | 'department' | 'rubric';

export type RuleId =
  | 'score-exceeds-weight'
  | 'score-mismatch'
  | 'weights-total'
  | 'level1-weights'
  | 'missing-level3'
  | 'missing-deviation-reason'
  | 'target-too-low'
  | 'total-mismatch'
  | 'grade-mismatch'
  | 'fund-breakdown'
  | 'execution-over-budget'
  | 'zero-budget'
  | 'budget-fallback'
  | 'missing-value'
  | 'unparsable-value'
  | 'unit-mismatch'
  | 'operator-assumed'
  | 'qualitative-score-band'
  | 'qualitative-unrated'
  | 'formula-kept'
  | 'table-not-filled'
  | 'block-weights'
  | 'execution-gap'
  | 'report-mismatch'
  | 'report-sum'
  | 'weight-not-positive'
  | 'group-weights'
  | 'description-missing'
  | 'unit-missing'
  | 'deduction-invalid'
  | 'cost-unfilled-cap';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  sheet: string;
  /** A1 address on `sheet`. */
  cell: string;
  row: number; // 0-based
  col: number; // 0-based
  /** Message in the requested language. */
  message: string;
  messageZh: string;
  messageEn: string;
  /** What the finding cites (rule book section or public document), as in the message. */
  sourceZh?: string;
  sourceEn?: string;
}

/** What kind of computed cell a planned write targets. */
export type WriteKind = 'fundRate' | 'fundScore' | 'score' | 'total' | 'grade' | 'taskRate';

export interface PlannedWrite {
  sheet: string;
  row: number; // 0-based
  col: number; // 0-based
  address: string; // A1
  kind: WriteKind;
  value: number | string;
  /** Number format to set, e.g. '0.00%' for rates, '0.00' for scores; undefined = leave format. */
  numFmt?: string;
}

/** A highlight (fill) plus a note on one flagged cell. One per cell, worst severity wins. */
export interface PlannedMark {
  sheet: string;
  row: number;
  col: number;
  address: string;
  severity: Severity;
  /** ARGB fill, 'FFFFC7CE' (error) / 'FFFFEB9C' (warning) / 'FFDDEBF7' (info). */
  fill: string;
  /** Note text: every finding message on this cell, one per line, prefixed with "ziping". */
  note: string;
  rules: RuleId[];
}

export interface FundsResult {
  budget: number | null;
  spent: number | null;
  executionRate: number | null;
  weight: number | null;
  score: number | null;
  enteredScore?: number | null;
  rateCell: string | null;
  scoreCell: string | null;
  /** Cells of the budget and the spending the rate is computed from (RULES.md §7 names them). */
  budgetCell?: string | null;
  spentCell?: string | null;
}

export interface IndicatorResult {
  row: number; // 1-based sheet row
  level1: string;
  level2: string;
  name: string;
  operator: Operator | null;
  target: number | string | null;
  actual: number | string | null;
  unit: string | null;
  weight: number | null;
  enteredScore: number | null;
  score: number | null;
  scoreCell: string | null;
}

export interface TaskResult {
  row: number; // 1-based
  name: string;
  approved: number | null;
  spent: number | null;
  executionRate: number | null;
  rateCell: string | null;
}

export interface RubricItemResult {
  row: number; // 1-based
  level: 1 | 2 | 3;
  name: string;
  weight: number | null;
  enteredScore: number | null;
  weightCell: string | null;
  scoreCell: string | null;
}

/** A block of indicators whose weight stands only in its label (RULES.md §2.4). */
export interface BlockResult {
  label: string;
  weight: number;
  /** Σ entered scores of the block; null when one is blank. */
  enteredScore: number | null;
  cell: string;
}

export interface TableResult {
  sheet: string;
  range: string; // A1 range of the table
  kind: TableKind;
  projectName: string | null;
  /** 主管部门 (with any 省级/市级/县级 prefix), never 实施单位 (RULES.md §2.4); absent when not stated. */
  department?: string | null;
  /** Unit the table states its amounts in (RULES.md §3); null when none is stated. Convert with `toWan`. */
  amountUnit?: import('./units').AmountUnit | null;
  funds: FundsResult | null;
  indicators: IndicatorResult[];
  tasks?: TaskResult[];
  rubric?: RubricItemResult[];
  weightsTotal: number | null;
  total: number | null;
  grade: string | null;
  totalCell: string | null;
  gradeCell: string | null;
  /** Present when weights stand only in block labels. */
  blocks?: BlockResult[];
  /** True for a blank template (one `table-not-filled` finding, nothing else). */
  notFilled?: boolean;
  /**
   * The sum computed where the weights do not add up (§4.5): not a score out of 100, so `total` and `grade`
   * are null (shown "—") and the `weights-total` / `block-weights` finding says why.
   */
  withheldTotal?: number;
  findings: Finding[];
}

export interface AnalysisResult {
  tables: TableResult[];
  /** All findings of all tables, in table order. */
  findings: Finding[];
  /** Computed cell values to write (never over a formula). */
  writes: PlannedWrite[];
  /** Highlights + notes, one per flagged cell. */
  marks: PlannedMark[];
}

export interface AnalyzeOptions {
  /** A profile name of the shipped ones, or a parsed profile object. Default 'national'. */
  profile?: string | import('./profile').Profile;
  /** Rule ids switched off by the user. */
  disabledRules?: RuleId[];
  lang?: Lang;
  /** Build the marks (fills and notes); `ziping check` needs none. Default true. */
  marks?: boolean;
}

// ---------------------------------------------------------------------------
// Word reports (RULES.md §7)
// ---------------------------------------------------------------------------

/** A body paragraph with text; `index` is its 1-based number among the non-empty body paragraphs ("第N段"). */
export interface DocParagraph {
  index: number;
  text: string;
}

/** A report's body in document order: paragraphs, and tables as grids named 表1, 表2 …. */
export type DocBlock = { kind: 'paragraph'; paragraph: DocParagraph } | { kind: 'table'; grid: SheetGrid };

/** A finding on the report's text: `cell` is null, `where` names the paragraph ("第12段"). */
export interface TextFinding {
  rule: RuleId;
  severity: Severity;
  cell: null;
  where: string;
  /** 1-based paragraph number. */
  paragraph: number;
  /** The sentence, as written. */
  quote: string;
  /** The table (表N) and its cell the text disagrees with; null when the finding is on the text alone. */
  table: string | null;
  tableCell: string | null;
  /** Index in DocumentResult.tables of that table. */
  tableIndex: number | null;
  message: string;
  messageZh: string;
  messageEn: string;
}

export interface DocumentResult {
  /** Every recognised table of the report, checked as a sheet would be (sheet = 表N). */
  tables: TableResult[];
  /** Findings of the tables, in table order. */
  findings: Finding[];
  /** Findings on the text (report-mismatch, report-sum), in paragraph order. */
  textFindings: TextFinding[];
  /** Figures read from the text. */
  figures: import('./sentences').StatedFigure[];
  /** Non-empty body paragraphs. */
  paragraphs: number;
}

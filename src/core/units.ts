// Amount units (RULES.md §3): amounts keep their unit; anything compared or added
// across tables is converted to 万元 first.

/** The unit a table states its amounts in. */
export type AmountUnit = '元' | '万元' | '亿元';

const TO_WAN: Record<AmountUnit, number> = { 元: 1e-4, 万元: 1, 亿元: 1e4 };

/** Converts an amount stated in `unit` to 万元; null stays null. A table with no stated unit is taken as 万元. */
export function toWan(value: number | null | undefined, unit: AmountUnit | null | undefined): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  // 387664.62 元 is 38.766462 万元, not 38.766462000000004 (float noise shown by check --json)
  return Number((value * TO_WAN[unit ?? '万元']).toPrecision(15));
}

const UNIT_IN_LABEL = /[(（]\s*(亿元|万元|元)\s*[)）]|单位\s*[:：]\s*(亿元|万元|元)/;

/** The amount unit a label states ("项目资金(万元)", "金额单位：元"); null when none. */
export function unitInLabel(text: string): AmountUnit | null {
  const m = UNIT_IN_LABEL.exec(text.replace(/\s+/g, ''));
  return m ? ((m[1] ?? m[2]) as AmountUnit) : null;
}

/** The unit suffix of an amount written as text ("208万元"); null when none. */
export function unitSuffix(text: string): AmountUnit | null {
  const m = /\d\s*(亿元|万元|元)\s*$/.exec(text);
  return m ? (m[1] as AmountUnit) : null;
}

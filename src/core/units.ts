// Amount units (RULES.md §3): amounts keep their unit; anything compared or added
// across tables is converted to 万元 first.

/** The unit a table states its amounts in. */
export type AmountUnit = '元' | '万元' | '亿元';

const TO_WAN: Record<AmountUnit, number> = { 元: 1e-4, 万元: 1, 亿元: 1e4 };

/** Converts an amount stated in `unit` to 万元; null stays null. A table with no stated unit is taken as 万元. */
export function toWan(value: number | null | undefined, unit: AmountUnit | null | undefined): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  return value * TO_WAN[unit ?? '万元'];
}

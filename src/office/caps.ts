// Which optional Excel API sets the host has. Baseline is ExcelApi 1.7 (Office 2019).
import type { XlHost } from './excel-api';

export interface Caps {
  /** 1.9: getRanges (RangeAreas), getCellProperties, fill pattern/tintAndShade. */
  rangeAreas: boolean;
  /** 1.13: getMergedAreasOrNullObject. */
  merges: boolean;
  /** 1.18: notes. */
  notes: boolean;
}

export function detectCaps(host: Pick<XlHost, 'isSetSupported'>): Caps {
  return {
    rangeAreas: host.isSetSupported('ExcelApi', '1.9'),
    merges: host.isSetSupported('ExcelApi', '1.13'),
    notes: host.isSetSupported('ExcelApi', '1.18'),
  };
}

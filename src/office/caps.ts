// Which optional Excel API sets the host has. Baseline is ExcelApi 1.7 (Office 2019).
import type { XlHost } from './excel-api';

export interface Caps {
  /** 1.9: getRanges (RangeAreas), getCellProperties, fill pattern/tintAndShade. */
  rangeAreas: boolean;
  /** 1.13: getMergedAreasOrNullObject. */
  merges: boolean;
  /** 1.18: notes (with 1.10 threaded comments, which take a note's place), in the host and in the loaded office.js. */
  notes: boolean;
  /** 1.10: threaded comments, in the host and in the loaded office.js. */
  comments: boolean;
}

/**
 * isSetSupported is answered by the host, not by the loaded office.js: a self-hosted npm office.js
 * (1.1.110) has no Notes API although Microsoft 365 says 1.18 (audit-2 #7a), so the class must
 * exist too. Hosts without `officeJsHas` (the fake host, the preview) have every class.
 */
export function detectCaps(host: Pick<XlHost, 'isSetSupported' | 'officeJsHas'>): Caps {
  const has = (cls: string) => (host.officeJsHas ? host.officeJsHas(cls) : true);
  const comments = host.isSetSupported('ExcelApi', '1.10') && has('CommentCollection');
  return {
    rangeAreas: host.isSetSupported('ExcelApi', '1.9'),
    merges: host.isSetSupported('ExcelApi', '1.13'),
    notes: comments && host.isSetSupported('ExcelApi', '1.18') && has('NoteCollection'),
    comments,
  };
}

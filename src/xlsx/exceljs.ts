// ExcelJS's workbook and enums without its streaming reader/writer, which `require('exceljs')`
// loads too: the command line starts ~170 ms sooner. Types still come from 'exceljs'.
import type ExcelJSTypes from 'exceljs';

/* eslint-disable @typescript-eslint/no-require-imports */
export const Workbook: typeof ExcelJSTypes.Workbook = require('exceljs/lib/doc/workbook');
export const ValueType: typeof ExcelJSTypes.ValueType = require('exceljs/lib/doc/enums').ValueType;

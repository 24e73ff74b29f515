// The workbook's file format as far as the add-in can tell: Office.context.document.url (the path or
// URL of the open file, null when unsaved or unavailable; Office common API, no requirement set:
// https://learn.microsoft.com/javascript/api/office/office.document#office-office-document-url-member).

/** 'xls' / 'et' when the open file is an Excel 97–2003 or WPS 表格 file (compatibility mode), else null. */
export function legacyFormatOf(url: string | null | undefined): 'xls' | 'et' | null {
  const m = /\.(xls|et)(?:[?#].*)?$/i.exec(String(url ?? '').trim());
  return m ? (m[1].toLowerCase() as 'xls' | 'et') : null;
}

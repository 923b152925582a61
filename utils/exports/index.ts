/**
 * Getting records out of the browser, from any extension page: JSON and CSV files (the tables in
 * long form, and the findings as 问题清单) of one record or of the whole history, downloaded with one
 * click, and the tables copied to the clipboard. This file only gathers the parts.
 */
export {
  type Exported,
  type ExportOptions,
  type ExportOutcome,
  type ExportProgress,
  exportAndSave,
  exportRecords,
  withVerdicts,
} from './all';
export { clipboardTable, copyTable } from './clipboard';
export { csvLine, recordsCsv } from './csv';
export { downloadBlob, downloadText } from './download';
export {
  csvFileName,
  type ExportKind,
  exportType,
  findingsFileName,
  historyFileName,
  jsonFileName,
  recordExportName,
} from './files';
export { FINDINGS_HEADER, findingRows, findingsCsv, findingsHeader, findingsLines } from './findings';
export { jsonArray, recordJson, recordsJson } from './json';
export { recordExport } from './one';

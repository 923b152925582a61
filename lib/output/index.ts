/** A record formatted for export: CSV in long form, the file names of record.md, the record's JSON Schema. */
export { CSV_HEADER, csvField, csvHeader, csvLines, csvRows, toCsv } from './csv';
export { recordFileName } from './fileName';
export { reportRecordJsonSchema } from './jsonSchema';

export { type Analysis, type AnalyzeOptions, analyze, refKey } from './analyze';
export { RULES, runChecks } from './checks';
export { DERIVED } from './derived';
export { looksLikeReport } from './detect/quick';
export { buildGrid, type Grid, type GridCell } from './grid/grid';
export { toCsv } from './record/csv';
export { recordFileName } from './record/fileName';
export * from './record/schema';
export { parseCell } from './text/cell';

/**
 * The findings export (问题清单): one row per finding that failed or could not be checked, with its
 * status, severity, formula, both sides and the difference, its cells, the quoted sentence, the
 * address, and the person's verdict and note. Pure.
 */
import type { CellRef, Finding, ReportRecord, Review } from '@/lib';
import { cellLabel, findingRefs } from '@/utils/findings';
import { csvLine } from './csv';

export const FINDINGS_HEADER = [
  'agency',
  'year',
  'url',
  'findingId',
  'rule',
  'status',
  'severity',
  'finding',
  'formula',
  'actualSide',
  'actual',
  'expectedSide',
  'expected',
  'difference',
  'cells',
  'cellLabels',
  'suspect',
  'quote',
  'verdict',
  'verdictNote',
  'verdictAt',
] as const;

/** A cell as record.md names it (its `CellRef` joined by dots, as `data-cell` on the page). */
const dotted = (c: CellRef): string => `${c.table}.${c.row}.${c.column}`;

const TABLE_NAME = { applications: '表三', reviewLitigation: '表四', activeDisclosure: '表二' } as const;

/** Failures first, then the checks that could not run; passes are not problems. */
const listed = (findings: readonly Finding[]): Finding[] => [
  ...findings.filter((f) => f.status === 'fail'),
  ...findings.filter((f) => f.status === 'na'),
];

/** The rows of one record, its verdicts from `reviews` (by default the record's own `review`). */
export function findingRows(record: ReportRecord, reviews: Record<string, Review> = record.review ?? {}): (string | number | null)[][] {
  return listed(record.findings).map((f) => {
    const refs = findingRefs(f);
    const r = reviews[f.id];
    return [
      record.report.agency ?? '',
      record.report.year ?? '',
      record.source.url,
      f.id,
      f.rule,
      f.status,
      f.severity,
      f.message,
      f.formula ?? '',
      f.sides?.[0] ?? '',
      f.actual ?? null,
      f.sides?.[1] ?? '',
      f.expected ?? null,
      f.difference ?? (f.actual !== undefined && f.expected !== undefined ? f.actual - f.expected : null),
      refs.map(dotted).join('; '),
      refs.map((c) => `${TABLE_NAME[c.table]}「${cellLabel(record, c)}」`).join('; '),
      f.suspect ? dotted(f.suspect) : '',
      f.quote ?? '',
      r?.status ?? '',
      r?.note ?? '',
      r?.at ?? '',
    ];
  });
}

/** The header line, with the UTF-8 byte-order mark when `bom` (so Excel shows Chinese). */
export const findingsHeader = ({ bom = false } = {}): string => `${bom ? '\ufeff' : ''}${csvLine([...FINDINGS_HEADER])}`;

/** The lines of some records, without the header: a batch is written record by record. */
export const findingsLines = (records: readonly ReportRecord[]): string =>
  records.map((r) => findingRows(r).map(csvLine).join('')).join('');

/** The findings of some records as one CSV text, with the byte-order mark. */
export const findingsCsv = (records: readonly ReportRecord[]): string => findingsHeader({ bom: true }) + findingsLines(records);

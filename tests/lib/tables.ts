/** Tables for tests, built from cell strings, and the checks run on them alone (no page to read). */
import { runChecks } from '../../lib/checks';
import type { Sentence } from '../../lib/prose/sentences';
import { T3_ROW_KEYS } from '../../lib/record/labels';
import type { CellTable, Finding, ReportRecord } from '../../lib/record/schema';
import { parseCell } from '../../lib/text/cell';

export const T3_COLS = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];

/** A consistent 2021 表三: 40 new + 2 carried = 38 concluded + 4 forward, spread over two applicant columns. */
export function consistent(): Record<string, (number | string)[]> {
  const rows: Record<string, (number | string)[]> = {};
  for (const k of T3_ROW_KEYS['2021']) rows[k] = [0, 0, 0, 0, 0, 0, 0];
  const set = (k: string, np: number, com: number) => {
    rows[k] = [np, com, 0, 0, 0, 0, np + com];
  };
  set('newReceived', 30, 10);
  set('carriedOver', 2, 0);
  set('granted', 6, 3);
  set('partiallyGranted', 4, 1);
  set('withheld.thirdParty', 2, 2);
  set('unable.notHeld', 12, 2);
  set('notProcessed.duplicate', 3, 0);
  set('otherHandling.other', 2, 1);
  set('totalProcessed', 29, 9);
  set('carriedForward', 3, 1);
  return rows;
}

/** 表三 of cells parsed from what each row writes, in the columns of T3_COLS. */
export function t3Tables(rows: Record<string, (number | string)[]>): ReportRecord['tables'] {
  const t: CellTable = {};
  for (const [k, vals] of Object.entries(rows)) t[k] = Object.fromEntries(vals.map((v, i) => [T3_COLS[i], parseCell(String(v))]));
  return { applications: t };
}

/** Every rule on these tables and sentences, for a 2021 report with all six sections. */
export function checkTables(tables: ReportRecord['tables'], sentences: Sentence[] = [], year?: number): Finding[] {
  return runChecks({
    tables,
    ...(year !== undefined ? { year } : {}),
    version: '2021',
    labelIssues: { activeDisclosure: [], applications: [], reviewLitigation: [] },
    sections: [1, 2, 3, 4, 5, 6],
    sentences,
    years: {},
    media: { images: 0, attachments: 0 },
  });
}

/**
 * This year beside last year's report of the same body (when the history holds it): the key figures
 * and their change, and a link to last year's page; without it, how to get the cross-year checks.
 */
import type { ReportRecord } from '@/lib';
import { formatNumber, formatRate } from '@/utils/findings';
import { uiLang, words } from './words';

type Figure = { key: string; value(r: ReportRecord): number | undefined; rate?: boolean };

const t3 = (row: string) => (r: ReportRecord) => r.tables.applications?.[row]?.total?.value ?? undefined;
const t4 =
  (...groups: string[]) =>
  (r: ReportRecord) => {
    const cells = groups.map((g) => r.tables.reviewLitigation?.[g]?.total?.value);
    return cells.every((v) => v === undefined || v === null) ? undefined : cells.reduce<number>((s, v) => s + (v ?? 0), 0);
  };

export const KEY_FIGURES: readonly Figure[] = [
  { key: 'newReceived', value: t3('newReceived') },
  { key: 'carriedOver', value: t3('carriedOver') },
  { key: 'totalProcessed', value: t3('totalProcessed') },
  { key: 'carriedForward', value: t3('carriedForward') },
  { key: 'disclosureRate', value: (r) => r.derived.disclosureRate, rate: true },
  { key: 'review', value: t4('review') },
  { key: 'litigation', value: t4('litigationDirect', 'litigationAfterReview') },
];

/** The change from last year: +3, −2, or in percentage points for a rate. */
function change(w: ReturnType<typeof words>, now: number, before: number, rate: boolean): string {
  const d = rate ? Math.round((now - before) * 1000) / 10 : now - before;
  const s = formatNumber(d, { sign: true }).replace('-', '−');
  return rate ? w.t('lastYear.points', [s]) : s;
}

export interface LastYearProps {
  record: ReportRecord;
  /** Last year's record; null: the history has none; undefined: not asked (no agency or year). */
  previous: ReportRecord | null | undefined;
}

export function LastYear({ record, previous }: LastYearProps) {
  const w = words(uiLang());
  const year = record.report.year;
  if (previous === undefined || year === undefined) return null;
  if (previous === null) {
    return (
      <section class="last-year" data-last-year="none">
        <p class="note">{w.t('lastYear.none', [year - 1])}</p>
      </section>
    );
  }
  const rows = KEY_FIGURES.map((f) => ({ f, now: f.value(record), before: f.value(previous) })).filter(
    (x) => x.now !== undefined || x.before !== undefined,
  );
  const show = (v: number | undefined, rate?: boolean) => (v === undefined ? '—' : rate ? formatRate(v) : formatNumber(v));
  const before = previous.report.year ?? year - 1;
  return (
    <section class="last-year" data-last-year="shown" aria-label={w.t('lastYear.title', [before])}>
      <h3 class="group-title">{w.t('lastYear.title', [before])}</h3>
      <table class="last-year-table">
        <thead>
          <tr>
            <th scope="col">{w.t('lastYear.figure')}</th>
            <th scope="col">{before}</th>
            <th scope="col">{year}</th>
            <th scope="col">{w.t('lastYear.change')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ f, now, before: then }) => (
            <tr key={f.key} data-key={f.key}>
              <th scope="row">{w.t(`lastYear.key.${f.key}`)}</th>
              <td>{show(then, f.rate)}</td>
              <td>{show(now, f.rate)}</td>
              <td class="last-year-change">{now !== undefined && then !== undefined ? change(w, now, then, f.rate ?? false) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="note">
        <a href={previous.source.pageUrl ?? previous.source.url} target="_blank" rel="noopener noreferrer">
          {w.t('lastYear.open', [before])}
        </a>
      </p>
    </section>
  );
}

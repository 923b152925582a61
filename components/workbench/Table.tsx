/**
 * The workbench's table: one row per report, sortable by every column (a header is a button; the
 * sort is told to screen readers), filtered by words, year and verdict, with rows chosen for export.
 * Only the rows in view are drawn (a fixed row height), so 5,000 rows scroll and filter at once.
 * Props in, callbacks out.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { FIGURE_KEYS, type FigureKey } from '@/utils/history/summary';
import { type Filter, filterRows, type Row, rowYears, type Sort, type SortKey, sortRows } from '@/utils/workbench/rows';
import { t } from '../text';
import { figureText, whyText } from './format';

export const ROW_HEIGHT = 36;
/** Rows drawn above and below the view. */
const OVERSCAN = 8;
const VIEW_ROWS = 14;

export interface TableProps {
  rows: Row[];
  /** The table's caption (what its rows are). */
  label: string;
  /** Called with the rows shown (filtered and sorted), when they change: the chart and the exports follow them. */
  onShown?: (rows: Row[]) => void;
  onOpen: (row: Row) => void;
  onTrend: (row: Row) => void;
  onExportCsv: (rows: Row[]) => void;
  onExportJson: (rows: Row[]) => void;
  busy?: boolean;
}

export const figureLabel = (k: FigureKey): string => t(`workbench.figure.${k}`);

const COLUMNS: { key: SortKey; label: () => string; cls?: string }[] = [
  { key: 'agency', label: () => t('workbench.col.agency'), cls: 'c-agency' },
  { key: 'year', label: () => t('workbench.col.year'), cls: 'c-num' },
  { key: 'errors', label: () => t('common.error'), cls: 'c-num' },
  { key: 'warnings', label: () => t('common.warning'), cls: 'c-num' },
  { key: 'na', label: () => t('common.na'), cls: 'c-num' },
  ...FIGURE_KEYS.map((k) => ({ key: k as SortKey, label: () => figureLabel(k), cls: 'c-num' })),
  { key: 'publishedAt', label: () => t('workbench.col.published'), cls: 'c-date' },
  { key: 'state', label: () => t('workbench.col.state'), cls: 'c-state' },
];

const SMALL = new Set<SortKey>(['year', 'errors', 'warnings', 'na']);
const colClass = (k: SortKey) => (k === 'publishedAt' ? 'w-date' : k === 'state' ? 'w-state' : SMALL.has(k) ? 'w-small' : 'w-num');

const stateText = (r: Row) => t(`workbench.state.${r.state}`);

export function Table(p: TableProps) {
  const [sort, setSort] = useState<Sort | null>(null);
  const [filter, setFilter] = useState<Filter>({ query: '' });
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [top, setTop] = useState(0);
  const years = useMemo(() => rowYears(p.rows), [p.rows]);
  const shown = useMemo(() => {
    const f = filterRows(p.rows, filter);
    return sort ? sortRows(f, sort) : f;
  }, [p.rows, filter, sort]);
  useEffect(() => p.onShown?.(shown), [shown]);

  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, first + VIEW_ROWS + 2 * OVERSCAN);
  const picked = shown.filter((r) => chosen.has(r.id));
  const target = picked.length ? picked : shown;
  const allChosen = shown.length > 0 && picked.length === shown.length;
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const sortBy = (key: SortKey) =>
    setSort(sort?.key === key ? (sort.desc ? null : { key, desc: true }) : { key, desc: key !== 'agency' && key !== 'publishedAt' });

  return (
    <section class="wb-table" aria-label={p.label}>
      <div class="wb-tools">
        <input
          type="search"
          class="wb-query"
          placeholder={t('workbench.filter.query')}
          aria-label={t('workbench.filter.query')}
          value={filter.query}
          onInput={(e) => setFilter({ ...filter, query: (e.currentTarget as HTMLInputElement).value })}
        />
        <select
          aria-label={t('workbench.filter.year')}
          value={filter.year === undefined ? '' : String(filter.year)}
          onChange={(e) => {
            const v = (e.currentTarget as HTMLSelectElement).value;
            const { year: _y, ...rest } = filter;
            setFilter(v ? { ...rest, year: Number(v) } : rest);
          }}
        >
          <option value="">{t('workbench.filter.allYears')}</option>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {t('common.year', [String(y)])}
            </option>
          ))}
        </select>
        <select
          aria-label={t('workbench.filter.only')}
          value={filter.only ?? ''}
          onChange={(e) => {
            const v = (e.currentTarget as HTMLSelectElement).value as '' | 'errors' | 'failed';
            const { only: _o, ...rest } = filter;
            setFilter(v ? { ...rest, only: v } : rest);
          }}
        >
          <option value="">{t('workbench.filter.everyRow')}</option>
          <option value="errors">{t('workbench.filter.errors')}</option>
          <option value="failed">{t('workbench.filter.failed')}</option>
        </select>
        <span class="wb-count" aria-live="polite">
          {t('workbench.shown', [String(shown.length), String(p.rows.length)])}
          {picked.length ? ` · ${t('workbench.chosen', [String(picked.length)])}` : ''}
        </span>
        <span class="wb-spacer" />
        <button type="button" disabled={p.busy || !target.length} onClick={() => p.onExportCsv(target)}>
          {picked.length ? t('workbench.exportCsvChosen', [String(picked.length)]) : t('workbench.exportCsv')}
        </button>
        <button type="button" disabled={p.busy || !target.some((r) => r.key)} onClick={() => p.onExportJson(target)}>
          {picked.length ? t('workbench.exportJsonChosen', [String(picked.length)]) : t('workbench.exportJson')}
        </button>
      </div>
      <div class="wb-grid" onScroll={(e) => setTop((e.currentTarget as HTMLElement).scrollTop)}>
        <table aria-rowcount={shown.length + 1}>
          <colgroup>
            <col class="w-pick" />
            <col class="w-agency" />
            {COLUMNS.slice(1).map((c) => (
              <col key={c.key} class={colClass(c.key)} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th class="c-pick" scope="col">
                <input
                  type="checkbox"
                  aria-label={t('workbench.chooseAll')}
                  checked={allChosen}
                  onChange={() => setChosen(allChosen ? new Set() : new Set(shown.map((r) => r.id)))}
                />
              </th>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  class={c.cls}
                  scope="col"
                  aria-sort={sort?.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined}
                >
                  <button type="button" class="wb-sort" onClick={() => sortBy(c.key)}>
                    {c.label()}
                    <span aria-hidden="true">{sort?.key === c.key ? (sort.desc ? ' ▾' : ' ▴') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 ? <tr class="wb-gap" style={{ height: `${first * ROW_HEIGHT}px` }} /> : null}
            {shown.slice(first, last).map((r, n) => {
              const i = first + n;
              return (
                <tr key={r.id} class={`row-${r.state}${r.errors ? ' row-errors' : ''}`} aria-rowindex={i + 2} data-url={r.url}>
                  <td class="c-pick">
                    <input
                      type="checkbox"
                      aria-label={t('workbench.choose', [r.agency ?? r.title])}
                      checked={chosen.has(r.id)}
                      onChange={() => toggle(r.id)}
                    />
                  </td>
                  <th class="c-agency" scope="row" title={r.title}>
                    <a
                      href={r.url}
                      onClick={(e) => {
                        e.preventDefault();
                        p.onOpen(r);
                      }}
                    >
                      {r.agency ?? (r.title || r.url)}
                    </a>
                    {r.agency ? (
                      <button type="button" class="wb-trend" title={t('workbench.trend', [r.agency])} onClick={() => p.onTrend(r)}>
                        <svg aria-hidden="true" width="14" height="12" viewBox="0 0 14 12">
                          <rect x="1" y="7" width="3" height="5" />
                          <rect x="5.5" y="4" width="3" height="8" />
                          <rect x="10" y="1" width="3" height="11" />
                        </svg>
                        <span class="wb-sr">{t('workbench.trend', [r.agency])}</span>
                      </button>
                    ) : null}
                  </th>
                  <td class="c-num">{r.year ?? '—'}</td>
                  <td class={`c-num${r.errors ? ' v-error' : ''}`}>{r.errors ?? '—'}</td>
                  <td class={`c-num${r.warnings ? ' v-warning' : ''}`}>{r.warnings ?? '—'}</td>
                  <td class="c-num">{r.na ?? '—'}</td>
                  {FIGURE_KEYS.map((k) => (
                    <td key={k} class="c-num">
                      {figureText(k, r.figures[k])}
                    </td>
                  ))}
                  <td class="c-date">{r.publishedAt?.slice(0, 10) ?? '—'}</td>
                  <td class="c-state" title={r.finding ? whyText(r) : r.why}>
                    {stateText(r)}
                  </td>
                </tr>
              );
            })}
            {last < shown.length ? <tr class="wb-gap" style={{ height: `${(shown.length - last) * ROW_HEIGHT}px` }} /> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

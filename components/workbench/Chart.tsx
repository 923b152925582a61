/**
 * Charts where a person would rather look than read, drawn as SVG (no library: two bar charts need
 * none): a chosen figure across the reports the table shows (the highest first), and one agency's
 * figure across the years the history holds. Each bar carries its value as text; the chart names
 * what it shows for screen readers. Props in, callbacks out.
 */
import { FIGURE_KEYS, type FigureKey } from '@/utils/history/summary';
import type { Row } from '@/utils/workbench/rows';
import { t } from '../text';
import { figureText, isRate } from './format';
import { figureLabel } from './Table';

/** Bars drawn at most (the highest); the rest are counted under the chart. */
export const MAX_BARS = 30;
const BAR = 22;
const LABEL_W = 230;
const VALUE_W = 64;
const WIDTH = 760;

export type ChartFigure = FigureKey | 'errors';

const valueIn = (r: Row, k: ChartFigure): number | undefined => (k === 'errors' ? r.errors : r.figures[k]);
const label = (k: ChartFigure) => (k === 'errors' ? t('workbench.figure.errors') : figureLabel(k));
const text = (k: ChartFigure, v: number) => (k === 'errors' ? String(v) : figureText(k, v));
const clip = (s: string, n = 16) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface Trend {
  agency: string;
  /** The agency's reports in the history, by year (oldest first). */
  rows: Row[];
}

export interface ChartProps {
  rows: Row[];
  figure: ChartFigure;
  onFigure: (k: ChartFigure) => void;
  trend: Trend | null;
  onCloseTrend: () => void;
}

function Bars({ items, figure, caption }: { items: { name: string; full: string; v: number }[]; figure: ChartFigure; caption: string }) {
  const max = Math.max(...items.map((i) => i.v), figure !== 'errors' && isRate(figure) ? 0.0001 : 1);
  const h = items.length * BAR + 8;
  const span = WIDTH - LABEL_W - VALUE_W;
  return (
    <svg class="wb-bars" viewBox={`0 0 ${WIDTH} ${h}`} width="100%" role="img" aria-label={caption} preserveAspectRatio="xMinYMin meet">
      <title>{caption}</title>
      {items.map((it, i) => {
        const y = 4 + i * BAR;
        const w = Math.max(1, (it.v / max) * span);
        return (
          <g key={`${it.full}-${i}`}>
            <title>{`${it.full}: ${text(figure, it.v)}`}</title>
            <text x={LABEL_W - 8} y={y + BAR / 2 + 5} text-anchor="end" class="wb-bar-label">
              {it.name}
            </text>
            <rect
              x={LABEL_W}
              y={y + 3}
              width={w}
              height={BAR - 6}
              rx="2"
              class={figure === 'errors' && it.v > 0 ? 'wb-bar-rect bad' : 'wb-bar-rect'}
            />
            <text x={LABEL_W + w + 6} y={y + BAR / 2 + 5} class="wb-bar-value">
              {text(figure, it.v)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function Chart(p: ChartProps) {
  const withValue = p.rows.flatMap((r) => {
    const v = valueIn(r, p.figure);
    return v === undefined ? [] : [{ name: clip(`${r.agency ?? r.title}${r.year ? ` ${r.year}` : ''}`), full: r.agency ?? r.title, v }];
  });
  withValue.sort((a, b) => b.v - a.v);
  const bars = withValue.slice(0, MAX_BARS);
  const trendItems =
    p.trend?.rows.flatMap((r) => {
      const v = valueIn(r, p.figure);
      return v === undefined || r.year === undefined ? [] : [{ name: String(r.year), full: `${r.agency} ${r.year}`, v }];
    }) ?? [];
  return (
    <section class="wb-chart" aria-labelledby="wb-chart-title">
      <div class="wb-chart-head">
        <h2 id="wb-chart-title">{t('workbench.chartTitle')}</h2>
        <label>
          {t('workbench.chartFigure')}
          <select value={p.figure} onChange={(e) => p.onFigure((e.currentTarget as HTMLSelectElement).value as ChartFigure)}>
            <option value="errors">{label('errors')}</option>
            {FIGURE_KEYS.map((k) => (
              <option key={k} value={k}>
                {label(k)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {p.trend ? (
        <figure class="wb-trend-fig">
          <figcaption>
            {t('workbench.trendCaption', [p.trend.agency, label(p.figure)])}{' '}
            <button type="button" class="link" onClick={p.onCloseTrend}>
              {t('workbench.trendClose')}
            </button>
          </figcaption>
          {trendItems.length ? (
            <Bars items={trendItems} figure={p.figure} caption={t('workbench.trendCaption', [p.trend.agency, label(p.figure)])} />
          ) : (
            <p class="wb-hint">{t('workbench.trendNone')}</p>
          )}
        </figure>
      ) : null}
      <figure>
        <figcaption>{t('workbench.chartCaption', [label(p.figure), String(bars.length), String(withValue.length)])}</figcaption>
        {bars.length ? (
          <Bars
            items={bars}
            figure={p.figure}
            caption={t('workbench.chartCaption', [label(p.figure), String(bars.length), String(withValue.length)])}
          />
        ) : (
          <p class="wb-hint">{t('workbench.chartNone')}</p>
        )}
      </figure>
    </section>
  );
}

/**
 * The offer 「核查本页列出的 N 份年报」 on a page that lists reports: a year filter (the years the
 * links name, most recent first, or all), 「同时核查后续页」 when the page has a pager, and the button
 * that opens the workbench on the listing. In the panel (a compact one holding only the offer) and
 * in the popup; the caller opens the workbench (it has the extension API).
 */
import './ListingOffer.css';
import { useState } from 'preact/hooks';
import type { ListingSummary } from '@/utils/listing-summary';
import type { WorkbenchTarget } from '@/utils/workbench/url';
import type { Dock } from './Panel';
import { PanelHead } from './PanelHead';
import { t } from './text';

export interface ListingOfferProps {
  listing: ListingSummary;
  /** Open the workbench on the listing (the year chosen, if any; whether to follow its pager). */
  onOpen: (target: WorkbenchTarget) => void;
}

export function ListingOffer({ listing, onOpen }: ListingOfferProps) {
  const [year, setYear] = useState<number | null>(null);
  const [follow, setFollow] = useState(true);
  const count = year === null ? listing.count : (listing.years.find((y) => y.year === year)?.count ?? 0);
  return (
    <section class="nb-offer nb-listing" aria-label={t('listing.offerTitle')} data-listing-offer="">
      <p class="nb-offer-lead">{t('listing.lead')}</p>
      <div class="nb-listing-controls">
        <label class="nb-listing-year">
          <span>{t('listing.year')}</span>
          <select
            value={year === null ? '' : String(year)}
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value;
              setYear(v === '' ? null : Number(v));
            }}
          >
            <option value="">{t('listing.allOption', [String(listing.count)])}</option>
            {listing.years.map((y) => (
              <option key={y.year} value={String(y.year)}>
                {t('listing.yearOption', [String(y.year), String(y.count)])}
              </option>
            ))}
          </select>
        </label>
        {listing.hasPager ? (
          <label class="nb-listing-follow">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow((e.currentTarget as HTMLInputElement).checked)} />
            <span>{t('listing.follow')}</span>
          </label>
        ) : null}
      </div>
      <button
        type="button"
        class="nb-offer-btn nb-listing-btn"
        data-count={count}
        onClick={() => onOpen({ listing: listing.url, ...(year !== null ? { year } : {}), follow: listing.hasPager && follow })}
      >
        {t('listing.check', count)}
      </button>
      <p class="nb-offer-note">{t('listing.note')}</p>
    </section>
  );
}

export interface ListingPanelProps extends ListingOfferProps {
  theme: 'light' | 'dark';
  dock?: Dock;
  collapsed: boolean;
  onToggle: () => void;
  onClose: () => void;
}

/** The panel on a listing page: only the offer, docked as the report panel is, folded into a pill on request. */
export function ListingPanel(props: ListingPanelProps) {
  const { theme, collapsed, onToggle } = props;
  const dock = props.dock ?? 'right';
  if (collapsed) {
    return (
      <div class="nb-root" data-panel="" data-listing="" data-theme={theme} data-dock={dock}>
        <button
          type="button"
          class="pill"
          aria-expanded="false"
          aria-label={`${t('panel.title')}: ${t('panel.expand')}`}
          onClick={onToggle}
        >
          <span class="pill-brand">{t('panel.title')}</span>
          <span class="pill-listing">{t('listing.offerTitle')}</span>
        </button>
      </div>
    );
  }
  return (
    <div class="nb-root" data-panel="" data-listing="" data-theme={theme} data-dock={dock}>
      <section
        class="panel panel-listing"
        data-dock={dock}
        aria-label={t('panel.title')}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onToggle();
          }
        }}
      >
        <PanelHead onToggle={onToggle} onClose={props.onClose} />
        <div class="panel-body">
          <ListingOffer listing={props.listing} onOpen={props.onOpen} />
          <p class="privacy">{t('common.privacy')}</p>
        </div>
      </section>
    </div>
  );
}

/**
 * One finding in the panel's list: what was checked, both sides and the difference, the likely
 * wrong cell, the quoted sentence, the repeated passages; a person's verdict on it (confirmed or
 * dismissed, with a note) and its citation, one click away.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Finding, ReportRecord, Review } from '@/lib';
import { findingText } from './findingText';
import { RichText } from './RichText';
import { severityLabel, t } from './text';
import { uiLang } from './words';

export interface FindingItemProps {
  record: ReportRecord;
  finding: Finding;
  /** The finding the reader last picked (on the page or in the list). */
  selected?: boolean;
  onLocate?: (f: Finding) => void;
  /** The person's verdict on this finding, if any. */
  review?: Review | undefined;
  /** Record a verdict (or take it back with null). Shown only for failures. */
  onReview?: ((f: Finding, review: Review | null) => void) | undefined;
  /** Copy this finding's citation; resolves whether it was copied. */
  onCite?: ((f: Finding) => Promise<boolean>) | undefined;
  /** Last year's record, for the cross-year findings' link. */
  previous?: ReportRecord | null | undefined;
}

const CROSS_YEAR = /^(crossYear\.|text\.similarity$|content\.problems$)/;

export function FindingItem({ record, finding: f, selected = false, onLocate, review, onReview, onCite, previous }: FindingItemProps) {
  const x = findingText(record, f, uiLang());
  const locatable = f.cells.length > 0 && onLocate !== undefined;
  const tone = f.status === 'fail' ? f.severity : f.status;
  const body = (
    <>
      <span class="finding-tag" data-tone={tone}>
        {f.status === 'fail' ? severityLabel(f.severity) : f.status === 'na' ? t('common.na') : t('common.pass')}
      </span>
      <span class="finding-head" lang={x.known ? undefined : 'zh-CN'}>
        <RichText text={x.title} />
      </span>
    </>
  );
  const lastYear = previous && CROSS_YEAR.test(f.rule) ? previous : null;
  return (
    <li
      class="finding"
      data-finding-id={f.id}
      data-status={f.status}
      data-tone={tone}
      data-selected={selected ? '' : undefined}
      data-review={review?.status}
    >
      {locatable ? (
        <button type="button" class="finding-main" data-finding={f.id} onClick={() => onLocate(f)} title={t('panel.locate')}>
          {body}
        </button>
      ) : (
        <div class="finding-main" data-finding={f.id}>
          {body}
        </div>
      )}
      {x.sides ? <p class="finding-msg">{x.sides}</p> : null}
      {x.outcome ? (
        <p class="finding-msg">
          <RichText text={x.outcome} />
        </p>
      ) : null}
      {x.suspect ? (
        <p class="finding-suspect">
          <RichText text={x.suspect} />
        </p>
      ) : null}
      {x.note ? <p class="finding-note">{x.note}</p> : null}
      {x.quote ? (
        <blockquote class="finding-quote" lang="zh-CN" data-page="">
          {x.quote}
        </blockquote>
      ) : null}
      {x.passages.length ? (
        <div class="finding-passages">
          <p class="finding-note">{t('finding.similar.passages')}</p>
          {x.passages.map((p) => (
            <p key={p} class="passage" lang="zh-CN" data-page="">
              <mark>{p}</mark>
            </p>
          ))}
        </div>
      ) : null}
      {lastYear ? (
        <p class="finding-note">
          <a href={lastYear.source.pageUrl ?? lastYear.source.url} target="_blank" rel="noopener noreferrer" data-last-year-link="">
            {t('lastYear.open', [String(lastYear.report.year ?? '')])}
          </a>
        </p>
      ) : null}
      {f.status === 'fail' && (onReview || onCite) ? <Actions finding={f} review={review} onReview={onReview} onCite={onCite} /> : null}
    </li>
  );
}

/** Confirm, dismiss or take back; the note; the citation. */
function Actions({
  finding: f,
  review,
  onReview,
  onCite,
}: {
  finding: Finding;
  review: Review | undefined;
  onReview: FindingItemProps['onReview'];
  onCite: FindingItemProps['onCite'];
}) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const [note, setNote] = useState(review?.note ?? '');
  useEffect(() => setNote(review?.note ?? ''), [review?.note]);
  const decide = (status: Review['status'] | null) =>
    onReview?.(f, status ? { status, at: new Date().toISOString(), ...(note.trim() ? { note: note.trim() } : {}) } : null);
  const saveNote = () => {
    if (!review || (review.note ?? '') === note.trim()) return;
    const { note: _old, ...rest } = review;
    onReview?.(f, { ...rest, at: new Date().toISOString(), ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <div class="finding-actions">
      {onReview ? (
        review ? (
          <>
            <span class="review-badge" data-review={review.status}>
              {t(review.status === 'confirmed' ? 'review.confirmed' : 'review.dismissed')}
            </span>
            <button type="button" class="action" data-action="undo" onClick={() => decide(null)}>
              {t('review.undo')}
            </button>
          </>
        ) : (
          <>
            <button type="button" class="action" data-action="confirm" onClick={() => decide('confirmed')}>
              {t('review.confirm')}
            </button>
            <button type="button" class="action" data-action="dismiss" onClick={() => decide('dismissed')}>
              {t('review.dismiss')}
            </button>
          </>
        )
      ) : null}
      {onCite ? (
        <button
          type="button"
          class="action"
          data-action="cite"
          onClick={() => {
            void onCite(f).then(setCopied);
          }}
        >
          {t('cite.copy')}
        </button>
      ) : null}
      {copied !== null ? (
        <span class="action-status" role="status">
          {t(copied ? 'cite.copied' : 'cite.failed')}
        </span>
      ) : null}
      {review && onReview ? (
        <details class="review-note" open={Boolean(review.note)}>
          <summary>{t('review.note')}</summary>
          <textarea
            rows={2}
            value={note}
            placeholder={t('review.notePlaceholder')}
            aria-label={t('review.note')}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
            onBlur={saveNote}
          />
          <button type="button" class="action" data-action="note" onClick={saveNote}>
            {t('review.saveNote')}
          </button>
        </details>
      ) : null}
    </div>
  );
}

/** One finding in the panel's list: what was checked, both sides and the difference, the likely wrong cell, the quoted sentence. */
import type { Finding, ReportRecord } from '@/lib';
import { headline, quoteText, severityLabel, sidesText, suspectText, t } from './text';

export interface FindingItemProps {
  record: ReportRecord;
  finding: Finding;
  /** The finding the reader last picked (on the page or in the list). */
  selected?: boolean;
  onLocate?: (f: Finding) => void;
}

/** One finding: what was checked (the formula), both sides and the difference, the likely wrong cell. */
export function FindingItem({ record, finding: f, selected = false, onLocate }: FindingItemProps) {
  const sides = sidesText(f);
  const suspect = suspectText(record, f);
  const quote = quoteText(f);
  const zero = f.assumedZero?.length ?? 0;
  const locatable = f.cells.length > 0 && onLocate !== undefined;
  const tone = f.status === 'fail' ? f.severity : f.status;
  const body = (
    <>
      <span class="finding-tag" data-tone={tone}>
        {f.status === 'fail' ? severityLabel(f.severity) : f.status === 'na' ? t('common.na') : t('common.pass')}
      </span>
      <span class="finding-head">{headline(f)}</span>
    </>
  );
  return (
    <li class="finding" data-finding-id={f.id} data-status={f.status} data-tone={tone} data-selected={selected ? '' : undefined}>
      {locatable ? (
        <button type="button" class="finding-main" data-finding={f.id} onClick={() => onLocate(f)} title={t('panel.locate')}>
          {body}
        </button>
      ) : (
        <div class="finding-main" data-finding={f.id}>
          {body}
        </div>
      )}
      {f.formula ? <p class="finding-msg">{f.status === 'fail' ? (sides ?? f.message) : f.message}</p> : null}
      {!f.formula && sides ? <p class="finding-msg">{sides}</p> : null}
      {suspect ? <p class="finding-suspect">{suspect}</p> : null}
      {zero > 0 && f.rule !== 'cell.blank' ? <p class="finding-note">{t('common.blanksZero', [String(zero)])}</p> : null}
      {quote ? <blockquote class="finding-quote">{quote}</blockquote> : null}
    </li>
  );
}

/**
 * The offer 「核查附件」: the report files a page links (or the file the tab shows), each with a
 * button that opens the attachment page for it. In the panel (from the record) and in the popup
 * (from the record, else from the tab's address).
 */
import './AttachmentOffer.css';
import type { ReportRecord } from '@/lib';
import { type AttachmentTarget, fileNameOf, fileTab, offeredFiles } from '@/utils/attachment-targets';
import { t } from './text';

export interface AttachmentOfferProps {
  /** The record of the page (its `source.attachments`), if any. */
  record: ReportRecord | null;
  /** Open the attachment page for a file (the caller has the extension API). */
  onOpen: (file: AttachmentTarget) => void;
}

/** The offer in the panel: the files the page links. */
export function AttachmentOffer({ record, onOpen }: AttachmentOfferProps) {
  if (!record) return null;
  return <Offer files={offeredFiles(record)} only={!record.report.isReport} onOpen={onOpen} />;
}

/** The offer in the popup: the files the page links, else the file the tab itself shows. */
export function PopupAttachmentOffer({ record, onOpen, tabUrl }: AttachmentOfferProps & { tabUrl: string | undefined }) {
  const linked = record ? offeredFiles(record) : [];
  if (linked.length) return <Offer files={linked} only={!record?.report.isReport} onOpen={onOpen} />;
  const shown = fileTab(tabUrl);
  return shown ? <Offer files={[shown]} only tab onOpen={onOpen} /> : null;
}

function Offer({
  files,
  only,
  tab = false,
  onOpen,
}: {
  files: AttachmentTarget[];
  only: boolean;
  tab?: boolean;
  onOpen: (f: AttachmentTarget) => void;
}) {
  if (files.length === 0) return null;
  return (
    <section class="nb-offer" aria-label={t('attachment.offerTitle')} data-offer="">
      <p class="nb-offer-lead">{t(tab ? 'attachment.offerTab' : only ? 'attachment.offerOnly' : 'attachment.offerAlso')}</p>
      <ul class="nb-offer-list">
        {files.map((f) => {
          const name = f.name || fileNameOf(f.url);
          return (
            <li key={f.url} class="nb-offer-item">
              <span class="nb-offer-name" title={f.url}>
                {name}
              </span>
              <button type="button" class="nb-offer-btn" aria-label={`${t('attachment.check')}：${name}`} onClick={() => onOpen(f)}>
                {t('attachment.check')}
              </button>
            </li>
          );
        })}
      </ul>
      <p class="nb-offer-note">{t('attachment.offerNote')}</p>
    </section>
  );
}

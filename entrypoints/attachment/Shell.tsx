/**
 * What the attachment page says around the file: which file and from which page, the exports, and
 * what is happening or went wrong — downloading, reading, a failed download (and what to do about
 * it), a format the browser cannot read, a scan — with a way to choose a file from this computer.
 */
import type { SourceKind } from '@/lib';
import { csvFileName, downloadText, jsonFileName, recordJson, recordsCsv } from '@/utils/exports';
import { t } from '@/utils/i18n';
import type { FetchProblem } from './fetch';
import type { AttachmentPage } from './page';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function problemText(p: FetchProblem): string {
  switch (p.kind) {
    case 'badUrl':
      return t('attachment.badUrl');
    case 'permission':
      return t('attachment.permission', [p.host]);
    case 'network':
      return t('attachment.network', [p.detail]);
    case 'http':
      return t('attachment.http', [String(p.status)]);
    case 'challenge':
      return t('attachment.challenge');
    case 'tooLarge':
      return t('attachment.tooLarge', [mb(p.size), mb(p.limit)]);
  }
}

/** What to say of a format the browser cannot read, or null for one it reads. */
function unreadableText(kind: SourceKind): string | null {
  switch (kind) {
    case 'doc':
      return t('attachment.unsupported', [t('attachment.format.doc'), t('attachment.app.doc')]);
    case 'wps':
      return t('attachment.unsupported', [t('attachment.format.wps'), t('attachment.app.wps')]);
    case 'ofd':
      return t('attachment.unsupported', [t('attachment.format.ofd'), t('attachment.app.ofd')]);
    default:
      return null;
  }
}

function Picker({ page }: { page: AttachmentPage }) {
  return (
    <div class="pick">
      <label class="btn">
        {t('attachment.pick')}
        <input
          type="file"
          accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          onChange={(e) => {
            const file = (e.currentTarget as HTMLInputElement).files?.[0];
            if (file) void page.choose(file);
          }}
        />
      </label>
      <span class="pick-note">{t('attachment.pickNote')}</span>
    </div>
  );
}

function FileLink({ page }: { page: AttachmentPage }) {
  return page.target ? (
    <a class="file-link" href={page.target.url} target="_blank" rel="noreferrer">
      {t('attachment.openFile')}
    </a>
  ) : null;
}

function Status({ page }: { page: AttachmentPage }) {
  const { phase } = page;
  switch (phase.k) {
    case 'noFile':
      return (
        <div class="status" data-phase="noFile">
          <p>{t('attachment.choose')}</p>
          <Picker page={page} />
        </div>
      );
    case 'fetching':
    case 'reading':
      return (
        <div class="status busy" data-phase={phase.k} role="status">
          <p>{t(phase.k === 'fetching' ? 'attachment.fetching' : 'attachment.reading')}</p>
        </div>
      );
    case 'failed':
      return (
        <div class="status problem" data-phase="failed" data-problem={phase.problem.kind} role="alert">
          <p class="status-text">{problemText(phase.problem)}</p>
          <div class="status-actions">
            {phase.problem.kind === 'permission' ? (
              <button type="button" class="btn primary" onClick={() => void page.allow()}>
                {t('attachment.allow', [phase.problem.host])}
              </button>
            ) : (
              <button type="button" class="btn" onClick={() => void page.start()}>
                {t('attachment.retry')}
              </button>
            )}
          </div>
          <Picker page={page} />
        </div>
      );
    case 'shown': {
      const unreadable = unreadableText(phase.kind);
      if (unreadable)
        return (
          <div class="status problem" data-phase="unsupported" data-kind={phase.kind} role="alert">
            <h2 class="status-title">{t('attachment.unsupportedTitle')}</h2>
            <p class="status-text">{unreadable}</p>
            <Picker page={page} />
          </div>
        );
      if (phase.scanned)
        return (
          <div class="status problem" data-phase="scanned" role="alert">
            <h2 class="status-title">{t('attachment.scannedTitle')}</h2>
            <p class="status-text">{t('attachment.scanned', [String(phase.pages)])}</p>
          </div>
        );
      return null;
    }
  }
}

export function Shell({ page }: { page: AttachmentPage }) {
  const { target, record, phase } = page;
  // A file that was read can be exported; one recognised and not read has nothing to export.
  const exportable = record && phase.k === 'shown' && phase.shows !== 'nothing';
  return (
    <>
      <header class="bar">
        <h1 class="bar-title" title={target?.url}>
          {page.name || t('attachment.check')}
        </h1>
        <p class="bar-meta">
          <FileLink page={page} />
          {target?.from ? (
            <>
              <span class="sep">·</span>
              {t('attachment.from')}{' '}
              <a href={target.from} target="_blank" rel="noreferrer">
                {target.from}
              </a>
            </>
          ) : null}
        </p>
        {exportable ? (
          <div class="bar-actions">
            <button type="button" class="btn" onClick={() => downloadText(jsonFileName(record), recordJson(record), 'application/json')}>
              {t('popup.exportJson')}
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => downloadText(csvFileName(record), recordsCsv([record]), 'text/csv;charset=utf-8')}
            >
              {t('popup.exportCsv')}
            </button>
          </div>
        ) : null}
      </header>
      <Status page={page} />
    </>
  );
}

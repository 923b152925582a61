/** The panel: one report's summary (what was detected, the counts, the findings by table, the derived figures, how the page was read), folded into a pill on request. */
import { useEffect, useRef } from 'preact/hooks';
import { DERIVED, type Finding, type ReportRecord } from '@/lib';
import { countFindings, formatNumber, formatRate, groupFindings } from '@/utils/findings';
import { AttachmentOffer } from './AttachmentOffer';
import { FindingItem } from './FindingItem';
import { groupLabel, reportLine, t } from './text';

export interface PanelProps {
  record: ReportRecord;
  collapsed: boolean;
  theme: 'light' | 'dark';
  /** The report was read from a frame embedded in this page. */
  fromFrame?: boolean;
  /** Marked cells on the page, and those that could not be found again after the page changed. */
  marks?: { shown: number; lost: number };
  selectedId?: string | null;
  onToggle: () => void;
  onClose: () => void;
  onLocate: (f: Finding) => void;
}

/** The summary of one report: what was detected, the counts, the findings by table, the derived figures. */
export function Panel(props: PanelProps) {
  const { record, collapsed, theme, onToggle } = props;
  const counts = countFindings(record.findings);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const pillRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);
  const bodyRef = useRef<HTMLDivElement>(null);

  // The finding picked on the page (Enter on a mark) is brought into view in the list.
  useEffect(() => {
    if (props.selectedId) bodyRef.current?.querySelector('[data-selected]')?.scrollIntoView({ block: 'nearest' });
  }, [props.selectedId]);

  // Keep the keyboard where the reader is when the panel folds or unfolds (not on first show).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    (collapsed ? pillRef : toggleRef).current?.focus();
  }, [collapsed]);

  if (collapsed) {
    return (
      <div class="nb-root" data-panel="" data-theme={theme}>
        <button
          ref={pillRef}
          type="button"
          class="pill"
          aria-expanded="false"
          aria-controls="nb-panel-body"
          aria-label={`${t('panel.title')}: ${t('panel.expand')}`}
          onClick={onToggle}
        >
          <span class="pill-brand">{t('panel.title')}</span>
          <Tally counts={counts} />
        </button>
      </div>
    );
  }

  return (
    <div class="nb-root" data-panel="" data-theme={theme}>
      <section
        class="panel"
        aria-label={t('panel.title')}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onToggle();
          }
        }}
      >
        <header class="panel-head">
          <h2 class="panel-title">{t('panel.title')}</h2>
          <button
            ref={toggleRef}
            type="button"
            class="icon-btn"
            aria-expanded="true"
            aria-controls="nb-panel-body"
            onClick={onToggle}
            title={t('panel.collapse')}
          >
            <span aria-hidden="true">–</span>
            <span class="sr-only">{t('panel.collapse')}</span>
          </button>
          <button type="button" class="icon-btn" onClick={props.onClose} title={t('panel.close')}>
            <span aria-hidden="true">×</span>
            <span class="sr-only">{t('panel.close')}</span>
          </button>
        </header>
        <div class="panel-body" id="nb-panel-body" ref={bodyRef}>
          <p class="report-line" title={record.source.title}>
            {reportLine(record)}
          </p>
          <AttachmentOffer record={record} />
          <Tally counts={counts} verbose />
          <Findings {...props} />
          <Derived record={record} />
          <Reading record={record} fromFrame={props.fromFrame ?? false} marks={props.marks} />
          <p class="privacy">{t('common.privacy')}</p>
        </div>
      </section>
    </div>
  );
}

function Tally({ counts, verbose = false }: { counts: ReturnType<typeof countFindings>; verbose?: boolean }) {
  const items: [string, number, string][] = [
    ['error', counts.error, t('common.error')],
    ['warning', counts.warning, t('common.warning')],
    ['info', counts.info, t('common.info')],
  ];
  if (verbose) items.push(['na', counts.na, t('common.na')], ['pass', counts.pass, t('common.pass')]);
  return (
    <ul class={verbose ? 'tally tally-verbose' : 'tally'} aria-label={t('panel.counts')}>
      {items.map(([tone, n, label]) => (
        <li key={tone} class="tally-item" data-tone={tone} data-zero={n === 0 ? '' : undefined} data-count={n}>
          <span class="tally-n">{n}</span> <span class="tally-label">{label}</span>
        </li>
      ))}
    </ul>
  );
}

function Findings({ record, selectedId, onLocate }: PanelProps) {
  const groups = groupFindings(record.findings);
  if (groups.length === 0) return <p class="empty">{t('panel.noFindings')}</p>;
  const anyFailure = groups.some((g) => g.failing.length > 0);
  const anyChecked = groups.some((g) => g.passed.length > 0);
  return (
    <section class="findings" aria-label={t('panel.findings')}>
      {anyFailure ? null : anyChecked ? (
        <p class="all-clear">{t('panel.noFailures')}</p>
      ) : (
        <p class="nothing-checked">{t('panel.nothingChecked')}</p>
      )}
      {groups.map((g) => (
        <section key={g.group} class="group" data-group={g.group}>
          <h3 class="group-title">{groupLabel(g.group)}</h3>
          {g.failing.length ? (
            <ul class="finding-list">
              {g.failing.map((f) => (
                <FindingItem key={f.id} record={record} finding={f} selected={f.id === selectedId} onLocate={onLocate} />
              ))}
            </ul>
          ) : null}
          {g.na.length ? (
            // When nothing could be checked at all, the reasons are the news: shown, not folded.
            <details class="more" open={!anyChecked}>
              <summary>{t('panel.na', [String(g.na.length)])}</summary>
              <ul class="finding-list">
                {g.na.map((f) => (
                  <FindingItem key={f.id} record={record} finding={f} onLocate={onLocate} />
                ))}
              </ul>
            </details>
          ) : null}
          {g.passed.length ? (
            <details class="more">
              <summary>{t('panel.passed', [String(g.passed.length)])}</summary>
              <ul class="finding-list">
                {g.passed.map((f) => (
                  <FindingItem key={f.id} record={record} finding={f} onLocate={onLocate} />
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ))}
    </section>
  );
}

function Derived({ record }: { record: ReportRecord }) {
  const shown = DERIVED.filter((d) => record.derived[d.key] !== undefined);
  if (shown.length === 0) return null;
  return (
    <section class="derived" aria-label={t('panel.derived')}>
      <h3 class="group-title">{t('panel.derived')}</h3>
      <dl>
        {shown.map((d) => {
          const [num, den] = d.compute(record.tables);
          return (
            <div key={d.key} class="derived-row" data-key={d.key}>
              <dt>{d.label}</dt>
              <dd>
                <strong>{formatRate(record.derived[d.key] as number)}</strong>{' '}
                <span class="derived-parts">
                  ({formatNumber(num)} / {formatNumber(den)})
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
      <p class="note">{t('panel.derivedNote')}</p>
    </section>
  );
}

function Reading({ record, fromFrame, marks }: { record: ReportRecord; fromFrame: boolean; marks: PanelProps['marks'] }) {
  const r = record.reading;
  return (
    <details class="reading">
      <summary>{t('panel.reading')}</summary>
      <ul>
        {r ? (
          <>
            <li>{t('panel.readingTables', [String(r.tablesFound)])}</li>
            <li>{t('panel.readingCells', [String(r.cellsRead)])}</li>
            <li>{t('panel.readingBlanks', [String(r.blanksAssumedZero)])}</li>
          </>
        ) : (
          <li>{t('panel.readingNone')}</li>
        )}
        {marks ? <li>{t('panel.readingMarks', [String(marks.shown)])}</li> : null}
        {marks?.lost ? <li class="warn">{t('panel.readingLost', [String(marks.lost)])}</li> : null}
        {fromFrame ? <li>{t('panel.readingFrame')}</li> : null}
        {record.report.script === 'traditional' ? <li>{t('panel.readingTraditional')}</li> : null}
        <li>{t('panel.readingBlankRule')}</li>
      </ul>
    </details>
  );
}

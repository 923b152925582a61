/**
 * The panel: one report's summary (what was detected, the verdict with what could not be checked,
 * the findings by table with a person's verdicts, last year beside this one, the derived figures,
 * how the page was read), docked left, right or at the bottom, folded into a pill on request.
 */
import { useEffect, useRef } from 'preact/hooks';
import { DERIVED, type Finding, type ReportRecord, type Review } from '@/lib';
import type { AttachmentTarget } from '@/utils/attachment-targets';
import { countFindings, formatNumber, formatRate, groupFindings } from '@/utils/findings';
import type { Reviews } from '@/utils/reviews/store';
import { AttachmentOffer } from './AttachmentOffer';
import { citation, confirmedCitations } from './cite';
import { FindingItem } from './FindingItem';
import { LastYear } from './LastYear';
import { PanelHead } from './PanelHead';
import { RichText } from './RichText';
import { groupLabel, reportLineParts, t } from './text';
import { missingTables, verdict } from './verdict';
import { uiLang, words } from './words';

/** Where the panel sits: a column at either side, or a sheet along the bottom. */
export type Dock = 'left' | 'right' | 'bottom';
export const DOCKS: readonly Dock[] = ['left', 'right', 'bottom'];

export interface PanelProps {
  record: ReportRecord;
  collapsed: boolean;
  theme: 'light' | 'dark';
  /** The report was read from a frame embedded in this page. */
  fromFrame?: boolean;
  /** Marked cells on the page, and those that could not be found again after the page changed. */
  marks?: { shown: number; lost: number };
  selectedId?: string | null;
  /** Where the panel sits (right when not given). */
  dock?: Dock;
  /** The reader moved the panel. */
  onDock?: (dock: Dock) => void;
  /** A person's verdicts on the findings, by finding id. */
  reviews?: Reviews;
  onReview?: (f: Finding, review: Review | null) => void;
  /** Copy text for the reader (a citation); resolves whether it was copied. */
  onCopy?: (text: string) => Promise<boolean>;
  /** Last year's record of the body: null when the history has none, undefined when not known. */
  previous?: ReportRecord | null;
  /** The skip link: the keyboard goes to the marks on the page. */
  onSkip?: () => void;
  /** A height the panel must not exceed (px), set when a finding's cells need the room. */
  maxHeight?: number | null;
  onToggle: () => void;
  onClose: () => void;
  onLocate: (f: Finding) => void;
  /** Open the attachment page for a file the page links (「核查附件」). */
  onOpenAttachment?: (file: AttachmentTarget) => void;
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

  const dock = props.dock ?? 'right';
  if (collapsed) {
    return (
      <div class="nb-root" data-panel="" data-theme={theme} data-dock={dock}>
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

  const marked = props.marks?.shown ?? 0;
  return (
    <div class="nb-root" data-panel="" data-theme={theme} data-dock={dock}>
      <section
        class="panel"
        data-dock={dock}
        style={props.maxHeight ? { maxHeight: `${props.maxHeight}px` } : undefined}
        aria-label={t('panel.title')}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onToggle();
          }
        }}
      >
        {props.onSkip && marked > 0 ? (
          <button type="button" class="skip" data-skip="" onClick={props.onSkip}>
            {t('panel.skip', [String(marked)])}
          </button>
        ) : null}
        <PanelHead onToggle={onToggle} onClose={props.onClose} toggleRef={toggleRef} controls="nb-panel-body">
          {props.onDock ? <DockButtons dock={dock} onDock={props.onDock} /> : null}
        </PanelHead>
        <div class="panel-body" id="nb-panel-body" ref={bodyRef}>
          <p class="report-line">
            <ReportLine record={record} />
          </p>
          {props.onOpenAttachment && <AttachmentOffer record={record} onOpen={props.onOpenAttachment} />}
          <Tally counts={counts} verbose />
          <VerdictLine {...props} />
          <Findings {...props} />
          <LastYear record={record} previous={props.previous} />
          <Derived record={record} />
          <Reading record={record} fromFrame={props.fromFrame ?? false} marks={props.marks} />
          <p class="privacy">{t('common.privacy')}</p>
        </div>
      </section>
    </div>
  );
}

/** The agency as the page names it (its title on hover), then the year and the template, ours. */
function ReportLine({ record }: { record: ReportRecord }) {
  const [agency, ...rest] = reportLineParts(record);
  return (
    <>
      {typeof agency === 'object' ? (
        <span class="page-text" lang="zh-CN" data-page="" title={record.source.title}>
          {agency.page}
        </span>
      ) : (
        agency
      )}
      <RichText text={rest} />
    </>
  );
}

/** The dock buttons: left, right, bottom (the one in use pressed). */
function DockButtons({ dock, onDock }: { dock: Dock; onDock: (d: Dock) => void }) {
  const icons: Record<Dock, string> = { left: '◧', right: '◨', bottom: '⬓' };
  return (
    <fieldset class="dock" aria-label={t('panel.dock.label')}>
      {DOCKS.map((d) => (
        <button
          key={d}
          type="button"
          class="icon-btn dock-btn"
          data-dock-to={d}
          aria-pressed={d === dock ? 'true' : 'false'}
          title={t(`panel.dock.${d}`)}
          onClick={() => onDock(d)}
        >
          <span aria-hidden="true">{icons[d]}</span>
          <span class="sr-only">{t(`panel.dock.${d}`)}</span>
        </button>
      ))}
    </fieldset>
  );
}

function Tally({ counts, verbose = false }: { counts: ReturnType<typeof countFindings>; verbose?: boolean }) {
  const w = words(uiLang());
  const tones = ['error', 'warning', 'info', ...(verbose ? (['na', 'pass'] as const) : [])] as const;
  return (
    <ul class={verbose ? 'tally tally-verbose' : 'tally'} aria-label={t('panel.counts')}>
      {tones.map((tone) => {
        const n = counts[tone];
        // 「2 个错误」, "2 errors": the number set apart for the eye.
        const [before, after] = w.n(`common.count.${tone}`, n).split(String(n)) as [string, string?];
        return (
          <li key={tone} class="tally-item" data-tone={tone} data-zero={n === 0 ? '' : undefined} data-count={n}>
            {before}
            <span class="tally-n">{n}</span>
            {after}
          </li>
        );
      })}
    </ul>
  );
}

/** What was found, what could not be checked, what the person decided; and copying the confirmed findings. */
function VerdictLine({ record, reviews = {}, onCopy }: PanelProps) {
  const v = verdict(record, reviews, uiLang());
  const confirmed = record.findings.filter((f) => reviews[f.id]?.status === 'confirmed').length;
  return (
    <div class="verdict" data-verdict={v.tone}>
      <p class="verdict-found">{v.found}</p>
      {v.unchecked ? <p class="verdict-unchecked">{v.unchecked}</p> : null}
      {v.reviews ? (
        <p class="verdict-reviews" data-reviews="">
          {v.reviews}
          {onCopy && confirmed > 0 ? <CopyAll record={record} reviews={reviews} onCopy={onCopy} count={confirmed} /> : null}
        </p>
      ) : null}
    </div>
  );
}

function CopyAll({
  record,
  reviews,
  onCopy,
  count,
}: {
  record: ReportRecord;
  reviews: Reviews;
  onCopy: (s: string) => Promise<boolean>;
  count: number;
}) {
  return (
    <button
      type="button"
      class="action copy-all"
      data-action="cite-all"
      onClick={() => {
        const text = confirmedCitations(record, reviews, uiLang());
        if (text) void onCopy(text);
      }}
    >
      {t('cite.copyAll', [String(count)])}
    </button>
  );
}

function Findings({ record, selectedId, onLocate, reviews = {}, onReview, onCopy, previous }: PanelProps) {
  const groups = groupFindings(record.findings);
  if (groups.length === 0) return <p class="empty">{t('panel.noFindings')}</p>;
  const anyChecked = groups.some((g) => g.passed.length > 0 || g.failing.length > 0);
  const missing = missingTables(record.findings);
  const onCite = onCopy ? (f: Finding) => onCopy(citation(record, f, reviews, uiLang())) : undefined;
  const item = (f: Finding, extra: { selected?: boolean } = {}) => (
    <FindingItem
      key={f.id}
      record={record}
      finding={f}
      onLocate={onLocate}
      review={reviews[f.id]}
      onReview={onReview}
      onCite={onCite}
      previous={previous}
      {...extra}
    />
  );
  return (
    <section class="findings" aria-label={t('panel.findings')}>
      {groups.map((g) => (
        <section key={g.group} class="group" data-group={g.group}>
          <h3 class="group-title">{groupLabel(g.group)}</h3>
          {g.failing.length ? <ul class="finding-list">{g.failing.map((f) => item(f, { selected: f.id === selectedId }))}</ul> : null}
          {g.na.length ? (
            // When nothing could be checked, or a whole table is missing, the reasons are the news: shown, not folded.
            <details class="more" open={!anyChecked || (g.group !== 'page' && missing.has(g.group))}>
              <summary>{t('panel.na', [String(g.na.length)])}</summary>
              <ul class="finding-list">{g.na.map((f) => item(f))}</ul>
            </details>
          ) : null}
          {g.passed.length ? (
            <details class="more">
              <summary>{t('panel.passed', [String(g.passed.length)])}</summary>
              <ul class="finding-list">{g.passed.map((f) => item(f))}</ul>
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
              <dt>{words(uiLang()).t(`label.derived.${d.key}`)}</dt>
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

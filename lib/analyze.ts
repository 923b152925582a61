import { type CheckInput, checkSteps } from './checks';
import { forEachCell } from './checks/tableCells';
import { derive } from './derived';
import { reportAttachments } from './detect/attachments';
import { publishedAt } from './detect/published';
import { looksLikeReport } from './detect/quick';
import { countMedia, findSections, narrativeYear, periodYear, readTitle, scriptOf } from './detect/report';
import { buildGrid, type Grid, leadingText } from './grid/grid';
import { Visibility } from './grid/hidden';
import { lineNorm, pageLines } from './prose/lines';
import { keptText, sectionLines } from './prose/sectionText';
import { toSentences } from './prose/sentences';
import type { Finding, FormatVersion, ReportRecord, SourceKind, TableKey } from './record/schema';
import { drain, type Steps } from './steps';
import { readActiveDisclosure } from './tables/activeDisclosure';
import { readApplications } from './tables/applications';
import { type Band, cutBands, isCaption, keepBands } from './tables/bands';
import { cellSignal, TABLE_HINT, type TableKind } from './tables/classify';
import { CellElements, type ElementMap, ReadContext, refKey } from './tables/context';
import { readReviewLitigation } from './tables/reviewLitigation';

export interface AnalyzeOptions {
  /** The page address; defaults to the document's URL. */
  url?: string;
  capturedAt?: string;
  /** Last year's record of the same body, for the cross-year rules. */
  previous?: ReportRecord;
  /** What the document was made from (a PDF or DOCX is turned into a document first); `html` by default. */
  kind?: SourceKind;
  /**
   * When the report was published, as the page that published it says (a file linked from a portal
   * page carries no 发布日期 of its own): used when the document itself shows no date.
   */
  publishedAt?: string;
}

/** A record and the live page behind it: every cell reference points back to its element. */
export interface Analysis {
  record: ReportRecord;
  /** `refKey(ref)` → the `<td>`/`<th>` the value was read from. */
  elements: ElementMap;
  /** The `<table>` elements read as report tables. */
  tables: Element[];
  /** The element holding the article (the report's text and tables). */
  body: Element | null;
  /**
   * What the checks looked at (without last year's record), when they ran: `recheckSteps` runs them
   * again with another previous record without reading the page again.
   */
  checked?: Omit<CheckInput, 'previous'>;
}

export { CellElements, type ElementMap, refKey };

const CLASSIFY_ROWS = 40;
/**
 * Far beyond any report's tables (all three in one `<table>` take ~50 rows and ~500 cells): a
 * table is read no further, and the record says so (a 200,000-cell table would otherwise take a
 * gigabyte to read).
 */
export const MAX_READ_ROWS = 500;
export const MAX_READ_CELLS = 20_000;

interface TablesRead {
  tables: ReportRecord['tables'];
  ctx: ReadContext;
  reportTables: Element[];
  grids: Map<number, Grid>;
  /** Standard tables read from a `<table>` cut at MAX_READ_ROWS / MAX_READ_CELLS. */
  oversized: TableKey[];
  /** Section captions written as full-width rows of a report table (三、收到和处理…): headings of the text too. */
  captions: Map<Element, Element[]>;
}

/**
 * Find and read the standard tables of a page, one step per table looked at and per table read (see
 * `analyzeSteps`). Each `<table>` is cut into bands by its labels (tables/bands.ts); the bands of
 * each kind, in page order, are read as one table. A table the page does not render is not read.
 */
function* readTables(doc: Document, vis: () => Visibility): Steps<TablesRead> {
  const all = Array.from(doc.getElementsByTagName('table'));
  const index = new Map<Element, number>(all.map((t, i) => [t, i]));
  const byKind: Record<TableKind, Band[]> = { activeDisclosure: [], applications: [], reviewLitigation: [] };
  const grids = new Map<number, Grid>();
  const cut = new Set<Element>();
  /** The kind of the last band of the table before, which a table of figures alone continues. */
  let open: TableKind | null = null;
  /** The kind of the last band read, in page order: a band without header is a part of it or nothing. */
  let last: TableKind | null = null;
  for (const table of all) {
    const continuing: TableKind | null = open;
    open = null;
    // A standard table is recognisable from its first rows; a long appendix table is neither read nor
    // built in full.
    if (!continuing && !TABLE_HINT.test(leadingText(table, CLASSIFY_ROWS))) continue;
    if (vis().hidden(table)) {
      // A hidden copy between two parts of a table does not end the first.
      open = continuing;
      continue;
    }
    yield;
    const head = buildGrid(table, { maxRows: CLASSIFY_ROWS, visibility: vis() });
    yield;
    let bands = keepBands(cutBands(head, continuing), last);
    if (bands.length === 0) continue;
    let grid = head;
    if (head.truncated) {
      yield;
      grid = buildGrid(table, { maxRows: MAX_READ_ROWS, maxCells: MAX_READ_CELLS, visibility: vis() });
      bands = keepBands(cutBands(grid, continuing), last);
      if (grid.truncated) cut.add(table);
    }
    yield;
    for (const band of bands) byKind[band.kind].push(band);
    open = bands[bands.length - 1]?.kind ?? null;
    last = open ?? last;
    grids.set(index.get(table) as number, grid);
  }
  const ctx = new ReadContext((t) => index.get(t) ?? -1);
  const tables: ReportRecord['tables'] = {};
  const t2 = yield* readActiveDisclosure(byKind.activeDisclosure, ctx);
  if (t2) tables.activeDisclosure = t2;
  yield;
  const t3 = yield* readApplications(byKind.applications, ctx);
  if (t3) tables.applications = t3;
  yield;
  const t4 = yield* readReviewLitigation(byKind.reviewLitigation, ctx);
  if (t4) tables.reviewLitigation = t4;
  const reportTables = all.filter((t) => ctx.used.has(t));
  const oversized = (Object.keys(byKind) as TableKind[]).filter(
    (k) => tables[k] && byKind[k].some((b) => cut.has(b.grid.table) && ctx.used.has(b.grid.table)),
  );
  const captions = new Map<Element, Element[]>();
  for (const band of Object.values(byKind).flat()) {
    if (!ctx.used.has(band.grid.table)) continue;
    for (let r = band.from; r < band.to; r++) {
      const cell = band.grid.slots[r]?.[0];
      const signal = cell && isCaption(band, r) ? cellSignal(cell.text) : null;
      if (!cell || !signal || typeof signal === 'string' || !signal.caption) continue;
      const list = captions.get(band.grid.table) ?? [];
      if (!list.includes(cell.el)) list.push(cell.el);
      captions.set(band.grid.table, list);
    }
  }
  return { tables, ctx, reportTables, grids, oversized, captions };
}

const TABLE_WORDS: Record<TableKey, string> = { activeDisclosure: '表二', applications: '表三', reviewLitigation: '表四' };

/** The finding that says a table was read only in part. */
function oversizedFinding(table: TableKey): Finding {
  return {
    id: `report.oversized:${table}`,
    rule: 'report.oversized',
    status: 'fail',
    severity: 'warning',
    message: `${TABLE_WORDS[table]}所在的表格远超年度报告表格的规模（超过 ${MAX_READ_ROWS} 行或 ${MAX_READ_CELLS} 个单元格），只读取了前面部分，其余未核查。`,
    cells: [],
  };
}

/** The format version the labels say: 表二's column names, 表三's （六）其他处理 rows. */
function detectVersion(tables: ReportRecord['tables']): FormatVersion {
  const t2cols = new Set(Object.values(tables.activeDisclosure ?? {}).flatMap((r) => Object.keys(r)));
  const t3 = tables.applications ?? {};
  const votes = { '2019': 0, '2021': 0 };
  if (['issued', 'repealed', 'inForce'].some((c) => t2cols.has(c))) votes['2021']++;
  if (['newlyMade', 'newlyPublished', 'totalPublished', 'previousItems', 'change', 'projects'].some((c) => t2cols.has(c))) votes['2019']++;
  if (Object.keys(t3).some((r) => r.startsWith('otherHandling.'))) votes['2021']++;
  else if ('otherHandling' in t3) votes['2019']++;
  if (votes['2019'] === votes['2021']) return 'unknown';
  return votes['2019'] > votes['2021'] ? '2019' : '2021';
}

function lowestCommonAncestor(els: Element[]): Element | null {
  if (els.length === 0) return null;
  let anc: Element | null = els[0] as Element;
  for (const el of els.slice(1)) {
    while (anc && !anc.contains(el)) anc = anc.parentElement;
  }
  return anc;
}

const NOT_A_REPORT = '这个页面不是政府信息公开工作年度报告，没有可核查的表格。';
const IN_ATTACHMENT = (names: string) => `这个页面没有报告正文，报告在附件里：${names}。用「核查附件」在本机读取并核查附件（不上传）。`;

function pipelineFinding(id: string, message: string): Finding {
  return { id, rule: id.split(':')[0] as string, status: 'na', severity: 'info', message, cells: [] };
}

/**
 * Read a page into the canonical record: detect, read the tables, run every check. Never throws:
 * an error in any step becomes a finding and the rest of the record is still returned.
 */
export function analyze(doc: Document, opts: AnalyzeOptions = {}): Analysis {
  return drain(analyzeSteps(doc, opts));
}

/**
 * `analyze` as a sequence of steps (a table classified, a table read, the prose read, a rule run…),
 * none longer than a few milliseconds on a large report even before the JavaScript engine has
 * compiled it. Driven to the end without pause it is `analyze`; the reader drives it in time slices
 * (`inSlices`, lib/steps.ts). The document should not be changed between steps by the caller; changes the page
 * itself makes meanwhile are read as they are found, as they would be by any reader.
 */
export function* analyzeSteps(doc: Document, opts: AnalyzeOptions = {}): Steps<Analysis> {
  const capturedAt = opts.capturedAt ?? new Date().toISOString();
  const url = opts.url ?? doc.URL ?? '';
  const record: ReportRecord = {
    schemaVersion: 1,
    source: { url, title: (doc.title ?? '').trim(), capturedAt, kind: opts.kind ?? 'html' },
    report: { isReport: false, isTemplate: false, formatVersion: 'unknown' },
    tables: {},
    findings: [],
    derived: {},
  };
  const analysis: Analysis = { record, elements: new CellElements(), tables: [], body: null };
  try {
    yield* run(doc, opts, analysis);
  } catch (e) {
    record.findings.push({
      id: 'parser.error:page',
      rule: 'parser.error',
      status: 'na',
      severity: 'error',
      message: `读取页面时出错，结果可能不完整：${e instanceof Error ? e.message : String(e)}`,
      cells: [],
    });
  }
  return analysis;
}

/**
 * The same analysis checked against another previous-year record (or none): only the checks run
 * again, the page is not read again. An analysis whose checks did not run (not a report) is returned
 * as it is.
 */
export function* recheckSteps(analysis: Analysis, previous?: ReportRecord): Steps<Analysis> {
  const { checked } = analysis;
  if (!checked) return analysis;
  const findings = yield* checkSteps({ ...checked, ...(previous ? { previous } : {}) });
  // What reading found (a table read only in part) stays, whatever last year's record.
  findings.push(...analysis.record.findings.filter((f) => f.rule === 'report.oversized'));
  return { ...analysis, record: { ...analysis.record, findings } };
}

function* run(doc: Document, opts: AnalyzeOptions, analysis: Analysis): Steps<void> {
  const { record } = analysis;
  const root = doc.body ?? doc.documentElement;
  let visibility: Visibility | undefined;
  // Made once a table is worth a look (it reads the page's stylesheets), and for the prose.
  const vis = (): Visibility => {
    visibility ??= new Visibility(doc);
    return visibility;
  };
  const { tables, ctx, reportTables, grids, oversized, captions } = yield* readTables(doc, vis);
  // No standard table and no report words anywhere: an ordinary page; its prose need not be read.
  if (reportTables.length === 0 && !looksLikeReport(doc)) {
    record.report.script = scriptOf(doc.title);
    record.findings.push(pipelineFinding('report.detected:page', NOT_A_REPORT));
    return;
  }
  yield;
  const allLines = pageLines(root, new Set(reportTables), vis(), captions);
  yield;
  const sections = findSections(allLines);
  const title = readTitle(doc, allLines);
  yield;
  const present = (Object.keys(tables) as TableKey[]).length;

  const body = lowestCommonAncestor([...reportTables, ...sections.map((s) => allLines[s.line]?.el as Element)]) ?? root;
  analysis.body = body;
  const bodyLines = body === root ? allLines : allLines.filter((l) => body.contains(l.el));
  const firstSection = sections.length ? bodyLines.findIndex((l) => l.text === sections[0]?.heading) : 0;
  const narrativeLines = bodyLines.slice(Math.max(0, firstSection));
  const rawText = bodyLines.map((l) => l.text).join('\n');
  // The lines' norms joined are the text's (a line break is white space, which norm drops).
  const period = periodYear(bodyLines.map(lineNorm).join(''));
  yield;
  const told = narrativeYear(
    narrativeLines
      .map((l) => l.text)
      .join('\n')
      .normalize('NFKC'),
  );

  const year = title.year ?? period;
  const texts = sectionLines(allLines, sections, body);
  yield;
  const pub = publishedAt(doc, allLines) ?? (opts.publishedAt ? { at: opts.publishedAt, from: '发布页面' } : undefined);
  if (pub) record.source.publishedAt = pub.at;
  if (title.title) record.source.title = title.title;

  let cellCount = 0;
  let blankCount = 0;
  let assumedZero = 0;
  forEachCell(tables, (c) => {
    cellCount++;
    if (c.kind === 'blank') blankCount++;
    if (c.kind === 'blank' || c.kind === 'placeholder') assumedZero++;
  });
  const blankShare = cellCount ? blankCount / cellCount : 0;
  const isTemplate = present > 0 && blankShare >= 0.9 && (title.isFormat || title.year === undefined);
  const isReport = !isTemplate && (title.isReportTitle || sections.length >= 3) && (sections.length >= 2 || present > 0);

  record.report = {
    isReport,
    isTemplate,
    ...(title.agency ? { agency: title.agency } : {}),
    ...(year ? { year } : {}),
    formatVersion: present ? detectVersion(tables) : 'unknown',
    script: scriptOf(rawText),
    sections: sections.map((s) => ({ index: s.index, heading: s.heading, ...keptText(texts, s.index) })),
  };

  // Only a web page links its report's file; a file's own links are not followed.
  const attachments = (opts.kind ?? 'html') === 'html' ? reportAttachments(root, { titled: title.isReportTitle, isReport }) : [];
  if (attachments.length) record.source.attachments = attachments;

  if (isTemplate) {
    record.findings.push(pipelineFinding('report.template:page', '这是年度报告格式（模板）本身，表格是空的，不做核查。'));
    return;
  }
  if (!isReport) {
    record.findings.push(
      attachments.length
        ? pipelineFinding('report.attachment:page', IN_ATTACHMENT(attachments.map((a) => `「${a.name}」`).join('、')))
        : pipelineFinding('report.detected:page', NOT_A_REPORT),
    );
    return;
  }
  if (year !== undefined && year < 2019 && present === 0) {
    record.findings.push(
      pipelineFinding('report.pre2019:page', `这是 ${year} 年度的报告，早于 2019 年的统一格式，没有标准统计表，不做核查。`),
    );
    return;
  }

  yield;
  record.tables = tables;
  analysis.elements = new CellElements(tables, grids);
  analysis.tables = reportTables;
  if (ctx.extras.length) record.extras = ctx.extras;
  const sentences = yield* toSentences(narrativeLines, year);
  yield;
  const checked: Omit<CheckInput, 'previous'> = {
    tables,
    ...(year !== undefined ? { year } : {}),
    version: record.report.formatVersion,
    labelIssues: ctx.issues,
    sections: sections.map((s) => s.index),
    sentences,
    years: {
      ...(title.year !== undefined ? { title: title.year } : {}),
      ...(period !== undefined ? { period } : {}),
      ...(told !== undefined ? { narrative: told } : {}),
    },
    media: countMedia(body),
    ...(title.agency ? { agency: title.agency } : {}),
    ...(pub ? { published: pub } : {}),
    sectionText: texts,
  };
  analysis.checked = checked;
  record.findings = yield* checkSteps({ ...checked, ...(opts.previous ? { previous: opts.previous } : {}) });
  for (const table of oversized) record.findings.push(oversizedFinding(table));
  record.derived = derive(tables);
  record.reading = {
    tablesFound: reportTables.length,
    cellsRead: ctx.cellsRead,
    blanksAssumedZero: assumedZero,
  };
}

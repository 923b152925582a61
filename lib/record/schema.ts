import { z } from 'zod';

/** The three standard tables of the report, by their record keys (format.md). */
export const TableKey = z.enum(['activeDisclosure', 'applications', 'reviewLitigation']);
export type TableKey = z.infer<typeof TableKey>;

export const CellKind = z.enum(['number', 'blank', 'placeholder', 'text']);
export type CellKind = z.infer<typeof CellKind>;

/** Where a cell stood on the page: n-th `<table>` of the document (0-based, nested ones counted), grid row and column. */
export const CellPosition = z.object({
  table: z.number().int().nonnegative(),
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
});
export type CellPosition = z.infer<typeof CellPosition>;

export const Cell = z.object({
  value: z.number().nullable(),
  raw: z.string(),
  kind: CellKind,
  unit: z.string().optional(),
  /** Official label of the row and column, e.g. 「（一）予以公开 / 自然人」. */
  label: z.string().optional(),
  /** How the text was read: full-width digits, thousands separators, sign, unit, the reading of a text cell. */
  notes: z.array(z.string()).optional(),
  at: CellPosition.optional(),
  /** Read from a PDF: the page (1-based) and the cell's box in PDF units (origin bottom left). */
  box: z
    .object({
      page: z.number().int().positive(),
      x: z.number(),
      y: z.number(),
      w: z.number().nonnegative(),
      h: z.number().nonnegative(),
    })
    .optional(),
});
export type Cell = z.infer<typeof Cell>;

export const CellRef = z.object({
  table: TableKey,
  row: z.string(),
  column: z.string(),
});
export type CellRef = z.infer<typeof CellRef>;

export const Status = z.enum(['pass', 'fail', 'na']);
export type Status = z.infer<typeof Status>;
export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Finding = z.object({
  id: z.string(),
  rule: z.string(),
  status: Status,
  severity: Severity,
  message: z.string(),
  formula: z.string().optional(),
  /** What `actual` and `expected` are, in words (e.g. 总计 / 六类申请人之和). */
  sides: z.tuple([z.string(), z.string()]).optional(),
  expected: z.number().optional(),
  actual: z.number().optional(),
  difference: z.number().optional(),
  assumedZero: z.array(CellRef).optional(),
  cells: z.array(CellRef),
  suspect: CellRef.optional(),
  /** The value the suspect cell would need for every failing equation to hold. */
  suspectValue: z.number().optional(),
  quote: z.string().optional(),
  /** Passages of this year's text, as written, that repeat last year's report (text.similarity). */
  passages: z.array(z.string()).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const FormatVersion = z.enum(['2019', '2021', 'unknown']);
export type FormatVersion = z.infer<typeof FormatVersion>;

/** A table keyed by row key then column key; rows are the canonical keys of format.md. */
export const CellTable = z.record(z.string(), z.record(z.string(), Cell));
export type CellTable = z.infer<typeof CellTable>;

export const Extra = z.object({
  table: TableKey,
  kind: z.enum(['row', 'column']),
  /** The label as written on the page. */
  label: z.string(),
  /** row extra: cells by column key; column extra: cells by row key. */
  cells: z.record(z.string(), Cell),
});
export type Extra = z.infer<typeof Extra>;

export const Section = z.object({
  index: z.number().int().min(1).max(6),
  heading: z.string(),
  /**
   * The section's text as written, one line per line, tables left out; kept for 一、五、六 so that next
   * year's report of the same body can be compared with it (text.similarity, content.problems).
   */
  text: z.string().optional(),
});

/**
 * What a page or file was read from (record.md); `doc`, `wps` and `ofd` files are recognised but
 * cannot be read here (their record says so).
 */
export const SourceKind = z.enum(['html', 'pdf', 'docx', 'doc', 'wps', 'ofd']);
export type SourceKind = z.infer<typeof SourceKind>;

/** A file a page links that looks like the report itself (lib/detect/attachments.ts). */
export const AttachmentKind = SourceKind.exclude(['html']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;
export const Attachment = z.object({
  /** As the page links it (resolve it against `source.url`). */
  url: z.string(),
  /** The link's text, else the file's name. */
  name: z.string(),
  kind: AttachmentKind,
});
export type Attachment = z.infer<typeof Attachment>;

/** A person's verdict on one finding, kept locally and exported with the record (record.md `review`). */
export const Review = z.object({
  status: z.enum(['confirmed', 'dismissed']),
  note: z.string().optional(),
  at: z.iso.datetime({ offset: true }),
});
export type Review = z.infer<typeof Review>;

export const ReportRecord = z.object({
  schemaVersion: z.literal(1),
  source: z.object({
    url: z.string(),
    title: z.string(),
    capturedAt: z.iso.datetime({ offset: true }),
    publishedAt: z.string().optional(),
    /** The tab's address when the report was read inside a frame. */
    pageUrl: z.string().optional(),
    /** Records stored before this field existed were all read from HTML pages. */
    kind: SourceKind.default('html'),
    /** The page that linked the file (an attachment read from a report page). */
    attachmentOf: z.string().optional(),
    /** Files the page links that look like the report (the reader offers to check them). */
    attachments: z.array(Attachment).optional(),
  }),
  report: z.object({
    isReport: z.boolean(),
    isTemplate: z.boolean(),
    agency: z.string().optional(),
    year: z.number().int().optional(),
    formatVersion: FormatVersion,
    script: z.enum(['simplified', 'traditional']).optional(),
    sections: z.array(Section).optional(),
  }),
  tables: z.object({
    activeDisclosure: CellTable.optional(),
    applications: CellTable.optional(),
    reviewLitigation: CellTable.optional(),
  }),
  findings: z.array(Finding),
  derived: z.record(z.string(), z.number()),
  extras: z.array(Extra).optional(),
  /** How the page was read, for the reader's "how we read this page". */
  reading: z
    .object({
      tablesFound: z.number().int().nonnegative(),
      cellsRead: z.number().int().nonnegative(),
      blanksAssumedZero: z.number().int().nonnegative(),
    })
    .optional(),
  /** A person's verdicts, by finding id (kept locally; survive a re-reading of the same report). */
  review: z.record(z.string(), Review).optional(),
});
export type ReportRecord = z.infer<typeof ReportRecord>;

export const SCHEMA_VERSION = 1 as const;

import type { Published } from '../detect/published';
import type { TextLine } from '../prose/sectionText';
import type { Sentence } from '../prose/sentences';
import type { Finding, FormatVersion, ReportRecord, Severity, TableKey } from '../record/schema';
import type { Steps } from '../steps';
import type { LabelIssue } from '../tables/context';

/** Everything a rule may look at. Rules are pure functions of this. */
export interface CheckInput {
  tables: ReportRecord['tables'];
  year?: number;
  version: FormatVersion;
  /** Per standard table: how the page's labels differ from the template's. */
  labelIssues: Record<TableKey, LabelIssue[]>;
  /** Section numbers (1–6) in the order their headings appear. */
  sections: number[];
  sentences: Sentence[];
  years: { title?: number; period?: number; narrative?: number };
  /** Images and attachment links in the article body (tables given as pictures or files). */
  media: { images: number; attachments: number };
  previous?: ReportRecord;
  /** The reporting body as the title names it, for the deadline of its kind (publish.deadline). */
  agency?: string;
  /** The publication date read from the page, and what it was read from. */
  published?: Published;
  /** Each section's lines after its heading (tables left out), by section number. */
  sectionText?: Partial<Record<number, TextLine[]>>;
}

export interface Rule {
  /** Stable rule id, the prefix of every finding id it makes (`t3.balance` → `t3.balance:total`). */
  id: string;
  severity: Severity;
  /** One line in Chinese, for the panel and the docs. */
  title: string;
  run(input: CheckInput): Finding[];
  /** `run` cut into steps (see lib/steps.ts), for a rule that may take more than a moment on a big report. */
  steps?(input: CheckInput): Steps<Finding[]>;
}

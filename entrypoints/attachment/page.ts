/**
 * The attachment page's work, start to end: get the file (from its address, or one the reader
 * chooses), read and check it, show it — a PDF's pages or a Word file's text — with the reader's
 * panel and marks over it, hand the record to the background (history, badge), and answer the popup
 * as a page's reader does. What the page is doing is its `phase`, which the shell (Shell.tsx) shows.
 */
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ElementMap, ReportRecord, SourceKind } from '@/lib';
import { fileKind } from '@/lib/sources';
import { type AttachmentTarget, fileNameOf } from '@/utils/attachment';
import { answer, type GuestState, type Handlers, toBackground } from '@/utils/messages';
import { enableSite } from '@/utils/sites';
import type { Reading } from '../reader.content/detect';
import { report } from '../reader.content/safe';
import { Scope } from '../reader.content/scope';
import { FrameView } from '../reader.content/view';
import { docxView } from './docxView';
import { type FetchProblem, fetchFile } from './fetch';
import { PdfView } from './pdfView';
import { type FileReading, mark, readFile } from './read';
import { mountPanelUi } from './ui';

export type Phase =
  | { k: 'noFile' }
  | { k: 'fetching' }
  | { k: 'reading' }
  | { k: 'failed'; problem: FetchProblem }
  /** Read (or recognised): the record, and what is shown of the file. */
  | { k: 'shown'; record: ReportRecord; kind: SourceKind; shows: 'pdf' | 'docx' | 'nothing'; pages: number; scanned: boolean };

/** Kinds recognised and not read: no need to download them. */
const UNREADABLE = new Set<SourceKind>(['doc', 'wps', 'ofd']);

export class AttachmentPage {
  phase: Phase;
  private reading: Reading | null = null;
  /** Last year's record of the file's report: null when the history has none, undefined when not asked. */
  private previous: ReportRecord | null | undefined = undefined;
  private readonly scope: Scope;
  private readonly view: FrameView;
  private pdfView: PdfView | null = null;
  private run = 0;

  constructor(
    readonly target: AttachmentTarget | null,
    /** Where the file is shown. */
    private readonly slot: HTMLElement,
    private readonly changed: () => void,
  ) {
    this.phase = target ? { k: 'fetching' } : { k: 'noFile' };
    const ctx = new ContentScriptContext('attachment');
    this.scope = new Scope(ctx);
    this.view = new FrameView(
      ctx,
      this.scope,
      {
        reading: () => this.reading,
        panel: () => (this.reading ? { record: this.reading.analysis.record, frameId: null } : null),
        relay: () => undefined,
        previous: () => this.previous,
      },
      mountPanelUi,
    );
    const onMessage = answer(this.handlers, report);
    browser.runtime.onMessage.addListener(onMessage);
    this.scope.add(() => browser.runtime.onMessage.removeListener(onMessage));
  }

  /** The file's name as shown: the name the page gave it, else its address's last segment. */
  get name(): string {
    return this.target?.name ?? (this.target ? fileNameOf(this.target.url) : '');
  }

  get record(): ReportRecord | null {
    return this.reading?.analysis.record ?? null;
  }

  private set(phase: Phase): void {
    this.phase = phase;
    this.changed();
  }

  /** Download the file and check it (a .doc, .wps or .ofd is recognised by its name and not downloaded). */
  async start(): Promise<void> {
    const target = this.target;
    if (!target) return this.set({ k: 'noFile' });
    const run = ++this.run;
    const byName = fileKind(this.name) ?? fileKind(fileNameOf(target.url));
    if (byName && UNREADABLE.has(byName)) return this.show(run, new Uint8Array(0), this.name);
    this.set({ k: 'fetching' });
    const got = await fetchFile(target.url);
    mark('fetched');
    if (run !== this.run) return;
    if (!got.ok) return this.set({ k: 'failed', problem: got.problem });
    await this.show(run, got.bytes, got.name ?? this.name);
  }

  /** Check a file the reader chose (a copy saved as PDF or DOCX, a file downloaded by hand). */
  async choose(file: File): Promise<void> {
    const run = ++this.run;
    await this.show(run, new Uint8Array(await file.arrayBuffer()), file.name);
  }

  /** Ask for the site (from the reader's click), then try again. */
  async allow(): Promise<void> {
    if (!this.target) return;
    if (await enableSite(this.target.url).catch(() => false)) await this.start();
  }

  private async show(run: number, bytes: Uint8Array, name: string): Promise<void> {
    this.set({ k: 'reading' });
    this.previous = undefined;
    const target = this.target;
    const url = target?.url ?? `file:///${name}`;
    const read = await readFile(bytes, name, {
      url,
      ...(target?.from ? { attachmentOf: target.from } : {}),
      ...(target?.publishedAt ? { publishedAt: target.publishedAt } : {}),
      previous: async (agency, year) => {
        const previous = (await toBackground({ type: 'nianbao:previous', agency, year })) ?? null;
        if (run === this.run) this.previous = previous;
        return previous;
      },
    });
    if (run !== this.run) {
      void read.pdf?.destroy();
      return;
    }
    const shown = await this.display(read);
    const { record } = read.analysis;
    this.reading = { analysis: { ...read.analysis, elements: shown.cells, body: shown.body }, ms: 0 };
    this.view.render();
    this.set({
      k: 'shown',
      record,
      kind: read.kind,
      shows: shown.shows,
      pages: read.pdf?.numPages ?? 0,
      scanned: read.pdf !== null && !read.doc,
    });
    mark('shown');
    // Only a report read from the file is kept in the history; the badge counts whatever was found.
    await toBackground({ type: 'nianbao:report', record, save: record.report.isReport });
  }

  /** Show the file: a PDF's pages (with a box over each cell), a Word file's text, or nothing. */
  private async display(read: FileReading): Promise<{ shows: 'pdf' | 'docx' | 'nothing'; cells: ElementMap; body: HTMLElement }> {
    this.pdfView?.destroy();
    this.pdfView = null;
    this.slot.replaceChildren();
    if (read.pdf) {
      const view = new PdfView(read.pdf);
      this.pdfView = view;
      this.slot.append(view.element);
      await view.build(read.doc ? read.analysis.record : null);
      return { shows: 'pdf', cells: view.cells, body: this.slot };
    }
    if (read.doc && read.kind === 'docx') {
      // The analysis's cells are the very elements shown.
      this.slot.append(docxView(read.doc));
      return { shows: 'docx', cells: read.analysis.elements, body: this.slot };
    }
    return { shows: 'nothing', cells: new Map(), body: this.slot };
  }

  private status(): GuestState['status'] {
    return this.reading ? 'report' : this.phase.k === 'fetching' || this.phase.k === 'reading' ? 'searching' : 'none';
  }

  /** The popup asks this page as it asks a page's reader. */
  private readonly handlers: Handlers<'nianbao:get' | 'nianbao:ping' | 'nianbao:show' | 'nianbao:hide' | 'nianbao:locate', unknown> = {
    'nianbao:get': () => (this.reading ? { record: this.reading.analysis.record, frameUrl: location.href } : undefined),
    'nianbao:ping': () => {
      const marks = this.view.markCount;
      return {
        status: this.status(),
        url: location.href,
        shown: this.view.shown,
        pageReads: this.reading ? 1 : 0,
        ...(marks ? { marks } : {}),
      };
    },
    'nianbao:show': () => {
      this.view.show();
      return this.status();
    },
    'nianbao:hide': () => {
      this.view.hide();
      return true;
    },
    'nianbao:locate': (msg) => {
      if (!this.reading?.analysis.record.findings.some((f) => f.id === msg.findingId)) return undefined;
      this.view.reveal(msg.findingId);
      return true;
    },
  };
}

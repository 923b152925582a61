/**
 * This frame's place in its tab: its report goes to the background (history, badge); a report read
 * in a child frame is shown by the top frame's panel, so the top frame keeps the child frames'
 * reports and a child frame knows when the top frame shows its own.
 */
import type { ReportRecord } from '@/lib';
import { type Message, toBackground } from '@/utils/messages';

function isTopFrame(): boolean {
  try {
    return window.top === window;
  } catch {
    return false;
  }
}

/** The record the panel shows, and the frame it was read in (null: this one). */
export interface PanelSource {
  record: ReportRecord;
  frameId: number | null;
}

export class FrameHosting {
  readonly isTop = isTopFrame();
  /** Child frame: the top frame shows this frame's report in its panel. */
  private hostedByTop = false;
  /** Top frame: reports read in child frames, by frame id. */
  private readonly hosted = new Map<number, ReportRecord>();

  /** `changed`: what the panel should show is different now. */
  constructor(private readonly changed: () => void) {}

  /** Top frame: whether its panel shows a child frame's report. */
  get hosting(): boolean {
    return this.hosted.size > 0;
  }

  /** Top frame, at start: the reports the child frames already hold. */
  async hello(): Promise<void> {
    const children = await toBackground({ type: 'nianbao:hello' });
    for (const c of children ?? []) this.hosted.set(c.frameId, c.record);
    if (this.hosted.size) this.changed();
  }

  /** Report this frame's record (saved in the history unless its reading failed), and learn who shows it. */
  async announce(record: ReportRecord): Promise<void> {
    const failed = record.findings.some((f) => f.rule === 'extension.error');
    // A page that only links its report is shown for its offer, not kept as a report.
    const reply = await toBackground({ type: 'nianbao:report', record, save: !failed && record.report.isReport });
    const hosted = !this.isTop && reply?.hostedByTop === true;
    if (hosted !== this.hostedByTop) {
      this.hostedByTop = hosted;
      this.changed();
    }
  }

  /** This frame's report is gone. */
  cleared(): void {
    void toBackground({ type: 'nianbao:cleared' });
  }

  /** Top frame: show a child frame's report (the latest one to arrive is shown). False in a child frame. */
  host(frameId: number, record: ReportRecord): boolean {
    if (!this.isTop) return false;
    this.hosted.delete(frameId);
    this.hosted.set(frameId, record);
    this.changed();
    return true;
  }

  /** Top frame: a child frame's report is gone. */
  unhost(frameId: number): boolean {
    if (!this.isTop) return false;
    this.hosted.delete(frameId);
    this.changed();
    return true;
  }

  /** Child frame: the top frame shows this frame's report (it started after this frame reported). */
  hostedHere(): boolean {
    if (this.isTop) return false;
    this.hostedByTop = true;
    this.changed();
    return true;
  }

  /** The panel's record: this frame's own report, else (top frame) the latest child frame's. */
  panelSource(own: ReportRecord | null): PanelSource | null {
    if (own && !this.hostedByTop) return { record: own, frameId: null };
    if (!this.isTop) return null;
    const last = [...this.hosted.entries()].pop();
    return last ? { record: last[1], frameId: last[0] } : null;
  }

  /** Pass a message to the child frame whose report the panel shows. */
  relay(frameId: number, message: Message<'nianbao:locate' | 'nianbao:hide'>): void {
    void toBackground({ type: 'nianbao:relay', frameId, message });
  }
}

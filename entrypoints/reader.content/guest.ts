/**
 * One frame's reader, wired: its reading (lifecycle.ts), its place in the tab (hosting.ts) and what
 * it shows (view.ts), and its answers to the background and the popup. A report read in a child
 * frame is marked there and summarised by the top frame's panel, through the background.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { answer, type GuestState, type Handlers, type ToFrame } from '@/utils/messages';
import { FrameHosting } from './hosting';
import { Lifecycle } from './lifecycle';
import { report } from './safe';
import { Scope } from './scope';
import { FrameView } from './view';

const tenths = (ms: number) => Math.round(ms * 10) / 10;

export class Guest {
  private readonly scope: Scope;
  private readonly hosting: FrameHosting;
  private readonly view: FrameView;
  private readonly lifecycle: Lifecycle;

  constructor(ctx: ContentScriptContext) {
    this.scope = new Scope(ctx);
    this.hosting = new FrameHosting(() => this.view.render());
    this.view = new FrameView(ctx, this.scope, {
      reading: () => this.lifecycle.reading,
      panel: () => this.hosting.panelSource(this.lifecycle.reading?.analysis.record ?? null),
      relay: (frameId, message) => this.hosting.relay(frameId, message),
      previous: () => this.lifecycle.previousRecord,
      listing: () => this.lifecycle.listing,
    });
    this.lifecycle = new Lifecycle(
      this.scope,
      {
        restarted: (dropped) => {
          if (dropped) this.hosting.cleared();
          this.view.unselect();
          this.view.render();
        },
        report: (reading) => {
          this.view.render();
          return this.hosting.announce(reading.analysis.record);
        },
        pageChanged: () => this.view.pageChanged(),
        relocated: () => this.view.relocate(),
        tablesGone: () => this.view.layout(),
        listing: () => this.view.render(),
      },
      this.hosting.isTop,
    );
  }

  start(): void {
    const onMessage = answer(this.handlers, report);
    browser.runtime.onMessage.addListener(onMessage);
    this.scope.add(() => browser.runtime.onMessage.removeListener(onMessage));
    if (this.hosting.isTop) void this.hosting.hello();
    this.lifecycle.start();
  }

  private state(): GuestState {
    const reading = this.lifecycle.reading;
    const marks = this.view.markCount;
    return {
      status: this.lifecycle.status,
      url: location.href,
      shown: this.view.shown,
      pageReads: this.lifecycle.pageReads,
      ...(reading ? { analysisMs: tenths(reading.ms) } : {}),
      ...(reading?.longestMs !== undefined ? { analysisLongestMs: tenths(reading.longestMs) } : {}),
      ...(marks ? { marks } : {}),
      ...(this.view.failure ? { failure: this.view.failure } : {}),
    };
  }

  /** This frame's answers; undefined leaves a message to another frame (or to nobody). */
  private readonly handlers: Handlers<keyof ToFrame, unknown> = {
    'nianbao:get': () => {
      const own = this.lifecycle.reading?.analysis.record;
      return own ? { record: own, frameUrl: location.href } : undefined;
    },
    'nianbao:ping': () => ({ ...this.state(), hosting: this.hosting.hosting }),
    'nianbao:host': (msg) => this.hosting.host(msg.frameId, msg.record) || undefined,
    'nianbao:unhost': (msg) => this.hosting.unhost(msg.frameId) || undefined,
    'nianbao:hosted': () => this.hosting.hostedHere() || undefined,
    'nianbao:locate': (msg) => {
      if (!this.lifecycle.reading?.analysis.record.findings.some((f) => f.id === msg.findingId)) return undefined;
      this.view.reveal(msg.findingId);
      return true;
    },
    'nianbao:hide': () => {
      this.view.hide();
      return true;
    },
    'nianbao:listing': () => this.lifecycle.listing ?? undefined,
    'nianbao:show': () => {
      this.view.show();
      return this.lifecycle.status;
    },
  };
}

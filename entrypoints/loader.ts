/**
 * The loader, for browsers that cannot run the background's first look in the page's own world
 * (Firefox before 128; see utils/look.ts): a few kilobytes, no polyfill, no UI, put into every
 * frame of a gov.cn (or switched-on) tab by the background once the tab has loaded. It runs the cheap
 * `looksLikeReport` test, keeps looking for a while when the body arrives late (script-loaded
 * content, SPA navigation), and asks the background to inject the reader into this frame once the
 * page looks like a report. A frame (re)loaded later in this frame's page asks the background to
 * give the tab's new frames the loader too.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { looksLikeReport } from '@/lib/detect/quick';
import { watchPage } from '@/utils/late-body';
import type { LoaderState, Message } from '@/utils/messages';
import { pageUrl } from '@/utils/page-url';
import { timed } from '@/utils/timed';

interface Runtime {
  sendMessage(message: Message<'nianbao:inject' | 'nianbao:frames'>): Promise<unknown>;
  onMessage: {
    addListener(fn: (message: unknown) => unknown): void;
    removeListener(fn: (message: unknown) => unknown): void;
  };
}

const FRAMES_DEBOUNCE_MS = 100;

export default defineUnlistedScript(() => {
  const frame = window as unknown as { __nianbaoLoader?: boolean };
  if (frame.__nianbaoLoader) return;
  frame.__nianbaoLoader = true;
  timed('nianbao', start);
});

function start(): void {
  const g = globalThis as unknown as { browser?: { runtime?: Runtime }; chrome?: { runtime?: Runtime } };
  const runtime = g.browser?.runtime ?? g.chrome?.runtime;
  if (!runtime) return;
  let status: LoaderState['status'] = 'searching';
  let requested = false;
  let stopWatching = () => {};

  // Until the reader runs here, the popup's "what is this frame doing?" is answered by the loader.
  const onMessage = (m: unknown) =>
    (m as { type?: string } | null)?.type === 'nianbao:ping'
      ? Promise.resolve<LoaderState>({ status, url: pageUrl(location.href), shown: false })
      : undefined;
  runtime.onMessage.addListener(onMessage);

  const check = () => {
    if (requested || !looksLikeReport(document)) return;
    requested = true;
    stopWatching();
    runtime.onMessage.removeListener(onMessage);
    runtime.sendMessage({ type: 'nianbao:inject' }).catch(() => undefined);
  };
  const watch = () => {
    if (requested) return;
    status = 'searching';
    stopWatching();
    stopWatching = watchPage(document.documentElement, {
      settled: check,
      expired: () => {
        status = 'none';
      },
    });
  };

  // Frames added or navigated after the tab loaded (the background injected into those it saw then).
  let frames: ReturnType<typeof setTimeout> | undefined;
  document.addEventListener(
    'load',
    (e) => {
      const name = (e.target as Node | null)?.nodeName;
      if (name !== 'IFRAME' && name !== 'FRAME') return;
      clearTimeout(frames);
      frames = setTimeout(() => runtime.sendMessage({ type: 'nianbao:frames' }).catch(() => undefined), FRAMES_DEBOUNCE_MS);
    },
    true,
  );

  check();
  if (requested) return;
  // While the page is still loading, watching its every mutation would slow the load down: look
  // again when it has loaded (a body added meanwhile is found then), and watch from there on.
  if (document.readyState === 'complete') watch();
  else
    addEventListener(
      'load',
      () => {
        check();
        watch();
      },
      { once: true },
    );
  // An in-page navigation may bring a report long after the budget ran out: look again.
  const nav = (globalThis as unknown as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('navigatesuccess', () => {
    check();
    watch();
  });
  addEventListener('popstate', () => {
    check();
    watch();
  });
}

import './style.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Guest } from './guest';
import { report } from './safe';

export default defineContentScript({
  // Government portals; any other site is switched on from the popup (registered at run time).
  matches: ['*://*.gov.cn/*'],
  // Report bodies are often inside a same-origin <iframe>: every frame reads its own document.
  allFrames: true,
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    // The synchronous start (the cheap test, and the full read when the page is a report) is
    // measured as `nianbao` for the benchmark (bench/extension.ts).
    mark('nianbao:start');
    try {
      new Guest(ctx).start();
    } catch (e) {
      report(e);
    }
    mark('nianbao:end');
    try {
      performance.measure('nianbao', 'nianbao:start', 'nianbao:end');
    } catch {
      // no timeline here: nothing to measure
    }
  },
});

function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // no timeline here: nothing to mark
  }
}

/**
 * The reader's entrypoint: starts one reader per frame and measures its start. Not declared in the
 * manifest: the background injects it into a frame only when its first look (utils/look.ts; the
 * loader where there is no page world) says the frame looks like a report, so ordinary pages never
 * load it. The reading itself runs in time slices after `start()` returns (detect.ts `readPage`);
 * the `nianbao:read` measure covers only the start.
 */
import './style.css';
import './marks.css';
import './panel.css';
import './findings.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { timed } from '@/utils/timed';
import { Guest } from './guest';
import { report } from './safe';

export default defineContentScript({
  // Host access for these sites (the scripting API needs it); the background decides where it runs.
  matches: ['*://*.gov.cn/*'],
  registration: 'runtime',
  cssInjectionMode: 'ui',
  main(ctx) {
    // Injected once per frame; a second injection (e.g. the top frame asked to host a child's
    // report) must not start a second reader.
    const frame = window as unknown as { __nianbaoReader?: boolean };
    if (frame.__nianbaoReader) return;
    frame.__nianbaoReader = true;
    timed('nianbao:read', () => new Guest(ctx).start(), report);
  },
});

/**
 * The extension's one element on the page: `<nianbao-check>`, a shadow root holding the panel, the
 * marks layer and the tooltip. The host is taken out of the page's flow (absolute, zero-sized), so
 * the page's own layout and computed styles are the same with it and without it. It is the last
 * child of <html>, beside <body> rather than in it: a 适老化 mode's `zoom` or `transform` on the
 * body then scales the page and not our panel (a transformed body would also pin our fixed panel
 * to itself), and a page that clears unknown elements out of its body leaves it alone.
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { ListingPanel, type ListingPanelProps } from '@/components/ListingOffer';
import { Panel, type PanelProps } from '@/components/Panel';

export const HOST_TAG = 'nianbao-check';

/**
 * The host's tag: <nianbao-check>, unless the page has defined an element of that name whose
 * constructor takes the shadow root (then ours could not mount): then <nianbao-check-ui>.
 */
export function hostTag(doc: Document = document): string {
  try {
    doc.createElement(HOST_TAG).attachShadow({ mode: 'open' });
    return HOST_TAG;
  } catch {
    return `${HOST_TAG}-ui`;
  }
}

export interface FrameUi {
  host: HTMLElement;
  /** Marks are positioned relative to this layer. */
  layer: HTMLElement;
  tip: HTMLElement;
  /** Our shadow root's content (to focus the panel's parts from outside it). */
  root: HTMLElement;
  setTheme(theme: 'light' | 'dark'): void;
  /** Show the panel with these props, or no panel (marks only: a child frame whose panel is in the top frame). */
  panel(props: PanelProps | null): void;
  /** Show the listing's panel (only the offer to check the reports it lists) in the panel's place. */
  listing(props: ListingPanelProps): void;
  remove(): void;
}

interface Parts {
  layer: HTMLElement;
  tip: HTMLElement;
  panelRoot: HTMLElement;
  wrap: HTMLElement;
}

export async function mountFrameUi(ctx: ContentScriptContext): Promise<FrameUi> {
  let parts: Parts | null = null;
  const ui: ShadowRootContentScriptUi<Parts> = await createShadowRootUi(ctx, {
    name: hostTag(),
    position: 'inline',
    anchor: 'html',
    append: 'last',
    // Keys typed in the panel stay in the panel (a page's own shortcuts do not fire).
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount(container) {
      const doc = container.ownerDocument;
      const wrap = doc.createElement('div');
      wrap.className = 'nb';
      const layer = doc.createElement('div');
      layer.className = 'layer';
      layer.setAttribute('role', 'group');
      const tip = doc.createElement('div');
      tip.className = 'tip';
      tip.id = 'nb-tip';
      tip.setAttribute('role', 'tooltip');
      tip.hidden = true;
      const panelRoot = doc.createElement('div');
      panelRoot.className = 'panel-slot';
      // The panel first: it is the first stop of the keyboard; the marks are one stop after it.
      wrap.append(panelRoot, layer, tip);
      container.append(wrap);
      parts = { layer, tip, panelRoot, wrap };
      return parts;
    },
    onRemove(p) {
      if (p) render(null, p.panelRoot);
    },
  });
  ui.mount();
  const p = parts as Parts | null;
  if (!p) throw new Error('panel did not mount');
  return {
    host: ui.shadowHost,
    layer: p.layer,
    tip: p.tip,
    root: p.wrap,
    setTheme(theme) {
      p.wrap.dataset.theme = theme;
    },
    panel(props) {
      render(props ? <Panel {...props} /> : null, p.panelRoot);
    },
    listing(props) {
      render(<ListingPanel {...props} />, p.panelRoot);
    },
    remove() {
      ui.remove();
    },
  };
}

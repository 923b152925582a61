/**
 * The panel's shadow root on the attachment page: the reader's own (`<nianbao-check>`, the panel, the
 * mark layer, the tooltip), with the reader's stylesheets put into it here, since an extension page
 * gets no content-script stylesheet.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import offerCss from '@/components/AttachmentOffer.css?inline';
import findingsCss from '../reader.content/findings.css?inline';
import marksCss from '../reader.content/marks.css?inline';
import panelCss from '../reader.content/panel.css?inline';
import baseCss from '../reader.content/style.css?inline';
import { type FrameUi, mountFrameUi } from '../reader.content/ui';

const CSS = [baseCss, marksCss, panelCss, findingsCss, offerCss].join('\n');

export async function mountPanelUi(ctx: ContentScriptContext): Promise<FrameUi> {
  const ui = await mountFrameUi(ctx);
  const style = ui.host.ownerDocument.createElement('style');
  style.textContent = CSS;
  ui.host.shadowRoot?.append(style);
  return ui;
}

// Types of html-encoding-sniffer 6 (the package ships none): the HTML standard's encoding sniffing.
declare module 'html-encoding-sniffer' {
  /** The canonical encoding name of an HTML byte stream (BOM, transport label, meta prescan, default). */
  export default function sniffHtmlEncoding(
    bytes: Uint8Array,
    options?: { xml?: boolean; transportLayerEncodingLabel?: string; defaultEncoding?: string },
  ): string;
}

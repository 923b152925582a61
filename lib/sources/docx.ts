/**
 * A Word document (.docx) as an HTML document for the report reader, through mammoth (passed in by
 * the caller, whose build fits its environment): Word's horizontal and vertical merges become
 * colspan and rowspan, paragraphs `<p>`, the Title and heading styles `<h1>`…; images are kept as
 * empty `<img>` so a report whose tables are pictures is told as such.
 */

interface MammothResult {
  value: string;
  messages: { type: string; message: string }[];
}

/** The part of mammoth this reader calls. */
export interface MammothApi {
  convertToHtml(input: never, options?: object): Promise<MammothResult>;
  images: { imgElement(f: (image: unknown) => Promise<{ src: string }>): unknown };
}

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='标题'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/**
 * Convert with mammoth; `input` is what the environment's mammoth reads (`{ buffer }` in Node,
 * `{ arrayBuffer }` in the browser).
 */
export async function readDocx(mammoth: MammothApi, input: object, impl: DOMImplementation): Promise<Document> {
  const { value } = await mammoth.convertToHtml(input as never, {
    styleMap: STYLE_MAP,
    convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
  });
  return docxHtmlToDocument(value, impl);
}

/** mammoth's HTML (a fragment) as a document titled by its first heading. */
export function docxHtmlToDocument(html: string, impl: DOMImplementation): Document {
  const doc = impl.createHTMLDocument('');
  doc.body.innerHTML = html;
  const heading = doc.querySelector('h1, h2');
  doc.title = (heading?.textContent ?? '').trim();
  return doc;
}

/**
 * A Word file shown as the document it was read into (mammoth's HTML): its nodes are moved into the
 * page, so the cells the analysis points at are the cells shown, and the reader's mark layer marks
 * them as on a web page.
 */
export function docxView(read: Document, doc: Document = document): HTMLElement {
  const article = doc.createElement('article');
  article.className = 'docx-page';
  for (const node of Array.from(read.body.childNodes)) article.append(doc.adoptNode(node));
  // mammoth's images were left empty (only their place counts): nothing to show for them.
  for (const img of Array.from(article.getElementsByTagName('img'))) if (!img.getAttribute('src')) img.remove();
  return article;
}

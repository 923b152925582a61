/**
 * Copying text for the reader from the page (a citation): the Clipboard API where the page is a
 * secure context, else the old way, a selected text field in our own shadow root (most portals are
 * served over plain http, where `navigator.clipboard` does not exist). Resolves whether it copied.
 */
export async function copyText(text: string, into: HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // refused (no focus, no permission): try the old way
  }
  const doc = into.ownerDocument;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'copy-buffer';
  into.append(area);
  const before = (into.getRootNode() as ShadowRoot).activeElement as HTMLElement | null;
  try {
    area.select();
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    before?.focus();
  }
}

/**
 * A file named on the command line → the document to analyse, by the loader of its kind (HTML
 * today; PDF and DOCX loaders go beside `htmlPage`, each turning its bytes into a document).
 */
import { pathToFileURL } from 'node:url';
import { sniffEncoding } from './decode';
import { htmlPage, type Page } from './html';
import { readBounded } from './read';

export type { Page };

/** The encoding a page's bytes are read in (see `sniffEncoding`). */
export function declaredCharset(bytes: Uint8Array): string {
  return sniffEncoding(bytes).encoding;
}

/** Read and parse a saved page; every way it can fail is a `PageProblem` (./problem). */
export async function loadPage(file: string): Promise<Page> {
  return htmlPage(await readBounded(file), pathToFileURL(file).href);
}

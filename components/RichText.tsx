/** Rich text on screen: our words as text, the page's own words marked as such (`lang`, `data-page`). */
import type { Rich } from './findingText';

/** The page's words are in the page's language whatever ours are: screen readers and tests can tell them apart. */
export function RichText({ text }: { text: Rich }) {
  return (
    <>
      {text.map((p, i) =>
        typeof p === 'string' ? (
          p
        ) : (
          <span key={`${i}:${p.page}`} class="page-text" lang="zh-CN" data-page="">
            {p.page}
          </span>
        ),
      )}
    </>
  );
}

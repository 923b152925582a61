/** A page's address without its fragment: following an in-page link does not make another page. No imports (the loader carries it). */
export const pageUrl = (url: string | undefined): string => (url ?? '').split('#')[0] as string;

// What the entry starts for a hosted checkout as soon as an element has a valid configuration, beside the
// import of the provider's chunk (issue 20): a connection to the checkout's origin (`preconnect`), so that
// the frame, or the redirect, does not begin with DNS, TCP and TLS. Only for an allowed origin.
import { safeUrl } from '../../internal/safe-url.js';

const preconnected = new Set<string>();

/** Adds `<link rel="preconnect">` to `href`'s origin once a page, when it is allowed (see safeUrl). */
export const preconnect = (href: string | undefined, prefixes: readonly string[]): void => {
  try {
    const { origin } = safeUrl(href!, prefixes);
    if (!preconnected.has(origin)) {
      preconnected.add(origin);
      document.head.append(Object.assign(document.createElement('link'), { rel: 'preconnect', href: origin }));
    }
  } catch {
    // not allowed, or no URL: the provider's chunk reports what is wrong
  }
};

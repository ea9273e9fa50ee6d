// Parses and allow-lists every URL the element fetches, imports, frames or navigates to.
import { PayCheckoutError } from '../errors.js';

const scriptAllowedOrigins = new Set<string>();

/**
 * The https URL prefixes a provider allows in each environment (e.g. Reepay's checkout origins); anything
 * else only through `allowOrigins()`. Pass `list[environment]` to `safeUrl`.
 */
export type AllowList = Readonly<Record<'sandbox' | 'production', readonly string[]>>;

/**
 * Allows extra origins (e.g. a local sandbox). Only script can call this: attributes and server data
 * never widen the allow-list.
 */
export const allowOrigins = (origins: Iterable<string>): void => {
  for (const origin of origins) {
    const url = new URL(origin);
    if (!/^https?:$/.test(url.protocol) || url.username || url.password) {
      throw new TypeError(`pay-checkout: cannot allow origin ${origin}`);
    }
    scriptAllowedOrigins.add(url.origin);
  }
};

/** Where the page is (`location`, or a stand-in where there is no DOM). */
export interface PageLocation {
  readonly href: string;
  readonly origin: string;
}

/**
 * Returns `value` resolved against the page when it is allowed: an https URL under one of `prefixes`,
 * an origin allowed from script, or (when `sameOrigin`) the page's own origin. Throws `insecure-config`
 * otherwise, and `config` when it is not a URL at all.
 */
export const safeUrl = (value: string, prefixes: readonly string[], sameOrigin = false, page: PageLocation = location): URL => {
  let url: URL;
  try {
    url = new URL(value, page.href);
  } catch {
    throw new PayCheckoutError('config', `not a URL: ${value}`);
  }
  const allowed =
    /^https?:$/.test(url.protocol) &&
    !url.username &&
    !url.password &&
    (scriptAllowedOrigins.has(url.origin) ||
      (sameOrigin && url.origin == page.origin) ||
      // Under a prefix, not an encoded / or \\ either: a server that decodes it would serve another path.
      (url.protocol == 'https:' && prefixes.some((prefix) => url.href.startsWith(prefix)) && !/%2f|%5c/i.test(url.pathname)));
  if (!allowed) {
    // The reason goes to logs: it never repeats credentials written into the URL.
    url.username = url.password = '';
    throw new PayCheckoutError('insecure-config', `URL not allowed: ${url.href}`);
  }
  return url;
};

/** True for values shaped like provider secrets, which must never reach a browser. */
export const looksLikeSecret = (value: unknown): boolean =>
  typeof value == 'string' && /^\s*(priv_|paiwise_|sk_(live|test)_|basic\s|bearer\s)/i.test(value);

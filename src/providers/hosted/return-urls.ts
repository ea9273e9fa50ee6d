// Where a hosted checkout sends the payer back (its accept and cancel URLs: Reepay's accept_url / cancel_url,
// Paiwise's returnUrl / returnUrlCancel), and recognising a location as one of them: this page's after a
// redirect (./page.ts), or an element's frame once it is back on this origin. One matching for every provider
// and mode; what differs (the id parameter, the result's fields) comes from the provider as ReturnRules.
import { PayCheckoutError } from '../../errors.js';
import type { HostedPageEvents, ReturnOutcome, ReturnRules, ReturnUrls } from './types.js';

/** A location recognised as a return: its outcome, and the session id it claims (null: none). */
export interface ReadReturn {
  outcome: ReturnOutcome;
  sessionId: string | null;
}

/** `here` is `expected` (same origin and path) with more query parameters: providers add theirs and keep the rest. */
const isAt = (here: URL, expected: URL | undefined): boolean =>
  !!expected &&
  here.origin == expected.origin &&
  here.pathname == expected.pathname &&
  [...expected.searchParams].every(([key, value]) => here.searchParams.getAll(key).includes(value));

/**
 * What `here` is: the accept or the cancel URL (at one URL for both, `rules.canceledAtShared` decides), or, only
 * when neither URL is known, what its parameters say (`rules.byParameters`); undefined for any other location.
 */
export const readReturn = (here: URL, urls: ReturnUrls, rules: ReturnRules): ReadReturn | undefined => {
  const atAccept = isAt(here, urls.accept);
  const atCancel = isAt(here, urls.cancel);
  const outcome =
    atAccept && atCancel
      ? rules.canceledAtShared(here)
        ? 'cancel'
        : 'complete'
      : atAccept
        ? 'complete'
        : atCancel
          ? 'cancel'
          : urls.accept || urls.cancel
            ? undefined
            : rules.byParameters?.(here);
  return outcome && { outcome, sessionId: here.searchParams.get(rules.idParam) };
};

/**
 * Where `win` is, and the return that is (readReturn): its location, else the URL its document was loaded from,
 * which a script of the page tidying its query away (history.replaceState, a router) before this code ran leaves
 * alone. Throws for another origin's window.
 */
export const returnOf = (win: Window, urls: ReturnUrls, rules: ReturnRules): [URL, ReadReturn | undefined] => {
  const here = new URL(win.location.href);
  const loaded = win.performance.getEntriesByType('navigation')[0]?.name;
  for (const url of [here, ...(loaded ? [new URL(loaded)] : [])]) {
    const back = readReturn(url, urls, rules);
    if (back) return [url, back];
  }
  return [here, undefined];
};

/**
 * A return URL the host set in `payload[field]`, resolved against this page; it must be on this page's origin
 * (only there can a frame's location be read, or the element re-emit), else `config`. Undefined when not set.
 */
const payloadUrl = (payload: Record<string, unknown> | undefined, field: string): URL | undefined => {
  const given = payload?.[field];
  if (given == null) return undefined;
  let url: URL | undefined;
  try {
    url = typeof given == 'string' ? new URL(given, location.href) : undefined;
  } catch {
    // reported below
  }
  if (url?.origin != location.origin) throw new PayCheckoutError('config', `payload.${field} must be on this page's origin`);
  return url;
};

/**
 * A return URL the session endpoint answered (`field`): an absolute http(s) URL, else `session` (the host
 * backend's failure). On another origin it is kept: it is where the session returns, and never matches here.
 */
const answeredUrl = (value: unknown, field: string): URL | undefined => {
  const url = urlOf(value);
  if (value != null && !/^https?:$/.test(url?.protocol as string))
    throw new PayCheckoutError('session', `session-endpoint answered a bad ${field}`);
  return url;
};

/** The return URLs the page names: `payload`'s (`rules.fields`), else the provider's defaults. Throws `config`. */
export const ownReturnUrls = (payload: Record<string, unknown> | undefined, rules: ReturnRules): ReturnUrls => {
  const [accept, cancel] = (['complete', 'cancel'] as const).map(
    (outcome, index) => payloadUrl(payload, rules.fields[index]) ?? rules.defaultUrl?.(outcome),
  );
  return { accept, cancel };
};

/** What the element adds to its session endpoint POST: the URLs it knows, absolute, under `rules.fields`. */
export const returnFields = (
  { accept, cancel }: ReturnUrls,
  [acceptField, cancelField]: ReturnRules['fields'],
): Record<string, string> => ({
  ...(accept && { [acceptField]: accept.href }),
  ...(cancel && { [cancelField]: cancel.href }),
});

/** Where a session from the endpoint returns: each URL the endpoint `answered`, else the page's `own`. Throws `session`. */
export const answeredReturnUrls = (answered: { acceptUrl?: unknown; cancelUrl?: unknown }, own: ReturnUrls): ReturnUrls => ({
  accept: answeredUrl(answered.acceptUrl, 'acceptUrl') ?? own.accept,
  cancel: answeredUrl(answered.cancelUrl, 'cancelUrl') ?? own.cancel,
});

/**
 * Watches the loads of `frame` (session `sessionId`) until `signal` aborts. A return for this session ends the
 * page (`complete`, or `cancel`); a return naming another session, or with no valid result, is a `session`
 * failure. Any other location goes to `notReturn`: `undefined` when this page cannot read it (another origin's,
 * the checkout's), else the location (on this origin), which the provider takes or refuses.
 */
export const watchFrameReturns = (
  frame: HTMLIFrameElement,
  sessionId: string,
  urls: ReturnUrls,
  rules: ReturnRules,
  events: HostedPageEvents,
  signal: AbortSignal,
  notReturn: (here: URL | undefined) => void,
): void => {
  const onLoad = () => {
    let here: URL, back: ReadReturn | undefined;
    try {
      [here, back] = returnOf(frame.contentWindow!, urls, rules);
    } catch {
      return notReturn(undefined); // another origin's page: unreadable, as it should be
    }
    if (here.protocol == 'about:') return;
    if (!back) return notReturn(here);
    if (back.sessionId == null || back.sessionId == sessionId) {
      if (back.outcome == 'cancel') return events.cancel('cancel');
      const detail = rules.completed(sessionId, here, false);
      if (detail) return events.complete(detail);
    }
    events.fail('checkout came back with no valid result for this session');
  };
  frame.addEventListener('load', onLoad, { signal });
};

/** The URL `value` names, if it is one (a redirect record's, written by JSON.stringify of URL objects). */
export const urlOf = (value: unknown): URL | undefined => {
  try {
    return typeof value == 'string' ? new URL(value) : undefined;
  } catch {
    return undefined;
  }
};

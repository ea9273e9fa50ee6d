// Paiwise's page half, loaded when the checkout opens or a redirect comes back. Paiwise has no browser SDK and
// no frame protocol: its page only navigates the window it is in to the checkout's `returnUrl` or
// `returnUrlCancel`. Those are on the host's own origin, so when the frame comes back its location becomes
// readable: the element reads it on `load`, matches it against the return URLs it asked the backend for, and
// reports the outcome.
import { PayCheckoutError } from '../../errors.js';
import type { PaiwiseCompleteDetail } from '../../events/pay-complete.js';
import type { HostedPage } from '../hosted/types.js';
import type { ProviderContext } from '../types.js';
import type { PaiwiseSession } from './session.js';

/** What Paiwise adds to the return URLs (session-url carries it too). */
const ID_PARAM = 'checkout_id';
const STATUS_PARAM = 'status';
/** The marker of the element's default return URLs. */
const MARKER = 'paiwise';
/** A status as Paiwise spells them (`paid`, `reserved`, `reserve released` …): a return URL's is reported only if it looks like one. */
const STATUS = /^[a-zA-Z ]{1,32}$/;

interface ReturnUrls {
  readonly returnUrl: URL;
  readonly returnUrlCancel: URL;
}

/**
 * Where the checkout sends the payer back: `payload.returnUrl` / `payload.returnUrlCancel` when the host set
 * them (same origin: a frame's location can only be read there, and only a page with the element can re-emit),
 * else this page with `?paiwise=return` / `?paiwise=cancel` (a previous return's parameters removed).
 */
const returnUrls = (payload: Record<string, unknown> | undefined): ReturnUrls => {
  const pick = (field: keyof ReturnUrls, outcome: string): URL => {
    const given = payload?.[field];
    let url: URL | undefined;
    if (given == null) {
      url = new URL(location.href);
      url.hash = '';
      for (const param of [ID_PARAM, STATUS_PARAM]) url.searchParams.delete(param);
      url.searchParams.set(MARKER, outcome); // replaces a previous return's
      return url;
    }
    try {
      url = typeof given == 'string' ? new URL(given, location.href) : undefined;
    } catch {
      // reported below
    }
    if (url?.origin != location.origin) throw new PayCheckoutError('config', `payload.${field} must be on this page's origin`);
    return url!;
  };
  return { returnUrl: pick('returnUrl', 'return'), returnUrlCancel: pick('returnUrlCancel', 'cancel') };
};

/** `here` is `expected` with more query parameters (Paiwise adds its own and keeps the rest). */
const isAt = (here: URL, expected: URL): boolean =>
  here.origin == expected.origin &&
  here.pathname == expected.pathname &&
  [...expected.searchParams].every(([key, value]) => here.searchParams.getAll(key).includes(value));

/**
 * The outcome a location on the host's origin stands for: `cancel` at the cancel URL (or at a shared one with
 * `status=canceled`), `complete` at the return URL, undefined elsewhere.
 */
const outcomeAt = (here: URL, urls: ReturnUrls): 'complete' | 'cancel' | undefined => {
  const atReturn = isAt(here, urls.returnUrl);
  if (isAt(here, urls.returnUrlCancel) && (!atReturn || here.searchParams.get(STATUS_PARAM) == 'canceled')) return 'cancel';
  return atReturn ? 'complete' : undefined;
};

const completeDetail = (checkoutId: string, here: URL, redirected: boolean): PaiwiseCompleteDetail => {
  const detail: PaiwiseCompleteDetail = { provider: 'paiwise', sessionId: checkoutId, checkoutId, redirected };
  const status = here.searchParams.get(STATUS_PARAM);
  if (status && STATUS.test(status)) detail.status = status;
  return detail;
};

export const page = ({ payload }: ProviderContext): HostedPage<PaiwiseSession> => {
  /** The return URLs last sent to the session endpoint: the ones its checkout returns to. */
  let sent: ReturnUrls | undefined;

  return {
    windowUrl: ({ url }) => url,

    sessionFields() {
      sent = returnUrls(payload());
      return { returnUrl: sent.returnUrl.href, returnUrlCancel: sent.returnUrlCancel.href };
    },

    connect(frame, session, _mode, events, signal) {
      const urls = sent ?? returnUrls(payload());
      frame.addEventListener(
        'load',
        () => {
          let here: URL;
          try {
            here = new URL(frame.contentWindow!.location.href);
          } catch {
            // Another origin's page (the checkout, or a page it went on to): unreadable, as it should be.
            return events.shown();
          }
          if (here.protocol == 'about:') return;
          const outcome = outcomeAt(here, urls);
          const returnedId = here.searchParams.get(ID_PARAM);
          if (outcome && (returnedId == null || returnedId == session.id)) {
            return outcome == 'complete' ? events.complete(completeDetail(session.id, here, false)) : events.cancel('cancel');
          }
          // The checkout's own origin, when a script allowed this page's: the page is on screen.
          if (here.origin == session.url.origin && !outcome) return events.shown();
          events.fail(`checkout came back to ${here.origin}${here.pathname}, not a return URL`);
        },
        { signal },
      );
      frame.src = session.url.href;
    },

    returned(here) {
      // Any id: it is re-emitted only if it is the checkout this tab left for.
      const id = here.searchParams.get(ID_PARAM);
      if (!id) return undefined;
      let outcome: 'complete' | 'cancel' | undefined;
      try {
        outcome = outcomeAt(here, returnUrls(payload()));
      } catch {
        return undefined; // a payload the element refuses when paying; not a return to recognise
      }
      return outcome && { sessionId: id, complete: outcome == 'complete' ? completeDetail(id, here, true) : undefined };
    },
  };
};

// Paiwise hosted checkout: the checkout page in a frame inside the element (`iframe`, `modal`) or a full-page
// redirect. Paiwise has no browser SDK and no frame protocol: its page only navigates the window it is in to the
// checkout's `returnUrl` or `returnUrlCancel`. Those are on the host's own origin, so when the frame comes back
// its location becomes readable: the element reads it on `load`, matches it against the return URLs it asked
// the backend for, and reports the outcome.
import { PayCheckoutError } from '../../errors.js';
import type { PaiwiseCompleteDetail } from '../../events/pay-complete.js';
import {
  createHostedCheckout,
  validateHosted,
  type HostedProvider,
  type HostedSession,
} from '../../internal/hosted-checkout.js';
import { safeUrl, type AllowList } from '../../internal/safe-url.js';
import type { PaymentProvider, ProviderConfig, ProviderContext } from '../provider.js';

/**
 * The seed names one Paiwise host, its API's, and the hosted page's URL comes from that API's answer: we
 * assume the page is served from it too, test keys and live keys alike. Any other origin (the local sandbox's)
 * only through `PayCheckout.allowOrigins()`.
 */
const HOSTED = 'https://api.paiwise.com/';
const ALLOWED: AllowList = { production: [HOSTED], sandbox: [HOSTED] };
/** Paiwise does not publish its id format: anything URL-safe and of sane length. */
const CHECKOUT_ID = /^[\w-]{1,128}$/;
/** What Paiwise adds to the return URLs, and the marker the element's default return URLs carry. */
const ID_PARAM = 'checkout_id';
const STATUS_PARAM = 'status';
const MARKER = 'paiwise';
/** A status as Paiwise spells them (`paid`, `reserved`, `reserve released` …): a return URL's is reported only if it looks like one. */
const STATUS = /^[a-zA-Z ]{1,32}$/;

interface PaiwiseSession extends HostedSession {
  /** The hosted checkout page (allow-listed). */
  readonly url: URL;
}

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
  const page = new URL(location.href);
  page.hash = '';
  for (const param of [MARKER, ID_PARAM, STATUS_PARAM]) page.searchParams.delete(param);
  const pick = (field: 'returnUrl' | 'returnUrlCancel', outcome: string): URL => {
    const given = payload?.[field];
    if (given == null) {
      const url = new URL(page);
      url.searchParams.set(MARKER, outcome);
      return url;
    }
    let url: URL | undefined;
    try {
      url = typeof given == 'string' ? new URL(given, location.href) : undefined;
    } catch {
      // reported below
    }
    if (!url || url.origin != location.origin) {
      throw new PayCheckoutError('config', `payload.${field} must be a URL on this page's origin`);
    }
    return url;
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

const paiwise = (
  environment: ProviderConfig['environment'],
  payload: () => Record<string, unknown> | undefined,
): HostedProvider<PaiwiseSession> => {
  /** The return URLs last sent to the session endpoint: the ones its checkout returns to. */
  let sent: ReturnUrls | undefined;

  return {
    session(id, url) {
      if (!id && !url) return undefined;
      if (!url) throw new PayCheckoutError('config', 'paiwise needs session-url, the hosted checkout page, with session-id');
      const parsed = safeUrl(url, ALLOWED[environment]);
      const fromUrl = parsed.searchParams.get(ID_PARAM) ?? undefined;
      const checkoutId = id || fromUrl || '';
      if (!CHECKOUT_ID.test(checkoutId)) {
        throw new PayCheckoutError('config', checkoutId ? `"${checkoutId}" is not a Paiwise checkout id` : 'session-url names no checkout: give session-id');
      }
      if (id && fromUrl && id != fromUrl) throw new PayCheckoutError('config', 'session-id and session-url name different checkouts');
      return { id: checkoutId, url: parsed };
    },

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
          events.fail(new PayCheckoutError('session', `the checkout came back to ${here.origin}${here.pathname}, not to its return URLs`));
        },
        { signal },
      );
      frame.src = session.url.href;
    },

    returned(here) {
      const id = here.searchParams.get(ID_PARAM);
      if (!id || !CHECKOUT_ID.test(id)) return undefined;
      let outcome: 'complete' | 'cancel' | undefined;
      try {
        outcome = outcomeAt(here, returnUrls(payload()));
      } catch {
        return undefined; // a payload the element refuses when paying; not a return to recognise
      }
      if (!outcome) return undefined;
      return { sessionId: id, complete: outcome == 'complete' ? completeDetail(id, here, true) : undefined };
    },
  };
};

export const validate = (config: ProviderConfig): PayCheckoutError | undefined =>
  validateHosted(config, paiwise(config.environment, () => undefined));

export const create = (context: ProviderContext): PaymentProvider =>
  createHostedCheckout(context, paiwise(context.config.environment, context.payload));

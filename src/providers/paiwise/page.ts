// Paiwise's page half, loaded when the checkout opens or a redirect comes back. Paiwise has no browser SDK and
// no frame protocol: its page only navigates the window it is in to the checkout's `returnUrl` or
// `returnUrlCancel`. Those are on the host's own origin, so when the frame comes back its location becomes
// readable: the element reads it on `load`, matches it against the return URLs it asked the backend for
// (../hosted/return-urls.ts, as for a redirect), and reports the outcome.
import type { PaiwiseCompleteDetail } from '../../events/pay-complete.js';
import type { HostedPage, ReturnRules } from '../hosted/types.js';
import type { PaiwiseSession } from './session.js';

/** What Paiwise adds to the return URLs (session-url carries it too). */
const ID_PARAM = 'checkout_id';
const STATUS_PARAM = 'status';
/** The marker of the element's default return URLs. */
const MARKER = 'paiwise';
/** A status as Paiwise spells them (`paid`, `reserved`, `reserve released` …): a return URL's is reported only if it looks like one. */
const STATUS = /^[a-zA-Z ]{1,32}$/;
/** Statuses of a checkout nobody paid: at `returnUrl` they are no result (a `session` failure), never `pay-complete`. */
const UNPAID = /^\s*(created|failed|canceled|revoked)\s*$/i;

/**
 * Where the checkout sends the payer back: `payload.returnUrl` / `payload.returnUrlCancel` when the host set
 * them (same origin: a frame's location can only be read there, and only a page with the element can re-emit),
 * else this page with `?paiwise=return` / `?paiwise=cancel` (a previous return's parameters removed). Paiwise
 * adds `checkout_id` and `status` to both; a shared one is the cancel with `status=canceled`.
 */
const returns: ReturnRules = {
  fields: ['returnUrl', 'returnUrlCancel'],
  defaultUrl(outcome) {
    const url = new URL(location.href);
    url.hash = '';
    for (const param of [ID_PARAM, STATUS_PARAM]) url.searchParams.delete(param);
    url.searchParams.set(MARKER, outcome == 'complete' ? 'return' : outcome); // replaces a previous return's
    return url;
  },
  idParam: ID_PARAM,
  canceledAtShared: (here) => here.searchParams.get(STATUS_PARAM) == 'canceled',
  completed(checkoutId, here, redirected) {
    const detail: PaiwiseCompleteDetail = { provider: 'paiwise', sessionId: checkoutId, checkoutId, redirected };
    const status = here.searchParams.get(STATUS_PARAM);
    if (status && UNPAID.test(status)) return undefined;
    if (status && STATUS.test(status)) detail.status = status;
    return detail;
  },
};

export const page = (): HostedPage<PaiwiseSession> => ({
  windowUrl: ({ url }) => url,

  returns,

  connect(frame, session, _mode, events, _signal, watchReturns) {
    // The hosted page is on screen once the frame holds a page this one cannot read (or the checkout's own, when
    // a script allowed this origin); any other page of this origin is where no checkout should have gone.
    watchReturns((here) =>
      !here || here.origin == session.url.origin
        ? events.shown()
        : events.fail(`checkout came back to ${here.origin}${here.pathname}, not a return URL`),
    );
    frame.src = session.url.href;
  },
});

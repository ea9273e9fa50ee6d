// Reepay Checkout's page half, loaded when the checkout opens or a redirect comes back. Reepay's own
// checkout.js cannot work in a shadow root and never checks origins, so the element speaks its frame
// protocol itself: an init message after the frame loads, then messages accepted only from that frame's
// window, at the checkout origin, carrying our random token, in the expected shape. Where the session returns
// (accept_url, cancel_url) is matched by ../hosted/return-urls.ts: after a redirect, and when a frame comes back.
import type { ReepayCompleteDetail } from '../../events/pay-complete.js';
import { randomId } from '../../internal/random.js';
import type { HostedPage, ReturnRules } from '../hosted/types.js';
import type { ReepaySession } from './session.js';

/** Reepay handles (invoice, customer, subscription) and payment method ids: `[a-zA-Z0-9_.-@]`, at most 255. */
const HANDLE = /^[\w.@-]{1,255}$/;

/** An accepted session's handles, from a message's data or a return URL's query: undefined for a value that is not a handle. */
const handles = (get: (key: string) => unknown): (string | null | undefined)[] =>
  ['invoice', 'customer', 'subscription', 'payment_method'].map((key) => {
    const value = get(key);
    return value == null ? null : typeof value == 'string' && HANDLE.test(value) ? value : undefined;
  });

const accepted = (
  sessionId: string,
  redirected: boolean,
  [invoice, customer, subscription, paymentMethod]: (string | null)[],
): ReepayCompleteDetail => ({
  provider: 'reepay',
  sessionId,
  redirected,
  invoice: invoice!,
  customer: customer!,
  subscription: subscription!,
  paymentMethod: paymentMethod!,
});

/**
 * The host names accept_url and cancel_url in `payload.acceptUrl` / `payload.cancelUrl` (or its endpoint
 * answers them). Reepay adds `id`, `invoice`, `customer`, `subscription` and `payment_method` to accept_url, and
 * `id` to cancel_url: the customer tells them apart at one URL for both, and (the guess of last resort) when
 * neither URL is known.
 */
const returns: ReturnRules = {
  fields: ['acceptUrl', 'cancelUrl'],
  idParam: 'id',
  canceledAtShared: ({ searchParams }) => !searchParams.has('customer'),
  byParameters: ({ searchParams }) => (searchParams.has('id') ? (searchParams.has('customer') ? 'complete' : 'cancel') : undefined),
  completed(id, { searchParams }, redirected) {
    const found = handles((key) => searchParams.get(key));
    // An accept without the session's id, or with a value that is not a handle, is no result.
    return searchParams.get('id') === id && !found.includes(undefined) ? accepted(id, redirected, found as (string | null)[]) : undefined;
  },
};

export const page = (): HostedPage<ReepaySession> => ({
  windowUrl: ({ id, base, url }) => url ?? new URL(`#/checkout/${id}`, base),

  returns,

  connect(frame, session, mode, events, signal, watchReturns) {
    const token = randomId();
    const origin = session.base.origin;
    const src = new URL(session.base);
    src.hash = session.subscription ? '/subscription/preload' : mode == 'modal' ? '/preload' : '/checkout/preload';
    // Only our frame's window, at the checkout origin, with our token. Fields are read only where they must
    // have a type: a message of another shape matches nothing. Events: Accept 0, Error 1, Cancel 2, Close 3,
    // Open 4.
    addEventListener(
      'message',
      ({
        source,
        origin: from,
        data: message,
      }: MessageEvent<{ origin?: unknown; event?: unknown; data?: Record<string, unknown> } | null>) => {
        if (!source || source != frame.contentWindow || from != origin || message?.origin !== `rp-${token}`) return;
        const data = message.data ?? {};
        switch (message.event) {
          case 4: // Open
            return events.shown();
          case 0: {
            // Accept
            const found = handles((key) => data[key]);
            if (data.id === session.id && !found.includes(undefined))
              events.complete(accepted(session.id, false, found as (string | null)[]));
            return;
          }
          case 1: // Error
            if (typeof data.error == 'string') events.fail(data.error.slice(0, 200));
            return;
          case 2: // Cancel
            return events.cancel('cancel');
          case 3: // Close
            return events.cancel('close');
        }
      },
      { signal },
    );
    frame.addEventListener(
      'load',
      () => {
        const init = {
          id: session.id,
          content_type: session.subscription ? 'rp_subscription' : 'rp_checkout',
          type: mode == 'modal' ? 'modal' : 'embedded',
          token,
          options: {},
        };
        frame.contentWindow?.postMessage({ for: 'rp_app', data: init }, origin);
        // An embedded checkout is on screen once loaded; a modal waits for the page's Open.
        if (mode == 'iframe') events.shown();
      },
      { once: true, signal },
    );
    // The checkout may also send the frame itself to accept_url or cancel_url. Any other page (the checkout's
    // own, or one of this origin that is no return) says nothing: the frame protocol still may.
    watchReturns(() => {});
    frame.src = src.href;
  },
});

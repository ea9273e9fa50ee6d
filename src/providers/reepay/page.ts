// Reepay Checkout's page half, loaded when the checkout opens or a redirect comes back. Reepay's own
// checkout.js cannot work in a shadow root and never checks origins, so the element speaks its frame
// protocol itself: an init message after the frame loads, then messages accepted only from that frame's
// window, at the checkout origin, carrying our random token, in the expected shape.
import type { ReepayCompleteDetail } from '../../events/pay-complete.js';
import { randomId } from '../../internal/random.js';
import type { HostedPage } from '../hosted/types.js';
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

export const page = (): HostedPage<ReepaySession> => ({
  windowUrl: ({ id, base, url }) => url ?? new URL(`#/checkout/${id}`, base),

  connect(frame, session, mode, events, signal) {
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
    frame.src = src.href;
  },

  returned({ searchParams }) {
    // Any id: it is re-emitted only if it is the session this tab left for.
    const id = searchParams.get('id');
    if (!id) return undefined;
    const found = handles((key) => searchParams.get(key)).map((value) => value ?? null);
    // Reepay adds the customer to accept_url only: a return without one is the cancel_url.
    return { sessionId: id, complete: found[1] ? accepted(id, true, found) : undefined };
  },
});

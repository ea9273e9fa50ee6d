// Reepay Checkout: the hosted checkout in a frame inside the element (`iframe`, `modal`) or a full-page
// redirect. Reepay's own checkout.js cannot work in a shadow root and never checks origins, so the element
// speaks its frame protocol itself: an init message after the frame loads, then messages accepted only
// from that frame's window, at the checkout origin, carrying our random token, in the expected shape.
import { PayCheckoutError } from '../../errors.js';
import type { ReepayCompleteDetail } from '../../events/pay-complete.js';
import {
  createHostedCheckout,
  validateHosted,
  type HostedProvider,
  type HostedSession,
} from '../../internal/hosted-checkout.js';
import { isRecord, listenToFrame } from '../../internal/hosted-frame.js';
import { randomId } from '../../internal/random.js';
import { safeUrl, type AllowList } from '../../internal/safe-url.js';
import type { PaymentProvider, ProviderConfig, ProviderContext } from '../provider.js';

/** The checkout a bare `session-id` opens: Reepay test accounts use the production checkout too. */
const CHECKOUT = 'https://checkout.reepay.com/';
/** Checkout origins per environment; any other only through `PayCheckout.allowOrigins()`. */
const ALLOWED: AllowList = {
  production: [CHECKOUT],
  sandbox: [CHECKOUT, 'https://staging-checkout.reepay.com/'],
};
const SESSION_ID = /^(cs|pa)_[a-f0-9]{32}$/;
/** Reepay handles (invoice, customer, subscription) and payment method ids: `[a-zA-Z0-9_.-@]`, at most 255. */
const HANDLE = /^[\w.@-]{1,255}$/;
/** A session URL's fragment: `#/cs_…`, `#/checkout/cs_…` or `#/subscription/cs_…`. */
const SESSION_HASH = /^#\/(?:(checkout|subscription)\/)?([^/]+)$/;

/** The checkout's message `event` numbers. */
const ACCEPT = 0;
const ERROR = 1;
const CANCEL = 2;
const CLOSE = 3;
const OPEN = 4;

interface ReepaySession extends HostedSession {
  /** The checkout page's URL without its fragment: its origin is the one messages must come from. */
  readonly base: URL;
  /** The session URL as given (redirect mode goes there). */
  readonly url: URL | undefined;
  /** A subscription session (`#/subscription/…`): another content type and preload page. */
  readonly subscription: boolean;
}

/** A handle-shaped string, null when absent; undefined when present but not a handle (a malformed message). */
const handle = (value: unknown): string | null | undefined =>
  value == null ? null : typeof value == 'string' && HANDLE.test(value) ? value : undefined;

const reepay = (environment: ProviderConfig['environment']): HostedProvider<ReepaySession> => ({
  session(id, url) {
    if (!id && !url) return undefined;
    let base = new URL(CHECKOUT);
    let parsed: URL | undefined;
    let fromUrl: string | undefined;
    let subscription = false;
    if (url) {
      parsed = safeUrl(url, ALLOWED[environment]);
      const match = SESSION_HASH.exec(parsed.hash);
      if (parsed.hash && !match) throw new PayCheckoutError('config', `session-url names no session: ${parsed.hash}`);
      fromUrl = match?.[2];
      subscription = match?.[1] == 'subscription';
      base = new URL(parsed);
      base.hash = '';
    }
    const sessionId = id || fromUrl || '';
    if (!SESSION_ID.test(sessionId)) throw new PayCheckoutError('config', `"${sessionId}" is not a Reepay session id`);
    if (id && fromUrl && id != fromUrl) throw new PayCheckoutError('config', 'session-id and session-url name different sessions');
    return { id: sessionId, base, url: parsed, subscription };
  },

  windowUrl({ id, base, url }) {
    return url ?? new URL(`#/checkout/${id}`, base);
  },

  connect(frame, session, mode, events, signal) {
    const token = randomId();
    const origin = session.base.origin;
    const src = new URL(session.base);
    src.hash = session.subscription ? '/subscription/preload' : mode == 'modal' ? '/preload' : '/checkout/preload';
    listenToFrame(
      frame,
      origin,
      (message) => {
        if (!isRecord(message) || message.origin !== `rp-${token}`) return;
        const data = message.data ?? {};
        if (!isRecord(data)) return;
        switch (message.event) {
          case OPEN:
            return events.shown();
          case ACCEPT: {
            const [invoice, customer, subscription, paymentMethod] = [data.invoice, data.customer, data.subscription, data.payment_method].map(handle);
            if (data.id !== session.id || [invoice, customer, subscription, paymentMethod].includes(undefined)) return;
            const detail: ReepayCompleteDetail = {
              provider: 'reepay',
              sessionId: session.id,
              redirected: false,
              invoice: invoice!,
              customer: customer!,
              subscription: subscription!,
              paymentMethod: paymentMethod!,
            };
            return events.complete(detail);
          }
          case ERROR:
            if (typeof data.error == 'string') events.fail(new PayCheckoutError('session', data.error.slice(0, 200)));
            return;
          case CANCEL:
            return events.cancel('cancel');
          case CLOSE:
            return events.cancel('close');
        }
      },
      signal,
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

  returned({ searchParams: params }) {
    const id = params.get('id');
    if (!id || !SESSION_ID.test(id)) return undefined;
    const value = (key: string) => handle(params.get(key)) ?? null;
    const customer = value('customer');
    // Reepay adds the customer to accept_url only: a return without one is the cancel_url.
    const complete: ReepayCompleteDetail | undefined = customer
      ? {
          provider: 'reepay',
          sessionId: id,
          redirected: true,
          invoice: value('invoice'),
          customer,
          subscription: value('subscription'),
          paymentMethod: value('payment_method'),
        }
      : undefined;
    return { sessionId: id, complete };
  },
});

export const validate = (config: ProviderConfig): PayCheckoutError | undefined =>
  validateHosted(config, reepay(config.environment));

export const create = (context: ProviderContext): PaymentProvider =>
  createHostedCheckout(context, reepay(context.config.environment));

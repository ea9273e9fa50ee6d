// The `session-endpoint` of the hosted checkouts (Reepay, Paiwise): the element POSTs `{ ...payload,
// provider, mode }` (Paiwise: with `returnUrl`, `returnUrlCancel`), the merchant's callback says what the
// session is for from its own data, the provider creates it, and the element gets `{ id, url }`.
import { PaiwiseError, ReepayError } from './errors.js';
import { callOptionsOf, createProviderHandler, HandlerError } from './handlers.js';
import type { FetchHandler, HandlerContext, HandlerOptions } from './handlers.js';
import { paiwiseCheckoutUrl, type PaiwiseClient } from './paiwise.js';
import type { PaiwiseCheckout, PaiwiseCheckoutInput } from './paiwise-types.js';
import type { ReepayClient } from './reepay.js';
import type {
  ReepayChargeSessionInput,
  ReepayRecurringSessionInput,
  ReepaySession,
  ReepaySubscriptionSessionInput,
} from './reepay-types.js';

/** What a session endpoint answers the element. */
export interface SessionAnswer {
  id: string;
  /** The hosted checkout page. */
  url: string;
  /** Reepay: the session's `accept_url`, so that the element knows the return when it comes. */
  acceptUrl?: string;
  /** Reepay: the session's `cancel_url`. */
  cancelUrl?: string;
}

/** Called once the session exists (to keep its id with the order); a SessionAnswer it returns is sent instead. */
export type SessionCreated<Plan, Created> = (
  answer: SessionAnswer,
  context: HandlerContext,
  details: { plan: Plan; created: Created },
) => SessionAnswer | void | Promise<SessionAnswer | void>;

const MODES = ['redirect', 'iframe', 'modal'];

function modeOf(body: Record<string, unknown>): string {
  const mode = body.mode ?? 'redirect';
  if (typeof mode != 'string' || !MODES.includes(mode)) {
    throw new HandlerError(400, 'invalid_request', `mode must be one of ${MODES.join(', ')}.`, { field: 'mode' });
  }
  return mode;
}

// Reepay ─────────────────────────────────────────────────────────────────────────────────────────────

/** The session to create: a charge (an order, or an unpaid invoice), a recurring or a subscription session. */
export type ReepaySessionPlan =
  | { kind: 'charge'; session: ReepayChargeSessionInput }
  | { kind: 'recurring'; session: ReepayRecurringSessionInput }
  | { kind: 'subscription'; session: ReepaySubscriptionSessionInput };

export interface ReepaySessionHandlerOptions extends HandlerOptions {
  client: ReepayClient;
  /** The session for this request, from the merchant's own data: order, amounts, customer, return URLs. */
  session: (context: HandlerContext) => ReepaySessionPlan | Promise<ReepaySessionPlan>;
  onSession?: SessionCreated<ReepaySessionPlan, ReepaySession>;
}

function createReepaySession(
  client: ReepayClient,
  plan: ReepaySessionPlan,
  options: ReturnType<typeof callOptionsOf>,
): Promise<ReepaySession> {
  switch (plan.kind) {
    case 'charge':
      return client.createChargeSession(plan.session, options);
    case 'recurring':
      return client.createRecurringSession(plan.session, options);
    case 'subscription':
      return client.createSubscriptionSession(plan.session, options);
    default:
      throw new TypeError(`Reepay session kind "${(plan as { kind?: unknown }).kind}" is not charge, recurring or subscription`);
  }
}

/** Answers `{ id, url, acceptUrl?, cancelUrl? }` for a Reepay checkout session (`session-endpoint`). */
export function createReepaySessionHandler(options: ReepaySessionHandlerOptions): FetchHandler {
  return createProviderHandler(options, 'reepay', async (context) => {
    modeOf(context.body);
    const plan = await options.session(context);
    const created = await createReepaySession(options.client, plan, callOptionsOf(options, context));
    const { id, url } = (created ?? {}) as Partial<ReepaySession>;
    if (typeof id != 'string' || !id || typeof url != 'string' || !url) {
      throw new ReepayError({
        status: 200,
        code: 'invalid_response',
        message: 'Reepay answered without a session.',
        method: 'POST',
        path: `/v1/session/${plan.kind}`,
        body: created,
      });
    }
    const { accept_url: acceptUrl, cancel_url: cancelUrl } = plan.session;
    const answer: SessionAnswer = {
      id,
      url,
      ...(typeof acceptUrl == 'string' ? { acceptUrl } : {}),
      ...(typeof cancelUrl == 'string' ? { cancelUrl } : {}),
    };
    return (await options.onSession?.(answer, context, { plan, created })) ?? answer;
  });
}

// Paiwise ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The checkout to create. `returnUrl` / `returnUrlCancel` here are defaults: the element's own (in the body)
 * win, so that it recognises the return. `template` is set to `iframe` for the element's frame modes.
 */
export type PaiwiseSessionPlan = Omit<PaiwiseCheckoutInput, 'returnUrl' | 'returnUrlCancel'> & {
  returnUrl?: string;
  returnUrlCancel?: string;
};

export interface PaiwiseSessionHandlerOptions extends HandlerOptions {
  client: PaiwiseClient;
  /** The checkout for this request, from the merchant's own data: amount, currency, message, capture. */
  checkout: (context: HandlerContext) => PaiwiseSessionPlan | Promise<PaiwiseSessionPlan>;
  onSession?: SessionCreated<PaiwiseSessionPlan, PaiwiseCheckout>;
}

/**
 * Paiwise's refusals the shopper can act on, answered 400 with the field: the element's return URLs (they go to
 * Paiwise as sent), and `card_id`, a saved card Paiwise does not know for the customer (the shopper picks another).
 */
const PAIWISE_BROWSER_FIELDS = ['returnUrl', 'returnUrlCancel', 'card_id'];

/** Answers `{ id, url }` for a Paiwise hosted checkout (`session-endpoint`). */
export function createPaiwiseSessionHandler(options: PaiwiseSessionHandlerOptions): FetchHandler {
  const { client } = options;
  return createProviderHandler(
    options,
    'paiwise',
    async (context) => {
      const { body } = context;
      const framed = modeOf(body) != 'redirect';
      const plan = await options.checkout(context);
      const input: PaiwiseCheckoutInput = {
        ...plan,
        returnUrl: client.checkReturnUrl(body.returnUrl ?? plan.returnUrl, 'returnUrl'),
        returnUrlCancel: client.checkReturnUrl(body.returnUrlCancel ?? plan.returnUrlCancel, 'returnUrlCancel'),
        ...(framed ? { template: 'iframe' as const } : {}),
      };
      const created = await client.createCheckout(input, callOptionsOf(options, context));
      const id = (created as Partial<PaiwiseCheckout> | undefined)?.checkout_id;
      const url = created && typeof created == 'object' ? paiwiseCheckoutUrl(created) : undefined;
      if (typeof id != 'string' || !id || !url) {
        throw new PaiwiseError({
          status: 200,
          code: 'invalid_response',
          message: 'Paiwise answered without a checkout.',
          method: 'POST',
          path: '/checkout/create',
          body: created,
        });
      }
      const answer: SessionAnswer = { id, url };
      return (await options.onSession?.(answer, context, { plan, created })) ?? answer;
    },
    PAIWISE_BROWSER_FIELDS,
  );
}

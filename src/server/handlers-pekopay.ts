// The PekoPay endpoints the element calls: `token-url` (a fresh payment token) and `action` (charges the
// token, or a saved card, once per Idempotency-Key). The merchant's `order` callback says what is bought, from
// its own data; PekoPay prices it.
import { PekoPayError, ProviderApiError } from './errors.js';
import {
  callOptionsOf,
  createHandler,
  createProviderHandler,
  HandlerError,
  type FetchHandler,
  type HandlerContext,
  type HandlerOptions,
} from './handlers.js';
import type { PekoPayClient, PekoPayRequestOptions } from './pekopay.js';
import type { PekoPayCard, PekoPayTaxCode, PekoPayTransaction } from './pekopay-types.js';

export interface PekoPayTokenHandlerOptions extends HandlerOptions {
  client: PekoPayClient;
}

/**
 * `token-url`: answers `GET` or `POST` with `{ token }`, a new PekoPay payment token (one flow, 60 minutes).
 * Guard it as you guard your checkout page (a session, a rate limit): each call asks PekoPay for a token.
 */
export function createPekoPayTokenHandler(options: PekoPayTokenHandlerOptions): FetchHandler {
  const run = async (context: HandlerContext) => {
    const answer = await options.client.generatePaymentToken(callOptionsOf(options, context));
    const token = (answer as { token?: unknown } | undefined)?.token;
    if (typeof token != 'string' || !token) {
      const path = `/payment-token/${options.client.tenantId}/generate`;
      throw new PekoPayError({
        status: 200,
        code: 'invalid_response',
        message: 'PekoPay answered without a token.',
        method: 'POST',
        path,
        body: answer,
      });
    }
    return { token };
  };
  return createHandler(options, ['GET', 'POST'], run);
}

/** What the merchant charges, from its own data: PekoPay prices the items and computes the taxes. */
export interface PekoPayActionOrder {
  /** The PekoPay customer who pays (the signed-in shopper's, never one the browser named). */
  customerId: string;
  items: { productId: string; quantity: number }[];
  taxRatesOptions?: PekoPayTaxCode[];
}

export interface PekoPayActionContext extends HandlerContext {
  /** The `Idempotency-Key` the element sent: one per payment attempt, the same on a retry. */
  idempotencyKey: string;
  /** The one-time token to charge; `''` when a saved card was chosen. */
  paymentToken: string;
  /** The saved card chosen instead of a token (`{ cardLastFourDigits, cardType }`). */
  savedCard?: PekoPayCard;
  /**
   * The payer ticked "Save this card" (`offer-save-card`) for this new card. The handler does not add the card to
   * the customer: the charge consumed the one-time token. Keep the consent with your order (see docs/server.md).
   */
  saveCard: boolean;
}

export interface PekoPayActionHandlerOptions extends HandlerOptions {
  client: PekoPayClient;
  /** The order to charge for this request (its cart, its session). Throw a HandlerError to refuse. */
  order: (context: PekoPayActionContext) => PekoPayActionOrder | Promise<PekoPayActionOrder>;
  /** What the browser gets back (`pay-complete`'s `detail.body`). Default: the transaction's id, status, total, currency and card. */
  respond?: (transaction: PekoPayTransaction, context: PekoPayActionContext) => unknown;
}

const KEY = /^[\x21-\x7e]{1,200}$/;
const TOKEN = /^[\x21-\x7e]{1,1000}$/;
/** What the browser sent that goes to PekoPay as it is: PekoPay's refusal of one of them is the browser's 400. */
const BROWSER_FIELDS = ['paymentToken', 'Idempotency-Key'];

/** The payment the element posted: a token, or a saved card `{ last4, cardType }` with `savedCard: true`. */
function paymentOf(context: HandlerContext): PekoPayActionContext {
  const { body, request } = context;
  const idempotencyKey = request.headers.get('idempotency-key') ?? '';
  if (!KEY.test(idempotencyKey)) {
    throw new HandlerError(400, 'invalid_request', 'An Idempotency-Key header of 1 to 200 visible characters is required.', {
      field: 'Idempotency-Key',
    });
  }
  if (body.savedCard === true) {
    const card = (body.card ?? {}) as { last4?: unknown; cardType?: unknown };
    if (
      typeof card.last4 != 'string' ||
      !/^\d{4}$/.test(card.last4) ||
      typeof card.cardType != 'string' ||
      !/^[A-Z_]{1,20}$/.test(card.cardType)
    ) {
      throw new HandlerError(400, 'invalid_request', 'A saved card needs card { last4, cardType }.', { field: 'card' });
    }
    const savedCard = { cardLastFourDigits: card.last4, cardType: card.cardType };
    return { ...context, idempotencyKey, paymentToken: '', savedCard, saveCard: false };
  }
  const paymentToken = body.paymentToken;
  if (typeof paymentToken != 'string' || !TOKEN.test(paymentToken)) {
    throw new HandlerError(400, 'invalid_request', 'paymentToken is required.', { field: 'paymentToken' });
  }
  return { ...context, idempotencyKey, paymentToken, saveCard: body.saveCard === true };
}

const noSuchCard = () => new HandlerError(422, 'card_not_found', 'This customer has no such saved card.', { field: 'card' });

/** PekoPay's refusal of a saved card it no longer has (gone since the list was read) is the shopper's to change. */
function cardRefusal(error: unknown): unknown {
  return error instanceof ProviderApiError && error.code == 'card_not_found' ? noSuchCard() : error;
}

/** Makes a saved card of the customer the default, which a transaction without a token charges. */
async function chooseSavedCard(
  client: PekoPayClient,
  customerId: string,
  card: PekoPayCard,
  options: PekoPayRequestOptions,
): Promise<void> {
  const cards = await client.listCreditCards(customerId, options);
  if (!cards.some((saved) => saved.cardLastFourDigits == card.cardLastFourDigits && saved.cardType == card.cardType)) {
    throw noSuchCard();
  }
  await client.chooseDefaultCard(customerId, card, options);
}

const defaultAnswer = (transaction: PekoPayTransaction) => ({
  transactionId: transaction.id,
  status: transaction.status,
  total: transaction.total,
  currency: transaction.currency,
  card: transaction.card,
});

/**
 * `action`: charges what `order` says with the token the element posted (or the saved card it names), as one
 * PekoPay transaction per Idempotency-Key: a retry with the same key returns the first transaction and charges
 * nothing. The key sent to PekoPay is scoped to the customer, so one shopper's key never replays another's.
 * Declined: 402. Token used or expired: 410. PekoPay unavailable, or refusing the order `order` built: 502. The
 * charge goes on if the browser goes away. It does not save the card when `saveCard` is true: see the context's
 * `saveCard`.
 */
export function createPekoPayActionHandler(options: PekoPayActionHandlerOptions): FetchHandler {
  const { client } = options;
  return createProviderHandler(
    options,
    'pekopay',
    async (request) => {
      const context = paymentOf(request);
      const order = await options.order(context);
      // Without the browser's signal: a shopper who closes the tab must not cut off a charge PekoPay may have made
      // already, and the order respond() saves with it. The calls keep their own time limit.
      const { signal: _browser, ...callOptions } = callOptionsOf(options, context);
      const call = { ...callOptions, idempotencyKey: `pay-checkout:${order.customerId}:${context.idempotencyKey}` };
      try {
        if (context.savedCard) await chooseSavedCard(client, order.customerId, context.savedCard, callOptions);
        const { customerId, items, taxRatesOptions } = order;
        const token = context.paymentToken ? { paymentToken: context.paymentToken } : {};
        const transaction = await client.createTransaction({ ...token, customerId, items, taxRatesOptions }, call);
        return options.respond ? await options.respond(transaction, context) : defaultAnswer(transaction);
      } catch (error) {
        throw cardRefusal(error);
      }
    },
    BROWSER_FIELDS,
  );
}

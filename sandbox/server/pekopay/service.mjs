// The PekoPay stand-in's core, behind every REST resource: its state, the billing clock, lookups, the cards a
// charge uses (payment tokens consumed once), charges and the subscription billing they drive, idempotent
// answers, and a signed webhook for every subscription and transaction event.
// @ts-check
import { keepLast, MAX_SAVED_CARDS, SANDBOX_MAX_ENTRIES } from '../../shared/bounded.mjs';
import { errorBody, HttpError, sendJson, untracked } from '../../shared/http.mjs';
import { fieldError } from '../../shared/validate.mjs';
import { addPeriod, canonicalJson, DAY_MS, emptyState, newId, planLine } from './model.mjs';
import { subscriptionView, transactionView } from './views.mjs';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** How `tokens.consume` failures read when a REST body carries the token. */
const TOKEN_PROBLEMS = /** @type {Record<string, [number, string]>} */ ({
  invalid_session_token: [422, 'is not a payment token issued to this tenant.'],
  token_expired: [422, 'has expired: payment tokens live 60 minutes.'],
  token_used: [409, 'has already been used: payment tokens are single-use.'],
  token_not_tokenized: [422, 'has no card yet: submit the checkout form with it first.'],
});

/**
 * @typedef {import('./model.mjs').Card} Card
 * @typedef {import('./model.mjs').Customer} Customer
 * @typedef {import('./model.mjs').Plan} Plan
 * @typedef {import('./model.mjs').Subscription} Subscription
 * @typedef {import('./model.mjs').Transaction} Transaction
 * @typedef {{ status: number, body: unknown }} Answer
 */

export class PekoPayService {
  /**
   * @param {{ tokens: import('./tokens.mjs').TokenStore, webhooks: import('../webhooks.mjs').WebhookSender, maxEntries?: number }} options
   *   `maxEntries`: how many of each resource (and idempotency keys) it keeps, the oldest forgotten first
   */
  constructor({ tokens, webhooks, maxEntries = SANDBOX_MAX_ENTRIES }) {
    this.tokens = tokens;
    this.webhooks = webhooks;
    this.maxEntries = maxEntries;
    this.state = emptyState(maxEntries);
  }

  /** Forgets every resource, idempotency key and clock advance. */
  reset() {
    this.state = emptyState(this.maxEntries);
  }

  /** The billing clock: real time plus whatever the test clock was advanced by. */
  now() {
    return Date.now() + this.state.clockOffsetMs;
  }

  /**
   * @param {string} type
   * @param {string} tenantId
   * @param {Record<string, unknown>} payload
   */
  emit(type, tenantId, payload) {
    this.webhooks.send(type, { businessId: tenantId, payload });
  }

  /**
   * @template T
   * @param {Map<string, T>} map
   * @param {string} id
   * @param {string} what e.g. `customer`
   * @param {string} field where the id came from
   * @param {number} status 404 for an id in the path, 422 for one in the body
   * @returns {T}
   */
  find(map, id, what, field, status) {
    const found = map.get(id);
    if (!found) throw fieldError(`${what}_not_found`, field, `No ${what} "${id}".`, status);
    return found;
  }

  /** @param {Subscription} sub */
  subscriptionView(sub) {
    return subscriptionView(sub, /** @type {Plan} */ (this.state.plans.get(sub.planId)));
  }

  /**
   * The card a charge or subscription uses: the payment token's (consumed now), or, without a token, the
   * customer's default card.
   * @param {{ cards: Card[] }} customer
   * @param {string | undefined} paymentToken
   * @param {string} tenantId
   * @param {string} field
   * @returns {Card}
   */
  takeCard(customer, paymentToken, tenantId, field) {
    if (paymentToken === undefined) {
      const card = customer.cards.find((candidate) => candidate.default);
      if (!card) throw fieldError('validation_error', field, `${field} is required: the customer has no default card.`, 400);
      return card;
    }
    const found = this.tokens.consume(paymentToken, tenantId);
    if (found.error) {
      const [status, problem] = TOKEN_PROBLEMS[found.error] ?? TOKEN_PROBLEMS.invalid_session_token;
      throw fieldError(found.error, field, `${field} ${problem}`, status);
    }
    const { card, declinesCharges = false } = /** @type {import('./tokens.mjs').TokenRecord} */ (found.record);
    const { last4Digits, cardType } = /** @type {NonNullable<typeof card>} */ (card);
    return { cardLastFourDigits: last4Digits, cardType, default: false, declinesCharges };
  }

  /**
   * Keeps a card on the customer (the same card, by last four digits and type, updates its old record in its
   * place), as the default card if there was none. Past MAX_SAVED_CARDS the oldest card that is not the default
   * is forgotten (a subscription paying with it keeps its own record of it).
   * @param {Customer} customer
   * @param {Card} card
   * @returns {Card} the customer's record of the card
   */
  saveCard(customer, card) {
    let saved = customer.cards.find(
      (candidate) => candidate.cardLastFourDigits === card.cardLastFourDigits && candidate.cardType === card.cardType,
    );
    if (saved) saved.declinesCharges = card.declinesCharges;
    else customer.cards.push((saved = { ...card, default: false }));
    if (!customer.cards.some((candidate) => candidate.default)) saved.default = true;
    keepLast(customer.cards, MAX_SAVED_CARDS, (candidate) => !candidate.default);
    customer.updatedAt = this.now();
    return saved;
  }

  /**
   * Charges a card and records the transaction, declined or not.
   * @param {Omit<Transaction, 'id' | 'status' | 'createdAt'>} charge
   * @param {number} [at]
   */
  recordCharge(charge, at = this.now()) {
    /** @type {Transaction} */
    const txn = { ...charge, id: newId('txn'), status: charge.card.declinesCharges ? 'DECLINED' : 'SUCCEEDED', createdAt: at };
    this.state.transactions.set(txn.id, txn);
    this.emit(txn.status === 'SUCCEEDED' ? 'transaction.succeeded' : 'transaction.failed', txn.tenantId, {
      transaction: transactionView(txn),
    });
    return txn;
  }

  /**
   * Charges one period of a subscription at `at`, under its current plan and quantity.
   * @param {Subscription} sub
   * @param {number} at
   */
  chargePeriod(sub, at) {
    const plan = /** @type {Plan} */ (this.state.plans.get(sub.planId));
    return this.recordCharge(
      {
        tenantId: sub.tenantId,
        type: 'SUBSCRIPTION',
        customerId: sub.customerId,
        subscriptionId: sub.id,
        currency: plan.currency,
        lines: [planLine(plan, sub.quantity)],
        taxCodes: sub.applicableTaxes,
        card: sub.card,
      },
      at,
    );
  }

  /**
   * Bills one period of a subscription starting at `at`: ACTIVE on success, PAST_DUE (grace period) if declined.
   * @param {Subscription} sub
   * @param {number} at
   */
  billPeriod(sub, at) {
    const plan = /** @type {Plan} */ (this.state.plans.get(sub.planId));
    const txn = this.chargePeriod(sub, at);
    sub.updatedAt = at;
    if (txn.status === 'SUCCEEDED') {
      sub.status = 'ACTIVE';
      sub.currentPeriodStart = at;
      sub.currentPeriodEnd = sub.nextBillingAt = addPeriod(at, plan.chargeFrequency);
      sub.graceEndsAt = null;
    } else {
      sub.status = 'PAST_DUE';
      sub.graceEndsAt = at + plan.gracePeriodDays * DAY_MS;
    }
    const event = txn.status === 'SUCCEEDED' ? 'subscription.renewed' : 'subscription.payment_failed';
    this.emit(event, sub.tenantId, { subscription: this.subscriptionView(sub), transaction: transactionView(txn) });
    return txn;
  }

  /**
   * @param {Subscription} sub
   * @param {string} reason
   * @param {number} [at]
   */
  cancel(sub, reason, at = this.now()) {
    sub.status = 'CANCELED';
    sub.canceledAt = sub.updatedAt = at;
    sub.cancelReason = reason;
    this.emit('subscription.canceled', sub.tenantId, { subscription: this.subscriptionView(sub) });
  }

  /** Runs whatever is due by the billing clock: trial ends, renewals, grace periods running out. */
  runBilling() {
    /** @type {Transaction[]} */
    const charged = [];
    for (const sub of this.state.subscriptions.values()) {
      while (sub.status !== 'CANCELED') {
        if (sub.status === 'PAST_DUE') {
          if (sub.graceEndsAt !== null && sub.graceEndsAt <= this.now()) this.cancel(sub, 'grace_period_expired', sub.graceEndsAt);
          break;
        }
        if (sub.nextBillingAt > this.now()) break;
        charged.push(this.billPeriod(sub, sub.nextBillingAt));
      }
    }
    return charged;
  }

  /**
   * Answers a charge once per `Idempotency-Key`: a retry with the same key and body gets the first answer
   * (`Idempotent-Replayed: true`) and charges nothing. Answers that charged or declined are kept; errors
   * before any charge (bad input, bad token) are not, so a corrected retry may reuse the key.
   * @param {import('../index.mjs').RequestContext} ctx
   * @param {string} scope
   * @param {unknown} body
   * @param {() => Answer} run
   */
  idempotent({ req, res }, scope, body, run) {
    const key = req.headers['idempotency-key'];
    if (key === undefined) {
      const result = keepingDeclines(run);
      return sendJson(res, result.status, result.body);
    }
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw fieldError('validation_error', 'Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', 400);
    }
    const id = `${scope} ${key}`;
    const fingerprint = canonicalJson(untracked(body));
    const saved = this.state.idempotency.get(id);
    if (saved) {
      if (saved.fingerprint !== fingerprint) {
        throw fieldError('idempotency_key_reused', 'Idempotency-Key', 'This Idempotency-Key was used with a different request.');
      }
      if (!saved.result) throw new HttpError(409, 'idempotency_key_in_use', 'A request with this Idempotency-Key is in progress.');
      return sendJson(res, saved.result.status, saved.result.body, { 'Idempotent-Replayed': 'true' });
    }
    const entry = { fingerprint, result: /** @type {Answer | null} */ (null) };
    this.state.idempotency.set(id, entry);
    try {
      entry.result = keepingDeclines(run);
    } catch (error) {
      this.state.idempotency.delete(id);
      throw error;
    }
    sendJson(res, entry.result.status, entry.result.body);
  }
}

/**
 * A decline (402) is an answer like a success: it charged (and failed), so a retry must see it again.
 * @param {() => Answer} run
 * @returns {Answer}
 */
function keepingDeclines(run) {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 402) throw error;
    return { status: 402, body: errorBody(error.code, error.message, error.extra) };
  }
}

/**
 * The error a declined transaction answers.
 * @param {Transaction} txn
 */
export const declined = (txn) => new HttpError(402, 'payment_declined', 'The card was declined.', { transaction: transactionView(txn) });

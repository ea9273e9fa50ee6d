// The demo shop's PekoPay webhooks: verified against the raw body before anything changes, a redelivery (same
// `X-Webhook-Id`) acknowledged and ignored, and the shop's own state updated from each event: orders confirmed,
// entitlements following the subscription lifecycle.
// @ts-check
import { parsePekoPayWebhook, PekoPayError } from 'pay-checkout/server';
import { keepLast } from '../../sandbox/shared/bounded.mjs';
import { HttpError, readBody, sendJson } from '../../sandbox/shared/http.mjs';
import { CATALOG } from './catalog.mjs';
import { MAX_ACCOUNT_EVENTS } from './shop.mjs';

/**
 * Updates the shop's own state from a verified event.
 * @param {import('./shop.mjs').Shop} shop
 * @param {import('pay-checkout/server').PekoPayWebhookEvent} event
 */
function applyWebhook(shop, { type, payload }) {
  const { subscription, transaction } = payload;
  if (transaction) {
    for (const order of shop.orders.values()) {
      if (order.transactionId === transaction.id) order.confirmedByWebhook = transaction.status === 'SUCCEEDED';
    }
  }
  const account = subscription && shop.accounts.get(subscription.id);
  if (account && subscription) {
    const plan = CATALOG.plans.find((candidate) => candidate.name === subscription.planName);
    Object.assign(account, { status: subscription.status, ...(plan && { plan: plan.key }) });
    account.events.push({ type, status: subscription.status, transactionId: transaction?.id ?? null, total: transaction?.total ?? null });
    keepLast(account.events, MAX_ACCOUNT_EVENTS);
  }
}

/**
 * `POST /webhooks`: PekoPay's events, checked with `webhookSecret`.
 * @param {import('./shop.mjs').Shop} shop
 * @param {string} webhookSecret
 * @returns {import('../pekopay-backend.mjs').Route}
 */
export const receiveWebhook =
  (shop, webhookSecret) =>
  async ({ req, res }) => {
    const raw = await readBody(req, 1024 * 1024);
    const signature = req.headers['x-webhook-signature'];
    let event;
    try {
      event = await parsePekoPayWebhook(raw, typeof signature === 'string' ? signature : undefined, webhookSecret);
    } catch (error) {
      const code = error instanceof PekoPayError ? error.code : 'invalid_webhook';
      shop.activity.add({ kind: 'webhook', provider: 'pekopay', ok: false, summary: `rejected: ${code}` });
      throw new HttpError(400, code, 'The webhook could not be verified.');
    }
    const id = req.headers['x-webhook-id'];
    const eventId = typeof id === 'string' ? id : undefined;
    if (eventId && shop.seenWebhooks.has(eventId)) return sendJson(res, 200, { received: true, duplicate: true });
    if (eventId) shop.seenWebhooks.set(eventId, true);
    applyWebhook(shop, event);
    shop.activity.add({ kind: 'webhook', provider: 'pekopay', ok: true, summary: `${event.type} (signature verified)`, response: event });
    sendJson(res, 200, { received: true });
  };

// Signed webhook delivery for the sandbox's providers: events are POSTed one after another to a configured
// URL with a hex HMAC-SHA256 of the raw body, retried on failure, and kept in a delivery log.
// @ts-check
import { createHmac, randomUUID } from 'node:crypto';
import { keepLast } from '../shared/bounded.mjs';

const ATTEMPT_TIMEOUT_MS = 5000;
/** Waits before the second and third attempts; after the last failure the event is dead-lettered. */
const RETRY_DELAYS_MS = [500, 2000];
const MAX_LOGGED_DELIVERIES = 500;

/**
 * @typedef {object} Delivery
 * @property {string} id the event id, sent as `X-Webhook-Id` (the same on every retry)
 * @property {string} type
 * @property {string} url
 * @property {'pending' | 'delivered' | 'failed' | 'skipped'} status `skipped`: no URL configured
 * @property {number} attempts
 * @property {number} [responseStatus] the receiver's last HTTP status
 * @property {string} [error] why the last attempt failed
 * @property {string} body the raw JSON that was signed
 */

/**
 * @param {string} body
 * @param {string} secret
 */
export const signWebhook = (body, secret) => createHmac('sha256', secret).update(body).digest('hex');

/**
 * Posts a delivery's event until the receiver takes it (2xx), retrying after each of `retryDelaysMs`; then it is
 * `delivered`, or `failed` (dead-lettered) unless `signal` stopped it first.
 * @param {Delivery} delivery
 * @param {{ settings: { secret: string }, signatureHeader: string, retryDelaysMs: number[], timeoutMs: number, signal: AbortSignal }} options
 *   `settings.secret` is read at each attempt: the one configured then
 */
async function deliver(delivery, { settings, signatureHeader, retryDelaysMs, timeoutMs, signal }) {
  for (let attempt = 0; attempt <= retryDelaysMs.length && !signal.aborted; attempt++) {
    if (attempt > 0 && !(await pause(retryDelaysMs[attempt - 1], signal))) return;
    delivery.attempts++;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'pay-checkout-sandbox-webhooks',
          'X-Webhook-Id': delivery.id,
          [signatureHeader]: signWebhook(delivery.body, settings.secret),
        },
        body: delivery.body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      await response.arrayBuffer().catch(() => undefined);
      delivery.responseStatus = response.status;
      if (response.ok) {
        delivery.status = 'delivered';
        delete delivery.error;
        return;
      }
      delivery.error = `HTTP ${response.status}`;
    } catch (error) {
      delivery.error = /** @type {Error} */ (error).name === 'TimeoutError' ? 'timeout' : 'unreachable';
    }
  }
  if (!signal.aborted) delivery.status = 'failed';
}

/**
 * @param {{ url?: string, secret: string, signatureHeader?: string, retryDelaysMs?: number[], timeoutMs?: number }} options
 */
export function createWebhookSender({
  url = '',
  secret,
  signatureHeader = 'X-Webhook-Signature',
  retryDelaysMs = RETRY_DELAYS_MS,
  timeoutMs = ATTEMPT_TIMEOUT_MS,
}) {
  const settings = { url, secret };
  /** @type {Delivery[]} */
  const deliveries = [];
  /** One delivery at a time, in order, so a receiver sees events as they happened. */
  let queue = Promise.resolve();
  /** Aborts in-flight attempts and pending retries on reset() and close(). */
  let stop = new AbortController();

  return {
    /** Where events go from now on, and the signing secret. */
    configure(/** @type {{ url?: string, secret?: string }} */ next) {
      if (next.url !== undefined) settings.url = next.url;
      if (next.secret !== undefined) settings.secret = next.secret;
    },
    get url() {
      return settings.url;
    },
    /**
     * Queues an event; resolves at once with its delivery record.
     * @param {string} type
     * @param {Record<string, unknown>} envelope everything the body carries besides `type`
     */
    send(type, envelope) {
      /** @type {Delivery} */
      const delivery = {
        id: `evt_${randomUUID().replaceAll('-', '')}`,
        type,
        url: settings.url,
        status: settings.url ? 'pending' : 'skipped',
        attempts: 0,
        body: JSON.stringify({ type, ...envelope }),
      };
      deliveries.push(delivery);
      keepLast(deliveries, MAX_LOGGED_DELIVERIES);
      if (delivery.status === 'pending') {
        const { signal } = stop;
        queue = queue.then(() => deliver(delivery, { settings, signatureHeader, retryDelaysMs, timeoutMs, signal }));
      }
      return delivery;
    },
    deliveries,
    /** Resolves when every queued event was delivered or given up on. */
    idle() {
      return queue;
    },
    /** Forgets the log and drops whatever is still queued. */
    reset() {
      stop.abort();
      stop = new AbortController();
      deliveries.length = 0;
    },
    close() {
      stop.abort();
    },
  };
}

/** @typedef {ReturnType<typeof createWebhookSender>} WebhookSender */

/**
 * @param {number} ms
 * @param {AbortSignal} signal
 * @returns {Promise<boolean>} false when aborted first
 */
function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

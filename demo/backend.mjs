// The demo merchant's backend: one request handler per payment provider (each in its own
// demo/<provider>-backend.mjs, answering under /api/<provider>/), plus the activity feed the demo pages show.
// Each handler answers true when the request was its own.
// @ts-check
import { createActivityLog } from './activity.mjs';
import { sendJson } from '../sandbox/shared/http.mjs';
import { createActionsBackend } from './actions-backend.mjs';
import { createPaiwiseBackend } from './paiwise-backend.mjs';
import { createPekoPayBackend, pekopayConfigFromEnv } from './pekopay-backend.mjs';
import { createReepayBackend } from './reepay-backend.mjs';

export { pekopayConfigFromEnv };

/** @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>} MerchantHandler */

/**
 * @param {{
 *   pekopay: import('./pekopay-backend.mjs').PekoPayConfig,
 *   reepay?: import('./reepay-backend.mjs').ReepayConfig,
 *   paiwise?: import('./paiwise-backend.mjs').PaiwiseConfig,
 *   upstreamTimeoutMs?: number,
 *   activity?: import('./activity.mjs').ActivityLog,
 * }} config
 * @returns {MerchantHandler}
 */
export function createMerchantBackend({ pekopay, reepay, paiwise, upstreamTimeoutMs, activity = createActivityLog() }) {
  /** @type {MerchantHandler[]} */
  const handlers = [
    createPekoPayBackend({ config: pekopay, activity, upstreamTimeoutMs }),
    ...(reepay ? [createReepayBackend({ reepay, upstreamTimeoutMs })] : []),
    ...(paiwise ? [createPaiwiseBackend({ upstreamTimeoutMs, ...paiwise })] : []),
    // The endpoints that receive a payment's outcome (`action`, a plain form post).
    createActionsBackend(),
  ];

  return async function handleMerchantRequest(req, res) {
    const url = new URL(req.url ?? '/', 'http://merchant.invalid');
    if (url.pathname === '/api/activity') {
      // What the backend did, for the demo pages' live panel: provider calls and webhooks, newest last.
      const after = Number(url.searchParams.get('after')) || 0;
      sendJson(res, req.method === 'GET' ? 200 : 405, req.method === 'GET' ? activity.since(after) : { error: 'method_not_allowed' });
      return true;
    }
    for (const handle of handlers) if (await handle(req, res)) return true;
    return false;
  };
}

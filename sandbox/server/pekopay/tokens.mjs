// The PekoPay stand-in's session tokens: the payment-token REST API (Basic auth), the checkout API the hosted
// card frame calls (session check, tokenize), and the in-memory token store the REST resources consume.
// @ts-check
import { randomBytes } from 'node:crypto';
import { TOKEN_ERRORS } from '../../pekopay/frame/offline-api.js';
import { BoundedMap, SANDBOX_MAX_ENTRIES } from '../../shared/bounded.mjs';
import { judgeCard } from '../../shared/test-cards.js';
import {
  basicCredentials,
  delayWhileConnected,
  HttpError,
  readBody,
  readJson,
  safeEqual,
  sendJson,
  trackFields,
} from '../../shared/http.mjs';

export const PEKOPAY_CREDENTIALS = Object.freeze({
  tenantId: 'demo-tenant',
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
});

const MAX_TTL_SECONDS = 3600;
/**
 * How long a token is kept after it expired, answering `token_expired`; then it is forgotten (an unknown token:
 * `invalid_session_token`). A used token is kept, and refused as used, for its whole lifetime.
 */
export const EXPIRED_TOKEN_KEPT_MS = 3_600_000;

/**
 * @typedef {object} TokenRecord
 * @property {string} token
 * @property {string} tenantId
 * @property {number} issuedAt epoch ms
 * @property {number} expiresAt epoch ms
 * @property {'issued' | 'tokenized' | 'used'} state
 * @property {{ last4Digits: string, cardType: string }} [card] never the full number or the CVC
 * @property {boolean} [declinesCharges] the charge-declined test card: charges on it fail
 * @property {boolean} [tokenizing] a tokenize call is in flight (the slow test card)
 */

/**
 * @param {{ tokenTtlSeconds: number, now?: () => number, maxTokens?: number }} options `maxTokens`: past it the
 *   oldest token is forgotten, even one that has not expired (default 10,000)
 */
export function createTokenStore({ tokenTtlSeconds, now = Date.now, maxTokens = SANDBOX_MAX_ENTRIES }) {
  /** @type {BoundedMap<string, TokenRecord>} */
  const tokens = new BoundedMap({ max: maxTokens, isStale: (record) => now() >= record.expiresAt + EXPIRED_TOKEN_KEPT_MS });

  /**
   * @param {string} token
   * @returns {{ error: 'invalid_session_token' | 'token_expired', record?: TokenRecord } | { error: null, record: TokenRecord }}
   */
  function lookup(token) {
    const record = tokens.get(token);
    if (!record) return { error: 'invalid_session_token' };
    if (now() >= record.expiresAt) return { error: 'token_expired', record };
    return { error: null, record };
  }

  return {
    /**
     * @param {string} tenantId
     * @param {number} [ttlSeconds]
     */
    issue(tenantId, ttlSeconds = tokenTtlSeconds) {
      const issuedAt = now();
      /** @type {TokenRecord} */
      const record = {
        token: `sess_${randomBytes(16).toString('hex')}`,
        tenantId,
        issuedAt,
        expiresAt: issuedAt + ttlSeconds * 1000,
        state: 'issued',
      };
      tokens.set(record.token, record);
      return record;
    },
    lookup,
    /**
     * Marks a tokenized token as used, once; for the transaction and subscription APIs.
     * @param {string} token
     * @param {string} tenantId
     * @returns {{ error: string, record?: TokenRecord } | { error: null, record: TokenRecord }}
     */
    consume(token, tenantId) {
      const found = lookup(token);
      if (found.error) return found;
      const { record } = found;
      if (record.tenantId !== tenantId) return { error: 'invalid_session_token' };
      if (record.state === 'used') return { error: 'token_used', record };
      if (record.state !== 'tokenized') return { error: 'token_not_tokenized', record };
      record.state = 'used';
      return { error: null, record };
    },
    clear() {
      tokens.clear();
    },
    /** How many tokens are kept now. */
    get size() {
      return tokens.size;
    },
  };
}

/** @typedef {ReturnType<typeof createTokenStore>} TokenStore */

/**
 * Checks the Basic credentials and the tenant of a REST call; throws 401 or 404.
 * @param {import('node:http').IncomingMessage} req
 * @param {string | undefined} [tenantId] omitted for calls outside a tenant (the sandbox's test clock)
 */
export function authorize(req, tenantId) {
  const auth = basicCredentials(req);
  const authorized =
    auth !== null && safeEqual(auth.user, PEKOPAY_CREDENTIALS.clientId) && safeEqual(auth.password, PEKOPAY_CREDENTIALS.clientSecret);
  if (!authorized) {
    throw new HttpError(401, 'unauthorized', 'Basic credentials are missing or wrong (sandbox: demo-client / demo-secret).');
  }
  if (tenantId !== undefined && tenantId !== PEKOPAY_CREDENTIALS.tenantId) {
    throw new HttpError(404, 'tenant_not_found', `No tenant "${tenantId}" (sandbox: demo-tenant).`);
  }
}

/**
 * Registers the token and checkout routes under `base`.
 * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
 * @param {{ base: string, tokens: TokenStore }} options
 */
export function registerTokenRoutes(router, { base, tokens }) {
  router.on(['GET', 'POST'], `${base}/payment-token/:tenantId/generate`, async ({ req, res, url }, { tenantId }) => {
    if (req.method === 'POST') await readBody(req); // enforce the size limit even though the body is unused
    authorize(req, tenantId);
    let ttl;
    const ttlParam = url.searchParams.get('ttl');
    if (ttlParam !== null) {
      ttl = Number(ttlParam);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
        throw new HttpError(400, 'invalid_request', `ttl must be an integer from 1 to ${MAX_TTL_SECONDS} seconds.`);
      }
    }
    sendJson(res, 200, { token: tokens.issue(tenantId, ttl).token });
  });

  router.on('GET', `${base}/checkout/sessions/:token`, ({ res }, { token }) => {
    const found = tokens.lookup(token);
    if (found.error) throw tokenError(found.error);
    sendJson(res, 200, { expiresAt: new Date(found.record.expiresAt).toISOString(), state: found.record.state });
  });

  router.on('POST', `${base}/checkout/tokenize`, async ({ req, res }) => {
    const body = trackFields(req, await readJson(req));
    const { sessionToken, card } = body ?? {};
    if (typeof sessionToken !== 'string' || !sessionToken) {
      throw new HttpError(400, 'invalid_request', 'sessionToken is required.');
    }
    const found = tokens.lookup(sessionToken);
    if (found.error) throw tokenError(found.error);
    const { record } = found;
    if (record.state !== 'issued' || record.tokenizing) throw tokenError('token_used');

    const outcome = judgeCard(card);
    if (!outcome.ok)
      throw new HttpError(outcome.status, outcome.code, outcome.message, 'fields' in outcome ? { fields: outcome.fields } : {});
    if (outcome.delayMs) {
      record.tokenizing = true;
      const stillThere = await delayWhileConnected(res, outcome.delayMs);
      record.tokenizing = false;
      if (!stillThere) return;
    }
    record.state = 'tokenized';
    record.card = outcome.card;
    record.declinesCharges = outcome.declinesCharges;
    sendJson(res, 200, { sessionToken: record.token, cardData: { ...record.card } });
  });
}

/** @param {keyof typeof TOKEN_ERRORS} code */
function tokenError(code) {
  const [status, message] = TOKEN_ERRORS[code];
  return new HttpError(status, code, message);
}

// Offline mode of the PekoPay sandbox: a stand-in for the checkout API that runs inside the card frame, so the SDK
// and its frame work from any static file host (Storybook's static build) with no sandbox server. It accepts only
// tokens of a documented fake shape, which the sandbox server never issues and always refuses. See "Offline mode"
// in sandbox/README.md. The token errors are the server's too (server/pekopay/tokens.mjs).
// @ts-check
import { json, jsonError, noEndpoint, playFaults, wait } from '../../shared/offline.js';
import { judgeCard, refusalBody } from '../../shared/test-cards.js';

/** `offline_<8-64 letters or digits>`; `offline_ttl<seconds>_<…>` expires that many seconds after first use. */
export const OFFLINE_TOKEN = /^offline_(?:ttl(\d{1,4})_)?[A-Za-z0-9]{8,64}$/;
const LIFETIME_SECONDS = 3600;

/** Status and message of each token error, by code. */
export const TOKEN_ERRORS = /** @type {const} */ ({
  invalid_session_token: [404, 'The session token is unknown.'],
  token_expired: [401, 'The session token has expired.'],
  token_used: [409, 'The session token has already been used to tokenize a card.'],
});

/**
 * What this frame has seen, as the server's token store would keep it. A token's life starts when the
 * frame first sees it.
 * @type {Map<string, { expiresAt: number, state: 'issued' | 'tokenized', tokenizing?: boolean }>}
 */
const tokens = new Map();

/** @param {keyof typeof TOKEN_ERRORS} code */
const tokenError = (code) => jsonError(TOKEN_ERRORS[code][0], code, TOKEN_ERRORS[code][1]);

/** @param {string} token */
function lookup(token) {
  const match = OFFLINE_TOKEN.exec(token);
  if (!match) return { error: /** @type {const} */ ('invalid_session_token') };
  let record = tokens.get(token);
  if (!record) {
    record = { expiresAt: Date.now() + Number(match[1] ?? LIFETIME_SECONDS) * 1000, state: 'issued' };
    tokens.set(token, record);
  }
  if (Date.now() >= record.expiresAt) return { error: /** @type {const} */ ('token_expired') };
  return { record };
}

/**
 * Answers a checkout API request (`GET …/checkout/sessions/:token`, `POST …/checkout/tokenize`) as the
 * sandbox server would, with fetch's signature. Faults: `hang` never answers, `slow` and `sandbox_delay`
 * wait, every other fault answers 500 (the frame reports all of them as `network_error`, as with the server).
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<Response>}
 */
export async function offlineFetch(url, init = {}) {
  const played = await playFaults(url, init);
  if (played instanceof Response) return played;
  const { pathname } = played;
  const session = /\/checkout\/sessions\/([^/]+)$/.exec(pathname);
  if (session) {
    const found = lookup(decodeURIComponent(session[1]));
    if (found.error) return tokenError(found.error);
    return json(200, { expiresAt: new Date(found.record.expiresAt).toISOString(), state: found.record.state });
  }
  if (!pathname.endsWith('/checkout/tokenize') || init.method !== 'POST') return noEndpoint(pathname, init);
  const { sessionToken, card } = JSON.parse(String(init.body));
  const found = lookup(String(sessionToken));
  if (found.error) return tokenError(found.error);
  const { record } = found;
  if (record.state !== 'issued' || record.tokenizing) return tokenError('token_used');
  const outcome = judgeCard(card);
  if (!outcome.ok) return json(outcome.status, refusalBody(outcome));
  record.tokenizing = true;
  try {
    await wait(outcome.delayMs, init.signal);
  } finally {
    record.tokenizing = false;
  }
  record.state = 'tokenized';
  return json(200, { sessionToken, cardData: outcome.card });
}

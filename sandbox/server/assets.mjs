// The sandbox's browser files, by URL path, and the headers they are served with. Nothing else under sandbox/ is
// ever served: not the servers' code, not this file.
// @ts-check
import { readFile } from 'node:fs/promises';
import { HttpError, send } from '../shared/http.mjs';
import { resourceKind } from './faults.mjs';
import { PAIWISE_ASSETS } from './paiwise/index.mjs';

const PEKOPAY_BASE = '/sandbox/pekopay';
const REEPAY_BASE = '/sandbox/reepay';
const sandboxDir = new URL('../', import.meta.url);

/** Headers that make a module importable from any origin, as from a CDN. */
const CDN_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
/** The hosted pages run only their own files, never submit a form anywhere, and send no referrer. */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; require-trusted-types-for 'script'",
  'Referrer-Policy': 'no-referrer',
};

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  js: 'text/javascript; charset=utf-8',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** The kit every hosted page loads (sandbox/shared/): its browser files only. */
const SHARED = ['card-rules.js', 'card-form.js', 'card-form.css', 'test-cards.js', 'page.js', 'offline.js'];

/** URL path → file under sandbox/. */
export const ASSETS = new Map([
  ...PAIWISE_ASSETS,
  ...SHARED.map((file) => /** @type {[string, string]} */ ([`/sandbox/shared/${file}`, `shared/${file}`])),
  [`${PEKOPAY_BASE}/web/dist/index.js`, 'pekopay/web/dist/index.js'],
  [`${PEKOPAY_BASE}/frame/card.html`, 'pekopay/frame/card.html'],
  [`${PEKOPAY_BASE}/frame/card.js`, 'pekopay/frame/card.js'],
  [`${PEKOPAY_BASE}/frame/offline-api.js`, 'pekopay/frame/offline-api.js'],
  [`${PEKOPAY_BASE}/frame/card.css`, 'pekopay/frame/card.css'],
  [`${REEPAY_BASE}/checkout/`, 'reepay/checkout/index.html'],
  [`${REEPAY_BASE}/checkout/checkout.js`, 'reepay/checkout/checkout.js'],
  [`${REEPAY_BASE}/checkout/init.js`, 'reepay/checkout/init.js'],
  [`${REEPAY_BASE}/checkout/checkout.css`, 'reepay/checkout/checkout.css'],
  [`${REEPAY_BASE}/checkout/offline-api.js`, 'reepay/checkout/offline-api.js'],
]);

/**
 * The headers every answer for an asset carries, fault answers included: CORS for scripts (as from a CDN), the
 * hosted pages' CSP and referrer policy for pages.
 * @param {string} file
 * @returns {Record<string, string>}
 */
export function assetHeaders(file) {
  const kind = resourceKind(file);
  if (kind === 'js') return { ...CDN_HEADERS };
  if (kind === 'html') return { ...PAGE_HEADERS };
  return {};
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} file
 * @param {Record<string, string>} headers
 */
export async function serveAsset(req, res, file, headers) {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here.`);
  const body = await readFile(new URL(file, sandboxDir));
  send(res, 200, body, { 'Content-Type': CONTENT_TYPES[resourceKind(file)] ?? 'text/plain', ...headers });
}

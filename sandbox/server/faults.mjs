// Fault switches (`?sandbox_fault=…&sandbox_delay=…`) that any /sandbox/ request can carry, so tests can
// drive every error path of a client: failing, slow, hanging, malformed and incomplete answers.
// @ts-check
import { delayWhileConnected, send, sendError } from '../shared/http.mjs';

export const FAULTS = ['404', '500', 'slow', 'hang', 'malformed', 'missing', 'syntax'];
const DEFAULT_SLOW_MS = 5000;
const MAX_DELAY_MS = 60_000;

/** @typedef {'json' | 'js' | 'html' | 'css'} ResourceKind */

/**
 * What `malformed`, `missing` and `syntax` answer, per kind of resource: a body its client cannot use.
 * @type {Record<ResourceKind, Record<'malformed' | 'missing' | 'syntax', string>>}
 */
const BROKEN_BODIES = {
  json: { malformed: '{"token": "sess_', missing: '{}', syntax: '{"token": "sess_' },
  // A module that loads but does not export a usable PekoCheckoutForm, one that exports nothing, and one
  // that does not parse.
  js: {
    malformed: 'export const PekoCheckoutForm = 42;\n',
    missing: 'export {};\n',
    syntax: 'export const PekoCheckoutForm = {;\n',
  },
  // Pages without their script: a hosted frame that never says it is ready.
  html: {
    malformed: '<!doctype html><html lang="en"><title>Sandbox</title><p>Malformed sandbox page</p>',
    missing: '',
    syntax: '<!doctype html><html lang="en"><title>Sandbox</title><p>Broken sandbox page',
  },
  css: { malformed: 'body { color: ', missing: '', syntax: 'body { color: ' },
};

const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * @param {string} pathname
 * @returns {ResourceKind}
 */
export function resourceKind(pathname) {
  if (pathname.endsWith('.js')) return 'js';
  if (pathname.endsWith('.html')) return 'html';
  if (pathname.endsWith('.css')) return 'css';
  return 'json';
}

/**
 * Applies the fault switches of a request, if any.
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {Record<string, string>} headers headers every answer for this resource carries (e.g. CORS)
 * @param {ResourceKind} [kind] what the resource is (for a folder URL that serves a page)
 * @returns {Promise<boolean>} true when the fault answered (or deliberately never will); false to go on
 *   and answer normally (no fault, or a delay that has elapsed)
 */
export async function applyFault(res, url, headers = {}, kind = resourceKind(url.pathname)) {
  const fault = url.searchParams.get('sandbox_fault');
  const delayParam = url.searchParams.get('sandbox_delay');
  if (fault === null && delayParam === null) return false;

  if (fault !== null && !FAULTS.includes(fault)) {
    sendError(res, 400, 'invalid_fault', `sandbox_fault must be one of ${FAULTS.join(', ')}.`, {}, headers);
    return true;
  }
  let delay = DEFAULT_SLOW_MS;
  if (delayParam !== null) {
    delay = Number(delayParam);
    if (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_MS) {
      sendError(res, 400, 'invalid_fault', `sandbox_delay must be 0..${MAX_DELAY_MS} milliseconds.`, {}, headers);
      return true;
    }
  }

  switch (fault) {
    case '404':
      sendError(res, 404, 'not_found', 'Sandbox fault: 404.', {}, headers);
      return true;
    case '500':
      sendError(res, 500, 'internal_error', 'Sandbox fault: 500.', {}, headers);
      return true;
    case 'hang':
      // Never answer. Nothing to clean up: no timer is armed, and the socket goes when the client or
      // the server's close() ends it.
      return true;
    case 'malformed':
    case 'missing':
    case 'syntax':
      send(res, 200, BROKEN_BODIES[kind][fault], { 'Content-Type': CONTENT_TYPES[kind], ...headers });
      return true;
    default: // 'slow', or a bare sandbox_delay
      return !(await delayWhileConnected(res, delay));
  }
}

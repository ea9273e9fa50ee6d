// What a sandbox hosted page loads, followed from its HTML: its stylesheets and scripts, every module those
// scripts import (statically or dynamically) and every stylesheet those stylesheets import, each fetched from the
// sandbox. A page whose kit (sandbox/shared/)
// is not served would load without its card form.
import assert from 'node:assert/strict';

const IMPORTS = /(?:from\s+|import\()\s*'([^']+)'/g;
const CSS_IMPORTS = /@import\s+url\('([^']+)'\)/g;

/**
 * Fetches every file the page at `pageUrl` loads, asserting each is served with its MIME type; resolves with
 * their texts by URL.
 * @param {string} pageUrl
 * @returns {Promise<Map<string, string>>}
 */
export async function pageFiles(pageUrl) {
  const html = await (await fetch(pageUrl)).text();
  const found = new Map();
  const queue = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map(([, path]) => new URL(path, pageUrl).href);
  while (queue.length) {
    const url = /** @type {string} */ (queue.shift());
    if (found.has(url)) continue;
    const response = await fetch(url);
    assert.equal(response.status, 200, url);
    assert.match(response.headers.get('content-type') ?? '', url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/, url);
    const text = await response.text();
    found.set(url, text);
    for (const [, path] of text.matchAll(url.endsWith('.css') ? CSS_IMPORTS : IMPORTS)) queue.push(new URL(path, url).href);
  }
  return found;
}

/**
 * Asserts that the page at `pageUrl` builds its card form with the sandbox's kit (sandbox/shared/card-form.js,
 * served to it): labelled fields with the standard autocomplete values, in the page's `#card-fields` slot.
 * @param {string} pageUrl
 */
export async function assertKitCardForm(pageUrl) {
  const html = await (await fetch(pageUrl)).text();
  assert.match(html, /<div id="card-fields"><\/div>/);
  const files = await pageFiles(pageUrl);
  const kit = [...files].find(([url]) => url.endsWith('/sandbox/shared/card-form.js'))?.[1];
  assert.ok(kit, 'the page loads sandbox/shared/card-form.js');
  for (const value of ['cc-number', 'cc-exp', 'cc-csc', 'cc-name']) assert.ok(kit.includes(`autocomplete: '${value}'`), value);
  for (const label of ['Card number', 'Expiry (MM/YY)', 'CVC', 'Name on card']) assert.ok(kit.includes(`label: '${label}'`), label);
  assert.ok(
    [...files.keys()].some((url) => url.endsWith('/sandbox/shared/card-form.css')),
    'the page loads the card form’s styles',
  );
  return html;
}

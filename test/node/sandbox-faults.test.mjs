// The sandbox's browser assets (SDK module, card frame) and its fault switches, over real HTTP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startServer } from '../../demo/server.mjs';
import { assertKitCardForm, pageFiles } from './support/page-files.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let api = '';
let sdkUrl = '';
const AUTH = `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`;

before(async () => {
  server = await startServer({ port: 0, log: false });
  api = `${server.sandboxOrigin}/sandbox/pekopay`;
  sdkUrl = `${api}/web/dist/index.js`;
});
after(() => server.close());

const generate = (query) =>
  fetch(`${api}/payment-token/demo-tenant/generate${query}`, { method: 'POST', headers: { Authorization: AUTH } });

/** Whether Node can parse `source` as an ES module. */
async function parsesAsModule(source) {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-fault-'));
  try {
    const file = join(dir, 'module.mjs');
    await writeFile(file, source);
    await promisify(execFile)(process.execPath, ['--check', file]);
    return true;
  } catch {
    return false;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('browser assets', () => {
  it('serves the SDK module like a CDN: JavaScript MIME type and CORS for any origin', async () => {
    const response = await fetch(sdkUrl, { headers: { Origin: 'http://localhost:1234' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/javascript/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const source = await response.text();
    assert.match(source, /export const PekoCheckoutForm/);
    assert.ok(await parsesAsModule(source));
  });

  it('serves the card frame with a CSP that allows only its own origin, and no referrer', async () => {
    const response = await fetch(`${api}/frame/card.html`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/html/);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(response.headers.get('content-security-policy'), /default-src 'self'/);
  });

  it('has no inline script or style in the card frame', async () => {
    const html = await (await fetch(`${api}/frame/card.html`)).text();
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
    for (const [tag] of html.matchAll(/<script[^>]*>/g)) assert.match(tag, /\ssrc=/);
  });

  it('builds its card fields with the sandbox kit (labelled, standard autocomplete values) and has one submit button', async () => {
    const html = await assertKitCardForm(`${api}/frame/card.html`);
    assert.equal(html.match(/<button/g)?.length, 1);
    assert.match(html, /<button type="submit"/);
  });

  it('serves every file the frame loads (its script, the kit it imports, its offline mode, its styles) with its MIME type', async () => {
    const files = [...(await pageFiles(`${api}/frame/card.html`)).keys()].map((url) => new URL(url).pathname);
    for (const file of [
      'frame/card.js',
      'frame/card.css',
      'frame/offline-api.js',
      'shared/card-rules.js',
      'shared/test-cards.js',
      'shared/offline.js',
    ]) {
      assert.ok(
        files.some((path) => path.endsWith(file)),
        file,
      );
    }
  });

  it('serves nothing else from the sandbox folder', async () => {
    assert.equal((await fetch(`${server.sandboxOrigin}/sandbox/server/index.mjs`)).status, 404);
    assert.equal((await fetch(`${server.sandboxOrigin}/sandbox/server/pekopay/tokens.mjs`)).status, 404);
    // The kit's browser files are served, its Node half is not.
    assert.equal((await fetch(`${server.sandboxOrigin}/sandbox/shared/card-form.js`)).status, 200);
    for (const file of ['http.mjs', 'validate.mjs'])
      assert.equal((await fetch(`${server.sandboxOrigin}/sandbox/shared/${file}`)).status, 404, file);
  });
});

describe('fault switches', () => {
  it('sandbox_fault=404 answers 404 JSON', async () => {
    const response = await generate('?sandbox_fault=404');
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error, 'not_found');
  });

  it('sandbox_fault=500 answers 500 JSON, on the SDK module too (with CORS)', async () => {
    const response = await generate('?sandbox_fault=500');
    assert.equal(response.status, 500);
    assert.equal((await response.json()).error, 'internal_error');
    const sdk = await fetch(`${sdkUrl}?sandbox_fault=500`);
    assert.equal(sdk.status, 500);
    assert.equal(sdk.headers.get('access-control-allow-origin'), '*');
  });

  it('sandbox_fault=slow waits sandbox_delay ms, then answers normally', async () => {
    const started = Date.now();
    const response = await generate('?sandbox_fault=slow&sandbox_delay=150');
    assert.equal(response.status, 200);
    assert.ok(Date.now() - started >= 140, `took ${Date.now() - started} ms`);
    assert.match((await response.json()).token, /^sess_/);
  });

  it('sandbox_fault=malformed answers 200 with a body that is not JSON', async () => {
    const response = await generate('?sandbox_fault=malformed');
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.throws(() => JSON.parse(text));
  });

  it('sandbox_fault=missing answers 200 {}', async () => {
    const response = await generate('?sandbox_fault=missing');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {});
  });

  it('sandbox_fault=syntax answers the SDK module as JavaScript that does not parse', async () => {
    const response = await fetch(`${sdkUrl}?sandbox_fault=syntax`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/javascript/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(await parsesAsModule(await response.text()), false);
  });

  it('sandbox_fault=missing answers the SDK module without PekoCheckoutForm', async () => {
    const source = await (await fetch(`${sdkUrl}?sandbox_fault=missing`)).text();
    assert.ok(await parsesAsModule(source));
    assert.doesNotMatch(source, /PekoCheckoutForm/);
  });

  it('applies to the card frame page too', async () => {
    const response = await fetch(`${api}/frame/card.html?sandbox_fault=malformed`);
    assert.equal(response.status, 200);
    assert.doesNotMatch(await response.text(), /card\.js/);
  });

  it('sandbox_fault=hang never answers, and a client that gives up leaves the server healthy', async () => {
    await assert.rejects(fetch(`${api}/checkout/sessions/x?sandbox_fault=hang`, { signal: AbortSignal.timeout(200) }), {
      name: 'TimeoutError',
    });
    assert.equal((await generate('')).status, 200);
  });

  it('hanging and slow requests keep neither close() nor the process waiting', { timeout: 20_000 }, async () => {
    const other = await startServer({ port: 0, log: false });
    const sdk = `${other.sandboxOrigin}/sandbox/pekopay/web/dist/index.js`;
    const pending = [`${sdk}?sandbox_fault=hang`, `${sdk}?sandbox_fault=slow&sandbox_delay=60000`].map((url) =>
      fetch(url).catch((error) => error),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A close() that waited for them would wait a minute: the test's limit fails it first.
    await other.close();
    for (const outcome of await Promise.all(pending)) assert.ok(outcome instanceof Error);
  });

  it('refuses an unknown fault name with 400', async () => {
    const response = await generate('?sandbox_fault=explode');
    assert.equal(response.status, 400);
    assert.equal((await response.json()).code, 'invalid_fault');
  });
});

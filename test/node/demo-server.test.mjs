// The demo server over real HTTP: static pages and their origin, path traversal, and the merchant backend's
// token endpoint (against the sandbox and against a stand-in "real" provider).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startServer, staticFile } from '../../demo/server.mjs';
import { listen } from './support/listen.mjs';
import { createMerchantBackend, pekopayConfigFromEnv } from '../../demo/backend.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** Every answer of the merchant backend, to check that none carries the secret. */
const backendAnswers = [];
const SECRETS = ['demo-secret', Buffer.from('demo-client:demo-secret').toString('base64')];

before(async () => {
  server = await startServer({ port: 0, log: false });
});
after(() => server.close());

/**
 * A GET with the path sent exactly as written and any Host header.
 * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, body: string }>}
 */
function rawGet(path, headers = {}, port = server.port) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function backendFetch(path, init) {
  const response = await fetch(`${server.origin}${path}`, init);
  const text = await response.text();
  backendAnswers.push(JSON.stringify([...response.headers]) + text);
  return { status: response.status, text, json: () => JSON.parse(text) };
}

describe('startServer', () => {
  it('reports the real port for port 0, and both origins', () => {
    assert.ok(server.port > 0);
    assert.equal(server.origin, `http://localhost:${server.port}`);
    assert.equal(server.sandboxOrigin, `http://127.0.0.1:${server.port}`);
  });
});

describe('static files', () => {
  it('serves the index of demos at / for localhost, linking every demo page', async () => {
    const page = await rawGet('/', { Host: `localhost:${server.port}` });
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'], /^text\/html/);
    const links = [...page.body.matchAll(/href="(\/demo\/[\w-]+\.html)"/g)].map((match) => match[1]);
    assert.deepEqual(links, [
      '/demo/pekopay-checkout.html',
      '/demo/pekopay-saas.html',
      '/demo/pekopay-element.html',
      '/demo/bare.html',
      '/demo/strict.html',
    ]);
    for (const link of links) assert.equal((await rawGet(link, { Host: `localhost:${server.port}` })).status, 200, link);
  });

  it('serves the demo pages with their scripts as files, except the bare page, whose point is one inline script', async () => {
    for (const name of ['pekopay-checkout', 'pekopay-saas', 'pekopay-element']) {
      const page = await rawGet(`/demo/${name}.html`, { Host: `localhost:${server.port}` });
      assert.match(page.body, new RegExp(`<script type="module" src="/demo/${name}\\.js"></script>`));
      assert.doesNotMatch(page.body, /<script>|<script type="module">/);
    }
    const bare = await rawGet('/demo/bare.html', { Host: `localhost:${server.port}` });
    assert.match(bare.body, /<script type="module" src="\/dist\/cdn\/pay-checkout\.min\.js"><\/script>/);
  });

  it('serves the strict page, and only it, with the strict policy naming the sandbox as the provider origin', async () => {
    const strict = await rawGet('/demo/strict.html', { Host: `localhost:${server.port}` });
    assert.equal(strict.status, 200);
    assert.equal(
      strict.headers['content-security-policy'],
      `default-src 'self'; script-src 'self' ${server.sandboxOrigin}; style-src 'self'; frame-src 'self' ${server.sandboxOrigin}; ` +
        "connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html",
    );
    assert.doesNotMatch(strict.body, /<script>|<script type="module">|<style|style="/);
    const other = await rawGet('/demo/pekopay-element.html', { Host: `localhost:${server.port}` });
    assert.equal(other.headers['content-security-policy'], undefined);
  });

  it('redirects a demo page asked from 127.0.0.1 to localhost, keeping path and query', async () => {
    const root = await rawGet('/?ttl=5', { Host: `127.0.0.1:${server.port}` });
    assert.equal(root.status, 302);
    assert.equal(root.headers.location, `http://localhost:${server.port}/?ttl=5`);
    const page = await rawGet('/demo/index.html', { Host: `127.0.0.1:${server.port}` });
    assert.equal(page.status, 302);
    assert.equal(page.headers.location, `http://localhost:${server.port}/demo/index.html`);
  });

  it('serves scripts and styles with their MIME types from any host', async () => {
    const script = await rawGet('/demo/demo-kit.js', { Host: `127.0.0.1:${server.port}` });
    assert.equal(script.status, 200);
    assert.match(script.headers['content-type'], /^text\/javascript/);
    const styles = await rawGet('/demo/demo.css');
    assert.match(styles.headers['content-type'], /^text\/css/);
  });

  it('refuses path traversal out of the static folders', async () => {
    for (const path of ['/demo/..%2fpackage.json', '/dist/..%2f..%2fetc%2fpasswd', '/demo/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const response = await rawGet(path);
      assert.equal(response.status, 403, path);
      assert.doesNotMatch(response.body, /"name"|root:/);
    }
    for (const path of ['/demo/../package.json', '/dist/../../etc/passwd']) {
      const response = await rawGet(path);
      assert.ok([403, 404].includes(response.status), path);
    }
  });

  it('never serves the server code that sits next to the pages', async () => {
    for (const name of ['server', 'backend', 'pekopay-backend', 'backend-http', 'activity']) {
      assert.equal((await rawGet(`/demo/${name}.mjs`)).status, 404, name);
    }
  });

  it('never serves it whatever the case of its extension (a case-insensitive disk would find the file)', () => {
    for (const path of ['/demo/server.MJS', '/demo/backend.Mjs', '/demo/activity.mJs', '/demo/x.CJS', '/demo/frameworks/react.tsx']) {
      assert.deepEqual(staticFile(path), { status: 404 }, path);
    }
    assert.ok('file' in staticFile('/demo/index.HTML'));
    assert.ok('file' in staticFile('/dist/index.D.TS'));
  });

  it('answers 404 for unknown files', async () => {
    assert.equal((await rawGet('/demo/nope.js')).status, 404);
    assert.equal((await rawGet('/elsewhere')).status, 404);
  });
});

describe('merchant backend /api/pekopay/token', () => {
  for (const method of ['GET', 'POST']) {
    it(`answers ${method} with a token the sandbox knows`, async () => {
      const response = await backendFetch('/api/pekopay/token', { method });
      assert.equal(response.status, 200);
      const { token } = response.json();
      assert.match(token, /^sess_[0-9a-f]{32}$/);
      const session = await fetch(`${server.sandboxOrigin}/sandbox/pekopay/checkout/sessions/${token}`);
      assert.equal((await session.json()).state, 'issued');
    });
  }

  it('forwards ttl to the sandbox', async () => {
    const { token } = (await backendFetch('/api/pekopay/token?ttl=1')).json();
    const session = await (await fetch(`${server.sandboxOrigin}/sandbox/pekopay/checkout/sessions/${token}`)).json();
    assert.ok(Date.parse(session.expiresAt) - Date.now() <= 1000);
  });

  it('turns a forwarded sandbox 500 into 502 provider_unavailable', async () => {
    const response = await backendFetch('/api/pekopay/token?sandbox_fault=500');
    assert.equal(response.status, 502);
    assert.equal(response.json().error, 'provider_unavailable');
    assert.equal(typeof response.json().message, 'string');
  });

  it('passes a malformed sandbox answer through unchanged', async () => {
    const response = await backendFetch('/api/pekopay/token?sandbox_fault=malformed');
    assert.equal(response.status, 200);
    assert.throws(() => response.json());
  });

  it('passes a sandbox answer without token through as {}', async () => {
    const response = await backendFetch('/api/pekopay/token?sandbox_fault=missing');
    assert.equal(response.status, 200);
    assert.deepEqual(response.json(), {});
  });

  it('gives up with the client when the sandbox hangs', async () => {
    await assert.rejects(fetch(`${server.origin}/api/pekopay/token?sandbox_fault=hang`, { signal: AbortSignal.timeout(200) }), {
      name: 'TimeoutError',
    });
    assert.equal((await backendFetch('/api/pekopay/token')).status, 200);
  });

  it('answers 405 to other methods', async () => {
    const response = await backendFetch('/api/pekopay/token', { method: 'PUT' });
    assert.equal(response.status, 405);
  });

  it('answers 502 when PekoPay does not answer in time', async () => {
    const backend = createMerchantBackend({
      pekopay: pekopayConfigFromEnv(`${server.sandboxOrigin}/sandbox/pekopay`, {}),
      upstreamTimeoutMs: 150,
    });
    const merchant = await listen((req, res) => backend(req, res));
    try {
      // The sandbox answers after 5 s, and then with a token: a 502 is the 150 ms limit at work.
      const response = await fetch(`${merchant.origin}/api/pekopay/token?sandbox_fault=slow&sandbox_delay=5000`);
      assert.equal(response.status, 502);
      assert.equal((await response.json()).error, 'provider_unavailable');
    } finally {
      await merchant.close();
    }
  });

  it('calls a real PekoPay base URL with Basic auth, no sandbox switches, and refuses an answer without token', async () => {
    const seen = [];
    let answer = '{"token":"sess_real"}';
    const provider = await listen((req, res) => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(answer);
    });
    const config = pekopayConfigFromEnv('unused', {
      PEKOPAY_BASE_URL: `${provider.origin}/api/`,
      PEKOPAY_TENANT_ID: 'acme',
      PEKOPAY_CLIENT_ID: 'client',
      PEKOPAY_CLIENT_SECRET: 'topsecret',
    });
    const backend = createMerchantBackend({ pekopay: config });
    const merchant = await listen((req, res) => backend(req, res));
    try {
      const ok = await fetch(`${merchant.origin}/api/pekopay/token?sandbox_fault=500&ttl=1`);
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { token: 'sess_real' });
      assert.deepEqual(seen, [
        {
          method: 'POST',
          url: '/api/payment-token/acme/generate',
          authorization: `Basic ${Buffer.from('client:topsecret').toString('base64')}`,
        },
      ]);
      answer = '{"token": ';
      const broken = await fetch(`${merchant.origin}/api/pekopay/token`);
      assert.equal(broken.status, 502);
      assert.doesNotMatch(await broken.text(), /topsecret/);
    } finally {
      await merchant.close();
      await provider.close();
    }
  });

  it('never sends the PekoPay secret to the browser', () => {
    assert.ok(backendAnswers.length >= 8);
    for (const answer of backendAnswers) for (const secret of SECRETS) assert.ok(!answer.includes(secret));
  });
});

describe('the Host it answers', () => {
  it('answers its own loopback names on its port: localhost, 127.0.0.1 and [::1]', async () => {
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, `LocalHost:${server.port}`]) {
      assert.equal((await rawGet('/api/pekopay/config', { Host: host })).status, 200, host);
    }
  });

  it('answers another name 421 (a page that reached it by DNS rebinding), before any backend or sandbox route', async () => {
    for (const host of [`evil.example:${server.port}`, 'evil.example', `localhost:${server.port + 1}`, `127.0.0.2:${server.port}`]) {
      for (const path of ['/api/pekopay/config', '/api/paiwise/session', '/sandbox/pekopay/web/dist/index.js', '/demo/index.html']) {
        const answer = await rawGet(path, { Host: host });
        assert.equal(answer.status, 421, `${host} ${path}`);
        assert.doesNotMatch(answer.body, /token|sdkUrl|checkout/);
      }
    }
  });

  it('answers a malformed Host 400, without an internal error', async () => {
    const errors = [];
    const { error } = console;
    console.error = (...args) => errors.push(args);
    try {
      for (const host of [`x@evil.example:${server.port}`, 'a/b', '[::1', `localhost:${server.port}/x`]) {
        assert.equal((await rawGet('/api/paiwise/verify', { Host: host })).status, 400, host);
      }
    } finally {
      console.error = error;
    }
    assert.deepEqual(errors, []);
  });

  it('keeps the merchant backend safe from a malformed Host when it runs in another server', async () => {
    const backend = createMerchantBackend({
      pekopay: pekopayConfigFromEnv(`${server.sandboxOrigin}/sandbox/pekopay`),
      paiwise: { baseUrl: `${server.sandboxOrigin}/sandbox/paiwise`, apiKey: 'paiwise_sandbox_demo' },
    });
    const { origin, close } = await listen((req, res) => backend(req, res));
    try {
      for (const path of ['/api/paiwise/session', '/api/pekopay/token']) {
        const answer = await rawGet(path, { Host: 'x@evil.example' }, Number(new URL(origin).port));
        assert.deepEqual([answer.status, JSON.parse(answer.body).error], [400, 'bad_host'], path);
      }
    } finally {
      await close();
    }
  });
});

describe('the log', () => {
  it('masks every credential in a path: payment tokens, Reepay session ids, Paiwise checkout ids and client-page tokens', async () => {
    const logged = await startServer({ port: 0, log: true });
    const lines = [];
    const { log } = console;
    console.log = (line) => lines.push(String(line));
    const secrets = ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210'];
    try {
      for (const path of [
        `/sandbox/pekopay/checkout/sessions/sess_${secrets[0]}`,
        `/sandbox/reepay/checkout/api/sessions/cs_${secrets[0]}`,
        `/sandbox/reepay/checkout-api/v1/session/cs_${secrets[1]}`,
        `/sandbox/paiwise/pay/checkouts/${secrets[0]}`,
        `/sandbox/paiwise/pay/checkout.html?checkout_id=${secrets[1]}`,
        `/sandbox/paiwise/pay/clients/${secrets[1]}`,
        `/sandbox/paiwise/pay/client.html?token=${secrets[0]}`,
      ]) {
        const response = await fetch(`${logged.sandboxOrigin}${path}`);
        await response.arrayBuffer();
      }
      // The log line is written when the answer finished.
      while (lines.length < 7) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      console.log = log;
      await logged.close();
    }
    assert.equal(lines.length, 7);
    for (const line of lines) for (const secret of secrets) assert.ok(!line.includes(secret), line);
    assert.match(lines[0], /^GET \/sandbox\/pekopay\/checkout\/sessions\/… \d{3} \d+ms$/);
  });
});

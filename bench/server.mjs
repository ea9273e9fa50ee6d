// The bench's server: its pages and the build from http://localhost:PORT, the provider sandbox from
// http://127.0.0.1:PORT (another origin to the browser, as in the demo and the tests), and the few
// merchant endpoints the pages call (the demo backend's: PekoPay tokens, Reepay and Paiwise sessions,
// `action`). PORT 0 picks a free port.
// @ts-check
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMerchantBackend, pekopayConfigFromEnv } from '../demo/backend.mjs';
import { paiwiseConfigFromEnv } from '../demo/paiwise-backend.mjs';
import { reepayConfigFromEnv } from '../demo/reepay-backend.mjs';
import { createSandbox } from '../sandbox/server/index.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const STATIC_ROOTS = [
  { prefix: '/bench/', dir: resolve(root, 'bench') },
  { prefix: '/dist/', dir: resolve(root, 'dist') },
];
const HTML = { 'Content-Type': 'text/html; charset=utf-8' };

/**
 * The host hints of the "hinted" first visit (docs/performance.md, "Host hints"): the element, its PekoPay
 * chunk and the SDK (the bench's observed SDK and the sandbox's, which it imports) modulepreloaded, and a
 * connection opened early to the origin of the card fields' frame (the sandbox's).
 * @param {string} sandboxOrigin
 */
async function hostHints(sandboxOrigin) {
  const chunk = (await readdir(resolve(root, 'dist/cdn/chunks'))).find((file) => /^pekopay-[\w-]{8}\.js$/.test(file));
  return [
    `<link rel="preconnect" href="${sandboxOrigin}">`,
    ...['/dist/cdn/pay-checkout.min.js', `/dist/cdn/chunks/${chunk}`, '/bench/observed-sdk.js'].map(
      (href) => `<link rel="modulepreload" href="${href}">`,
    ),
    `<link rel="modulepreload" href="${sandboxOrigin}/sandbox/pekopay/web/dist/index.js">`,
  ].join('');
}

/**
 * A first visit to a merchant page that embeds one integration, rendered with a fresh token as the
 * merchant's server would: the seed's snippet (its placeholder filled), or <pay-checkout> with that token
 * (`session-token`) or fetching its own (`token-url`), or with that token and the host hints in the head
 * (hostHints: what docs/performance.md suggests to pages that want the downloads to start with the page's).
 * The head records when each becomes ready, in ms since navigation started: `pay-ready` here, the SDK's first
 * field state in observed-sdk.js.
 * @param {URL} url `?integration=vanilla|element|element-token-url|element-hinted&token=sess_…`
 * @param {string} sandboxOrigin
 */
async function coldPage(url, sandboxOrigin) {
  const integration = url.searchParams.get('integration');
  const token = url.searchParams.get('token') ?? '';
  if (!/^sess_\w+$/.test(token) && integration != 'element-token-url') return undefined;
  const preload = integration == 'element-hinted' ? await hostHints(sandboxOrigin) : '';
  const head = `${preload}<script>globalThis.benchRun = { forms: [] };
addEventListener('pay-ready', () => (benchRun.ready ??= performance.now()), true);</script>`;
  /** The page's own module: loads the bundle (one request, as a script tag would), allows the bench's
   * origin for sdk-url, then adds the element, so that its first update sees the allowed origin. */
  const element = (/** @type {string} */ tokenAttribute) => `<div id="checkout"></div>
<script type="module">
import '/dist/cdn/pay-checkout.min.js';
customElements.get('pay-checkout').allowOrigins([location.origin]);
document.getElementById('checkout').innerHTML =
  '<pay-checkout provider="pekopay" environment="sandbox" sdk-url="/bench/observed-sdk.js" amount="9900" currency="CAD" ${tokenAttribute}></pay-checkout>';
</script>`;
  const bodies = {
    vanilla: async () => (await readFile(resolve(root, 'bench/vanilla.html'), 'utf8')).replace('<PAYMENT_TOKEN_FROM_BACKEND>', token),
    element: async () => element(`session-token="${token}"`),
    'element-hinted': async () => element(`session-token="${token}"`),
    'element-token-url': async () => element('token-url="/api/pekopay/token"'),
  };
  const body = bodies[/** @type {keyof typeof bodies} */ (integration)];
  return (
    body &&
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>cold</title>${head}</head><body>${await body()}</body></html>`
  );
}

const MIME_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string | Buffer} [body]
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body = '', headers = {}) {
  res.writeHead(status, { 'Cache-Control': 'no-cache', ...headers });
  res.end(body);
}

/** @param {string} pathname */
async function staticFile(pathname) {
  const entry = STATIC_ROOTS.find(({ prefix }) => pathname.startsWith(prefix));
  const type = MIME_TYPES[/** @type {keyof typeof MIME_TYPES} */ (extname(pathname))];
  if (!entry || !type) return undefined;
  const file = resolve(entry.dir, decodeURIComponent(pathname.slice(entry.prefix.length)));
  if (!file.startsWith(entry.dir + sep)) return undefined;
  try {
    return { body: await readFile(file), type };
  } catch {
    return undefined;
  }
}

/** @param {{ port?: number }} [options] */
export async function startBenchServer({ port = 0 } = {}) {
  const sandbox = createSandbox();
  let actualPort = port;
  /** @type {ReturnType<typeof createMerchantBackend> | undefined} */
  let backend;
  const sockets = new Set();

  /** @type {import('node:http').RequestListener} */
  const onRequest = async (req, res) => {
    try {
      if (await sandbox.handle(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      // The seed snippet's own endpoints: its charge call (the bench only times when it is made) and
      // its sessionTokenProvider's refresh, answered like the demo backend's token endpoint.
      if (url.pathname == '/api/checkout/charge') return (req.resume(), send(res, 204));
      if (url.pathname == '/api/payment-token/refresh') req.url = '/api/pekopay/token';
      if (backend && (await backend(req, res))) return;
      if (url.pathname == '/bench/cold.html') {
        const page = await coldPage(url, `http://127.0.0.1:${actualPort}`);
        return page ? send(res, 200, page, HTML) : send(res, 400, 'Bad request');
      }
      const found = await staticFile(url.pathname);
      if (!found) return send(res, 404, 'Not found');
      send(res, 200, found.body, { 'Content-Type': found.type });
    } catch (error) {
      console.error(error);
      if (!res.headersSent) send(res, 500, 'Internal error');
    }
  };

  /** @param {string} host */
  const listen = (host) =>
    new Promise((resolveListen, rejectListen) => {
      const server = createServer(onRequest);
      server.keepAliveTimeout = 60_000;
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      server.once('error', rejectListen);
      server.listen(actualPort, host, () => resolveListen(server));
    });

  /** @type {import('node:http').Server[]} */
  const servers = [/** @type {import('node:http').Server} */ (await listen('127.0.0.1'))];
  actualPort = /** @type {import('node:net').AddressInfo} */ (servers[0].address()).port;
  try {
    // Chromium may resolve localhost to ::1; machines without IPv6 skip it.
    servers.push(/** @type {import('node:http').Server} */ (await listen('::1')));
  } catch {
    // IPv4 only
  }
  const sandboxOrigin = `http://127.0.0.1:${actualPort}`;
  backend = createMerchantBackend({
    pekopay: pekopayConfigFromEnv(`${sandboxOrigin}/sandbox/pekopay`, {}),
    reepay: reepayConfigFromEnv(sandboxOrigin, {}),
    paiwise: paiwiseConfigFromEnv(`${sandboxOrigin}/sandbox/paiwise`, {}),
  });
  return {
    origin: `http://localhost:${actualPort}`,
    sandboxOrigin,
    async close() {
      const closed = servers.map((server) => new Promise((done) => server.close(done)));
      for (const socket of sockets) socket.destroy();
      await Promise.all(closed);
    },
  };
}

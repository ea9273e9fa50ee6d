// The demo server: the merchant's site (pages from http://localhost:PORT, its backend under /api/) and the
// provider sandbox (http://127.0.0.1:PORT/sandbox/, a different origin to the browser) on one port.
// Run it with `node demo/server.mjs` (PORT defaults to 8000).
// @ts-check
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSandbox } from '../sandbox/server/index.mjs';
import { createMerchantBackend, pekopayConfigFromEnv } from './backend.mjs';
import { originOfHost } from './backend-http.mjs';
import { paiwiseConfigFromEnv } from './paiwise-backend.mjs';
import { reepayConfigFromEnv } from './reepay-backend.mjs';
import { STRICT_PAGE, strictContentSecurityPolicy } from './strict-csp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** URL prefix → folder served as static files. */
const STATIC_ROOTS = [
  { prefix: '/demo/', dir: resolve(root, 'demo') },
  { prefix: '/dist/', dir: resolve(root, 'dist') },
];
const CDN_BUNDLE = resolve(root, 'dist/cdn/pay-checkout.min.js');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.d.ts': 'text/plain; charset=utf-8',
};
/**
 * The kind of a file, by its extension lower-cased (a case-insensitive disk finds `server.mjs` for `/server.MJS`):
 * only these are served, so the server code that sits next to the pages (`.mjs`, `.cjs`) never is.
 * @param {string} file
 * @returns {keyof typeof MIME_TYPES | undefined}
 */
function servedKind(file) {
  const lower = file.toLowerCase();
  if (lower.endsWith('.d.ts')) return '.d.ts';
  const extension = extname(lower);
  return Object.hasOwn(MIME_TYPES, extension) ? /** @type {keyof typeof MIME_TYPES} */ (extension) : undefined;
}

/**
 * What in a request's path is a credential of a hosted page or a payment: PekoPay session tokens (`sess_…`), Reepay
 * session ids (`cs_…`, `pa_…`), Paiwise checkout ids and client-page tokens, in a path or a query.
 */
const CREDENTIALS_IN_PATHS = [
  /\b(sess|cs|pa)_[0-9a-z]+/gi,
  /(\/(?:checkouts|clients|sessions|session)\/)[^/?#]+/g,
  /([?&](?:checkout_id|token|id|sessionToken)=)[^&#]*/g,
];

/**
 * `path` as the log shows it: each credential in it replaced by `…`.
 * @param {string} path
 */
export function maskForLog(path) {
  return CREDENTIALS_IN_PATHS.reduce(
    (masked, pattern) => masked.replace(pattern, (_match, kept) => (kept.endsWith('/') || kept.endsWith('=') ? `${kept}…` : `${kept}_…`)),
    path,
  );
}

/**
 * Whether this server answers a request with `host`: only its own loopback names on the port the request came in
 * on. Another name is a page that got here by DNS rebinding (evil.example resolving to 127.0.0.1), 421; a missing or
 * malformed Host, 400.
 * @param {string | undefined} host
 * @param {number | undefined} port
 * @returns {200 | 400 | 421}
 */
export function hostCheck(host, port) {
  const origin = originOfHost(host);
  if (!origin) return 400;
  const url = new URL(origin);
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && Number(url.port || 80) === port ? 200 : 421;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} message
 */
function sendText(res, status, message) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${message}\n`);
}

/**
 * Maps a URL path to a file inside one of the static roots, or says why not.
 * @param {string} pathname as sent, still percent-encoded
 * @returns {{ file: string } | { status: number }}
 */
export function staticFile(pathname) {
  if (pathname === '/') return { file: resolve(root, 'demo/index.html') };
  const entry = STATIC_ROOTS.find(({ prefix }) => pathname.startsWith(prefix));
  if (!entry) return { status: 404 };
  let relative;
  try {
    relative = decodeURIComponent(pathname.slice(entry.prefix.length));
  } catch {
    return { status: 400 };
  }
  if (relative.includes('\0')) return { status: 400 };
  const file = resolve(entry.dir, relative || 'index.html');
  if (file !== entry.dir && !file.startsWith(entry.dir + sep)) return { status: 403 };
  if (!servedKind(file)) return { status: 404 };
  return { file };
}

/** @param {string} file */
function mimeType(file) {
  const kind = servedKind(file);
  return kind ? MIME_TYPES[kind] : 'application/octet-stream';
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {number} port
 */
async function serveStatic(req, res, url, port) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method not allowed');
  }
  const found = staticFile(url.pathname);
  if ('status' in found) return sendText(res, found.status, found.status === 403 ? 'Forbidden' : 'Not found');
  const isPage = servedKind(found.file) === '.html';
  // Pages always come from localhost, so the sandbox on 127.0.0.1 is cross-origin to them.
  const hostname = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (isPage && (hostname === '127.0.0.1' || hostname === '[::1]')) {
    res.writeHead(302, { Location: `http://localhost:${port}${url.pathname}${url.search}` });
    return res.end();
  }
  let body;
  try {
    if (!(await stat(found.file)).isFile()) return sendText(res, 404, 'Not found');
    body = await readFile(found.file);
  } catch {
    return sendText(res, 404, 'Not found');
  }
  res.writeHead(200, {
    'Content-Type': mimeType(found.file),
    'Content-Length': String(body.length),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    // The strict page shows the element under a strict policy with Trusted Types; the sandbox is its provider.
    ...(url.pathname === STRICT_PAGE ? { 'Content-Security-Policy': strictContentSecurityPolicy(`http://127.0.0.1:${port}`) } : {}),
  });
  res.end(body);
}

/**
 * Listens on `port` (0: any free one) of 127.0.0.1 and, where the machine has IPv6, of ::1 too: browsers may resolve
 * localhost to either.
 * @param {number} port
 * @param {import('node:http').RequestListener} onRequest
 */
async function listenOnLoopback(port, onRequest) {
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  /**
   * @param {string} host
   * @param {number} onPort
   * @returns {Promise<import('node:http').Server>}
   */
  const listen = (host, onPort) =>
    new Promise((resolveListen, rejectListen) => {
      const server = createServer(onRequest);
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      server.once('error', rejectListen);
      server.listen(onPort, host, () => {
        server.off('error', rejectListen);
        resolveListen(server);
      });
    });
  const first = await listen('127.0.0.1', port);
  const servers = [first];
  const boundPort = /** @type {import('node:net').AddressInfo} */ (first.address()).port;
  try {
    servers.push(await listen('::1', boundPort));
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') {
      await new Promise((done) => first.close(done));
      throw error;
    }
  }
  return { servers, sockets, port: boundPort };
}

/**
 * @param {{ port?: number, log?: boolean }} [options]
 */
export async function startServer({ port = Number(process.env.PORT) || 8000, log = true } = {}) {
  const sandbox = createSandbox();
  /** @type {ReturnType<typeof createMerchantBackend> | undefined} */
  let backend;
  let actualPort = port;

  /** @type {import('node:http').RequestListener} */
  const onRequest = async (req, res) => {
    const started = Date.now();
    if (log) {
      res.once('finish', () => {
        // Session tokens and the hosted pages' ids are credentials: keep them out of the log.
        console.log(`${req.method} ${maskForLog(req.url ?? '')} ${res.statusCode} ${Date.now() - started}ms`);
      });
    }
    const host = hostCheck(req.headers.host, req.socket.localPort);
    if (host !== 200) {
      return sendText(res, host, host === 421 ? 'Misdirected request: this server answers localhost, 127.0.0.1 and [::1]' : 'Bad Host');
    }
    try {
      if (await sandbox.handle(req, res)) return;
      if (backend && (await backend(req, res))) return;
      await serveStatic(req, res, new URL(req.url ?? '/', 'http://localhost'), actualPort);
    } catch (error) {
      console.error(error);
      sendText(res, 500, 'Internal error');
    }
  };

  const { servers, sockets, port: boundPort } = await listenOnLoopback(port, onRequest);
  actualPort = boundPort;

  const origin = `http://localhost:${actualPort}`;
  const sandboxOrigin = `http://127.0.0.1:${actualPort}`;
  backend = createMerchantBackend({
    pekopay: pekopayConfigFromEnv(`${sandboxOrigin}/sandbox/pekopay`),
    reepay: reepayConfigFromEnv(sandboxOrigin),
    paiwise: paiwiseConfigFromEnv(`${sandboxOrigin}/sandbox/paiwise`),
  });
  // The sandbox's webhooks go to this server's merchant backend, unless PEKOPAY_SANDBOX_WEBHOOK_URL says otherwise.
  if (!sandbox.pekopay.webhooks.url) {
    sandbox.pekopay.webhooks.configure({ url: `${sandboxOrigin}/api/pekopay/webhooks` });
  }

  return {
    port: actualPort,
    origin,
    sandboxOrigin,
    sandbox,
    async close() {
      sandbox.close();
      const closed = servers.map((server) => new Promise((done) => server.close(() => done(undefined))));
      // Hanging requests and keep-alive connections would hold close() open forever.
      for (const socket of sockets) socket.destroy();
      await Promise.all(closed);
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startServer();
  console.log(`pay-checkout demo: ${server.origin}/`);
  console.log('Pay with test card 4242 4242 4242 4242, any future expiry (e.g. 12/34), any CVC and name.');
  console.log(`Sandbox (a different origin to the page): ${server.sandboxOrigin}/sandbox/ — see sandbox/README.md`);
  if (!existsSync(CDN_BUNDLE)) console.warn('dist/cdn/pay-checkout.min.js is missing: run `npm run build` first.');
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

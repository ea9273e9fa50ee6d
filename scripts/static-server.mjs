// A plain static file server for the Storybook build, as any static host would serve it: files only, no
// API, no rewrites. Listens on an ephemeral port of 127.0.0.1.
// @ts-check
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {Partial<Record<string, string>>} Content-Type by file extension */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * @param {URL} dir a folder URL ending in /
 * @returns {Promise<{ origin: string, close(): Promise<void> }>}
 */
export async function serveStatic(dir) {
  const root = fileURLToPath(dir);
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://static.invalid');
    const file = new URL(`.${decodeURIComponent(pathname.endsWith('/') ? `${pathname}index.html` : pathname)}`, dir);
    try {
      if (!fileURLToPath(file).startsWith(root)) throw new Error('outside the folder');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file.pathname)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    }
  });
  await /** @type {Promise<void>} */ (new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)));
  return {
    // Listening on TCP, so its address is an AddressInfo (not a pipe name, nor null).
    origin: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

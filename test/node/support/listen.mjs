// Starts a request handler on a random local port: for Node tests that need a stand-in server of their own
// (a "real" provider, a merchant backend with other settings). No tests here; node --test finds none.
import { createServer } from 'node:http';

/**
 * @param {import('node:http').RequestListener} handler
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function listen(handler) {
  const http = createServer(handler);
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (http.address()).port}`,
    close: () => new Promise((resolve) => (http.closeAllConnections(), http.close(() => resolve()))),
  };
}

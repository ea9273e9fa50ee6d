// The first-load page: the self-contained build loaded as a page loads it (one module script), then one
// configured <pay-checkout> inserted on request. bench/first-load.mjs drives it through
// `globalThis.firstLoad` and reads which build files the page requested before `pay-ready`.
// @ts-check
import '/dist/cdn/pay-checkout.min.js';

/**
 * @typedef {typeof import('../src/index.ts').PayCheckout} PayCheckoutClass
 * @typedef {import('../src/index.ts').PayCheckout} PayCheckout
 * @typedef {import('./first-load.mjs').FirstLoadCase} FirstLoadCase
 */

const SANDBOX_ORIGIN = `http://127.0.0.1:${location.port}`;
const TIMEOUT_MS = 15_000;

// The sandbox's SDK and hosted pages are served from another origin than the real providers'. (The import
// above defined <pay-checkout>.)
/** @type {PayCheckoutClass} */ (customElements.get('pay-checkout')).allowOrigins([SANDBOX_ORIGIN]);
const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));

/**
 * POSTs JSON to the merchant backend (a hosted session, as the host's server would create it).
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<{ id: string, url: string }>}
 */
async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

/**
 * Resolves with performance.now() at `name`; rejects on `pay-error`.
 * @param {HTMLElement} element
 * @param {string} name
 * @returns {Promise<number>}
 */
const eventTime = (element, name) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    element.addEventListener(name, () => (clearTimeout(timer), resolve(performance.now())), { once: true });
    element.addEventListener('pay-error', (event) => {
      clearTimeout(timer);
      reject(new Error(`pay-error ${event.detail.code}: ${event.detail.reason}`));
    });
  });

/** The element `mount` inserted (`submit` and `cardFrame` are called after it). @type {PayCheckout} */
let element;
/** performance.now() when `mount` inserted the element; when it was about to leave for a hosted page. */
const moments = { insertedAt: NaN, redirectAt: NaN };

/** Presses the element's Pay button (mounted and rendered, pay-ready: its shadow root holds it). */
const clickPay = () =>
  /** @type {HTMLButtonElement} */ (/** @type {ShadowRoot} */ (element.shadowRoot).querySelector('button[part="button"]')).click();

globalThis.firstLoad = {
  /**
   * Inserts a <pay-checkout> with `attributes`; with `session`, first creates a hosted session at
   * `session.endpoint` (not timed) and gives the element its id and URL. Resolves with performance.now()
   * at `pay-ready`.
   * @param {Pick<FirstLoadCase, 'attributes' | 'session'>} setup
   */
  async mount({ attributes, session }) {
    element = document.createElement('pay-checkout');
    const all = { ...attributes };
    if (session) {
      const { id, url } = await post(session.endpoint, session.body);
      Object.assign(all, { 'session-id': id, 'session-url': url });
    }
    for (const [name, value] of Object.entries(all)) element.setAttribute(name, value);
    const ready = eventTime(element, 'pay-ready');
    moments.insertedAt = performance.now();
    stage.append(element);
    return ready;
  },

  /**
   * Presses Pay as a payer would once the element is ready, and stays on the page: a redirect is
   * cancelled (`pay-redirect`), its time kept as the moment the hosted page would have been requested.
   */
  press() {
    element.addEventListener('pay-redirect', (event) => (event.preventDefault(), (moments.redirectAt = performance.now())), { once: true });
    clickPay();
  },

  /** When the element was inserted and when it was about to redirect (NaN: not yet). */
  moments: () => ({ ...moments }),

  /** Every request this page made so far: its URL and when it started (performance.now()). */
  log: () => performance.getEntriesByType('resource').map((entry) => ({ url: entry.name, startTime: entry.startTime })),

  /**
   * Presses the element's Pay button; resolves at `event` (e.g. `pay-complete` after an `action` POST).
   * @param {string} event
   */
  submit(event) {
    const done = eventTime(element, event);
    clickPay();
    return done;
  },

  /** The name of the element's card frame (in its light DOM). */
  cardFrame: () => element.querySelector('iframe')?.name,

  /** The build files this page requested so far, each with when (performance.now()) it was requested. */
  requests: () =>
    performance
      .getEntriesByType('resource')
      .map((entry) => ({ path: new URL(entry.name).pathname, startTime: entry.startTime }))
      .filter(({ path }) => path.startsWith('/dist/cdn/') && path.endsWith('.js'))
      .map(({ path, startTime }) => ({ file: path.slice('/dist/cdn/'.length), startTime })),
};

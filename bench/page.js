// The bench page: mounts <pay-checkout> (the built dist/cdn/pay-checkout.min.js) and the seed's vanilla
// PekoCheckoutForm snippet (bench/vanilla.html) on the same sandbox SDK, and times them. bench/run.mjs
// drives it through `globalThis.bench`; every time is performance.now() in this page.
// @ts-check
import '/dist/cdn/pay-checkout.min.js';

/**
 * @typedef {typeof import('../src/index.ts').PayCheckout} PayCheckoutClass
 * @typedef {import('./first-load.mjs').SessionRequest} SessionRequest
 * @typedef {import('./observed-sdk.js').SandboxSdk} SandboxSdk
 * @typedef {import('./observed-sdk.js').SandboxForm} SandboxForm
 */

/**
 * What the run being measured records, each time a performance.now() in the page: written by this page (or
 * the cold page's head, bench/server.mjs) and by observed-sdk.js; a time not reached (yet) is undefined.
 * @typedef {object} BenchRun
 * @property {SandboxForm[]} forms the forms the observed SDK made, for the page to unmount
 * @property {number} [insert] the integration is inserted
 * @property {number} [ready] it is ready: `pay-ready`, the hand-made frame's `load`, the SDK's first field state
 * @property {number} [adapter] the element looks for a global PekoCheckoutForm (it starts loading the SDK)
 * @property {number} [sdkInitialize] `PekoCheckoutForm.initialize()` is called
 * @property {number} [sdkReady] the SDK's first `onFormFieldStateChange`
 * @property {number} [completeTransaction] the SDK calls the integration's `completeTransaction`
 * @property {number} [token] <pay-checkout> dispatches `pay-token`
 * @property {(sdkReady: number) => void} [onSdkReady] told the `sdkReady` time (the vanilla run waits for it)
 */
/** @typedef {typeof globalThis & { benchRun?: BenchRun }} BenchGlobals the bench pages' globals */

/**
 * What each integration's mount takes (see `integrations`).
 * @typedef {object} IntegrationOptions
 * @property {{ token?: string, tokenUrl?: string, attributes?: Record<string, string>, session?: SessionRequest }} element
 * @property {{ session: SessionRequest }} frame
 * @property {{ token: string }} vanilla
 */
/** @typedef {keyof IntegrationOptions} IntegrationName */
/** @typedef {{ run: BenchRun, submit: () => void, remove: () => void }} Mounted an integration in the stage */
/**
 * The mounted integration as bench.times() and bench.submit() read it: they are called only while one is
 * mounted (run.mjs mounts first), when its run has `insert` and `ready`. A time the run did not record
 * (`adapter` of a hand-made frame, say) reads as undefined and its figure as NaN, which run.mjs drops.
 * @typedef {Mounted & { run: Required<BenchRun> }} Measured
 */

const SANDBOX_ORIGIN = `http://127.0.0.1:${location.port}`;
/** The sandbox SDK as both integrations load it in the side-by-side runs: observed (see observed-sdk.js). */
const OBSERVED_SDK_URL = new URL('/bench/observed-sdk.js', location.href).href;
/** The sandbox SDK itself, for the runs that time nothing inside it. */
const SANDBOX_SDK_URL = `${SANDBOX_ORIGIN}/sandbox/pekopay/web/dist/index.js`;
const TIMEOUT_MS = 15_000;

const PayCheckout = /** @type {PayCheckoutClass} */ (customElements.get('pay-checkout')); // defined by the import above
/** globalThis, with the bench's own global (`benchRun`). */
const benchGlobals = /** @type {BenchGlobals} */ (globalThis);

// Where the time before PekoCheckoutForm.initialize() goes: the element looks for a global PekoCheckoutForm
// (DESIGN: a host may load the SDK with its own script tag) when it starts loading the SDK, which its entry
// does as soon as the element has a valid configuration (issue 20), beside the provider chunk's import. This
// page has none; the look-up is only timed.
Object.defineProperty(globalThis, 'PekoCheckoutForm', {
  configurable: true,
  get() {
    const run = benchGlobals.benchRun;
    if (run && run.adapter == null) run.adapter = performance.now();
    return undefined;
  },
});
PayCheckout.allowOrigins([location.origin, SANDBOX_ORIGIN]);
const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));
const snippet = await (await fetch('/bench/vanilla.html')).text();

/**
 * When the integration's own code issues its charge request: the moment the token reached host code.
 * @type {number[]}
 */
const chargeRequests = [];
let onChargeRequest = () => {};
const pageFetch = globalThis.fetch;
/** @param {RequestInfo | URL} input @param {RequestInit} [init] */
globalThis.fetch = function (input, init) {
  if (String(input instanceof Request ? input.url : input).endsWith('/api/checkout/charge')) {
    chargeRequests.push(performance.now());
    onChargeRequest();
  }
  return pageFetch.call(this, input, init);
};

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {string} what
 */
const withTimeout = (promise, what) =>
  Promise.race([
    promise,
    /** @type {Promise<never>} it only rejects */ (
      new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS))
    ),
  ]);

/**
 * A payment-session token from the merchant backend, as a server would render it into the page.
 * @returns {Promise<string>}
 */
const freshToken = async () => (await (await pageFetch('/api/pekopay/token')).json()).token;

/**
 * A hosted session `{ id, url }` from the merchant backend (`endpoint`), as a server would create it.
 * @param {SessionRequest} request
 * @returns {Promise<{ id: string, url: string }>}
 */
async function freshSession({ endpoint, body }) {
  const response = await pageFetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${endpoint} answered ${response.status}`);
  return response.json();
}

/**
 * A <pay-checkout>, not yet inserted: PekoPay in the sandbox unless `attributes` says otherwise.
 * @param {{ sdkUrl?: string, token?: string, tokenUrl?: string, attributes?: Record<string, string> }} [options]
 */
function checkoutElement({ sdkUrl = SANDBOX_SDK_URL, token, tokenUrl, attributes: given } = {}) {
  const element = document.createElement('pay-checkout');
  /** @type {Record<string, string>} */
  const attributes = given ?? { provider: 'pekopay', environment: 'sandbox', 'sdk-url': sdkUrl, amount: '9900', currency: 'CAD' };
  if (token) attributes['session-token'] = token;
  if (tokenUrl) attributes['token-url'] = tokenUrl;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/**
 * Resolves with performance.now() at the element's `pay-ready`; rejects on `pay-error`.
 * @param {HTMLElement} element
 * @returns {Promise<number>}
 */
const readyOf = (element) =>
  new Promise((resolve, reject) => {
    element.addEventListener('pay-ready', () => resolve(performance.now()), { once: true });
    element.addEventListener('pay-error', (event) => reject(new Error(`pay-error ${event.detail.code}: ${event.detail.reason}`)));
  });

/**
 * The integration mounted by the current side-by-side run.
 * @type {Mounted | undefined}
 */
let current;

/**
 * The integrations timed side by side. Each mounts itself into the stage, resolves when ready with the
 * name of its hosted card frame, and knows how to submit and to go away.
 * @type {{ [K in IntegrationName]: (options: IntegrationOptions[K]) => Promise<string | undefined> }}
 */
const integrations = {
  /**
   * <pay-checkout>: insertion → `pay-ready`. PekoPay on the observed SDK with the token given (as the
   * snippet's is) or fetched (`tokenUrl`), or any provider's `attributes`; with `session`, a hosted session
   * created first (not timed) and given as `session-id` and `session-url`.
   */
  async element({ token, tokenUrl, attributes, session }) {
    /** @type {BenchRun} */
    const run = (benchGlobals.benchRun = { forms: [] });
    const element = checkoutElement({ sdkUrl: OBSERVED_SDK_URL, token, tokenUrl, attributes });
    if (session) {
      const { id, url } = await freshSession(session);
      element.setAttribute('session-id', id);
      element.setAttribute('session-url', url);
    }
    const ready = readyOf(element);
    element.addEventListener('pay-token', (event) => {
      run.token = performance.now();
      // What a host does with the token (README): send it to its backend.
      fetch('/api/checkout/charge', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ paymentToken: event.detail.paymentToken }),
      });
    });
    run.insert = performance.now();
    stage.append(element);
    run.ready = await withTimeout(ready, 'pay-ready');
    current = {
      run,
      // Rendered by now (pay-ready): its shadow root holds the Pay button.
      submit: () => /** @type {HTMLButtonElement} */ (/** @type {ShadowRoot} */ (element.shadowRoot).querySelector('button')).click(),
      remove: () => element.remove(),
    };
    return element.querySelector('iframe')?.name;
  },

  /**
   * A hosted checkout page framed by hand, as a page without the element would: a session created first
   * (not timed), then an `<iframe>` of its URL added by plain script. Insertion → the frame's `load`, when
   * the element's inline frame reports ready too (the Reepay and Paiwise adapters show it on `load`).
   */
  async frame({ session }) {
    /** @type {BenchRun} */
    const run = (benchGlobals.benchRun = { forms: [] });
    const { url } = await freshSession(session);
    const frame = Object.assign(document.createElement('iframe'), { src: url, title: 'Checkout', allow: 'payment' });
    /** @type {Promise<number>} */
    const ready = new Promise((resolve) => frame.addEventListener('load', () => resolve(performance.now()), { once: true }));
    run.insert = performance.now();
    stage.append(frame);
    run.ready = await withTimeout(ready, 'frame load');
    current = { run, submit: () => {}, remove: () => frame.remove() };
    return frame.name;
  },

  /** The seed's snippet, its SDK import pointed at the sandbox SDK: insertion → the SDK's first field state. */
  async vanilla({ token }) {
    /** @type {BenchRun} */
    const run = (benchGlobals.benchRun = { forms: [] });
    const template = document.createElement('template');
    template.innerHTML = snippet.replace('<PAYMENT_TOKEN_FROM_BACKEND>', token);
    // Scripts parsed by innerHTML never run: re-created, the snippet's runs as it would in a page.
    for (const parsed of template.content.querySelectorAll('script')) {
      const script = document.createElement('script');
      script.type = parsed.type;
      script.textContent = parsed.textContent;
      parsed.replaceWith(script);
    }
    const box = document.createElement('div');
    box.append(template.content);
    /** @type {Promise<number>} */
    const ready = new Promise((resolve) => (run.onSdkReady = resolve));
    run.insert = performance.now();
    stage.append(box);
    run.ready = await withTimeout(ready, 'vanilla ready');
    current = {
      run,
      submit: () => /** @type {HTMLButtonElement} */ (box.querySelector('#pay-button')).click(),
      // The snippet has no teardown; the bench unmounts its form so the next run starts clean.
      remove: () => {
        for (const form of run.forms) form.unmount();
        box.remove();
      },
    };
    return /** @type {HTMLIFrameElement} */ (box.querySelector('iframe')).name; // the SDK's card frame, mounted
  },
};

globalThis.bench = {
  freshToken,
  integrations: Object.keys(integrations),

  /** performance.now()'s resolution in this page (coarsened unless cross-origin isolated). */
  clockResolution() {
    let smallest = Infinity;
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      let next = performance.now();
      while (next == start) next = performance.now();
      smallest = Math.min(smallest, next - start);
    }
    return smallest;
  },

  /**
   * Mounts one integration; resolves with its card frame's name once it is ready.
   * @template {IntegrationName} N
   * @param {N} name
   * @param {IntegrationOptions[N]} options
   */
  mount: (name, options) => integrations[name](options),

  /** The mounted integration's times so far (for scenarios that only time readiness). */
  times: () => {
    const { run } = /** @type {Measured} */ (current);
    return { ready: run.ready - run.insert };
  },

  /** Submits the mounted integration and resolves with its times once its charge request went out. */
  async submit() {
    const { run } = /** @type {Measured} */ (current);
    const seen = chargeRequests.length;
    /** @type {Promise<void>} */
    const charged = new Promise((resolve) => (onChargeRequest = () => chargeRequests.length > seen && resolve()));
    /** @type {Mounted} */ (current).submit();
    await withTimeout(charged, 'charge request');
    onChargeRequest = () => {};
    return {
      ready: run.ready - run.insert,
      adapter: run.adapter - run.insert,
      sdkInitialize: run.sdkInitialize - run.insert,
      sdkReady: run.sdkReady - run.insert,
      completeToCharge: chargeRequests[seen] - run.completeTransaction,
      completeToToken: run.token == null ? null : run.token - run.completeTransaction,
    };
  },

  remove() {
    current?.remove();
    current = undefined;
    benchGlobals.benchRun = undefined;
  },

  /**
   * Mounts and removes <pay-checkout> `count` times, one at a time, each fetching its own token from the
   * merchant backend. `untilReady`: each waits for `pay-ready` first; otherwise each is removed one task
   * after insertion, while it is loading (its token fetch and SDK work are aborted).
   * @param {number} count
   * @param {boolean} untilReady
   */
  async cycles(count, untilReady) {
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const element = checkoutElement({ tokenUrl: '/api/pekopay/token' });
      const ready = readyOf(element);
      stage.append(element);
      if (untilReady) await withTimeout(ready, `cycle ${i}: pay-ready`);
      else {
        ready.catch(() => {});
        await new Promise((resolve) => setTimeout(resolve));
      }
      element.remove();
    }
    return (performance.now() - started) / count;
  },

  /**
   * Inserts `count` instances at once (tokens fetched beforehand) and times insertion → each one ready:
   * `element`: <pay-checkout>s, to `pay-ready`; `sdk`: as many containers given to the sandbox's
   * PekoCheckoutForm directly (what `count` copies of the vanilla snippet would do), to their first field
   * state. An instance that fails (e.g. the sandbox frame's own 10 s load limit on a busy machine) is counted.
   * @param {number} count
   * @param {'element' | 'sdk'} kind
   */
  async instances(count, kind) {
    const tokens = await Promise.all(Array.from({ length: count }, freshToken));
    /** @type {SandboxSdk} */
    const { PekoCheckoutForm } = await import(SANDBOX_SDK_URL);
    const nodes = tokens.map((token) => (kind == 'element' ? checkoutElement({ token }) : document.createElement('div')));
    /** @type {SandboxForm[]} */
    const forms = [];
    const fragment = document.createDocumentFragment();
    fragment.append(...nodes);
    const insert = performance.now();
    stage.append(fragment);
    /** @type {Promise<number>[]} */
    const readies = nodes.map((node, i) =>
      kind == 'element'
        ? readyOf(node)
        : new Promise((resolve, reject) => {
            const form = PekoCheckoutForm.initialize({
              sessionToken: tokens[i],
              environment: 'sandbox',
              container: node,
              completeTransaction() {},
              onFormFieldStateChange: () => resolve(performance.now()),
              onLoadError: (error) => reject(new Error(`onLoadError ${error.code}: ${error.message}`)),
            });
            forms.push(form);
            form.mount();
          }),
    );
    const settled = await withTimeout(Promise.allSettled(readies), `${count} instances`);
    for (const form of forms) form.unmount();
    for (const node of nodes) node.remove();
    const times = settled.filter((result) => result.status == 'fulfilled').map((result) => result.value - insert);
    times.sort((a, b) => a - b);
    return {
      ready: times.length,
      failed: settled.filter((result) => result.status == 'rejected').map((result) => result.reason.message),
      first: times[0],
      median: times[times.length >> 1],
      all: times.length == count ? times[count - 1] : null,
    };
  },

  counts: () => ({ iframes: document.querySelectorAll('iframe').length, elements: document.querySelectorAll('*').length }),
};

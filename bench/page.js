// The bench page: mounts <pay-checkout> (the built dist/cdn/pay-checkout.min.js) and the seed's vanilla
// PekoCheckoutForm snippet (bench/vanilla.html) on the same sandbox SDK, and times them. bench/run.mjs
// drives it through `globalThis.bench`; every time is performance.now() in this page.
import '/dist/cdn/pay-checkout.min.js';

const SANDBOX_ORIGIN = `http://127.0.0.1:${location.port}`;
/** The sandbox SDK as both integrations load it in the side-by-side runs: observed (see observed-sdk.js). */
const OBSERVED_SDK_URL = new URL('/bench/observed-sdk.js', location.href).href;
/** The sandbox SDK itself, for the runs that time nothing inside it. */
const SANDBOX_SDK_URL = `${SANDBOX_ORIGIN}/sandbox/pekopay/web/dist/index.js`;
const TIMEOUT_MS = 15_000;

const PayCheckout = customElements.get('pay-checkout');

// Where the time before PekoCheckoutForm.initialize() goes: the PekoPay adapter looks for a global
// PekoCheckoutForm (DESIGN: a host may load the SDK with its own script tag) when it starts loading the SDK,
// after the element rendered and its provider chunk ran. This page has none; the look-up is only timed.
Object.defineProperty(globalThis, 'PekoCheckoutForm', {
  configurable: true,
  get() {
    const run = globalThis.benchRun;
    if (run && run.adapter == null) run.adapter = performance.now();
    return undefined;
  },
});
PayCheckout.allowOrigins([location.origin, SANDBOX_ORIGIN]);
const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));
const snippet = await (await fetch('/bench/vanilla.html')).text();

/** When the integration's own code issues its charge request: the moment the token reached host code. */
const chargeRequests = [];
let onChargeRequest = () => {};
const pageFetch = globalThis.fetch;
globalThis.fetch = function (input, init) {
  if (String(input instanceof Request ? input.url : input).endsWith('/api/checkout/charge')) {
    chargeRequests.push(performance.now());
    onChargeRequest();
  }
  return pageFetch.call(this, input, init);
};

const withTimeout = (promise, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
  ]);

/** A payment-session token from the merchant backend, as a server would render it into the page. */
const freshToken = async () => (await (await pageFetch('/api/pekopay/token')).json()).token;

/** A hosted session `{ id, url }` from the merchant backend (`endpoint`), as a server would create it. */
async function freshSession({ endpoint, body }) {
  const response = await pageFetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${endpoint} answered ${response.status}`);
  return response.json();
}

/** A <pay-checkout>, not yet inserted: PekoPay in the sandbox unless `attributes` says otherwise. */
function checkoutElement({ sdkUrl = SANDBOX_SDK_URL, token, tokenUrl, attributes: given } = {}) {
  const element = document.createElement('pay-checkout');
  const attributes = given ?? { provider: 'pekopay', environment: 'sandbox', 'sdk-url': sdkUrl, amount: '9900', currency: 'CAD' };
  if (token) attributes['session-token'] = token;
  if (tokenUrl) attributes['token-url'] = tokenUrl;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

const readyOf = (element) =>
  new Promise((resolve, reject) => {
    element.addEventListener('pay-ready', () => resolve(performance.now()), { once: true });
    element.addEventListener('pay-error', (event) => reject(new Error(`pay-error ${event.detail.code}: ${event.detail.reason}`)));
  });

/** The integration mounted by the current side-by-side run. */
let current;

/**
 * The integrations timed side by side. Each mounts itself into the stage, resolves when ready with the
 * name of its hosted card frame, and knows how to submit and to go away.
 */
const integrations = {
  /**
   * <pay-checkout>: insertion → `pay-ready`. PekoPay on the observed SDK with the token given (as the
   * snippet's is) or fetched (`tokenUrl`), or any provider's `attributes`; with `session`, a hosted session
   * created first (not timed) and given as `session-id` and `session-url`.
   */
  async element({ token, tokenUrl, attributes, session }) {
    const run = (globalThis.benchRun = { forms: [] });
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
      submit: () => element.shadowRoot.querySelector('button').click(),
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
    const run = (globalThis.benchRun = { forms: [] });
    const { url } = await freshSession(session);
    const frame = Object.assign(document.createElement('iframe'), { src: url, title: 'Checkout', allow: 'payment' });
    const ready = new Promise((resolve) => frame.addEventListener('load', () => resolve(performance.now()), { once: true }));
    run.insert = performance.now();
    stage.append(frame);
    run.ready = await withTimeout(ready, 'frame load');
    current = { run, submit: () => {}, remove: () => frame.remove() };
    return frame.name;
  },

  /** The seed's snippet, its SDK import pointed at the sandbox SDK: insertion → the SDK's first field state. */
  async vanilla({ token }) {
    const run = (globalThis.benchRun = { forms: [] });
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
    const ready = new Promise((resolve) => (run.onSdkReady = resolve));
    run.insert = performance.now();
    stage.append(box);
    run.ready = await withTimeout(ready, 'vanilla ready');
    current = {
      run,
      submit: () => box.querySelector('#pay-button').click(),
      // The snippet has no teardown; the bench unmounts its form so the next run starts clean.
      remove: () => {
        for (const form of run.forms) form.unmount();
        box.remove();
      },
    };
    return box.querySelector('iframe').name;
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

  /** Mounts one integration; resolves with its card frame's name once it is ready. */
  mount: (name, options) => integrations[name](options),

  /** The mounted integration's times so far (for scenarios that only time readiness). */
  times: () => ({ ready: current.run.ready - current.run.insert }),

  /** Submits the mounted integration and resolves with its times once its charge request went out. */
  async submit() {
    const { run } = current;
    const seen = chargeRequests.length;
    const charged = new Promise((resolve) => (onChargeRequest = () => chargeRequests.length > seen && resolve()));
    current.submit();
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
    globalThis.benchRun = undefined;
  },

  /**
   * Mounts and removes <pay-checkout> `count` times, one at a time, each fetching its own token from the
   * merchant backend. `untilReady`: each waits for `pay-ready` first; otherwise each is removed one task
   * after insertion, while it is loading (its token fetch and SDK work are aborted).
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
   */
  async instances(count, kind) {
    const tokens = await Promise.all(Array.from({ length: count }, freshToken));
    const { PekoCheckoutForm } = await import(SANDBOX_SDK_URL);
    const nodes = tokens.map((token) => (kind == 'element' ? checkoutElement({ token }) : document.createElement('div')));
    const forms = [];
    const fragment = document.createDocumentFragment();
    fragment.append(...nodes);
    const insert = performance.now();
    stage.append(fragment);
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

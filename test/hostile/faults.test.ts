// Faults: one table of failure cases, each driven through the element against the sandbox's fault switches
// (token endpoint, SDK module, card frame, tokenize call, session endpoint, hosted page and its API, the
// `action` endpoint), plus removal, provider and mode switches and rapid submits mid-flow. Every case must
// end in exactly one documented `pay-error` (the code in the row) or a correct recovery, leave a usable
// element, throw nothing uncaught, emit no duplicate token or completion, and leave nothing running once
// the element is removed. Adding a provider is a table edit: a builder in BUILDERS, and for a hosted
// checkout an entry in HOSTED (its session endpoint and how to make its hosted page fail). Providers:
// PekoPay, Reepay, Paiwise.
import '../setup/listeners.js';
import { expect, waitUntil } from '@open-wc/testing';
import { PayCheckout } from '../../src/index.js';
import type { PayErrorCode } from '../../src/errors.js';
import type { PayErrorDetail } from '../../src/events/pay-error.js';
import type { PayTokenDetail } from '../../src/events/pay-token.js';
import en from '../../src/locales/en.js';
import {
  CARDS,
  SAVED_CARDS,
  SDK_URL,
  TOKEN_URL,
  button,
  cardFrame,
  configurePekopay,
  fetchToken,
  message,
  retry,
  retryButton,
  sleep,
  typeCard,
  dialog,
  CHECKOUT,
  createSession,
  PAIWISE_RETURN,
  createPaiwiseSession,
} from './sandbox-helpers.js';
import { PAIWISE_SESSION_ENDPOINT, REEPAY_SESSION_ENDPOINT, hostedFrame, inFrame, testCard } from '../e2e/support.js';
import { figure } from './figures.js';

type Provider = 'pekopay' | 'reepay' | 'paiwise';
const PROVIDERS: Record<Provider, string> = { pekopay: 'PekoPay', reepay: 'Reepay', paiwise: 'Paiwise' };
type Timeouts = typeof PayCheckout.timeouts;
type Attributes = Record<string, string | null>;

const ACTION = '/api/actions/charge';
/** A light page on this origin for a Paiwise checkout to come back to (the test page must not load in a frame). */

/** How to build an element of each provider against the sandbox (attributes override, null removes). */
const BUILDERS: Record<Provider, (attributes: Attributes) => PayCheckout> = {
  pekopay: (attributes) => configurePekopay(document.createElement('pay-checkout'), attributes),
  reepay: (attributes) =>
    setAttributes(document.createElement('pay-checkout'), {
      provider: 'reepay',
      environment: 'sandbox',
      amount: '91900',
      currency: 'DKK',
      ...attributes,
    }),
  paiwise: (attributes) =>
    setAttributes(document.createElement('pay-checkout'), {
      provider: 'paiwise',
      environment: 'sandbox',
      amount: '89900',
      currency: 'SEK',
      ...attributes,
    }),
};

/** A Paiwise checkout the demo merchant backend creates (for an inline frame): `{ id, url }` on the sandbox. */
/** Sets (null: removes) attributes; a change takes effect at the element's next update (see `reconfigure`). */
const setAttributes = (element: PayCheckout, attributes: Attributes): PayCheckout => {
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null) element.removeAttribute(name);
    else element.setAttribute(name, value);
  }
  return element;
};

/** One element's case: what it emitted, and whether anything came after it was removed. */
class Trial {
  readonly errors: { detail: PayErrorDetail; element: PayCheckout }[] = [];
  readonly tokens: PayTokenDetail[] = [];
  readonly completes: unknown[] = [];
  /** The pay-complete details of an `action` POST that succeeded (they carry its answer, `body`). */
  readonly successes: unknown[] = [];
  readonly uncaught: string[] = [];
  readonly elements: PayCheckout[] = [];
  /** Events emitted by an element while it was out of the document. */
  readonly whileRemoved: string[] = [];

  private readonly _onError = (event: ErrorEvent) => this.uncaught.push(`error: ${event.message}`);
  private readonly _onRejection = (event: PromiseRejectionEvent) => this.uncaught.push(`unhandledrejection: ${event.reason}`);

  constructor() {
    window.addEventListener('error', this._onError);
    window.addEventListener('unhandledrejection', this._onRejection);
  }

  /** A connected element of `provider` with `attributes` (and `properties`), its events recorded. */
  make(provider: Provider, attributes: Attributes = {}, properties: Partial<PayCheckout> = {}): PayCheckout {
    const element = BUILDERS[provider](attributes);
    Object.assign(element, properties);
    this.elements.push(element);
    for (const type of ['pay-error', 'pay-token', 'pay-complete', 'pay-cancel', 'pay-ready']) {
      element.addEventListener(type, (event) => {
        if (!element.isConnected) this.whileRemoved.push(type);
        const { detail } = event as CustomEvent;
        if (type == 'pay-error') this.errors.push({ detail, element });
        if (type == 'pay-token') this.tokens.push(detail);
        if (type == 'pay-complete') this.completes.push(detail);
        if (type == 'pay-complete' && 'body' in detail) this.successes.push(detail);
      });
    }
    document.body.append(element);
    return element;
  }

  /** Resolves once `element` is ready; fails at once if it reports an error instead. */
  async ready(element: PayCheckout, timeout = 10_000): Promise<void> {
    const errors = this.errors.length;
    await waitUntil(() => element.status == 'ready' || this.errors.length > errors, `not ready (status ${element.status})`, { timeout });
    expect(
      this.errors.slice(errors).map(({ detail }) => detail.reason),
      'errors while getting ready',
    ).to.deep.equal([]);
  }

  /** Resolves once the trial has seen `count` pay-errors in all. */
  async error(count = 1, timeout = 12_000): Promise<PayErrorDetail> {
    await waitUntil(() => this.errors.length >= count, 'no pay-error', { timeout });
    return this.errors[count - 1]!.detail;
  }

  /** Clicks Pay and resolves with the token it leads to. */
  async pay(element: PayCheckout, timeout = 10_000): Promise<PayTokenDetail> {
    const count = this.tokens.length;
    button(element).click();
    await waitUntil(() => this.tokens.length > count, 'no pay-token', { timeout });
    return this.tokens[count]!;
  }

  /** Opens the hosted checkout with Pay and resolves when it is on screen. */
  async open(element: PayCheckout): Promise<void> {
    await this.ready(element);
    button(element).click();
    await waitUntil(
      () => element.status == 'ready' && !!hostedFrame(element) && !hostedFrame(element)!.hidden,
      'the checkout did not open',
      {
        timeout: 10_000,
      },
    );
  }

  removeAll(): void {
    for (const element of this.elements) element.remove();
    window.removeEventListener('error', this._onError);
    window.removeEventListener('unhandledrejection', this._onRejection);
  }
}

interface FaultCase {
  provider: Provider;
  /** The fault, as a sentence fragment: "the token endpoint answers 500". */
  what: string;
  /** The one pay-error code the fault must end in, or `recovery` (no error at all). */
  outcome: PayErrorCode | 'recovery';
  /** Shorter limits while the fault runs (restored before the recovery). */
  timeouts?: Partial<Timeouts>;
  /** Drives the fault; resolves once its outcome is in. */
  fault(t: Trial): Promise<void>;
  /** Shows the element is usable afterwards (fixing the input, Retry, reset(), paying again). */
  recover(t: Trial): Promise<void>;
}

const CASES: FaultCase[] = [];
const row = (provider: Provider, what: string, outcome: FaultCase['outcome'], rest: Omit<FaultCase, 'provider' | 'what' | 'outcome'>) =>
  CASES.push({ provider, what, outcome, ...rest });

/** The first element of the trial. */
const first = (t: Trial): PayCheckout => t.elements[0]!;

/** Changes attributes and lets the element apply them (it restarts in its next update), before any click. */
const reconfigure = async (element: PayCheckout, attributes: Attributes): Promise<void> => {
  setAttributes(element, attributes);
  await element.updateComplete;
};

/** Fixes the attributes of the first element and waits for it to be ready again. */
const fixed = (attributes: Attributes) => async (t: Trial) => {
  await reconfigure(first(t), attributes);
  await t.ready(first(t));
};

// ── PekoPay ──────────────────────────────────────────────────────────────────────────────────────────────
/** A PekoPay case that fails while loading, recovered by fixing one attribute. */
const pekopayLoadFault = (what: string, outcome: PayErrorCode, attributes: Attributes, fix: Attributes, timeouts?: Partial<Timeouts>) =>
  row('pekopay', what, outcome, {
    ...(timeouts && { timeouts }),
    async fault(t) {
      t.make('pekopay', attributes);
      await t.error();
    },
    recover: fixed(fix),
  });

/** The hosted fields ready with a card typed, then Pay: the fault is in tokenizing. Fixed by a clean SDK URL. */
const pekopaySubmitFault = (what: string, outcome: PayErrorCode, sdkQuery: string, number: string = CARDS.visa) =>
  row('pekopay', what, outcome, {
    async fault(t) {
      const element = t.make('pekopay', { 'sdk-url': `${SDK_URL}?${sdkQuery}` });
      await t.ready(element);
      await typeCard(element, { number });
      button(element).click();
      await t.error();
      expect(element.status, 'the fields stay').to.equal('ready');
    },
    recover: fixed({ 'sdk-url': SDK_URL }),
  });

for (const [fault, what] of [
  ['500', 'answers 500 (three attempts)'],
  ['malformed', 'answers invalid JSON'],
  ['missing', 'answers JSON without a token'],
]) {
  pekopayLoadFault(
    `the token endpoint ${what}`,
    'token-fetch',
    { 'token-url': `${TOKEN_URL}?sandbox_fault=${fault}` },
    { 'token-url': TOKEN_URL },
  );
}
pekopayLoadFault(
  'the token endpoint is slower than the token timeout',
  'token-fetch',
  { 'token-url': `${TOKEN_URL}?sandbox_fault=slow&sandbox_delay=1500` },
  { 'token-url': TOKEN_URL },
  { token: 300 },
);
pekopayLoadFault(
  'the token endpoint never answers',
  'token-fetch',
  { 'token-url': `${TOKEN_URL}?sandbox_fault=hang` },
  { 'token-url': TOKEN_URL },
  { token: 300 },
);

for (const [fault, what] of [
  ['404', 'answers 404'],
  ['syntax', 'has a syntax error'],
  ['malformed', 'exports a PekoCheckoutForm that is not one'],
  ['missing', 'exports nothing'],
]) {
  pekopayLoadFault(`the SDK module ${what}`, 'sdk-load', { 'sdk-url': `${SDK_URL}?sandbox_fault=${fault}` }, { 'sdk-url': SDK_URL });
}
pekopayLoadFault(
  'the SDK module never resolves',
  'sdk-load',
  { 'sdk-url': `${SDK_URL}?sandbox_fault=hang` },
  { 'sdk-url': SDK_URL },
  { sdk: 300 },
);
pekopayLoadFault(
  'the card frame never loads',
  'sdk-load',
  { 'sdk-url': `${SDK_URL}?frame_fault=hang` },
  { 'sdk-url': SDK_URL },
  { mount: 500 },
);
// The 404 page loads: the element's grace period takes the silent frame as ready, the SDK's own 10 s limit
// then calls onLoadError (frame_load_failed).
pekopayLoadFault(
  'the card frame answers 404 (onLoadError frame_load_failed)',
  'sdk-load',
  { 'sdk-url': `${SDK_URL}?frame_fault=404` },
  { 'sdk-url': SDK_URL },
);
pekopayLoadFault(
  'the SDK calls onLoadError for an unknown session token',
  'sdk-load',
  { 'token-url': null, 'session-token': 'sess_00000000000000000000000000000000' },
  { 'session-token': null, 'token-url': TOKEN_URL },
);

row(
  'pekopay',
  'the given session token expired before the fields load, nothing can refresh it (onLoadError token_expired)',
  'token-expired',
  {
    async fault(t) {
      const expired = await fetchToken('?ttl=1');
      await sleep(1100);
      t.make('pekopay', { 'token-url': null, 'session-token': expired });
      await t.error();
    },
    recover: fixed({ 'session-token': null, 'token-url': TOKEN_URL }),
  },
);

row('pekopay', 'the token expires while the card is typed, token-url refreshes it', 'recovery', {
  async fault(t) {
    const element = t.make('pekopay', { 'token-url': `${TOKEN_URL}?ttl=1` });
    await t.ready(element);
    await typeCard(element);
    await sleep(1100);
    expect((await t.pay(element)).paymentToken).to.match(/^sess_/);
  },
  async recover(t) {
    first(t).reset();
    await t.ready(first(t));
  },
});

row('pekopay', 'the token expires while the card is typed and nothing can refresh it', 'token-expired', {
  async fault(t) {
    const element = t.make('pekopay', { 'token-url': null, 'session-token': await fetchToken('?ttl=1') });
    await t.ready(element);
    await typeCard(element);
    await sleep(1100);
    button(element).click();
    await t.error();
  },
  recover: fixed({ 'session-token': null, 'token-url': TOKEN_URL }),
});

row('pekopay', 'the token expires while the card is typed and the token endpoint fails (Retry, then Pay)', 'token-fetch', {
  async fault(t) {
    let down = false;
    const element = t.make(
      'pekopay',
      { 'token-url': null },
      {
        sessionTokenProvider: () => fetchToken(down ? '?sandbox_fault=500' : '?ttl=1'),
      },
    );
    await t.ready(element);
    await typeCard(element);
    await sleep(1100);
    down = true;
    button(element).click();
    await t.error();
    expect(element.status, 'the fields stay').to.equal('ready');
    down = false;
  },
  async recover(t) {
    const element = first(t);
    await retry(element);
    await t.pay(element);
  },
});

pekopaySubmitFault('the tokenize request fails mid-submit (500)', 'tokenize', 'tokenize_fault=500');
pekopaySubmitFault('the tokenize request gets an unreadable answer mid-submit', 'tokenize', 'tokenize_fault=malformed');
pekopaySubmitFault('the connection drops mid-submit (tokenize 404)', 'tokenize', 'tokenize_fault=404');
pekopaySubmitFault('the card is declined', 'declined', '', CARDS.declined);

row('pekopay', 'the tokenize request never answers', 'timeout', {
  timeouts: { submit: 500 },
  async fault(t) {
    const element = t.make('pekopay', { 'sdk-url': `${SDK_URL}?tokenize_fault=hang` });
    await t.ready(element);
    await typeCard(element);
    button(element).click();
    await t.error();
    expect(element.status).to.equal('ready');
  },
  recover: fixed({ 'sdk-url': SDK_URL }),
});

row('pekopay', 'tokenizing (the slow test card) takes longer than the submit timeout; Pay again joins it', 'timeout', {
  timeouts: { submit: 500 },
  async fault(t) {
    const element = t.make('pekopay');
    await t.ready(element);
    await typeCard(element, { number: CARDS.slow });
    button(element).click();
    await t.error();
    expect(element.status).to.equal('ready');
  },
  async recover(t) {
    await t.pay(first(t));
    await sleep(300);
    expect(t.tokens).to.have.length(1);
  },
});

row('pekopay', 'Pay is pressed with the card fields empty', 'validation', {
  async fault(t) {
    const element = t.make('pekopay');
    await t.ready(element);
    button(element).click();
    await t.error();
    expect(element.status).to.equal('ready');
  },
  async recover(t) {
    await typeCard(first(t));
    await t.pay(first(t));
  },
});

for (const [fail, what] of [
  ['500', 'answers 500'],
  ['network', 'drops the connection'],
  ['hang', 'never answers'],
]) {
  row('pekopay', `the action endpoint ${what}; Retry posts again with the same key`, 'action-failed', {
    ...(fail == 'hang' && { timeouts: { action: 400 } }),
    async fault(t) {
      const element = t.make('pekopay', { cards: JSON.stringify(SAVED_CARDS), action: `${ACTION}?fail=${fail}&fail_times=1` });
      await t.ready(element);
      button(element).click();
      await t.error();
      expect(element.status).to.equal('error');
    },
    async recover(t) {
      const element = first(t);
      await element.updateComplete;
      retryButton(element)!.click();
      await waitUntil(() => t.successes.length == 1, 'Retry did not post', { timeout: 10_000 });
      const { attempts, idempotencyKey } = (t.successes[0] as { body: { attempts: number; idempotencyKey: string } }).body;
      expect(attempts).to.equal(2);
      expect(idempotencyKey).to.equal(t.tokens[0]!.idempotencyKey);
      expect(element.status).to.equal('complete');
    },
  });
}

/** A PekoPay element submitting the slow test card (tokenizing takes 3 s). */
const submittingSlowCard = async (t: Trial): Promise<PayCheckout> => {
  const element = t.make('pekopay');
  await t.ready(element);
  await typeCard(element, { number: CARDS.slow });
  button(element).click();
  return element;
};

row('pekopay', 'the element is removed mid-submit (slow card) and re-added', 'recovery', {
  async fault(t) {
    const element = await submittingSlowCard(t);
    await waitUntil(() => element.status == 'submitting', 'not submitting', { timeout: 5_000 });
    element.remove();
    expect(element.status).to.equal('idle');
    expect(document.querySelectorAll('iframe'), 'no frame left').to.have.length(0);
    document.body.append(element);
  },
  async recover(t) {
    const element = first(t);
    const started = performance.now();
    await t.ready(element);
    await typeCard(element);
    const { card } = await t.pay(element);
    expect(card?.last4).to.equal('4242');
    // Past the slow card's 3 s: the first submit never comes back.
    await sleep(Math.max(0, 3500 - (performance.now() - started)));
    expect(t.tokens).to.have.length(1);
  },
});

row('pekopay', 'the element is removed while the SDK module is still loading and re-added', 'recovery', {
  async fault(t) {
    const element = t.make('pekopay', { 'sdk-url': `${SDK_URL}?sandbox_fault=slow&sandbox_delay=400` });
    await sleep(50);
    element.remove();
    await sleep(600);
    expect(element.querySelector('iframe'), 'nothing mounted while removed').to.equal(null);
    document.body.append(element);
  },
  async recover(t) {
    await t.ready(first(t));
    expect(document.querySelectorAll('iframe')).to.have.length(1);
  },
});

row('pekopay', 'the provider is switched to Reepay mid-submit', 'recovery', {
  async fault(t) {
    const element = await submittingSlowCard(t);
    await waitUntil(() => element.status == 'submitting', 'not submitting', { timeout: 5_000 });
    // PekoPay's own options go with it: left on a Reepay element they would be a config error.
    await reconfigure(element, { provider: 'reepay', 'session-endpoint': REEPAY_SESSION_ENDPOINT, 'sdk-url': null, 'token-url': null });
    await t.ready(element);
    expect(document.querySelectorAll('iframe'), 'the card frame is gone').to.have.length(0);
  },
  async recover(t) {
    await t.open(first(t));
    expect(dialog(first(t))!.open).to.equal(true);
    await sleep(3000);
    expect(t.tokens, 'the abandoned PekoPay submit emits nothing').to.have.length(0);
  },
});

row('pekopay', 'Pay is clicked five times and submit() called twice while tokenizing', 'recovery', {
  async fault(t) {
    const element = await submittingSlowCard(t);
    for (let i = 0; i < 4; i++) button(element).click();
    void element.submit();
    void element.submit();
    await waitUntil(() => t.tokens.length == 1, 'no token', { timeout: 10_000 });
    await sleep(500);
    expect(t.tokens).to.have.length(1);
  },
  async recover(t) {
    first(t).reset();
    await t.ready(first(t));
    expect(document.querySelectorAll('iframe')).to.have.length(1);
  },
});

row('pekopay', 'Pay is clicked five times and submit() called twice with a saved card and action', 'recovery', {
  async fault(t) {
    const element = t.make('pekopay', { cards: JSON.stringify(SAVED_CARDS), action: ACTION });
    await t.ready(element);
    for (let i = 0; i < 5; i++) button(element).click();
    void element.submit();
    void element.submit();
    await waitUntil(() => t.successes.length == 1, 'no pay-complete', { timeout: 10_000 });
    await sleep(300);
    expect(t.tokens).to.have.length(1);
    expect((t.successes[0] as { body: { attempts: number } }).body.attempts, 'one POST').to.equal(1);
  },
  async recover(t) {
    first(t).reset();
    await t.ready(first(t));
  },
});

// ── Hosted checkouts (Reepay, Paiwise) ──────────────────────────────────────────
interface HostedSpec {
  /** The demo backend's session endpoint. */
  endpoint: string;
  /** Attributes naming a session whose hosted page URL carries `query` (the page's fault switches). */
  pageWith(query: string): Promise<Attributes>;
  /**
   * Whether a page that loads but is broken (a 404 page, a page without its script) keeps a modal from
   * opening: only with a frame protocol, where the page says it is open.
   */
  detectsBrokenPage: boolean;
  /** Faults of this provider's page beyond the common ones, each making a modal fail before it opens: [what, code, query, timeouts]. */
  modalFaults: [string, PayErrorCode, string, Partial<Timeouts>?][];
}

const HOSTED: Partial<Record<Provider, HostedSpec>> = {
  reepay: {
    endpoint: REEPAY_SESSION_ENDPOINT,
    pageWith: async (query) => ({ 'session-url': `${CHECKOUT}?${query}#/${(await createSession()).id}` }),
    detectsBrokenPage: true,
    modalFaults: [
      ["the hosted page's API answers 500 before the modal opened", 'session', 'api_fault=500'],
      ["the hosted page's API never answers (modal)", 'frame-load', 'api_fault=hang', { mount: 500 }],
    ],
  },
  paiwise: {
    endpoint: PAIWISE_SESSION_ENDPOINT,
    pageWith: async (query) => ({ 'session-url': `${(await createPaiwiseSession()).url}&${query}` }),
    // Paiwise has no frame protocol: its page is shown on its frame's load, and a cross-origin page that
    // loaded cannot be told apart from a working one (nor can the payer's page see a 404 status). The payer
    // sees the broken page in the modal and closes it; the element has nothing to report.
    detectsBrokenPage: false,
    // The page's own API failing is the page's to show (its load: "could not be loaded"; its pay call: below).
    modalFaults: [],
  },
};

/** No dialog, no frame, the page scrollable again. */
const noHostedPage = (element: PayCheckout) => {
  expect(!dialog(element) && !hostedFrame(element), 'no dialog or frame left').to.equal(true);
  expect(document.documentElement.style.overflow).to.equal('');
};

for (const [name, spec] of Object.entries(HOSTED) as [Provider, HostedSpec][]) {
  /** Recovery: a working session endpoint, and Pay opens the checkout (a modal unless mode says otherwise). */
  const opensWithEndpoint = async (t: Trial) => {
    await reconfigure(first(t), { 'session-endpoint': spec.endpoint, 'session-url': null, 'session-id': null });
    await t.open(first(t));
  };

  /**
   * A fault on Pay, before a hosted page is seen (the session endpoint, or a modal page that never says it
   * is open): the submit ends in `outcome`, no page is left and the element is ready again.
   */
  const submitFault = (what: string, outcome: PayErrorCode, attributes: () => Promise<Attributes>, timeouts?: Partial<Timeouts>) =>
    row(name, what, outcome, {
      ...(timeouts && { timeouts }),
      async fault(t) {
        const element = t.make(name, await attributes());
        await t.ready(element);
        button(element).click();
        await t.error();
        expect(element.status).to.equal('ready');
        noHostedPage(element);
      },
      recover: opensWithEndpoint,
    });
  const endpointWith = (query: string) => async () => ({ 'session-endpoint': `${spec.endpoint}?${query}` });
  const modalPageFault = (what: string, outcome: PayErrorCode, query: string, timeouts?: Partial<Timeouts>) =>
    submitFault(what, outcome, () => spec.pageWith(query), timeouts);

  submitFault('the session endpoint answers 500', 'session', endpointWith('sandbox_fault=500'));
  submitFault('the session endpoint answers invalid JSON', 'session', endpointWith('sandbox_fault=malformed'));
  submitFault('the session endpoint answers JSON without id and url', 'session', endpointWith('sandbox_fault=missing'));
  submitFault('the session endpoint never answers', 'session', endpointWith('sandbox_fault=hang'), { session: 300 });
  modalPageFault('the hosted page never loads (modal)', 'frame-load', 'sandbox_fault=hang', { mount: 500 });
  if (spec.detectsBrokenPage) {
    modalPageFault('the hosted page answers 404 (modal)', 'frame-load', 'sandbox_fault=404', { mount: 500 });
    modalPageFault('the hosted page loads without its script (modal)', 'frame-load', 'sandbox_fault=malformed', { mount: 500 });
  }
  for (const fault of spec.modalFaults) modalPageFault(...fault);

  row(name, 'the hosted page never loads (inline, at mount)', 'frame-load', {
    timeouts: { mount: 500 },
    async fault(t) {
      const element = t.make(name, { mode: 'iframe', ...(await spec.pageWith('sandbox_fault=hang')) });
      await t.error();
      expect(element.status).to.equal('error');
      noHostedPage(element);
    },
    async recover(t) {
      await reconfigure(first(t), { 'session-url': null, 'session-endpoint': spec.endpoint });
      await t.open(first(t));
    },
  });

  row(name, 'the element is removed while the session endpoint is pending and re-added', 'recovery', {
    async fault(t) {
      const element = t.make(name, { 'session-endpoint': `${spec.endpoint}?sandbox_fault=hang` });
      await t.ready(element);
      button(element).click();
      await waitUntil(() => element.status == 'submitting', 'the session was not requested', { timeout: 5_000 });
      element.remove();
      expect(element.status).to.equal('idle');
      setAttributes(element, { 'session-endpoint': spec.endpoint });
      document.body.append(element);
    },
    async recover(t) {
      await t.open(first(t));
    },
  });

  /** The modal is open when `interrupt` happens: the element must be ready again with no page left behind. */
  const modalInterrupted = (what: string, interrupt: (element: PayCheckout) => Promise<void>, recover: (t: Trial) => Promise<void>) =>
    row(name, what, 'recovery', {
      async fault(t) {
        const element = t.make(name, { 'session-endpoint': spec.endpoint });
        await t.open(element);
        await interrupt(element);
        await t.ready(element);
        noHostedPage(element);
      },
      recover,
    });

  modalInterrupted(
    'the element is removed with the modal open and re-added',
    async (element) => {
      element.remove();
      noHostedPage(element);
      document.body.append(element);
    },
    (t) => t.open(first(t)),
  );
  modalInterrupted(
    'the mode is switched from modal to iframe with the modal open',
    (element) => reconfigure(element, { mode: 'iframe' }),
    async (t) => {
      await t.open(first(t));
      expect(!dialog(first(t)), 'inline, not in a dialog').to.equal(true);
    },
  );
  modalInterrupted(
    'the provider is switched to PekoPay with the modal open',
    (element) =>
      reconfigure(element, { provider: 'pekopay', mode: null, 'session-endpoint': null, 'sdk-url': SDK_URL, 'token-url': TOKEN_URL }),
    async (t) => {
      expect(cardFrame(first(t)).getRootNode()).to.equal(document);
    },
  );

  row(name, 'Pay is clicked five times and submit() called twice while the session is created', 'recovery', {
    async fault(t) {
      const element = t.make(name, { 'session-endpoint': `${spec.endpoint}?sandbox_fault=slow&sandbox_delay=400` });
      await t.ready(element);
      performance.clearResourceTimings();
      for (let i = 0; i < 5; i++) button(element).click();
      void element.submit();
      void element.submit();
      await waitUntil(() => !!hostedFrame(element) && !hostedFrame(element)!.hidden, 'the checkout did not open', { timeout: 10_000 });
      void element.submit();
      await sleep(300);
      const requests = performance.getEntriesByType('resource').filter((entry) => entry.name.includes(spec.endpoint));
      expect(requests, 'one session created').to.have.length(1);
      expect(element.shadowRoot!.querySelectorAll('iframe, dialog')).to.have.length(2);
    },
    async recover(t) {
      const element = first(t);
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!.click();
      await t.ready(element);
      noHostedPage(element);
    },
  });
}

// Reepay only: its hosted page's API failing after the inline page showed, and sessions that expired.
row('reepay', "the hosted page's API answers 500 after the inline page showed", 'session', {
  async fault(t) {
    const element = t.make('reepay', { mode: 'iframe', ...(await HOSTED.reepay!.pageWith('api_fault=500')) });
    await t.error();
    expect(element.status).to.equal('error');
    noHostedPage(element);
  },
  async recover(t) {
    await reconfigure(first(t), { 'session-url': (await createSession()).url });
    await waitUntil(() => !!hostedFrame(first(t)), 'no inline checkout', { timeout: 10_000 });
    await t.ready(first(t));
  },
});

row('reepay', 'the session expired before the payer pressed Pay (modal)', 'session', {
  async fault(t) {
    const session = await createSession({ ttl: 'PT1S' });
    await sleep(1100);
    const element = t.make('reepay', { 'session-url': session.url });
    await t.ready(element);
    button(element).click();
    await t.error();
    expect(element.status).to.equal('ready');
  },
  async recover(t) {
    await reconfigure(first(t), { 'session-url': (await createSession()).url });
    await t.open(first(t));
  },
});

// Paiwise only: its hosted page's pay call failing or declining. The page shows it and keeps its form, the
// payer can try again: nothing for the element to report, and the checkout still pays.
/** The Paiwise modal open on a page whose pay call has `payQuery`; `card` is paid in it, and the page says `shows`. */
const paiwisePageRefuses = (what: string, payQuery: string, card: string, shows: RegExp, recover: (t: Trial) => Promise<void>) =>
  row('paiwise', what, 'recovery', {
    async fault(t) {
      const element = t.make(
        'paiwise',
        { 'session-endpoint': `${PAIWISE_SESSION_ENDPOINT}${payQuery && `?${payQuery}`}` },
        { payload: PAIWISE_RETURN },
      );
      await t.open(element);
      const page = hostedFrame(element)!;
      await inFrame(page, { type: testCard(card), click: '#pay-button' });
      expect(await inFrame<string>(page, { text: '#form-error' })).to.match(shows);
      expect(element.status, 'the checkout stays open').to.equal('ready');
      expect(dialog(element)!.open).to.equal(true);
      expect(t.completes, 'no pay-complete').to.have.length(0);
    },
    recover,
  });

/** Pays with a good card in the open Paiwise checkout and waits for the one pay-complete. */
const paysInOpenPaiwise = async (t: Trial) => {
  const element = first(t);
  await inFrame(hostedFrame(element)!, { type: testCard(), click: '#pay-button' });
  await waitUntil(() => t.completes.length == 1, 'no pay-complete', { timeout: 10_000 });
  expect(t.completes[0]).to.include({ provider: 'paiwise', status: 'paid' });
  noHostedPage(element);
};

paiwisePageRefuses(
  "the hosted page's pay call answers 500 (shown in the page)",
  'pay_fault=500',
  '4242 4242 4242 4242',
  /could not be completed/,
  async (t) => {
    // The fault is on this page's URL: the payer closes it and pays in a new checkout.
    const element = first(t);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!.click();
    await t.ready(element);
    await reconfigure(element, { 'session-endpoint': PAIWISE_SESSION_ENDPOINT });
    await t.open(element);
    await paysInOpenPaiwise(t);
  },
);
paiwisePageRefuses('the card is declined in the hosted page', '', '4000 0000 0000 0002', /declined/i, paysInOpenPaiwise);

// ── The harness ──────────────────────────────────────────────────────────────────────────────────────────
const DOCUMENTED = Object.keys(en.errors);
const passed: Record<string, number> = {};

describe('hostile: faults', () => {
  after(async () => {
    const total = Object.values(passed).reduce((sum, n) => sum + n, 0);
    const each = Object.entries(PROVIDERS).map(([provider, label]) => `${passed[provider] ?? 0} ${label}`);
    await figure(
      'fault cases',
      `${total} cases (${each.join(', ')}): every one a documented pay-error or recovery, 0 uncaught, 0 duplicate tokens, nothing left running`,
    );
  });

  // axe-core keeps a window message listener once it has run: run it before any case counts listeners.
  before(async () => {
    await expect(document.body).to.be.accessible();
  });

  it('has at least 30 cases', () => {
    expect(CASES.length).to.be.at.least(30);
  });

  for (const c of CASES) {
    const outcome = c.outcome == 'recovery' ? 'recovers' : `ends in pay-error ${c.outcome}`;
    it(`${c.provider}: ${outcome} when ${c.what}, and stays usable`, async function () {
      this.timeout(40_000);
      const listeners = window.__payTestListeners!('message', 'window');
      const saved = { ...PayCheckout.timeouts };
      Object.assign(PayCheckout.timeouts, c.timeouts);
      const t = new Trial();
      try {
        await c.fault(t);
        await sleep(100); // a second error would come now
        const codes = t.errors.map(({ detail }) => detail.code);
        if (c.outcome == 'recovery') {
          expect(codes, 'no pay-error').to.deep.equal([]);
        } else {
          expect(codes, 'exactly one pay-error').to.deep.equal([c.outcome]);
          const { detail, element } = t.errors[0]!;
          expect(DOCUMENTED).to.include(detail.code);
          expect(detail.recoverable, 'recoverable').to.equal(true);
          await element.updateComplete;
          expect(message(element), 'a visible message').to.not.equal('');
          expect(['ready', 'error']).to.include(element.status);
          await expect(element).to.be.accessible();
        }
        Object.assign(PayCheckout.timeouts, saved);
        const errors = t.errors.length;
        await c.recover(t);
        expect(
          t.errors.slice(errors).map(({ detail }) => detail.reason),
          'no error while recovering',
        ).to.deep.equal([]);
        const tokens = t.tokens.map(({ paymentToken }) => paymentToken);
        expect(tokens.length, 'at most one pay-token').to.be.at.most(1);
        expect(t.completes.length, 'at most one pay-complete').to.be.at.most(1);
        expect(t.successes.length, 'at most one pay-complete').to.be.at.most(1);
      } finally {
        Object.assign(PayCheckout.timeouts, saved);
        t.removeAll();
      }
      // Nothing left running: no events after removal, no frames, no projected mount points, no listeners.
      await sleep(150);
      expect(t.whileRemoved, 'events after removal').to.deep.equal([]);
      expect(document.querySelectorAll('iframe, [slot^="pay-checkout-fields-"]'), 'frames left in the document').to.have.length(0);
      for (const element of t.elements) {
        expect(element.status).to.equal('idle');
        expect(element.shadowRoot!.querySelectorAll('iframe, dialog'), 'frames left in the element').to.have.length(0);
      }
      expect(document.documentElement.style.overflow).to.equal('');
      expect(window.__payTestListeners!('message', 'window'), 'window message listeners left').to.equal(listeners);
      expect(t.uncaught, 'uncaught exceptions and rejections').to.deep.equal([]);
      passed[c.provider] = (passed[c.provider] ?? 0) + 1;
    });
  }
});

// The end-to-end tier's setup: real cross-origin frames from the provider sandbox (http://127.0.0.1:<port+1>)
// under the test pages' origin (http://localhost:<port>), and the demo merchant backend on the page origin.
import { fixture, html, oneEvent } from '@open-wc/testing';
import { PayCheckout } from '../../src/index.js';
// @ts-expect-error plain JS module shared with the Node config
import { SANDBOX_ORIGIN } from '../ports.js';
import { setAttributes } from '../attributes.js';
import { inFrame, testCard } from './frame.js';

export { setAttributes } from '../attributes.js';

export const SANDBOX: string = SANDBOX_ORIGIN;
export const SDK_URL = `${SANDBOX}/sandbox/pekopay/web/dist/index.js`;
export const TOKEN_URL = '/api/pekopay/token';
export const REEPAY_SESSION_ENDPOINT = '/api/reepay/session';
export const PAIWISE_SESSION_ENDPOINT = '/api/paiwise/session';

PayCheckout.allowOrigins([SANDBOX]);

// End-to-end tests act as a person in real cross-origin frames, many keys each, on a two-core machine that
// may be loaded: each gets a minute rather than the element tiers' 20 s. (Suites take the root's limit when
// they are made, after this module ran.)
(globalThis as unknown as { mocha?: { timeout(ms: number): void } }).mocha?.timeout(60_000);

/** A PekoPay element's attributes against the sandbox: its SDK on the other origin, tokens from the demo backend. */
export const PEKOPAY_SANDBOX: Readonly<Record<string, string>> = {
  provider: 'pekopay',
  environment: 'sandbox',
  'sdk-url': SDK_URL,
  'token-url': TOKEN_URL,
  amount: '9900',
  currency: 'CAD',
};

/** A connected element with `attributes` (null leaves one out). */
export const element = (attributes: Record<string, string | null>): Promise<PayCheckout> =>
  fixture<PayCheckout>(html`${setAttributes(document.createElement('pay-checkout'), attributes)}`);

export const ready = async (checkout: PayCheckout): Promise<void> => {
  if (checkout.status !== 'ready') await oneEvent(checkout, 'pay-ready');
};

export const payButton = (checkout: PayCheckout): HTMLButtonElement =>
  checkout.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!;

/** The sandbox's card frame mounted for a PekoPay element, through its fields slot (flattened). */
export const cardFrame = (checkout: PayCheckout): HTMLIFrameElement => {
  const slot = checkout.shadowRoot!.querySelector<HTMLSlotElement>('[part="fields"] slot');
  const frame = slot?.assignedElements({ flatten: true })[0]?.querySelector('iframe');
  if (!frame) throw new Error('no card frame mounted');
  return frame;
};

/** The hosted checkout frame in the element's shadow root (inline or in the modal). */
export const hostedFrame = (checkout: PayCheckout): HTMLIFrameElement | null => checkout.shadowRoot!.querySelector('iframe');

/** Presses Pay on a ready hosted-checkout element and resolves with its checkout frame once it shows. */
export const opened = async (checkout: PayCheckout): Promise<HTMLIFrameElement> => {
  await ready(checkout);
  payButton(checkout).click();
  await until(() => hostedFrame(checkout) && !hostedFrame(checkout)!.hidden && checkout.status === 'ready', 'the checkout did not open');
  return hostedFrame(checkout)!;
};

/** Types a test card into a PekoPay element's card frame as a person would. */
export const typeCard = (checkout: PayCheckout, number?: string, press?: string) =>
  inFrame(cardFrame(checkout), { type: testCard(number), press });

export { inFrame, testCard };

/** Creates a hosted session with the demo merchant backend (`{ id, url }` on the sandbox). */
export const createSession = async (endpoint: string, body: Record<string, unknown> = {}): Promise<{ id: string; url: string }> => {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`${endpoint} answered ${response.status}`);
  return response.json();
};

/** Paiwise checkouts come back to a light page on this origin (the test page must not load in a frame). */
export const PAIWISE_RETURN = {
  returnUrl: '/test/fixtures/return.html?outcome=return',
  returnUrlCancel: '/test/fixtures/return.html?outcome=cancel',
};

/** A Paiwise checkout the demo merchant backend creates for an inline frame, coming back to PAIWISE_RETURN. */
export const createPaiwiseSession = (body: Record<string, unknown> = {}) =>
  createSession(PAIWISE_SESSION_ENDPOINT, { mode: 'iframe', ...PAIWISE_RETURN, ...body });

/** Types a test card into a hosted checkout page (in `frame`) as a person would, and presses its `button`. */
export const payInFrame = (frame: HTMLIFrameElement, button: string) => inFrame(frame, { type: testCard(), click: button });

/** Resolves once `check` holds (polling each animation frame), or fails naming `what` after `timeout` ms. */
export const until = async (check: () => unknown, what: string, timeout = 10_000): Promise<void> => {
  for (const deadline = performance.now() + timeout; !check();) {
    if (performance.now() > deadline) throw new Error(`${what} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** An event a merchant fixture page (test/fixtures/*-merchant*.html, *-redirect.html) reported to this page. */
interface FixtureEvent {
  type: string;
  detail: Record<string, unknown>;
  page: string;
}
declare global {
  interface Window {
    merchantFixtureEvents?: FixtureEvent[];
  }
}

/**
 * A merchant page in a frame of this test page (the test page itself cannot navigate away): it leaves for the
 * hosted checkout and is sent back, and reports its element's events to `merchantFixtureEvents`.
 */
export const merchantPage = (path: string) => {
  window.merchantFixtureEvents = [];
  sessionStorage.clear();
  const frame = Object.assign(document.createElement('iframe'), {
    name: `merchant-${Math.random().toString(16).slice(2)}`,
    title: 'Merchant page',
  });
  frame.style.cssText = 'width: 480px; height: 640px';
  document.body.append(frame);
  const events = (type: string) => (window.merchantFixtureEvents ?? []).filter((event) => event.type === type);
  const next = async (type: string) => {
    await until(
      () => events(type).length > 0,
      `the merchant page reported no ${type}: ${JSON.stringify(window.merchantFixtureEvents)}`,
      15_000,
    );
    return events(type)[0].detail;
  };
  return {
    frame,
    events,
    next,
    async load(search = '') {
      frame.src = `${path}${search}`;
      await next('pay-ready');
    },
    /** Presses Pay: the page leaves for the checkout on the sandbox's origin. */
    async leave() {
      frame.contentDocument!.querySelector('pay-checkout')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
      const redirect = await next('pay-redirect');
      await until(() => frame.contentDocument === null, 'the merchant page did not leave for the checkout');
      return redirect;
    },
    remove: () => frame.remove(),
  };
};

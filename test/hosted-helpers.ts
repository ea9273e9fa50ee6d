// Helpers of the hosted-checkout adapter tests (Reepay, Paiwise): the element's checkout frame and modal,
// moving that frame as the hosted page would (never acting inside a cross-origin page), configuration
// refusals, the session endpoint's faults, and a merchant page in a frame the test controls (the test page
// itself can neither navigate away nor be loaded in a frame).
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PayCheckout, type PayRedirectDetail } from '../src/index.js';
import { button, nextError, ready } from './helpers.js';

/** The hosted checkout frame in the element's shadow root (inline or in the modal). */
export const hostedFrame = (element: PayCheckout): HTMLIFrameElement | null => element.shadowRoot!.querySelector('iframe');
export const hostedDialog = (element: PayCheckout): HTMLDialogElement | null => element.shadowRoot!.querySelector('dialog');

/**
 * Points `frame` at `url`, as the page in it would navigate itself (a hosted page going to a return URL, a
 * link followed), and resolves once the new page has loaded. Listeners the element put on the frame run first.
 */
export const navigateFrame = async (frame: HTMLIFrameElement, url: string): Promise<void> => {
  const loaded = oneEvent(frame, 'load');
  frame.src = url;
  await loaded;
};

/**
 * Each message's sender as it was when this page received it: listeners that run after the element's may find
 * `event.source` null once the element removed the frame that sent it (WebKit). Recorded by a listener added
 * when this module loads, so before any element's.
 */
const senders = new WeakMap<MessageEvent, MessageEventSource | null>();
addEventListener('message', (event) => senders.set(event, event.source));

/**
 * Resolves with the next message this window receives from `source` (a frame's window, which stays the same
 * object across the frame's navigations, or this window). Listeners added before this one (the element's)
 * have seen it by then.
 */
export const nextMessageFrom = (source: MessageEventSource): Promise<MessageEvent> =>
  new Promise((resolve) => {
    const listen = (event: MessageEvent) => {
      if ((senders.has(event) ? senders.get(event) : event.source) !== source) return;
      removeEventListener('message', listen);
      resolve(event);
    };
    addEventListener('message', listen);
  });

/** Opens the hosted page with the element's Pay button, resolving when it is on screen. */
export const openHostedCheckout = async (element: PayCheckout): Promise<void> => {
  await ready(element);
  button(element).click();
  await waitUntil(() => element.status === 'ready' && hostedFrame(element) && !hostedFrame(element)!.hidden, 'the checkout did not open', {
    timeout: 10_000,
  });
};

/**
 * Focuses `target` (in this page, e.g. the modal's close control) so that the keys pressed next reach it. The
 * element focuses its checkout frame when the page shows, and in Chromium under load the browser may still send
 * keys to that cross-origin frame a moment after script moved focus back here: a Shift, which does nothing,
 * is pressed until the browser delivers it to `target`.
 */
export const focusForKeys = async (target: HTMLElement): Promise<void> => {
  for (let tries = 0; tries < 10; tries++) {
    target.focus();
    let arrived = false;
    const listen = (event: KeyboardEvent) => {
      arrived ||= event.key === 'Shift';
    };
    target.addEventListener('keydown', listen);
    await sendKeys({ press: 'Shift' });
    target.removeEventListener('keydown', listen);
    if (arrived) return;
  }
  throw new Error(`the browser sends no keys to ${target.localName}`);
};

/** Temporarily changes PayCheckout.timeouts. */
export const withTimeouts = async (changes: Partial<typeof PayCheckout.timeouts>, run: () => Promise<void>): Promise<void> => {
  const saved = { ...PayCheckout.timeouts };
  Object.assign(PayCheckout.timeouts, changes);
  try {
    await run();
  } finally {
    Object.assign(PayCheckout.timeouts, saved);
  }
};

/** How many requests this page made to URLs starting with `prefix`. */
export const requestsTo = (prefix: string): number =>
  performance.getEntriesByType('resource').filter((entry) => entry.name.startsWith(prefix)).length;

/**
 * One test per case: a `provider` element in iframe mode with the case's attributes reports `pay-error` with
 * the case's code, unrecoverable, before it frames or requests anything under `hostedPrefix`.
 */
export const itRefusesBeforeLoading = (
  provider: string,
  hostedPrefix: string,
  cases: [what: string, attributes: Record<string, string | null>, code: string][],
): void => {
  for (const [what, attributes, code] of cases) {
    it(`reports ${code} for ${what}`, async () => {
      const requests = requestsTo(hostedPrefix);
      const element = document.createElement('pay-checkout');
      const all = { provider, environment: 'sandbox', mode: 'iframe', ...attributes };
      for (const [name, value] of Object.entries(all)) if (value != null) element.setAttribute(name, value);
      // Some are found while the element first renders: listen before it connects.
      const error = nextError(element);
      document.body.append(element);
      try {
        const { detail } = await error;
        expect(detail).to.include({ code, recoverable: false, provider });
        expect(element.status).to.equal('error');
        expect(!hostedFrame(element), 'no checkout frame').to.equal(true);
        expect(requestsTo(hostedPrefix)).to.equal(requests);
      } finally {
        element.remove();
      }
    });
  }
};

/** An event a merchant fixture page reported to this test page. */
export interface FixtureEvent {
  type: string;
  detail: unknown;
  /** The query of the page that emitted it. */
  page: string;
}

/** Where merchant fixture pages (test/fixtures/*-merchant*.html) push their element's events; survives their navigations. */
const fixtureEvents = window as unknown as { merchantFixtureEvents?: FixtureEvent[] };

/**
 * A merchant page (`fixture`, a test fixture that pushes its element's events to `merchantFixtureEvents`) in a
 * frame named `frameName`, fresh for each test of the calling `describe`.
 */
export const useMerchantPage = (fixture: string, frameName: string) => {
  let frame: HTMLIFrameElement;
  beforeEach(() => {
    fixtureEvents.merchantFixtureEvents = [];
    sessionStorage.clear();
    frame = Object.assign(document.createElement('iframe'), { name: frameName, title: 'Merchant page' });
    frame.style.cssText = 'width: 480px; height: 640px';
    document.body.append(frame);
  });
  afterEach(() => frame.remove());

  const events = (type: string) => (fixtureEvents.merchantFixtureEvents ?? []).filter((event) => event.type === type);
  /** The detail of the `after`-th (0-based) `type` event, once there is one. */
  const nextEvent = async <T>(type: string, after = 0): Promise<T> => {
    await waitUntil(() => events(type).length > after, `no ${type} after ${JSON.stringify(fixtureEvents.merchantFixtureEvents)}`, {
      timeout: 10_000,
    });
    return events(type)[after].detail as T;
  };
  /** The element on the merchant page. */
  const element = () => frame.contentDocument!.querySelector('pay-checkout')!;
  return {
    frame: () => frame,
    events,
    nextEvent,
    element,
    /** Loads the merchant page at `search`, resolving when its element is ready. */
    async load(search = '') {
      const readies = events('pay-ready').length;
      frame.src = `${fixture}${search}`;
      await nextEvent('pay-ready', readies);
    },
    /** Navigates the frame to the merchant page at `search` without waiting. */
    open(search: string) {
      frame.src = `${fixture}${search}`;
    },
    /**
     * Sends the frame where the checkout would send the payer: `url` (a return URL with the checkout's
     * parameters, or a link of the checkout's), resolving once that page has loaded.
     */
    goTo: (url: string) => navigateFrame(frame, url),
    /** Presses Pay on the merchant page in redirect mode: the page leaves for the checkout. */
    async leave(): Promise<PayRedirectDetail> {
      const redirects = events('pay-redirect').length;
      element().shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
      const redirect = await nextEvent<PayRedirectDetail>('pay-redirect', redirects);
      // The frame shows the checkout (another origin) once this page can no longer see into it.
      await waitUntil(() => frame.contentDocument === null, 'still on the merchant page', { timeout: 10_000 });
      return redirect;
    },
  };
};

/** A session endpoint that answers `answer` as it is (the test server's), for answers a real backend would not give. */
export const answeringEndpoint = (answer: unknown): string =>
  `/test-api/session-answer?answer=${encodeURIComponent(JSON.stringify(answer))}`;

/**
 * The tests of a provider's session endpoint: the demo backend's `endpoint` failing (its fault switches) or
 * too slow, and answers that must be refused. `element(endpoint)` makes a connected element (modal mode).
 */
export const itChecksTheSessionEndpoint = (options: {
  element: (endpoint: string) => Promise<PayCheckout>;
  endpoint: string;
  hostedPrefix: string;
  /** An answer whose URL is outside the allow-list. */
  foreign: { id: string; url: string };
  /** An answer the provider cannot use (an id not its own, or one its URL contradicts), named by `malformed`. */
  unusable: [what: string, answer: { id: string; url: string }];
}): void => {
  const { element: make, endpoint, hostedPrefix, foreign, unusable } = options;
  /** Presses Pay and resolves with the error it leads to. */
  const payFails = async (element: PayCheckout) => {
    await ready(element);
    const error = nextError(element);
    button(element).click();
    return (await error).detail;
  };

  for (const fault of ['500', 'malformed', 'missing']) {
    it(`reports pay-error session, recoverable and ready again, when the endpoint answers ${fault}`, async () => {
      const element = await make(`${endpoint}?sandbox_fault=${fault}`);
      expect(await payFails(element)).to.include({ code: 'session', recoverable: true });
      expect(element.status).to.equal('ready');
      expect(!hostedDialog(element), 'no modal').to.equal(true);
    });
  }

  it('reports pay-error session when the endpoint does not answer in time', async () => {
    await withTimeouts({ session: 300 }, async () => {
      const element = await make(`${endpoint}?sandbox_fault=hang`);
      expect((await payFails(element)).reason).to.contain('timed out');
    });
  });

  it('refuses an answer whose checkout URL is outside the allow-list, loading nothing', async () => {
    const requests = requestsTo(hostedPrefix);
    const element = await make(answeringEndpoint(foreign));
    expect((await payFails(element)).code).to.equal('insecure-config');
    expect(element.status).to.equal('error');
    expect(!hostedFrame(element), 'no checkout frame').to.equal(true);
    expect(requestsTo(hostedPrefix)).to.equal(requests);
  });

  it(`refuses an answer with ${unusable[0]}`, async () => {
    const element = await make(answeringEndpoint(unusable[1]));
    expect(await payFails(element)).to.include({ code: 'session', recoverable: true });
  });
};

/**
 * Presses Pay on a redirect-mode `element`, vetoes its `pay-redirect` and checks the event: cancelable, with
 * `detail`; then that the element is ready to pay again.
 */
export const expectVetoedRedirect = async (element: PayCheckout, detail: PayRedirectDetail): Promise<void> => {
  await ready(element);
  const redirect = oneEvent(element, 'pay-redirect');
  element.addEventListener('pay-redirect', (event) => event.preventDefault(), { once: true });
  button(element).click();
  const event = await redirect;
  expect(event.cancelable).to.equal(true);
  expect(event.detail).to.deep.equal(detail);
  await waitUntil(() => element.status === 'ready', 'not ready again', { timeout: 10_000 });
  await element.updateComplete;
  expect(button(element).disabled).to.equal(false);
};

/**
 * The accessibility checks every hosted checkout passes (axe, through open-wc): ready and with the modal open;
 * with the inline checkout open and once `complete` (the hosted page's acceptance of `sessionId`) ended it; and
 * in an error state (`badSessionId` is not the provider's shape).
 */
export const itIsAccessible = (options: {
  element: (attributes: Record<string, string>) => Promise<PayCheckout>;
  sessionEndpoint: string;
  createSession: () => Promise<{ id: string; url: string }>;
  complete: (element: PayCheckout, sessionId: string) => Promise<void>;
  badSessionId: string;
}): void => {
  const { element: make, sessionEndpoint, createSession, complete, badSessionId } = options;
  it('is accessible ready and with the modal open', async () => {
    const element = await make({ 'session-endpoint': sessionEndpoint });
    await ready(element);
    await expect(element).to.be.accessible();
    await openHostedCheckout(element);
    await expect(element).to.be.accessible();
  });

  it('is accessible with the inline checkout open and once complete', async () => {
    const session = await createSession();
    const element = await make({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    await expect(element).to.be.accessible();
    const completed = oneEvent(element, 'pay-complete');
    await complete(element, session.id);
    await completed;
    await element.updateComplete;
    await expect(element).to.be.accessible();
  });

  it('is accessible in an error state', async () => {
    const element = await make({ 'session-id': badSessionId });
    await nextError(element);
    await element.updateComplete;
    await expect(element).to.be.accessible();
  });
};

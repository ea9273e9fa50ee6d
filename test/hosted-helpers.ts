// Helpers of the hosted-checkout adapter tests (Reepay, Paiwise): the element's checkout frame and modal and
// what the payer meets of them (expectHosted), moving that frame as the hosted page would (never acting inside
// a cross-origin page), the specification both providers share (describeHostedCheckout: configuration
// refusals, the session endpoint's faults, the modal's own controls, accessibility), and a merchant page in a
// frame the test controls (the test page itself can neither navigate away nor be loaded in a frame).
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  PayCancelEvent,
  PayCheckout,
  PayCompleteEvent,
  type PayCancelDetail,
  type PayCompleteDetail,
  type PayRedirectDetail,
} from '../src/index.js';
import { button, checkErrorOnConnect, nextError, ready, setAttributes } from './helpers.js';

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

/** What the payer meets of a hosted checkout, checked the same way for every provider. */
export const expectHosted = {
  /** The inline checkout's frame: titled, shown, and no Pay button beside it (the hosted page has its own). Returns the frame. */
  inlineFrame(element: PayCheckout): HTMLIFrameElement {
    const frame = hostedFrame(element)!;
    expect(frame.title).to.equal('Secure payment page');
    expect(frame.hidden).to.equal(false);
    expect(!button(element), 'the checkout has its own Pay button').to.equal(true);
    return frame;
  },

  /** `event`, the inline checkout's pay-complete: out of shadow roots, with `detail`; the element complete, its frame gone. */
  inlineComplete(element: PayCheckout, event: PayCompleteEvent, detail: PayCompleteDetail): void {
    expect(event).to.be.instanceOf(PayCompleteEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal(detail);
    expect(element.status).to.equal('complete');
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
  },

  /** `event`, the inline checkout's pay-cancel, with `detail`; the element ready again, its frame gone and Pay enabled. */
  async inlineCancel(element: PayCheckout, event: PayCancelEvent, detail: PayCancelDetail): Promise<void> {
    expect(event).to.be.instanceOf(PayCancelEvent);
    expect(event.detail).to.deep.equal(detail);
    expect(element.status).to.equal('ready');
    await element.updateComplete;
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
    expect(button(element).disabled).to.equal(false);
  },

  /** The modal as it opens: a labelled modal dialog, focus in the checkout, the page scroll locked. */
  modalOpen(element: PayCheckout): void {
    const modal = hostedDialog(element)!;
    expect(modal.open).to.equal(true);
    expect(modal.matches(':modal')).to.equal(true);
    expect(modal.getAttribute('aria-label')).to.equal('Secure payment');
    expect(element.shadowRoot!.activeElement === hostedFrame(element), 'focus is in the checkout').to.equal(true);
    expect(getComputedStyle(document.documentElement).overflow).to.equal('hidden');
  },

  /** The modal once the checkout ended: gone, the page scroll unlocked, the element in `status`, focus back on Pay if `focusOnPay`. */
  modalClosed(element: PayCheckout, status: PayCheckout['status'], { focusOnPay = false } = {}): void {
    expect(!hostedDialog(element), 'the modal is gone').to.equal(true);
    expect(document.documentElement.style.overflow).to.equal('');
    expect(element.status).to.equal(status);
    if (focusOnPay) expect(element.shadowRoot!.activeElement === button(element), 'focus is back on Pay').to.equal(true);
  },
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

/** A hosted checkout under test: its provider, how its tests make an element and a session, and how its page accepts one. */
export interface HostedCheckout {
  provider: 'reepay' | 'paiwise';
  /** A connected element against the sandbox, `attributes` over the provider's defaults. */
  element: (attributes: Record<string, string>) => Promise<PayCheckout>;
  /** The demo merchant backend's session endpoint. */
  sessionEndpoint: string;
  /** Where the hosted pages are: a refused configuration requests nothing under it. */
  hostedPrefix: string;
  createSession: () => Promise<{ id: string; url: string }>;
  /** The hosted page in the element's frame accepts the session `sessionId`. */
  complete: (element: PayCheckout, sessionId: string) => Promise<void>;
}

/** A configuration refused before anything loads: what it is, its attributes, the error code. */
export type RefusedConfiguration = [what: string, attributes: Record<string, string | null>, code: string];

/** Answers of the session endpoint to refuse: `foreign`, a URL outside the allow-list; `unusable`, named, one the provider cannot use. */
export interface RefusedAnswers {
  foreign: { id: string; url: string };
  /** An id not the provider's own, or one its URL contradicts. */
  unusable: [what: string, answer: { id: string; url: string }];
}

/**
 * What every hosted checkout is specified to do beyond its own protocol, a describe each: the configurations
 * it refuses before anything loads (`refused`), its session endpoint failing or answering what it must refuse
 * (`answers`), and accessibility (`badSessionId`, an id not of the provider's shape, for the error state).
 */
export const describeHostedCheckout = (
  checkout: HostedCheckout,
  spec: { refused: RefusedConfiguration[]; answers: RefusedAnswers; badSessionId: string },
): void => {
  describe(`${checkout.provider}: configuration refused before anything loads`, () => itRefusesBeforeLoading(checkout, spec.refused));
  describe(`${checkout.provider}: the session endpoint`, () => itChecksTheSessionEndpoint(checkout, spec.answers));
  describe(`${checkout.provider}: the modal's own controls`, () => itCancelsFromTheModal(checkout));
  describe(`${checkout.provider}: accessibility`, () => itIsAccessible(checkout, spec.badSessionId));
};

/** The modal's close control, labelled for what it closes. */
const closeControl = (element: PayCheckout): HTMLButtonElement => element.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!;

/** Presses `key` with focus on the open modal's close control, and resolves with the reason of the pay-cancel it leads to. */
const cancelWithKey = async (element: PayCheckout, key: 'Escape' | 'Enter'): Promise<string> => {
  await focusForKeys(closeControl(element));
  const cancel = oneEvent(element, 'pay-cancel');
  await sendKeys({ press: key });
  return (await cancel).detail.reason;
};

/**
 * The element's own ways out of the modal, whatever the page in it: keys pressed in a cross-origin frame never
 * reach this page, so Escape cancels once focus is on the modal itself (Tab from the page's last control), as
 * the close control does, by keyboard or pointer.
 */
const itCancelsFromTheModal = (checkout: HostedCheckout): void => {
  const openModal = async (): Promise<PayCheckout> => {
    const element = await checkout.element({ 'session-endpoint': checkout.sessionEndpoint });
    await ready(element);
    button(element).focus();
    await openHostedCheckout(element);
    return element;
  };

  it('cancels on Escape with focus on the modal: pay-cancel, the modal closes, focus returns to Pay', async () => {
    const element = await openModal();
    expect(await cancelWithKey(element, 'Escape')).to.equal('cancel');
    expectHosted.modalClosed(element, 'ready', { focusOnPay: true });
  });

  it('cancels with the close control, pressed with the keyboard', async () => {
    const element = await openModal();
    expect(await cancelWithKey(element, 'Enter')).to.equal('cancel');
    expectHosted.modalClosed(element, 'ready', { focusOnPay: true });
  });

  it('cancels with the labelled close control, clicked', async () => {
    const element = await openModal();
    expect(closeControl(element).getAttribute('aria-label')).to.equal('Close the payment window');
    const cancel = oneEvent(element, 'pay-cancel');
    closeControl(element).click();
    expect((await cancel).detail.reason).to.equal('cancel');
    expectHosted.modalClosed(element, 'ready', { focusOnPay: true });
  });
};

/**
 * One test per case: an element of the provider in iframe mode with the case's attributes reports `pay-error`
 * with the case's code, unrecoverable, before it frames or requests anything under `hostedPrefix`.
 */
const itRefusesBeforeLoading = ({ provider, hostedPrefix }: HostedCheckout, cases: RefusedConfiguration[]): void => {
  for (const [what, attributes, code] of cases) {
    it(`reports ${code} for ${what}`, async () => {
      const requests = requestsTo(hostedPrefix);
      const element = setAttributes(document.createElement('pay-checkout'), {
        provider,
        environment: 'sandbox',
        mode: 'iframe',
        ...attributes,
      });
      await checkErrorOnConnect(element, ({ detail }) => {
        expect(detail).to.include({ code, recoverable: false, provider });
        expect(element.status).to.equal('error');
        expect(!hostedFrame(element), 'no checkout frame').to.equal(true);
        expect(requestsTo(hostedPrefix)).to.equal(requests);
      });
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
 * The tests of a provider's session endpoint: the demo backend's endpoint failing (its fault switches) or too
 * slow, and answers that must be refused; the element in modal mode.
 */
const itChecksTheSessionEndpoint = (checkout: HostedCheckout, { foreign, unusable }: RefusedAnswers): void => {
  const { sessionEndpoint: endpoint, hostedPrefix } = checkout;
  const make = (sessionEndpoint: string) => checkout.element({ 'session-endpoint': sessionEndpoint });
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
 * with the inline checkout open and once the hosted page accepted the session; and in an error state
 * (`badSessionId` is not the provider's shape).
 */
const itIsAccessible = (checkout: HostedCheckout, badSessionId: string): void => {
  const { element: make, sessionEndpoint, createSession, complete } = checkout;
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

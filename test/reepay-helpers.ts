// Reepay test helpers: sessions from the demo merchant backend, elements against the sandbox, and the frame
// protocol spoken from the element's own checkout frame on the checkout origin (the sandbox page's
// `sandbox_echo` switch), so that a checkout completes without anyone typing in a cross-origin page.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PayCheckout } from '../src/index.js';
import { SANDBOX, setAttributes } from './helpers.js';
import { hostedFrame, nextMessageFrom } from './hosted-helpers.js';

export const SESSION_ENDPOINT = '/api/reepay/session';
export const CHECKOUT = `${SANDBOX}/sandbox/reepay/checkout/`;

/** The frame protocol's event numbers (DESIGN.md, "Reepay hosted checkout: the frame protocol"). */
export const EVENT = { accept: 0, error: 1, cancel: 2, close: 3, open: 4 } as const;

export interface Session {
  id: string;
  url: string;
}

/** A session the demo merchant backend creates with its private key: `{ id, url }` on the sandbox. */
export const createSession = async (payload: Record<string, unknown> = {}): Promise<Session> => {
  const response = await fetch(SESSION_ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  expect(response.status).to.equal(200);
  return response.json();
};

/** A connected Reepay element against the sandbox; `attributes` add to / override the defaults (null removes). */
export const reepay = (attributes: Record<string, string | null> = {}): Promise<PayCheckout> => {
  const element = setAttributes(document.createElement('pay-checkout'), {
    provider: 'reepay',
    environment: 'sandbox',
    amount: '91900',
    currency: 'DKK',
    ...attributes,
  });
  return fixture<PayCheckout>(html`${element}`);
};

export { hostedFrame, hostedDialog as dialog } from './hosted-helpers.js';

/**
 * The `origin` field (`rp-<token>`) of the first Open each checkout window sent this page: the element's
 * protocol token, as the real checkout page echoes it back once it has shown the session. Recorded from the
 * moment this module loads, so that no Open is missed.
 */
const tokens = new WeakMap<MessageEventSource, string>();
addEventListener('message', ({ source, origin, data }: MessageEvent) => {
  if (source && origin === SANDBOX && data?.event === EVENT.open && typeof data.origin === 'string' && !tokens.has(source)) {
    tokens.set(source, data.origin);
  }
});

/** The element's protocol origin field, `rp-<token>`, once the checkout page in its frame has sent Open. */
export const protocolToken = async (element: PayCheckout): Promise<string> => {
  const known = () => {
    const frameWindow = hostedFrame(element)?.contentWindow;
    return frameWindow ? tokens.get(frameWindow) : undefined;
  };
  if (known()) return known()!;
  await waitUntil(() => hostedFrame(element)?.contentWindow, 'the element has no checkout frame', { timeout: 10_000 });
  const frameWindow = hostedFrame(element)!.contentWindow!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the checkout page in the element’s frame sent no Open')), 10_000);
  });
  try {
    while (!tokens.has(frameWindow)) await Promise.race([nextMessageFrom(frameWindow), timeout]);
  } finally {
    clearTimeout(timer);
  }
  return tokens.get(frameWindow)!;
};

/** The sandbox checkout page playing a compromised (or scripted) checkout: it posts `data` to its parent. */
export const echoOnCheckoutOrigin = (data: unknown): string => `${CHECKOUT}?sandbox_echo=${encodeURIComponent(JSON.stringify(data))}`;

/**
 * Makes the element's own checkout frame, on the checkout origin, post `data` to this page, as the checkout
 * page would, and resolves once the message has reached this page (and so the element's listener). The frame
 * then shows the sandbox page's echo: a checkout that sent one message.
 */
export const sendFromCheckout = async (element: PayCheckout, data: unknown): Promise<void> => {
  const frame = hostedFrame(element)!;
  // Not the frame's load: a message that ends the checkout removes the frame, which then never loads.
  const arrived = nextMessageFrom(frame.contentWindow!);
  frame.src = echoOnCheckoutOrigin(data);
  await arrived;
};

/** The Accept message the checkout sends for `sessionId` once paid: `data` adds to or overrides its handles. */
export const acceptMessage = (token: string, sessionId: string, data: Record<string, unknown> = {}) => ({
  origin: token,
  event: EVENT.accept,
  data: { id: sessionId, invoice: 'order-0a1b2c3d', customer: 'demo-customer', ...data },
});

/** The checkout in the element's frame reports the session paid: Accept with the element's token. */
export const acceptInCheckout = async (element: PayCheckout, sessionId: string, data: Record<string, unknown> = {}): Promise<void> =>
  sendFromCheckout(element, acceptMessage(await protocolToken(element), sessionId, data));

/** The checkout in the element's frame sends `event` (Cancel, Close, Error) with the element's token. */
export const eventFromCheckout = async (element: PayCheckout, event: number, data: Record<string, unknown> = {}): Promise<void> =>
  sendFromCheckout(element, { origin: await protocolToken(element), event, data });

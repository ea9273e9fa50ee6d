// Reepay test helpers: sessions from the demo merchant backend, elements against the sandbox, the hosted frame.
import { expect, fixture, html } from '@open-wc/testing';
import type { PayCheckout } from '../src/index.js';
import { SANDBOX } from './helpers.js';
import { hostedFrame, inHostedPage, testCard } from './hosted-helpers.js';

export const SESSION_ENDPOINT = '/api/reepay/session';
export const CHECKOUT = `${SANDBOX}/sandbox/reepay/checkout/`;

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
  const element = document.createElement('pay-checkout');
  const all: Record<string, string | null> = { provider: 'reepay', environment: 'sandbox', amount: '91900', currency: 'DKK', ...attributes };
  for (const [name, value] of Object.entries(all)) if (value != null) element.setAttribute(name, value);
  return fixture<PayCheckout>(html`${element}`);
};

export { hostedFrame, hostedDialog as dialog, inHostedPage as inCheckout } from './hosted-helpers.js';

/** Types a card (default Visa 4242…) into the element's checkout frame and presses its Pay button. */
export const payInCheckout = async (element: PayCheckout, number = '4242 4242 4242 4242'): Promise<void> => {
  await inHostedPage(hostedFrame(element)!.name, { type: testCard(number), click: '#pay' });
};

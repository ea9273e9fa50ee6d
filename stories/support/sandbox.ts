// The PekoPay sandbox in offline mode (sandbox/README.md): its SDK and card frame are served with the
// stories (Storybook staticDirs) and tokens are made in the browser, so stories need no server and no
// credentials. Helpers for play functions act in the card frame, which is same-origin here.
import type { Meta } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { PayCheckout } from '../../src/index.js';
import { renderCheckout, type CheckoutArgs } from './render.js';

export const CARDS = {
  visa: '4242 4242 4242 4242',
  mastercard: '5555 5555 5555 4444',
  declined: '4000 0000 0000 0002',
  slow: '4000 0000 0000 0077',
} as const;

/** `bytes` random bytes as hex. */
export const randomHex = (bytes: number): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A token of the offline sandbox's fake shape; `offline_ttl<seconds>_` for one that expires soon. */
export const offlineToken = (prefix = 'offline_'): string => prefix + randomHex(12);

/** The sandbox SDK served with the stories, in offline mode; `switches` adds fault switches (`&tokenize_fault=500`). */
export const sandboxSdkUrl = (switches = ''): string =>
  new URL(`sandbox/pekopay/web/dist/index.js?offline${switches}`, document.baseURI).href;

/** A PekoPay checkout of 99.00 CAD on the offline sandbox, with an in-browser token provider. */
export const pekopayArgs = (): CheckoutArgs => ({
  provider: 'pekopay',
  environment: 'sandbox',
  'sdk-url': sandboxSdkUrl(),
  sessionTokenProvider: () => offlineToken(),
  amount: 9900,
  currency: 'CAD',
});

/**
 * What a stories file about <pay-checkout> on the offline sandbox shares; `description` (markdown) heads
 * its docs page. Spread into a meta that names its own `title`.
 */
export const pekopayMeta = (description: string) =>
  ({
    component: 'pay-checkout',
    render: renderCheckout,
    args: pekopayArgs(),
    parameters: { docs: { description: { component: description } } },
  }) satisfies Meta<CheckoutArgs>;

export const checkoutIn = (canvasElement: HTMLElement): PayCheckout => canvasElement.querySelector('pay-checkout')!;

/** Waits for `checkout.status` to be `status` (the element's own time limits end every wait). */
export const untilStatus = (checkout: PayCheckout, status: PayCheckout['status'], timeout = 20_000) =>
  waitFor(() => expect(checkout.status).toBe(status), { timeout });

/** The next `type` event of `checkout`. */
export const next = <K extends keyof GlobalEventHandlersEventMap & `pay-${string}`>(checkout: PayCheckout, type: K) =>
  new Promise<GlobalEventHandlersEventMap[K]>((resolve) => checkout.addEventListener(type, resolve, { once: true }));

/**
 * Fills a card form (found by its `autocomplete` fields) in a same-origin frame's `page` as autofill
 * would: expiry 12/34, CVC 123.
 */
export const autofill = (page: Document, number: string): void => {
  const values = { 'cc-number': number, 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' };
  for (const [autocomplete, value] of Object.entries(values)) {
    const input = page.querySelector<HTMLInputElement>(`[autocomplete="${autocomplete}"]`)!;
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
  }
};

/** Types a card into the hosted fields once they are ready (see autofill). */
export const fillCard = async (checkout: PayCheckout, number: string): Promise<void> => {
  await untilStatus(checkout, 'ready');
  autofill(checkout.querySelector('iframe')!.contentDocument!, number);
};

/** Presses the element's Pay button. */
export const pay = (checkout: PayCheckout): void => checkout.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();

/** The element's Pay button's text, its white space collapsed (amounts use no-break spaces). */
export const buttonText = (checkout: PayCheckout): string =>
  checkout.shadowRoot!.querySelector('[part="button"]')!.textContent!.replace(/\s+/g, ' ').trim();

/** The element's visible error message. */
export const message = (checkout: PayCheckout): string => checkout.shadowRoot!.querySelector('[part="message"]')!.textContent!.trim();

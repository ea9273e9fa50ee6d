// The Reepay sandbox's hosted checkout page in offline mode (sandbox/README.md, Reepay, "Offline mode of
// the hosted checkout page"): the page is served with the stories (Storybook staticDirs) and answers its
// own session API in the browser for fake-shaped session ids (`cs_00000000…`), so Reepay stories need no
// server. The page is same-origin with the stories here, so play functions act in it directly.
import type { Meta } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { PayCheckout } from '../../src/index.js';
import { renderCheckout, type CheckoutArgs } from './render.js';
import { autofill, randomHex } from './sandbox.js';

/** A session id of the offline page's fake shape: Reepay's `cs_` + 32 hex, the first eight zeros. */
export const offlineSessionId = (): string => `cs_00000000${randomHex(12)}`;

/**
 * The session URL of an offline session on the checkout page served with the stories; `switches` add to
 * the page's query (`&offline_error=expired`, `&offline_amount=12500`, `&sandbox_fault=hang`). Its origin
 * is the stories' own, which `.storybook/preview.ts` allows with `PayCheckout.allowOrigins`.
 */
export const reepaySessionUrl = (switches = ''): string =>
  new URL(`sandbox/reepay/checkout/index.html?offline${switches}#/${offlineSessionId()}`, document.baseURI).href;

/** A Reepay checkout of 99.00 DKK (the offline session's default) in `mode`, on the offline sandbox page. */
export const reepayArgs = (mode: 'iframe' | 'modal' | 'redirect', switches = ''): CheckoutArgs => ({
  provider: 'reepay',
  environment: 'sandbox',
  mode,
  'session-url': reepaySessionUrl(switches),
  amount: 9900,
  currency: 'DKK',
});

/** What a stories file about Reepay shares; `description` (markdown) heads its docs page. */
export const reepayMeta = (description: string) =>
  ({
    component: 'pay-checkout',
    render: renderCheckout,
    args: reepayArgs('iframe'),
    parameters: { docs: { description: { component: description } } },
  }) satisfies Meta<CheckoutArgs>;

/** The hosted checkout's frame (inline, or in the modal) in the element's shadow root. */
export const hostedFrame = (checkout: PayCheckout): HTMLIFrameElement | null => checkout.shadowRoot!.querySelector('iframe');

/**
 * Waits until the hosted page in the element's frame shows `ready` (its card form, once the session or
 * checkout was loaded) and returns its document.
 */
export const framedPage = async (checkout: PayCheckout, ready: string): Promise<Document> => {
  await waitFor(() => expect(hostedFrame(checkout)?.contentDocument?.querySelector(ready)).toBeTruthy(), { timeout: 20_000 });
  return hostedFrame(checkout)!.contentDocument!;
};

/** Types a card into the hosted page once it shows `ready` (see autofill) and presses its Pay button, `payButton`. */
export const payInFramedPage = async (checkout: PayCheckout, number: string, ready: string, payButton: string): Promise<void> => {
  const page = await framedPage(checkout, ready);
  autofill(page, number);
  page.querySelector<HTMLButtonElement>(payButton)!.click();
};

/** Waits until the checkout page shows its Pay button (the session was loaded) and returns its document. */
export const checkoutPage = (checkout: PayCheckout): Promise<Document> => framedPage(checkout, '#card-form:not([hidden])');

/** Types a card into the checkout page (see autofill) and presses its Pay button. */
export const payInCheckout = (checkout: PayCheckout, number: string): Promise<void> =>
  payInFramedPage(checkout, number, '#card-form:not([hidden])', '#pay');

// The Paiwise sandbox's hosted checkout page in offline mode (sandbox/README.md, Paiwise, "Offline mode of
// the hosted checkout page"): the page is served with the stories (Storybook staticDirs) and answers its
// own `…/pay/checkouts/:id` calls in the browser for fake-shaped checkout ids (`00000000…`), so Paiwise
// stories need no server. Once paid it navigates its frame to the return URL, here the offline page's
// default return page (`offline-return.html`), which the element reads, being on its origin.
import type { Meta } from '@storybook/web-components-vite';
import type { PayCheckout } from '../../src/index.js';
import { renderCheckout, type CheckoutArgs } from './render.js';
import { framedPage, payInFramedPage } from './reepay.js';
import { randomHex } from './sandbox.js';

/** A checkout id of the offline page's fake shape: the sandbox's 32 hex digits, the first eight zeros. */
export const offlineCheckoutId = (): string => `00000000${randomHex(12)}`;

/** A file of the Paiwise sandbox's pages as served with the stories. */
const pageUrl = (file: string): string => new URL(`sandbox/paiwise/pay/${file}`, document.baseURI).href;

/**
 * The hosted page of an offline checkout; `switches` add to the page's query (`&offline_amount=12500`,
 * `&pay_fault=500`). Its origin is the stories' own, which `.storybook/preview.ts` allows.
 */
export const paiwiseSessionUrl = (switches = ''): string => pageUrl(`checkout.html?offline&checkout_id=${offlineCheckoutId()}${switches}`);

/** A Paiwise checkout of 99.00 SEK (the offline checkout's default) in `mode`, on the offline sandbox page. */
export const paiwiseArgs = (mode: 'iframe' | 'modal' | 'redirect', switches = ''): CheckoutArgs => ({
  provider: 'paiwise',
  environment: 'sandbox',
  mode,
  'session-url': paiwiseSessionUrl(switches),
  amount: 9900,
  currency: 'SEK',
  // The return URLs the offline page sends the payer to when its query names none.
  payload: { returnUrl: pageUrl('offline-return.html?paiwise=return'), returnUrlCancel: pageUrl('offline-return.html?paiwise=cancel') },
});

/** What a stories file about Paiwise shares; `description` (markdown) heads its docs page. */
export const paiwiseMeta = (description: string) =>
  ({
    component: 'pay-checkout',
    render: renderCheckout,
    args: paiwiseArgs('iframe'),
    parameters: { docs: { description: { component: description } } },
  }) satisfies Meta<CheckoutArgs>;

/** The hosted page's card form, shown once the checkout was loaded. */
const READY = '#pay-form:not([hidden])';

/** Waits until the hosted page shows its card form (the checkout was loaded) and returns its document. */
export const paiwisePage = (checkout: PayCheckout): Promise<Document> => framedPage(checkout, READY);

/** Types a card into the hosted page (see autofill) and presses its Pay button. */
export const payInPaiwise = (checkout: PayCheckout, number: string): Promise<void> =>
  payInFramedPage(checkout, number, READY, '#pay-button');

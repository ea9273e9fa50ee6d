// Every error message the element shows (src/locales/en.ts), each reached through a real input: bad
// configuration, a failing token provider, test cards and sandbox switches on the offline sandboxes
// (PekoPay's card fields; Reepay's checkout page for the hosted-checkout codes), and an `action` endpoint
// the static host does not have.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { PayErrorCode } from '../src/errors.js';
import { PayCheckout, type PayCheckoutTimeouts } from '../src/index.js';
import en from '../src/locales/en.js';
import type { CheckoutArgs } from './support/render.js';
import { reepayArgs } from './support/reepay.js';
import {
  CARDS,
  checkoutIn,
  fillCard,
  message,
  next,
  offlineToken,
  pay,
  pekopayMeta,
  sandboxSdkUrl,
  untilStatus,
} from './support/sandbox.js';

const meta = {
  title: 'States/Errors',
  ...pekopayMeta(
    `Every failure is one \`pay-error\` and this visible, announced message:

| code | message |
|---|---|
${Object.entries(en.errors)
  .map(([code, text]) => `| \`${code}\` | ${text} |`)
  .join('\n')}

\`token-fetch\`, \`sdk-load\` and \`action-failed\` come with a **Retry** button. \`session\` and
\`frame-load\` are shown on Reepay's offline checkout page (see **Providers/Reepay**).`,
  ),
} satisfies Meta<CheckoutArgs>;

export default meta;
type Story = StoryObj<CheckoutArgs>;

/** Codes whose message comes with a Retry button. */
const RETRIED: PayErrorCode[] = ['token-fetch', 'sdk-load', 'action-failed'];

/**
 * A play function that does `act`, waits for the `code` error and checks the message shown for it. `limits`
 * lower `PayCheckout.timeouts` from before `act` until the error has come (the element reads a limit when its
 * timer starts, which can be after an import or a request, not as the click happens).
 */
const shows =
  (code: PayErrorCode, act?: (checkout: PayCheckout) => Promise<void>, limits: Partial<PayCheckoutTimeouts> = {}): Story['play'] =>
  async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    const error = next(checkout, 'pay-error');
    const saved = { ...PayCheckout.timeouts };
    Object.assign(PayCheckout.timeouts, limits);
    try {
      await act?.(checkout);
      // Configuration errors happen as the element connects, before the play function starts.
      if (act || checkout.status != 'error') await expect((await error).detail.code).toBe(code);
    } finally {
      Object.assign(PayCheckout.timeouts, saved);
    }
    await expect(message(checkout)).toBe(en.errors[code]);
    await expect(Boolean(checkout.shadowRoot!.querySelector('[part="retry"]'))).toBe(RETRIED.includes(code));
  };

/** Reepay args: the PekoPay ones of this file's meta cleared. */
const reepay = (...args: Parameters<typeof reepayArgs>): CheckoutArgs => ({
  'sdk-url': undefined,
  sessionTokenProvider: undefined,
  ...reepayArgs(...args),
});

/** Pays with `card` once the fields are ready. */
const payWith =
  (card: string) =>
  async (checkout: PayCheckout): Promise<void> => {
    await fillCard(checkout, card);
    pay(checkout);
  };

/** No token source: neither `session-token`, `token-url` nor `sessionTokenProvider`. */
export const Config: Story = { name: 'config', args: { sessionTokenProvider: undefined }, play: shows('config') };

/** A provider secret given to the browser (a Reepay private key as `session-token`). */
export const InsecureConfig: Story = {
  name: 'insecure-config',
  args: { 'session-token': 'priv_0123456789abcdef' },
  play: shows('insecure-config'),
};

/** The SDK refused to load: the sandbox SDK only runs with `environment="sandbox"`. */
export const SdkLoad: Story = { name: 'sdk-load', args: { environment: 'production' }, play: shows('sdk-load') };

/** The token provider failed three times: Retry asks it again. */
export const TokenFetch: Story = {
  name: 'token-fetch',
  args: { sessionTokenProvider: () => Promise.reject(new Error('token service unavailable')) },
  play: shows('token-fetch'),
};

/** The session token expired (here after 2 s) and nothing can refresh it. */
export const TokenExpired: Story = {
  name: 'token-expired',
  args: { 'session-token': offlineToken('offline_ttl2_'), sessionTokenProvider: undefined },
  play: shows('token-expired', async (checkout) => {
    await fillCard(checkout, CARDS.visa);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    pay(checkout);
  }),
};

/** Pay with empty card fields: the hosted fields mark what is missing. */
export const Validation: Story = {
  name: 'validation',
  play: shows('validation', async (checkout) => {
    await untilStatus(checkout, 'ready');
    pay(checkout);
  }),
};

/** The declined test card 4000 0000 0000 0002. */
export const Declined: Story = { name: 'declined', play: shows('declined', payWith(CARDS.declined)) };

/** The provider failed to tokenize (the sandbox answers 500: `tokenize_fault=500`). */
export const Tokenize: Story = {
  name: 'tokenize',
  args: { 'sdk-url': sandboxSdkUrl('&tokenize_fault=500') },
  play: shows('tokenize', payWith(CARDS.visa)),
};

/**
 * The provider did not answer within `PayCheckout.timeouts.submit` (60 s; the sandbox never answers here,
 * `tokenize_fault=hang`). The play function lowers the limit to 1 s while it runs.
 */
export const Timeout: Story = {
  name: 'timeout',
  args: { 'sdk-url': sandboxSdkUrl('&tokenize_fault=hang') },
  play: shows('timeout', payWith(CARDS.visa), { submit: 1000 }),
};

/** The hosted checkout reported its session failed: here Reepay's page says the session expired (`offline_error=expired`). */
export const Session: Story = {
  name: 'session',
  args: reepay('iframe', '&offline_error=expired'),
  play: shows('session'),
};

/**
 * The hosted checkout page did not open within `PayCheckout.timeouts.mount` (20 s; the page never shows
 * its session here, `sandbox_fault=hang`). The play function lowers the limit to 1 s while it runs.
 */
export const FrameLoad: Story = {
  name: 'frame-load',
  args: reepay('modal', '&sandbox_fault=hang'),
  play: shows(
    'frame-load',
    async (checkout) => {
      await untilStatus(checkout, 'ready');
      pay(checkout);
    },
    { mount: 1000 },
  ),
};

/**
 * The host's \`action\` endpoint refused the payment: here a URL the static host does not have (404). A 4xx other
 * than 408, 409, 425 or 429 is a refusal for good: the element lets that token go, and Retry starts over with a new
 * token and a new idempotency key (a 5xx, 408, 409, 425 or 429 would be posted again with the same key). (Tagged \`expects-http-error\`: the
 * browser logs the 404, which the smoke test allows for this story only.)
 */
export const ActionFailed: Story = {
  name: 'action-failed',
  tags: ['expects-http-error'],
  args: { action: new URL('api/orders', document.baseURI).href },
  play: shows('action-failed', payWith(CARDS.visa)),
};

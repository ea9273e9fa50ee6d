// Every error message the element shows (src/locales/en.ts), each reached through a real input: bad
// configuration, a failing token provider, test cards and sandbox switches on the offline sandbox.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { PayErrorCode } from '../src/errors.js';
import { PayCheckout } from '../src/index.js';
import en from '../src/locales/en.js';
import type { CheckoutArgs } from './support/render.js';
import { CARDS, checkoutIn, fillCard, message, next, offlineToken, pay, pekopayMeta, sandboxSdkUrl, untilStatus } from './support/sandbox.js';

/** Codes no PekoPay input can reach: they belong to hosted checkouts and `action`. */
const RESERVED: PayErrorCode[] = ['session', 'frame-load', 'action-failed'];

const meta = {
  title: 'States/Errors',
  ...pekopayMeta(
    `Every failure is one \`pay-error\` and this visible, announced message:

| code | message |
|---|---|
${Object.entries(en.errors)
  .map(([code, text]) => `| \`${code}\` | ${text}${RESERVED.includes(code as PayErrorCode) ? ' *(hosted checkouts and `action`: no PekoPay story)*' : ''} |`)
  .join('\n')}`,
  ),
} satisfies Meta<CheckoutArgs>;

export default meta;
type Story = StoryObj<CheckoutArgs>;

/** A play function that does `act`, waits for the `code` error and checks the message shown for it. */
const shows =
  (code: PayErrorCode, act?: (checkout: PayCheckout) => Promise<void>): Story['play'] =>
  async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    const error = next(checkout, 'pay-error');
    await act?.(checkout);
    // Configuration errors happen as the element connects, before the play function starts.
    if (act || checkout.status != 'error') await expect((await error).detail.code).toBe(code);
    await expect(message(checkout)).toBe(en.errors[code]);
  };

/** Pays with `card` once the fields are ready. */
const payWith = (card: string) => async (checkout: PayCheckout): Promise<void> => {
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

/** The token provider failed three times. */
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
 * `tokenize_fault=hang`). The play function lowers the limit to 1 s for its own click only.
 */
export const Timeout: Story = {
  name: 'timeout',
  args: { 'sdk-url': sandboxSdkUrl('&tokenize_fault=hang') },
  play: shows('timeout', async (checkout) => {
    await fillCard(checkout, CARDS.visa);
    const { submit } = PayCheckout.timeouts;
    PayCheckout.timeouts.submit = 1000;
    try {
      pay(checkout); // the element reads the limit as the click submits
    } finally {
      PayCheckout.timeouts.submit = submit;
    }
  }),
};

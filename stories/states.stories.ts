// The states a designer must see, on PekoPay (the offline sandbox): each story reaches its state through
// real inputs (token timing, test cards, sandbox switches) and its play function checks it got there.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { CheckoutArgs } from './support/render.js';
import { CARDS, checkoutIn, fillCard, next, offlineToken, pay, pekopayMeta, sandboxSdkUrl, untilStatus } from './support/sandbox.js';

const meta = {
  title: 'States',
  ...pekopayMeta(
    `\`status\` goes \`loading\` → \`ready\` → \`submitting\` → \`complete\`, or to \`error\`
(see **States/Errors** for every message). Interactions run in the play functions: open a story in
the canvas to see it happen, or take over and type a test card yourself.`,
  ),
} satisfies Meta<CheckoutArgs>;

export default meta;
type Story = StoryObj<CheckoutArgs>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A token provider that takes `ms` to answer, as a slow token endpoint would. */
const slowTokens = (ms: number) => () => sleep(ms).then(() => offlineToken());

/** While the token and the card fields load: the placeholder, in the fields' place, pulses (it keeps still under prefers-reduced-motion). */
export const Loading: Story = {
  args: { sessionTokenProvider: slowTokens(8000) },
  parameters: {
    docs: { description: { story: 'The token provider here takes 8 s (the element allows 10 s per attempt), then the fields appear.' } },
  },
};

/** The card fields are on screen; the Pay button is enabled. */
export const Ready: Story = {
  play: async ({ canvasElement }) => untilStatus(checkoutIn(canvasElement), 'ready'),
};

/** After Pay, while the provider tokenizes the card (here 10 s, through `tokenize_delay`). */
export const Submitting: Story = {
  args: { 'sdk-url': sandboxSdkUrl('&tokenize_delay=10000') },
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await fillCard(checkout, CARDS.visa);
    pay(checkout);
    await untilStatus(checkout, 'submitting');
  },
};

/** The token was emitted: the fields are read-only and the button is done. */
export const Complete: Story = {
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await fillCard(checkout, CARDS.visa);
    const token = next(checkout, 'pay-token');
    pay(checkout);
    await expect((await token).detail.card).toEqual({ last4: '4242', cardType: 'VISA' });
    await expect(checkout.status).toBe('complete');
  },
};

/**
 * `submit()` answers the payment's outcome: here the `pay-complete` detail, after the one `pay-token`
 * (with `action`, `detail.body` would hold the endpoint's answer).
 */
export const SubmitOutcome: Story = {
  name: 'submit() resolves with pay-complete',
  args: { 'hide-submit': true },
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await fillCard(checkout, CARDS.visa);
    const complete = next(checkout, 'pay-complete');
    const result = await checkout.submit();
    await expect(result).toBe((await complete).detail);
    await expect(checkout.status).toBe('complete');
  },
};

/** `disabled` (or a disabled `<fieldset>` around it): no payment, no part in the form, the Pay button disabled. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await untilStatus(checkout, 'ready');
    await expect(checkout.shadowRoot!.querySelector('button[part="button"]')).toBeDisabled();
    await expect(checkout.submit()).rejects.toMatchObject({ code: 'config' });
  },
};

/**
 * The session token expired while the payer typed: at Pay the SDK asks `sessionTokenProvider` for a new
 * one (here it takes 2 s; the element stays `submitting`) and pays with it.
 */
export const TokenRefreshing: Story = {
  name: 'Token expired, refreshing',
  args: { 'session-token': offlineToken('offline_ttl2_'), sessionTokenProvider: slowTokens(2000) },
  play: async ({ args, canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await fillCard(checkout, CARDS.mastercard);
    await sleep(2100);
    const token = next(checkout, 'pay-token');
    pay(checkout);
    await untilStatus(checkout, 'submitting');
    await expect((await token).detail.paymentToken).not.toBe(args['session-token']);
  },
};

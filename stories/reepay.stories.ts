// Reepay: its hosted checkout page in an inline frame, in a modal, or a full-page redirect.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { CheckoutArgs } from './support/render.js';
import { checkoutPage, payInCheckout, reepayArgs, reepayMeta } from './support/reepay.js';
import { CARDS, buttonText, checkoutIn, next, pay, untilStatus } from './support/sandbox.js';

const meta = {
  title: 'Providers/Reepay',
  ...reepayMeta(
    `Reepay's hosted checkout page, framed by the element (\`mode="iframe"\`, or \`modal\`, the default)
or opened in place of the page (\`redirect\`); the session comes from \`session-id\`, \`session-url\` or
\`session-endpoint\`. These stories run on the Reepay sandbox's checkout page in **offline mode**: the page
is served with the stories and answers its own session API in the browser for fake-shaped session ids
(\`cs_00000000…\`), so there is no server and no key. The page's switches go in the query of
\`session-url\`: \`offline_amount\`, \`offline_currency\`, \`offline_type=recurring|subscription\`,
\`offline_error=expired\`, \`api_fault=500\`. Test cards as for PekoPay: \`4242 4242 4242 4242\` pays,
\`4000 0000 0000 0002\` is declined.

In a static build the checkout page comes from the stories' own origin (allowed with
\`PayCheckout.allowOrigins\` in \`.storybook/preview.ts\`), so it is same-origin with the element here; with
Reepay it is \`https://checkout.reepay.com\`, and the element checks every message's window, origin and token.`,
  ),
} satisfies Meta<CheckoutArgs>;

export default meta;
type Story = StoryObj<CheckoutArgs>;

/** `mode="iframe"`: the checkout page inline, with its own Pay button, shown as soon as the element loads. */
export const Inline: Story = {
  play: async ({ canvasElement }) => {
    const page = await checkoutPage(checkoutIn(canvasElement));
    await expect(page.querySelector('#pay')!.textContent).toContain('99.00');
  },
};

/** The inline checkout after the payer paid: `pay-complete` with the invoice and customer, the page says so. */
export const InlinePaid: Story = {
  name: 'Inline, paid',
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    const complete = next(checkout, 'pay-complete');
    await payInCheckout(checkout, CARDS.visa);
    await expect((await complete).detail).toMatchObject({ provider: 'reepay', redirected: false });
    await expect(checkout.status).toBe('complete');
  },
};

/** A declined card: the checkout page says so and the payer may try another card (the element waits). */
export const InlineDeclined: Story = {
  name: 'Inline, card declined',
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await payInCheckout(checkout, CARDS.declined);
    const page = await checkoutPage(checkout);
    await waitFor(() => expect(page.getElementById('form-error')!.textContent).toBe('Your card was declined. Try another card.'));
  },
};

/** `mode="modal"` (the default) after Pay: the checkout page in the element's modal dialog. */
export const ModalOpened: Story = {
  name: 'Modal (opened)',
  args: reepayArgs('modal'),
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await untilStatus(checkout, 'ready');
    pay(checkout);
    await checkoutPage(checkout);
    await waitFor(() => expect(checkout.shadowRoot!.querySelector('dialog')?.open).toBe(true));
  },
};

/** `mode="redirect"`: the element's Pay button, which leaves for the checkout page (not pressed here). */
export const Redirect: Story = {
  args: reepayArgs('redirect'),
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await untilStatus(checkout, 'ready');
    await expect(buttonText(checkout)).toBe('Pay DKK 99.00');
  },
};

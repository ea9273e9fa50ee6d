// Paiwise: its hosted checkout page in an inline frame, in a modal, or a full-page redirect.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { CheckoutArgs } from './support/render.js';
import { paiwiseArgs, paiwiseMeta, paiwisePage, payInPaiwise } from './support/paiwise.js';
import { CARDS, buttonText, checkoutIn, next, pay, untilStatus } from './support/sandbox.js';

const meta = {
  title: 'Providers/Paiwise',
  ...paiwiseMeta(
    `Paiwise's hosted checkout page, framed by the element (\`mode="iframe"\`, or \`modal\`, the default)
or opened in place of the page (\`redirect\`). Paiwise has no frame protocol: its page navigates the window
it is in to the checkout's return URL, which the element reads (it is on the element's origin). The checkout
comes from \`session-url\` (its \`checkout_id\`), \`session-id\` or \`session-endpoint\`. These stories run on
the Paiwise sandbox's checkout page in **offline mode**: the page is served with the stories and answers
its own \`…/pay/checkouts/:id\` calls in the browser for fake-shaped checkout ids (\`00000000…\`), so there
is no server and no key. The page's switches go in the query of \`session-url\`: \`offline_amount\`,
\`offline_currency\`, \`offline_message\`, \`offline_capture=false\`, \`pay_fault=500\`. Test cards as for
PekoPay: \`4242 4242 4242 4242\` pays, \`4000 0000 0000 0002\` is declined. Once paid, the page returns to
the sandbox's \`offline-return.html\`, the \`payload\`'s \`returnUrl\` here.

In a static build the checkout page comes from the stories' own origin (allowed with
\`PayCheckout.allowOrigins\` in \`.storybook/preview.ts\`); with Paiwise it is \`https://api.paiwise.com\`,
whose page the element never reads: only the return to its own origin.`,
  ),
} satisfies Meta<CheckoutArgs>;

export default meta;
type Story = StoryObj<CheckoutArgs>;

/** `mode="iframe"`: the checkout page inline, with its own Pay button, shown as soon as the element loads. */
export const Inline: Story = {
  play: async ({ canvasElement }) => {
    const page = await paiwisePage(checkoutIn(canvasElement));
    await expect(page.getElementById('pay-button')!.textContent).toContain('99.00');
  },
};

/** The inline checkout after the payer paid: the page returned to the return URL, `pay-complete` with its status. */
export const InlinePaid: Story = {
  name: 'Inline, paid',
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    const complete = next(checkout, 'pay-complete');
    await payInPaiwise(checkout, CARDS.visa);
    await expect((await complete).detail).toMatchObject({ provider: 'paiwise', status: 'paid', redirected: false });
    await expect(checkout.status).toBe('complete');
  },
};

/** A declined card: the checkout page says so and the payer may try another card (the element waits). */
export const InlineDeclined: Story = {
  name: 'Inline, card declined',
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await payInPaiwise(checkout, CARDS.declined);
    const page = await paiwisePage(checkout);
    await waitFor(() => expect(page.getElementById('form-error')!.textContent).toBe('Your card was declined. Try another card.'));
  },
};

/** `mode="modal"` (the default) after Pay: the checkout page in the element's modal dialog. */
export const ModalOpened: Story = {
  name: 'Modal (opened)',
  args: paiwiseArgs('modal'),
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await untilStatus(checkout, 'ready');
    pay(checkout);
    await paiwisePage(checkout);
    await waitFor(() => expect(checkout.shadowRoot!.querySelector('dialog')?.open).toBe(true));
  },
};

/** `mode="redirect"`: the element's Pay button, which leaves for the checkout page (not pressed here). */
export const Redirect: Story = {
  args: paiwiseArgs('redirect'),
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await untilStatus(checkout, 'ready');
    await expect(buttonText(checkout)).toBe('Pay SEK 99.00');
  },
};

// PekoPay: the hosted card fields of `@pekopay/web`, embedded in the element (its only mode).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { renderCheckout, type CheckoutArgs } from './support/render.js';
import { pekopayMeta } from './support/sandbox.js';

const meta = {
  title: 'Providers/PekoPay',
  ...pekopayMeta(
    `PekoPay's hosted card fields, mounted inside the element. These stories run on the
PekoPay sandbox in offline mode: no server, tokens made in the browser (\`offline_…\`). Test cards,
any future expiry, any CVC and name:

| number | outcome |
|---|---|
| \`4242 4242 4242 4242\`, \`5555 5555 5555 4444\`, \`3782 822463 10005\` | success |
| \`4000 0000 0000 0002\` | declined |
| \`4000 0000 0000 0077\` | success after 3 seconds |

Add sandbox switches to \`sdk-url\` to see failures, e.g. \`&tokenize_fault=500\` or \`&tokenize_delay=5000\`.`,
  ),
} satisfies Meta<CheckoutArgs>;

export default meta;
type Story = StoryObj<CheckoutArgs>;

/** The element as a page drops it in: card fields and a Pay button with the amount. */
export const Embedded: Story = {};

/** `hide-submit`: the page's own button calls `submit()`. */
export const OwnPayButton: Story = {
  args: { 'hide-submit': true },
  render: (args) => {
    const checkout = renderCheckout(args);
    return html`${checkout}
      <p><button type="button" @click=${() => checkout.submit()}>Place order</button></p>`;
  },
};

/** Inside another component's shadow root: the card frame is projected from the document through slots. */
export const InShadowRoot: Story = {
  render: (args) => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(renderCheckout(args));
    return host;
  },
};

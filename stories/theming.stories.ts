// Theming: the --pay-checkout-* custom properties (each one a control here), the dark scheme, ::part()
// and the slots. The card fields themselves are the provider's hosted page and keep its own look.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { renderCheckout, type CheckoutArgs } from './support/render.js';
import { pekopayMeta } from './support/sandbox.js';

const meta = {
  title: 'Theming',
  ...pekopayMeta(
    `Colours, radius, spacing, font and focus ring are \`--pay-checkout-*\` custom properties (try
them in the controls); every visible piece is a \`::part()\`; \`header\`, \`footer\` and \`button-label\`
are slots. The colour defaults follow the \`color-scheme\` the element inherits. The card fields are the
provider's hosted page: their look is the provider's.`,
  ),
} satisfies Meta<CheckoutArgs>;

export default meta;
type Story = StoryObj<CheckoutArgs>;

/** A page area with its own colour scheme and background, as a host page would have. */
const scheme = (colorScheme: string, background: string) => (story: () => unknown) =>
  html`<div style="color-scheme: ${colorScheme}; background: ${background}; padding: 24px; border-radius: 12px">${story()}</div>`;

/** The defaults, light. */
export const Light: Story = {};

/** `color-scheme: dark` on the page (or the element): the dark defaults. */
export const Dark: Story = {
  decorators: [scheme('dark', '#131314')],
};

/**
 * `color-scheme: light dark` on the page: the element follows the system's `prefers-color-scheme`
 * (switch your system's appearance to see it change).
 */
export const FollowsSystem: Story = {
  name: 'Follows the system scheme',
  decorators: [scheme('light dark', 'light-dark(#fff, #131314)')],
};

/** A brand theme from custom properties only. */
export const Brand: Story = {
  args: {
    '--pay-checkout-accent': '#0f5132',
    '--pay-checkout-accent-text': '#fffbeb',
    '--pay-checkout-text': '#1c1917',
    '--pay-checkout-radius': '999px',
    '--pay-checkout-spacing': '20px',
    '--pay-checkout-font': 'Georgia, "Times New Roman", serif',
    '--pay-checkout-focus-ring': '3px dashed #0f5132',
  },
  decorators: [scheme('light', '#fffbeb')],
};

/** Beyond the custom properties: the parts styled from the page's own stylesheet. */
export const Parts: Story = {
  name: '::part() styling',
  render: (args) =>
    html`<style>
        .parts-demo pay-checkout::part(base) {
          padding: 16px;
          border: 1px solid #c4c7c5;
          border-radius: 12px;
        }
        .parts-demo pay-checkout::part(button) {
          text-transform: uppercase;
          letter-spacing: 0.08em;
        }
        .parts-demo pay-checkout::part(message) {
          font-weight: 600;
        }
      </style>
      <div class="parts-demo">${renderCheckout(args)}</div>`,
};

/** `header`, `footer` and `button-label` filled (each one a control here). */
export const Slots: Story = {
  args: {
    header: 'Sarah’s Bakery · order #1042',
    footer: 'Card details go straight to PekoPay; we never see them.',
    'button-label': 'Place order',
  },
};

// PekoPay: the hosted card fields of `@pekopay/web`, embedded in the element (its only mode).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { PayCheckout, PayIntent } from '../src/index.js';
import en from '../src/locales/en.js';
import { renderCheckout, type CheckoutArgs } from './support/render.js';
import { buttonText, checkoutIn, next, pekopayMeta, untilStatus } from './support/sandbox.js';

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

const CUSTOMER = 'cus_0123456789abcdef';
/** A customer's saved cards, as the host's backend lists them (`cards`, here the JSON attribute). */
const savedCards = {
  cards: JSON.stringify([
    { last4: '4242', cardType: 'VISA' },
    { last4: '4444', cardType: 'MASTERCARD', default: true },
  ]),
  'customer-id': CUSTOMER,
};

/** The saved-card radio group's choices, in order (the saved cards, then "Use a new card"). */
const cardChoices = (checkout: PayCheckout) => [...checkout.shadowRoot!.querySelectorAll<HTMLInputElement>('[part="cards"] input')];

/** `cards`: the default saved card is preselected, and no card fields load until "Use a new card". */
export const SavedCards: Story = {
  name: 'Saved cards: default preselected',
  args: savedCards,
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await untilStatus(checkout, 'ready');
    await expect(cardChoices(checkout).map((input) => input.checked)).toEqual([false, true, false]);
    await expect(checkout.querySelector('iframe')).toBeNull();
  },
};

/** The payer chose "Use a new card": `pay-card-select`, then the card fields. */
export const SavedCardsNewCard: Story = {
  name: 'Saved cards: new card chosen',
  args: savedCards,
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await untilStatus(checkout, 'ready');
    const selected = next(checkout, 'pay-card-select');
    cardChoices(checkout).at(-1)!.click();
    await selected;
    await waitFor(() => expect(checkout.querySelector('iframe')).not.toBeNull(), { timeout: 20_000 });
    await untilStatus(checkout, 'ready');
  },
};

/** `offer-save-card`: with a new card, the payer may keep it for next time (`pay-token` carries `saveCard`). */
export const SaveThisCard: Story = {
  name: 'Save this card offered',
  args: { 'offer-save-card': true, 'customer-id': CUSTOMER },
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await untilStatus(checkout, 'ready');
    await expect(checkout.shadowRoot!.querySelector('[part="save-card"]')!.textContent!.trim()).toBe(en.saveThisCard);
  },
};

/** `intent`: the button says what the payment is for. */
const intentStory = (intent: Exclude<PayIntent, 'charge'>): Story => ({
  args: { intent, 'customer-id': CUSTOMER },
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await untilStatus(checkout, 'ready');
    await expect(buttonText(checkout)).toBe(en.intents[intent]);
  },
});

// Names written out: Storybook's index reads them from the source, not from what a function returns.
/** `intent="subscription"`: "Subscribe". */
export const IntentSubscription: Story = { name: 'Intent: subscription', ...intentStory('subscription') };
/** `intent="save-card"`: "Save card" (no amount is charged). */
export const IntentSaveCard: Story = { name: 'Intent: save-card', ...intentStory('save-card') };
/** `intent="update-card"`: "Update card" (a subscription's new payment source). */
export const IntentUpdateCard: Story = { name: 'Intent: update-card', ...intentStory('update-card') };

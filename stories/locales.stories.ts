// Locales: the same PekoPay checkout in each locale other than English (each a lazily loaded chunk), ready
// and with an error, its texts and amount checked against the locale's translation.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { PayCheckout, Translation } from '../src/index.js';
import da from '../src/locales/da.js';
import frCA from '../src/locales/fr-ca.js';
import sv from '../src/locales/sv.js';
import type { CheckoutArgs } from './support/render.js';
import { CARDS, buttonText, checkoutIn, fillCard, message, next, pay, pekopayMeta, untilStatus } from './support/sandbox.js';

const meta = {
  title: 'Locales',
  ...pekopayMeta(
    `\`locale\` (else the nearest \`lang\`, else the document's) picks the texts: \`en\` is bundled, \`fr-CA\`,
\`da\` and \`sv\` are chunks loaded only when shown. Amounts are formatted by \`Intl.NumberFormat\` for the
locale. The card fields are the provider's page, in its own language.`,
  ),
} satisfies Meta<CheckoutArgs>;

export default meta;
type Story = StoryObj<CheckoutArgs>;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Waits until the element shows `locale`'s texts: its Pay button with 99.00 CAD formatted for it. */
const inLocale = async (checkout: PayCheckout, locale: string, t: Translation) => {
  const amount = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CAD' }).format(99);
  await waitFor(() => expect(buttonText(checkout)).toBe(squash(t.payAmount(amount))));
};

/** The checkout in `locale`, ready. */
const ready = (locale: string, t: Translation): Story => ({
  args: { locale },
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await untilStatus(checkout, 'ready');
    await inLocale(checkout, locale, t);
  },
});

/** The checkout in `locale` after a declined card: the message in that language. */
const declined = (locale: string, t: Translation): Story => ({
  args: { locale },
  play: async ({ canvasElement }) => {
    const checkout = checkoutIn(canvasElement);
    await fillCard(checkout, CARDS.declined);
    await inLocale(checkout, locale, t);
    const error = next(checkout, 'pay-error');
    pay(checkout);
    await expect((await error).detail.message).toBe(t.errors.declined);
    await expect(message(checkout)).toBe(t.errors.declined);
  },
});

// Names written out: Storybook's index reads them from the source, not from what a function returns.
export const FrenchCanada: Story = { name: 'fr-CA', ...ready('fr-CA', frCA) };
export const FrenchCanadaDeclined: Story = { name: 'fr-CA, card declined', ...declined('fr-CA', frCA) };
export const Danish: Story = { name: 'da', ...ready('da', da) };
export const DanishDeclined: Story = { name: 'da, card declined', ...declined('da', da) };
export const Swedish: Story = { name: 'sv', ...ready('sv', sv) };
export const SwedishDeclined: Story = { name: 'sv, card declined', ...declined('sv', sv) };

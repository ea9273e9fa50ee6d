// Locales: the same PekoPay checkout in each locale other than English (each a lazily loaded chunk), ready
// and with an error, its texts and amount checked against the locale's translation; Arabic, right to left,
// beside English (the screenshots of the mirrored layout) and in the hosted checkout's modal.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { PayCheckout, Translation } from '../src/index.js';
import ar from '../src/locales/ar.js';
import da from '../src/locales/da.js';
import frCA from '../src/locales/fr-ca.js';
import sv from '../src/locales/sv.js';
import { renderCheckout, type CheckoutArgs } from './support/render.js';
import { reepayArgs } from './support/reepay.js';
import { CARDS, buttonText, checkoutIn, fillCard, message, next, pay, pekopayMeta, untilStatus } from './support/sandbox.js';

const meta = {
  title: 'Locales',
  ...pekopayMeta(
    `\`locale\` (else the nearest \`lang\`, else the document's) picks the texts: \`en\` is bundled, \`fr-CA\`,
\`da\`, \`sv\` and \`ar\` are chunks loaded only when shown, and a page may add or override texts with
\`PayCheckout.registerTranslation()\`. Amounts are formatted by \`Intl.NumberFormat\` for the locale. Arabic is
written right to left: the element's layout mirrors (unless the page set \`dir\` itself). The card fields are the
provider's page, in its own language.`,
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
export const Arabic: Story = { name: 'ar', ...ready('ar', ar) };
export const ArabicDeclined: Story = { name: 'ar, card declined', ...declined('ar', ar) };

/** The horizontal middle of an element's box. */
const middle = (element: Element) => {
  const { left, width } = element.getBoundingClientRect();
  return left + width / 2;
};

/** The wrapper part of a checkout. */
const checkout = (element: PayCheckout) => element.shadowRoot!.querySelector('[part="base"]')!;

/**
 * Arabic (right to left) beside English, with saved cards: the layout mirrored, from the legend and the radios to
 * the Pay button's label. The play function checks the mirroring by geometry.
 */
export const ArabicBesideEnglish: Story = {
  name: 'ar beside en, right to left',
  args: {
    cards: JSON.stringify([
      { last4: '4242', cardType: 'VISA', default: true },
      { last4: '4444', cardType: 'MASTERCARD' },
    ]),
  },
  render: (args) =>
    html`<div style="display: grid; grid-template-columns: repeat(2, minmax(0, 320px)); gap: 32px">
      ${renderCheckout({ ...args, locale: 'ar' })} ${renderCheckout({ ...args, locale: 'en' })}
    </div>`,
  play: async ({ canvasElement }) => {
    const [arabic, english] = [...canvasElement.querySelectorAll('pay-checkout')] as [PayCheckout, PayCheckout];
    await Promise.all([untilStatus(arabic, 'ready'), untilStatus(english, 'ready')]);
    await inLocale(arabic, 'ar', ar);
    const radios = (checkout: PayCheckout) => [...checkout.shadowRoot!.querySelectorAll('[part="card-option"]')];
    await expect(checkout(arabic).getAttribute('dir')).toBe('rtl');
    for (const option of radios(arabic)) await expect(middle(option.querySelector('input')!)).toBeGreaterThan(middle(option));
    for (const option of radios(english)) await expect(middle(option.querySelector('input')!)).toBeLessThan(middle(option));
  },
};

/** Reepay's hosted checkout in the element's modal, in Arabic: the close control at the top left. */
export const ArabicModal: Story = {
  name: 'ar, modal opened',
  // The file's PekoPay options go: on a Reepay element they would be a `config` error.
  args: { ...reepayArgs('modal'), locale: 'ar', 'sdk-url': undefined, sessionTokenProvider: undefined },
  play: async ({ canvasElement }) => {
    const element = checkoutIn(canvasElement);
    await untilStatus(element, 'ready');
    await waitFor(() => expect(checkout(element).getAttribute('lang')).toBe('ar'));
    pay(element);
    const dialog = await waitFor(() => {
      const open = element.shadowRoot!.querySelector('dialog');
      expect(open?.open).toBe(true);
      return open!;
    });
    const close = dialog.querySelector('[part="close"]')!;
    await expect(close.getAttribute('aria-label')).toBe(ar.closeHosted);
    await expect(middle(close)).toBeLessThan(middle(dialog));
  },
};

// Right to left: Arabic (`ar`, a lazily loaded chunk) lays the element out right to left, proven by geometry in
// every engine: the Pay button's label starts at its right, Retry and the saved cards' radios sit at the right,
// the hosted checkout modal's close control at the top left; English beside it, left to right. A page that set
// `dir` itself keeps it. The modal needs a hosted page: it opens Reepay's, from the sandbox.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import type { PayCheckout } from '../src/index.js';
import ar from '../src/locales/ar.js';
import en from '../src/locales/en.js';
import { SAVED_CARDS, TOKEN_URL, button, configurePekopay, nextError, retryButton } from './helpers.js';
import { hostedDialog, openHostedCheckout } from './hosted-helpers.js';
import { SESSION_ENDPOINT, reepay } from './reepay-helpers.js';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const money = (locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CAD' }).format(99);
const base = (element: PayCheckout) => element.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
const box = (node: Element | Range) => node.getBoundingClientRect();
/** The horizontal middle of a box. */
const middle = (node: Element | Range) => box(node).left + box(node).width / 2;

/** Two PekoPay elements side by side, Arabic and English, each in its own 320px column. */
const sideBySide = async (attributes: Record<string, string> = {}): Promise<[PayCheckout, PayCheckout]> => {
  const page = await fixture<HTMLDivElement>(
    html`<div style="display: grid; grid-template-columns: 320px 320px; gap: 24px">
      ${configurePekopay(document.createElement('pay-checkout'), { locale: 'ar', ...attributes })}
      ${configurePekopay(document.createElement('pay-checkout'), { locale: 'en', ...attributes })}
    </div>`,
  );
  const [arabic, english] = page.querySelectorAll('pay-checkout');
  await waitUntil(() => base(arabic!).getAttribute('lang') == 'ar', 'the Arabic texts', { timeout: 3000 });
  return [arabic!, english!];
};

/** The Pay button's label text: the range of all of it, and of its first word. */
const labelRanges = (element: PayCheckout): { whole: Range; firstWord: Range } => {
  const walker = document.createTreeWalker(button(element), NodeFilter.SHOW_TEXT);
  let text: Text | null = null;
  while (!text && walker.nextNode()) if (walker.currentNode.textContent!.trim()) text = walker.currentNode as Text;
  const value = text!.data;
  const start = value.search(/\S/);
  const whole = document.createRange();
  whole.setStart(text!, start);
  whole.setEnd(text!, value.trimEnd().length);
  const firstWord = document.createRange();
  firstWord.setStart(text!, start);
  firstWord.setEnd(text!, start + value.slice(start).search(/\s|$/));
  return { whole, firstWord };
};

describe('locales: right to left (ar)', () => {
  it('labels the Pay button in Arabic with the amount formatted for ar, the label starting at the right; English at the left', async () => {
    const [arabic, english] = await sideBySide();
    expect(squash(button(arabic).textContent!)).to.equal(squash(ar.payAmount(money('ar'))));
    expect(base(arabic).getAttribute('dir')).to.equal('rtl');
    expect(base(english).hasAttribute('dir'), 'English sets no dir').to.equal(false);
    expect(getComputedStyle(button(arabic)).direction).to.equal('rtl');
    expect(getComputedStyle(button(english)).direction).to.equal('ltr');
    const rtl = labelRanges(arabic);
    expect(box(rtl.firstWord).right).to.be.closeTo(box(rtl.whole).right, 1);
    expect(box(rtl.firstWord).left).to.be.greaterThan(box(rtl.whole).left + 1);
    const ltr = labelRanges(english);
    expect(box(ltr.firstWord).left).to.be.closeTo(box(ltr.whole).left, 1);
    expect(box(ltr.firstWord).right).to.be.lessThan(box(ltr.whole).right - 1);
    await expect(arabic).to.be.accessible();
  });

  it("puts the saved cards' radios at the right of their labels in Arabic, at the left in English", async () => {
    const [arabic, english] = await sideBySide({ cards: JSON.stringify(SAVED_CARDS) });
    const options = (element: PayCheckout) => [...element.shadowRoot!.querySelectorAll<HTMLLabelElement>('[part="card-option"]')];
    await waitUntil(() => options(arabic).length == 4 && options(english).length == 4, 'the saved cards', { timeout: 3000 });
    expect(squash(options(arabic)[0]!.textContent!)).to.equal(ar.cardEnding('Visa', '4242'));
    for (const option of options(arabic)) expect(middle(option.querySelector('input')!)).to.be.greaterThan(middle(option));
    for (const option of options(english)) expect(middle(option.querySelector('input')!)).to.be.lessThan(middle(option));
    const legend = (element: PayCheckout) => element.shadowRoot!.querySelector('[part="cards"] legend')!;
    expect(box(legend(arabic)).right).to.be.closeTo(box(base(arabic)).right, 1);
    expect(box(legend(english)).left).to.be.closeTo(box(base(english)).left, 1);
  });

  it('puts Retry at the right edge in Arabic and at the left edge in English', async () => {
    const [arabic, english] = await sideBySide({ 'token-url': `${TOKEN_URL}?sandbox_fault=500` });
    await Promise.all([arabic, english].map((element) => (element.status == 'error' ? undefined : nextError(element))));
    await waitUntil(() => retryButton(arabic)?.textContent == ar.retry && retryButton(english)?.textContent == en.retry, 'Retry', {
      timeout: 3000,
    });
    expect(box(retryButton(arabic)!).right).to.be.closeTo(box(base(arabic)).right, 1);
    expect(box(retryButton(arabic)!).left).to.be.greaterThan(box(base(arabic)).left + 1);
    expect(box(retryButton(english)!).left).to.be.closeTo(box(base(english)).left, 1);
  });

  it('keeps the direction the page set: Arabic in a dir="ltr" container, English in a dir="rtl" one', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <div dir="ltr">${configurePekopay(document.createElement('pay-checkout'), { locale: 'ar' })}</div>
        <div dir="rtl">${configurePekopay(document.createElement('pay-checkout'), { locale: 'en' })}</div>
      </div>`,
    );
    const [arabic, english] = page.querySelectorAll('pay-checkout');
    await waitUntil(() => base(arabic!).getAttribute('lang') == 'ar', 'the Arabic texts', { timeout: 3000 });
    expect(base(arabic!).hasAttribute('dir')).to.equal(false);
    expect(getComputedStyle(button(arabic!)).direction).to.equal('ltr');
    expect(getComputedStyle(button(english!)).direction).to.equal('rtl');
  });

  it("follows the direction live: rtl once lang becomes ar, the page's again once it sets dir", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">${configurePekopay(document.createElement('pay-checkout'))}</div>`);
    const element = wrapper.querySelector('pay-checkout')!;
    wrapper.lang = 'ar';
    await waitUntil(() => base(element).getAttribute('dir') == 'rtl', 'right to left', { timeout: 3000 });
    wrapper.dir = 'ltr';
    await waitUntil(() => !base(element).hasAttribute('dir'), "the page's direction", { timeout: 3000 });
    expect(getComputedStyle(button(element)).direction).to.equal('ltr');
  });

  it("puts the modal's close control at the top left in Arabic and at the top right in English", async () => {
    for (const [locale, side] of [
      ['ar', 'left'],
      ['en', 'right'],
    ] as const) {
      const element = await reepay({ 'session-endpoint': SESSION_ENDPOINT, locale });
      await waitUntil(() => base(element).getAttribute('lang') == locale, `the ${locale} texts`, { timeout: 3000 });
      await openHostedCheckout(element);
      const dialog = hostedDialog(element)!;
      const close = dialog.querySelector<HTMLButtonElement>('[part="close"]')!;
      expect(close.getAttribute('aria-label')).to.equal(locale == 'ar' ? ar.closeHosted : en.closeHosted);
      expect(getComputedStyle(dialog).direction).to.equal(locale == 'ar' ? 'rtl' : 'ltr');
      const [edge, far] = side == 'left' ? (['left', 'right'] as const) : (['right', 'left'] as const);
      expect(Math.abs(box(close)[edge] - box(dialog)[edge]), `close at the ${side}`).to.be.lessThan(8);
      expect(Math.abs(box(close)[far] - box(dialog)[far])).to.be.greaterThan(box(dialog).width / 2);
      close.click();
      await waitUntil(() => !hostedDialog(element), 'the modal closed', { timeout: 3000 });
      element.remove();
    }
  });
});

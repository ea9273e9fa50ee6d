// Locales: the texts follow `locale`, then the nearest `lang`, then the document's; amounts are formatted by
// Intl for that locale. (That only the locale shown is downloaded is tested on the built file, bundle.test.ts.)
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import type { PayCheckout } from '../src/index.js';
import da from '../src/locales/da.js';
import en from '../src/locales/en.js';
import frCA from '../src/locales/fr-ca.js';
import { matchLocale } from '../src/locales/index.js';
import sv from '../src/locales/sv.js';
import { configurePekopay, message, nextError } from './helpers.js';

const money = (locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CAD' }).format(99);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const buttonText = (element: PayCheckout) => text(element.shadowRoot!.querySelector('[part="button"]'));
const normalize = (value: string) => value.replace(/\s+/g, ' ').trim();

const element = (attributes: Record<string, string | null> = {}) => configurePekopay(document.createElement('pay-checkout'), attributes);

describe('locales', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('matches a tag to a supported locale: itself, else its language, else English', () => {
    expect(['fr-CA', 'fr-ca', 'fr', 'fr-FR', 'da-DK', 'sv-FI', 'sv', 'de-DE', 'nb', 'en-GB', ''].map(matchLocale)).to.deep.equal([
      'fr-CA',
      'fr-CA',
      'fr-CA',
      'fr-CA',
      'da',
      'sv',
      'sv',
      'en',
      'en',
      'en',
      'en',
    ]);
  });

  it('labels the button in Canadian French with the amount formatted for fr-CA', async () => {
    const payCheckout = await fixture<PayCheckout>(html`${element({ locale: 'fr-CA' })}`);
    const expected = normalize(`Payer ${money('fr-CA')}`);
    await waitUntil(() => buttonText(payCheckout) == expected, `"${expected}"`, { timeout: 3000 });
    expect(payCheckout.shadowRoot!.querySelector('[part="base"]')!.getAttribute('lang')).to.equal('fr-CA');
    expect(text(payCheckout.shadowRoot!.querySelector('[part="fields"]'))).to.equal('');
    expect(payCheckout.shadowRoot!.querySelector('[part="fields"]')!.getAttribute('aria-label')).to.equal(frCA.cardDetails);
    await expect(payCheckout).to.be.accessible();
  });

  it('follows the nearest lang attribute when locale is not set', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="da-DK">${element()}</div>`);
    const payCheckout = wrapper.querySelector('pay-checkout')!;
    const expected = normalize(`Betal ${money('da-DK')}`);
    await waitUntil(() => buttonText(payCheckout) == expected, `"${expected}"`, { timeout: 3000 });
  });

  it("falls back to the document's lang, and locale overrides it", async () => {
    document.documentElement.lang = 'sv';
    const payCheckout = await fixture<PayCheckout>(html`${element()}`);
    await waitUntil(() => buttonText(payCheckout) == normalize(`Betala ${money('sv')}`), 'Swedish', { timeout: 3000 });
    payCheckout.locale = 'en-CA';
    await waitUntil(() => buttonText(payCheckout) == `Pay ${money('en-CA')}`, 'English', { timeout: 3000 });
    expect(payCheckout.shadowRoot!.querySelector('[part="base"]')!.getAttribute('lang')).to.equal('en');
  });

  it('shows and emits error messages in the active locale, even right after connecting', async () => {
    const payCheckout = element({ provider: null, locale: 'sv' });
    const error = nextError(payCheckout);
    document.body.append(payCheckout);
    try {
      const { detail } = await error;
      expect(detail.code).to.equal('config');
      expect(detail.message).to.equal(sv.errors.config);
      await payCheckout.updateComplete;
      expect(message(payCheckout)).to.equal(sv.errors.config);
    } finally {
      payCheckout.remove();
    }
  });

  it('uses English for a locale it does not have, and translates an error when the locale changes', async () => {
    const payCheckout = await fixture<PayCheckout>(html`${element({ provider: 'nope', locale: 'de-DE' })}`);
    expect(payCheckout.status).to.equal('error');
    expect(message(payCheckout)).to.equal(en.errors.config);
    payCheckout.locale = 'da';
    await waitUntil(() => message(payCheckout) == da.errors.config, 'the Danish message', { timeout: 3000 });
    expect(payCheckout.status).to.equal('error');
  });

  it('emits pay-ready once in a non-English locale, like in English', async () => {
    const payCheckout = element({ locale: 'fr-CA' });
    const ready = oneEvent(payCheckout, 'pay-ready');
    document.body.append(payCheckout);
    try {
      await ready;
      expect(payCheckout.status).to.equal('ready');
    } finally {
      payCheckout.remove();
    }
  });
});

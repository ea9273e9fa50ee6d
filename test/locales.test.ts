// Locales: the texts follow `locale`, then the nearest `lang`, then the document's, live; amounts are formatted by
// Intl for that locale; script adds locales and overrides texts with PayCheckout.registerTranslation. (That only
// the locale shown is downloaded is tested on the built file, bundle.test.ts; right to left: locales-rtl.test.ts.)
// Registrations last for the page: each test registers a locale, or a term, no other test of this file reads.
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { PayCheckout } from '../src/index.js';
import da from '../src/locales/da.js';
import en from '../src/locales/en.js';
import frCA from '../src/locales/fr-ca.js';
import { loaders, matchLocale } from '../src/locales/index.js';
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
    expect(['fr-CA', 'fr-ca', 'fr', 'fr-FR', 'da-DK', 'sv-FI', 'sv', 'ar-EG', 'de-DE', 'nb', 'en-GB', ''].map(matchLocale)).to.deep.equal([
      'fr-CA',
      'fr-CA',
      'fr-CA',
      'fr-CA',
      'da',
      'sv',
      'sv',
      'ar',
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

  it('shows and emits an error in English when its locale’s texts never arrive, rather than never', async () => {
    const load = loaders.da!;
    loaders.da = () => new Promise(() => {}); // the chunk's request hangs (a CDN that stalls)
    const payCheckout = element({ provider: null, locale: 'da' });
    const error = nextError(payCheckout);
    document.body.append(payCheckout);
    try {
      const { detail } = await error;
      expect(detail.code).to.equal('config');
      expect(detail.message).to.equal(en.errors.config);
      await payCheckout.updateComplete;
      expect(message(payCheckout)).to.equal(en.errors.config);
    } finally {
      loaders.da = load;
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

describe('locales: registerTranslation', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('adds a language over English: its own terms, English for the rest, and the amount formatted for its tag', async () => {
    PayCheckout.registerTranslation('de', { payAmount: (amount) => `Bezahlen ${amount}`, pay: 'Bezahlen' });
    const payCheckout = await fixture<PayCheckout>(html`${element({ locale: 'de-AT' })}`);
    const amount = new Intl.NumberFormat('de-AT', { style: 'currency', currency: 'CAD' }).format(99);
    await waitUntil(() => buttonText(payCheckout) == normalize(`Bezahlen ${amount}`), 'the German label', { timeout: 3000 });
    expect(payCheckout.shadowRoot!.querySelector('[part="base"]')!.getAttribute('lang')).to.equal('de');
    expect(payCheckout.shadowRoot!.querySelector('[part="fields"]')!.getAttribute('aria-label')).to.equal(en.cardDetails);
    await expect(payCheckout).to.be.accessible();
  });

  it('matches a registered locale by exact tag first, then by its bare language, before a shipped one of that language', () => {
    PayCheckout.registerTranslation('fr', { pay: 'Payer' });
    PayCheckout.registerTranslation('pt-br', { pay: 'Pagar' });
    expect(['fr', 'fr-FR', 'fr-CA', 'pt-BR', 'pt-PT', 'PT-br'].map(matchLocale)).to.deep.equal([
      'fr',
      'fr',
      'fr-CA',
      'pt-BR',
      'pt-BR',
      'pt-BR',
    ]);
  });

  it('overrides one term of a shipped locale over its chunk, and elements showing it update at once', async () => {
    const payCheckout = await fixture<PayCheckout>(html`${element({ locale: 'sv' })}`);
    const fields = () => payCheckout.shadowRoot!.querySelector('[part="fields"]')!.getAttribute('aria-label');
    await waitUntil(() => fields() == sv.cardDetails, 'the Swedish texts', { timeout: 3000 });
    PayCheckout.registerTranslation('sv', { cardDetails: 'Dina kortuppgifter' });
    await waitUntil(() => fields() == 'Dina kortuppgifter', 'the overridden term', { timeout: 3000 });
    expect(buttonText(payCheckout)).to.equal(normalize(`Betala ${money('sv')}`));
  });

  it('overrides English terms and nested error messages term by term, adding up over several registrations', async () => {
    PayCheckout.registerTranslation('en', { errors: { config: 'Checkout is not available.' } });
    PayCheckout.registerTranslation('en', { intents: { 'save-card': 'Keep card' } });
    const payCheckout = await fixture<PayCheckout>(html`${element({ provider: 'nope', intent: 'save-card' })}`);
    await waitUntil(() => message(payCheckout) == 'Checkout is not available.', 'the overridden message', { timeout: 3000 });
    expect(buttonText(payCheckout)).to.equal('Keep card');
    expect(payCheckout.status).to.equal('error');
  });

  it('refuses a term of the wrong type with a TypeError and a malformed tag with a RangeError, registering nothing', () => {
    const register = PayCheckout.registerTranslation as (locale: string, partial: unknown) => void;
    expect(() => register('nl', { payAmount: 'Betalen' })).to.throw(TypeError, /payAmount/);
    expect(() => register('nl', { pay: 42 })).to.throw(TypeError, /pay/);
    expect(() => register('nl', { intents: 'Abonneren' })).to.throw(TypeError, /intents/);
    expect(() => register('not a tag', { pay: 'Betalen' })).to.throw(RangeError);
    expect(matchLocale('nl')).to.equal('en');
  });
});

describe('locales: following lang live', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it("follows a change of the document's lang", async () => {
    const payCheckout = await fixture<PayCheckout>(html`${element()}`);
    await waitUntil(() => buttonText(payCheckout) == `Pay ${money('en')}`, 'English', { timeout: 3000 });
    document.documentElement.lang = 'da';
    await waitUntil(() => buttonText(payCheckout) == normalize(`Betal ${money('da')}`), 'Danish', { timeout: 3000 });
    document.documentElement.lang = 'en';
    await waitUntil(() => buttonText(payCheckout) == `Pay ${money('en')}`, 'English again', { timeout: 3000 });
  });

  it("follows a change of the element's own lang and of an ancestor's", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="sv"><section>${element()}</section></div>`);
    const payCheckout = wrapper.querySelector('pay-checkout')!;
    await waitUntil(() => buttonText(payCheckout) == normalize(`Betala ${money('sv')}`), 'Swedish', { timeout: 3000 });
    wrapper.lang = 'fr-CA';
    await waitUntil(() => buttonText(payCheckout) == normalize(`Payer ${money('fr-CA')}`), 'French', { timeout: 3000 });
    payCheckout.lang = 'da';
    await waitUntil(() => buttonText(payCheckout) == normalize(`Betal ${money('da')}`), 'Danish', { timeout: 3000 });
    payCheckout.removeAttribute('lang');
    await waitUntil(() => buttonText(payCheckout) == normalize(`Payer ${money('fr-CA')}`), 'French again', { timeout: 3000 });
  });

  it('follows a lang change inside the shadow root the element sits in', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = outer.attachShadow({ mode: 'open' });
    const section = Object.assign(document.createElement('section'), { lang: 'da' });
    const payCheckout = element();
    section.append(payCheckout);
    root.append(section);
    await waitUntil(() => buttonText(payCheckout) == normalize(`Betal ${money('da')}`), 'Danish', { timeout: 3000 });
    section.lang = 'sv';
    await waitUntil(() => buttonText(payCheckout) == normalize(`Betala ${money('sv')}`), 'Swedish', { timeout: 3000 });
  });

  it('watches with one observer for every element, disconnected when the last element leaves', async () => {
    const { observe, disconnect } = MutationObserver.prototype;
    const observers = new Set<MutationObserver>();
    let disconnects = 0;
    MutationObserver.prototype.observe = function (this: MutationObserver, ...args: Parameters<MutationObserver['observe']>) {
      observers.add(this);
      return observe.apply(this, args);
    };
    MutationObserver.prototype.disconnect = function (this: MutationObserver) {
      if (observers.has(this)) disconnects++;
      return disconnect.apply(this);
    };
    const [first, second] = [element(), element()];
    try {
      document.body.append(first, second);
      await Promise.all([first.updateComplete, second.updateComplete]);
      expect(observers.size, 'one observer').to.equal(1);
      first.remove();
      expect(disconnects, 'still watching for the second element').to.equal(0);
      second.remove();
      expect(disconnects, 'disconnected with the last element').to.equal(1);
      document.body.append(first);
      document.documentElement.lang = 'da';
      await waitUntil(() => buttonText(first) == normalize(`Betal ${money('da')}`), 'Danish', { timeout: 3000 });
      expect(observers.size, 'the same observer watches again').to.equal(1);
    } finally {
      Object.assign(MutationObserver.prototype, { observe, disconnect });
      first.remove();
      second.remove();
    }
  });
});

// Saved cards with PekoPay: the accessible radio group, keyboard selection, pay-card-select, paying with
// a saved card (no token), the card fields mounted only for a new card, and "Save this card".
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PayCheckout } from '../../src/index.js';
import {
  CARDS,
  SAVED_CARDS,
  button,
  cardFrame,
  cardRadios,
  checkErrorOnConnect,
  collect,
  configurePekopay,
  expectRetryOffered,
  fetchToken,
  pay,
  pekopay,
  ready,
  retry,
  sdkOf,
  typeCard,
  withTokenProvider,
} from '../helpers.js';

const withCards = (attributes: Record<string, string | null> = {}) => pekopay({ cards: JSON.stringify(SAVED_CARDS), ...attributes });

const checked = (element: PayCheckout) => cardRadios(element).findIndex(({ input }) => input.checked);
const saveCardBox = (element: PayCheckout) => element.shadowRoot!.querySelector<HTMLInputElement>('[part="save-card"] input');
const fieldsHidden = (element: PayCheckout) => element.shadowRoot!.querySelector<HTMLElement>('[part="fields"]')!.hidden;

describe('pekopay saved cards: the choice', () => {
  it('offers the saved cards as a labelled radio group, brand and last four, the default preselected', async () => {
    const element = await withCards();
    await ready(element);
    const group = element.shadowRoot!.querySelector('fieldset[part="cards"]')!;
    expect(group.querySelector('legend')!.textContent!.trim()).to.equal('Payment method');
    expect(cardRadios(element).map(({ label }) => label)).to.deep.equal([
      'Visa ending in 4242',
      'Mastercard ending in 4444',
      'American Express ending in 0005',
      'Use a new card',
    ]);
    expect(cardRadios(element).every(({ input }) => input.type == 'radio' && input.name == 'card')).to.equal(true);
    expect(checked(element)).to.equal(1);
    await expect(element).to.be.accessible();
  });

  it('preselects the first card when none is marked default, and takes cards as a property', async () => {
    const element = document.createElement('pay-checkout');
    configurePekopay(element);
    element.cards = [
      { last4: '1111', cardType: 'VISA' },
      { last4: '2222', cardType: 'MASTERCARD' },
    ];
    await fixture(html`${element}`);
    await ready(element);
    expect(checked(element)).to.equal(0);
    expect(cardRadios(element)[1]!.label).to.equal('Mastercard ending in 2222');
  });

  it('is ready with a saved card without loading the card fields or fetching a token', async () => {
    const { element, issued, sdk } = await withTokenProvider(async () => 'sess_never', { cards: SAVED_CARDS });
    await ready(element);
    expect(element.status).to.equal('ready');
    expect(issued).to.have.length(0);
    expect(sdk.initialized, 'the SDK was not started').to.have.length(0);
    expect(element.querySelector('iframe')).to.equal(null);
    expect(fieldsHidden(element)).to.equal(true);
    expect(button(element).disabled).to.equal(false);
  });

  it('moves the choice with the arrow keys, announcing each choice with pay-card-select', async () => {
    const element = await withCards();
    await ready(element);
    const selections = collect(element, 'pay-card-select');
    cardRadios(element)[1]!.input.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(checked(element)).to.equal(2);
    expect(element.shadowRoot!.activeElement).to.equal(cardRadios(element)[2]!.input);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(checked(element)).to.equal(0);
    expect(selections.map((event) => event.detail)).to.deep.equal([
      { provider: 'pekopay', card: { last4: '0005', cardType: 'AMEX' }, savedCard: true },
      { provider: 'pekopay', card: { last4: '4444', cardType: 'MASTERCARD' }, savedCard: true },
      { provider: 'pekopay', card: { last4: '4242', cardType: 'VISA' }, savedCard: true },
    ]);
    expect(selections.every((event) => event.bubbles && event.composed)).to.equal(true);
  });

  it('mounts the card fields only when "Use a new card" is chosen, by keyboard, and pays with a new card', async () => {
    // The token comes when the test says, so that the loading state can be looked at.
    let give!: () => void;
    const { element, sdk } = await withTokenProvider(() => new Promise<void>((resolve) => (give = resolve)).then(() => fetchToken()), {
      cards: SAVED_CARDS,
    });
    await ready(element);
    const selections = collect(element, 'pay-card-select');
    const fieldsReady = oneEvent(element, 'pay-ready');
    cardRadios(element)[2]!.input.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(selections.at(-1)!.detail).to.deep.equal({ provider: 'pekopay', card: null, savedCard: false });
    await element.updateComplete;
    expect(element.status).to.equal('loading');
    expect(button(element).disabled).to.equal(true);
    expect(fieldsHidden(element)).to.equal(false);
    give();
    await fieldsReady;
    expect(sdk.initialized).to.have.length(1);
    await expect(element).to.be.accessible();
    await typeCard(element, { number: CARDS.amex });
    const { detail } = await pay(element);
    expect(detail).to.include({ savedCard: false, saveCard: false });
    expect(detail.paymentToken).to.match(/^sess_/);
    expect(detail.card).to.deep.equal({ last4: '0005', cardType: 'AMEX' });
  });

  it('keeps the mounted fields (and what was typed) when the payer goes back to a saved card and returns', async () => {
    const element = await withCards();
    await ready(element);
    cardRadios(element)[3]!.input.click();
    await oneEvent(element, 'pay-ready');
    const frame = cardFrame(element);
    await typeCard(element, { number: CARDS.mastercard });
    cardRadios(element)[0]!.input.click();
    await element.updateComplete;
    expect(fieldsHidden(element)).to.equal(true);
    expect(element.status).to.equal('ready');
    cardRadios(element)[3]!.input.click();
    await element.updateComplete;
    expect(element.status).to.equal('ready');
    expect(cardFrame(element)).to.equal(frame);
    expect((await pay(element)).detail.card).to.deep.equal({ last4: '4444', cardType: 'MASTERCARD' });
  });

  it('keeps a saved card payable when the new-card fields fail meanwhile, and says so once a new card is chosen again', async () => {
    // The first token comes when the test says, so that the payer is back on a saved card when the fields fail.
    let give!: () => void;
    let hold = true;
    const { element, sdk } = await withTokenProvider(
      () => (hold ? new Promise<void>((resolve) => (give = resolve)).then(() => fetchToken()) : fetchToken()),
      { cards: SAVED_CARDS },
    );
    await ready(element);
    const errors = collect(element, 'pay-error');
    sdk.failLoad('frame_load_failed', { times: 1 });
    cardRadios(element)[3]!.input.click();
    await element.updateComplete;
    expect(element.status).to.equal('loading');
    cardRadios(element)[0]!.input.click();
    await element.updateComplete;
    expect(element.status).to.equal('ready');
    hold = false;
    give();
    await waitUntil(() => sdk.loadErrors.length == 1, 'the fields did not fail', { timeout: 10_000 });
    await element.updateComplete;
    expect(errors, 'no pay-error while a saved card is chosen').to.have.length(0);
    expect(element.status).to.equal('ready');
    expect(button(element).disabled).to.equal(false);

    cardRadios(element)[3]!.input.click();
    await element.updateComplete;
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['sdk-load']);
    expect(element.status).to.equal('error');
    await expectRetryOffered(element, 'The secure payment form could not be loaded.');
    // Retry loads the new card's fields again: the payer's choice stays.
    await retry(element);
    await waitUntil(() => element.status == 'ready', 'the new card fields did not load after Retry', { timeout: 10_000 });
    expect(checked(element)).to.equal(3);
    expect(fieldsHidden(element)).to.equal(false);
    await typeCard(element, { number: CARDS.amex });
    expect((await pay(element)).detail.card).to.deep.equal({ last4: '0005', cardType: 'AMEX' });
  });

  it("keeps the payer's choice when the payment method starts over (reset()), and pays with that card", async () => {
    const element = await withCards();
    await ready(element);
    cardRadios(element)[2]!.input.click();
    const selections = collect(element, 'pay-card-select');
    const again = oneEvent(element, 'pay-ready');
    element.reset();
    await again;
    await element.updateComplete;
    expect(checked(element)).to.equal(2);
    expect(selections, 'the choice did not change').to.have.length(0);
    const { detail } = await pay(element);
    expect(detail.card).to.deep.equal({ last4: '0005', cardType: 'AMEX' });
  });

  it('keeps a new card chosen when the payment method starts over, and preselects the default once the chosen card is gone', async () => {
    const element = await withCards();
    await ready(element);
    cardRadios(element)[3]!.input.click();
    await oneEvent(element, 'pay-ready');
    const fieldsAgain = oneEvent(element, 'pay-ready');
    element.tokenLifetime = 1800;
    await fieldsAgain;
    await element.updateComplete;
    expect(fieldsHidden(element)).to.equal(false);
    expect(checked(element)).to.equal(3);

    cardRadios(element)[0]!.input.click();
    const listAgain = oneEvent(element, 'pay-ready');
    element.cards = SAVED_CARDS.slice(1);
    await listAgain;
    await element.updateComplete;
    expect(cardRadios(element)).to.have.length(3);
    expect(cardRadios(element)[checked(element)]!.label, 'the default card').to.equal('Mastercard ending in 4444');
  });

  it('pays with the saved card chosen while the new-card fields failed', async () => {
    const element = await withCards();
    await ready(element);
    const errors = collect(element, 'pay-error');
    sdkOf(element).failLoad('invalid_session_token');
    cardRadios(element)[3]!.input.click();
    cardRadios(element)[0]!.input.click();
    await waitUntil(() => sdkOf(element).loadErrors.length == 1, 'the fields did not fail', { timeout: 10_000 });
    const { detail } = await pay(element);
    expect(detail).to.include({ savedCard: true, paymentToken: '' });
    expect(detail.card).to.deep.equal({ last4: '4242', cardType: 'VISA' });
    expect(errors).to.have.length(0);
  });
});

describe('pekopay saved cards: paying', () => {
  it('emits pay-token with savedCard, the card and an empty paymentToken for a saved card', async () => {
    const element = await withCards({ 'customer-id': 'cus_42' });
    await ready(element);
    cardRadios(element)[2]!.input.click();
    const { detail } = await pay(element);
    expect(detail).to.deep.include({
      provider: 'pekopay',
      paymentToken: '',
      card: { last4: '0005', cardType: 'AMEX' },
      savedCard: true,
      saveCard: false,
      intent: 'charge',
      customerId: 'cus_42',
    });
    expect(detail.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
    expect(element.status).to.equal('complete');
    await element.updateComplete;
    expect(cardRadios(element).every(({ input }) => input.matches(':disabled'))).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('offers "Save this card" for a new card with offer-save-card, and the choice travels in pay-token', async () => {
    const element = await withCards({ 'offer-save-card': '' });
    await ready(element);
    expect(saveCardBox(element), 'not for a saved card').to.equal(null);
    cardRadios(element)[3]!.input.click();
    await oneEvent(element, 'pay-ready');
    const box = saveCardBox(element)!;
    expect(box.closest('label')!.textContent!.trim()).to.equal('Save this card for future payments');
    expect(box.checked).to.equal(false);
    await expect(element).to.be.accessible();
    box.click();
    await typeCard(element);
    expect((await pay(element)).detail).to.include({ saveCard: true, savedCard: false });
  });

  it('offers "Save this card" without saved cards too, but not for an intent that stores the card anyway', async () => {
    const charge = await pekopay({ 'offer-save-card': '' });
    await ready(charge);
    expect(saveCardBox(charge)).to.not.equal(null);
    const subscription = await pekopay({ 'offer-save-card': '', intent: 'subscription' });
    await ready(subscription);
    expect(saveCardBox(subscription)).to.equal(null);
  });
});

describe('pekopay saved cards: invalid lists', () => {
  const cases: [string, string][] = [
    ['JSON that does not parse', '[{"last4": "4242"'],
    ['an object instead of a list', '{"last4": "4242", "cardType": "VISA"}'],
    ['a card without cardType', '[{"last4": "4242"}]'],
    ['last4 that is not four digits', '[{"last4": "42", "cardType": "VISA"}]'],
    ['last4 as a number', '[{"last4": 4242, "cardType": "VISA"}]'],
    ['a default that is not a boolean', '[{"last4": "4242", "cardType": "VISA", "default": "yes"}]'],
  ];
  for (const [what, cards] of cases) {
    it(`reports config for ${what}`, async () => {
      const element = configurePekopay(document.createElement('pay-checkout'), { cards });
      await checkErrorOnConnect(element, ({ detail }) => {
        expect(detail).to.include({ code: 'config', recoverable: false });
        expect(element.querySelector('iframe')).to.equal(null);
      });
    });
  }

  it('treats an empty list as no saved cards: the card fields mount at once', async () => {
    const element = await pekopay({ cards: '[]' });
    await ready(element);
    expect(sdkOf(element).initialized).to.have.length(1);
    expect(element.shadowRoot!.querySelector('[part="cards"]')).to.equal(null);
    expect(cardFrame(element)).to.exist;
  });
});

// Many <pay-checkout> elements on one page, and elements inside other components' shadow roots: each keeps
// its own fields, choices, tokens, events and form value; the strict SDK (the in-page double, which reaches
// its frame only through window.frames) still finds its frame.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PayCheckout } from '../src/index.js';
import { SAVED_CARDS, cardFrame, cardRadios, collect, configurePekopay, nestShadowRoots, pay, ready, typeCard } from './helpers.js';

const savedCardElement = (attributes: Record<string, string> = {}) =>
  configurePekopay(document.createElement('pay-checkout'), { cards: JSON.stringify(SAVED_CARDS), ...attributes });

describe('pay-checkout inside shadow roots', () => {
  it('offers saved cards two shadow roots deep, and mounts the fields for a new card in the document', async () => {
    const { outer, root } = nestShadowRoots(2, 'open');
    const element = savedCardElement();
    root.append(element);
    document.body.append(outer);
    try {
      await ready(element);
      await expect(outer).to.be.accessible();
      const fieldsReady = oneEvent(element, 'pay-ready');
      cardRadios(element)[2]!.input.focus();
      await sendKeys({ press: 'ArrowDown' });
      await fieldsReady;
      const frame = cardFrame(element);
      expect(frame.getRootNode()).to.equal(document);
      expect(frame.closest('test-shadow-open')).to.equal(outer);
      await typeCard(element);
      expect((await pay(element)).detail.card?.last4).to.equal('4242');
    } finally {
      outer.remove();
    }
    expect(outer.children).to.have.length(0);
  });

  it('submits a form that lives in a component’s shadow root with its token', async () => {
    const { outer, root } = nestShadowRoots(1);
    const form = document.createElement('form');
    const element = configurePekopay(document.createElement('pay-checkout'), { name: 'payment', 'hide-submit': '' });
    const submit = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Place order' });
    form.append(element, submit);
    root.append(form);
    document.body.append(outer);
    const submitted: (string | null)[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted.push(new FormData(form).get('payment') as string | null);
    });
    try {
      await ready(element);
      await typeCard(element);
      const token = oneEvent(element, 'pay-token');
      submit.click();
      const { detail } = await token;
      await waitUntil(() => submitted.length > 0, 'the form was not submitted with the token', { timeout: 10_000 });
      await element.updateComplete;
      expect(submitted).to.deep.equal([detail.paymentToken]);
    } finally {
      outer.remove();
    }
  });
});

describe('many pay-checkout elements on one page', () => {
  it('keeps each saved-card choice to its own element', async () => {
    const container = await fixture<HTMLDivElement>(html`<div>${savedCardElement()}${savedCardElement()}</div>`);
    const [first, second] = [...container.querySelectorAll('pay-checkout')] as PayCheckout[];
    await Promise.all([ready(first!), ready(second!)]);
    const firstSelections = collect(first!, 'pay-card-select');
    const secondSelections = collect(second!, 'pay-card-select');
    cardRadios(first!)[1]!.input.focus();
    await sendKeys({ press: 'ArrowUp' });
    expect(cardRadios(first!)[0]!.input.checked).to.equal(true);
    expect(cardRadios(second!)[1]!.input.checked, 'the other keeps its default').to.equal(true);
    expect(firstSelections).to.have.length(1);
    expect(secondSelections).to.have.length(0);
    const [firstToken, secondToken] = [await pay(first!), await pay(second!)];
    expect(firstToken.detail.card?.last4).to.equal('4242');
    expect(secondToken.detail.card?.last4).to.equal('4444');
    expect(firstToken.detail.idempotencyKey).to.not.equal(secondToken.detail.idempotencyKey);
  });

  it('submits one form carrying a value from each element, under each one’s name', async () => {
    const saved = savedCardElement({ name: 'deposit', 'hide-submit': '' });
    const fresh = configurePekopay(document.createElement('pay-checkout'), { name: 'balance', 'hide-submit': '' });
    const form = await fixture<HTMLFormElement>(html`<form>${saved}${fresh}<button type="submit">Pay both</button></form>`);
    const submitted: [string, FormDataEntryValue][][] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted.push([...new FormData(form)]);
    });
    await Promise.all([ready(saved), ready(fresh)]);
    await typeCard(fresh, { number: '5555 5555 5555 4444' });
    const freshToken = oneEvent(fresh, 'pay-token');
    form.querySelector('button')!.click();
    const { detail } = await freshToken;
    await waitUntil(() => submitted.length > 0, 'the form was not submitted', { timeout: 10_000 });
    await Promise.all([saved.updateComplete, fresh.updateComplete]);
    expect(submitted).to.have.length(1);
    expect(Object.fromEntries(submitted[0]!)).to.deep.equal({
      deposit: '',
      'deposit-card-type': 'MASTERCARD',
      'deposit-last4': '4444',
      'deposit-saved-card': 'true',
      balance: detail.paymentToken,
      'balance-card-type': 'MASTERCARD',
      'balance-last4': '4444',
    });
  });
});

// <pay-checkout> as a standard form control: `form`, `validity`, `validationMessage`, `willValidate`,
// checkValidity() and reportValidity(), `disabled` (its own, and a disabled <fieldset>'s), focus(), and the form
// state a browser restores on back/forward (a completed payment is shown as complete, never taken again).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PayCheckout, PayCheckoutError, PekoPayCompleteDetail } from '../src/index.js';
import { SAVED_CARDS, button, cardFrame, collect, configurePekopay, ready, retryButton, sdkOf, sleep, typeCard } from './helpers.js';

/** A form holding a PekoPay <pay-checkout name="payment"> (against the in-page SDK double) and a submit button. */
const inForm = async (attributes: Record<string, string> = {}, around = (element: HTMLElement) => html`${element}`) => {
  const element = configurePekopay(document.createElement('pay-checkout'), { name: 'payment', 'hide-submit': '', ...attributes });
  const form = await fixture<HTMLFormElement>(html`<form>${around(element)}<button type="submit">Place order</button></form>`);
  const submissions: Record<string, string>[] = [];
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submissions.push(Object.fromEntries(new FormData(form)) as Record<string, string>);
  });
  return { form, element, submissions, placeOrder: form.querySelector<HTMLButtonElement>('button[type=submit]')! };
};

describe('pay-checkout as a form control: validity', () => {
  it('answers form, validity, validationMessage, willValidate and checkValidity() as a native control does', async () => {
    const { form, element } = await inForm({ required: '' });
    expect(element.form).to.equal(form);
    expect(element.willValidate).to.equal(true);
    expect(element.validity.valueMissing, 'nothing to pay with before the fields are complete').to.equal(true);
    expect(element.validationMessage).to.equal('Please enter your payment details.');
    const invalid = oneEvent(element, 'invalid');
    expect(element.checkValidity()).to.equal(false);
    await invalid;
    element.required = false;
    await element.updateComplete;
    expect(element.checkValidity()).to.equal(true);
    expect(element.validity.valid).to.equal(true);
  });

  it('takes focus when reportValidity() finds it invalid', async () => {
    const { element } = await inForm({ required: '', cards: JSON.stringify(SAVED_CARDS) });
    await ready(element);
    const newCard = element.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=card-option] input')[3]!;
    newCard.click(); // "Use a new card"
    await waitUntil(() => element.validity.valueMissing, 'still valid', { timeout: 5_000 });
    if (element.status == 'loading') {
      // The card fields are still loading (inert under the placeholder): the choice the payer made has focus.
      expect(element.reportValidity()).to.equal(false);
      expect(element.shadowRoot!.activeElement === newCard, `focus on ${element.shadowRoot!.activeElement?.tagName}`).to.equal(true);
    }
    await ready(element);
    expect(element.reportValidity()).to.equal(false);
    // Where the card is missing: the card fields, not the "Use a new card" choice.
    await waitUntil(
      () => document.activeElement === cardFrame(element),
      `focus on ${document.activeElement?.tagName}, not the card fields`,
      {
        timeout: 2_000,
      },
    );
  });

  it('focus() goes to the card fields of a new card, not to a ticked "Save this card"', async () => {
    const { element } = await inForm({ 'offer-save-card': '' });
    await ready(element);
    element.shadowRoot!.querySelector<HTMLInputElement>('[part=save-card] input')!.click();
    element.focus();
    expect(document.activeElement === cardFrame(element), `focus on ${document.activeElement?.tagName}`).to.equal(true);
  });
});

describe('pay-checkout as a form control: disabled', () => {
  it('disabled: its controls disabled but still announced, submit() rejects, and the form goes without it', async () => {
    const { element, submissions, placeOrder } = await inForm({ disabled: '', cards: JSON.stringify(SAVED_CARDS), required: '' });
    element.hideSubmit = false;
    await ready(element);
    expect(button(element).disabled).to.equal(true);
    const radios = [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=card-option] input')];
    expect(radios.map((radio) => radio.matches(':disabled'))).to.deep.equal([true, true, true, true]);
    // As a disabled native control: dimmed, not gone. Nothing of its own is inert (hidden from assistive technology).
    expect(element.shadowRoot!.querySelectorAll('[part=base] [inert]:not(slot, .hosted), [part=base][inert]')).to.have.length(0);
    expect(element.willValidate, 'a disabled control is not validated').to.equal(false);
    const refused = await element.submit().catch((reason: unknown) => reason);
    expect(refused).to.include({ code: 'config', reason: 'nothing to submit: disabled' });
    const tokens = collect(element, 'pay-token');
    placeOrder.click();
    await sleep(100);
    expect(submissions).to.deep.equal([{}]);
    expect(tokens).to.have.length(0);
  });

  it('disabled: the card fields’ frame takes no focus and their group says so; enabled by its property, it takes input again; Retry is disabled', async () => {
    const { element } = await inForm({ disabled: '' });
    element.hideSubmit = false;
    await ready(element);
    const fields = element.shadowRoot!.querySelector('[part=fields]')!;
    expect(fields.getAttribute('aria-disabled')).to.equal('true');
    cardFrame(element).focus();
    expect(document.activeElement === cardFrame(element), 'the frame took focus').to.equal(false);
    element.disabled = false; // reflected, then the browser's formDisabledCallback: two updates
    await waitUntil(() => !fields.hasAttribute('aria-disabled'), 'still disabled', { timeout: 2_000 });
    expect(button(element).disabled, 'Pay is still disabled').to.equal(false);
    cardFrame(element).focus();
    expect(document.activeElement === cardFrame(element), 'the frame takes focus again').to.equal(true);
    const failed = await inForm({ cards: JSON.stringify(SAVED_CARDS), action: '/api/actions/charge?fail=500&fail_times=1' });
    await ready(failed.element);
    expect(await failed.element.submit().catch((error: PayCheckoutError) => error.code)).to.equal('action-failed');
    await failed.element.updateComplete;
    expect(retryButton(failed.element)!.disabled).to.equal(false);
    failed.element.disabled = true;
    await waitUntil(() => retryButton(failed.element)!.disabled, 'Retry is not disabled', { timeout: 2_000 });
  });

  it('follows a disabled <fieldset> around it, and takes a payment again once it is enabled', async () => {
    const { element, form } = await inForm(
      { cards: JSON.stringify(SAVED_CARDS) },
      (element) => html`<fieldset disabled>${element}</fieldset>`,
    );
    element.hideSubmit = false;
    await ready(element);
    expect(button(element).disabled).to.equal(true);
    expect(element.matches(':disabled')).to.equal(true);
    form.querySelector('fieldset')!.disabled = false;
    await element.updateComplete;
    expect(button(element).disabled).to.equal(false);
    expect(((await element.submit()) as PekoPayCompleteDetail).card).to.deep.equal({ last4: '4444', cardType: 'MASTERCARD' });
  });

  it('disabled while the submission it holds is tokenizing: never submits the form without the payment', async () => {
    const { element, form, submissions, placeOrder } = await inForm({}, (element) => html`<fieldset>${element}</fieldset>`);
    await ready(element);
    await typeCard(element);
    const held = sdkOf(element).holdTokenize();
    placeOrder.click();
    await waitUntil(() => element.status == 'submitting', 'the form submission did not tokenize', { timeout: 5_000 });
    // The page disables its form while the order is in flight, as many do.
    form.querySelector('fieldset')!.disabled = true;
    const complete = oneEvent(element, 'pay-complete');
    await held.release();
    const { detail } = await complete;
    await sleep(100);
    expect(submissions, 'the form went without its disabled payment').to.deep.equal([]);
    form.querySelector('fieldset')!.disabled = false;
    placeOrder.click();
    expect(submissions).to.deep.equal([{ payment: detail.paymentToken, 'payment-card-type': 'VISA', 'payment-last4': '4242' }]);
  });
});

describe('pay-checkout as a form control: focus()', () => {
  it('focuses the chosen saved card', async () => {
    const { element } = await inForm({ cards: JSON.stringify(SAVED_CARDS) });
    await ready(element);
    element.focus();
    expect(element.shadowRoot!.activeElement).to.equal(element.shadowRoot!.querySelector('input:checked'));
  });

  it('focuses the card fields’ frame when there are no saved cards', async () => {
    const { element } = await inForm();
    await ready(element);
    element.focus();
    expect(document.activeElement).to.equal(cardFrame(element));
  });

  it('focuses the Pay button of a hosted checkout', async () => {
    const element = await fixture<PayCheckout>(
      html`<pay-checkout provider="reepay" environment="sandbox" session-endpoint="/api/reepay/session"></pay-checkout>`,
    );
    await ready(element);
    element.focus();
    expect(element.shadowRoot!.activeElement).to.equal(button(element));
  });
});

/**
 * Pays with a saved card in a form, and answers the payment and the form state the element gave the browser with
 * its value (`setFormValue`'s second argument): what a browser keeps for back/forward and hands back on restore.
 */
const paidWithState = async (): Promise<{ paid: PekoPayCompleteDetail; state: unknown }> => {
  const first = await inForm({ cards: JSON.stringify(SAVED_CARDS) });
  await ready(first.element);
  const states: unknown[] = [];
  const setFormValue = ElementInternals.prototype.setFormValue;
  ElementInternals.prototype.setFormValue = function (this: ElementInternals, ...args: Parameters<typeof setFormValue>) {
    states.push(args[1]);
    return setFormValue.apply(this, args);
  };
  try {
    const paid = (await first.element.submit()) as PekoPayCompleteDetail;
    expect(states.at(-1), 'the element gave a state with its value').to.be.a('string');
    return { paid, state: states.at(-1) };
  } finally {
    ElementInternals.prototype.setFormValue = setFormValue;
  }
};

describe('pay-checkout as a form control: back/forward', () => {
  it('restores a completed payment as complete, with its form value, and never pays it again', async () => {
    const { paid, state } = await paidWithState();
    const { element, form, submissions } = await inForm({ cards: JSON.stringify(SAVED_CARDS) });
    await ready(element);
    const tokens = collect(element, 'pay-token');
    element.formStateRestoreCallback(state);
    await element.updateComplete;
    expect(element.status).to.equal('complete');
    expect(await element.submit(), 'the restored payment').to.deep.equal(paid);
    expect(sdkOf(element).submits).to.equal(0);
    form.requestSubmit();
    expect(submissions).to.deep.equal([
      { payment: '', 'payment-card-type': 'MASTERCARD', 'payment-last4': '4444', 'payment-saved-card': 'true' },
    ]);
    expect(tokens).to.have.length(0);
  });

  it('restores a completed payment as the browser does it, at connection before the first update, and never pays it again', async () => {
    const { paid, state } = await paidWithState();
    const form = document.createElement('form');
    const element = configurePekopay(document.createElement('pay-checkout'), {
      name: 'payment',
      'hide-submit': '',
      cards: JSON.stringify(SAVED_CARDS),
    });
    const tokens = collect(element, 'pay-token');
    const readies = collect(element, 'pay-ready');
    document.body.append(form);
    try {
      // A page coming back (history): the element connects, then the browser hands it its state, in one task.
      form.append(element);
      element.formStateRestoreCallback(state);
      await element.updateComplete;
      expect(element.status).to.equal('complete');
      expect(await element.submit(), 'the restored payment').to.deep.equal(paid);
      await sleep(300); // a payment method mounted by mistake would be ready by now
      expect(element.status).to.equal('complete');
      expect(readies, 'no payment method started').to.have.length(0);
      expect(tokens).to.have.length(0);
      expect(sdkOf(element).initialized).to.have.length(0);
    } finally {
      form.remove();
    }
  });

  it('ignores a restored state that is not a payment', async () => {
    const { element } = await inForm({ cards: JSON.stringify(SAVED_CARDS) });
    await ready(element);
    element.formStateRestoreCallback('not json');
    element.formStateRestoreCallback(JSON.stringify({ nothing: true }));
    await element.updateComplete;
    expect(element.status).to.equal('ready');
  });
});

// <pay-checkout> in a native <form>: the token as an ordinary form field a no-JavaScript backend receives
// (demo/actions-backend.mjs echoes what it got into a named iframe, so the test page stays put), required
// validity, tokenizing before the form submits, and form reset.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PayCheckout } from '../src/index.js';
import {
  CARDS,
  SAVED_CARDS,
  TOKEN_URL,
  button,
  collect,
  configurePekopay,
  nextError,
  ready,
  retryButton,
  sdkOf,
  sleep,
  typeCard,
} from './helpers.js';

const FORM_ACTION = '/api/actions/form';
const sinks: HTMLIFrameElement[] = [];
afterEach(() => sinks.splice(0).forEach((frame) => frame.remove()));

interface CheckoutForm {
  form: HTMLFormElement;
  element: PayCheckout;
  /** The iframe the form posts into: it shows what the server received. */
  sink: HTMLIFrameElement;
  order: string;
  placeOrder: HTMLButtonElement;
}

/** A form with an order field, a <pay-checkout name="payment"> and a submit button, posting into an iframe. */
const checkoutForm = async (attributes: Record<string, string | null> = {}, formAttributes = ''): Promise<CheckoutForm> => {
  const sink = Object.assign(document.createElement('iframe'), {
    name: `sink-${crypto.randomUUID()}`,
    title: 'Order confirmation',
  });
  document.body.append(sink);
  sinks.push(sink);
  const order = `o-${crypto.randomUUID()}`;
  const element = configurePekopay(document.createElement('pay-checkout'), {
    name: 'payment',
    'hide-submit': '',
    ...attributes,
  });
  const form = await fixture<HTMLFormElement>(
    html`<form method="post" action=${FORM_ACTION} target=${sink.name}>
      <label>Order <input name="order" .value=${order} /></label>
      ${element}
      <button type="submit">Place order</button>
    </form>`,
  );
  if (formAttributes) form.setAttribute(formAttributes, '');
  return { form, element, sink, order, placeOrder: form.querySelector('button[type="submit"]')! };
};

/** What the form receiver got, as it echoed it into the sink frame (same origin as the page). */
const received = (sink: HTMLIFrameElement): Record<string, string> =>
  JSON.parse(sink.contentDocument!.getElementById('received')!.textContent!);

/** Submissions the receiver recorded for `order` (none when the form was held back). */
const recorded = async (order: string): Promise<unknown[]> => {
  const all = (await (await fetch(`${FORM_ACTION}/received`)).json()) as { fields: { order?: string } }[];
  return all.filter(({ fields }) => fields.order == order);
};

describe('pay-checkout in a form: submitting', () => {
  it('tokenizes when the form is submitted, then submits the token, card and save choice as ordinary fields', async () => {
    const { element, sink, order, placeOrder } = await checkoutForm({ 'offer-save-card': '' });
    await ready(element);
    await typeCard(element);
    element.shadowRoot!.querySelector<HTMLInputElement>('[part="save-card"] input')!.click();
    const token = oneEvent(element, 'pay-token');
    const loaded = oneEvent(sink, 'load');
    placeOrder.click();
    const { detail } = await token;
    await loaded;
    expect(received(sink)).to.deep.equal({
      order,
      payment: detail.paymentToken,
      'payment-card-type': 'VISA',
      'payment-last4': '4242',
      'payment-save-card': 'true',
    });
    expect(detail.paymentToken).to.match(/^sess_/);
    expect(await recorded(order)).to.have.length(1);
  });

  it('submits its form from the built-in Pay button, tokenizing first', async () => {
    const { element, sink } = await checkoutForm({ 'hide-submit': null });
    await ready(element);
    await typeCard(element, { number: CARDS.mastercard });
    const loaded = oneEvent(sink, 'load');
    button(element).click();
    await loaded;
    expect(received(sink)).to.include({ 'payment-card-type': 'MASTERCARD', 'payment-last4': '4444' });
    expect(received(sink).payment).to.match(/^sess_/);
  });

  it('submits a saved card as an empty token, the saved-card flag and the card', async () => {
    const { element, sink, order, placeOrder } = await checkoutForm({ cards: JSON.stringify(SAVED_CARDS), required: '' });
    await ready(element);
    const loaded = oneEvent(sink, 'load');
    placeOrder.click();
    await loaded;
    expect(received(sink)).to.deep.equal({
      order,
      payment: '',
      'payment-card-type': 'MASTERCARD',
      'payment-last4': '4444',
      'payment-saved-card': 'true',
    });
  });

  it('lets the host’s own submit listener see only the submission that carries the token', async () => {
    const { form, element, placeOrder } = await checkoutForm();
    const seen: (string | null)[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      seen.push(new FormData(form).get('payment') as string | null);
    });
    await ready(element);
    await typeCard(element);
    const token = oneEvent(element, 'pay-token');
    placeOrder.click();
    const { detail } = await token;
    await waitUntil(() => seen.length > 0, 'the form was not submitted with the token', { timeout: 10_000 });
    await element.updateComplete;
    expect(seen).to.deep.equal([detail.paymentToken]);
  });

  // With `required` or without: the charge may have happened, so the order never goes without the payment, then
  // again with it.
  for (const required of [true, false]) {
    it(`with action${required ? '' : ' and no required'}, submits the form only once the action succeeded, after a Retry too`, async () => {
      const { form, element, placeOrder } = await checkoutForm({
        cards: JSON.stringify(SAVED_CARDS),
        required: required ? '' : null,
        action: '/api/actions/charge?fail=500&fail_times=1',
      });
      const seen: (string | null)[] = [];
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        seen.push(new FormData(form).get('payment-last4') as string | null);
      });
      await ready(element);
      const error = nextError(element);
      placeOrder.click();
      expect((await error).detail.code).to.equal('action-failed');
      await element.updateComplete;
      placeOrder.click();
      await sleep(200); // a window in which no submission may come (there is no event for "none")
      expect(seen, 'no submission while the action has not succeeded').to.deep.equal([]);
      const success = oneEvent(element, 'pay-complete');
      retryButton(element)!.click();
      await success;
      await waitUntil(() => seen.length > 0, 'the held submission did not go on', { timeout: 10_000 });
      await sleep(200);
      expect(seen).to.deep.equal(['4444']);
    });
  }

  it('submits the completed payment, once, when a pay-complete listener sets a property again (a framework re-rendering)', async () => {
    const { form, element, placeOrder } = await checkoutForm({ cards: JSON.stringify(SAVED_CARDS), action: '/api/actions/charge' });
    const seen: (string | null)[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      seen.push(new FormData(form).get('payment-last4') as string | null);
    });
    const completes = collect(element, 'pay-complete');
    element.addEventListener('pay-complete', () => (element.cards = [...SAVED_CARDS]), { once: true });
    await ready(element);
    placeOrder.click();
    await waitUntil(() => seen.length > 0, 'the held submission did not go on', { timeout: 10_000 });
    await sleep(200); // a window in which a second payment would start (there is no event for "none")
    expect(completes, 'one payment, not a second one for the released submission').to.have.length(1);
    expect(seen).to.deep.equal(['4444']);
    expect(element.status).to.equal('complete');
  });

  it('holds the form back when tokenizing fails (a declined card) and shows why', async () => {
    const { element, order, placeOrder } = await checkoutForm();
    await ready(element);
    await typeCard(element, { number: CARDS.declined });
    const error = nextError(element);
    placeOrder.click();
    expect((await error).detail.code).to.equal('declined');
    await sleep(500); // a window in which a submission would have reached the receiver
    expect(await recorded(order)).to.have.length(0);
    await expect(element).to.be.accessible();
  });
});

describe('pay-checkout in a form: required', () => {
  it('keeps the form invalid until the card details are complete', async () => {
    const { form, element } = await checkoutForm({ required: '' });
    expect(form.checkValidity()).to.equal(false);
    await ready(element);
    expect(element.matches(':invalid')).to.equal(true);
    await expect(element).to.be.accessible();
    await typeCard(element, { cvc: '' });
    expect(form.checkValidity(), 'incomplete card details').to.equal(false);
    await typeCard(element, { number: '', expiry: '', name: '' });
    await waitUntil(() => form.checkValidity(), 'complete card details did not make the form valid', { timeout: 10_000 });
    expect(element.matches(':valid')).to.equal(true);
  });

  it('stops an incomplete submission with the browser’s validation, before anything is tokenized', async () => {
    const { element, order, placeOrder } = await checkoutForm({ required: '' });
    await ready(element);
    const invalid = oneEvent(element, 'invalid');
    const tokens = collect(element, 'pay-token');
    const errors = collect(element, 'pay-error');
    placeOrder.click();
    await invalid;
    await sleep(300); // a window in which a tokenization or submission would have begun
    expect(sdkOf(element).submits, 'the SDK was not asked to tokenize').to.equal(0);
    expect(tokens).to.have.length(0);
    expect(errors).to.have.length(0);
    expect(await recorded(order)).to.have.length(0);
  });

  it('blocks the submission while it cannot pay, even in a form that skips validation', async () => {
    const { element, order, placeOrder } = await checkoutForm(
      { required: '', 'token-url': `${TOKEN_URL}?sandbox_fault=500` },
      'novalidate',
    );
    await nextError(element);
    placeOrder.click();
    await sleep(500); // a window in which a submission would have reached the receiver
    expect(await recorded(order)).to.have.length(0);
  });

  it('lets the form go without a payment when not required and the element cannot pay', async () => {
    const { element, sink, order, placeOrder } = await checkoutForm({ 'token-url': `${TOKEN_URL}?sandbox_fault=500` });
    await nextError(element);
    const loaded = oneEvent(sink, 'load');
    placeOrder.click();
    await loaded;
    expect(received(sink)).to.deep.equal({ order });
  });
});

describe('pay-checkout in a form: reset', () => {
  it('resets with its form: the token leaves the form and a new payment starts', async () => {
    const { form, element, placeOrder } = await checkoutForm({ required: '' });
    form.addEventListener('submit', (event) => event.preventDefault());
    await ready(element);
    await typeCard(element);
    await waitUntil(() => form.checkValidity(), 'the complete card details did not make the form valid', { timeout: 10_000 });
    const first = oneEvent(element, 'pay-token');
    placeOrder.click();
    const { detail } = await first;
    expect(new FormData(form).get('payment')).to.equal(detail.paymentToken);
    const collected = collect(element, 'pay-ready');
    form.reset();
    await element.updateComplete;
    expect(element.status).to.equal('loading');
    expect(new FormData(form).get('payment')).to.equal(null);
    expect(form.checkValidity()).to.equal(false);
    await waitUntil(() => collected.length == 1, 'not ready again after reset', { timeout: 10_000 });
    await typeCard(element, { number: CARDS.amex });
    await waitUntil(() => form.checkValidity(), 'the complete card details did not make the form valid', { timeout: 10_000 });
    const second = oneEvent(element, 'pay-token');
    placeOrder.click();
    expect((await second).detail.paymentToken).to.not.equal(detail.paymentToken);
  });
});

// intent and action: the button's wording, intent and customer-id in pay-token, and the element POSTing
// the result to the host's action endpoint (demo/actions-backend.mjs) with an Idempotency-Key.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { PayCheckout, PayCheckoutError, PayCompleteEvent, type PekoPayCompleteDetail } from '../src/index.js';
import {
  CARDS,
  SAVED_CARDS,
  button,
  cardRadios,
  collect,
  configurePekopay,
  expectNoError,
  expectRetryOffered,
  nextError,
  pay,
  pekopay,
  ready,
  retry,
  sdkOf,
  typeCard,
} from './helpers.js';
import { PekoSdkError } from './doubles/peko-checkout-form.js';
import { withTimeouts } from './hosted-helpers.js';

const ACTION = '/api/actions/charge';

/** A ready element paying with a saved card (no typing), posting to `action`. */
const savedCardCheckout = async (attributes: Record<string, string | null> = {}) => {
  const element = await pekopay({ cards: JSON.stringify(SAVED_CARDS), action: ACTION, ...attributes });
  await ready(element);
  return element;
};

interface ChargeAnswer {
  chargeId: string;
  idempotencyKey: string;
  attempts: number;
  received: Record<string, unknown>;
}

const success = (element: PayCheckout) => oneEvent(element, 'pay-complete');

describe('intent', () => {
  it('words the button for each intent', async () => {
    const labels: Record<string, string> = {
      charge: 'Pay CA$99.00',
      subscription: 'Subscribe',
      'save-card': 'Save card',
      'update-card': 'Update card',
    };
    for (const [intent, label] of Object.entries(labels)) {
      const element = await pekopay({ intent });
      expect(button(element).textContent!.trim(), intent).to.equal(label);
    }
  });

  it('reports config for an unknown intent', async () => {
    const element = configurePekopay(document.createElement('pay-checkout'), { intent: 'donate' });
    const error = nextError(element);
    document.body.append(element);
    try {
      expect((await error).detail.code).to.equal('config');
    } finally {
      element.remove();
    }
  });

  it('carries intent and customer-id in pay-token', async () => {
    const element = await pekopay({ cards: JSON.stringify(SAVED_CARDS), intent: 'update-card', 'customer-id': 'cus_7' });
    await ready(element);
    expect((await pay(element)).detail).to.include({ intent: 'update-card', customerId: 'cus_7' });
    const anonymous = await pekopay({ cards: JSON.stringify(SAVED_CARDS) });
    await ready(anonymous);
    expect((await pay(anonymous)).detail).to.include({ intent: 'charge', customerId: null });
  });
});

describe('action: success', () => {
  it('POSTs the token to action as JSON with an Idempotency-Key, then emits pay-complete and completes', async () => {
    const element = await pekopay({ action: ACTION, intent: 'subscription', 'customer-id': 'cus_1' });
    await ready(element);
    await typeCard(element);
    const tokens = collect(element, 'pay-token');
    const succeeded = success(element);
    const token = await pay(element);
    expect(element.status, 'still submitting while the action is posted').to.equal('submitting');
    const event = await succeeded;
    expect(event).to.be.instanceOf(PayCompleteEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    const body = event.detail.body as ChargeAnswer;
    expect(body.chargeId).to.match(/^ch_/);
    expect(body.idempotencyKey).to.equal(token.detail.idempotencyKey);
    expect(event.detail).to.include({ provider: 'pekopay', idempotencyKey: token.detail.idempotencyKey });
    expect(body.received).to.deep.equal({
      provider: 'pekopay',
      intent: 'subscription',
      customerId: 'cus_1',
      paymentToken: token.detail.paymentToken,
      card: { last4: '4242', cardType: 'VISA' },
      savedCard: false,
      saveCard: false,
    });
    expect(element.status).to.equal('complete');
    expect(tokens).to.have.length(1);
    await element.updateComplete;
    await expect(element).to.be.accessible();
  });

  it('merges payload into the JSON, the element’s own fields winning', async () => {
    const element = await savedCardCheckout();
    element.payload = { orderId: 'o-1', lines: [{ sku: 'pack-30', quantity: 1 }], paymentToken: 'sess_forged' };
    const succeeded = success(element);
    button(element).click();
    const { received } = (await succeeded).detail.body as ChargeAnswer;
    expect(received).to.deep.include({
      orderId: 'o-1',
      lines: [{ sku: 'pack-30', quantity: 1 }],
      paymentToken: '',
      savedCard: true,
      card: { last4: '4444', cardType: 'MASTERCARD' },
    });
  });

  it('uses a new Idempotency-Key for the next payment after a success', async () => {
    const element = await savedCardCheckout();
    let succeeded = success(element);
    button(element).click();
    const first = (await succeeded).detail.body as ChargeAnswer;
    element.reset();
    await ready(element);
    cardRadios(element)[0]!.input.click();
    succeeded = success(element);
    button(element).click();
    const second = (await succeeded).detail.body as ChargeAnswer;
    expect(second.idempotencyKey).to.not.equal(first.idempotencyKey);
    expect(second.chargeId).to.not.equal(first.chargeId);
    expect(second.attempts).to.equal(1);
  });
});

describe('action: failures and retry', () => {
  it('reports action-failed with the server’s message on 500; Retry posts again with the same key, no new token', async () => {
    const element = await savedCardCheckout({ action: `${ACTION}?fail=500&fail_times=1` });
    const tokens = collect(element, 'pay-token');
    const error = nextError(element);
    button(element).click();
    const { detail } = await error;
    expect(detail).to.include({
      code: 'action-failed',
      recoverable: true,
      message: 'The payment service did not answer. Please try again.',
    });
    expect(detail.reason).to.contain('500');
    expect(element.status).to.equal('error');
    await expectRetryOffered(element, 'The payment service did not answer. Please try again.');
    expect(button(element).getAttribute('aria-disabled')).to.equal('true');
    await expect(element).to.be.accessible();
    const succeeded = success(element);
    await retry(element);
    const body = (await succeeded).detail.body as ChargeAnswer;
    expect(body.attempts).to.equal(2);
    expect(body.idempotencyKey).to.equal(tokens[0]!.detail.idempotencyKey);
    expect(tokens).to.have.length(1);
    expect(element.status).to.equal('complete');
    await expectNoError(element);
  });

  it('lets go of a token the endpoint refused for good (a decline, 402): Retry starts over, and the next payment has a new token and key', async () => {
    const element = await pekopay({ action: `${ACTION}?fail=402` });
    await ready(element);
    await typeCard(element);
    const tokens = collect(element, 'pay-token');
    const error = nextError(element);
    button(element).click();
    const { detail } = await error;
    expect(detail).to.include({ code: 'action-failed', recoverable: true, message: 'Your card was declined. Use another card.' });
    expect(detail.reason).to.contain('402');
    expect(await element.submit().catch((refusal: PayCheckoutError) => refusal.code), 'nothing left to post').to.equal('action-failed');
    await retry(element);
    await ready(element);
    element.action = ACTION; // the endpoint will accept the next card
    await typeCard(element, { number: CARDS.mastercard });
    const succeeded = success(element);
    button(element).click();
    const body = (await succeeded).detail.body as ChargeAnswer;
    expect(tokens).to.have.length(2);
    expect(tokens[1]!.detail.paymentToken).to.not.equal(tokens[0]!.detail.paymentToken);
    expect(body.idempotencyKey).to.equal(tokens[1]!.detail.idempotencyKey);
    expect(body.idempotencyKey).to.not.equal(tokens[0]!.detail.idempotencyKey);
    expect(body.attempts).to.equal(1);
  });

  it('keeps a token whose key the endpoint is still charging (409): Retry posts it again with the same key', async () => {
    const element = await savedCardCheckout({ action: `${ACTION}?fail=409&fail_times=1` });
    const tokens = collect(element, 'pay-token');
    const error = nextError(element);
    button(element).click();
    expect((await error).detail.reason).to.contain('409');
    const succeeded = success(element);
    await retry(element);
    const body = (await succeeded).detail.body as ChargeAnswer;
    expect([body.attempts, body.idempotencyKey]).to.deep.equal([2, tokens[0]!.detail.idempotencyKey]);
    expect(tokens).to.have.length(1);
  });

  it('reports action-failed with its own message when the network fails, rejecting submit(); submit() posts again with the same key', async () => {
    const element = await savedCardCheckout({ action: `${ACTION}?fail=network&fail_times=1`, 'hide-submit': '' });
    const tokens = collect(element, 'pay-token');
    const error = nextError(element);
    const failed = await element.submit().then(
      () => expect.fail('submit() resolved although the action failed'),
      (reason: unknown) => reason,
    );
    expect(failed).to.be.instanceOf(PayCheckoutError);
    expect(failed).to.include({ code: 'action-failed', recoverable: true });
    expect((await error).detail).to.include({
      code: 'action-failed',
      recoverable: true,
      message: 'Your payment could not be completed. Please try again.',
    });
    const succeeded = success(element);
    const result = (await element.submit()) as PekoPayCompleteDetail;
    const body = result.body as ChargeAnswer;
    expect(body.attempts).to.equal(2);
    expect(body.idempotencyKey).to.equal(tokens[0]!.detail.idempotencyKey);
    expect((await succeeded).detail, 'submit() resolves with the pay-complete detail').to.equal(result);
    expect(tokens).to.have.length(1);
  });

  it('gives up on an action endpoint that does not answer in time, saying so in the reason, and Retry posts again', () =>
    withTimeouts({ action: 400 }, async () => {
      const element = await savedCardCheckout({ action: `${ACTION}?fail=hang&fail_times=1` });
      const error = nextError(element);
      button(element).click();
      const { detail } = await error;
      expect(detail).to.include({ code: 'action-failed', recoverable: true });
      expect(detail.reason).to.contain('timed out after');
      const succeeded = success(element);
      await retry(element);
      expect(((await succeeded).detail.body as ChargeAnswer).attempts).to.equal(2);
    }));

  it('reports action-failed for a payload that is not a plain object, and posts once the host fixes it', async () => {
    const element = await savedCardCheckout();
    element.payload = ['not', 'an', 'object'] as unknown as Record<string, unknown>;
    const error = nextError(element);
    button(element).click();
    expect((await error).detail.reason).to.contain('payload must be a plain object');
    element.payload = { orderId: 'o-2' };
    const succeeded = success(element);
    await retry(element);
    expect(((await succeeded).detail.body as ChargeAnswer).received.orderId).to.equal('o-2');
  });

  it('posts the first body again on Retry, same key, when the page changed its payload or action since', async () => {
    const element = await savedCardCheckout({ action: `${ACTION}?fail=500&fail_times=1` });
    element.payload = { orderId: 'o-1' };
    const error = nextError(element);
    button(element).click();
    expect((await error).detail.code).to.equal('action-failed');
    // The charge may have gone through under this key: a changed cart is another payment, not this one's Retry.
    const succeeded = success(element);
    element.payload = { orderId: 'o-2' };
    element.action = `${ACTION}?other=1`; // in error, a changed property starts over: the token is posted again
    const answer = (await succeeded).detail.body as ChargeAnswer;
    expect(answer.received.orderId, 'the body of the first POST').to.equal('o-1');
    expect(answer.attempts, 'the same key, to the same endpoint').to.equal(2);
  });

  it('refuses submit() while a changed property is wrong after a failed action, and posts the same key once it is mended', async () => {
    const element = await savedCardCheckout({ action: `${ACTION}?fail=500&fail_times=1`, 'hide-submit': '' });
    const failed = nextError(element);
    void element.submit().catch(() => {});
    expect((await failed).detail.code).to.equal('action-failed');
    const misconfigured = nextError(element);
    element.intent = 'bogus' as PayCheckout['intent'];
    expect((await misconfigured).detail.code).to.equal('config');
    // Nothing can post the token while the configuration is wrong: the page's own Pay is refused, not left spinning.
    expect(
      await element.submit().then(
        () => 'resolved',
        (error: PayCheckoutError) => error.code,
      ),
    ).to.equal('config');
    await element.updateComplete;
    expect(element.status).to.equal('error');
    const succeeded = success(element);
    element.intent = 'charge';
    expect(((await succeeded).detail.body as ChargeAnswer).attempts, 'the same key, posted again').to.equal(2);
  });

  it('refuses an action URL outside the allow-list with insecure-config', async () => {
    for (const action of ['https://evil.example/charge', 'javascript:alert(1)', 'http://localhost:1/charge']) {
      const element = configurePekopay(document.createElement('pay-checkout'), { action });
      const error = nextError(element);
      document.body.append(element);
      try {
        expect((await error).detail.code, action).to.equal('insecure-config');
      } finally {
        element.remove();
      }
    }
  });

  it('refuses action or customer-id set to a provider secret after pay-ready, before anything is paid or posted', async () => {
    for (const key of ['action', 'customerId'] as const) {
      const element = await savedCardCheckout();
      const tokens = collect(element, 'pay-token');
      const error = nextError(element);
      element[key] = 'priv_live_0123';
      const { detail } = await error;
      expect(detail.code, key).to.equal('insecure-config');
      expect(detail.reason).to.not.contain('priv_live_0123');
      expect(element.status).to.equal('error');
      await element.submit().catch(() => {});
      expect(tokens, 'no token handed over').to.have.length(0);
      element.remove();
    }
  });

  it('posts the same token again, with the same key, when the element is moved while the action is being posted: one payment', async () => {
    // The endpoint does not answer the first request of a key (as if the network dropped it after the charge).
    const element = await savedCardCheckout({ action: `${ACTION}?fail=hang&fail_times=1` });
    const tokens = collect(element, 'pay-token');
    const errors = collect(element, 'pay-error');
    const outcome = element.submit().catch((error: unknown) => error);
    await waitUntil(() => tokens.length == 1, 'no pay-token', { timeout: 10_000 });
    const key = tokens[0]!.detail.idempotencyKey;
    const received = async () =>
      ((await (await fetch(`${ACTION}/received`)).json()) as { idempotencyKey: string }[]).some((charge) => charge.idempotencyKey == key);
    await waitUntil(received, 'the endpoint never received the POST', { timeout: 10_000 });
    // A framework moves the element: disconnected and connected again in one task, which aborts the POST.
    const succeeded = success(element);
    const box = document.createElement('div');
    element.after(box);
    box.append(element);
    const { detail } = await succeeded;
    const answer = detail.body as ChargeAnswer;
    expect(answer.idempotencyKey, 'the same key').to.equal(key);
    expect(answer.attempts, 'the endpoint saw the same payment twice').to.equal(2);
    expect(tokens, 'one token handed over').to.have.length(1);
    expect(errors).to.have.length(0);
    expect(element.status).to.equal('complete');
    expect(await outcome, 'submit() was told the move interrupted it').to.deep.include({ canceled: true, reason: 'interrupted' });
    box.remove();
  });

  for (const [how, restart] of [
    ['a change of configuration', (element: PayCheckout) => void (element.locale = 'fr-CA')],
    ['refreshToken() (a tab shown again, as docs/pekopay.md suggests)', (element: PayCheckout) => void element.refreshToken()],
  ] as const) {
    it(`keeps a token the action refused through ${how}: posted again with its key, never a new payment; reset() lets it go`, async () => {
      const element = await savedCardCheckout({ action: `${ACTION}?fail=500&fail_times=1` });
      const tokens = collect(element, 'pay-token');
      const error = nextError(element);
      button(element).click();
      expect((await error).detail.code).to.equal('action-failed');
      const succeeded = success(element);
      restart(element);
      const { detail } = await succeeded;
      expect((detail.body as ChargeAnswer).idempotencyKey).to.equal(tokens[0]!.detail.idempotencyKey);
      expect(tokens, 'one token for one payment').to.have.length(1);
      element.reset();
      await ready(element);
      expect(element.status).to.equal('ready');
    });
  }

  it('lets nothing the card fields report after the token stop its action POST: one pay-complete, no pay-error', async () => {
    const element = await pekopay({ action: ACTION });
    await ready(element);
    await typeCard(element);
    const errors = collect(element, 'pay-error');
    // The SDK reports a load error (its frame reloaded) while the token is being posted.
    element.addEventListener('pay-token', () => sdkOf(element).form!.options.onLoadError!(new PekoSdkError('frame_load_failed', 'x')), {
      once: true,
    });
    const succeeded = success(element);
    const answer = await element.submit();
    expect(answer).to.equal((await succeeded).detail);
    expect(errors).to.have.length(0);
    expect(element.status).to.equal('complete');
    // And once complete, a late report changes nothing either: submit() still answers the payment.
    sdkOf(element).form!.options.onLoadError!(new PekoSdkError('token_used', 'x'));
    await element.updateComplete;
    expect(await element.submit()).to.equal(answer);
    expect(errors).to.have.length(0);
  });

  it('submits a form held for the payment once its token is posted again after a restart', async () => {
    const element = configurePekopay(document.createElement('pay-checkout'), {
      name: 'payment',
      'hide-submit': '',
      cards: JSON.stringify(SAVED_CARDS),
      action: `${ACTION}?fail=500&fail_times=1`,
    });
    const form = await fixture<HTMLFormElement>(html`<form>${element}<button type="submit">Place order</button></form>`);
    const submitted: (string | null)[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted.push(new FormData(form).get('payment-last4') as string | null);
    });
    await ready(element);
    const error = nextError(element);
    form.querySelector('button')!.click();
    expect((await error).detail.code).to.equal('action-failed');
    const succeeded = success(element);
    element.locale = 'fr-CA'; // a change while failed restarts the element, which posts the token again
    await succeeded;
    await waitUntil(() => submitted.length, 'the held submission never went on', { timeout: 10_000 });
    expect(submitted).to.deep.equal(['4444']);
  });

  it('emits nothing after the element is removed while the action is being posted', async () => {
    const element = await savedCardCheckout({ action: `${ACTION}?fail=hang` });
    const errors = collect(element, 'pay-error');
    const successes = collect(element, 'pay-complete');
    await pay(element);
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).to.have.length(0);
    expect(successes).to.have.length(0);
    expect(element.status).to.equal('idle');
  });
});

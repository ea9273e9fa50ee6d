// A hosted checkout (Reepay, Paiwise) in a native <form>, in iframe and modal modes: the form's own submit button
// opens the checkout, and the form is submitted when the checkout completes, with the session id under `name` and
// the result's other fields as `name-…`; a cancel or a failure leaves the form unsubmitted and usable. The
// checkouts run on the sandbox's origin and are ended as in the adapter tests (the protocol from the checkout
// origin for Reepay, the frame sent to the return URL for Paiwise).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PayCheckout } from '../../src/index.js';
import { ready, sleep } from '../helpers.js';
import { hostedFrame, navigateFrame } from '../hosted-helpers.js';
import { RETURN_URLS, SESSION_ENDPOINT as PAIWISE_ENDPOINT, cancelLink, checkoutIdOf, returnedTo } from '../paiwise-helpers.js';
import { EVENT, SESSION_ENDPOINT as REEPAY_ENDPOINT, acceptInCheckout, eventFromCheckout } from '../reepay-helpers.js';

interface HostedForm {
  form: HTMLFormElement;
  element: PayCheckout;
  placeOrder: HTMLButtonElement;
  /** What each submission of the form carried (the test stops it from leaving the page). */
  submissions: Record<string, string>[];
}

/** A form with an order field, a hosted <pay-checkout name="payment" hide-submit> and the form's own submit button. */
const hostedForm = async (provider: 'reepay' | 'paiwise', mode: 'iframe' | 'modal', attributes: Record<string, string> = {}) => {
  const element = document.createElement('pay-checkout');
  const all = {
    provider,
    mode,
    environment: 'sandbox',
    name: 'payment',
    'hide-submit': '',
    'session-endpoint': provider == 'reepay' ? REEPAY_ENDPOINT : PAIWISE_ENDPOINT,
    ...attributes,
  };
  for (const [name, value] of Object.entries(all)) element.setAttribute(name, value);
  if (provider == 'paiwise') element.payload = RETURN_URLS;
  const form = await fixture<HTMLFormElement>(
    html`<form method="post" action="/api/actions/form">
      <input name="order" value="o-1" />
      ${element}
      <button type="submit">Place order</button>
    </form>`,
  );
  const submissions: Record<string, string>[] = [];
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submissions.push(Object.fromEntries(new FormData(form)) as Record<string, string>);
  });
  await ready(element);
  return { form, element, placeOrder: form.querySelector('button')!, submissions } satisfies HostedForm;
};

/** The session ids the host's session endpoint answered while `run` ran (Reepay's checkout URL does not name it). */
const sessionsCreated = async (run: () => Promise<void>): Promise<string[]> => {
  const ids: string[] = [];
  const original = window.fetch;
  window.fetch = async (...args) => {
    const response = await original(...args);
    if (String(args[0] instanceof Request ? args[0].url : args[0]).includes(REEPAY_ENDPOINT)) ids.push((await response.clone().json()).id);
    return response;
  };
  try {
    await run();
  } finally {
    window.fetch = original;
  }
  return ids;
};

/** Submits the form with its own button and waits for the checkout to show. */
const placeOrder = async ({ element, placeOrder }: HostedForm): Promise<void> => {
  placeOrder.click();
  await waitUntil(() => hostedFrame(element) && !hostedFrame(element)!.hidden, 'the checkout did not open', { timeout: 10_000 });
};

for (const mode of ['modal', 'iframe'] as const) {
  describe(`a hosted checkout in a form: Reepay, ${mode}`, () => {
    it('opens on the form’s submission and submits the form once the checkout accepts, with the session id and handles', async () => {
      const checkout = await hostedForm('reepay', mode);
      const [id] = await sessionsCreated(() => placeOrder(checkout));
      expect(checkout.submissions, 'held until the checkout completes').to.deep.equal([]);
      await acceptInCheckout(checkout.element, id!, { invoice: 'order-77', customer: 'cus-77' });
      await waitUntil(() => checkout.submissions.length > 0, 'the form was not submitted', { timeout: 10_000 });
      await sleep(100);
      expect(checkout.submissions).to.deep.equal([
        { order: 'o-1', payment: id, 'payment-invoice': 'order-77', 'payment-customer': 'cus-77' },
      ]);
      expect(checkout.element.status).to.equal('complete');
    });

    it('leaves the form unsubmitted and usable when the payer cancels: the next submission opens a new checkout', async () => {
      const checkout = await hostedForm('reepay', mode, { required: '' });
      const [id] = await sessionsCreated(() => placeOrder(checkout));
      await eventFromCheckout(checkout.element, EVENT.cancel, { id });
      await waitUntil(() => !hostedFrame(checkout.element), 'the checkout did not close', { timeout: 10_000 });
      await sleep(200);
      expect(checkout.submissions).to.deep.equal([]);
      expect(checkout.form.checkValidity(), 'ready again: the form can be submitted').to.equal(true);
      const [again] = await sessionsCreated(() => placeOrder(checkout));
      expect(again).to.match(/^cs_/);
      await acceptInCheckout(checkout.element, again!);
      await waitUntil(() => checkout.submissions.length > 0, 'the form was not submitted', { timeout: 10_000 });
      expect(checkout.submissions[0]!.payment).to.equal(again);
    });
  });

  describe(`a hosted checkout in a form: Paiwise, ${mode}`, () => {
    it('submits the form once the checkout is paid, with the checkout id and status', async () => {
      const checkout = await hostedForm('paiwise', mode);
      await placeOrder(checkout);
      const id = checkoutIdOf(hostedFrame(checkout.element)!.src);
      await navigateFrame(hostedFrame(checkout.element)!, returnedTo(id, 'paid'));
      await waitUntil(() => checkout.submissions.length > 0, 'the form was not submitted', { timeout: 10_000 });
      expect(checkout.submissions).to.deep.equal([{ order: 'o-1', payment: id, 'payment-status': 'paid' }]);
    });

    it('leaves the form unsubmitted when the payer follows the cancel link', async () => {
      const checkout = await hostedForm('paiwise', mode);
      await placeOrder(checkout);
      const id = checkoutIdOf(hostedFrame(checkout.element)!.src);
      await navigateFrame(hostedFrame(checkout.element)!, cancelLink(id));
      await waitUntil(() => checkout.element.status == 'ready' && !hostedFrame(checkout.element), 'not ready again', { timeout: 10_000 });
      await sleep(200);
      expect(checkout.submissions).to.deep.equal([]);
    });
  });
}

describe('a hosted checkout in a form: failures and required', () => {
  it('leaves the form unsubmitted and usable when the session cannot be created', async () => {
    const checkout = await hostedForm('reepay', 'modal', { 'session-endpoint': `${REEPAY_ENDPOINT}?sandbox_fault=500` });
    checkout.placeOrder.click();
    await waitUntil(
      () => checkout.element.validationMessage === '' && !!checkout.element.shadowRoot!.querySelector('[part=message]')!.textContent,
      'no error shown',
      {
        timeout: 10_000,
      },
    );
    await sleep(200);
    expect(checkout.submissions).to.deep.equal([]);
    expect(checkout.element.status).to.equal('ready');
  });

  it('is invalid while it cannot open a checkout, so a required payment cannot be skipped', async () => {
    const checkout = await hostedForm('reepay', 'modal', { required: '' });
    expect(checkout.form.checkValidity(), 'ready: submitting opens the checkout').to.equal(true);
    checkout.element.setAttribute('session-endpoint', 'https://evil.example/session');
    await waitUntil(() => checkout.element.status == 'error', 'no error', { timeout: 5_000 });
    expect(checkout.element.checkValidity()).to.equal(false);
    expect(checkout.element.validity.valueMissing).to.equal(true);
    checkout.placeOrder.click();
    await sleep(200);
    expect(checkout.submissions, 'the browser refuses the invalid form').to.deep.equal([]);
  });
});

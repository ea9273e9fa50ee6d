// One outcome contract for every provider: exactly one `pay-complete` for a payment (after `pay-token` for
// PekoPay, with `action`'s answer when there is one), `pay-cancel` for an abandoned checkout, `pay-error` for a
// failure; and submit()'s promise answering the same outcome. A scripted provider registered through the public
// registerProvider() plays each ending; PekoPay runs against the in-page SDK double.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import {
  PayCheckout,
  PayCheckoutError,
  registerProvider,
  type PayCompleteDetail,
  type PekoPayCompleteDetail,
  type ProviderContext,
  type ReepayCompleteDetail,
} from '../src/index.js';
import { SAVED_CARDS, button, checkErrorOnConnect, collect, pekopay, ready, sleep } from './helpers.js';

/** What the scripted provider's hosted page does once submit() opened it. */
type Ending = (context: ProviderContext) => void;

let ending: Ending = () => {};
let open = false;

const HOSTED_RESULT: ReepayCompleteDetail = {
  provider: 'reepay',
  sessionId: 'cs_0a1b2c',
  redirected: false,
  invoice: 'order-1',
  customer: 'cus-1',
  subscription: null,
  paymentMethod: null,
};

// A hosted checkout in miniature: submit() "opens a page" (resolves at once, `open`), and `ending` ends it.
registerProvider(
  'test-hosted',
  async () => ({
    create: (context) => ({
      async mount() {
        context.ready();
      },
      async submit() {
        open = true;
        setTimeout(() => ending(context), 20);
      },
      get open() {
        return open;
      },
      unmount() {},
    }),
  }),
  ['sessionId'],
);

const hosted = async (attributes = ''): Promise<PayCheckout> => {
  open = false;
  const element = await fixture<PayCheckout>(
    html`<pay-checkout provider="test-hosted" .sessionId=${attributes || undefined}></pay-checkout>`,
  );
  await ready(element);
  return element;
};

/** Every pay-* event `element` emits from now on, by type, in order. */
const record = (element: PayCheckout): string[] => {
  const seen: string[] = [];
  for (const type of ['pay-token', 'pay-complete', 'pay-cancel', 'pay-error', 'pay-redirect']) {
    element.addEventListener(type, () => seen.push(type));
  }
  return seen;
};

describe('the outcome: PekoPay', () => {
  it('emits pay-token, then exactly one pay-complete carrying the token and card; submit() resolves with that detail', async () => {
    const element = await pekopay({ cards: JSON.stringify(SAVED_CARDS), 'hide-submit': '' });
    await ready(element);
    const seen = record(element);
    const complete = oneEvent(element, 'pay-complete');
    const result = (await element.submit()) as PekoPayCompleteDetail;
    expect((await complete).detail).to.equal(result);
    expect(result).to.include({ provider: 'pekopay', paymentToken: '', savedCard: true });
    expect(result.card).to.deep.equal({ last4: '4444', cardType: 'MASTERCARD' });
    expect('body' in result, 'no action, no body').to.equal(false);
    expect(element.status).to.equal('complete');
    await sleep(50);
    expect(seen).to.deep.equal(['pay-token', 'pay-complete']);
  });

  it('after an action, pay-complete carries its answer; a second submit() answers the same payment and pays nothing', async () => {
    const element = await pekopay({ cards: JSON.stringify(SAVED_CARDS), action: '/api/actions/charge' });
    await ready(element);
    const seen = record(element);
    const result = (await element.submit()) as PekoPayCompleteDetail;
    expect((result.body as { chargeId: string }).chargeId).to.match(/^ch_/);
    expect(await element.submit(), 'the completed payment').to.equal(result);
    await sleep(50);
    expect(seen).to.deep.equal(['pay-token', 'pay-complete']);
  });

  it('stays complete when the page sets a property again or moves the element: only reset() starts another payment', async () => {
    const element = await pekopay({ cards: JSON.stringify(SAVED_CARDS), action: '/api/actions/charge' });
    await ready(element);
    const seen = record(element);
    const result = await element.submit();
    // What a framework does after the payment: a property set again (a new array, the same cards), a move.
    element.cards = [...SAVED_CARDS];
    element.amount = 9900;
    await element.updateComplete;
    expect(element.status, 'after a property set again').to.equal('complete');
    element.parentElement!.append(element);
    await element.updateComplete;
    expect(element.status, 'after a move').to.equal('complete');
    expect(await element.submit(), 'the completed payment, not another').to.equal(result);
    expect(seen).to.deep.equal(['pay-token', 'pay-complete']);
    element.reset();
    await ready(element);
    expect(await element.submit(), 'a new payment after reset()').not.to.equal(result);
    expect(seen).to.deep.equal(['pay-token', 'pay-complete', 'pay-token', 'pay-complete']);
  });

  it('answers every submit() of one payment with the same promise: one token, one pay-complete', async () => {
    const element = await pekopay({ cards: JSON.stringify(SAVED_CARDS), action: '/api/actions/charge?fail=hang&fail_times=0' });
    await ready(element);
    const completes = collect(element, 'pay-complete');
    const tokens = collect(element, 'pay-token');
    const first = element.submit();
    button(element).click();
    const second = element.submit();
    expect(second).to.equal(first);
    await first;
    expect(tokens).to.have.length(1);
    expect(completes).to.have.length(1);
  });

  it('rejects submit() with the PayCheckoutError of its pay-error when the action fails', async () => {
    const element = await pekopay({ cards: JSON.stringify(SAVED_CARDS), action: '/api/actions/charge?fail=500' });
    await ready(element);
    const error = oneEvent(element, 'pay-error');
    const failed = await element.submit().catch((reason: unknown) => reason);
    expect(failed).to.be.instanceOf(PayCheckoutError);
    expect(failed).to.include({ code: 'action-failed', reason: (await error).detail.reason });
    expect(element.status).to.equal('error');
  });

  it('answers an interrupted payment: removed while the action is posted, submit() resolves canceled', async () => {
    const element = await pekopay({ cards: JSON.stringify(SAVED_CARDS), action: '/api/actions/charge?fail=hang' });
    await ready(element);
    const token = oneEvent(element, 'pay-token');
    const outcome = element.submit();
    await token;
    element.remove();
    expect(await outcome).to.deep.equal({ canceled: true, provider: 'pekopay', reason: 'interrupted' });
  });
});

describe('the outcome: a hosted checkout', () => {
  it('resolves submit() with the pay-complete detail once the hosted page accepted, the one pay-complete', async () => {
    ending = (context) => context.complete(HOSTED_RESULT);
    const element = await hosted();
    const seen = record(element);
    const result = await element.submit();
    expect(result).to.deep.equal(HOSTED_RESULT);
    expect(element.status).to.equal('complete');
    expect(seen).to.deep.equal(['pay-complete']);
  });

  it('resolves submit() with the documented cancel result when the payer leaves the hosted page', async () => {
    ending = (context) => context.cancel({ provider: 'test-hosted', sessionId: 'cs_0a1b2c', redirected: false, reason: 'cancel' });
    const element = await hosted();
    const cancel = oneEvent(element, 'pay-cancel');
    const result = await element.submit();
    expect(result).to.deep.equal({ canceled: true, ...(await cancel).detail });
    expect(element.status).to.equal('ready');
  });

  it('rejects submit() when the hosted page fails after it opened', async () => {
    ending = (context) => context.fail(new PayCheckoutError('session', 'the session expired'));
    const element = await hosted();
    const failed = await element.submit().catch((reason: unknown) => reason);
    expect(failed).to.include({ code: 'session', reason: 'the session expired' });
  });

  it('resolves canceled (interrupted) when the page prevents pay-redirect and stays', async () => {
    ending = () => {};
    registerProvider('test-redirect', async () => ({
      create: (context) => ({
        mount: async () => context.ready(),
        submit: async () => void context.redirect({ provider: 'test-redirect', sessionId: 'cs_1', url: 'https://example.com/' }),
        unmount() {},
      }),
    }));
    const element = await fixture<PayCheckout>(html`<pay-checkout provider="test-redirect"></pay-checkout>`);
    await ready(element);
    element.addEventListener('pay-redirect', (event) => event.preventDefault());
    expect(await element.submit()).to.deep.equal({ canceled: true, provider: 'test-redirect', reason: 'interrupted' });
    expect(element.status).to.equal('ready');
  });

  it('keeps submit() pending while the hosted page is open, whatever else calls it', async () => {
    let end!: () => void;
    ending = (context) => (end = () => context.complete({ ...HOSTED_RESULT }));
    const element = await hosted();
    const first = element.submit();
    await waitUntil(() => end, 'the hosted page did not open', { timeout: 5_000 });
    expect(element.submit(), 'the same payment').to.equal(first);
    let settled = false;
    void first.then(() => (settled = true));
    await sleep(50);
    expect(settled, 'pending while the page is open').to.equal(false);
    end();
    expect(await first).to.deep.equal(HOSTED_RESULT);
  });
});

describe('submit() with nothing to submit', () => {
  it('rejects with the error shown when the element is stopped by one', async () => {
    const element = await fixture<PayCheckout>(html`<pay-checkout provider="stripe"></pay-checkout>`);
    await waitUntil(() => element.status == 'error', 'no error', { timeout: 5_000 });
    const refused = await element.submit().catch((reason: unknown) => reason);
    expect(refused).to.be.instanceOf(PayCheckoutError);
    expect(refused).to.include({ code: 'config', reason: 'unknown provider "stripe"' });
  });

  it('leaves no unhandled rejection when the caller ignores the promise', async () => {
    const rejections: unknown[] = [];
    const listen = (event: PromiseRejectionEvent) => rejections.push(event.reason);
    addEventListener('unhandledrejection', listen);
    try {
      const element = await fixture<PayCheckout>(html`<pay-checkout provider="stripe"></pay-checkout>`);
      void element.submit();
      await sleep(100);
      expect(rejections).to.deep.equal([]);
    } finally {
      removeEventListener('unhandledrejection', listen);
    }
  });
});

describe('options that belong to another provider', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['reepay', 'action', { action: '/api/actions/charge' }],
    ['reepay', 'cards', { cards: SAVED_CARDS }],
    ['paiwise', 'customer-id', { customerId: 'cus_1' }],
    ['reepay', 'token-lifetime', { tokenLifetime: 60 }],
    ['paiwise', 'sdk-url', { sdkUrl: 'https://cdn.jsdelivr.net/npm/@pekopay/web/dist/index.js' }],
    ['paiwise', 'session-token', { sessionToken: 'sess_1' }],
    ['pekopay', 'session-endpoint', { sessionEndpoint: '/api/reepay/session' }],
    ['pekopay', 'session-id', { sessionId: 'cs_0a1b2c' }],
  ];
  for (const [provider, attribute, properties] of cases) {
    it(`reports config naming ${attribute} on a ${provider} element`, async () => {
      const base = provider == 'pekopay' ? { tokenUrl: '/api/pekopay/token' } : { sessionEndpoint: '/api/reepay/session' };
      const element = Object.assign(document.createElement('pay-checkout'), { provider, environment: 'sandbox', ...base, ...properties });
      await checkErrorOnConnect(element, ({ detail }) => {
        expect(detail).to.include({ code: 'config', recoverable: false, reason: `${attribute} is not a ${provider} option` });
      });
    });
  }

  it('lets a registered provider declare the options it reads', async () => {
    registerProvider(
      'test-own-action',
      async () => ({ create: (context) => ({ mount: async () => context.ready(), submit: async () => {}, unmount() {} }) }),
      ['action'],
    );
    const element = await fixture<PayCheckout>(html`<pay-checkout provider="test-own-action" action="/charge"></pay-checkout>`);
    await ready(element);
    expect(element.status).to.equal('ready');
  });
});

/** The result types narrow on `canceled` and `provider` (checked by the compiler, run for the record). */
export const describeResult = (result: PayCompleteDetail | { canceled: true }): string =>
  'canceled' in result ? 'canceled' : result.provider == 'pekopay' ? result.paymentToken : result.sessionId;

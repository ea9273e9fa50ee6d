// The Reepay sandbox's hosted checkout page, on its own (no <pay-checkout>): sessions created through the demo
// backend, the page framed from this page's own origin (the test server serves the sandbox here too, so the
// test fills the form through the frame's document). Framed, it speaks the frame protocol with this page as its
// parent (this test plays the element's part: the init message, then reading Open, Accept, Cancel, Close);
// opened at a session URL, it is a window checkout that goes to the accept or cancel URL. The backend confirms
// what the page reports. The element against this page on another origin is the end-to-end tier's.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createSession } from '../reepay-helpers.js';
import {
  axeViolations,
  click,
  fill,
  framePage,
  nextLocation,
  pageOf,
  testCard,
  textOf,
  untilShown,
  untilText,
} from './same-origin-page.js';

const PAGE = `${location.origin}/sandbox/reepay/checkout/`;
const RETURN_PAGE = '/test/fixtures/return.html';
const CARDS = { visa: '4242 4242 4242 4242', mastercard: '5555 5555 5555 4444', declined: '4000 0000 0000 0002' };

interface ProtocolMessage {
  origin: string;
  event: number;
  data: Record<string, unknown>;
}

/** POSTs JSON to the demo backend and returns its answer. */
const post = async (path: string, body: object): Promise<Record<string, unknown>> =>
  (await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

let stopListening: (() => void)[] = [];
afterEach(() => {
  for (const stop of stopListening) stop();
  stopListening = [];
});

/** The element's token: 128 random bits as hex. */
const elementToken = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

interface FramedOptions {
  /** embedded (default) or modal */
  type?: string;
  /** a subscription session: `content_type: 'rp_subscription'` */
  subscription?: boolean;
  /** the preload page (default: the element's, by type and subscription) */
  preload?: string;
  /** the init message's token (default: the element's string token) */
  token?: string | number;
  /** the init message's options */
  options?: Record<string, unknown>;
}

/**
 * The checkout page framed as the element frames it (`type`: embedded or modal; a subscription session has its
 * own preload page), sent the init message for `sessionId` with a token of this test. Resolves with the frame
 * and `next()`, which resolves with the page's next message to this page, in order.
 */
const framedCheckout = async (
  sessionId: string,
  { type = 'embedded', subscription = false, preload, token = elementToken(), options = {} }: FramedOptions = {},
) => {
  preload ??= subscription ? '#/subscription/preload' : type == 'modal' ? '#/preload' : '#/checkout/preload';
  const frame = await framePage(`${PAGE}${preload}`, 'reepay-checkout');
  const received: ProtocolMessage[] = [];
  let wake = () => {};
  const listen = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== location.origin) return;
    received.push(event.data);
    wake();
  };
  addEventListener('message', listen);
  stopListening.push(() => removeEventListener('message', listen));
  const init = { id: sessionId, content_type: subscription ? 'rp_subscription' : 'rp_checkout', type, token, options };
  frame.contentWindow!.postMessage({ for: 'rp_app', data: init }, location.origin);
  let read = 0;
  const next = async (): Promise<ProtocolMessage> => {
    while (received.length <= read) await new Promise<void>((resolve) => (wake = resolve));
    const message = received[read++];
    expect(message.origin, 'the token of the init message').to.equal(`rp-${token}`);
    return message;
  };
  return { frame, page: pageOf(frame), next };
};

/** A framed checkout for `sessionId` whose page has shown the session: its Open is read. */
const shownCheckout = async (sessionId: string, options: FramedOptions = {}) => {
  const checkout = await framedCheckout(sessionId, options);
  expect((await checkout.next()).event, 'Open').to.equal(4);
  return checkout;
};

/** Fills in `number` and presses the page's Pay button. */
const payWith = (page: Document, number: string) => {
  fill(page, testCard(number));
  click(page, '#pay');
};

describe('reepay sandbox: the hosted checkout page, framed', () => {
  it('sends Open once it shows the session of the init message', async () => {
    const { id } = await createSession();
    const { page, next } = await framedCheckout(id);
    expect(await next()).to.deep.include({ event: 4, data: {} });
    expect(page.getElementById('card-form')!.hidden).to.equal(false);
    expect(textOf(page, '#pay')).to.match(/^Pay /);
  });

  it('sends Accept with the invoice and customer when the payer pays with a test card, and the backend verifies the invoice', async () => {
    const { id } = await createSession();
    const { page, next } = await shownCheckout(id);
    payWith(page, CARDS.visa);
    const { event, data } = await next();
    expect(event).to.equal(0);
    expect(data).to.include({ id, customer: 'demo-customer' });
    expect(data.invoice).to.match(/^order-[0-9a-f]{8}$/);
    expect(await post('/api/reepay/verify', { invoice: data.invoice })).to.include({ handle: data.invoice, state: 'authorized' });
  });

  it('keeps a declined card in the page, saying so and sending nothing, and accepts another card after it', async () => {
    const { id } = await createSession();
    const { frame, page, next } = await shownCheckout(id);
    payWith(page, CARDS.declined);
    await untilText(frame, '#form-error', 'Your card was declined. Try another card.');
    payWith(page, CARDS.visa);
    // The next message after Open: the decline sent none.
    expect(await next()).to.deep.include({ event: 0 });
  });

  it('saves the card of a recurring session: Accept carries it as payment_method, which the backend then charges', async () => {
    const { id } = await createSession({ kind: 'recurring' });
    const { page, next } = await shownCheckout(id);
    expect(textOf(page, '#pay')).to.equal('Save card');
    payWith(page, CARDS.mastercard);
    const { event, data } = await next();
    expect(event).to.equal(0);
    expect(data.invoice).to.equal(undefined);
    expect(data.payment_method).to.match(/^ca_[0-9a-f]{32}$/);
    expect(await post('/api/reepay/charge-saved', { paymentMethod: data.payment_method })).to.include({
      state: 'settled',
      amount: 19900,
      currency: 'DKK',
    });
  });

  it('activates a subscription session: Accept carries the subscription and its saved card', async () => {
    const { id } = await createSession({ kind: 'subscription' });
    const { page, next } = await shownCheckout(id, { subscription: true });
    expect(textOf(page, '#pay')).to.equal('Subscribe');
    payWith(page, CARDS.visa);
    const { event, data } = await next();
    expect(event).to.equal(0);
    expect(data.subscription).to.match(/^sub-/);
    expect(data.payment_method).to.match(/^ca_/);
  });

  it('sends Cancel with the session id from its cancel link', async () => {
    const { id } = await createSession();
    const { page, next } = await shownCheckout(id);
    click(page, '#cancel');
    expect(await next()).to.deep.include({ event: 2, data: { id } });
  });

  it('sends Close from its own × button when embedded', async () => {
    const { id } = await createSession();
    const { page, next } = await shownCheckout(id);
    expect(page.getElementById('close')!.hidden).to.equal(false);
    click(page, '#close');
    expect(await next()).to.deep.include({ event: 3 });
  });

  it('leaves closing to the element in a modal (no × of its own), and sends Cancel on Escape', async () => {
    const { id } = await createSession();
    const { frame, page, next } = await shownCheckout(id, { type: 'modal' });
    expect(page.getElementById('close')!.hidden).to.equal(true);
    // The page puts focus in the card number field of a modal: a key pressed now is pressed in the page.
    frame.focus();
    page.getElementById('card-number')!.focus();
    await sendKeys({ press: 'Escape' });
    expect(await next()).to.deep.include({ event: 2, data: { id } });
  });

  it('is accessible with its form, and with the errors of an empty form', async () => {
    const { id } = await createSession();
    const { frame, page } = await shownCheckout(id);
    expect(await axeViolations(frame)).to.deep.equal([]);
    click(page, '#pay');
    await untilShown(frame, '#card-number[aria-invalid="true"]');
    expect(await axeViolations(frame)).to.deep.equal([]);
  });
});

/** A random integer below `limit`, as Reepay's checkout.js makes its token. */
const reepayToken = (limit: number): number => Math.floor(Math.random() * limit);

describe("reepay sandbox: the hosted checkout page, framed by Reepay's own checkout.js", () => {
  // Reepay's checkout.js (EmbeddedCheckout, ModalCheckout) frames `#/checkout/preload` or `#/preload` and posts
  // `{ for: 'rp_app', data: { id, content_type, type, token, options } }` with a number as token; it reads only
  // messages whose `origin` is `'rp-' + token`.
  const shapes = [
    { name: 'an embedded charge session', kind: 'charge', type: 'embedded', preload: '#/checkout/preload', limit: 10_000, button: /^Pay / },
    { name: 'a modal charge session', kind: 'charge', type: 'modal', preload: '#/preload', limit: 1000, button: /^Pay / },
    {
      name: 'an embedded subscription session',
      kind: 'subscription',
      type: 'embedded',
      preload: '#/checkout/preload',
      limit: 10_000,
      button: /^Subscribe$/,
    },
    { name: 'a modal subscription session', kind: 'subscription', type: 'modal', preload: '#/preload', limit: 1000, button: /^Subscribe$/ },
  ];
  for (const { name, kind, type, preload, limit, button } of shapes) {
    it(`completes ${name} inited with a numeric token, answering as origin 'rp-' + token`, async () => {
      const { id } = await createSession({ kind });
      const token = reepayToken(limit);
      const options = type == 'embedded' ? { html_element: 'rp_container' } : {};
      const { page, next } = await shownCheckout(id, { type, subscription: kind == 'subscription', preload, token, options });
      expect(textOf(page, '#pay')).to.match(button);
      payWith(page, CARDS.visa);
      const message = await next();
      expect(message.origin).to.equal(`rp-${token}`);
      expect(message.event).to.equal(0);
      expect(message.data).to.include({ id, customer: 'demo-customer' });
      if (kind == 'subscription') expect(message.data.subscription).to.match(/^sub-/);
      else
        expect(await post('/api/reepay/verify', { invoice: message.data.invoice })).to.include({
          handle: message.data.invoice,
          state: 'authorized',
        });
    });
  }

  it("takes the token 0, which Reepay's script can draw, and answers as rp-0", async () => {
    const { id } = await createSession();
    const { next } = await framedCheckout(id, { token: 0, preload: '#/checkout/preload' });
    expect(await next()).to.deep.include({ origin: 'rp-0', event: 4 });
  });

  it('says in the page why an init message it cannot use does not start it, and starts with the next one', async () => {
    const { id } = await createSession();
    const frame = await framePage(`${PAGE}#/checkout/preload`, 'reepay-checkout');
    const init = { id, content_type: 'rp_checkout', type: 'embedded', token: 42, options: {} };
    frame.contentWindow!.postMessage({ for: 'rp_app', data: { ...init, token: -1 } }, location.origin);
    await untilText(frame, '#status', 'token must be a whole number or a string');
    const received: unknown[] = [];
    const listen = (event: MessageEvent) => event.source == frame.contentWindow && received.push(event.data);
    addEventListener('message', listen);
    stopListening.push(() => removeEventListener('message', listen));
    frame.contentWindow!.postMessage({ for: 'rp_app', data: init }, location.origin);
    await untilShown(frame, '#card-form:not([hidden])');
    await waitUntil(() => received.length > 0, 'no Open', { timeout: 10_000 });
    expect(received[0]).to.deep.include({ origin: 'rp-42', event: 4 });
  });

  it('reports an init for a session id of another shape as error.session.not_found', async () => {
    const { next } = await framedCheckout('cs_not-a-session', { token: 7, preload: '#/checkout/preload' });
    expect(await next()).to.deep.include({ origin: 'rp-7', event: 1, data: { error: 'error.session.not_found' } });
  });
});

describe('reepay sandbox: the hosted checkout page, as a window checkout', () => {
  it("pays and goes to accept_url with the session's id, customer and invoice, and nothing else", async () => {
    const { id } = await createSession({ returnPath: RETURN_PAGE });
    const frame = await framePage(`${PAGE}#/${id}`, 'reepay-window');
    await untilShown(frame, '#card-form:not([hidden])');
    const back = nextLocation(frame);
    payWith(pageOf(frame), CARDS.visa);
    const landed = await back;
    expect(landed.pathname).to.equal(RETURN_PAGE);
    expect(landed.searchParams.get('id')).to.equal(id);
    expect(landed.searchParams.get('customer')).to.equal('demo-customer');
    expect(landed.searchParams.get('invoice')).to.match(/^order-/);
    expect([...landed.searchParams.keys()].sort()).to.deep.equal(['customer', 'id', 'invoice']);
  });

  it('goes to cancel_url with the session id only from its cancel link', async () => {
    const { id } = await createSession({ returnPath: RETURN_PAGE });
    const frame = await framePage(`${PAGE}#/${id}`, 'reepay-window');
    await untilShown(frame, '#card-form:not([hidden])');
    const back = nextLocation(frame);
    click(pageOf(frame), '#cancel');
    const landed = await back;
    expect(landed.pathname).to.equal(RETURN_PAGE);
    expect([...landed.searchParams]).to.deep.equal([['id', id]]);
  });
});

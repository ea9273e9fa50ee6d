// The Paiwise sandbox's hosted checkout page, on its own (no <pay-checkout>): framed from the other origin as a
// shop would, created through the demo backend, filled in as a person would, and followed back to the shop's
// return pages; the backend's verify (Paiwise retrieve) confirms each outcome.
import { expect } from '@open-wc/testing';
import { inFrame, type FrameCommand } from '../frame-command.js';
// @ts-expect-error plain JS module shared with the Node config
import { SANDBOX_ORIGIN } from '../ports.js';

const RETURN_PAGE = '/test/fixtures/return.html';
const CARDS = { visa: '4242 4242 4242 4242', declined: '4000 0000 0000 0002' };
const CARD = { 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' };

interface Session {
  id: string;
  url: string;
}

const post = async (path: string, body: object): Promise<{ status: number; json: Record<string, unknown> }> => {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
};

/** A checkout created by the demo backend, returning to this test server's return page. */
const createSession = async (body: Record<string, unknown> = {}): Promise<Session> => {
  const { status, json } = await post('/api/paiwise/session', {
    returnUrl: `${RETURN_PAGE}?outcome=return`,
    returnUrlCancel: `${RETURN_PAGE}?outcome=cancel`,
    ...body,
  });
  expect(status).to.equal(200);
  return json as unknown as Session;
};

const verify = async (id: string): Promise<string> => (await post('/api/paiwise/verify', { id })).json.status as string;

let opened: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const frame of opened) frame.remove();
  opened = [];
});

/** Frames the hosted page under a unique name (the card-frame command finds frames by name). */
const openHostedPage = async (url: string): Promise<HTMLIFrameElement> => {
  const frame = document.createElement('iframe');
  frame.name = `paiwise-hosted-${Math.random().toString(16).slice(2)}`;
  frame.title = 'Paiwise checkout';
  Object.assign(frame.style, { width: '480px', height: '640px' });
  frame.src = url;
  opened.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
};

const inPage = (frame: HTMLIFrameElement, payload: FrameCommand): Promise<unknown> => inFrame(frame.name, payload);

/** Waits until `selector` matches something in the hosted page. */
const waitFor = async (frame: HTMLIFrameElement, selector: string): Promise<void> => {
  const deadline = Date.now() + 5000;
  while ((await inPage(frame, { count: selector })) === 0) {
    if (Date.now() > deadline) throw new Error(`nothing matches ${selector} in the hosted page`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const formShown = (frame: HTMLIFrameElement) => waitFor(frame, 'form:not([hidden])');

/** Resolves with the frame's URL once it has navigated back to this (the shop's) origin. */
const returned = (frame: HTMLIFrameElement): Promise<URL> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the hosted page did not return to the shop')), 8000);
    frame.addEventListener('load', function onLoad() {
      let href: string | undefined;
      try {
        href = frame.contentWindow?.location.href;
      } catch {
        return; // still on the checkout's origin
      }
      if (!href || !href.startsWith(location.origin)) return;
      clearTimeout(timer);
      frame.removeEventListener('load', onLoad);
      resolve(new URL(href));
    });
  });

const payWith = (frame: HTMLIFrameElement, number: string) =>
  inPage(frame, { type: { 'cc-number': number, ...CARD }, press: 'Enter' });

/** Pays with a card that goes through; resolves with where the hosted page then took the payer. */
const payAndReturn = async (frame: HTMLIFrameElement, number = CARDS.visa): Promise<URL> => {
  const back = returned(frame);
  await payWith(frame, number);
  return back;
};

describe('paiwise sandbox: the hosted checkout page', () => {
  it('is served from the sandbox origin, another origin than the shop', async () => {
    const { url } = await createSession();
    expect(new URL(url).origin).to.equal(SANDBOX_ORIGIN);
    expect(SANDBOX_ORIGIN).not.to.equal(location.origin);
  });

  it('pays with a test card and returns to returnUrl with the checkout id and status paid', async () => {
    const { id, url } = await createSession();
    const frame = await openHostedPage(url);
    await formShown(frame);
    const landed = await payAndReturn(frame);
    expect(landed.pathname).to.equal(RETURN_PAGE);
    expect(landed.searchParams.get('outcome')).to.equal('return');
    expect(landed.searchParams.get('checkout_id')).to.equal(id);
    expect(landed.searchParams.get('status')).to.equal('paid');
    expect(await verify(id)).to.equal('paid');
  });

  it('reserves when the checkout was created with capture false, and the backend then captures it', async () => {
    const { id, url } = await createSession({ product: 'bike-rental' });
    const frame = await openHostedPage(url);
    await formShown(frame);
    const landed = await payAndReturn(frame);
    expect(landed.searchParams.get('checkout_id')).to.equal(id);
    expect(landed.searchParams.get('status')).to.equal('reserved');
    expect(await verify(id)).to.equal('reserved');
    expect((await post('/api/paiwise/capture', { id })).json.status).to.equal('paid');
  });

  it('shows a declined card, marks the checkout failed, and lets the payer retry with another card', async () => {
    const { id, url } = await createSession();
    const frame = await openHostedPage(url);
    await formShown(frame);
    await payWith(frame, CARDS.declined);
    await waitFor(frame, '#form-error:not(:empty)');
    expect(await verify(id)).to.equal('failed');
    expect(await inPage(frame, { count: 'form:not([hidden])' })).to.equal(1);

    const landed = await payAndReturn(frame);
    expect(landed.searchParams.get('status')).to.equal('paid');
    expect(await verify(id)).to.equal('paid');
  });

  it('returns to returnUrlCancel with the checkout id when the payer follows the cancel link', async () => {
    const { id, url } = await createSession();
    const frame = await openHostedPage(url);
    await formShown(frame);
    // As a person with a keyboard: from the name field, past the Pay button, to the cancel link.
    await inPage(frame, { type: { 'cc-name': 'Sarah Ng' }, press: 'Tab' });
    await inPage(frame, { press: 'Tab' });
    const back = returned(frame);
    await inPage(frame, { press: 'Enter' });
    const landed = await back;
    expect(landed.pathname).to.equal(RETURN_PAGE);
    expect(landed.searchParams.get('outcome')).to.equal('cancel');
    expect(landed.searchParams.get('checkout_id')).to.equal(id);
    expect(landed.searchParams.get('status')).to.equal('canceled');
    expect(await verify(id)).to.equal('canceled');
  });

  it('drops its background for template "iframe" (the backend asks for it in iframe and modal mode)', async () => {
    const framed = await openHostedPage((await createSession({ mode: 'iframe' })).url);
    await waitFor(framed, 'html[data-template="iframe"]');
    const plain = await openHostedPage((await createSession({ mode: 'redirect' })).url);
    await waitFor(plain, 'html[data-template="plain"]');
  });

  it('shows invalid card details inline and pays nothing', async () => {
    const { id, url } = await createSession();
    const frame = await openHostedPage(url);
    await formShown(frame);
    await inPage(frame, { type: { 'cc-number': '4242 4242 4242 4241', ...CARD }, press: 'Enter' });
    await waitFor(frame, '#card-number[aria-invalid="true"]');
    expect(await inPage(frame, { count: '#card-number-error:not(:empty)' })).to.equal(1);
    expect(await verify(id)).to.equal('created');
  });

  it('is accessible with its form, and with a declined card’s error', async () => {
    const { url } = await createSession();
    const frame = await openHostedPage(url);
    await formShown(frame);
    expect(await inPage(frame, { axe: true })).to.deep.equal([]);
    await payWith(frame, CARDS.declined);
    await waitFor(frame, '#form-error:not(:empty)');
    expect(await inPage(frame, { axe: true })).to.deep.equal([]);
  });
});

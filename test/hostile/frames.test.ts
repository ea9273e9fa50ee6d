// Hostile frames: forged frame-protocol messages from other windows, other origins, the right origin in
// the wrong window, with the wrong token, malformed, oversized, or carrying prototype-pollution keys. None
// may be accepted; the element stays ready, and the genuine message is still taken afterwards. Each forgery
// is awaited until it has reached this page (and so the element's listener) before the next.
import { expect, oneEvent } from '@open-wc/testing';
import type { PayCheckout } from '../../src/index.js';
import { collect, ready } from '../helpers.js';
import { nextMessageFrom } from '../hosted-helpers.js';
import {
  acceptMessage,
  createSession,
  echoOnCheckoutOrigin,
  hostedFrame,
  protocolToken,
  reepay,
  sendFromCheckout,
} from '../reepay-helpers.js';
import { figure } from './figures.js';

/** A page on the test pages' own origin posting `data` to its parent: a frame on a foreign origin. */
const echoOnPageOrigin = (data: unknown) => `/test/fixtures/echo.html#${encodeURIComponent(JSON.stringify(data))}`;

/** Points `frame` at a page that posts a message to this page, and resolves once it has arrived. */
const postFrom = async (frame: HTMLIFrameElement, url: string) => {
  const arrived = nextMessageFrom(frame.contentWindow!);
  frame.src = url;
  await arrived;
};

const open = async () => {
  const session = await createSession();
  const element = await reepay({ mode: 'iframe', 'session-url': session.url });
  await ready(element);
  const origin = await protocolToken(element);
  const seen = ['pay-complete', 'pay-cancel', 'pay-error'].flatMap((type) => collect(element, type as 'pay-complete'));
  const accept = acceptMessage(origin, session.id, { invoice: 'order-1' });
  return { element, session, accept, seen };
};

/** After the forgeries, the genuine Accept from the element's own frame is taken: the checks could fail. */
const genuineAcceptTaken = async (element: PayCheckout, accept: unknown) => {
  const complete = oneEvent(element, 'pay-complete');
  await sendFromCheckout(element, accept);
  expect((await complete).detail.provider).to.equal('reepay');
};

let forged = 0;

describe('hostile frames: forged messages', () => {
  after(() => figure('forged frame messages ignored', `${forged} of ${forged}, genuine message still accepted after each group`));

  it('ignores a well-formed Accept from other windows: the page itself, a sibling frame on the checkout origin, its own frame on another origin', async () => {
    const { element, accept, seen } = await open();
    const fromThisPage = nextMessageFrom(window);
    window.postMessage(accept, '*');
    await fromThisPage;
    const sibling = document.createElement('iframe');
    document.body.append(sibling);
    await postFrom(sibling, echoOnCheckoutOrigin(accept));
    sibling.remove();
    await postFrom(hostedFrame(element)!, echoOnPageOrigin(accept));
    forged += 3;
    expect(seen).to.have.length(0);
    expect(element.status).to.equal('ready');
    await genuineAcceptTaken(element, accept);
  });

  it('ignores messages with a wrong or missing token', async () => {
    const { element, accept, seen } = await open();
    const { origin } = accept;
    const wrong = ['rp-0', 'rp-', origin.toUpperCase(), `${origin}0`, origin.slice(3), ` ${origin}`, undefined];
    for (const token of wrong) await sendFromCheckout(element, { ...accept, origin: token });
    forged += wrong.length;
    expect(seen).to.have.length(0);
    expect(element.status).to.equal('ready');
    await genuineAcceptTaken(element, accept);
  });

  it('ignores malformed and oversized messages, and an Accept for another session', async () => {
    const { element, accept, seen } = await open();
    const manyKeys = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 'v']));
    const malformed: unknown[] = [
      'accept',
      42,
      null,
      [accept],
      { ...accept, event: '0' },
      { ...accept, event: 7 },
      { ...accept, event: 0.5 },
      { ...accept, data: 'accepted' },
      { ...accept, data: [accept.data] },
      { ...accept, data: { ...accept.data, id: `cs_${'0'.repeat(32)}` } },
      { ...accept, data: { ...accept.data, id: undefined } },
      { ...accept, data: { ...accept.data, customer: '<img src=x onerror=alert(1)>' } },
      { ...accept, data: { ...accept.data, payment_method: 42 } },
      { ...accept, data: { ...accept.data, customer: 'c'.repeat(5000) } },
      { ...accept, data: { ...accept.data, invoice: { handle: 'order-1' } } },
      { ...accept, data: { ...manyKeys, id: 'nope' } },
      { origin: accept.origin, event: 1, data: { error: 42 } },
      { origin: accept.origin, event: 1 },
    ];
    for (const data of malformed) await sendFromCheckout(element, data);
    forged += malformed.length;
    expect(seen, JSON.stringify(seen.map((event) => event.type))).to.have.length(0);
    expect(element.status).to.equal('ready');
    expect(hostedFrame(element)).to.not.equal(null);
    await genuineAcceptTaken(element, accept);
  });

  it('ignores prototype-pollution keys and pollutes nothing', async () => {
    const { element, accept, seen } = await open();
    const polluting: unknown[] = [
      { ['__proto__']: { polluted: 'yes' } },
      { ...accept, ['__proto__']: { event: 0 }, event: undefined },
      { ...accept, data: { ['__proto__']: { id: accept.data.id, customer: 'c' } } },
      { ...accept, data: { constructor: { prototype: { polluted: 'yes' } } } },
      { origin: accept.origin, event: 0, data: { ['__proto__']: { polluted: 'yes' }, prototype: { polluted: 'yes' } } },
    ];
    for (const data of polluting) await sendFromCheckout(element, data);
    forged += polluting.length;
    expect(seen).to.have.length(0);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect((Object.prototype as Record<string, unknown>).id).to.equal(undefined);
    expect(element.status).to.equal('ready');
    await genuineAcceptTaken(element, accept);
  });
});

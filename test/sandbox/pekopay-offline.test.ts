// The PekoPay sandbox's offline mode: the SDK and its card frame served as plain static files (here by the
// test pages' own server, from test/fixtures/static-host/, a link to sandbox/ with no sandbox API behind it),
// paying with fake-shaped tokens; the server-backed mode still refuses those tokens. Same origin as the test
// page, the card frame is filled in through its document.
import { expect, oneEvent } from '@open-wc/testing';
import { PayCheckout } from '../../src/index.js';
import { CARDS, SDK_URL, button, cardFrame, configurePekopay, nextError, ready } from '../helpers.js';
import { fill, pageOf, testCard } from './same-origin-page.js';

/** Fills in the card `number` in the element's (same-origin) card frame. */
const typeCard = (element: PayCheckout, number: string) => fill(pageOf(cardFrame(element)), testCard(number));

/** The sandbox's browser files as a static host serves them: same origin as the page, no API behind them. */
const STATIC_SDK_URL = `${location.origin}/test/fixtures/static-host/sandbox/pekopay/web/dist/index.js`;
PayCheckout.allowOrigins([location.origin]);

const offlineToken = (prefix = 'offline_') =>
  prefix + Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A connected offline PekoPay element; `provider` supplies its tokens (session-token `initial` first, if given). */
const offlineCheckout = (
  provider: (() => string | Promise<string>) | undefined,
  { initial, switches = '' }: { initial?: string; switches?: string } = {},
): PayCheckout => {
  const element = configurePekopay(document.createElement('pay-checkout'), {
    'token-url': null,
    'sdk-url': `${STATIC_SDK_URL}?offline${switches}`,
  });
  if (provider) element.sessionTokenProvider = provider;
  if (initial) element.sessionToken = initial;
  document.body.append(element);
  return element;
};

describe('sandbox: PekoPay offline mode', () => {
  let element: PayCheckout | undefined;
  afterEach(() => element?.remove());

  it('takes a payment from static files with a fake-shaped token and no sandbox server', async () => {
    const token = offlineToken();
    element = offlineCheckout(() => token);
    await ready(element);
    typeCard(element, CARDS.visa);
    const paid = oneEvent(element, 'pay-token');
    button(element).click();
    const { detail } = await paid;
    expect(detail.paymentToken).to.equal(token);
    expect(detail.card).to.deep.equal({ last4: '4242', cardType: 'VISA' });
    await expect(element).to.be.accessible();
  });

  it('declines the declined test card, as the server does', async () => {
    element = offlineCheckout(() => offlineToken());
    await ready(element);
    typeCard(element, CARDS.declined);
    const error = nextError(element);
    button(element).click();
    expect((await error).detail.code).to.equal('declined');
    expect(element.status).to.equal('ready');
  });

  it('refuses a token that is not of the offline shape', async () => {
    element = offlineCheckout(undefined, { initial: 'sess_0123456789abcdef0123456789abcdef' });
    const { detail } = await nextError(element);
    expect(detail.code).to.equal('sdk-load');
    expect(detail.reason).to.contain('invalid_session_token');
  });

  it('expires an offline_ttl token after its seconds and refreshes it at submit through sessionTokenProvider', async () => {
    const fresh = offlineToken();
    element = offlineCheckout(() => fresh, { initial: offlineToken('offline_ttl1_') });
    await ready(element);
    typeCard(element, CARDS.mastercard);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const paid = oneEvent(element, 'pay-token');
    button(element).click();
    expect((await paid).detail.paymentToken).to.equal(fresh);
  });

  it('plays tokenize_fault in the frame: a 500 from the checkout API is a tokenize error', async () => {
    element = offlineCheckout(() => offlineToken(), { switches: '&tokenize_fault=500' });
    await ready(element);
    typeCard(element, CARDS.visa);
    const error = nextError(element);
    button(element).click();
    expect((await error).detail).to.include({ code: 'tokenize', recoverable: true });
  });

  it('plays frame_delay in the frame: the fields get ready only after the delay', async () => {
    const started = performance.now();
    element = offlineCheckout(() => offlineToken(), { switches: '&frame_delay=1500' });
    await oneEvent(element, 'pay-ready');
    expect(performance.now() - started).to.be.at.least(1500);
  });

  it('leaves the server-backed mode strict: the sandbox server refuses an offline token', async () => {
    element = configurePekopay(document.createElement('pay-checkout'), { 'token-url': null, 'sdk-url': SDK_URL });
    element.sessionToken = offlineToken();
    document.body.append(element);
    const { detail } = await nextError(element);
    expect(detail.code).to.equal('sdk-load');
    expect(detail.reason).to.contain('invalid_session_token');
  });
});

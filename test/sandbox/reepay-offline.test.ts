// The Reepay sandbox checkout page's offline mode: the page served as plain static files (here by the test
// pages' own server, from test/fixtures/static-host/, a link to sandbox/ with no sandbox API behind it),
// answering its own session API for fake-shaped session ids; the server-backed page still refuses those ids.
// Same origin as the test page, the page is filled in through the frame's document.
import { expect, oneEvent } from '@open-wc/testing';
import { PayCheckout, type ReepayCompleteDetail } from '../../src/index.js';
import { button, message, nextError, ready } from '../helpers.js';
import { withTimeouts } from '../hosted-helpers.js';
import { CHECKOUT, dialog, hostedFrame, reepay } from '../reepay-helpers.js';
import { click, fill, pageOf, testCard, untilShown, untilText } from './same-origin-page.js';

/** Fills in the card (default Visa 4242…) in the element's checkout page and presses its Pay button. */
const payInCheckout = (element: PayCheckout, number?: string) => {
  fill(pageOf(hostedFrame(element)!), testCard(number));
  click(pageOf(hostedFrame(element)!), '#pay');
};

/** The checkout page as a static host serves it: same origin as the page, no API behind it. */
const STATIC_CHECKOUT = `${location.origin}/test/fixtures/static-host/sandbox/reepay/checkout/index.html`;
PayCheckout.allowOrigins([location.origin]);

const offlineSessionId = () =>
  `cs_00000000${Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;

/** An offline session URL; `switches` add to the page's query (`&offline_error=expired`). */
const offlineUrl = (switches = '', id = offlineSessionId()) => `${STATIC_CHECKOUT}?offline${switches}#/${id}`;

describe('sandbox: Reepay checkout page offline mode', () => {
  it('takes a payment in the inline frame from static files, with no sandbox server', async () => {
    const id = offlineSessionId();
    const element = await reepay({ mode: 'iframe', 'session-url': offlineUrl('&offline_amount=12500', id) });
    await ready(element);
    await untilText(hostedFrame(element)!, '#pay', '125.00');
    const complete = oneEvent(element, 'pay-complete');
    payInCheckout(element);
    const detail = (await complete).detail as ReepayCompleteDetail;
    expect(detail).to.include({
      sessionId: id,
      redirected: false,
      invoice: `offline-order-${id.slice(-8)}`,
      customer: `offline-customer-${id.slice(-8)}`,
    });
    await expect(element).to.be.accessible();
  });

  it('declines the declined test card in the page, as the server does, and takes another card after it', async () => {
    const element = await reepay({ mode: 'iframe', 'session-url': offlineUrl() });
    await ready(element);
    await untilShown(hostedFrame(element)!, '#card-form:not([hidden])');
    payInCheckout(element, '4000 0000 0000 0002');
    await untilText(hostedFrame(element)!, '#form-error', 'Your card was declined. Try another card.');
    const complete = oneEvent(element, 'pay-complete');
    payInCheckout(element);
    await complete;
  });

  it('reports offline_error=expired to the element as a session error', async () => {
    const element = await reepay({ mode: 'iframe', 'session-url': offlineUrl('&offline_error=expired') });
    const { detail } = await nextError(element);
    expect(detail).to.include({ code: 'session', reason: 'error.session.expired' });
    expect(message(element)).to.equal('The payment session could not be completed.');
  });

  it('refuses a session id that is not of the offline shape', async () => {
    const element = await reepay({ mode: 'iframe', 'session-url': offlineUrl('', `cs_${'ab'.repeat(16)}`) });
    expect((await nextError(element)).detail.reason).to.equal('error.session.not_found');
  });

  it('plays sandbox_fault on the page itself: a modal that never opens is frame-load', async () => {
    const element = await reepay({ 'session-url': offlineUrl('&sandbox_fault=hang') });
    await ready(element);
    // The element reads the limit when the frame's timer starts, after Pay: lowered until the error has come.
    await withTimeouts({ mount: 1500 }, async () => {
      const error = nextError(element);
      button(element).click();
      expect((await error).detail.code).to.equal('frame-load');
    });
    expect(dialog(element)?.open ?? false).to.equal(false);
  });

  it('leaves the server-backed page strict: the sandbox server refuses an offline session id', async () => {
    const element = await reepay({ mode: 'iframe', 'session-url': `${CHECKOUT}#/${offlineSessionId()}` });
    expect((await nextError(element)).detail.reason).to.equal('error.session.not_found');
  });
});

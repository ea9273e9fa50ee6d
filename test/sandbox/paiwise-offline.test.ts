// The Paiwise sandbox checkout page's offline mode: the page served as plain static files (here by the test
// pages' own server, from test/fixtures/static-host/, a link to sandbox/ with no sandbox API behind it),
// answering its own checkout calls for fake-shaped checkout ids and returning to the offline return page; the
// server-backed page still refuses those ids. Same origin as the test page, the page is filled in through the
// frame's document.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { PayCheckout, type PaiwiseCompleteDetail, type PayCancelDetail } from '../../src/index.js';
import { ready } from '../helpers.js';
import { hostedFrame } from '../hosted-helpers.js';
import { createSession } from '../paiwise-helpers.js';
import { click, fill, framePage, onThisOrigin, pageOf, testCard as card, untilShown, untilText } from './same-origin-page.js';

/** The checkout page as a static host serves it: same origin as the page, no API behind it. */
const STATIC_PAGES = `${location.origin}/test/fixtures/static-host/sandbox/paiwise/pay/`;
/** The offline page's default return URLs. */
const RETURN_URLS = {
  returnUrl: `${STATIC_PAGES}offline-return.html?paiwise=return`,
  returnUrlCancel: `${STATIC_PAGES}offline-return.html?paiwise=cancel`,
};
PayCheckout.allowOrigins([location.origin]);

const offlineCheckoutId = () =>
  `00000000${Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;

/** An inline Paiwise element on the checkout page `url`, returning to the offline return page. */
const paiwise = (url: string): Promise<PayCheckout> => {
  const element = document.createElement('pay-checkout');
  const attributes = { provider: 'paiwise', environment: 'sandbox', mode: 'iframe', amount: '9900', currency: 'SEK', 'session-url': url };
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.payload = { ...RETURN_URLS };
  return fixture<PayCheckout>(html`${element}`);
};

/** An offline checkout's page URL; `switches` add to its query (`&offline_amount=12500`). */
const offlineUrl = (switches = '', id = offlineCheckoutId()) => `${STATIC_PAGES}checkout.html?offline&checkout_id=${id}${switches}`;

/** The document of the checkout page in the element's frame (on this origin). */
const checkoutPage = (element: PayCheckout): Document => pageOf(hostedFrame(element)!);

/** Fills in the card (default Visa 4242…) in the element's checkout page and presses its Pay button. */
const payInCheckout = (element: PayCheckout, number?: string) => {
  fill(checkoutPage(element), card(number));
  click(checkoutPage(element), '#pay-button');
};

/** Waits until the framed page says `selector` has `text`. */
const untilPageText = (element: PayCheckout, selector: string, text: string) =>
  waitUntil(
    () => hostedFrame(element)?.contentDocument?.querySelector(selector)?.textContent?.includes(text),
    `no "${text}" in ${selector}`,
    {
      timeout: 5000,
    },
  );

describe('sandbox: Paiwise checkout page offline mode', () => {
  it('takes a payment in the inline frame from static files and returns to the return URL, with no sandbox server', async () => {
    const id = offlineCheckoutId();
    const element = await paiwise(offlineUrl('&offline_amount=12500', id));
    await ready(element);
    await untilPageText(element, '#pay-button', '125.00');
    const complete = oneEvent(element, 'pay-complete');
    payInCheckout(element);
    const detail = (await complete).detail as PaiwiseCompleteDetail;
    expect(detail).to.include({ provider: 'paiwise', checkoutId: id, status: 'paid', redirected: false });
    await expect(element).to.be.accessible();
  });

  it('declines the declined test card in the page, as the server does, and takes another card after it', async () => {
    const element = await paiwise(offlineUrl('&offline_capture=false'));
    await ready(element);
    await untilPageText(element, '#pay-button', '99.00');
    payInCheckout(element, '4000 0000 0000 0002');
    await untilPageText(element, '#form-error', 'Your card was declined. Try another card.');
    const complete = oneEvent(element, 'pay-complete');
    payInCheckout(element);
    expect(((await complete).detail as PaiwiseCompleteDetail).status).to.equal('reserved');
  });

  it('sends the payer to the cancel URL through the cancel link: pay-cancel', async () => {
    const element = await paiwise(offlineUrl());
    await ready(element);
    await untilPageText(element, '#pay-button', '99.00');
    const cancel = oneEvent(element, 'pay-cancel');
    click(checkoutPage(element), '#cancel-link');
    expect(((await cancel).detail as PayCancelDetail).reason).to.equal('cancel');
  });

  it('refuses a checkout id that is not of the offline shape', async () => {
    const element = await paiwise(offlineUrl('', 'ab'.repeat(16)));
    await untilPageText(element, '#status', 'This checkout does not exist.');
    expect(hostedFrame(element)!.contentDocument!.getElementById('pay-form')!.hidden).to.equal(true);
  });

  it('leaves the server-backed page strict: the sandbox server refuses an offline checkout id, and shows a real one', async () => {
    // The page without `offline`, on this origin, where the test server serves the sandbox's API too.
    const refused = await framePage(onThisOrigin(`/sandbox/paiwise/pay/checkout.html?checkout_id=${offlineCheckoutId()}`));
    await untilText(refused, '#status', 'This checkout does not exist.');
    expect(pageOf(refused).getElementById('pay-form')!.hidden).to.equal(true);
    const real = await framePage(onThisOrigin((await createSession()).url));
    await untilShown(real, 'form:not([hidden])');
  });
});

// The Paiwise sandbox's hosted checkout page, on its own (no <pay-checkout>): created through the demo backend,
// framed from this page's own origin (the test server serves the sandbox here too, so the test can fill the
// form through the frame's document), and followed back to the shop's return pages; the backend's verify
// (Paiwise retrieve) confirms each outcome. Its cross-origin use by the element is the end-to-end tier's.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
// @ts-expect-error plain JS module shared with the Node config
import { SANDBOX_ORIGIN } from '../ports.js';
import { RETURN_PAGE, createSession, post, verify } from '../paiwise-helpers.js';
import { axeViolations, click, fill, framePage, nextLocation, onThisOrigin, pageOf, testCard, untilShown } from './same-origin-page.js';

const CARDS = { visa: '4242 4242 4242 4242', declined: '4000 0000 0000 0002' };

/** Frames the hosted page of a checkout (from this origin), resolving once its form is shown. */
const openHostedPage = async (url: string): Promise<HTMLIFrameElement> => {
  const frame = await framePage(onThisOrigin(url), 'paiwise-hosted');
  await untilShown(frame, 'form:not([hidden])');
  return frame;
};

/** Fills in `number` and presses Pay. */
const payWith = (frame: HTMLIFrameElement, number: string) => {
  fill(pageOf(frame), testCard(number));
  click(pageOf(frame), '#pay-button');
};

/** Pays with a card that goes through; resolves with where the hosted page then took the payer. */
const payAndReturn = async (frame: HTMLIFrameElement, number = CARDS.visa): Promise<URL> => {
  const back = nextLocation(frame);
  payWith(frame, number);
  return back;
};

/** Asserts the payer landed on the shop's return page for `outcome`, with the checkout id and `status`, which the backend confirms. */
const expectLanded = async (landed: URL, { outcome, id, status }: { outcome: string; id: string; status: string }) => {
  expect(landed.pathname).to.equal(RETURN_PAGE);
  expect(landed.searchParams.get('outcome')).to.equal(outcome);
  expect(landed.searchParams.get('checkout_id')).to.equal(id);
  expect(landed.searchParams.get('status')).to.equal(status);
  expect(await verify(id)).to.equal(status);
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
    await expectLanded(await payAndReturn(frame), { outcome: 'return', id, status: 'paid' });
  });

  it('reserves when the checkout was created with capture false, and the backend then captures and refunds it', async () => {
    const { id, url } = await createSession({ product: 'bike-rental' });
    const frame = await openHostedPage(url);
    const landed = await payAndReturn(frame);
    expect(landed.searchParams.get('checkout_id')).to.equal(id);
    expect(landed.searchParams.get('status')).to.equal('reserved');
    expect(await verify(id)).to.equal('reserved');
    expect(await post('/api/paiwise/capture', { id })).to.include({ status: 'paid', amount: 50000, currency: 'SEK' });
    expect(await post('/api/paiwise/refund', { id })).to.include({ status: 'refunded', amountRefunded: 50000 });
  });

  it('shows a declined card, marks the checkout failed, and lets the payer retry with another card', async () => {
    const { id, url } = await createSession();
    const frame = await openHostedPage(url);
    payWith(frame, CARDS.declined);
    await untilShown(frame, '#form-error:not(:empty)');
    expect(pageOf(frame).querySelector('#form-error')!.textContent).to.match(/declined/i);
    expect(await verify(id)).to.equal('failed');
    expect(pageOf(frame).querySelectorAll('form:not([hidden])')).to.have.length(1);

    const landed = await payAndReturn(frame);
    expect(landed.searchParams.get('status')).to.equal('paid');
    expect(await verify(id)).to.equal('paid');
  });

  it('returns to returnUrlCancel with the checkout id when the payer follows the cancel link with the keyboard', async () => {
    const { id, url } = await createSession();
    const frame = await openHostedPage(url);
    // As a person with a keyboard: from the name field, past the Pay button, to the cancel link.
    frame.focus();
    pageOf(frame).querySelector<HTMLInputElement>('[autocomplete="cc-name"]')!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(pageOf(frame).activeElement?.id).to.equal('cancel-link');
    const back = nextLocation(frame);
    await sendKeys({ press: 'Enter' });
    await expectLanded(await back, { outcome: 'cancel', id, status: 'canceled' });
  });

  it('drops its background for template "iframe" (the backend asks for it in iframe and modal mode)', async () => {
    const framed = await framePage(onThisOrigin((await createSession({ mode: 'iframe' })).url));
    await untilShown(framed, 'html[data-template="iframe"]');
    const plain = await framePage(onThisOrigin((await createSession({ mode: 'redirect' })).url));
    await untilShown(plain, 'html[data-template="plain"]');
  });

  it('shows invalid card details inline and pays nothing', async () => {
    const { id, url } = await createSession();
    const frame = await openHostedPage(url);
    fill(pageOf(frame), { ...testCard(), 'cc-number': '4242 4242 4242 4241' });
    click(pageOf(frame), '#pay-button');
    await untilShown(frame, '#card-number[aria-invalid="true"]');
    expect(pageOf(frame).querySelectorAll('#card-number-error:not(:empty)')).to.have.length(1);
    expect(await verify(id)).to.equal('created');
  });

  it('is accessible with its form, and with a declined card’s error', async () => {
    const { url } = await createSession();
    const frame = await openHostedPage(url);
    expect(await axeViolations(frame)).to.deep.equal([]);
    payWith(frame, CARDS.declined);
    await untilShown(frame, '#form-error:not(:empty)');
    expect(await axeViolations(frame)).to.deep.equal([]);
  });
});

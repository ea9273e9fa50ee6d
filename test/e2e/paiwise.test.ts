// End to end, Paiwise: the sandbox's hosted checkout page on another origin, paid in as a person would;
// completion is the frame coming back to the merchant's return URL, verified with the backend's retrieve.
import { expect, oneEvent } from '@open-wc/testing';
import type { PaiwiseCompleteDetail, PayCheckout } from '../../src/index.js';
import {
  PAIWISE_RETURN,
  PAIWISE_SESSION_ENDPOINT,
  SANDBOX,
  createPaiwiseSession,
  element,
  hostedFrame,
  inFrame,
  merchantPage,
  opened,
  payInFrame,
  ready,
  until,
} from './support.js';

const paiwise = async (attributes: Record<string, string | null>): Promise<PayCheckout> => {
  const checkout = await element({ provider: 'paiwise', environment: 'sandbox', amount: '89900', currency: 'SEK', ...attributes });
  checkout.payload = { ...PAIWISE_RETURN };
  return checkout;
};

/** What Paiwise says about the checkout (the backend's retrieve): the proof the event only hints at. */
const verify = async (id: string): Promise<string> => {
  const response = await fetch('/api/paiwise/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id }),
  });
  return ((await response.json()) as { status: string }).status;
};

describe('e2e paiwise: the hosted checkout on another origin', () => {
  it('pays in the inline checkout (mode="iframe") and emits pay-complete when the frame returns', async () => {
    const session = await createPaiwiseSession();
    const checkout = await paiwise({ mode: 'iframe', 'session-url': session.url });
    await ready(checkout);
    const complete = oneEvent(checkout, 'pay-complete');
    await payInFrame(hostedFrame(checkout)!, '#pay-button');
    expect((await complete).detail).to.deep.equal({
      provider: 'paiwise',
      sessionId: session.id,
      checkoutId: session.id,
      redirected: false,
      status: 'paid',
    });
    expect(await verify(session.id)).to.equal('paid');
  });

  it('pays in the modal (mode="modal") opened by Pay with a checkout from session-endpoint', async () => {
    const checkout = await paiwise({ mode: 'modal', 'session-endpoint': PAIWISE_SESSION_ENDPOINT });
    const frame = await opened(checkout);
    const complete = oneEvent(checkout, 'pay-complete');
    await payInFrame(frame, '#pay-button');
    const detail = (await complete).detail as PaiwiseCompleteDetail;
    expect(detail).to.include({ provider: 'paiwise', status: 'paid', redirected: false });
    expect(await verify(detail.checkoutId)).to.equal('paid');
  });

  it("emits pay-cancel when the payer follows the checkout's cancel link", async () => {
    const checkout = await paiwise({ mode: 'iframe', 'session-endpoint': PAIWISE_SESSION_ENDPOINT });
    const frame = await opened(checkout);
    const cancel = oneEvent(checkout, 'pay-cancel');
    await inFrame(frame, { click: '#cancel-link' });
    expect((await cancel).detail).to.include({ provider: 'paiwise', redirected: false, reason: 'cancel' });
    await until(() => checkout.status === 'ready' && !hostedFrame(checkout), 'not ready again');
  });

  it('leaves for the checkout in redirect mode and re-emits pay-complete on the return page', async () => {
    const merchant = merchantPage('/test/fixtures/paiwise-merchant.html');
    try {
      await merchant.load();
      const redirect = await merchant.leave();
      expect(String(redirect.url).startsWith(`${SANDBOX}/sandbox/paiwise/pay/`)).to.equal(true);
      await payInFrame(merchant.frame, '#pay-button');
      const detail = (await merchant.next('pay-complete')) as unknown as PaiwiseCompleteDetail;
      expect(detail).to.include({ provider: 'paiwise', checkoutId: redirect.sessionId, redirected: true });
      expect(await verify(detail.checkoutId)).to.equal('paid');
    } finally {
      merchant.remove();
    }
  });

  // Paiwise's document does not say it adds checkout_id and status to the return URLs; the sandbox's
  // return_params=none switch leaves them off, and the element must still tell what happened.
  it('reports the checkout it opened when the frame comes back to the return URL with nothing added', async () => {
    const checkout = await paiwise({ mode: 'iframe', 'session-endpoint': `${PAIWISE_SESSION_ENDPOINT}?return_params=none` });
    const frame = await opened(checkout);
    const id = new URL(frame.src).searchParams.get('checkout_id')!;
    expect(new URL(frame.src).searchParams.get('return_params'), 'the switch is on').to.equal('none');
    const complete = oneEvent(checkout, 'pay-complete');
    await payInFrame(frame, '#pay-button');
    expect((await complete).detail).to.deep.equal({ provider: 'paiwise', sessionId: id, checkoutId: id, redirected: false });
    expect(await verify(id)).to.equal('paid');
  });

  it('reports a cancel when the cancel link comes back to the cancel URL with nothing added', async () => {
    const checkout = await paiwise({ mode: 'iframe', 'session-endpoint': `${PAIWISE_SESSION_ENDPOINT}?return_params=none` });
    const frame = await opened(checkout);
    const id = new URL(frame.src).searchParams.get('checkout_id')!;
    const cancel = oneEvent(checkout, 'pay-cancel');
    await inFrame(frame, { click: '#cancel-link' });
    expect((await cancel).detail).to.deep.equal({ provider: 'paiwise', sessionId: id, redirected: false, reason: 'cancel' });
    expect(await verify(id)).to.equal('canceled');
    await until(() => checkout.status === 'ready' && !hostedFrame(checkout), 'not ready again');
  });
});

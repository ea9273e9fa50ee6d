// End to end, Reepay: the sandbox's hosted checkout on another origin, paid in as a person would, inline,
// in the modal and through the redirect round trip.
import { expect, oneEvent } from '@open-wc/testing';
import type { ReepayCompleteDetail } from '../../src/index.js';
import {
  REEPAY_SESSION_ENDPOINT,
  SANDBOX,
  createSession,
  element,
  hostedFrame,
  inFrame,
  merchantPage,
  opened,
  ready,
  testCard,
  until,
} from './support.js';

const reepay = (attributes: Record<string, string | null>) =>
  element({ provider: 'reepay', environment: 'sandbox', amount: '91900', currency: 'DKK', ...attributes });

describe('e2e reepay: the hosted checkout on another origin', () => {
  it('pays in the inline checkout (mode="iframe") and emits pay-complete once', async () => {
    const session = await createSession(REEPAY_SESSION_ENDPOINT);
    const checkout = await reepay({ mode: 'iframe', 'session-url': session.url });
    await ready(checkout);
    const complete = oneEvent(checkout, 'pay-complete');
    await inFrame(hostedFrame(checkout)!, { type: testCard(), click: '#pay' });
    const detail = (await complete).detail as ReepayCompleteDetail;
    expect(detail).to.include({ provider: 'reepay', sessionId: session.id, customer: 'demo-customer', redirected: false });
    expect(checkout.status).to.equal('complete');
    expect(hostedFrame(checkout)).to.equal(null);
  });

  it('pays in the modal (mode="modal") opened by Pay with a session from session-endpoint', async () => {
    const checkout = await reepay({ mode: 'modal', 'session-endpoint': REEPAY_SESSION_ENDPOINT });
    const frame = await opened(checkout);
    expect(checkout.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    const complete = oneEvent(checkout, 'pay-complete');
    await inFrame(frame, { type: testCard('5555 5555 5555 4444'), click: '#pay' });
    expect((await complete).detail).to.include({ provider: 'reepay', customer: 'demo-customer' });
    expect(checkout.shadowRoot!.querySelector('dialog')).to.equal(null);
  });

  it('emits pay-cancel when the payer presses Escape in the modal checkout, and can pay again', async () => {
    const checkout = await reepay({ mode: 'modal', 'session-endpoint': REEPAY_SESSION_ENDPOINT });
    const frame = await opened(checkout);
    const cancel = oneEvent(checkout, 'pay-cancel');
    await inFrame(frame, { click: '[autocomplete="cc-number"]', press: 'Escape' });
    expect((await cancel).detail).to.include({ provider: 'reepay', redirected: false });
    await until(() => checkout.status === 'ready' && !hostedFrame(checkout), 'not ready again');
  });

  it('leaves for the checkout in redirect mode and re-emits pay-complete on the accept page', async () => {
    const merchant = merchantPage('/test/fixtures/reepay-redirect.html');
    try {
      await merchant.load();
      const redirect = await merchant.leave();
      expect(String(redirect.url).startsWith(`${SANDBOX}/sandbox/reepay/checkout/#/cs_`)).to.equal(true);
      await inFrame(merchant.frame, { type: testCard(), click: '#pay' });
      const detail = await merchant.next('pay-complete');
      expect(detail).to.include({ provider: 'reepay', sessionId: redirect.sessionId, customer: 'demo-customer', redirected: true });
    } finally {
      merchant.remove();
    }
  });
});

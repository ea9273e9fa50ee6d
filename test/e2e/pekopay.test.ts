// End to end, PekoPay: the sandbox's @pekopay/web stand-in loaded from another origin, its card fields in a
// cross-origin frame typed into as a person would, real tokens from the demo merchant backend.
import { expect, oneEvent } from '@open-wc/testing';
import { PayTokenEvent } from '../../src/index.js';
import { PEKOPAY_SANDBOX, element, payButton, ready, typeCard } from './support.js';

const pekopay = (attributes: Record<string, string | null> = {}) => element({ ...PEKOPAY_SANDBOX, ...attributes });

describe('e2e pekopay: the hosted card fields on another origin', () => {
  it('pays with a typed test card and hands over a real, single-use token', async () => {
    const checkout = await pekopay();
    await ready(checkout);
    await expect(checkout).to.be.accessible();
    await typeCard(checkout);
    const token = oneEvent(checkout, 'pay-token');
    payButton(checkout).click();
    const event = await token;
    expect(event).to.be.instanceOf(PayTokenEvent);
    expect(event.detail.paymentToken).to.match(/^sess_[0-9a-f]{32}$/);
    expect(event.detail.card).to.deep.equal({ last4: '4242', cardType: 'VISA' });
    expect(checkout.status).to.equal('complete');
  });

  it('pays when the payer presses Enter in the card fields', async () => {
    const checkout = await pekopay();
    await ready(checkout);
    const token = oneEvent(checkout, 'pay-token');
    await typeCard(checkout, '5555 5555 5555 4444', 'Enter');
    expect((await token).detail.card).to.deep.equal({ last4: '4444', cardType: 'MASTERCARD' });
  });

  it('reports a declined card as pay-error declined, then pays with another card', async () => {
    const checkout = await pekopay();
    await ready(checkout);
    await typeCard(checkout, '4000 0000 0000 0002');
    const error = oneEvent(checkout, 'pay-error');
    payButton(checkout).click();
    expect((await error).detail).to.include({ code: 'declined', recoverable: true, provider: 'pekopay' });
    expect(checkout.status).to.equal('ready');
  });
});

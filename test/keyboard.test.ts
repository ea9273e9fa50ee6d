// Keyboard-only use, as a person without a mouse: Tab moves from the page into the card fields (the
// PekoPay double's frame, in the element's light-DOM slot) and on to Pay, Enter pays, arrow keys choose a
// saved card; errors and completion are announced and focus stays where the person is. Real keys, through
// the test runner. (Elements are compared as booleans: a failing chai comparison of DOM nodes serialises
// them and can take the test browser down.)
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PayCheckout } from '../src/index.js';
import {
  PekoCheckoutFormDouble,
  SAVED_CARDS,
  button,
  cardFrame,
  cardRadios,
  configurePekopay,
  fieldsSettled,
  message,
  ready,
  retryButton,
} from './helpers.js';
import { EVENT, SESSION_ENDPOINT, eventFromCheckout, hostedFrame, reepay } from './reepay-helpers.js';

const statusText = (element: PayCheckout) => element.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
const focusedInside = (element: PayCheckout) => element.shadowRoot!.activeElement;

/** A page with a button before the checkout, the keyboard user's starting point. */
const page = async (attributes: Record<string, string | null> = {}) => {
  const wrapper = await fixture<HTMLDivElement>(html`<div><button id="before">Before</button></div>`);
  const element = configurePekopay(document.createElement('pay-checkout'), attributes) as PayCheckout;
  wrapper.append(element);
  await ready(element);
  wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
  return element;
};

/** Tabs into the card fields and fills them: number, expiry, CVC, name, one Tab each. */
const typeCardByKeyboard = async (element: PayCheckout, number: string) => {
  const frame = cardFrame(element);
  for (const [autocomplete, text] of [
    ['cc-number', number],
    ['cc-exp', '12/34'],
    ['cc-csc', '123'],
    ['cc-name', 'Sarah Ng'],
  ] as const) {
    await sendKeys({ press: 'Tab' });
    const focused = frame.contentDocument!.activeElement as HTMLInputElement | null;
    // The attribute, not the `autocomplete` property: some engines give "" for tokens they do not fill (cc-csc).
    const reached = document.activeElement === frame && focused?.getAttribute('autocomplete') == autocomplete;
    expect(reached, `Tab reached ${autocomplete}, not ${focused?.getAttribute('autocomplete') ?? focused?.tagName}`).to.equal(true);
    // One key at a time: WebKit's driver presses a `type` text's keys as a chord, so a repeated digit is lost.
    for (const key of text) await sendKeys({ type: key });
    expect(focused!.value.replace(/\W/g, ''), `${autocomplete} holds what was typed`).to.equal(text.replace(/\W/g, ''));
  }
  await fieldsSettled(element);
};

describe('keyboard only', () => {
  it('pays with Tab, typing and Enter: the card frame is in the tab order before Pay', async () => {
    const element = await page();
    await typeCardByKeyboard(element, '4242 4242 4242 4242');
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement === element, `focus on ${document.activeElement?.tagName}`).to.equal(true);
    expect(focusedInside(element) === button(element), `focus inside on ${focusedInside(element)?.tagName}`).to.equal(true);
    const token = oneEvent(element, 'pay-token');
    await sendKeys({ press: 'Enter' });
    expect((await token).detail.card).to.deep.equal({ last4: '4242', cardType: 'VISA' });
    await element.updateComplete;
    expect(statusText(element)).to.equal('Payment details received.');
    // Paid: Pay takes no more presses, and focus stays on it rather than falling to the page.
    expect(focusedInside(element) === button(element), `focus inside on ${focusedInside(element)?.tagName}`).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('does not Tab into the card fields while they load under the placeholder, and does once they are ready', async () => {
    // The frame loads but never says it is ready: the element takes it as ready after its grace period (3 s).
    // A button after it too: Tab past the element must land in the page (Firefox would take it to its own UI).
    const wrapper = await fixture<HTMLDivElement>(html`<div><button id="before">Before</button><button id="after">After</button></div>`);
    const element = configurePekopay(
      document.createElement('pay-checkout'),
      {},
      new PekoCheckoutFormDouble({ readyTimeoutMs: 60_000 }).hangLoad(),
    );
    wrapper.querySelector('#before')!.after(element);
    await waitUntil(() => element.querySelector('iframe'), 'the card frame is not mounted', { timeout: 5_000 });
    expect(element.status).to.equal('loading');
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.id, 'Tab went past the hidden card fields (and the disabled Pay)').to.equal('after');
    await ready(element);
    await element.updateComplete;
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement === cardFrame(element), `Tab reached ${document.activeElement?.tagName}, not the card fields`).to.equal(
      true,
    );
  });

  it('announces a declined card in the alert region and keeps focus on Pay, ready for another try', async () => {
    const element = await page();
    await typeCardByKeyboard(element, '4000 0000 0000 0002');
    await sendKeys({ press: 'Tab' });
    const error = oneEvent(element, 'pay-error');
    await sendKeys({ press: 'Enter' });
    expect((await error).detail.code).to.equal('declined');
    await element.updateComplete;
    expect(message(element)).to.equal('Your card was declined. Please use another card.');
    expect(element.status).to.equal('ready');
    expect(document.activeElement === element, `focus on ${document.activeElement?.tagName}`).to.equal(true);
    expect(focusedInside(element) === button(element), `focus inside on ${focusedInside(element)?.tagName}`).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('keeps focus on Pay when the action endpoint fails, and hands it back to Pay when Retry is pressed and goes', async () => {
    const element = await page({ cards: JSON.stringify(SAVED_CARDS), action: '/api/actions/charge?fail=500&fail_times=1' });
    await sendKeys({ press: 'Tab' }); // the saved cards
    await sendKeys({ press: 'Tab' }); // Pay
    const error = oneEvent(element, 'pay-error');
    await sendKeys({ press: 'Enter' });
    expect((await error).detail.code).to.equal('action-failed');
    await element.updateComplete;
    expect(focusedInside(element) === button(element), `after the error: ${focusedInside(element)?.tagName}`).to.equal(true);
    // Retry is before Pay (Shift+Tab, which WebKit's driver cannot press: focused from script here).
    retryButton(element)!.focus();
    const complete = oneEvent(element, 'pay-complete');
    await sendKeys({ press: 'Enter' });
    await complete;
    await element.updateComplete;
    expect(document.activeElement === element, `focus on ${document.activeElement?.tagName}`).to.equal(true);
    expect(focusedInside(element) === button(element), `after Retry: ${focusedInside(element)?.tagName}`).to.equal(true);
  });

  it('chooses a saved card with the arrow keys and pays with Enter', async () => {
    const element = await page({ cards: JSON.stringify(SAVED_CARDS) });
    await sendKeys({ press: 'Tab' });
    // One tab stop for the group, on the preselected default card.
    expect(focusedInside(element) === cardRadios(element)[1]!.input, `focus inside on ${focusedInside(element)?.tagName}`).to.equal(true);
    const selected = oneEvent(element, 'pay-card-select');
    await sendKeys({ press: 'ArrowDown' });
    expect((await selected).detail.card).to.deep.equal({ last4: '0005', cardType: 'AMEX' });
    await sendKeys({ press: 'Tab' });
    expect(focusedInside(element) === button(element), `focus inside on ${focusedInside(element)?.tagName}`).to.equal(true);
    const token = oneEvent(element, 'pay-token');
    await sendKeys({ press: 'Enter' });
    expect((await token).detail).to.include({ savedCard: true, paymentToken: '' });
    await expect(element).to.be.accessible();
  });
});

describe('keyboard only: a hosted checkout in the page (mode="iframe")', () => {
  it('takes focus into the checkout when Enter on Pay opens it, and gives it back to Pay when the checkout ends', async () => {
    const element = await reepay({ mode: 'iframe', 'session-endpoint': SESSION_ENDPOINT });
    await ready(element);
    button(element).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hostedFrame(element) && !hostedFrame(element)!.hidden, 'the checkout did not open', { timeout: 10_000 });
    // Pay goes with the page shown (it has its own): focus is in the checkout, not dropped to the page.
    expect(focusedInside(element) === hostedFrame(element), `focus inside on ${focusedInside(element)?.tagName}`).to.equal(true);
    const canceled = oneEvent(element, 'pay-cancel');
    await eventFromCheckout(element, EVENT.cancel);
    await canceled;
    await waitUntil(() => focusedInside(element) === button(element), `focus on ${document.activeElement?.tagName}, not Pay`, {
      timeout: 5_000,
    });
  });
});

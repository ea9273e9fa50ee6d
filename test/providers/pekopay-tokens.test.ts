// The session-token lifecycle through <pay-checkout>, tokens from the demo backend, the SDK the in-page
// double (which says when a token expired): refreshed ahead of expiry and on the SDK's demand, fetched with
// retries, a working Retry when they are exhausted, never reused.
import { expect, waitUntil } from '@open-wc/testing';
import {
  CARDS,
  PekoCheckoutFormDouble,
  SAVED_CARDS,
  button,
  cardFrame,
  collect,
  configurePekopay,
  expectNoError,
  expectRetryOffered,
  fetchToken,
  nextError,
  pay,
  pekopay,
  ready,
  retry,
  sdkOf,
  sleep,
  typeCard,
  withTokenProvider,
} from '../helpers.js';

/** The demo backend's token endpoint failing (through the sandbox's fault switch) while `down()`. */
const flaky =
  (down: () => boolean, query = '') =>
  () =>
    fetchToken(down() ? '?sandbox_fault=500' : query);

describe('pekopay tokens: refreshed before they expire', () => {
  it('fetches a new token at 90 % of token-lifetime, and the fields get it at once when theirs expired', async () => {
    // The element is told tokens live 1.5 s, so it refreshes after 1.35 s.
    const { element, issued, sdk } = await withTokenProvider(() => fetchToken(), { tokenLifetime: 1.5 });
    await ready(element);
    await typeCard(element);
    await waitUntil(() => issued.length >= 2, 'no token was fetched ahead of expiry', { timeout: 5000 });
    // Not before 90 % (1.35 s, less the timer's granularity: timers never fire early), and of the element's own
    // accord: nobody asked for it, the SDK included. (No upper bound in time: a loaded machine delays timers by
    // seconds, and a test must not measure speed; what a late refresh would cost is checked below, where the
    // expired token must not be the one paid with.)
    expect(issued[1]!.at - issued[0]!.at).to.be.at.least(1300);
    expect(sdk.tokenRequests, 'the refresh was the element’s, not asked for by the SDK').to.equal(0);
    // The first token expires: submitting makes the SDK ask for a fresh one.
    sdk.expireToken(issued[0]!.token);
    // Counted, not timed: two events in the same millisecond (WebKit's clock is coarse) have one time.
    const issuedBeforePay = issued.length;
    const { detail } = await pay(element);
    const used = issued.find(({ token }) => token == detail.paymentToken);
    expect(used, 'the emitted token came from the provider').to.exist;
    expect(used!.token).to.not.equal(issued[0]!.token);
    expect(issued.indexOf(used!), 'it was fetched before the payer pressed Pay').to.be.lessThan(issuedBeforePay);
    expect(sdk.tokenRequests, 'the SDK asked once').to.equal(1);
  });

  it('reports config for a token-lifetime that is not a positive number', async () => {
    for (const lifetime of ['0', '-5', 'soon']) {
      const element = configurePekopay(document.createElement('pay-checkout'), { 'token-lifetime': lifetime });
      const error = nextError(element);
      document.body.append(element);
      expect((await error).detail.code, lifetime).to.equal('config');
      element.remove();
    }
  });
});

describe('pekopay tokens: refreshed when the SDK asks', () => {
  it('gives the SDK a fresh token when the given session-token has expired by the time the fields load', async () => {
    const expired = await fetchToken();
    const sdk = new PekoCheckoutFormDouble().expireToken(expired);
    const { element, issued } = await withTokenProvider(() => fetchToken(), { sessionToken: expired, pekoCheckoutForm: sdk });
    await ready(element);
    expect(issued).to.have.length(1);
    expect(sdk.tokensSeen).to.deep.equal([expired, issued[0]!.token]);
    await typeCard(element);
    expect((await pay(element)).detail.paymentToken).to.equal(issued[0]!.token);
  });

  it('reports token-expired when the given session-token has expired by the time the fields load and nothing can refresh it', async () => {
    const expired = await fetchToken();
    const sdk = new PekoCheckoutFormDouble().expireToken(expired);
    const element = await pekopay({ 'token-url': null, 'session-token': expired }, sdk);
    const { detail } = await nextError(element);
    expect(detail.code).to.equal('token-expired');
    expect(element.querySelector('iframe')).to.equal(null);
  });

  it('fetches from token-url when the SDK finds the token expired at submit', async () => {
    const element = await pekopay();
    await ready(element);
    await typeCard(element);
    const sdk = sdkOf(element);
    const [first] = sdk.tokensSeen;
    sdk.expireToken(first);
    const errors = collect(element, 'pay-error');
    const { detail } = await pay(element);
    expect(detail.paymentToken).to.match(/^sess_/);
    expect(detail.paymentToken).to.not.equal(first);
    expect(sdk.tokensSeen).to.deep.equal([first, detail.paymentToken]);
    expect(errors).to.have.length(0);
  });

  it('refreshToken() fetches a token now, which the fields get when theirs expired, without fetching again', async () => {
    const { element, issued, sdk } = await withTokenProvider(() => fetchToken());
    await ready(element);
    await element.refreshToken();
    expect(issued).to.have.length(2);
    await typeCard(element);
    sdk.expireToken(issued[0]!.token);
    expect((await pay(element)).detail.paymentToken).to.equal(issued[1]!.token);
    expect(issued).to.have.length(2);
  });
});

describe('pekopay tokens: retries and Retry', () => {
  it('retries a failed token fetch and becomes ready without an error', async () => {
    const { element, issued } = await withTokenProvider((call) => flaky(() => call == 1)());
    const errors = collect(element, 'pay-error');
    await ready(element);
    expect(issued).to.have.length(2);
    expect(issued[0]!.token).to.equal(undefined);
    expect(errors).to.have.length(0);
  });

  it('reports token-fetch, recoverable, after three failed attempts and shows a Retry button that works', async () => {
    let down = true;
    const { element, issued } = await withTokenProvider(flaky(() => down));
    const { detail } = await nextError(element);
    expect(detail).to.include({ code: 'token-fetch', recoverable: true });
    expect(issued).to.have.length(3);
    expect(element.status).to.equal('error');
    await expectRetryOffered(element, 'The payment session could not be started. Please try again.');
    await expect(element).to.be.accessible();
    down = false;
    await retry(element);
    await ready(element);
    await expectNoError(element);
    await typeCard(element);
    expect((await pay(element)).detail.paymentToken).to.equal(issued.at(-1)!.token);
  });

  it('keeps the card fields when no token can be fetched while paying; Retry fetches one and Pay then pays', async () => {
    let down = false;
    const { element, issued, sdk } = await withTokenProvider(flaky(() => down));
    await ready(element);
    const frame = cardFrame(element);
    await typeCard(element);
    sdk.expireToken(issued[0]!.token);
    down = true;
    const error = nextError(element);
    button(element).click();
    expect((await error).detail).to.include({ code: 'token-fetch', recoverable: true });
    expect(element.status).to.equal('ready');
    await element.updateComplete;
    expect(cardFrame(element)).to.equal(frame);
    await expect(element).to.be.accessible();
    down = false;
    await retry(element);
    // Retry clears the error at once; its token comes a moment later (the failed attempts were issued as undefined).
    await waitUntil(() => issued.at(-1)?.token, 'Retry fetched no token', { timeout: 10_000 });
    const fetched = issued.length;
    const { detail } = await pay(element);
    expect(detail.paymentToken).to.equal(issued.at(-1)!.token);
    expect(issued).to.have.length(fetched);
  });
});

describe('pekopay tokens: never reused', () => {
  it('starts a second payment on one element from a fresh token, never the first payment’s', async () => {
    const given = await fetchToken();
    const { element, issued } = await withTokenProvider(() => fetchToken(), { sessionToken: given });
    await ready(element);
    await typeCard(element);
    const first = await pay(element);
    expect(first.detail.paymentToken).to.equal(given);
    expect(issued).to.have.length(0);
    element.reset();
    await ready(element);
    await typeCard(element, { number: CARDS.mastercard });
    const second = await pay(element);
    expect(issued).to.have.length(1);
    expect(second.detail.paymentToken).to.equal(issued[0]!.token);
    expect(second.detail.paymentToken).to.not.equal(given);
    expect(second.detail.idempotencyKey).to.not.equal(first.detail.idempotencyKey);
  });

  it('never gives the fields a spent token when the host answers it again: token-fetch with Retry, not a payment that cannot complete', async () => {
    const same = await fetchToken();
    const { element, issued, sdk } = await withTokenProvider(async () => same);
    await ready(element);
    await typeCard(element);
    expect((await pay(element)).detail.paymentToken).to.equal(same);
    const seen = sdk.tokensSeen.length;
    const error = nextError(element);
    element.reset();
    const { detail } = await error;
    expect(detail.code).to.equal('token-fetch');
    expect(detail.reason).to.contain('already used');
    expect(issued, 'asked three times').to.have.length(4);
    expect(sdk.tokensSeen.slice(seen), 'the fields never got it again').to.deep.equal([]);
    await expectRetryOffered(element, 'The payment session could not be started. Please try again.');
  });

  it('announces a token-fetch failure again when refreshToken() fails again: the message goes, then comes back', async () => {
    const { element } = await withTokenProvider((call) => (call == 1 ? fetchToken() : Promise.reject(new Error('down'))));
    await ready(element);
    const first = nextError(element);
    await element.refreshToken();
    expect((await first).detail.code).to.equal('token-fetch');
    await element.updateComplete;
    const alert = element.shadowRoot!.querySelector('[role="alert"]')!;
    const shown: string[] = [];
    new MutationObserver(() => shown.push(alert.textContent!.trim())).observe(alert, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    const second = nextError(element);
    await element.refreshToken();
    await second;
    await element.updateComplete;
    // A region whose text never changes is not read again: the same message must leave and come back.
    expect(shown).to.deep.equal(['', 'The payment session could not be started. Please try again.']);
  });

  it('plans no refresh it cannot wait for: a token-lifetime beyond a timer’s range (24.8 days) fetches once', async () => {
    const { element, issued } = await withTokenProvider(() => fetchToken(), { tokenLifetime: 30 * 24 * 3600 });
    await ready(element);
    await sleep(500); // a window in which a timer out of range (it fires at once) would fetch again and again
    expect(issued).to.have.length(1);
  });

  it('stops refreshing ahead once the payment is done', async () => {
    const { element, issued } = await withTokenProvider(() => fetchToken(), { tokenLifetime: 0.6 });
    await ready(element);
    await typeCard(element);
    await pay(element);
    const fetched = issued.length;
    await sleep(800); // past the next refresh (at 90 % of 0.6 s): a window in which none may come
    expect(issued).to.have.length(fetched);
  });
});

describe('pekopay tokens: a framework passing new values with every render', () => {
  it('keeps the card fields and what the payer typed when sessionTokenProvider is set again, and asks the current one', async () => {
    const { element, sdk } = await withTokenProvider(() => fetchToken());
    await ready(element);
    await typeCard(element);
    const readies = collect(element, 'pay-ready');
    // A re-render: a new function (an inline arrow).
    let calls = 0;
    element.sessionTokenProvider = () => (calls++, fetchToken());
    await element.updateComplete;
    await sleep(100); // a restart would be under way now (there is no event for "none")
    expect(element.status).to.equal('ready');
    expect(sdk.forms, 'the card fields were not mounted again').to.have.length(1);
    expect(readies, 'no second pay-ready').to.have.length(0);
    await element.refreshToken();
    expect(calls, 'the token came from the provider the page set last').to.equal(1);
    expect((await pay(element)).detail.card?.last4, 'the card typed before').to.equal('4242');
  });

  it('keeps the card fields and what the payer typed when the same saved cards are set again in a new array', async () => {
    const element = await pekopay({ cards: JSON.stringify(SAVED_CARDS) });
    await ready(element);
    element.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=card-option] input')[3]!.click(); // "Use a new card"
    await waitUntil(() => element.status == 'ready' && sdkOf(element).forms.length == 1, 'the card fields did not load', {
      timeout: 10_000,
    });
    await typeCard(element);
    element.cards = JSON.parse(JSON.stringify(SAVED_CARDS)) as typeof SAVED_CARDS;
    await element.updateComplete;
    await sleep(100); // a restart would be under way now (there is no event for "none")
    expect(element.status).to.equal('ready');
    expect(sdkOf(element).forms, 'the card fields were not mounted again').to.have.length(1);
    expect((await pay(element)).detail.card?.last4, 'the card typed before').to.equal('4242');
  });
});

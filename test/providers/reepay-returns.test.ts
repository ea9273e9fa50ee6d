// Reepay in a frame (mode="iframe", "modal") coming back to the session's accept_url or cancel_url: Reepay's
// page may send the frame itself there instead of posting Accept or Cancel. The element reads the frame's
// location once it is back on this origin and matches it as it matches a redirect's return (the session
// endpoint's `acceptUrl` / `cancelUrl`, else `payload`'s; Reepay's parameters only when neither is known). The
// test moves the element's frame where the checkout would send it; the redirect round trip is
// ./reepay-redirect.test.ts.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { PayCheckout, ReepayCompleteDetail } from '../../src/index.js';
import { checkErrorOnConnect, collect, nextError, ready, setAttributes } from '../helpers.js';
import { answeringEndpoint, hostedDialog, hostedFrame, navigateFrame, openHostedCheckout } from '../hosted-helpers.js';
import { createSession, protocolToken, type Session } from '../reepay-helpers.js';

/** A light page of this origin for the checkout to come back to (the test page itself must not load in a frame). */
const RETURN_PAGE = '/test/fixtures/return.html';
const CANCEL_URL = `${RETURN_PAGE}?outcome=cancel`;

/** `url` (on this origin) with `parameters` added, as the checkout sends the payer there. */
const at = (url: string, parameters: Record<string, string>): string => {
  const back = new URL(url, location.href);
  for (const [key, value] of Object.entries(parameters)) back.searchParams.append(key, value);
  return back.href;
};
/** What Reepay adds to accept_url for a paid charge session `id`. */
const paid = (id: string) => ({ id, invoice: 'order-5e5e5e5e', customer: 'demo-customer' });

/** A Reepay element against the sandbox with `payload` set before it connects; `attributes` add to the defaults. */
const reepayWith = (payload: Record<string, unknown>, attributes: Record<string, string>): Promise<PayCheckout> => {
  const element = document.createElement('pay-checkout');
  const all: Record<string, string> = { provider: 'reepay', environment: 'sandbox', amount: '91900', currency: 'DKK', ...attributes };
  for (const [name, value] of Object.entries(all)) element.setAttribute(name, value);
  element.payload = payload;
  return fixture<PayCheckout>(html`${element}`);
};

/** An inline checkout of a new session, framed at once, returning to `payload`'s URLs. */
const inlineCheckout = async (payload: Record<string, unknown>): Promise<[PayCheckout, Session]> => {
  const session = await createSession();
  const element = await reepayWith(payload, { mode: 'iframe', 'session-url': session.url });
  await ready(element);
  // The checkout has shown the session (its Open): only then does it send the frame anywhere.
  await protocolToken(element);
  return [element, session];
};

const BOTH = { acceptUrl: RETURN_PAGE, cancelUrl: CANCEL_URL };

describe('reepay: a frame coming back to accept_url or cancel_url', () => {
  it('emits pay-complete with the returned handles at the accept URL, and removes the frame', async () => {
    const [element, session] = await inlineCheckout(BOTH);
    const complete = oneEvent(element, 'pay-complete');
    await navigateFrame(hostedFrame(element)!, at(RETURN_PAGE, paid(session.id)));
    expect((await complete).detail).to.deep.equal({
      provider: 'reepay',
      sessionId: session.id,
      redirected: false,
      invoice: 'order-5e5e5e5e',
      customer: 'demo-customer',
      subscription: null,
      paymentMethod: null,
    });
    expect(element.status).to.equal('complete');
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
  });

  it('recognises an accept URL with its own query parameters, kept by the checkout', async () => {
    const acceptUrl = `${RETURN_PAGE}?order=7&outcome=accept`;
    const [element, session] = await inlineCheckout({ acceptUrl, cancelUrl: CANCEL_URL });
    const complete = oneEvent(element, 'pay-complete');
    await navigateFrame(hostedFrame(element)!, at(acceptUrl, paid(session.id)));
    expect((await complete).detail.sessionId).to.equal(session.id);
  });

  it('emits pay-cancel at the cancel URL, removes the frame and is ready again', async () => {
    const [element, session] = await inlineCheckout(BOTH);
    const cancel = oneEvent(element, 'pay-cancel');
    await navigateFrame(hostedFrame(element)!, at(CANCEL_URL, { id: session.id }));
    expect((await cancel).detail).to.deep.equal({ provider: 'reepay', sessionId: session.id, redirected: false, reason: 'cancel' });
    expect(element.status).to.equal('ready');
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
  });

  it('reports pay-error session, and no pay-complete, for the accept URL naming another session', async () => {
    const [element] = await inlineCheckout(BOTH);
    const completes = collect(element, 'pay-complete');
    const error = nextError(element);
    await navigateFrame(hostedFrame(element)!, at(RETURN_PAGE, paid(`cs_${'0'.repeat(32)}`)));
    expect((await error).detail).to.include({ code: 'session', provider: 'reepay' });
    expect(completes).to.have.length(0);
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
  });

  it('ignores a page of this origin that is neither URL, even with Reepay’s parameters, and still takes the return', async () => {
    const [element, session] = await inlineCheckout({ acceptUrl: `${RETURN_PAGE}?outcome=accept`, cancelUrl: CANCEL_URL });
    const seen = [collect(element, 'pay-complete'), collect(element, 'pay-cancel'), collect(element, 'pay-error')];
    await navigateFrame(hostedFrame(element)!, at(`${RETURN_PAGE}?outcome=elsewhere`, paid(session.id)));
    await navigateFrame(hostedFrame(element)!, at(RETURN_PAGE, paid(session.id)));
    expect(seen.flat()).to.have.length(0);
    expect(element.status).to.equal('ready');
    const complete = oneEvent(element, 'pay-complete');
    await navigateFrame(hostedFrame(element)!, at(`${RETURN_PAGE}?outcome=accept`, paid(session.id)));
    expect((await complete).detail.sessionId).to.equal(session.id);
  });

  it('falls back on Reepay’s parameters when neither URL is known: a customer is the accept', async () => {
    const [element, session] = await inlineCheckout({});
    const complete = oneEvent(element, 'pay-complete');
    await navigateFrame(hostedFrame(element)!, at(RETURN_PAGE, paid(session.id)));
    expect(((await complete).detail as ReepayCompleteDetail).invoice).to.equal('order-5e5e5e5e');
  });

  it('falls back on Reepay’s parameters when neither URL is known: the id alone is the cancel', async () => {
    const [element, session] = await inlineCheckout({});
    const cancel = oneEvent(element, 'pay-cancel');
    await navigateFrame(hostedFrame(element)!, at(RETURN_PAGE, { id: session.id }));
    expect((await cancel).detail.sessionId).to.equal(session.id);
  });

  it('is accessible with the checkout framed, and once back at the accept URL', async () => {
    const [element, session] = await inlineCheckout(BOTH);
    await expect(element).to.be.accessible();
    const complete = oneEvent(element, 'pay-complete');
    await navigateFrame(hostedFrame(element)!, at(RETURN_PAGE, paid(session.id)));
    await complete;
    await element.updateComplete;
    await expect(element).to.be.accessible();
  });

  it('refuses a payload acceptUrl on another origin with config', async () => {
    const session = await createSession();
    const element = setAttributes(document.createElement('pay-checkout'), {
      provider: 'reepay',
      environment: 'sandbox',
      mode: 'iframe',
      'session-url': session.url,
    });
    element.payload = { acceptUrl: 'https://evil.example/accept' };
    await checkErrorOnConnect(element, ({ detail }) => {
      expect(detail).to.include({ code: 'config', provider: 'reepay' });
      expect(!hostedFrame(element), 'no checkout frame').to.equal(true);
    });
  });
});

describe('reepay: the modal learns the return URLs from the session endpoint', () => {
  /** A modal whose endpoint answers `session` with `returns`, with `payload`, opened with Pay. */
  const modalCheckout = async (session: Session, returns: Record<string, string>, payload: Record<string, unknown> = {}) => {
    const element = await reepayWith(payload, { 'session-endpoint': answeringEndpoint({ ...session, ...returns }) });
    await openHostedCheckout(element);
    await protocolToken(element);
    return element;
  };
  const absolute = (url: string) => new URL(url, location.href).href;

  it('emits pay-complete at the answered acceptUrl, which wins over the payload’s, and closes the modal', async () => {
    const session = await createSession();
    const acceptUrl = absolute(`${RETURN_PAGE}?from=answer`);
    const element = await modalCheckout(session, { acceptUrl }, { acceptUrl: `${RETURN_PAGE}?from=payload`, cancelUrl: CANCEL_URL });
    const complete = oneEvent(element, 'pay-complete');
    await navigateFrame(hostedFrame(element)!, at(acceptUrl, paid(session.id)));
    expect((await complete).detail.sessionId).to.equal(session.id);
    expect(!hostedDialog(element), 'the modal is gone').to.equal(true);
  });

  it('takes the payload’s URL where the answer names none', async () => {
    const session = await createSession();
    const element = await modalCheckout(session, { acceptUrl: absolute(`${RETURN_PAGE}?from=answer`) }, { cancelUrl: CANCEL_URL });
    const cancel = oneEvent(element, 'pay-cancel');
    await navigateFrame(hostedFrame(element)!, at(CANCEL_URL, { id: session.id }));
    expect((await cancel).detail.sessionId).to.equal(session.id);
  });

  it('ignores the payload’s accept URL when the answer named another', async () => {
    const session = await createSession();
    const payload = { acceptUrl: `${RETURN_PAGE}?from=payload` };
    const acceptUrl = absolute(`${RETURN_PAGE}?from=answer`);
    const element = await modalCheckout(session, { acceptUrl }, payload);
    const seen = [collect(element, 'pay-complete'), collect(element, 'pay-error')];
    await navigateFrame(hostedFrame(element)!, at(payload.acceptUrl, paid(session.id)));
    expect(seen.flat()).to.have.length(0);
    const complete = oneEvent(element, 'pay-complete');
    await navigateFrame(hostedFrame(element)!, at(acceptUrl, paid(session.id)));
    expect((await complete).detail.sessionId).to.equal(session.id);
  });

  it('reports pay-error session, before anything opens, for an answered acceptUrl that is not a URL', async () => {
    const session = await createSession();
    const element = await reepayWith({}, { 'session-endpoint': answeringEndpoint({ ...session, acceptUrl: 'not a url' }) });
    await ready(element);
    const error = nextError(element);
    element.submit();
    expect((await error).detail).to.include({ code: 'session', recoverable: true });
    expect(!hostedDialog(element), 'no modal').to.equal(true);
  });
});

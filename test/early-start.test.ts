// What the entry starts beside the provider's chunk (issue 20, point 1), in the page: a hosted checkout's
// `preconnect` goes only to an allowed checkout origin, once a page; PekoPay's early SDK import and token fetch
// never touch a URL the allow-list refuses. (That they start before the chunk arrives is checked on the built
// file, with the chunk held back: test/node/parallel-start.test.mjs.)
import { expect } from '@open-wc/testing';
import type { PayCheckout } from '../src/index.js';
import { checkErrorOnConnect, configurePekopay, SANDBOX } from './helpers.js';
import { createSession, reepay } from './reepay-helpers.js';

const preconnects = (): string[] => [...document.head.querySelectorAll('link[rel="preconnect"]')].map((link) => link.getAttribute('href')!);

/** The URLs of the requests so far (resource timing) that `match`. */
const requests = (match: (url: string) => boolean): string[] =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter(match);

describe('the early start: what an element opens before its provider chunk runs', () => {
  afterEach(() => {
    for (const element of document.querySelectorAll('pay-checkout')) element.remove();
  });

  it('preconnects once a page to an allowed checkout origin, however many elements show it', async () => {
    const [first, second] = await Promise.all([createSession(), createSession()]);
    await reepay({ 'session-id': first.id, 'session-url': first.url });
    await reepay({ 'session-id': second.id, 'session-url': second.url });
    expect(preconnects().filter((href) => href == SANDBOX)).to.have.length(1);
  });

  for (const [provider, url] of [
    ['reepay', 'https://evil.example/#/cs_0123456789abcdef0123456789abcdef'],
    ['paiwise', 'https://evil.example/pay?checkout_id=chk_1'],
  ]) {
    it(`${provider}: preconnects to no refused origin (the configuration error is all that happens)`, async () => {
      const element = document.createElement('pay-checkout') as PayCheckout;
      for (const [name, value] of Object.entries({ provider, environment: 'sandbox', mode: 'modal', 'session-url': url })) {
        element.setAttribute(name, value);
      }
      await checkErrorOnConnect(element, (event) => {
        expect(event.detail.code).to.equal('insecure-config');
      });
      expect(preconnects().filter((href) => href.includes('evil.example'))).to.deep.equal([]);
    });
  }

  it('PekoPay: imports no sdk-url and fetches no token-url the allow-list refuses', async () => {
    // The page's own origin serves the sandbox's SDK too, but is not allowed for sdk-url: a request there would
    // be answered, and seen in every engine's resource timing.
    const sdk = `${location.origin}/sandbox/pekopay/web/dist/index.js?refused`;
    const element = configurePekopay(document.createElement('pay-checkout'), { 'sdk-url': sdk });
    await checkErrorOnConnect(element, (event) => {
      expect(event.detail.code).to.equal('insecure-config');
    });
    // The sandbox's server under a name the page did not allow: it would answer, and show in resource timing.
    const refused = `http://localhost:${new URL(SANDBOX).port}/api/checkout/token`;
    const token = configurePekopay(document.createElement('pay-checkout'), { 'token-url': refused });
    await checkErrorOnConnect(token, (event) => {
      expect(event.detail.code).to.equal('insecure-config');
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests((url) => url == sdk || url.startsWith(refused))).to.deep.equal([]);
  });
});

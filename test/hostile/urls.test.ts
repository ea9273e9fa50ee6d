// Hostile URLs and secrets against every URL and token input of <pay-checkout>: each one is refused with a
// documented pay-error before anything is fetched, framed or navigated to.
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import type { PayCheckout } from '../../src/index.js';
import { safeUrl } from '../../src/internal/safe-url.js';
import { configurePekopay, nextError, ready, SANDBOX } from '../helpers.js';
import { HOSTILE_URLS, SECRETS } from './corpus.js';
import { figure } from './figures.js';

/** Every attribute that takes a URL, with the attributes that make the element read it. */
const URL_INPUTS: Record<string, Record<string, string | null>> = {
  'sdk-url': {},
  'token-url': {},
  // A Paiwise hosted page, framed at once in iframe mode: the page's own origin is no checkout either.
  'session-url': { provider: 'paiwise', mode: 'iframe', 'sdk-url': null, 'token-url': null },
  // The host's endpoints the element POSTs to: checked when the element starts, before any request.
  action: {},
  'session-endpoint': { provider: 'reepay', mode: 'iframe', 'sdk-url': null, 'token-url': null },
};

/** Every attribute that takes a token or secret-like value. */
const SECRET_INPUTS: Record<string, Record<string, string | null>> = {
  'session-token': { 'token-url': null },
  'token-url': {},
};

const origins = () => new Set(performance.getEntriesByType('resource').map((entry) => new URL(entry.name).origin));

/**
 * Refused URLs that would answer (the sandbox's server, under a name the page did not allow): requested, they
 * would show in resource timing, which a request to the corpus's unreachable hosts never does.
 */
const ANSWERING = ['/sandbox/pekopay/web/dist/index.js', '/api/checkout/token', '/sandbox/paiwise/pay/checkout.html'].map(
  (path) => `http://localhost:${new URL(SANDBOX).port}${path}`,
);

/** Runs `run` and answers every URL it gave fetch() (whatever then became of the request). */
const fetchedDuring = async (run: () => Promise<void>): Promise<string[]> => {
  const urls: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => (urls.push(input instanceof Request ? input.url : String(input)), realFetch(input, init));
  try {
    await run();
  } finally {
    globalThis.fetch = realFetch;
  }
  return urls;
};

/** Connects an element (PekoPay unless `attributes` say otherwise) and returns its first pay-error and what it left behind. */
const refusal = async (attributes: Record<string, string | null>) => {
  const element = configurePekopay(document.createElement('pay-checkout'), attributes) as PayCheckout;
  const error = nextError(element);
  const here = location.href;
  await fixture(html`${element}`);
  const { detail } = await error;
  const frames = [...document.querySelectorAll('iframe'), ...element.shadowRoot!.querySelectorAll('iframe')];
  const { status } = element;
  element.remove();
  expect(location.href).to.equal(here);
  return { code: detail.code, status, frames: frames.length };
};

describe('hostile input: URLs', () => {
  it(`has a corpus of at least 50 hostile URLs, each refused by safeUrl for every provider prefix`, () => {
    expect(HOSTILE_URLS.length).to.be.at.least(50);
    const prefixes = [
      'https://cdn.jsdelivr.net/npm/@pekopay/web@',
      'https://checkout.reepay.com/',
      'https://staging-checkout.reepay.com/',
      'https://api.paiwise.com/',
    ];
    for (const url of HOSTILE_URLS) {
      let code: string | undefined;
      try {
        safeUrl(url, prefixes, true);
      } catch (error) {
        code = (error as { code?: string }).code;
      }
      expect(['config', 'insecure-config'], JSON.stringify(url)).to.include(code);
    }
  });

  for (const [input, extra] of Object.entries(URL_INPUTS)) {
    it(`refuses every hostile ${input} with config or insecure-config, fetching and framing nothing`, async function () {
      this.timeout(60_000);
      const before = origins();
      const given = await fetchedDuring(async () => {
        for (const url of [...HOSTILE_URLS, ...ANSWERING]) {
          const result = await refusal({ ...extra, [input]: url });
          expect(['config', 'insecure-config'], `${input}=${JSON.stringify(url)}`).to.include(result.code);
          expect(result.status).to.equal('error');
          expect(result.frames, `${input}=${JSON.stringify(url)} framed something`).to.equal(0);
        }
      });
      const ours = (url: string) => [location.origin, SANDBOX].includes(new URL(url, location.href).origin);
      expect(
        given.filter((url) => !ours(url)),
        'handed to fetch()',
      ).to.deep.equal([]);
      const fetched = [...origins()].filter((origin) => !before.has(origin));
      expect(
        fetched.filter((origin) => origin != location.origin && origin != SANDBOX),
        'requested',
      ).to.deep.equal([]);
      await figure(
        `hostile URLs refused as ${input}`,
        `${HOSTILE_URLS.length} of ${HOSTILE_URLS.length}; 0 fetched, 0 framed, 0 navigated`,
      );
    });
  }

  for (const [input, extra] of Object.entries(SECRET_INPUTS)) {
    it(`refuses a provider secret given as ${input} with insecure-config`, async () => {
      for (const secret of SECRETS) {
        const result = await refusal({ ...extra, [input]: secret });
        expect(result.code, `${input}=${secret}`).to.equal('insecure-config');
        expect(result.frames).to.equal(0);
      }
      await figure(`provider secrets refused as ${input}`, `${SECRETS.length} of ${SECRETS.length} (insecure-config)`);
    });
  }
});

describe('hostile input: types', () => {
  it('reports config, and throws nothing, when script gives a string property a function', async () => {
    const element = await fixture<PayCheckout>(html`${configurePekopay(document.createElement('pay-checkout'))}`);
    await ready(element);
    const error = nextError(element);
    (element as unknown as { locale: unknown }).locale = () => 'fr-CA';
    expect((await error).detail.code).to.equal('config');
    expect(element.status).to.equal('error');
  });

  it('reports config, and throws nothing, when intent or session-token is an object that refuses conversion', async () => {
    for (const key of ['intent', 'sessionToken']) {
      const element = await fixture<PayCheckout>(html`${configurePekopay(document.createElement('pay-checkout'))}`);
      await ready(element);
      const error = nextError(element);
      (element as unknown as Record<string, unknown>)[key] = Object.create(null);
      expect((await error).detail.code, key).to.equal('config');
      expect(element.status).to.equal('error');
      expect(element.shadowRoot!.querySelector('[part="button"]')!.textContent!.trim()).to.equal('Pay CA$99.00');
      element.remove();
    }
  });
});

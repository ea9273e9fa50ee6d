// A seeded fuzzer: random and adversarial values for every attribute and property of <pay-checkout>,
// alone and in combination. Whatever it is given, the element throws nothing uncaught, keeps a valid
// status, and leaves nothing behind. `npm run fuzz` runs 10,000 configurations; CI runs a few hundred.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { PayCheckout } from '../../src/index.js';
import { SANDBOX, SDK_URL, TOKEN_URL } from '../helpers.js';
import { HOSTILE_URLS, SECRETS } from './corpus.js';
import { figure } from './figures.js';

const STATUSES = ['idle', 'loading', 'ready', 'submitting', 'redirecting', 'complete', 'error'];

/** mulberry32: small, fast, and the same sequence for the same seed (a failure names its seed and run). */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Random = () => number;
const pick = <T>(next: Random, values: readonly T[]): T => values[Math.floor(next() * values.length)]!;

const randomText = (next: Random): string => {
  const length = Math.floor(next() * 40);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(next() * (next() < 0.8 ? 0x80 : 0xffff)));
  return text;
};

/** Strings anything might receive through an attribute. */
const strings = (next: Random): string =>
  pick(next, [
    () => '',
    () => ' ',
    () => randomText(next),
    () => pick(next, HOSTILE_URLS),
    () => pick(next, SECRETS),
    () => pick(next, ['pekopay', 'reepay', 'paiwise', 'PEKOPAY', 'stripe', '__proto__', 'constructor', 'toString']),
    () => pick(next, ['embedded', 'redirect', 'iframe', 'modal', 'popup', 'sandbox', 'production', 'staging']),
    () => pick(next, ['9900', '-1', '0', '1e400', 'NaN', '0x10', '99.5', '9007199254740993', ' 12 ']),
    () => pick(next, ['CAD', 'cad', 'XXX', 'EURO', '€', 'fr-CA', 'da', 'en_US', 'x-klingon', '']),
    () => pick(next, ['{}', '[]', '[{"last4":"4242","cardType":"VISA","default":true}]', '{"__proto__":{"x":1}}', 'null', '[']),
    () => pick(next, [SDK_URL, TOKEN_URL, `${SANDBOX}/sandbox/pekopay/web/dist/index.js?sandbox_fault=hang`]),
    () => pick(next, [`${TOKEN_URL}?sandbox_fault=500`, `${TOKEN_URL}?sandbox_fault=malformed`, '/nope', '?', '#']),
    () => '<img src=x onerror="window.__fuzzInjected=1">',
    () => 'x'.repeat(100_000),
  ])();

/** Values a script might assign to a property, of any type. */
const values = (next: Random): unknown =>
  pick(next, [
    () => strings(next),
    () => pick(next, [undefined, null, true, false, 0, -0, -1, 0.5, NaN, Infinity, 2 ** 53, 9900]),
    () => pick(next, [{}, [], [{ last4: '4242', cardType: 'VISA' }], [null], { length: 1e9 }, Object.create(null)]),
    () => Symbol('fuzz'),
    () => 10n,
    () => ({
      toString: () => {
        throw new Error('hostile toString');
      },
    }),
    () =>
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('hostile proxy');
          },
        },
      ),
    () => () => 'sess_not_a_real_token',
    () => () => {
      throw new Error('hostile provider');
    },
    () => () => new Promise(() => undefined),
    () => async () => pick(next, [...SECRETS, ...HOSTILE_URLS, '', 42]),
  ])();

describe('hostile input: the fuzzer', () => {
  it('survives random and adversarial values on every attribute and property', async function () {
    const { runs, seed } = (await executeServerCommand('fuzz-options')) as { runs: number; seed: number };
    this.timeout(Math.max(60_000, runs * 200));
    PayCheckout.timeouts = { ...PayCheckout.timeouts, sdk: 300, token: 300, mount: 300, submit: 300, action: 300 };
    const attributes = (PayCheckout as unknown as { observedAttributes: string[] }).observedAttributes;
    const properties = [...PayCheckout.elementProperties].filter(([, options]) => !options.state).map(([name]) => String(name));
    expect(attributes.length).to.be.greaterThan(8);
    expect(properties.length).to.be.greaterThan(8);
    const problems: string[] = [];
    const onError = (event: ErrorEvent) => problems.push(`uncaught: ${event.message}`);
    const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandled rejection: ${String(event.reason)}`);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const next = random(seed);
    try {
      for (let run = 0; run < runs && problems.length == 0; run++) {
        const element = document.createElement('pay-checkout') as PayCheckout;
        const applied: string[] = [];
        const assign = () => {
          for (let count = 1 + Math.floor(next() * 6); count > 0; count--) {
            if (next() < 0.5) {
              const name = pick(next, attributes);
              const value = strings(next);
              element.setAttribute(name, value);
              applied.push(`@${name}=${JSON.stringify(value.slice(0, 60))}`);
            } else {
              const name = pick(next, properties);
              const value = values(next);
              (element as unknown as Record<string, unknown>)[name] = value;
              applied.push(`.${name}=${typeof value}`);
            }
          }
        };
        try {
          assign();
          document.body.append(element);
          await element.updateComplete;
          assign(); // and again while connected, mid-flow
          if (next() < 0.3) void element.submit();
          if (next() < 0.2) element.reset();
          await element.updateComplete;
          await new Promise((resolve) => setTimeout(resolve, next() < 0.1 ? 50 : 0));
          if (!STATUSES.includes(element.status)) problems.push(`status "${String(element.status)}"`);
          if (element.getAttribute('status') !== element.status) problems.push('status attribute out of step');
        } catch (error) {
          problems.push(`threw: ${String(error)}`);
        }
        element.remove();
        if (problems.length) problems.push(`seed ${seed}, run ${run}: ${applied.join(' ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 400)); // what was left running gets to fail now
      expect(document.querySelectorAll('iframe').length, 'frames left behind').to.equal(0);
      expect((window as unknown as { __fuzzInjected?: number }).__fuzzInjected, 'markup injected').to.equal(undefined);
      expect(problems).to.deep.equal([]);
      await figure(
        'fuzzer configurations',
        `${runs} (seed ${seed}) over ${attributes.length} attributes and ${properties.length} properties; 0 uncaught, 0 invalid status`,
      );
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
});

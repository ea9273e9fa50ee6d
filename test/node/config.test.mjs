// readConfig() (src/config.ts, built to dist/config.js) without a DOM: the element's attributes and properties in,
// the checked configuration a provider runs with out, or the `config` / `insecure-config` error that says what is
// wrong. Node has no `document`, `window` or `location`: the page's location is given.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCurrency, readConfig, restartsFor } from '../../dist/config.js';
import { PayCheckoutError } from '../../dist/errors.js';

const page = { href: 'https://shop.example/checkout?step=2', origin: 'https://shop.example' };

/** What the element holds by default, plus `input`. */
const element = (input) => ({ provider: 'pekopay', environment: 'production', intent: 'charge', ...input });

/** readConfig() with the element's defaults and a fresh set of used tokens. */
const read = (input, context = {}) =>
  readConfig(element(input), { locale: 'en', page, tokenIssuedAt: undefined, usedTokens: new Set(), ...context });

/** The error readConfig() throws for `input`. */
const refusal = (input) => {
  try {
    read(input);
  } catch (error) {
    assert.ok(error instanceof PayCheckoutError, `a PayCheckoutError, not ${error}`);
    return { code: error.code, reason: error.reason };
  }
  assert.fail('readConfig() accepted the configuration');
};

describe('readConfig', () => {
  it('reads a PekoPay configuration, resolving the token URL against the page and keeping the used tokens', () => {
    const used = new Set(['tok_spent']);
    const config = read(
      { sessionToken: 'tok_1', tokenUrl: '/api/token', amount: 9900, currency: 'CAD', tokenLifetime: 60, cards: [{ last4: '4242' }] },
      { tokenIssuedAt: 1000, usedTokens: used },
    );
    assert.deepEqual(
      { ...config, tokens: { ...config.tokens, url: config.tokens.url?.href } },
      {
        provider: 'pekopay',
        mode: undefined,
        environment: 'production',
        sdkUrl: undefined,
        sdkVersion: '',
        tokens: {
          initial: 'tok_1',
          initialIssuedAt: 1000,
          url: 'https://shop.example/api/token',
          provider: undefined,
          lifetimeMs: 60_000,
          used,
        },
        cards: [{ last4: '4242' }],
        sessionId: undefined,
        sessionUrl: undefined,
        sessionEndpoint: undefined,
      },
    );
    assert.equal(config.tokens.used, used, 'the element’s own set, kept across restarts');
  });

  it('reads a hosted checkout: empty values are absent, the session endpoint is allow-listed against the page', () => {
    const config = read({ provider: 'reepay', mode: 'modal', environment: 'sandbox', sessionId: '', sessionEndpoint: '/api/session' });
    assert.equal(config.mode, 'modal');
    assert.equal(config.environment, 'sandbox');
    assert.equal(config.sessionId, undefined);
    assert.equal(config.sessionEndpoint?.href, 'https://shop.example/api/session');
    assert.equal(config.tokens.lifetimeMs, 3_600_000, 'PekoPay’s 60 minutes by default');
  });

  it('refuses what the element cannot run with as config, naming it', () => {
    assert.deepEqual(refusal({ provider: '' }), { code: 'config', reason: 'provider is required' });
    assert.deepEqual(refusal({ mode: 'popup' }), { code: 'config', reason: 'unknown mode "popup"' });
    assert.deepEqual(refusal({ tokenUrl: 42 }), { code: 'config', reason: 'tokenUrl must be a string' });
    assert.equal(refusal({ intent: 'donate' }).code, 'config');
    assert.deepEqual(refusal({ payload: [1] }), { code: 'config', reason: 'payload must be a plain object' });
    assert.equal(refusal({ tokenLifetime: 0 }).reason, 'token-lifetime must be a positive number of seconds');
    assert.equal(refusal({ environment: 'staging' }).reason, 'environment must be sandbox or production, not "staging"');
    assert.equal(refusal({ amount: 99.5, currency: 'CAD' }).reason, 'amount must be a whole number of minor units, not 99.5');
    assert.equal(refusal({ amount: 9900 }).reason, 'currency is required with amount');
    assert.equal(refusal({ amount: 9900, currency: 'CA$' }).reason, 'invalid currency "CA$"');
    assert.equal(refusal({ sessionTokenProvider: 'tok' }).reason, 'sessionTokenProvider must be a function');
  });

  it('checks the currency in the page’s locale', () => {
    assert.throws(() => read({ amount: 100, currency: 'EUR' }, { locale: 'not a locale!' }), { code: 'config' });
    assert.equal(read({ amount: 100, currency: 'EUR' }, { locale: 'da' }).provider, 'pekopay');
  });

  it('leaves the currency to checkCurrency() when asked (the element checks it once the provider’s requests started)', () => {
    // Its form is checked anyway (no formatting, no ICU data): whether it formats in the locale is left.
    assert.equal(refusal({ amount: 100, currency: 'CA$' }).reason, 'invalid currency "CA$"');
    const input = element({ amount: 100, currency: 'EUR' });
    const context = { locale: 'not a locale!', page, tokenIssuedAt: undefined, usedTokens: new Set() };
    assert.equal(readConfig(input, context, { currency: false }).provider, 'pekopay');
    assert.throws(() => checkCurrency('CA$', 'en'), { code: 'config', reason: 'invalid currency "CA$" or locale "en"' });
    assert.throws(() => checkCurrency('EUR', 'not a locale!'), { code: 'config' });
    assert.doesNotThrow(() => checkCurrency('EUR', 'da'));
    assert.doesNotThrow(() => checkCurrency(undefined, 'en'));
    // Everything else is still checked without the currency.
    assert.throws(() => readConfig({ ...input, sessionToken: 'priv_0123456789' }, context, { currency: false }), {
      code: 'insecure-config',
    });
  });

  it('refuses provider secrets and URLs outside the page’s origin as insecure-config', () => {
    assert.equal(refusal({ sessionToken: 'priv_0123456789' }).code, 'insecure-config');
    assert.equal(refusal({ customerId: 'priv_live_0123' }).code, 'insecure-config', 'customer-id goes into pay-token and to action');
    assert.equal(refusal({ action: 'priv_live_0123' }).code, 'insecure-config', 'a secret, not a path on the page’s origin');
  });

  it('restarts (and so refuses) when a live property becomes a secret, and not for an ordinary change', () => {
    for (const key of ['action', 'customerId']) {
      const changed = new Map([[key, undefined]]);
      assert.equal(restartsFor(changed, element({ [key]: 'priv_live_0123' }), false), true, key);
      assert.equal(restartsFor(changed, element({ [key]: 'orders-17' }), false), false, key);
    }
    // The amount and currency are the Pay button's: a new total keeps the payment method, a wrong one is refused.
    const money = new Map([
      ['amount', undefined],
      ['currency', undefined],
    ]);
    assert.equal(restartsFor(money, element({ amount: 12345, currency: 'EUR' }), false), false);
    assert.equal(restartsFor(money, element({ amount: 12.5, currency: 'EUR' }), false), true);
    assert.equal(restartsFor(money, element({ amount: 100, currency: 'CA$' }), false), true);
    assert.equal(restartsFor(money, element({ amount: 100, currency: undefined }), false), true);
    assert.equal(restartsFor(money, element({ amount: 100, currency: 'EUR' }), true), true, 'in error, a new value may fix it');
    assert.equal(refusal({ action: 'https://evil.example/charge' }).code, 'insecure-config');
    assert.equal(refusal({ tokenUrl: 'javascript:alert(1)' }).code, 'insecure-config');
    assert.equal(refusal({ sessionEndpoint: 'http://shop.example/api/session' }).code, 'insecure-config', 'http is another origin');
  });
});

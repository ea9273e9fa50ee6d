// Reads the element's attributes and properties into the checked configuration a provider runs with. Pure: no
// DOM, no clock. What it needs of the page (its locale and location) and of the element's past (when it first saw
// `session-token`, the tokens already used) is given to it.
import { PayCheckoutError } from './errors.js';
import type { PayIntent } from './events/pay-token.js';
import { formatMoney } from './internal/money.js';
import { looksLikeSecret, safeUrl, type PageLocation } from './internal/safe-url.js';
import { HOSTED_CONFIG, PEKOPAY_CONFIG, foreignOption } from './providers/registry.js';
import type { ProviderConfig, SessionTokenProvider } from './providers/types.js';

/** Properties whose change reloads the payment method. */
const CONFIG_KEYS = ['provider', 'mode', 'environment', ...PEKOPAY_CONFIG, ...HOSTED_CONFIG] as const;

/**
 * Properties read while the payment method runs, without restarting it when they change. (`payload` is
 * checked when it is posted: a bad one is a recoverable `action-failed`, the payment is not lost.) The amount
 * and currency are the Pay button's: a provider's session holds what the backend gave it, and a PekoPay token
 * has no amount, so a new total (a coupon, shipping) keeps the card fields and what was typed.
 */
const LIVE_KEYS = ['locale', 'intent', 'customerId', 'action', 'name', 'amount', 'currency'] as const;

/** An ISO 4217 code's form (whether it formats in the locale is checkCurrency's). */
const CURRENCY = /^[A-Za-z]{3}$/;

/** Every `mode` some provider has; which ones a provider accepts is its own business. */
const MODES = ['embedded', 'redirect', 'iframe', 'modal'];

/** Properties that must be strings when set (anything else is a `config` error, whatever script assigned). */
const STRING_KEYS = [
  'provider',
  'mode',
  'environment',
  'sessionToken',
  'tokenUrl',
  'sdkUrl',
  'sdkVersion',
  'currency',
  'locale',
  'intent',
  'customerId',
  'action',
  'name',
  'sessionId',
  'sessionUrl',
  'sessionEndpoint',
] as const;

export const INTENTS: PayIntent[] = ['charge', 'subscription', 'save-card', 'update-card'];

/** PekoPay's session tokens live 60 minutes. */
const DEFAULT_TOKEN_LIFETIME_S = 3600;

/**
 * The same as JSON is no change (`cards`): a framework passes a new array with every render, and restarting would
 * remount the card fields, losing what the payer typed.
 */
export const jsonChanged = (value: unknown, old: unknown): boolean => {
  try {
    return JSON.stringify(value) !== JSON.stringify(old);
  } catch {
    return value !== old; // not JSON (a BigInt, a cycle): readConfig reports it
  }
};

/**
 * A function replacing a function is no change (`sessionTokenProvider`): the token source calls the element's
 * current one (readConfig), and a framework passes a new one with every render.
 */
export const functionChanged = (value: unknown, old: unknown): boolean =>
  value !== old && (typeof value != 'function' || typeof old != 'function');

/** JSON attributes (`cards`): what does not parse stays a string, for the provider to report as `config`. */
export const jsonAttribute = {
  fromAttribute: (value: string | null): unknown => {
    try {
      return JSON.parse(value!);
    } catch {
      return value;
    }
  },
};

/**
 * The element's properties that make the configuration, with the types the element declares. Script can
 * assign anything to a property: readConfig() checks every value's type before it uses or shows it.
 */
export interface ConfigInput {
  readonly provider?: string;
  readonly mode?: string | undefined;
  readonly environment?: string;
  readonly sessionToken?: string | undefined;
  readonly tokenUrl?: string | undefined;
  readonly sessionTokenProvider?: SessionTokenProvider | undefined;
  readonly sdkUrl?: string | undefined;
  readonly sdkVersion?: string | undefined;
  readonly amount?: number | undefined;
  readonly currency?: string | undefined;
  readonly locale?: string | undefined;
  readonly intent?: string;
  readonly customerId?: string | undefined;
  readonly action?: string | undefined;
  readonly name?: string | undefined;
  readonly payload?: unknown;
  readonly cards?: unknown;
  readonly tokenLifetime?: number | undefined;
  readonly sessionId?: string | undefined;
  readonly sessionUrl?: string | undefined;
  readonly sessionEndpoint?: string | undefined;
}

/** What readConfig() needs beyond the properties. */
export interface ConfigContext {
  /** The locale amounts are shown in (`currency` must format in it). */
  readonly locale: string;
  /** Where the page is: relative URLs resolve against it, and its origin is allowed for the host's endpoints. */
  readonly page: PageLocation;
  /** When the element first saw `session-token` (its lifetime runs from then). */
  readonly tokenIssuedAt: number | undefined;
  /** Tokens never to hand out again: the element's, kept across restarts. */
  readonly usedTokens: Set<string>;
}

/** Properties a provider secret must never be in: what the element sends, and puts in its events and URLs. */
const SECRET_KEYS = ['sessionToken', 'tokenUrl', 'action', 'customerId', 'sessionId', 'sessionUrl', 'sessionEndpoint'] as const;
const secretsIn = (input: ConfigInput): boolean => SECRET_KEYS.some((key) => looksLikeSecret(input[key]));

/** What is wrong with the amount and currency (a whole number of minor units, with a currency of an ISO 4217 code's form). */
const moneyError = ({ amount, currency }: ConfigInput): string | false | undefined =>
  amount != null && !(Number.isSafeInteger(amount) && amount >= 0)
    ? `amount must be a whole number of minor units, not ${typeof amount == 'number' ? amount : typeof amount}`
    : amount != null && !currency
      ? 'currency is required with amount'
      : !!currency && !CURRENCY.test(currency) && `invalid currency "${currency}"`;

/** The properties read after start (LIVE_KEYS, and `payload`) have values of the right type, and no secret. */
export const liveValid = (input: ConfigInput): boolean => {
  const { payload } = input;
  return (
    INTENTS.includes(input.intent as PayIntent) &&
    LIVE_KEYS.every((key) => key == 'intent' || key == 'amount' || input[key] == null || typeof input[key] == 'string') &&
    !moneyError(input) &&
    (payload == null || (typeof payload == 'object' && !Array.isArray(payload))) &&
    !secretsIn(input)
  );
};

/**
 * Whether changing the properties in `changed` restarts the payment method: any of CONFIG_KEYS does. Texts,
 * intent, customer, action, amount and currency apply without a restart, unless script gave one a value of the wrong type
 * (restarting reports it as `config`), or the element is in error (`failed`: a new value may fix it).
 */
export const restartsFor = (changed: ReadonlyMap<PropertyKey, unknown>, input: ConfigInput, failed: boolean): boolean =>
  CONFIG_KEYS.some((key) => changed.has(key)) || LIVE_KEYS.some((key) => changed.has(key) && (failed || !liveValid(input)));

/**
 * The `config` error for an option set that only another provider reads (nothing would happen with it), named
 * as its attribute (`declared(key)`: the element's declaration of that property), or undefined.
 */
export const foreignOptionError = (
  input: ConfigInput,
  provider: string,
  declared: (key: string) => { attribute?: unknown } | undefined,
): PayCheckoutError | undefined => {
  const key = foreignOption(provider, (option) => ![undefined, null, false, ''].includes(input[option as keyof ConfigInput] as never));
  const attribute = key && declared(key)?.attribute;
  return key ? new PayCheckoutError('config', `${typeof attribute == 'string' ? attribute : key} is not a ${provider} option`) : undefined;
};

/**
 * Checks that `currency` is an ISO 4217 code that formats in `locale` (throws `config`). A page's first money
 * formatting loads the browser's ICU data (~20 ms), so the element runs this once the provider's requests are
 * under way (readConfig's `currency: false`), not before.
 */
export const checkCurrency = (currency: string | undefined, locale: string): void => {
  if (!currency) return;
  try {
    if (!CURRENCY.test(currency)) throw 0;
    formatMoney(0, currency, locale);
  } catch {
    throw new PayCheckoutError('config', `invalid currency "${currency}" or locale "${locale}"`);
  }
};

/**
 * Reads and checks the configuration; throws a PayCheckoutError (`config`, `insecure-config`) for anything invalid.
 * With `currency: false` the currency is left to checkCurrency().
 */
export const readConfig = (
  input: ConfigInput,
  { locale, page, tokenIssuedAt, usedTokens }: ConfigContext,
  { currency: withCurrency = true } = {},
): ProviderConfig => {
  const { provider, currency, environment, sessionToken, tokenUrl, sessionTokenProvider, intent } = input;
  const { action, tokenLifetime = DEFAULT_TOKEN_LIFETIME_S, mode, sessionId, sessionUrl, sessionEndpoint } = input;
  // Script can assign anything to a property: check types before any value is used or shown.
  for (const key of STRING_KEYS) {
    if (input[key] != null && typeof input[key] != 'string') throw new PayCheckoutError('config', `${key} must be a string`);
  }
  if (!provider) throw new PayCheckoutError('config', 'provider is required');
  if (mode && !MODES.includes(mode)) throw new PayCheckoutError('config', `unknown mode "${mode}"`);
  if (!INTENTS.includes(intent as PayIntent)) throw new PayCheckoutError('config', `intent must be one of ${INTENTS}, not "${intent}"`);
  if (secretsIn(input)) throw new PayCheckoutError('insecure-config', 'a provider secret was given to the browser');
  const money = moneyError(input);
  if (money) throw new PayCheckoutError('config', money);
  if (!liveValid(input)) throw new PayCheckoutError('config', 'payload must be a plain object');
  if (!(typeof tokenLifetime == 'number' && tokenLifetime > 0 && tokenLifetime < Infinity)) {
    throw new PayCheckoutError('config', 'token-lifetime must be a positive number of seconds');
  }
  if (environment != 'sandbox' && environment != 'production') {
    throw new PayCheckoutError('config', `environment must be sandbox or production, not "${environment}"`);
  }
  if (withCurrency) checkCurrency(currency, locale);
  if (action) safeUrl(action, [], true, page);
  if (sessionTokenProvider != null && typeof sessionTokenProvider != 'function') {
    throw new PayCheckoutError('config', 'sessionTokenProvider must be a function');
  }
  return {
    provider,
    mode: mode || undefined,
    environment,
    sdkUrl: input.sdkUrl || undefined,
    sdkVersion: input.sdkVersion || '',
    tokens: {
      initial: sessionToken || undefined,
      initialIssuedAt: tokenIssuedAt,
      url: tokenUrl ? safeUrl(tokenUrl, [], true, page) : undefined,
      provider: sessionTokenProvider && (() => (input.sessionTokenProvider || sessionTokenProvider)()),
      lifetimeMs: tokenLifetime * 1000,
      used: usedTokens,
    },
    cards: input.cards,
    sessionId: sessionId || undefined,
    sessionUrl: sessionUrl || undefined,
    sessionEndpoint: sessionEndpoint ? safeUrl(sessionEndpoint, [], true, page) : undefined,
  };
};

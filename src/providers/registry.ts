// The registry the element loads providers from: the three built-in ones and any a page registers. Providers
// are imported lazily: a page pays only for the provider it uses.
import { PayCheckoutError, toPayError } from '../errors.js';
import { guard } from '../internal/async.js';
import { preparePaiwise } from './paiwise/origins.js';
import { preparePekoPay } from './pekopay/early.js';
import { prepareReepay } from './reepay/origins.js';
import type { PaymentProvider, ProviderContext, ProviderLoader, ProviderModule } from './types.js';

/** The element's properties only PekoPay reads that reload the payment method when they change. */
export const PEKOPAY_CONFIG = [
  'sessionToken',
  'tokenUrl',
  'sessionTokenProvider',
  'sdkUrl',
  'sdkVersion',
  'pekoCheckoutForm',
  'cards',
  'tokenLifetime',
] as const;
/** The element's properties only the hosted checkouts (Reepay, Paiwise) read; each reloads the payment method. */
export const HOSTED_CONFIG = ['sessionId', 'sessionUrl', 'sessionEndpoint'] as const;
/** Each provider's own properties: those above, with `mode`, and PekoPay's read while it runs. */
const PEKOPAY_OPTIONS = ['mode', ...PEKOPAY_CONFIG, 'offerSaveCard', 'customerId', 'action'];
const HOSTED_OPTIONS = ['mode', ...HOSTED_CONFIG];

/**
 * Each provider's loader, the provider-specific properties it reads (beyond those every provider reads), and
 * for a built-in one what the entry starts beside the loader (SDK, token, connection: see prepare()).
 */
const registry = new Map<string, [ProviderLoader, readonly string[], ((context: ProviderContext) => void)?]>([
  ['pekopay', [() => import('./pekopay/index.js'), PEKOPAY_OPTIONS, preparePekoPay]],
  ['reepay', [() => import('./reepay/index.js'), HOSTED_OPTIONS, prepareReepay]],
  ['paiwise', [() => import('./paiwise/index.js'), HOSTED_OPTIONS, preparePaiwise]],
]);

/**
 * Starts, beside the import of the provider's chunk, what that chunk will need first (PekoPay: the SDK's
 * import, the first token's fetch; hosted checkouts: a connection to the checkout's origin), so that a first
 * visit does not wait for them one after another.
 */
export const prepare = (context: ProviderContext): void => registry.get(context.config.provider)?.[2]?.(context);

/**
 * Adds or replaces a provider under `name` (`provider="name"`). `options`: the element's provider-specific
 * properties it reads (`'sessionId'`, `'action'` …); one that only other providers read is a `config` error.
 */
export const registerProvider = (name: string, loader: ProviderLoader, options: readonly string[] = []): void => {
  registry.set(name, [loader, options]);
};

/**
 * The first property that is set (`isSet`) which other providers read and `name` does not: nothing would
 * happen with it, so it is a mistake to report. Undefined when there is none.
 */
export const foreignOption = (name: string, isSet: (key: string) => boolean): string | undefined => {
  const own = registry.get(name)?.[1] ?? [];
  for (const [other, [, options]] of registry) {
    if (other != name) for (const key of options) if (!own.includes(key) && isSet(key)) return key;
  }
  return undefined;
};

/** Each loader's module once asked for: a later mount takes the settled promise and skips a task hop. */
const loaded = new Map<ProviderLoader, Promise<ProviderModule>>();

/** The loader for `name`, or undefined for an unknown provider. A failed load is tried again next time. */
export const providerLoader = (name: string): ProviderLoader | undefined => {
  const loader = registry.get(name)?.[0];
  return (
    loader &&
    (() => {
      let module = loaded.get(loader);
      if (!module) {
        module = loader().catch((error: unknown) => {
          loaded.delete(loader);
          throw error;
        });
        loaded.set(loader, module);
      }
      return module;
    })
  );
};

/**
 * Loads a provider's module with what the element needs beside it (`also`: in a form, the form behaviour), within
 * `sdk`; checks the configuration against the module; then creates its adapter, hands it to `created` and mounts
 * it. Every failure is the context's (`sdk-load`, or the module's own error).
 */
export const loadAdapter = (
  loader: ProviderLoader,
  context: ProviderContext,
  also: () => unknown,
  created: (adapter: PaymentProvider) => void,
): void => {
  const { config, signal } = context;
  const { provider } = config;
  guard(
    Promise.all([loader(), also()]).then(
      ([module]) => module,
      (error: Error) => {
        throw new PayCheckoutError('sdk-load', `could not load the ${provider} provider: ${error.message}`);
      },
    ),
    context.timeouts.sdk,
    signal,
    'sdk-load',
    `the ${provider} provider`,
  )
    .then((module) => {
      if (signal.aborted) return;
      const invalid = module.validate?.(config);
      if (invalid) throw invalid;
      const adapter = module.create(context);
      created(adapter);
      return adapter.mount();
    })
    .catch((error: unknown) => context.fail(toPayError(error, 'sdk-load')));
};

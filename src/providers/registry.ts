// The registry the element loads providers from: the three built-in ones and any a page registers. Providers
// are imported lazily: a page pays only for the provider it uses.
import type { ProviderLoader, ProviderModule } from './types.js';

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

/** Each provider's loader, and the provider-specific properties it reads (beyond those every provider reads). */
const registry = new Map<string, [ProviderLoader, readonly string[]]>([
  ['pekopay', [() => import('./pekopay/index.js'), PEKOPAY_OPTIONS]],
  ['reepay', [() => import('./reepay/index.js'), HOSTED_OPTIONS]],
  ['paiwise', [() => import('./paiwise/index.js'), HOSTED_OPTIONS]],
]);

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

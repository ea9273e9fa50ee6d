// The registry the element loads providers from: the three built-in ones and any a page registers. Providers
// are imported lazily: a page pays only for the provider it uses.
import type { ProviderLoader, ProviderModule } from './types.js';

const registry = new Map<string, ProviderLoader>([
  ['pekopay', () => import('./pekopay/index.js')],
  ['reepay', () => import('./reepay/index.js')],
  ['paiwise', () => import('./paiwise/index.js')],
]);

/** Adds or replaces a provider under `name` (`provider="name"`). */
export const registerProvider = (name: string, loader: ProviderLoader): void => {
  registry.set(name, loader);
};

/** Each loader's module once asked for: a later mount takes the settled promise and skips a task hop. */
const loaded = new Map<ProviderLoader, Promise<ProviderModule>>();

/** The loader for `name`, or undefined for an unknown provider. A failed load is tried again next time. */
export const providerLoader = (name: string): ProviderLoader | undefined => {
  const loader = registry.get(name);
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

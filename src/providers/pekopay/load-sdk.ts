// Where the `@pekopay/web` SDK comes from: what the page injected (the element's property, the class's, then a
// global script tag), else `import(sdk-url)` (allow-listed; usually started by the entry already: ./early.ts),
// within its time limit.
import { PayCheckoutError } from '../../errors.js';
import { guard } from '../../internal/async.js';
import type { ProviderContext } from '../types.js';
import { importSdk, injectedSdk, isFormStatic, sdkUrl } from './sdk-source.js';
import type { PekoCheckoutFormStatic } from './sdk.js';

/** Injected by property, then statically, then a global script tag; `import(sdk-url)` last. */
export const loadSdk = async (context: ProviderContext): Promise<PekoCheckoutFormStatic> => {
  const { config, signal, timeouts } = context;
  const injected = injectedSdk(context);
  if (injected) return injected;
  const url = sdkUrl(config).href;
  const module = await guard(importSdk(url), timeouts.sdk, signal, 'sdk-load', `import(${url})`);
  if (!isFormStatic(module.PekoCheckoutForm)) {
    throw new PayCheckoutError('sdk-load', `${url} does not export PekoCheckoutForm`);
  }
  return module.PekoCheckoutForm;
};

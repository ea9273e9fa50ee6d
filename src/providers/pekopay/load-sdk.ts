// Where the `@pekopay/web` SDK comes from: what the page injected (the element's property, the class's, then a
// global script tag), else `import(sdk-url)`, allow-listed and within its time limit.
import { PayCheckoutError } from '../../errors.js';
import { guard } from '../../internal/async.js';
import { safeUrl } from '../../internal/safe-url.js';
import type { ProviderConfig, ProviderContext } from '../types.js';
import type { PekoCheckoutFormStatic, PekoSdkModule } from './sdk.js';

/** The `@pekopay/web` version loaded when neither `sdk-url` nor `sdk-version` says otherwise. */
export const PEKOPAY_SDK_VERSION = '1.0.0';
const SDK_PREFIX = 'https://cdn.jsdelivr.net/npm/@pekopay/web@';

const isFormStatic = (value: unknown): value is PekoCheckoutFormStatic =>
  typeof (value as PekoCheckoutFormStatic | undefined)?.initialize == 'function';

/** The SDK module's URL: `sdk-url`, else jsDelivr's at `sdk-version`. Throws when it is not allowed. */
export const sdkUrl = (config: ProviderConfig): URL =>
  safeUrl(config.sdkUrl || `${SDK_PREFIX}${config.sdkVersion || PEKOPAY_SDK_VERSION}/dist/index.js`, [SDK_PREFIX]);

/** SDK modules by URL, kept once asked for (dropped when the import fails, so that it is tried again). */
const sdkModules = new Map<string, Promise<Partial<PekoSdkModule>>>();

/** Injected by property, then statically, then a global script tag; `import(sdk-url)` last. */
export const loadSdk = async (context: ProviderContext): Promise<PekoCheckoutFormStatic> => {
  const { config, signal, timeouts } = context;
  const injected = [...context.injectedSdks(), (globalThis as { PekoCheckoutForm?: unknown }).PekoCheckoutForm].find(isFormStatic);
  if (injected) return injected;
  const url = sdkUrl(config).href;
  let importing = sdkModules.get(url);
  if (!importing) {
    importing = import(/* @vite-ignore */ /* webpackIgnore: true */ url).catch((error: Error) => {
      sdkModules.delete(url);
      throw new PayCheckoutError('sdk-load', `could not import ${url}: ${error.message}`);
    }) as Promise<Partial<PekoSdkModule>>;
    sdkModules.set(url, importing);
  }
  const module = await guard(importing, timeouts.sdk, signal, 'sdk-load', `import(${url})`);
  if (!isFormStatic(module.PekoCheckoutForm)) {
    throw new PayCheckoutError('sdk-load', `${url} does not export PekoCheckoutForm`);
  }
  return module.PekoCheckoutForm;
};

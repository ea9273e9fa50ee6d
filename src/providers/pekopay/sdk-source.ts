// Where the `@pekopay/web` SDK comes from, shared by the entry (./early.ts starts the import) and the card
// fields' chunk (./load-sdk.ts waits for it): its allow-listed URL, one import per URL, and the SDK a page injected.
import { PayCheckoutError } from '../../errors.js';
import { safeUrl } from '../../internal/safe-url.js';
import type { ProviderConfig, ProviderContext } from '../types.js';
import type { PekoCheckoutFormStatic, PekoSdkModule } from './sdk.js';

/** The `@pekopay/web` version loaded when neither `sdk-url` nor `sdk-version` says otherwise. */
export const PEKOPAY_SDK_VERSION = '1.0.0';
const SDK_PREFIX = 'https://cdn.jsdelivr.net/npm/@pekopay/web@';

/** The SDK module's URL: `sdk-url`, else jsDelivr's at `sdk-version`. Throws when it is not allowed. */
export const sdkUrl = (config: ProviderConfig): URL =>
  safeUrl(config.sdkUrl || `${SDK_PREFIX}${config.sdkVersion || PEKOPAY_SDK_VERSION}/dist/index.js`, [SDK_PREFIX]);

/** SDK modules by URL, kept once asked for (dropped when the import fails, so that it is tried again). */
const sdkModules = new Map<string, Promise<Partial<PekoSdkModule>>>();

/** `import(url)`, once per URL; rejects with `sdk-load`. */
export const importSdk = (url: string): Promise<Partial<PekoSdkModule>> => {
  let importing = sdkModules.get(url);
  if (!importing) {
    importing = import(/* @vite-ignore */ /* webpackIgnore: true */ url).catch((error: Error) => {
      sdkModules.delete(url);
      throw new PayCheckoutError('sdk-load', `could not import ${url}: ${error.message}`);
    }) as Promise<Partial<PekoSdkModule>>;
    sdkModules.set(url, importing);
  }
  return importing;
};

export const isFormStatic = (value: unknown): value is PekoCheckoutFormStatic =>
  typeof (value as PekoCheckoutFormStatic | undefined)?.initialize == 'function';

/** The SDK the page injected: by the element's property, the class's, or a global script tag. */
export const injectedSdk = (context: ProviderContext): PekoCheckoutFormStatic | undefined =>
  [...context.injectedSdks(), (globalThis as { PekoCheckoutForm?: unknown }).PekoCheckoutForm].find(isFormStatic);

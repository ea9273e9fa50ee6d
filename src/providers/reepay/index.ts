// Reepay Checkout: the hosted checkout in a frame inside the element (`iframe`, `modal`) or a full-page
// redirect. This half, loaded with the element's provider, reads the session; ./page.ts, loaded when the
// checkout opens, speaks the frame protocol.
import type { PayCheckoutError } from '../../errors.js';
import { safeUrl } from '../../internal/safe-url.js';
import { createHostedCheckout, sessionIdOf, validateHosted } from '../hosted/hosted-checkout.js';
import type { HostedProvider } from '../hosted/types.js';
import type { PaymentProvider, ProviderConfig, ProviderContext } from '../types.js';
import { REEPAY_CHECKOUT, reepayOrigins } from './origins.js';
import type { ReepaySession } from './session.js';

const SESSION_ID = /^(cs|pa)_[a-f0-9]{32}$/;
/** A session URL's fragment: `#/cs_…`, `#/checkout/cs_…` or `#/subscription/cs_…`. */
const SESSION_HASH = /^#\/(?:(checkout|subscription)\/)?([^/]+)$/;

const reepay = (environment: ProviderConfig['environment']): HostedProvider<ReepaySession> => ({
  session(id, url) {
    let base = new URL(REEPAY_CHECKOUT);
    let parsed: URL | undefined;
    let match: RegExpExecArray | null = null;
    if (url) {
      parsed = safeUrl(url, reepayOrigins(environment));
      match = SESSION_HASH.exec(parsed.hash);
      base = new URL(parsed);
      base.hash = '';
    }
    // A fragment that names no session is refused as the id it would have to be.
    const fromUrl = match ? match[2] : parsed?.hash;
    return { id: sessionIdOf(id, fromUrl, SESSION_ID), base, url: parsed, subscription: match?.[1] == 'subscription' };
  },
  page: async () => (await import('./page.js')).page,
});

export const validate = (config: ProviderConfig): PayCheckoutError | undefined => validateHosted(config, reepay(config.environment));

export const create = (context: ProviderContext): PaymentProvider => createHostedCheckout(context, reepay(context.config.environment));

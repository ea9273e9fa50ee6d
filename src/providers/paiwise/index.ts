// Paiwise hosted checkout: the checkout page in a frame inside the element (`iframe`, `modal`) or a full-page
// redirect. This half, loaded with the element's provider, reads the checkout; ./page.ts, loaded when the
// checkout opens, tells where the page came back to.
import { PayCheckoutError } from '../../errors.js';
import { safeUrl } from '../../internal/safe-url.js';
import { createHostedCheckout, sessionIdOf, validateHosted } from '../hosted/hosted-checkout.js';
import type { HostedProvider } from '../hosted/types.js';
import type { PaymentProvider, ProviderConfig, ProviderContext } from '../types.js';
import { PAIWISE_ORIGINS } from './origins.js';
import type { PaiwiseSession } from './session.js';

/** Paiwise does not publish its id format: anything URL-safe and of sane length. */
const CHECKOUT_ID = /^[\w-]{1,128}$/;

const paiwise: HostedProvider<PaiwiseSession> = {
  session(id, url) {
    if (!url) throw new PayCheckoutError('config', 'session-id needs session-url, the checkout page');
    // The seed names one Paiwise host, its API's, and the hosted page's URL comes from that API's answer: we
    // assume the page is served from it too, test keys and live keys alike. Any other origin (the local
    // sandbox's) only through `PayCheckout.allowOrigins()`.
    const parsed = safeUrl(url, PAIWISE_ORIGINS);
    return { id: sessionIdOf(id, parsed.searchParams.get('checkout_id'), CHECKOUT_ID), url: parsed };
  },
  page: async () => (await import('./page.js')).page,
};

export const validate = (config: ProviderConfig): PayCheckoutError | undefined => validateHosted(config, paiwise);

export const create = (context: ProviderContext): PaymentProvider => createHostedCheckout(context, paiwise);

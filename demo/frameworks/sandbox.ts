// What the framework demos share: the local sandbox's URLs. The PekoPay SDK stand-in and its card frame
// come from 127.0.0.1 — the same demo server, another origin to the browser — and the token endpoint is
// the demo merchant backend on the page's own origin.
import { PayCheckout } from 'pay-checkout';

export const sandboxOrigin = `${location.protocol}//127.0.0.1${location.port ? `:${location.port}` : ''}`;

/** The attributes every demo gives <pay-checkout>: a CA$99.00 PekoPay payment against the sandbox. */
export const checkoutConfig = {
  provider: 'pekopay',
  environment: 'sandbox',
  sdkUrl: `${sandboxOrigin}/sandbox/pekopay/web/dist/index.js`,
  tokenUrl: '/api/pekopay/token',
  amount: 9900,
  currency: 'CAD',
} as const;

// The element accepts only https provider origins unless the page allows others from script.
PayCheckout.allowOrigins([sandboxOrigin]);

// Where Reepay's hosted checkout is served: read by the entry (a `preconnect` before the chunk arrives) and
// by the chunk (the allow-list of `session-url`).
import { preconnect } from '../hosted/early.js';
import type { ProviderConfig, ProviderContext } from '../types.js';

/** The checkout a bare `session-id` opens: Reepay test accounts use the production checkout too. */
export const REEPAY_CHECKOUT = 'https://checkout.reepay.com/';

/** Checkout origins per environment; any other only through `PayCheckout.allowOrigins()`. */
export const reepayOrigins = (environment: ProviderConfig['environment']): string[] =>
  environment == 'sandbox' ? [REEPAY_CHECKOUT, 'https://staging-checkout.reepay.com/'] : [REEPAY_CHECKOUT];

/**
 * The checkout's origin, connected to early: the given session's, else the production checkout's (where a
 * session from `session-endpoint` opens in production; in the sandbox environment it may open elsewhere).
 */
export const prepareReepay = ({ config: { sessionUrl, sessionId, environment } }: ProviderContext): void => {
  if (sessionUrl || sessionId || environment == 'production') {
    preconnect(sessionUrl || REEPAY_CHECKOUT, reepayOrigins(environment));
  }
};

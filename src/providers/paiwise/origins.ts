// Where Paiwise's hosted page is served: read by the entry (a `preconnect` before the chunk arrives) and by
// the chunk (the allow-list of `session-url`).
import { preconnect } from '../hosted/early.js';
import type { ProviderContext } from '../types.js';

/** The one Paiwise host the seed names (see ./index.ts); any other only through `PayCheckout.allowOrigins()`. */
export const PAIWISE_ORIGINS = ['https://api.paiwise.com/'];

/** The hosted page's origin, connected to early when `session-url` names it. */
export const preparePaiwise = ({ config: { sessionUrl } }: ProviderContext): void => {
  if (sessionUrl) preconnect(sessionUrl, PAIWISE_ORIGINS);
};

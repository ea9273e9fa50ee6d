// A Reepay Checkout session, as ./index.ts reads it from `session-id` / `session-url` (or a session endpoint's
// answer) and ./page.ts opens it.
import type { HostedSession } from '../hosted/types.js';

export interface ReepaySession extends HostedSession {
  /** The checkout page's URL without its fragment: its origin is the one messages must come from. */
  readonly base: URL;
  /** The session URL as given (redirect mode goes there). */
  readonly url: URL | undefined;
  /** A subscription session (`#/subscription/…`): another content type and preload page. */
  readonly subscription: boolean;
}

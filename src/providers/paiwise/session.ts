// A Paiwise checkout, as ./index.ts reads it from `session-id` / `session-url` (or a session endpoint's answer)
// and ./page.ts opens it.
import type { HostedSession } from '../hosted/types.js';

export interface PaiwiseSession extends HostedSession {
  /** The hosted checkout page (allow-listed). */
  readonly url: URL;
}

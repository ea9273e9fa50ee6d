// The interfaces of a hosted checkout (Reepay, Paiwise): the session, the provider's two halves (what is needed
// before `pay-ready`, and its page code, loaded later), and how a hosted page reports back.
import type { PayCompleteDetail } from '../../events/pay-complete.js';
import type { ProviderContext } from '../types.js';

export type HostedMode = 'redirect' | 'iframe' | 'modal';

/** A hosted session, as the provider understood it from `session-id` / `session-url` or the endpoint. */
export interface HostedSession {
  readonly id: string;
}

/** How a provider's hosted page reports back. Calls after the first outcome are ignored. */
export interface HostedPageEvents {
  /** The page is ready to be seen: an inline frame is revealed, a modal opens. */
  shown(): void;
  /** Accepted (`redirected: false`). */
  complete(detail: PayCompleteDetail): void;
  /** Left without paying: `cancel` (the payer chose to) or `close` (the page closed itself). */
  cancel(reason: 'cancel' | 'close'): void;
  /** The session failed (expired, unknown …), for `reason`: a `session` error, the element shows it and stops. */
  fail(reason: string): void;
}

/** What a page the provider redirected back to says. */
export interface HostedReturn {
  /** The session id the URL claims: re-emitted only if it is the one this tab left for. */
  sessionId: string;
  /** The accepted result (`redirected: true`), or undefined for a cancel. */
  complete: PayCompleteDetail | undefined;
}

/** The provider-specific half of a hosted checkout needed before `pay-ready`. */
export interface HostedProvider<Session extends HostedSession> {
  /**
   * The session named by `id` and/or `url` (`session-id` / `session-url`, or a session endpoint's
   * answer; never both missing). Throws `config` for an id that is not the provider's,
   * `insecure-config` for a URL outside the provider's allow-list for the environment.
   */
  session(id: string | undefined, url: string | undefined): Session;
  /** Imports the provider's page half (a dynamic `import()`), for this element. */
  page(): Promise<(context: ProviderContext) => HostedPage<Session>>;
}

/** The provider-specific half of a hosted checkout needed only to open its page or read a return. */
export interface HostedPage<Session extends HostedSession> {
  /** Where `mode="redirect"` navigates. */
  windowUrl(session: Session): URL;
  /**
   * Fields the element adds to what it POSTs to the session endpoint (after the host's `payload`, before
   * `provider` and `mode`), e.g. where the provider's page returns to. Throws `config` for a payload it
   * cannot work with.
   */
  sessionFields?(): Record<string, unknown>;
  /**
   * Points `frame` (not yet in the document) at the session's page for `mode` and listens to it until
   * `signal` aborts, reporting through `events`: `shown()` once the page can be seen (within
   * `PayCheckout.timeouts.mount`, or the element reports `frame-load`), then one outcome. May throw a
   * PayCheckoutError instead, before anything loads.
   */
  connect(frame: HTMLIFrameElement, session: Session, mode: 'iframe' | 'modal', events: HostedPageEvents, signal: AbortSignal): void;
  /** The redirect result this page's URL holds, if it looks like one. */
  returned(location: URL): HostedReturn | undefined;
}

/** A hosted checkout's page code at work for one element (./page.ts). */
export interface HostedRun {
  /** Re-emits the result of a redirect this page came back from; true when it completed the payment. */
  back(): boolean;
  /**
   * Opens the session (given, or from the endpoint) in its mode, unless a hosted page is open (it takes the
   * payment); `returnFocus` gets focus when a modal closes.
   */
  submit(returnFocus: HTMLElement | null): Promise<void>;
  /** Ends the hosted page that is open, if any. */
  close(): void;
}

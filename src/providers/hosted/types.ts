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

/** The URLs a session returns to; either may be unknown. */
export interface ReturnUrls {
  /** Where a paid (accepted) checkout returns. */
  readonly accept?: URL | undefined;
  /** Where an abandoned checkout returns. */
  readonly cancel?: URL | undefined;
}

export type ReturnOutcome = 'complete' | 'cancel';

/** How a provider's return URLs are given and read (./return-urls.ts matches them, for every provider). */
export interface ReturnRules {
  /**
   * The payload's fields that name the accept and cancel URLs (same origin), also the names under which the
   * element sends the URLs it knows to the session endpoint, absolute.
   */
  readonly fields: readonly [accept: string, cancel: string];
  /** The URL for `outcome` when the host names none: undefined for none (unknown). */
  defaultUrl?(outcome: ReturnOutcome): URL;
  /** The query parameter the provider adds with the session id. */
  readonly idParam: string;
  /** At one URL used for both outcomes: true when `here` is the cancel. */
  canceledAtShared(here: URL): boolean;
  /** When neither URL is known: the outcome `here`'s parameters stand for, if any. */
  byParameters?(here: URL): ReturnOutcome | undefined;
  /** The result of an accepted return at `here` for session `id`, or undefined when its parameters are not one. */
  completed(id: string, here: URL, redirected: boolean): PayCompleteDetail | undefined;
}

/**
 * Starts matching the frame's locations against the session's return URLs (a return ends the page); any other
 * location goes to `notReturn`: undefined when this page cannot read it (another origin's page), else the
 * location on this origin.
 */
export type WatchReturns = (notReturn: (here: URL | undefined) => void) => void;

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
  /** How the provider's return URLs are given and read, after a redirect and in a frame alike. */
  readonly returns: ReturnRules;
  /**
   * Points `frame` (not yet in the document) at the session's page for `mode` and listens to it until
   * `signal` aborts, reporting through `events`: `shown()` once the page can be seen (within
   * `PayCheckout.timeouts.mount`, or the element reports `frame-load`), then one outcome, from the page's
   * messages or, once it calls `watchReturns`, the frame coming back to a return URL. May throw a
   * PayCheckoutError instead, before anything loads.
   */
  connect(
    frame: HTMLIFrameElement,
    session: Session,
    mode: 'iframe' | 'modal',
    events: HostedPageEvents,
    signal: AbortSignal,
    watchReturns: WatchReturns,
  ): void;
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
  /** A page (inline frame or modal) is open. */
  isOpen(): boolean;
}

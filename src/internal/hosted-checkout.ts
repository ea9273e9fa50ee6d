// What every hosted checkout shares (Reepay, Paiwise): where the session comes from (given, or
// the host's session endpoint on submit), the three modes (a redirect, an inline frame, a modal), redirect
// return recovery, and turning a hosted page's outcome into the element's events. A provider supplies only
// what differs: its ids and URLs, and how its page reports an outcome.
import { PayCheckoutError, toPayError } from '../errors.js';
import type { PayCompleteDetail } from '../events/pay-complete.js';
import type { PaymentProvider, ProviderConfig, ProviderContext } from '../providers/provider.js';
import { sleep } from './async.js';
import { activeElement, createHostedDialog } from './hosted-dialog.js';
import { createHostedFrame } from './hosted-frame.js';
import { adoptHostedStyles } from './hosted-styles.js';
import { rememberRedirect, takeRedirect } from './redirect-return.js';
import { requestSession } from './session-endpoint.js';

export type HostedMode = 'redirect' | 'iframe' | 'modal';
export const HOSTED_MODES: readonly string[] = ['redirect', 'iframe', 'modal'];
/** Without `mode`, a hosted checkout opens in a modal: the payer stays on the page, and it needs no layout space. */
export const DEFAULT_HOSTED_MODE: HostedMode = 'modal';

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
  /** The session failed (expired, unknown …): the element shows the error and stops. */
  fail(error: PayCheckoutError): void;
}

/** What a page the provider redirected back to says. */
export interface HostedReturn {
  /** The session id the URL claims: re-emitted only if it is the one this tab left for. */
  sessionId: string;
  /** The accepted result (`redirected: true`), or undefined for a cancel. */
  complete: PayCompleteDetail | undefined;
}

/** The provider-specific half of a hosted checkout. */
export interface HostedProvider<Session extends HostedSession> {
  /**
   * The session named by `id` and/or `url` (`session-id` / `session-url`, or a session endpoint's
   * answer), or undefined when both are missing. Throws `config` for an id that is not the provider's,
   * `insecure-config` for a URL outside the provider's allow-list for the environment.
   */
  session(id: string | undefined, url: string | undefined): Session | undefined;
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

/** Configuration errors of a hosted checkout, before anything loads. */
export const validateHosted = (
  config: ProviderConfig,
  provider: HostedProvider<HostedSession>,
): PayCheckoutError | undefined => {
  const name = config.provider;
  if (config.mode && !HOSTED_MODES.includes(config.mode)) {
    return new PayCheckoutError('config', `${name} supports mode redirect, iframe or modal, not "${config.mode}"`);
  }
  try {
    if (!provider.session(config.sessionId, config.sessionUrl) && !config.sessionEndpoint) {
      return new PayCheckoutError('config', `${name} needs session-id, session-url or session-endpoint`);
    }
  } catch (error) {
    return error as PayCheckoutError;
  }
  return undefined;
};

export const createHostedCheckout = <Session extends HostedSession>(
  context: ProviderContext,
  provider: HostedProvider<Session>,
): PaymentProvider => {
  const { config, signal, timeouts, texts } = context;
  const name = config.provider;
  const mode = (config.mode || DEFAULT_HOSTED_MODE) as HostedMode;
  const given = provider.session(config.sessionId, config.sessionUrl);
  /** Ends the hosted page that is open, if any. */
  let closePage: (() => void) | undefined;

  const sessionFromEndpoint = async (): Promise<Session> => {
    const answer = await requestSession(
      config.sessionEndpoint!,
      { ...context.payload(), ...provider.sessionFields?.(), provider: name, mode },
      timeouts.session,
      signal,
    );
    try {
      return provider.session(answer.id, answer.url)!;
    } catch (error) {
      // A malformed answer is the host backend's failure, not the page's configuration; a URL outside the
      // allow-list stays a security refusal.
      const { code, reason } = error as PayCheckoutError;
      throw code == 'config' ? new PayCheckoutError('session', `session-endpoint answered ${reason}`) : error;
    }
  };

  /**
   * Opens `session` in an inline frame or a modal; resolves once it can be seen (or ended first). A modal
   * returns focus to `returnFocus` when it closes.
   */
  const openPage = (session: Session, pageMode: 'iframe' | 'modal', returnFocus?: HTMLElement | null): Promise<void> =>
    new Promise((resolve, reject) => {
      const page = new AbortController();
      const pageSignal = AbortSignal.any([signal, page.signal]);
      const region = context.hostedRegion();
      adoptHostedStyles(region.getRootNode());
      let shown = false;
      let ended = false;
      const timer = setTimeout(
        () => end(() => reject(new PayCheckoutError('frame-load', `the ${name} checkout page did not open within ${timeouts.mount} ms`))),
        timeouts.mount,
      );
      const end = (then: () => void) => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        closePage = undefined;
        page.abort();
        if (pageMode == 'iframe') context.inline(false);
        then();
        resolve();
      };
      closePage = () => end(() => {});
      signal.addEventListener('abort', () => end(() => {}), { once: true, signal: page.signal });

      const frame = createHostedFrame(texts.hostedFrame);
      const dialog =
        pageMode == 'modal'
          ? createHostedDialog({
              container: region,
              label: texts.hostedDialog,
              closeLabel: texts.closeHosted,
              onCancel: () => events.cancel('cancel'),
              signal: pageSignal,
              returnFocus,
            })
          : undefined;
      const events: HostedPageEvents = {
        shown() {
          if (shown || ended) return;
          shown = true;
          clearTimeout(timer);
          frame.hidden = false;
          if (dialog) dialog.open(frame);
          else context.inline(true);
          resolve();
        },
        complete: (detail) => end(() => context.complete(detail)),
        cancel: (reason) => end(() => context.cancel({ provider: name, sessionId: session.id, redirected: false, reason })),
        // Before the page was seen, the failure is the submit's (or the mount's); after, the element's.
        fail: (error) => end(() => (shown ? context.fail(error) : reject(error))),
      };
      try {
        provider.connect(frame, session, pageMode, events, pageSignal);
      } catch (error) {
        events.fail(toPayError(error, 'config'));
        return;
      }
      pageSignal.addEventListener('abort', () => frame.remove(), { once: true });
      frame.hidden = true;
      (dialog?.body ?? region).append(frame);
    });

  const leaveFor = async (session: Session): Promise<void> => {
    const url = provider.windowUrl(session);
    if (!context.redirect({ provider: name, sessionId: session.id, url: url.href })) return;
    rememberRedirect(name, session.id);
    location.assign(url.href);
    // Still here long after: the navigation never happened. Let the payer try again.
    await sleep(timeouts.submit, signal);
    throw new PayCheckoutError('timeout', `the page did not leave for the ${name} checkout within ${timeouts.submit} ms`);
  };

  return {
    async mount() {
      const back = provider.returned(new URL(location.href));
      if (back && takeRedirect(name, back.sessionId)) {
        if (back.complete) {
          context.complete(back.complete);
          return;
        }
        context.cancel({ provider: name, sessionId: back.sessionId, redirected: true, reason: 'cancel' });
      }
      // A given session in an inline frame is shown at once: the page has its own Pay button.
      if (mode == 'iframe' && given) await openPage(given, mode);
      context.ready();
    },

    async submit() {
      if (closePage) return; // a hosted page is open: it takes the payment
      // Where focus goes back to when the hosted page closes: read before anything else takes it.
      const returnFocus = activeElement();
      const session = given ?? (await sessionFromEndpoint());
      if (signal.aborted) return;
      if (mode == 'redirect') await leaveFor(session);
      else await openPage(session, mode, returnFocus);
    },

    unmount() {
      closePage?.();
    },
  };
};

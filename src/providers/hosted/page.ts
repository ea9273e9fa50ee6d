// The part of a hosted checkout (Reepay, Paiwise) loaded only when a page is opened or a redirect comes
// back (./hosted-checkout.ts imports it): the session from the host's endpoint, the three modes (a redirect;
// an inline frame or a modal, ./frame.ts), where the session returns (./return-urls.ts), and redirect-return
// recovery.
import { PayCheckoutError } from '../../errors.js';
import { sleep } from '../../internal/async.js';
import type { ProviderContext } from '../types.js';
import { openPage, type OpenPage } from './frame.js';
import { redirectUrls, rememberRedirect, takeRedirect } from './redirect-return.js';
import { answeredReturnUrls, ownReturnUrls, returnFields, returnOf } from './return-urls.js';
import { requestSession } from './session-endpoint.js';
import type { HostedMode, HostedPage, HostedProvider, HostedRun, HostedSession, ReturnUrls } from './types.js';

/** True once this page is shown again from the back/forward cache (the payer went Back to it). */
const shownAgain = (signal: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => addEventListener('pageshow', (event) => event.persisted && resolve(true), { signal }));

/** Leaves for the session's page (unless `pay-redirect` was prevented); settles only if this page is shown again. */
const leaveFor = async <Session extends HostedSession>(
  context: ProviderContext,
  page: HostedPage<Session>,
  session: Session,
  urls: ReturnUrls,
): Promise<void> => {
  const { signal, timeouts } = context;
  const name = context.config.provider;
  const { href } = page.windowUrl(session);
  if (!context.redirect({ provider: name, sessionId: session.id, url: href })) return;
  rememberRedirect(name, session.id, urls);
  location.assign(href);
  // Shown again from the back/forward cache: the payer came Back, unpaid as far as this page can tell while the
  // record names the session. It stays: Forward to the checkout, paid, still comes back to a page that takes it.
  // Gone, a return page took it (and reported the outcome): nothing to say here but ready again. Still here long
  // after: it never left.
  if (await Promise.race([shownAgain(signal), sleep(timeouts.submit, signal)])) {
    if (redirectUrls(name).id == session.id) context.cancel({ provider: name, sessionId: session.id, redirected: true, reason: 'cancel' });
    return;
  }
  throw new PayCheckoutError('timeout', `no redirect within ${timeouts.submit} ms`);
};

export const hostedRun = <Session extends HostedSession>(
  context: ProviderContext,
  provider: HostedProvider<Session>,
  page: HostedPage<Session>,
  mode: HostedMode,
  given: Session | undefined,
): HostedRun => {
  const { config, signal, timeouts } = context;
  const name = config.provider;
  const open: OpenPage = {};

  /** Where a session returns, as the page names it (`payload`, or defaults): checked before anything is asked. */
  const ownUrls = () => ownReturnUrls(context.payload(), page.returns);

  /** A session from the host's endpoint, and where it returns (the answer's URLs, else the page's own). */
  const sessionFromEndpoint = async (): Promise<[Session, ReturnUrls]> => {
    const own = ownUrls();
    const { id, url, ...answered } = await requestSession(
      config.sessionEndpoint!,
      { ...context.payload(), ...returnFields(own, page.returns.fields), provider: name, mode },
      timeouts.session,
      signal,
    );
    let session: Session;
    try {
      session = provider.session(id, url);
    } catch (error) {
      // A malformed answer is the host backend's failure, not the page's configuration; a URL outside the
      // allow-list stays a security refusal.
      const { code, reason } = error as PayCheckoutError;
      throw code == 'config' ? new PayCheckoutError('session', `session-endpoint answered ${reason}`) : error;
    }
    return [session, answeredReturnUrls(answered, own)];
  };

  return {
    back() {
      // The record is taken only for an element that can still report it (not one a change restarted meanwhile).
      if (signal.aborted) return false;
      // Matched against the URLs known when this tab left: the page it comes back to may hold another payload.
      const left = redirectUrls(name);
      const [here, back] = returnOf(window, left, page.returns);
      // A return to a URL this tab left for, without an id (the provider need not add one: Paiwise's documents
      // say nothing of it), is that session's.
      const sessionId = back && (back.sessionId ?? left.id);
      // A return whose parameters are not a result is no return: the record waits for the real one.
      const complete = back?.outcome == 'complete' && sessionId ? page.returns.completed(sessionId, here, true) : undefined;
      if (!sessionId || (back.outcome == 'complete' && !complete) || !takeRedirect(name, sessionId)) return false;
      if (complete) context.complete(complete);
      else context.cancel({ provider: name, sessionId, redirected: true, reason: 'cancel' });
      return !!complete;
    },

    async submit(returnFocus) {
      if (open.close) return;
      const [session, urls] = given ? [given, ownUrls()] : await sessionFromEndpoint();
      if (signal.aborted) return;
      if (mode == 'redirect') await leaveFor(context, page, session, urls);
      else await openPage(context, page, session, urls, mode, returnFocus, open);
    },

    close() {
      open.close?.();
    },

    isOpen: () => !!open.close,
  };
};

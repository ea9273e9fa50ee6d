// The part of a hosted checkout (Reepay, Paiwise) loaded only when a page is opened or a redirect comes
// back (./hosted-checkout.ts imports it): the session from the host's endpoint, the three modes (a redirect;
// an inline frame or a modal, ./frame.ts), and redirect-return recovery.
import { PayCheckoutError } from '../../errors.js';
import { sleep } from '../../internal/async.js';
import type { ProviderContext } from '../types.js';
import { openPage, type OpenPage } from './frame.js';
import { rememberRedirect, takeRedirect } from './redirect-return.js';
import { requestSession } from './session-endpoint.js';
import type { HostedMode, HostedPage, HostedProvider, HostedRun, HostedSession } from './types.js';

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

  const sessionFromEndpoint = async (): Promise<Session> => {
    const { id, url } = await requestSession(
      config.sessionEndpoint!,
      { ...context.payload(), ...page.sessionFields?.(), provider: name, mode },
      timeouts.session,
      signal,
    );
    try {
      return provider.session(id, url);
    } catch (error) {
      // A malformed answer is the host backend's failure, not the page's configuration; a URL outside the
      // allow-list stays a security refusal.
      const { code, reason } = error as PayCheckoutError;
      throw code == 'config' ? new PayCheckoutError('session', `session-endpoint answered ${reason}`) : error;
    }
  };

  const leaveFor = async (session: Session): Promise<void> => {
    const { href } = page.windowUrl(session);
    if (!context.redirect({ provider: name, sessionId: session.id, url: href })) return;
    rememberRedirect(name, session.id);
    location.assign(href);
    // Still here long after: the navigation never happened. Let the payer try again.
    await sleep(timeouts.submit, signal);
    throw new PayCheckoutError('timeout', `no redirect within ${timeouts.submit} ms`);
  };

  return {
    back() {
      const back = page.returned(new URL(location.href));
      if (!back || !takeRedirect(name, back.sessionId)) return false;
      if (back.complete) {
        context.complete(back.complete);
        return true;
      }
      context.cancel({ provider: name, sessionId: back.sessionId, redirected: true, reason: 'cancel' });
      return false;
    },

    async submit(returnFocus) {
      if (open.close) return;
      const session = given ?? (await sessionFromEndpoint());
      if (signal.aborted) return;
      if (mode == 'redirect') await leaveFor(session);
      else await openPage(context, page, session, mode, returnFocus, open);
    },

    close() {
      open.close?.();
    },
  };
};

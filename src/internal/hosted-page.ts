// The part of a hosted checkout (Reepay, Paiwise) loaded only when a page is opened or a redirect comes
// back (./hosted-checkout.ts imports it): the session from the host's endpoint, the three modes (a redirect,
// an inline frame, a modal <dialog>), redirect-return recovery, and turning a hosted page's outcome into
// events.
import { PayCheckoutError, toPayError } from '../errors.js';
import type { ProviderContext } from '../providers/provider.js';
import { sleep } from './async.js';
import type { HostedMode, HostedPage, HostedPageEvents, HostedProvider, HostedSession } from './hosted-checkout.js';
import { adoptHostedStyles } from './hosted-styles.js';
import { randomId } from './random.js';
import { rememberRedirect, takeRedirect } from './redirect-return.js';
import { requestSession } from './session-endpoint.js';

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

export const hostedRun = <Session extends HostedSession>(
  context: ProviderContext,
  provider: HostedProvider<Session>,
  page: HostedPage<Session>,
  mode: HostedMode,
  given: Session | undefined,
): HostedRun => {
  const { config, signal, timeouts, texts } = context;
  const name = config.provider;
  let closePage: (() => void) | undefined;

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

  /** Opens `session` in an inline frame or a modal; resolves once it can be seen (or ended first). */
  const openPage = (session: Session, pageMode: 'iframe' | 'modal', returnFocus?: HTMLElement | null): Promise<void> =>
    new Promise((resolve, reject) => {
      const region = context.hostedRegion();
      const pageEnd = new AbortController();
      // The element aborts `signal` and then calls close(): the page ends either way.
      const pageSignal = AbortSignal.any([signal, pageEnd.signal]);
      adoptHostedStyles(region.getRootNode() as ShadowRoot);
      const end = (then?: () => void) => {
        if (pageEnd.signal.aborted) return;
        clearTimeout(timer);
        closePage = undefined;
        pageEnd.abort();
        if (pageMode == 'iframe') context.inline(false);
        then?.();
        resolve();
      };
      const timer = setTimeout(() => end(() => reject(new PayCheckoutError('frame-load', `page not shown within ${timeouts.mount} ms`))), timeouts.mount);
      closePage = () => end();
      // Hidden until the page can be seen. Named so that test drivers find it; nothing else uses the name.
      const frame = Object.assign(document.createElement('iframe'), {
        name: `pay-checkout-hosted-${randomId(6)}`,
        title: texts.hostedFrame,
        allow: 'payment',
        hidden: true,
        part: 'frame',
      });
      // Before the page was seen, a failure is the submit's (or the mount's); after, the element's.
      const fail = (error: PayCheckoutError) => end(() => (frame.hidden ? reject(error) : context.fail(error)));
      // A modal: a native <dialog> (the browser makes the rest of the page inert and traps focus) with a
      // labelled close control; Escape cancels. A browser may still close it itself (repeated Escape): that
      // cancels too.
      const dialog =
        pageMode == 'modal' ? Object.assign(document.createElement('dialog'), { part: 'dialog', ariaLabel: texts.hostedDialog }) : undefined;
      /** Undoes what showing the modal did to the page (scroll lock, focus). */
      let restore = () => {};
      if (dialog) {
        const close = Object.assign(document.createElement('button'), {
          type: 'button',
          className: 'close',
          textContent: '×',
          part: 'close',
          ariaLabel: texts.closeHosted,
        });
        dialog.oncancel = dialog.onclose = close.onclick = (event: Event) => {
          event.preventDefault();
          events.cancel('cancel');
        };
        dialog.append(close);
        region.append(dialog);
      }
      const events: HostedPageEvents = {
        shown() {
          if (!frame.hidden || pageEnd.signal.aborted) return;
          clearTimeout(timer);
          frame.hidden = false;
          if (dialog) {
            const { style } = document.documentElement;
            const overflow = style.overflow;
            style.overflow = 'hidden';
            restore = () => {
              style.overflow = overflow;
              // Focus returns to what had it when the payer asked to pay.
              if (returnFocus?.isConnected) returnFocus.focus();
            };
            dialog.showModal();
            frame.focus();
          } else {
            context.inline(true);
          }
          resolve();
        },
        complete: (detail) => end(() => context.complete(detail)),
        cancel: (reason) => end(() => context.cancel({ provider: name, sessionId: session.id, redirected: false, reason })),
        fail: (reason) => fail(new PayCheckoutError('session', reason)),
      };
      try {
        page.connect(frame, session, pageMode, events, pageSignal);
      } catch (error) {
        return fail(toPayError(error, 'config'));
      }
      // Removing the modal takes it out of the top layer: the page is no longer inert.
      pageSignal.onabort = () => {
        (dialog ?? frame).remove();
        restore();
      };
      (dialog ?? region).append(frame);
    });

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
      if (closePage) return;
      const session = given ?? (await sessionFromEndpoint());
      if (signal.aborted) return;
      if (mode == 'redirect') await leaveFor(session);
      else await openPage(session, mode, returnFocus);
    },

    close() {
      closePage?.();
    },
  };
};

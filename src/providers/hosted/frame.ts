// A hosted checkout page shown inside the element: an inline frame, or a frame in a modal <dialog>. Loaded with
// ./page.ts. It turns what the provider's page half reports (shown, accepted, canceled, failed) into the
// element's events, and removes the page when it ends or the element lets go of it.
import { PayCheckoutError, toPayError } from '../../errors.js';
import { randomId } from '../../internal/random.js';
import type { Translation } from '../../locales/translation.js';
import type { ProviderContext } from '../types.js';
import styles from './hosted.styles.js';
import { watchFrameReturns } from './return-urls.js';
import type { HostedPage, HostedPageEvents, HostedSession, ReturnUrls } from './types.js';

/** The hosted page that is open, if any: `close()` ends it. */
export interface OpenPage {
  close?: (() => void) | undefined;
}

/**
 * A modal: a native <dialog> (the browser makes the rest of the page inert and traps focus) with a labelled close
 * control; Escape cancels. A browser may still close it itself (repeated Escape): that cancels too.
 */
const createDialog = (texts: Translation, cancel: () => void): HTMLDialogElement => {
  const dialog = Object.assign(document.createElement('dialog'), { part: 'dialog', ariaLabel: texts.hostedDialog });
  const close = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'close',
    textContent: '×',
    part: 'close',
    ariaLabel: texts.closeHosted,
  });
  dialog.oncancel =
    dialog.onclose =
    close.onclick =
      (event: Event) => {
        event.preventDefault();
        cancel();
      };
  dialog.append(close);
  return dialog;
};

/** Modals open on the page (two elements' from script), and the page's own `overflow` before the first. */
let locks = 0;
let overflow = '';

/** Locks the page's scroll while a modal is open; returns what undoes it, and gives focus back to `returnFocus`. */
const lockPage = (returnFocus: HTMLElement | null | undefined): (() => void) => {
  const { style } = document.documentElement;
  if (!locks++) overflow = style.overflow;
  style.overflow = 'hidden';
  return () => {
    // The page scrolls again once the last modal closed, as it did before the first.
    if (!--locks) style.overflow = overflow;
    // Focus returns to what had it when the payer asked to pay.
    if (returnFocus?.isConnected) returnFocus.focus();
  };
};

/**
 * Opens `session` (returning to `urls`) in an inline frame or a modal; resolves once it can be seen (or ended first). Before the page
 * was seen, a failure rejects (the submit's, or the mount's); after, it is the element's. `open.close` ends it.
 */
export const openPage = <Session extends HostedSession>(
  context: ProviderContext,
  page: HostedPage<Session>,
  session: Session,
  urls: ReturnUrls,
  mode: 'iframe' | 'modal',
  returnFocus: HTMLElement | null | undefined,
  open: OpenPage,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const [{ signal, timeouts, texts }, region, pageEnd] = [context, context.hostedRegion(), new AbortController()];
    // The element aborts `signal` and then calls close(): the page ends either way.
    const pageSignal = AbortSignal.any([signal, pageEnd.signal]);
    context.adoptStyles(styles);
    const end = (then?: () => void) => {
      if (pageEnd.signal.aborted) return;
      clearTimeout(timer);
      open.close = undefined;
      pageEnd.abort();
      if (mode == 'iframe') context.inline(false);
      then?.();
      resolve();
    };
    const timer = setTimeout(
      () => end(() => reject(new PayCheckoutError('frame-load', `page not shown within ${timeouts.mount} ms`))),
      timeouts.mount,
    );
    open.close = () => end();
    // Hidden until the page can be seen. Named so that test drivers find it; nothing else uses the name.
    const frame = Object.assign(document.createElement('iframe'), {
      name: `pay-checkout-hosted-${randomId(6)}`,
      title: texts.hostedFrame,
      allow: 'payment',
      hidden: true,
      part: 'frame',
    });
    const fail = (error: PayCheckoutError) => end(() => (frame.hidden ? reject(error) : context.fail(error)));
    const dialog = mode == 'modal' ? createDialog(texts, () => events.cancel('cancel')) : undefined;
    if (dialog) region.append(dialog);
    /** Undoes what showing the modal did to the page (scroll lock, focus). */
    let restore = () => {};
    const events: HostedPageEvents = {
      shown() {
        if (!frame.hidden || pageEnd.signal.aborted) return;
        clearTimeout(timer);
        frame.hidden = false;
        if (dialog) {
          restore = lockPage(returnFocus);
          dialog.showModal();
          frame.focus();
        } else {
          context.inline(true);
          // Pay, which had focus, goes with the page shown: the payer goes on in it (and back to Pay after).
          if (returnFocus?.getRootNode() == region.getRootNode()) frame.focus();
        }
        resolve();
      },
      complete: (detail) => end(() => context.complete(detail)),
      cancel: (reason) =>
        end(() => context.cancel({ provider: context.config.provider, sessionId: session.id, redirected: false, reason })),
      fail: (reason) => fail(new PayCheckoutError('session', reason)),
    };
    // Removing the modal takes it out of the top layer: the page is no longer inert. (Before connect(): a page that
    // throws there must not leave its dialog behind.)
    pageSignal.onabort = () => {
      const refocus = !dialog && (region.getRootNode() as ShadowRoot).activeElement == frame;
      (dialog ?? frame).remove();
      restore();
      if (refocus) setTimeout(() => signal.aborted || context.host.focus()); // Pay, once rendered again
    };
    try {
      page.connect(frame, session, mode, events, pageSignal, (notReturn) =>
        watchFrameReturns(frame, session.id, urls, page.returns, events, pageSignal, notReturn),
      );
    } catch (error) {
      return fail(toPayError(error, 'config'));
    }
    (dialog ?? region).append(frame);
  });

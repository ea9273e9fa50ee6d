// The modal for hosted checkout pages, built on the native <dialog>: the browser makes the rest of the
// page inert and traps focus; this adds a labelled close control, Escape as cancel, a scroll lock on the
// page and focus returning to where it was.
import type { Translation } from '../locales/translation.js';
import { activeElement } from './hosted-checkout.js';

export interface HostedDialog {
  /** Where the hosted page's frame goes (after the close control). */
  readonly body: HTMLElement;
  /** Shows the modal, locks the page's scroll and moves focus to `focus` (the frame). */
  open(focus: HTMLElement): void;
}

/**
 * A modal in `container`, named by `texts`. `onCancel`: the payer pressed Escape or the close control (the
 * owner ends the checkout and aborts `signal`). Aborting `signal` closes and removes the modal, restores the
 * scroll and returns focus to `returnFocus` (what had it when the payer asked to pay), else to what had it
 * when the modal opened.
 */
export const createHostedDialog = (
  container: HTMLElement,
  texts: Translation,
  onCancel: () => void,
  signal: AbortSignal,
  returnFocus?: HTMLElement | null,
): HostedDialog => {
  const dialog = Object.assign(document.createElement('dialog'), { part: 'dialog', ariaLabel: texts.hostedDialog });
  const close = Object.assign(document.createElement('button'), { type: 'button', className: 'close', textContent: '×', part: 'close', ariaLabel: texts.closeHosted });
  dialog.append(close);

  let restore: (() => void) | undefined;
  // Escape fires `cancel`; a browser may still close the dialog itself (repeated Escape): both end here, as
  // does the close control.
  dialog.oncancel = dialog.onclose = close.onclick = (event: Event) => {
    event.preventDefault();
    if (restore) onCancel();
  };
  container.append(dialog);

  signal.addEventListener('abort', () => {
    const done = restore;
    restore = undefined;
    dialog.remove(); // out of the top layer: the page is no longer inert
    done?.();
  });

  return {
    body: dialog,
    // Called once, while `signal` has not aborted.
    open(focus) {
      const previous = returnFocus ?? activeElement();
      const { style } = document.documentElement;
      const overflow = style.overflow;
      style.overflow = 'hidden';
      restore = () => {
        style.overflow = overflow;
        if (previous?.isConnected) previous.focus();
      };
      dialog.showModal();
      focus.focus();
    },
  };
};

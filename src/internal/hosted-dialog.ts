// The modal for hosted checkout pages, built on the native <dialog>: the browser makes the rest of the
// page inert and traps focus; this adds a labelled close control, Escape as cancel, a scroll lock on the
// page and focus returning to where it was.

export interface HostedDialog {
  /** Where the hosted page's frame goes. */
  readonly body: HTMLElement;
  /** Shows the modal, locks the page's scroll and moves focus to `focus` (the frame). */
  open(focus: HTMLElement): void;
}

export interface HostedDialogOptions {
  container: HTMLElement;
  /** Accessible name of the modal, and of its close control. */
  label: string;
  closeLabel: string;
  /** The payer pressed Escape or the close control: the owner ends the checkout (and aborts `signal`). */
  onCancel(): void;
  /** Aborting closes and removes the modal, restores the scroll and returns focus. */
  signal: AbortSignal;
  /** Where focus returns (what had it when the payer asked to pay); default: what has it when the modal opens. */
  returnFocus?: HTMLElement | null;
}

/** The focused element, looking through open shadow roots (focus may sit inside a component). */
export const activeElement = (): HTMLElement | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
};

export const createHostedDialog = ({ container, label, closeLabel, onCancel, signal, returnFocus }: HostedDialogOptions): HostedDialog => {
  const dialog = document.createElement('dialog');
  dialog.setAttribute('part', 'dialog');
  dialog.setAttribute('aria-label', label);
  const close = Object.assign(document.createElement('button'), { type: 'button', className: 'close', textContent: '×' });
  close.setAttribute('part', 'close');
  close.setAttribute('aria-label', closeLabel);
  const body = document.createElement('div');
  dialog.append(close, body);

  let restore: (() => void) | undefined;
  const cancel = (event?: Event) => {
    event?.preventDefault();
    if (restore) onCancel();
  };
  // Escape fires `cancel`; a browser may still close the dialog itself (repeated Escape): both end here.
  dialog.addEventListener('cancel', cancel);
  dialog.addEventListener('close', () => cancel());
  close.addEventListener('click', () => cancel());
  container.append(dialog);

  signal.addEventListener(
    'abort',
    () => {
      const done = restore;
      restore = undefined;
      if (dialog.open) dialog.close();
      dialog.remove();
      done?.();
    },
    { once: true },
  );

  return {
    body,
    open(focus) {
      if (signal.aborted || dialog.open) return;
      const previous = returnFocus ?? activeElement();
      const root = document.documentElement;
      const overflow = root.style.overflow;
      root.style.overflow = 'hidden';
      restore = () => {
        root.style.overflow = overflow;
        if (previous?.isConnected) previous.focus();
      };
      dialog.showModal();
      focus.focus();
    },
  };
};

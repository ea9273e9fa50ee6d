// Acting as a person in a cross-origin frame (end-to-end tier only): the `frame-input` command of
// web-test-runner.config.mjs, on each launcher's own API (test/frame-input.mjs).
import { executeServerCommand } from '@web/test-runner-commands';

export interface FrameAction {
  /** Text to type, by the field's `autocomplete` (`cc-number`, `cc-exp`, `cc-csc`, `cc-name`). */
  type?: Record<string, string>;
  /** A selector to click after typing. */
  click?: string;
  /** A key to press after that, in the focused field (`Enter`, `Escape`). */
  press?: string;
  /** Resolve with the first non-empty text of this selector. */
  text?: string;
}

/**
 * The names of the frames from the top window down to `frame` (it and the same-origin frames it sits in):
 * WebDriver switches into each in turn, finding it through open shadow roots (an iframe in a shadow tree
 * is not among `window.frames`).
 */
const framePath = (frame: HTMLIFrameElement): string[] => {
  const path: string[] = [];
  for (let current: Element | null = frame; current; current = current.ownerDocument.defaultView?.frameElement ?? null) {
    const name = (current as HTMLIFrameElement).name;
    if (!name) throw new Error('every frame on the way needs a name');
    path.unshift(name);
  }
  return path;
};

/** Acts in `frame` (an iframe on another origin) as a person would. */
export const inFrame = <T = true>(frame: HTMLIFrameElement, action: FrameAction): Promise<T> => {
  if (!frame.name) throw new Error('the frame has no name');
  return executeServerCommand('frame-input', { frameName: frame.name, path: framePath(frame), ...action }) as Promise<T>;
};

/** A test card, by the fields' `autocomplete` names. */
export const testCard = (number = '4242 4242 4242 4242') => ({
  'cc-number': number,
  'cc-exp': '12/34',
  'cc-csc': '123',
  'cc-name': 'Sarah Ng',
});

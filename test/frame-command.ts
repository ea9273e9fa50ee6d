// The one way tests act in a cross-origin frame (hosted card fields, a hosted checkout page): the
// `card-frame` server command of web-test-runner.config.mjs, which drives the frame as a person would.
import { executeServerCommand } from '@web/test-runner-commands';

export interface FrameCommand {
  /** Text to type, by the field's `autocomplete` (`cc-number`, `cc-exp`, …). */
  type?: Record<string, string>;
  /** A selector to click after typing. */
  click?: string;
  /** A key to press after that (`Enter`, `Escape`). */
  press?: string;
  /** Run axe in the frame: resolves with its violations. */
  axe?: boolean;
  /** Count elements matching this selector. */
  count?: string;
  /** The first non-empty text of this selector, within 5 s. */
  text?: string;
  /** What a hosted card form shows, for a failure message: see FrameState. */
  state?: boolean;
}

/** What a hosted card form shows (the sandbox's hosted pages and card fields), as a person would read it. */
export interface FrameState {
  /** The page's status line (`role=status`). */
  status: string | null;
  /** The error lines that say something. */
  errors: string[];
  /** How many characters each card field holds, by `autocomplete`. */
  fields: Record<string, number>;
  /** A form is waiting on the provider (`aria-busy`). */
  busy: boolean;
  /** The page's path (no query or fragment). */
  page: string;
}

/**
 * Acts in the frame named `frameName`. Each field is typed by a command of its own: the test runner gives
 * a command 20 s to answer, and typing into an out-of-process frame on a loaded two-core machine (focus
 * moving in, keys checked and typed again if lost) can take most of that for a whole card.
 */
export const inFrame = async <T = unknown>(frameName: string, { type = {}, ...then }: FrameCommand): Promise<T> => {
  for (const [field, text] of Object.entries(type)) {
    await executeServerCommand('card-frame', { frameName, type: { [field]: text } });
  }
  return executeServerCommand('card-frame', { frameName, ...then }) as Promise<T>;
};

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

/** How long a frame may take to show up among the browser's frames (another process, maybe started late). */
const FIND_FRAME_MS = 30_000;

/** One step of an action in `frame` (test/frame-input.mjs): each is one command, with its own bound. */
const step = (frame: HTMLIFrameElement, input: FrameAction & { find?: boolean }): Promise<unknown> =>
  executeServerCommand('frame-input', { frameName: frame.name, path: framePath(frame), ...input });

/**
 * Acts in `frame` (an iframe on another origin) as a person would: once the browser has it among its frames,
 * types each field in turn, then clicks, presses, reads, each step its own command.
 */
export const inFrame = async <T = true>(frame: HTMLIFrameElement, action: FrameAction): Promise<T> => {
  if (!frame.name) throw new Error('the frame has no name');
  for (const deadline = performance.now() + FIND_FRAME_MS; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const found = await step(frame, { find: true });
    if (found === true) break;
    if (performance.now() > deadline) throw new Error(`no frame named ${frame.name} within ${FIND_FRAME_MS} ms: ${found}`);
  }
  for (const [field, value] of Object.entries(action.type ?? {})) await step(frame, { type: { [field]: value } });
  if (action.click) await step(frame, { click: action.click });
  if (action.press) await step(frame, { press: action.press });
  return (action.text ? step(frame, { text: action.text }) : true) as Promise<T>;
};

/** A test card, by the fields' `autocomplete` names. */
export const testCard = (number = '4242 4242 4242 4242') => ({
  'cc-number': number,
  'cc-exp': '12/34',
  'cc-csc': '123',
  'cc-name': 'Sarah Ng',
});

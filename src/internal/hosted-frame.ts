// Frames for hosted checkout pages: created in the element's shadow root (never found by name from the
// document), with messages accepted only from that frame's window at the expected origin.
import { randomId } from './random.js';

/** A named, titled frame for a hosted page (the name lets test drivers find it; nothing else uses it). */
export const createHostedFrame = (title: string): HTMLIFrameElement => {
  const frame = Object.assign(document.createElement('iframe'), {
    name: `pay-checkout-hosted-${randomId(6)}`,
    title,
    allow: 'payment',
  });
  frame.setAttribute('part', 'frame');
  return frame;
};

/**
 * Calls `onMessage` with the data of every message that `frame`'s current window posts from `origin`,
 * until `signal` aborts. Messages from any other window or origin never reach `onMessage`.
 */
export const listenToFrame = (
  frame: HTMLIFrameElement,
  origin: string,
  onMessage: (data: unknown) => void,
  signal: AbortSignal,
): void => {
  window.addEventListener(
    'message',
    (event) => {
      if (event.source !== null && event.source === frame.contentWindow && event.origin === origin) onMessage(event.data);
    },
    { signal },
  );
};

/** True for a plain object (what a frame message must be before its fields are read). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value == 'object' && value !== null && !Array.isArray(value);

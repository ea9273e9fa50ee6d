// Counts the page's window and document event listeners, in every engine, without the DevTools protocol:
// wraps addEventListener / removeEventListener of both and keeps the live (type, listener, capture) triples
// as the browser does — a duplicate add is one listener, a `once` listener goes when it fired, a listener
// added with a `signal` goes when it aborts. Import it before the element (test/helpers.ts does, first):
// listeners added before it are not counted, so compare counts before and after, never absolute ones.
export {};

interface Entry {
  listener: EventListenerOrEventListenerObject;
  capture: boolean;
  /** For a `once` listener: the native listener that forgets the entry once the event fired. */
  sentinel?: EventListener;
}

declare global {
  interface Window {
    /** How many listeners (of `type`, or of every type) are live on window, or on document, since this ran. */
    __payTestListeners?: (type?: string, on?: 'window' | 'document') => number;
  }
}

const captureOf = (options?: boolean | EventListenerOptions) => (typeof options == 'boolean' ? options : !!options?.capture);

/** Instruments `target`'s own add/removeEventListener; returns its live listeners by type. */
const instrument = (target: Window | Document): Map<string, Entry[]> => {
  const live = new Map<string, Entry[]>();
  const add = target.addEventListener;
  const remove = target.removeEventListener;
  const entries = (type: string) => {
    let list = live.get(type);
    if (!list) live.set(type, (list = []));
    return list;
  };
  const forget = (type: string, listener: EventListenerOrEventListenerObject, capture: boolean) => {
    const list = entries(type);
    const index = list.findIndex((entry) => entry.listener === listener && entry.capture === capture);
    if (index < 0) return;
    const [entry] = list.splice(index, 1);
    if (entry?.sentinel) remove.call(target, type, entry.sentinel, capture);
  };
  target.addEventListener = function (
    this: unknown,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    // A bare `addEventListener(…)` in a module calls with `this` undefined: the browser uses the global object.
    const self = (this ?? window) as EventTarget;
    add.call(self, type, listener as EventListenerOrEventListenerObject, options);
    if (self !== target || !listener) return;
    const capture = captureOf(options);
    const list = entries(type);
    if (list.some((entry) => entry.listener === listener && entry.capture === capture)) return;
    const signal = typeof options == 'object' ? options.signal : undefined;
    if (signal?.aborted) return;
    const entry: Entry = { listener, capture };
    if (typeof options == 'object' && options.once) {
      entry.sentinel = () => forget(type, listener, capture);
      add.call(target, type, entry.sentinel, { capture, once: true });
    }
    list.push(entry);
    signal?.addEventListener('abort', () => forget(type, listener, capture), { once: true });
  } as typeof target.addEventListener;
  target.removeEventListener = function (
    this: unknown,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void {
    const self = (this ?? window) as EventTarget;
    remove.call(self, type, listener as EventListenerOrEventListenerObject, options);
    if (self === target && listener) forget(type, listener, captureOf(options));
  } as typeof target.removeEventListener;
  return live;
};

if (!window.__payTestListeners) {
  const live = { window: instrument(window), document: instrument(document) };
  const count = (map: Map<string, Entry[]>, type?: string) =>
    type ? (map.get(type)?.length ?? 0) : [...map.values()].reduce((sum, list) => sum + list.length, 0);
  window.__payTestListeners = (type, on) => (on ? count(live[on], type) : count(live.window, type) + count(live.document, type));
}

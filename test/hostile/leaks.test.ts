// Leaks: a page that mounts and unmounts <pay-checkout> hundreds of times keeps no frames, no listeners and
// no timers, in every engine (counted in the page). The heap is reported where the engine shows it (Chromium);
// `npm run bench` measures the heap of 1,000 cycles after garbage collection, through the DevTools protocol.
import '../setup/listeners.js';
import { expect } from '@open-wc/testing';
import type { PayCheckout } from '../../src/index.js';
import {
  PAIWISE_SESSION_ENDPOINT,
  PEKOPAY_SANDBOX,
  REEPAY_SESSION_ENDPOINT,
  createSession,
  hostedFrame,
  setAttributes,
} from '../e2e/support.js';
import { figure } from './figures.js';

interface Health {
  heap: number | undefined;
  listeners: number;
  frames: number;
}
/** Chromium's heap in use (other engines have no such measure); listeners on window and document; frames. */
const health = (): Health => ({
  heap: (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize,
  listeners: window.__payTestListeners!(),
  frames: window.frames.length,
});

/** Timers the page has started and not yet cleared or run: page script's and the SDK's alike. */
const pendingTimers = new Set<number>();
const {
  setTimeout: realSetTimeout,
  clearTimeout: realClearTimeout,
  setInterval: realSetInterval,
  clearInterval: realClearInterval,
} = window;
const trackTimers = () => {
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
    const id: number = realSetTimeout(
      (...args: unknown[]) => {
        pendingTimers.delete(id);
        if (typeof handler == 'function') (handler as (...a: unknown[]) => void)(...args);
      },
      delay,
      ...rest,
    );
    pendingTimers.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id != null) pendingTimers.delete(id);
    realClearTimeout(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
    const id: number = realSetInterval(handler, delay, ...rest);
    pendingTimers.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id != null) pendingTimers.delete(id);
    realClearInterval(id);
  }) as typeof window.clearInterval;
};
const untrackTimers = () =>
  Object.assign(window, {
    setTimeout: realSetTimeout,
    clearTimeout: realClearTimeout,
    setInterval: realSetInterval,
    clearInterval: realClearInterval,
  });

const settle = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));

/** Appends `element`, waits until its payment method has mounted something (or failed), removes it. */
const cycle = async (element: PayCheckout, mounted: (element: PayCheckout) => boolean) => {
  document.body.append(element);
  for (const start = performance.now(); !mounted(element) && element.status != 'error'; await settle(2)) {
    if (performance.now() - start > 5000) throw new Error(`never mounted (status ${element.status})`);
  }
  element.remove();
};

/** A hosted-checkout element in iframe mode on one session the demo backend created. */
const hosted = (provider: string, sessionUrl: () => string) => () => {
  const element = document.createElement('pay-checkout');
  for (const [name, value] of Object.entries({ provider, environment: 'sandbox', mode: 'iframe', 'session-url': sessionUrl() })) {
    element.setAttribute(name, value);
  }
  return element;
};
let reepaySession = '';
let paiwiseSession = '';

/** Provider × how to build one element × when it has mounted something. */
const PROVIDERS: Record<string, { build: () => PayCheckout; mounted: (element: PayCheckout) => boolean }> = {
  pekopay: {
    build: () => setAttributes(document.createElement('pay-checkout'), PEKOPAY_SANDBOX),
    mounted: (element) => element.querySelector('iframe') != null,
  },
  reepay: { build: hosted('reepay', () => reepaySession), mounted: (element) => hostedFrame(element) != null },
  paiwise: { build: hosted('paiwise', () => paiwiseSession), mounted: (element) => hostedFrame(element) != null },
};

const CYCLES = 300;

describe('hostile: leaks', () => {
  before(async () => {
    reepaySession = (await createSession(REEPAY_SESSION_ENDPOINT)).url;
    paiwiseSession = (await createSession(PAIWISE_SESSION_ENDPOINT, { product: 'backpack', mode: 'iframe' })).url;
  });
  afterEach(untrackTimers);

  for (const [provider, { build, mounted }] of Object.entries(PROVIDERS)) {
    it(`leaves no frames, listeners or timers after ${CYCLES} ${provider} mount/unmount cycles`, async function () {
      this.timeout(120_000);
      for (let i = 0; i < 20; i++) await cycle(build(), mounted); // warm caches: modules, styles, SDK
      await settle(300);
      const before = health();
      trackTimers();
      for (let i = 0; i < CYCLES; i++) await cycle(build(), mounted);
      await settle(500);
      const timers = pendingTimers.size;
      untrackTimers();
      const after = health();
      expect(document.querySelectorAll('iframe, pay-checkout').length, 'nodes left').to.equal(0);
      expect(after.frames, 'frames left').to.equal(before.frames);
      expect(after.listeners, 'window/document listeners left').to.equal(before.listeners);
      expect(timers, 'timers left running').to.equal(0);
      // Reported, not asserted: without a forced garbage collection (only the DevTools protocol has one) the heap
      // in use swings by megabytes; `npm run bench` measures the heap of 1,000 cycles after collecting garbage.
      const growth = after.heap !== undefined && before.heap !== undefined ? after.heap - before.heap : undefined;
      const heap =
        growth === undefined ? 'heap not measurable here' : `heap ${growth >= 0 ? '+' : ''}${(growth / 1024).toFixed(0)} KiB (no GC)`;
      await figure(
        `leaks after ${CYCLES} ${provider} cycles (${navigator.userAgent.includes('Firefox/') ? 'firefox' : navigator.userAgent.includes('Chrome/') ? 'chromium' : 'webkit'})`,
        `${heap}, ${after.frames - before.frames} frames, ${after.listeners - before.listeners} listeners, ${timers} timers`,
      );
    });
  }
});

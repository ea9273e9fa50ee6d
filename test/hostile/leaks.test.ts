// Leaks: a page that mounts and unmounts <pay-checkout> a thousand times keeps no frames, no listeners,
// no timers and a bounded heap (measured through the DevTools protocol after garbage collection).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { PayCheckout } from '../../src/index.js';
import { configurePekopay } from '../helpers.js';
import { createSession as createPaiwiseSession } from '../paiwise-helpers.js';
import { createSession, hostedFrame } from '../reepay-helpers.js';
import { figure } from './figures.js';

interface Health {
  heap: number;
  listeners: number;
  frames: number;
}
const health = () => executeServerCommand('page-health') as Promise<Health>;

/** Timers the page has started and not yet cleared or run: page script's and the SDK's alike. */
const pendingTimers = new Set<number>();
const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout, setInterval: realSetInterval, clearInterval: realClearInterval } = window;
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
const untrackTimers = () => Object.assign(window, { setTimeout: realSetTimeout, clearTimeout: realClearTimeout, setInterval: realSetInterval, clearInterval: realClearInterval });

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
    build: () => configurePekopay(document.createElement('pay-checkout')) as PayCheckout,
    mounted: (element) => element.querySelector('iframe') != null,
  },
  reepay: { build: hosted('reepay', () => reepaySession), mounted: (element) => hostedFrame(element) != null },
  paiwise: { build: hosted('paiwise', () => paiwiseSession), mounted: (element) => hostedFrame(element) != null },
};

const CYCLES = 1000;
/** Heap growth tolerated over all cycles: well under a kilobyte per cycle. */
const HEAP_BUDGET = 1_500_000;

describe('hostile: leaks', () => {
  before(async () => {
    reepaySession = (await createSession()).url;
    paiwiseSession = (await createPaiwiseSession({ product: 'backpack' })).url;
  });
  afterEach(untrackTimers);

  for (const [provider, { build, mounted }] of Object.entries(PROVIDERS)) {
    it(`leaves no frames, listeners, timers or heap growth after ${CYCLES} ${provider} mount/unmount cycles`, async function () {
      this.timeout(300_000);
      for (let i = 0; i < 20; i++) await cycle(build(), mounted); // warm caches: modules, styles, SDK
      await settle(300);
      const before = await health();
      trackTimers();
      for (let i = 0; i < CYCLES; i++) await cycle(build(), mounted);
      await settle(500);
      const timers = pendingTimers.size;
      untrackTimers();
      const after = await health();
      expect(document.querySelectorAll('iframe, pay-checkout').length, 'nodes left').to.equal(0);
      expect(after.frames, 'frames left').to.equal(before.frames);
      expect(after.listeners, 'window/document listeners left').to.equal(before.listeners);
      expect(timers, 'timers left running').to.equal(0);
      const growth = after.heap - before.heap;
      expect(growth, `heap grew by ${growth} bytes`).to.be.below(HEAP_BUDGET);
      await figure(
        `leaks after ${CYCLES} ${provider} cycles`,
        `heap ${growth >= 0 ? '+' : ''}${(growth / 1024).toFixed(0)} KiB, ${after.frames - before.frames} frames, ${after.listeners - before.listeners} listeners, ${timers} timers`,
      );
    });
  }
});

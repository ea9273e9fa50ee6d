// The token source against the demo backend's token endpoint (and, through it, the sandbox).
import { expect } from '@open-wc/testing';
import { PayCheckoutError } from '../../src/errors.js';
import { fetchToken } from '../../src/internal/token-fetch.js';
import { TokenSource, type TokenSourceOptions } from '../../src/internal/token-source.js';
import { TOKEN_URL } from '../helpers.js';

const source = (options: Partial<TokenSourceOptions> = {}) =>
  new TokenSource({
    lifetimeMs: 60 * 60_000,
    timeoutMs: 2000,
    retries: 2,
    used: new Set(),
    signal: new AbortController().signal,
    ...options,
  });
const url = (query = '') => new URL(`${TOKEN_URL}${query}`, location.href);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a failure'),
    (error: PayCheckoutError) => error,
  );

describe('TokenSource', () => {
  it('fetches a token from the URL and keeps it while fresh and unused', async () => {
    const tokens = source({ url: url() });
    const first = await tokens.get();
    expect(first).to.match(/^sess_/);
    expect(await tokens.get()).to.equal(first);
    tokens.markUsed(first);
    expect(await tokens.get()).to.not.equal(first);
  });

  it('replaces the initial token once it is older than its lifetime', async () => {
    const tokens = source({ initial: 'sess_given', url: url(), lifetimeMs: 50 });
    expect(await tokens.get()).to.equal('sess_given');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await tokens.get()).to.not.equal('sess_given');
  });

  it('shares one request between concurrent refreshes', async () => {
    let calls = 0;
    const tokens = source({ provider: async () => `sess_${++calls}` });
    const [a, b] = await Promise.all([tokens.refresh(), tokens.refresh()]);
    expect(a).to.equal(b);
    expect(calls).to.equal(1);
  });

  it('retries transient failures, then reports token-fetch', async () => {
    let calls = 0;
    const tokens = source({
      provider: () => {
        calls++;
        throw new Error('offline');
      },
    });
    const error = await failure(tokens.refresh());
    expect(error.code).to.equal('token-fetch');
    expect(calls).to.equal(3);
  });

  it('does not retry a 4xx answer', async () => {
    const missing = new URL(`/no-such-token-endpoint?${crypto.randomUUID()}`, location.href);
    let requests = 0;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      if (String(input) == missing.href) requests++;
      return realFetch(input, init);
    };
    try {
      const error = await failure(source({ url: missing }).refresh());
      expect(error.code).to.equal('token-fetch');
      expect(error.reason).to.contain('404');
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(requests, 'one request, no retry').to.equal(1);
  });

  it('times out a token endpoint that never answers', async () => {
    const error = await failure(source({ url: url('?sandbox_fault=hang'), timeoutMs: 200, retries: 0 }).refresh());
    expect(error.code).to.equal('token-fetch');
  });

  it('never hands out a used token when the source answers it again: asks again, then reports token-fetch', async () => {
    const answers = ['sess_spent', 'sess_fresh'];
    let calls = 0;
    const tokens = source({ provider: () => answers[calls++]!, used: new Set(['sess_spent']) });
    expect(await tokens.refresh()).to.equal('sess_fresh');
    expect(calls).to.equal(2);
    let again = 0;
    const stuck = source({ provider: () => (again++, 'sess_spent'), used: new Set(['sess_spent']) });
    const error = await failure(stuck.get());
    expect(error.code).to.equal('token-fetch');
    expect(error.reason).to.contain('already used');
    expect(again, 'three attempts').to.equal(3);
  });

  it('fetches token-url past the HTTP cache: a cacheable answer is never taken for a new token', async () => {
    // Only this source's requests: other tests' sources may still be refreshing ahead in the background.
    const mine = url('?cache_check=1');
    const requests: RequestInit[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      if (String(input) == mine.href) requests.push(init ?? {});
      return realFetch(input, init);
    };
    try {
      await source({ url: mine }).refresh();
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(requests.map(({ cache }) => cache)).to.deep.equal(['no-store']);
  });

  it('refuses a provider secret handed out as a token', async () => {
    const error = await failure(source({ provider: () => 'priv_0123456789' }).refresh());
    expect(error.code).to.equal('insecure-config');
  });

  it('stops retrying when aborted', async () => {
    const controller = new AbortController();
    let calls = 0;
    const tokens = source({ provider: () => (calls++, Promise.reject(new Error('down'))), signal: controller.signal });
    const pending = tokens.refresh();
    controller.abort();
    await failure(pending);
    expect(calls, 'no attempt after the abort (three without it)').to.equal(1);
  });

  it('asks the host for nothing once its signal aborted (an SDK on its way out may still ask)', async () => {
    const controller = new AbortController();
    let calls = 0;
    const tokens = source({ provider: () => (calls++, 'sess_after'), signal: controller.signal });
    controller.abort();
    expect(((await failure(tokens.refresh())) as unknown as Error).name).to.equal('AbortError');
    expect(((await failure(tokens.replace('sess_spent'))) as unknown as Error).name).to.equal('AbortError');
    expect(calls).to.equal(0);
  });

  it('aborts a pending fetch at once when its signal aborts (the element was removed)', async () => {
    const controller = new AbortController();
    const tokens = source({ url: url('?sandbox_fault=hang'), timeoutMs: 10_000, signal: controller.signal });
    const pending = tokens.refresh();
    setTimeout(() => controller.abort(), 50);
    const error = (await failure(pending)) as unknown as Error;
    // An AbortError, not the limit's token-fetch: the abort ended it.
    expect(error.name).to.equal('AbortError');
  });

  it('takes the fetch the entry started for its first attempt only (issue 20: token beside the chunk)', async () => {
    const limits: AbortSignal[] = [];
    const tokens = source({
      url: url(),
      early: { take: (limit) => (limits.push(limit), fetchToken(url(), limit)) },
    });
    const first = await tokens.get();
    expect(first).to.match(/^sess_/);
    expect(limits).to.have.length(1);
    tokens.markUsed(first);
    const second = await tokens.get();
    expect(second)
      .to.match(/^sess_/)
      .and.not.equal(first);
    expect(limits, 'the next token is fetched by the source itself').to.have.length(1);
  });

  it('aborts an early fetch that stalls at its time limit, and retries with a fetch of its own', async () => {
    let limit: AbortSignal | undefined;
    // The limit is each attempt's, the retry's own fetch included: generous, so that a loaded machine's slow
    // answer is not mistaken for the stall (a 300 ms limit failed once in Firefox under CI load).
    const tokens = source({
      url: url(),
      timeoutMs: 2000,
      retries: 2,
      early: { take: (signal) => fetchToken(url('?sandbox_fault=hang'), (limit = signal)) },
    });
    expect(await tokens.get()).to.match(/^sess_/);
    expect(limit?.aborted, 'the stalled early fetch was aborted').to.equal(true);
  });

  it('cannot refresh without a URL or provider', async () => {
    const error = await failure(source({ initial: 'sess_x' }).refresh());
    expect(error.code).to.equal('token-expired');
  });

  it('refreshes ahead of expiry, at 90 % of the lifetime, without being asked', async () => {
    const fetchedAt: number[] = [];
    const started = performance.now();
    const tokens = source({
      provider: () => (fetchedAt.push(performance.now() - started), `sess_${fetchedAt.length}`),
      lifetimeMs: 300,
    });
    expect(await tokens.get()).to.equal('sess_1');
    for (const deadline = performance.now() + 6000; fetchedAt.length < 2 && performance.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(fetchedAt).to.have.length(2);
    // Not before 90 % (270 ms, less the timer's granularity); a loaded machine only makes it later.
    expect(fetchedAt[1]).to.be.at.least(260);
    expect(await tokens.get()).to.equal('sess_2');
  });

  it('starts the lifetime of a given token when it was issued, not when the source was made', async () => {
    let calls = 0;
    const tokens = source({
      initial: 'sess_given',
      initialIssuedAt: Date.now() - 1000,
      lifetimeMs: 1000,
      provider: () => `sess_${++calls}`,
    });
    expect(await tokens.get()).to.equal('sess_1');
  });

  it('answers the token refreshed ahead at once when the SDK reports its token expired, and never the stale one', async () => {
    let calls = 0;
    const tokens = source({ initial: 'sess_held', provider: () => `sess_${++calls}`, lifetimeMs: 200 });
    // The refresh ahead (at 180 ms) has happened: a loaded machine only makes it later.
    for (const deadline = performance.now() + 3000; calls < 1 && performance.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(calls).to.equal(1);
    expect(await tokens.replace('sess_held')).to.equal('sess_1');
    expect(calls).to.equal(1);
    // Our lifetime was too generous: the SDK finds the current token expired too, so a new one is fetched.
    expect(await tokens.replace('sess_1')).to.equal('sess_2');
  });

  it('does not refresh ahead once stopped or aborted', async () => {
    let calls = 0;
    const controller = new AbortController();
    const stopped = source({ initial: 'sess_a', provider: () => `sess_${++calls}`, lifetimeMs: 50 });
    stopped.stopRefreshing();
    source({ initial: 'sess_b', provider: () => `sess_${++calls}`, lifetimeMs: 50, signal: controller.signal });
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).to.equal(0);
  });

  it('does not plan a refresh it cannot make, and forgets a used initial token', async () => {
    const used = new Set(['sess_used']);
    const tokens = source({ initial: 'sess_used', used, url: url() });
    expect(await tokens.get()).to.not.equal('sess_used');
    expect(source({ initial: 'sess_only' }).canRefresh).to.equal(false);
  });
});

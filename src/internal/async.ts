// Timeouts and cancellation for every asynchronous step.
import { PayCheckoutError, type PayErrorCode } from '../errors.js';

/**
 * Settles like `promise`, or rejects with a `code` error after `ms`, or with the abort reason when
 * `signal` aborts first. Its timer never outlives it.
 */
export const guard = <T>(promise: PromiseLike<T>, ms: number, signal: AbortSignal, code: PayErrorCode, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    };
    const abort = () => {
      done();
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      done();
      reject(new PayCheckoutError(code, `${what} timed out after ${ms} ms`));
    }, ms);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort);
    Promise.resolve(promise).then(
      (value) => (done(), resolve(value)),
      (error) => (done(), reject(error)),
    );
  });

/** Waits `ms`, or rejects when `signal` aborts. */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  guard(new Promise<never>(() => {}), ms, signal, 'timeout', 'sleep').catch((error) => {
    if (signal.aborted) throw error;
  });

/**
 * `signal` with a time limit of `ms`, for a fetch. Ask `timedOut()` after a failure rather than the error's
 * name: engines differ in what an aborted fetch rejects with (WebKit: a plain AbortError, not the reason),
 * and a timer of our own is kept alive by its own reference (a bare `AbortSignal.timeout()` held only by
 * `AbortSignal.any()` may be collected before it fires in WebKit). Call `done()` when the step ends.
 */
export const timeLimit = (signal: AbortSignal, ms: number): { signal: AbortSignal; timedOut(): boolean; done(): void } => {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
  }, ms);
  const stop = () => (clearTimeout(timer), controller.abort(signal.reason));
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    done: () => (clearTimeout(timer), signal.removeEventListener('abort', stop)),
  };
};

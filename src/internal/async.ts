// Timeouts and cancellation for every asynchronous step.
import { PayCheckoutError, type PayErrorCode } from '../errors.js';

/**
 * Settles like `promise`, or rejects with a `code` error after `ms`, or with the abort reason when
 * `signal` aborts first. Its timer never outlives it.
 */
export const guard = <T>(
  promise: PromiseLike<T>,
  ms: number,
  signal: AbortSignal,
  code: PayErrorCode,
  what: string,
): Promise<T> =>
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

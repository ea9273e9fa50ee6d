// What the entry starts for PekoPay as soon as an element has a valid configuration, beside the import of
// PekoPay's chunk rather than after it (issue 20): the SDK module's import and the first token's fetch. Both are
// picked up by the chunk (./load-sdk.ts, ../../internal/token-source.ts), so a first visit waits for the slowest
// of the three, not for their sum.
import { fetchToken, type EarlyToken } from '../../internal/token-fetch.js';
import type { ProviderContext } from '../types.js';
import { importSdk, injectedSdk, sdkUrl } from './sdk-source.js';

/** The `token-url` fetch the entry started, by the signal of the run it is for. */
const earlyTokens = new WeakMap<AbortSignal, EarlyToken>();

/** The token-url fetch the entry started for this run, if any; only the first call gets it. */
export const takeEarlyToken = (signal: AbortSignal): EarlyToken | undefined => {
  const early = earlyTokens.get(signal);
  earlyTokens.delete(signal);
  return early;
};

/**
 * Unless saved cards are offered, starts the SDK import (unless the page injected the SDK) and, when the first
 * token must come from `token-url`, its fetch. A URL that is not allowed starts nothing: the chunk reports it.
 */
export const preparePekoPay = (context: ProviderContext): void => {
  const { config, signal } = context;
  // With saved cards, one is chosen at first: the card fields (SDK, token) wait for "Use a new card".
  if ((config.cards as unknown[] | undefined)?.length) return;
  try {
    if (!injectedSdk(context)) importSdk(sdkUrl(config).href).catch(() => {});
  } catch {
    // reported by the chunk's validate()
  }
  const { initial, used, url, provider } = config.tokens;
  if (url && !provider && !(initial && !used.has(initial))) {
    const abort = new AbortController();
    const stop = () => abort.abort();
    signal.addEventListener('abort', stop);
    const response = fetchToken(url, abort.signal);
    // Handled here too: a fetch the chunk never takes (the element was removed first) must not be reported.
    response.catch(() => {}).finally(() => signal.removeEventListener('abort', stop));
    earlyTokens.set(signal, {
      take(limit) {
        limit.addEventListener('abort', stop);
        return response;
      },
    });
  }
};

// What every hosted checkout (Reepay, Paiwise) needs before `pay-ready`: the configuration check, the
// session named by attributes, and loading the rest (./page.ts and the provider's page half) only when it
// is needed: on submit, on coming back from a redirect, for an inline frame shown at once, and otherwise
// right after `pay-ready`, so that a Pay click does not wait on the network.
import { PayCheckoutError, toPayError } from '../../errors.js';
import { guard } from '../../internal/async.js';
import type { PaymentProvider, ProviderConfig, ProviderContext } from '../types.js';
import { hasRedirect } from './redirect-record.js';
import type { HostedMode, HostedProvider, HostedRun, HostedSession } from './types.js';

/**
 * The session id that `session-id` (`id`) and/or `session-url` (`fromUrl`: the id it names) give. Throws
 * `config` when it does not match the provider's `pattern`, or when the two differ.
 */
export const sessionIdOf = (id: string | undefined, fromUrl: string | null | undefined, pattern: RegExp): string => {
  const sessionId = id || fromUrl || '';
  if (!pattern.test(sessionId)) throw new PayCheckoutError('config', `session id "${sessionId}" is not valid`);
  if (id && fromUrl && id != fromUrl) throw new PayCheckoutError('config', 'session-id and session-url name different sessions');
  return sessionId;
};

/** The session `session-id` / `session-url` name, if any (see HostedProvider.session). */
const givenSession = <Session extends HostedSession>({ sessionId, sessionUrl }: ProviderConfig, provider: HostedProvider<Session>) =>
  sessionId || sessionUrl ? provider.session(sessionId, sessionUrl) : undefined;

/** Configuration errors of a hosted checkout, before anything loads. */
export const validateHosted = (config: ProviderConfig, provider: HostedProvider<HostedSession>): PayCheckoutError | undefined => {
  const { mode } = config;
  try {
    if (mode && !['redirect', 'iframe', 'modal'].includes(mode)) throw `mode "${mode}" is not redirect, iframe or modal`;
    if (!givenSession(config, provider) && !config.sessionEndpoint) {
      throw 'needs session-id, session-url or session-endpoint';
    }
  } catch (error) {
    return toPayError(error, 'config');
  }
  return undefined;
};

/** The focused element, looking through open shadow roots (focus may sit inside a component). */
const activeElement = (): HTMLElement | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null; // or an SVG or MathML element: focusable all the same
};

export const createHostedCheckout = <Session extends HostedSession>(
  context: ProviderContext,
  provider: HostedProvider<Session>,
): PaymentProvider => {
  const { config, signal } = context;
  const name = config.provider;
  // Without `mode`, a hosted checkout opens in a modal: the payer stays on the page, and it needs no layout space.
  const mode = (config.mode || 'modal') as HostedMode;
  const given = givenSession(config, provider);
  let loading: Promise<HostedRun> | undefined;
  let run: HostedRun | undefined;

  /** The rest of the checkout, imported once; a failed import is `sdk-load`, tried again on the next call. */
  const load = (): Promise<HostedRun> =>
    (loading ??= guard(Promise.all([import('./page.js'), provider.page()]), context.timeouts.sdk, signal, 'sdk-load', 'checkout code').then(
      ([{ hostedRun }, page]) => (run = hostedRun(context, provider, page(context), mode, given)),
      (error: unknown) => {
        loading = undefined;
        throw toPayError(error, 'sdk-load');
      },
    ));

  return {
    async mount() {
      // Back from a redirect (this tab left for this provider): the result is re-emitted instead.
      // Only an element in redirect mode takes it: another one on the page (a modal) never left.
      if (mode == 'redirect' && hasRedirect(name) && (await load()).back()) return;
      // A given session in an inline frame is shown at once: the page has its own Pay button.
      if (mode == 'iframe' && given) await (await load()).submit(null);
      context.ready();
      load().catch(() => {}); // a failure is reported by the submit that needs it
    },

    async submit() {
      // Where focus goes back to when the hosted page closes: read before anything else takes it.
      const returnFocus = activeElement();
      if (run?.isOpen()) return; // the page open answers this payment (checked before a wait the payer may close it in)
      await (await load()).submit(returnFocus);
    },

    unmount() {
      run?.close();
    },

    get open() {
      return !!run?.isOpen();
    },
  };
};

// What every hosted checkout (Reepay, Paiwise) needs before `pay-ready`: the configuration check, the
// session named by attributes, and loading the rest (./hosted-page.ts and the provider's page half) only
// when it is needed: on submit, on coming back from a redirect, for an inline frame shown at once, and
// otherwise right after `pay-ready`, so that a Pay click does not wait on the network.
import { PayCheckoutError, toPayError } from '../errors.js';
import type { PayCompleteDetail } from '../events/pay-complete.js';
import type { PaymentProvider, ProviderConfig, ProviderContext } from '../providers/provider.js';
import { guard } from './async.js';
import type { HostedRun } from './hosted-page.js';

/** The sessionStorage key prefix of redirect records (./redirect-return.ts), one per provider. */
export const REDIRECT_KEY = 'pay-checkout:redirect:';

/** True when this tab holds a record of leaving for `provider`'s hosted page: only then is a return handled. */
const hasRedirect = (provider: string): boolean => {
  try {
    return sessionStorage.getItem(REDIRECT_KEY + provider) != null;
  } catch {
    return false;
  }
};

export type HostedMode = 'redirect' | 'iframe' | 'modal';

/** A hosted session, as the provider understood it from `session-id` / `session-url` or the endpoint. */
export interface HostedSession {
  readonly id: string;
}

/** How a provider's hosted page reports back. Calls after the first outcome are ignored. */
export interface HostedPageEvents {
  /** The page is ready to be seen: an inline frame is revealed, a modal opens. */
  shown(): void;
  /** Accepted (`redirected: false`). */
  complete(detail: PayCompleteDetail): void;
  /** Left without paying: `cancel` (the payer chose to) or `close` (the page closed itself). */
  cancel(reason: 'cancel' | 'close'): void;
  /** The session failed (expired, unknown …), for `reason`: a `session` error, the element shows it and stops. */
  fail(reason: string): void;
}

/** What a page the provider redirected back to says. */
export interface HostedReturn {
  /** The session id the URL claims: re-emitted only if it is the one this tab left for. */
  sessionId: string;
  /** The accepted result (`redirected: true`), or undefined for a cancel. */
  complete: PayCompleteDetail | undefined;
}

/** The provider-specific half of a hosted checkout needed before `pay-ready`. */
export interface HostedProvider<Session extends HostedSession> {
  /**
   * The session named by `id` and/or `url` (`session-id` / `session-url`, or a session endpoint's
   * answer; never both missing). Throws `config` for an id that is not the provider's,
   * `insecure-config` for a URL outside the provider's allow-list for the environment.
   */
  session(id: string | undefined, url: string | undefined): Session;
  /** Imports the provider's page half (a dynamic `import()`), for this element. */
  page(): Promise<(context: ProviderContext) => HostedPage<Session>>;
}

/** The provider-specific half of a hosted checkout needed only to open its page or read a return. */
export interface HostedPage<Session extends HostedSession> {
  /** Where `mode="redirect"` navigates. */
  windowUrl(session: Session): URL;
  /**
   * Fields the element adds to what it POSTs to the session endpoint (after the host's `payload`, before
   * `provider` and `mode`), e.g. where the provider's page returns to. Throws `config` for a payload it
   * cannot work with.
   */
  sessionFields?(): Record<string, unknown>;
  /**
   * Points `frame` (not yet in the document) at the session's page for `mode` and listens to it until
   * `signal` aborts, reporting through `events`: `shown()` once the page can be seen (within
   * `PayCheckout.timeouts.mount`, or the element reports `frame-load`), then one outcome. May throw a
   * PayCheckoutError instead, before anything loads.
   */
  connect(frame: HTMLIFrameElement, session: Session, mode: 'iframe' | 'modal', events: HostedPageEvents, signal: AbortSignal): void;
  /** The redirect result this page's URL holds, if it looks like one. */
  returned(location: URL): HostedReturn | undefined;
}

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
export const validateHosted = (
  config: ProviderConfig,
  provider: HostedProvider<HostedSession>,
): PayCheckoutError | undefined => {
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
    (loading ??= guard(Promise.all([import('./hosted-page.js'), provider.page()]), context.timeouts.sdk, signal, 'sdk-load', 'checkout code').then(
      ([{ hostedRun }, page]) => (run = hostedRun(context, provider, page(context), mode, given)),
      (error: unknown) => {
        loading = undefined;
        throw toPayError(error, 'sdk-load');
      },
    ));

  return {
    async mount() {
      // Back from a redirect (this tab left for this provider): the result is re-emitted instead.
      if (hasRedirect(name) && (await load()).back()) return;
      // A given session in an inline frame is shown at once: the page has its own Pay button.
      if (mode == 'iframe' && given) await (await load()).submit(null);
      context.ready();
      load().catch(() => {}); // a failure is reported by the submit that needs it
    },

    async submit() {
      // Where focus goes back to when the hosted page closes: read before anything else takes it.
      const returnFocus = activeElement();
      await (await load()).submit(returnFocus);
    },

    unmount() {
      run?.close();
    },
  };
};

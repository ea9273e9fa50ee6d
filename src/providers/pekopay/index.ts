// PekoPay: the hosted card fields of `@pekopay/web`, mounted in the element's light-DOM slot, with
// the element's token source behind the SDK's `sessionTokenProvider`; saved cards offered before them.
import { PayCheckoutError, toPayError, type PayErrorCode } from '../../errors.js';
import type { PaySavedCard } from '../../events/pay-token.js';
import { guard } from '../../internal/async.js';
import { safeUrl } from '../../internal/safe-url.js';
import { TokenSource } from '../../internal/token-source.js';
import type { PaymentProvider, ProviderConfig, ProviderContext } from '../provider.js';
import { cardChoices, parseCards, saveCardChoice, savedCardStyles } from './saved-cards.js';
import type { PekoCheckoutFormInstance, PekoCheckoutFormStatic, PekoFormFieldState, PekoSdkModule } from './sdk.js';

/** The `@pekopay/web` version loaded when neither `sdk-url` nor `sdk-version` says otherwise. */
export const PEKOPAY_SDK_VERSION = '1.0.0';
const SDK_PREFIX = 'https://cdn.jsdelivr.net/npm/@pekopay/web@';
const FRAME_READY_GRACE_MS = 3000;

/** Submit failures the SDK reports, by its code; anything else is `tokenize`. */
const SUBMIT_ERRORS: Record<string, PayErrorCode> = {
  validation_error: 'validation',
  card_declined: 'declined',
  token_expired: 'token-expired',
  token_used: 'token-expired',
  invalid_session_token: 'token-expired',
};

/** Load failures that are about the token, not the SDK; anything else is `sdk-load`. */
const LOAD_ERRORS: Record<string, PayErrorCode> = { token_expired: 'token-expired', token_used: 'token-expired' };

const isFormStatic = (value: unknown): value is PekoCheckoutFormStatic =>
  typeof (value as PekoCheckoutFormStatic | undefined)?.initialize == 'function';

const sdkUrl = (config: ProviderConfig): URL =>
  safeUrl(config.sdkUrl || `${SDK_PREFIX}${config.sdkVersion || PEKOPAY_SDK_VERSION}/dist/index.js`, [SDK_PREFIX]);

export const validate = (config: ProviderConfig): PayCheckoutError | undefined => {
  if (config.mode && config.mode != 'embedded') {
    return new PayCheckoutError('config', `pekopay supports mode="embedded" only, not "${config.mode}"`);
  }
  const { initial, url, provider } = config.tokens;
  if (!(initial || url || provider)) {
    return new PayCheckoutError('config', 'pekopay needs session-token, token-url or sessionTokenProvider');
  }
  const cards = parseCards(config.cards);
  if (cards instanceof PayCheckoutError) return cards;
  try {
    sdkUrl(config);
  } catch (error) {
    return error as PayCheckoutError;
  }
  return undefined;
};

/** SDK modules by URL, kept once asked for (dropped when the import fails, so that it is tried again). */
const sdkModules = new Map<string, Promise<Partial<PekoSdkModule>>>();

/** Injected by property, then statically, then a global script tag; `import(sdk-url)` last. */
const loadSdk = async ({ host, config, signal, timeouts }: ProviderContext): Promise<PekoCheckoutFormStatic> => {
  const injected = [
    (host as { pekoCheckoutForm?: unknown }).pekoCheckoutForm,
    (host.constructor as { pekoCheckoutForm?: unknown }).pekoCheckoutForm,
    (globalThis as { PekoCheckoutForm?: unknown }).PekoCheckoutForm,
  ].find(isFormStatic);
  if (injected) return injected;
  const url = sdkUrl(config).href;
  let importing = sdkModules.get(url);
  if (!importing) {
    importing = import(/* @vite-ignore */ /* webpackIgnore: true */ url).catch((error: Error) => {
      sdkModules.delete(url);
      throw new PayCheckoutError('sdk-load', `could not import ${url}: ${error.message}`);
    }) as Promise<Partial<PekoSdkModule>>;
    sdkModules.set(url, importing);
  }
  const module = await guard(
    importing,
    timeouts.sdk,
    signal,
    'sdk-load',
    `import(${url})`,
  );
  if (!isFormStatic(module.PekoCheckoutForm)) {
    throw new PayCheckoutError('sdk-load', `${url} does not export PekoCheckoutForm`);
  }
  return module.PekoCheckoutForm;
};

const sdkErrorReason = (error: unknown): string => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return `${code ?? 'error'}: ${message ?? String(error)}`;
};

export const create = (context: ProviderContext): PaymentProvider => {
  const { config, signal, timeouts, host } = context;
  const tokens = new TokenSource({ ...config.tokens, timeoutMs: timeouts.token, retries: 2, signal });
  /** Hands a token (or a saved card) to the element; once it is accepted, no token is fetched ahead any more. */
  const emit: ProviderContext['token'] = (...args) => {
    const accepted = context.token(...args);
    if (accepted) tokens.stopRefreshing();
    return accepted;
  };
  const cards = parseCards(config.cards) as PaySavedCard[];
  // The card marked default is preselected; without one, the first. `null`: "Use a new card".
  let chosen: PaySavedCard | null = cards.find((card) => card.default) ?? cards[0] ?? null;
  let saveCard = false;
  let form: PekoCheckoutFormInstance | undefined;
  // The fields are mounted only once a new card is chosen.
  let fieldsStarted = false;
  let fieldsReady = false;
  let fieldsComplete = false;
  let mountTimer: ReturnType<typeof setTimeout> | undefined;
  // The submit in flight: completeTransaction settles it.
  let pending: { resolve(): void; reject(error: PayCheckoutError): void } | undefined;
  // Why the last token refresh the SDK asked for failed, to report that rather than "token expired".
  let refreshError: PayCheckoutError | undefined;
  let lastChange: string | undefined;

  if (cards.length) {
    // The saved-card list is ours, so are its styles: they travel in this chunk, adopted next to the element's.
    const root = host.shadowRoot;
    const sheet = savedCardStyles.styleSheet;
    if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  const ready = () => {
    clearTimeout(mountTimer);
    fieldsReady = true;
    if (!chosen) context.ready();
  };
  // The SDK reports the fields' first state once they can tokenize: that is readiness. The seeds do not
  // promise that report, so a frame that loaded but stays silent counts as ready after a grace period.
  const onFrameLoad = (event: Event) => {
    if (event.target instanceof HTMLIFrameElement) {
      clearTimeout(mountTimer);
      mountTimer = setTimeout(ready, FRAME_READY_GRACE_MS);
    }
  };

  const onFormFieldStateChange = (state: PekoFormFieldState) => {
    ready();
    const fields: Record<string, { valid: boolean; empty: boolean; error?: string }> = {};
    for (const [name, field] of Object.entries(state?.fields ?? {})) {
      fields[name] = { valid: !!field.isValid, empty: !!field.isEmpty, ...(field.error ? { error: field.error } : {}) };
    }
    const detail = {
      complete: !!state?.isValid,
      empty: !!state?.isEmpty,
      ...(state?.cardType ? { cardType: state.cardType } : {}),
      fields,
    };
    // The SDK reports on every keystroke; the host hears only when validity or brand changed.
    const key = JSON.stringify(detail);
    if (key != lastChange) {
      fieldsComplete = detail.complete;
      context.change(detail);
      context.update();
    }
    lastChange = key;
  };

  const mountFields = async () => {
    fieldsStarted = true;
    // The SDK and the first token load side by side. The token the SDK holds: when it says that one
    // expired, the token source replaces it.
    const [Peko, firstToken] = await Promise.all([loadSdk(context), tokens.get()]);
    let sdkToken = firstToken;
    if (signal.aborted) return;
    const container = context.container();
    // Load events do not bubble; a capturing listener sees the hosted frame's.
    container.addEventListener('load', onFrameLoad, true);
    signal.addEventListener('abort', () => container.removeEventListener('load', onFrameLoad, true));
    mountTimer = setTimeout(
      () => context.fail(new PayCheckoutError('sdk-load', `card fields not ready after ${timeouts.mount} ms`)),
      timeouts.mount,
    );
    try {
      form = Peko.initialize({
        sessionToken: sdkToken,
        environment: config.environment,
        container,
        height: 200,
        onFormFieldStateChange,
        onLoadError: (error) =>
          context.fail(
            refreshError ??
              new PayCheckoutError(
                LOAD_ERRORS[(error as { code?: string })?.code ?? ''] ?? 'sdk-load',
                sdkErrorReason(error),
              ),
          ),
        completeTransaction: (data) => {
          const paymentToken = data?.sessionToken;
          if (typeof paymentToken != 'string' || !paymentToken) {
            pending?.reject(new PayCheckoutError('tokenize', 'completeTransaction received no sessionToken'));
            return;
          }
          const card = data.cardData
            ? { last4: String(data.cardData.last4Digits), cardType: String(data.cardData.cardType) }
            : null;
          if (emit(paymentToken, card, { saveCard })) pending?.resolve();
        },
        ...(tokens.canRefresh && {
          sessionTokenProvider: () =>
            tokens.replace(sdkToken).then(
              (token) => (sdkToken = token),
              (error: unknown) => {
                refreshError = toPayError(error, 'token-fetch');
                throw error;
              },
            ),
        }),
      });
      form.mount();
    } catch (error) {
      throw toPayError(error, 'sdk-load');
    }
  };

  const choose = (card: PaySavedCard | null) => {
    if (card == chosen) return;
    chosen = card;
    context.select(card && { last4: card.last4, cardType: card.cardType });
    if (card || fieldsReady) context.ready();
    else {
      context.loading();
      if (!fieldsStarted) mountFields().catch((error: unknown) => context.fail(toPayError(error, 'sdk-load')));
    }
    context.update();
  };

  return {
    get fieldsShown() {
      return !chosen;
    },

    get payable() {
      return !!chosen || fieldsComplete;
    },

    renderAbove(view) {
      return cards.length ? cardChoices(view, cards, chosen, choose) : undefined;
    },

    renderBelow(view) {
      return chosen ? undefined : saveCardChoice(view, saveCard, (checked) => (saveCard = checked));
    },

    async mount() {
      if (chosen) context.ready();
      else await mountFields();
    },

    submit() {
      // A saved card needs no PekoPay token: the backend charges it by customer and card.
      if (chosen) {
        emit('', { last4: chosen.last4, cardType: chosen.cardType }, { savedCard: true });
        return Promise.resolve();
      }
      const submitting = new Promise<void>((resolve, reject) => {
        pending = { resolve, reject };
        refreshError = undefined;
        Promise.resolve()
          .then(() => form!.submitFormFields())
          .catch((error: unknown) => {
            const code = SUBMIT_ERRORS[(error as { code?: string })?.code ?? ''] ?? 'tokenize';
            reject(refreshError ?? new PayCheckoutError(code, sdkErrorReason(error)));
          });
      });
      return guard(submitting, timeouts.submit, signal, 'timeout', 'submitFormFields').finally(
        () => (pending = undefined),
      );
    },

    async refreshToken() {
      await tokens.refresh();
    },

    unmount() {
      clearTimeout(mountTimer);
      try {
        form?.unmount?.();
      } catch {
        // The SDK failing to clean up must not stop the element from cleaning up; the container goes anyway.
      }
      form = undefined;
    },
  };
};

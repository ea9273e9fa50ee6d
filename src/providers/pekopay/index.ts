// PekoPay: the hosted card fields of `@pekopay/web`, mounted in the element's light-DOM slot, with
// the element's token source behind the SDK's `sessionTokenProvider`.
import { PayCheckoutError, toPayError, type PayErrorCode } from '../../errors.js';
import { guard } from '../../internal/async.js';
import { safeUrl } from '../../internal/safe-url.js';
import { TokenSource } from '../../internal/token-source.js';
import type { PaymentProvider, ProviderConfig, ProviderContext } from '../provider.js';
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

const isFormStatic = (value: unknown): value is PekoCheckoutFormStatic =>
  typeof (value as PekoCheckoutFormStatic | undefined)?.initialize == 'function';

const sdkUrl = (config: ProviderConfig): URL =>
  safeUrl(config.sdkUrl || `${SDK_PREFIX}${config.sdkVersion || PEKOPAY_SDK_VERSION}/dist/index.js`, [SDK_PREFIX]);

export const validate = (config: ProviderConfig): PayCheckoutError | undefined => {
  if (config.mode && config.mode != 'embedded') {
    return new PayCheckoutError('config', `pekopay mode "${config.mode}" not embedded`);
  }
  if (!config.hasTokenSource) {
    return new PayCheckoutError('config', 'pekopay: no session-token, token-url or sessionTokenProvider');
  }
  try {
    sdkUrl(config);
  } catch (error) {
    return error as PayCheckoutError;
  }
  return undefined;
};

/** Injected by property, then statically, then a global script tag; `import(sdk-url)` last. */
const loadSdk = async ({ host, config, signal, timeouts }: ProviderContext): Promise<PekoCheckoutFormStatic> => {
  const injected = [
    (host as { pekoCheckoutForm?: unknown }).pekoCheckoutForm,
    (host.constructor as { pekoCheckoutForm?: unknown }).pekoCheckoutForm,
    (globalThis as { PekoCheckoutForm?: unknown }).PekoCheckoutForm,
  ].find(isFormStatic);
  if (injected) return injected;
  const url = sdkUrl(config).href;
  const what = `import(${url})`;
  const module = await guard(
    import(/* @vite-ignore */ /* webpackIgnore: true */ url).catch((error: Error) => {
      throw new PayCheckoutError('sdk-load', `${what}: ${error.message}`);
    }) as Promise<Partial<PekoSdkModule>>,
    timeouts.sdk,
    signal,
    'sdk-load',
    what,
  );
  if (!isFormStatic(module.PekoCheckoutForm)) {
    throw new PayCheckoutError('sdk-load', `${what}: no PekoCheckoutForm`);
  }
  return module.PekoCheckoutForm;
};

const sdkErrorReason = (error: unknown): string => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return `${code ?? 'error'}: ${message ?? String(error)}`;
};

export const create = (context: ProviderContext): PaymentProvider => {
  const { config, signal, timeouts } = context;
  const tokens = new TokenSource(context.tokenOptions);
  let form: PekoCheckoutFormInstance | undefined;
  let mountTimer: ReturnType<typeof setTimeout> | undefined;
  // The submit in flight: completeTransaction settles it.
  let pending: { resolve(): void; reject(error: PayCheckoutError): void } | undefined;
  // Why the last token refresh the SDK asked for failed, to report that rather than "token expired".
  let refreshError: PayCheckoutError | undefined;
  let lastChange: string | undefined;

  const ready = () => {
    clearTimeout(mountTimer);
    context.ready();
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
    if (key != lastChange) context.change(detail);
    lastChange = key;
  };

  return {
    async mount() {
      // The SDK and the token come from different servers: fetched side by side, not one after the other.
      const [Peko, sessionToken] = await Promise.all([loadSdk(context), tokens.get()]);
      if (signal.aborted) return;
      const container = context.container();
      // Load events do not bubble; a capturing listener sees the hosted frame's.
      container.addEventListener('load', onFrameLoad, true);
      signal.addEventListener('abort', () => container.removeEventListener('load', onFrameLoad, true));
      mountTimer = setTimeout(
        () => context.fail(new PayCheckoutError('sdk-load', `card fields timed out after ${timeouts.mount} ms`)),
        timeouts.mount,
      );
      try {
        form = Peko.initialize({
          sessionToken,
          environment: config.environment,
          container,
          height: 200,
          onFormFieldStateChange,
          onLoadError: (error) => context.fail(new PayCheckoutError('sdk-load', sdkErrorReason(error))),
          completeTransaction: (data) => {
            const paymentToken = data?.sessionToken;
            if (typeof paymentToken != 'string' || !paymentToken) {
              pending?.reject(new PayCheckoutError('tokenize', 'completeTransaction without sessionToken'));
              return;
            }
            const card = data.cardData
              ? { last4: String(data.cardData.last4Digits), cardType: String(data.cardData.cardType) }
              : null;
            if (context.token(paymentToken, card)) pending?.resolve();
          },
          ...(tokens.canRefresh && {
            sessionTokenProvider: () =>
              tokens.refresh().catch((error: unknown) => {
                refreshError = toPayError(error, 'token-fetch');
                throw error;
              }),
          }),
        });
        form.mount();
      } catch (error) {
        throw toPayError(error, 'sdk-load');
      }
    },

    submit() {
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

// Sandbox stand-in for `@pekopay/web`: PekoCheckoutForm mounts the hosted card fields (an iframe served
// from this module's origin) and talks to them over a MessageChannel, as strictly as a real hosted-fields SDK.
// Contract: src/providers/pekopay/sdk.ts. Protocol and error codes: sandbox/README.md. Sandbox-only exports:
// SandboxCheckoutForm and its frame driver, with which the element tests' double frames a same-origin page.
// @ts-check

/**
 * @typedef {import('../../../../src/providers/pekopay/sdk.ts').PekoInitializeOptions} PekoInitializeOptions
 * @typedef {import('../../../../src/providers/pekopay/sdk.ts').PekoCheckoutFormInstance} PekoCheckoutFormInstance
 * @typedef {import('../../../../src/providers/pekopay/sdk.ts').PekoFormFieldState} PekoFormFieldState
 * @typedef {import('../../../../src/providers/pekopay/sdk.ts').PekoFieldState} PekoFieldState
 */

const MODULE_URL = new URL(import.meta.url);
const FRAME_ORIGIN = MODULE_URL.origin;
/** Relative to this module, so that a static host can serve the sandbox's files under any path. */
const FRAME_PAGE = '../../frame/card.html';
const READY_TIMEOUT_MS = 10_000;
const FIELD_NAMES = /** @type {const} */ (['cardNumber', 'expiry', 'cvc', 'cardholderName']);

/** What `onLoadError` receives and `submitFormFields()` rejects with: an Error with a `code`. */
export class PekoSdkError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'PekoSdkError';
    this.code = code;
  }
}

/**
 * The frame's URL. Sandbox-only switches on this module's own URL reach the frame: `frame_fault` /
 * `frame_delay` become the frame page's `sandbox_fault` / `sandbox_delay`, `tokenize_fault` /
 * `tokenize_delay` are handed to the frame for its tokenize calls, and `offline` puts the frame in
 * offline mode (no sandbox server: see "Offline mode" in sandbox/README.md).
 */
function frameUrl() {
  const url = new URL(FRAME_PAGE, MODULE_URL);
  const sdkParams = MODULE_URL.searchParams;
  for (const [from, to] of [['frame_fault', 'sandbox_fault'], ['frame_delay', 'sandbox_delay']]) {
    const value = sdkParams.get(from);
    if (value !== null) url.searchParams.set(to, value);
  }
  const hash = new URLSearchParams({ parent: location.origin });
  if (sdkParams.has('offline')) hash.set('offline', '');
  for (const key of ['tokenize_fault', 'tokenize_delay']) {
    const value = sdkParams.get(key);
    if (value !== null) hash.set(key, value);
  }
  url.hash = hash.toString();
  return url.href;
}

/**
 * How a form reaches its card frame, and who watches it (the element tests' double counts what happens).
 * @typedef {object} FrameDriver
 * @property {string} origin the frame's origin: only its `peko:ready` counts
 * @property {number} readyTimeoutMs
 * @property {(iframe: HTMLIFrameElement) => void} load gives the frame its page
 * @property {(frame: { iframe: HTMLIFrameElement, frameWindow: Window, port: MessagePort, sessionToken: string, environment: string }) => void} connect
 *   hands the frame its end of the channel
 * @property {() => boolean} [holdsReady] true while a `peko:ready` is to be ignored (a frame that never finishes loading)
 * @property {(event: 'mount' | 'submit' | 'unmount' | 'tokenRequest' | 'token' | 'transaction' | 'loadError' | 'message' | 'disconnect', detail?: any) => void} [observe]
 */

/** @type {FrameDriver} */
const SANDBOX_FRAMES = {
  origin: FRAME_ORIGIN,
  readyTimeoutMs: READY_TIMEOUT_MS,
  load(iframe) {
    iframe.src = frameUrl();
  },
  connect({ frameWindow, port, sessionToken, environment }) {
    frameWindow.postMessage({ type: 'peko:init', sessionToken, environment }, FRAME_ORIGIN, [port]);
  },
};

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
const isRecord = (value) => typeof value === 'object' && value !== null;

/**
 * Copies a field state from the frame into exactly the documented shape.
 * @param {any} field
 * @returns {PekoFieldState}
 */
function fieldState(field) {
  /** @type {PekoFieldState} */
  const state = { isValid: field?.isValid === true, isEmpty: field?.isEmpty === true };
  if (typeof field?.error === 'string') state.error = field.error;
  return state;
}

/**
 * @param {any} raw
 * @returns {PekoFormFieldState}
 */
function formFieldState(raw) {
  const fields = /** @type {PekoFormFieldState['fields']} */ (
    Object.fromEntries(FIELD_NAMES.map((name) => [name, fieldState(raw?.fields?.[name])]))
  );
  /** @type {PekoFormFieldState} */
  const state = { isValid: raw?.isValid === true, isEmpty: raw?.isEmpty === true, fields };
  if (typeof raw?.cardType === 'string') state.cardType = raw.cardType;
  return state;
}

/** @implements {PekoCheckoutFormInstance} */
export class SandboxCheckoutForm {
  /** @type {PekoInitializeOptions} */
  #options;
  /** @type {FrameDriver} */
  #driver;
  #name = `peko-card-${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  #sessionToken;
  /** @type {'idle' | 'loading' | 'ready' | 'failed'} */
  #status = 'idle';
  /** Bumped by every mount and teardown: a continuation from an older generation must not call the host. */
  #generation = 0;
  /** @type {HTMLIFrameElement | null} */
  #iframe = null;
  /** @type {MessagePort | null} */
  #port = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #readyTimer;
  #refreshedOnLoad = false;
  /** @type {Promise<void> | null} */
  #submission = null;
  #nextRequestId = 1;
  /** @type {Map<number, { resolve: (reply: any) => void, reject: (error: PekoSdkError) => void }>} */
  #pending = new Map();

  /**
   * @param {PekoInitializeOptions} options
   * @param {FrameDriver} [driver]
   */
  constructor(options, driver = SANDBOX_FRAMES) {
    this.#options = options;
    this.#driver = driver;
    this.#sessionToken = options.sessionToken;
  }

  /** The frame's name, by which the form finds its window (`window.frames[name]`). */
  get name() {
    return this.#name;
  }

  /** `idle`, `loading`, `ready` (the fields are on screen) or `failed`. */
  get status() {
    return this.#status;
  }

  /** The token the form holds now (refreshed ones included). */
  get sessionToken() {
    return this.#sessionToken;
  }

  /** The frame the form mounted, while mounted. */
  get frame() {
    return this.#iframe;
  }

  mount() {
    if (this.#status === 'loading' || this.#status === 'ready') return;
    this.#driver.observe?.('mount');
    const generation = ++this.#generation;
    this.#status = 'loading';
    this.#refreshedOnLoad = false;
    const { container, environment } = this.#options;
    if (environment !== 'sandbox') {
      this.#failLoad('invalid_environment', `This is the sandbox SDK: environment must be "sandbox", not "${environment}".`);
      return;
    }
    if (!container.isConnected || container.getRootNode() !== document) {
      this.#failLoad('container_not_in_document', 'The container must be connected to the document, outside any shadow root.');
      return;
    }
    const iframe = document.createElement('iframe');
    iframe.name = this.#name;
    iframe.title = 'Secure card payment form';
    this.#driver.load(iframe);
    const { height = 200, width = '100%' } = this.#options;
    iframe.style.height = typeof height === 'number' ? `${height}px` : String(height);
    iframe.style.width = typeof width === 'number' ? `${width}px` : String(width);
    iframe.style.border = 'none';
    iframe.style.display = 'block';
    window.addEventListener('message', this.#onWindowMessage);
    const { readyTimeoutMs } = this.#driver;
    this.#readyTimer = setTimeout(() => {
      if (generation === this.#generation) this.#failLoad('frame_load_failed', `The card form did not load within ${readyTimeoutMs / 1000} seconds.`);
    }, readyTimeoutMs);
    this.#iframe = iframe;
    container.append(iframe);
    // Real hosted-field SDKs find their frame by name; a frame in a shadow root has none.
    if (this.#frameWindow() !== iframe.contentWindow) {
      this.#failLoad('container_not_in_document', 'The card frame is not reachable through window.frames.');
    }
  }

  /** @returns {Promise<void>} */
  submitFormFields() {
    this.#driver.observe?.('submit');
    if (this.#submission) return this.#submission;
    if (this.#status !== 'ready') {
      return Promise.reject(new PekoSdkError('not_ready', 'The card form is not ready yet.'));
    }
    const submission = this.#submit(this.#generation).finally(() => {
      if (this.#submission === submission) this.#submission = null;
    });
    this.#submission = submission;
    return submission;
  }

  unmount() {
    this.#driver.observe?.('unmount');
    this.#teardown('The card form was unmounted.');
    this.#status = 'idle';
  }

  /** @returns {Window | undefined} */
  #frameWindow() {
    return /** @type {any} */ (window.frames)[this.#name];
  }

  /** @param {MessageEvent} event */
  #onWindowMessage = (event) => {
    const frameWindow = this.#frameWindow();
    if (!frameWindow || event.source !== frameWindow || event.origin !== this.#driver.origin) return;
    if (!isRecord(event.data) || event.data.type !== 'peko:ready' || this.#driver.holdsReady?.()) return;
    clearTimeout(this.#readyTimer);
    // A reloaded frame says ready again: it gets a new channel, and anything pending on the old one fails.
    this.#closePort('The card form reloaded.');
    const channel = new MessageChannel();
    this.#port = channel.port1;
    this.#port.onmessage = (message) => this.#onPortMessage(message.data);
    const iframe = /** @type {HTMLIFrameElement} */ (this.#iframe);
    this.#driver.connect({ iframe, frameWindow, port: channel.port2, sessionToken: this.#sessionToken, environment: this.#options.environment });
  };

  /** @param {any} message */
  #onPortMessage(message) {
    if (!isRecord(message)) return;
    switch (message.type) {
      case 'loaded':
        this.#status = 'ready';
        break;
      case 'load_error':
        this.#onLoadError(String(message.code), String(message.message));
        break;
      case 'state':
        this.#options.onFormFieldStateChange?.(formFieldState(message.state));
        break;
      case 'submit_request':
        // Enter in the frame: the same flow as the host's button. Its failures are shown in the frame.
        this.submitFormFields().catch(() => {});
        break;
      case 'tokenize_result': {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        pending?.resolve(message);
        break;
      }
      default:
        this.#driver.observe?.('message', message);
    }
  }

  /**
   * @param {string} code
   * @param {string} message
   */
  async #onLoadError(code, message) {
    if (code !== 'token_expired' || this.#refreshedOnLoad) return this.#failLoad(code, message);
    this.#refreshedOnLoad = true;
    const generation = this.#generation;
    try {
      const token = await this.#freshToken();
      if (generation !== this.#generation) return;
      this.#sessionToken = token;
      this.#port?.postMessage({ type: 'session', sessionToken: token });
    } catch (error) {
      if (generation === this.#generation) this.#failLoad('token_expired', /** @type {Error} */ (error).message);
    }
  }

  /** @param {number} generation */
  async #submit(generation) {
    let reply = await this.#tokenize();
    if (!reply.ok && reply.code === 'token_expired') {
      const token = await this.#freshToken();
      this.#assertCurrent(generation);
      this.#sessionToken = token;
      reply = await this.#tokenize();
    }
    if (!reply.ok) throw new PekoSdkError(String(reply.code), String(reply.message));
    this.#assertCurrent(generation);
    const { sessionToken, cardData } = reply;
    this.#sessionToken = sessionToken;
    const data = { sessionToken, cardData: { last4Digits: String(cardData.last4Digits), cardType: String(cardData.cardType) } };
    this.#driver.observe?.('transaction', data);
    await this.#options.completeTransaction(data);
  }

  /** @returns {Promise<any>} the frame's `tokenize_result` */
  #tokenize() {
    const port = this.#port;
    if (!port) return Promise.reject(new PekoSdkError('not_ready', 'The card form is not connected.'));
    const id = this.#nextRequestId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      port.postMessage({ type: 'tokenize', id, sessionToken: this.#sessionToken });
    });
  }

  /** @returns {Promise<string>} */
  async #freshToken() {
    const provider = this.#options.sessionTokenProvider;
    if (typeof provider !== 'function') {
      throw new PekoSdkError('token_expired', 'The session token expired and no sessionTokenProvider was given.');
    }
    this.#driver.observe?.('tokenRequest');
    let token;
    try {
      token = await provider();
    } catch (error) {
      throw new PekoSdkError('token_expired', `The session token expired and sessionTokenProvider failed: ${error}`);
    }
    if (typeof token !== 'string' || !token) {
      throw new PekoSdkError('token_expired', 'The session token expired and sessionTokenProvider returned no token.');
    }
    this.#driver.observe?.('token', token);
    return token;
  }

  /** @param {number} generation */
  #assertCurrent(generation) {
    if (generation !== this.#generation) throw new PekoSdkError('not_ready', 'The card form was unmounted.');
  }

  /**
   * @param {string} code
   * @param {string} message
   */
  #failLoad(code, message) {
    const onLoadError = this.#options.onLoadError;
    const generation = this.#generation;
    this.#teardown(message);
    this.#status = 'failed';
    // Asynchronous like every other callback, so a host never sees one from inside mount().
    queueMicrotask(() => {
      if (generation + 1 !== this.#generation) return;
      const error = new PekoSdkError(code, message);
      this.#driver.observe?.('loadError', error);
      onLoadError?.(error);
    });
  }

  /** @param {string} reason */
  #closePort(reason) {
    this.#port?.close();
    this.#port = null;
    this.#driver.observe?.('disconnect');
    for (const { reject } of this.#pending.values()) reject(new PekoSdkError('not_ready', reason));
    this.#pending.clear();
  }

  /** @param {string} reason why pending submissions fail */
  #teardown(reason) {
    this.#generation++;
    clearTimeout(this.#readyTimer);
    window.removeEventListener('message', this.#onWindowMessage);
    this.#closePort(reason);
    this.#iframe?.remove();
    this.#iframe = null;
    this.#submission = null;
  }
}

/**
 * Checks `initialize()`'s options as strictly as a real SDK: a TypeError for each missing essential.
 * @param {PekoInitializeOptions} options
 */
export function checkInitializeOptions(options) {
  if (!isRecord(options)) throw new TypeError('PekoCheckoutForm.initialize: options are required.');
  if (typeof options.sessionToken !== 'string' || !options.sessionToken) {
    throw new TypeError('PekoCheckoutForm.initialize: sessionToken must be a non-empty string.');
  }
  if (!(options.container instanceof HTMLElement)) {
    throw new TypeError('PekoCheckoutForm.initialize: container must be an HTMLElement.');
  }
  if (typeof options.completeTransaction !== 'function') {
    throw new TypeError('PekoCheckoutForm.initialize: completeTransaction must be a function.');
  }
}

export const PekoCheckoutForm = Object.freeze({
  /**
   * @param {PekoInitializeOptions} options
   * @returns {PekoCheckoutFormInstance}
   */
  initialize(options) {
    checkInitializeOptions(options);
    return new SandboxCheckoutForm({ ...options });
  },
});

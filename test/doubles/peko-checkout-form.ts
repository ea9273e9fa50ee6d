// A scripted, same-origin double of `@pekopay/web`'s `PekoCheckoutForm` for element-tier tests: the contract of
// src/providers/pekopay/sdk.ts, built from the sandbox's own parts — the sandbox SDK's form
// (sandbox/pekopay/web/dist/index.js), its card frame's page and card form kit (sandbox/pekopay/frame/card.html,
// sandbox/shared/card-form.js) — so it has the same error codes, field-state shapes, `onLoadError` cases and token
// rules, but with its card fields in a same-origin frame (srcdoc) that page script can fill, in every engine.
//
// As strict as the real SDK, being its code: `initialize()` checks its options, `mount()` needs a container
// connected to the document outside any shadow root, and the SDK side reaches its frame only through
// `window.frames[name]` (the frame says `peko:ready` with postMessage; SDK and frame then talk over a
// MessageChannel).
//
// Scripted the way stripe-elements' mock-stripe is: the sandbox's magic test cards (declined
// 4000 0000 0000 0002, slow 4000 0000 0000 0077 …, judged by the sandbox's own rules), a magic unknown token
// (UNKNOWN_TOKEN), and a control API for faults (failLoad, hangLoad, failTokenize, delayTokenize, hangTokenize,
// holdTokenize, expireToken, revokeToken, clearFaults). What the element did is observable: `initialized`,
// `tokensSeen`, `tokenRequests`, `submits`, `tokenizations`, `transactions`, `loadErrors`, `forms`.
import type {
  PekoCheckoutFormInstance,
  PekoCheckoutFormStatic,
  PekoCompleteTransactionData,
  PekoInitializeOptions,
} from '../../src/providers/pekopay/sdk.js';
// @ts-expect-error plain JS module: the sandbox's @pekopay/web stand-in, whose form the double's forms are
import * as sdkModule from '../../sandbox/pekopay/web/dist/index.js';
// @ts-expect-error plain JS module: the sandbox's card form (markup and behaviour), shared by every hosted page
import * as cardFormModule from '../../sandbox/shared/card-form.js';
// @ts-expect-error plain JS module: the sandbox's test cards and what each does
import * as testCardsModule from '../../sandbox/shared/test-cards.js';
// @ts-expect-error plain JS module: the PekoPay checkout API's token errors, shared by the sandbox server and its offline frame
import * as offlineApiModule from '../../sandbox/pekopay/frame/offline-api.js';

type FieldName = 'cardNumber' | 'expiry' | 'cvc' | 'cardholderName';
type CardAccepted = { ok: true; card: { last4Digits: string; cardType: string }; delayMs: number };
type CardRefused = { ok: false; status: number; code: string; message: string; fields?: { field: string; error?: string }[] };
interface CardForm {
  inputs: Record<FieldName, HTMLInputElement>;
  read(): { number: string; expiry: string; cvc: string; name: string };
  state(): unknown;
  showErrors(): { isValid: boolean };
  showServerErrors(fields: unknown): void;
  setReadOnly(readOnly: boolean): void;
}

const { createCardForm } = cardFormModule as {
  createCardForm(slot: HTMLElement, options: { formError?: HTMLElement | null; onChange?: () => void }): CardForm;
};
const testCards = testCardsModule as {
  judgeCard(card: unknown): CardAccepted | CardRefused;
  DECLINED_CARD: string;
  SLOW_CARD: string;
  CHARGE_DECLINED_CARD: string;
  SLOW_CARD_DELAY_MS: number;
};
const { TOKEN_ERRORS } = offlineApiModule as { TOKEN_ERRORS: Record<string, readonly [number, string]> };

type Status = 'idle' | 'loading' | 'ready' | 'failed';
/** How the sandbox SDK's form reaches its frame and reports what it does (sandbox/pekopay/web/dist/index.js). */
interface FrameDriver {
  origin: string;
  readonly readyTimeoutMs: number;
  load(iframe: HTMLIFrameElement): void;
  connect(frame: { iframe: HTMLIFrameElement; frameWindow: Window; port: MessagePort; sessionToken: string; environment: string }): void;
  holdsReady?(): boolean;
  observe?(event: string, detail?: unknown): void;
}
interface SandboxForm extends PekoCheckoutFormInstance {
  readonly name: string;
  readonly status: Status;
  readonly sessionToken: string;
  readonly frame: HTMLIFrameElement | null;
}
const sdk = sdkModule as {
  SandboxCheckoutForm: new (options: PekoInitializeOptions, driver: FrameDriver) => SandboxForm;
  checkInitializeOptions(options: PekoInitializeOptions): void;
  PekoSdkError: new (code: string, message: string) => Error & { readonly code: string };
};
const { SandboxCheckoutForm, checkInitializeOptions, PekoSdkError } = sdk;
type PekoSdkError = InstanceType<typeof PekoSdkError>;

/** The sandbox's magic test cards (sandbox/README.md, "Test cards"), digits only. */
export const TEST_CARDS = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  amex: '378282246310005',
  /** `submitFormFields()` rejects `card_declined`. */
  declined: testCards.DECLINED_CARD,
  /** Tokenizes after SLOW_CARD_DELAY_MS. */
  slow: testCards.SLOW_CARD,
  /** Tokenizes; the backend's charges on it are declined (nothing the SDK sees). */
  chargeDeclined: testCards.CHARGE_DECLINED_CARD,
} as const;
export const SLOW_CARD_DELAY_MS: number = testCards.SLOW_CARD_DELAY_MS;

/** A well-formed token no PekoPay service knows: loading with it reports `invalid_session_token`. */
export const UNKNOWN_TOKEN = 'sess_00000000000000000000000000000000';
/** The shapes the sandbox issues (`sess_<32 hex>`) or accepts offline (`offline_…`); anything else is unknown. */
const WELL_FORMED = /^(?:sess_[0-9a-f]{32}|offline_(?:ttl\d{1,4}_)?[A-Za-z0-9]{8,64})$/;

/** A fresh well-formed session token, as the sandbox issues them (`sess_<32 hex>`). */
export const newToken = (): string =>
  `sess_${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;

/** The codes `submitFormFields()` can reject with after tokenizing (sandbox/README.md). */
export const SUBMIT_CODES = [
  'validation_error',
  'card_declined',
  'token_expired',
  'token_used',
  'invalid_session_token',
  'network_error',
] as const;
export type PekoSubmitCode = (typeof SUBMIT_CODES)[number];
/** The codes the frame reports at load (`onLoadError`, after a refresh attempt for `token_expired`). */
export const LOAD_CODES = ['invalid_session_token', 'token_expired', 'token_used', 'invalid_environment', 'frame_load_failed'] as const;
export type PekoLoadCode = (typeof LOAD_CODES)[number];

const READY_TIMEOUT_MS = 10_000;
const TOKENIZE_TIMEOUT_MS = 15_000;

/** What `onLoadError` receives and `submitFormFields()` rejects with: the sandbox SDK's, an Error with a `code`. */
export { PekoSdkError };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------
// The frame page: the sandbox's own card.html (its markup and styles; the card form kit builds its fields), with a
// base for its relative URLs and, in place of its script, the handshake: it tells its parent it is ready, as the
// sandbox frame does. The frame's logic is run by this page's script (CardFrame below).

const FRAME_PAGE = (await (await fetch('/sandbox/pekopay/frame/card.html')).text())
  .replace('<head>', '<head>\n<base href="/sandbox/pekopay/frame/">')
  .replace(/<script type="module" src="card\.js"><\/script>/, '')
  .replace('</body>', "<script>parent.postMessage({ type: 'peko:ready' }, '*');</script>\n</body>");

const SERVER_CODES = ['validation_error', 'card_declined', 'token_expired', 'token_used', 'invalid_session_token'];

/** What the service (the sandbox checkout API's stand-in) answers the frame. */
type SessionAnswer = { ok: true } | { ok: false; code: string; message: string };
type TokenizeAnswer =
  | { ok: true; sessionToken: string; cardData: { last4Digits: string; cardType: string } }
  | { ok: false; code: string; message: string; fields?: { field: string; error?: string }[] };

/** Frames by their element, so that tests reach the double's frame (typeCard, settled). */
const framesByElement = new WeakMap<HTMLIFrameElement, CardFrame>();

/**
 * The card frame's logic (sandbox/pekopay/frame/card.js), run by page script on the same-origin frame's
 * document: the sandbox's card form (its fields, formatting and field errors), the session check, and
 * tokenizing with the service on request.
 */
class CardFrame {
  port: MessagePort | null = null;
  #sessionToken = '';
  #locked = false;
  #flushes = new Map<number, () => void>();
  #nextFlush = 1;
  readonly form: HTMLFormElement;
  readonly inputs: Record<FieldName, HTMLInputElement>;
  readonly #statusLine: HTMLElement;
  readonly #formError: HTMLElement;
  readonly #cardForm: CardForm;

  constructor(
    readonly document: Document,
    private readonly service: PekoCheckoutFormDouble,
  ) {
    const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
    this.form = byId('card-form');
    this.#statusLine = byId('status');
    this.#formError = byId('form-error');
    this.#cardForm = createCardForm(byId('card-fields'), {
      formError: this.#formError,
      onChange: () => this.#post({ type: 'state', state: this.#cardForm.state() }),
    });
    this.inputs = this.#cardForm.inputs;
    this.form.addEventListener('submit', (event) => {
      // Enter in a field: the SDK runs its submit flow, exactly as for the host's own button.
      event.preventDefault();
      this.#post({ type: 'submit_request' });
    });
  }

  /** The SDK handed over its port (`peko:init`). */
  connect(port: MessagePort, sessionToken: string, environment: string): void {
    this.port = port;
    port.onmessage = (event) => this.#onPortMessage(event.data);
    if (environment !== 'sandbox') {
      this.#loadError('invalid_environment', 'The sandbox card form only runs in the "sandbox" environment.');
      return;
    }
    void this.#checkSession(sessionToken);
  }

  /** Resolves once everything the frame posted so far reached the SDK (the channel keeps order). */
  flush(): Promise<void> {
    if (!this.port) return Promise.resolve();
    const id = this.#nextFlush++;
    return new Promise((resolve) => {
      this.#flushes.set(id, resolve);
      this.#post({ type: 'flush', id });
    });
  }

  flushed(id: number): void {
    this.#flushes.get(id)?.();
    this.#flushes.delete(id);
  }

  close(): void {
    for (const resolve of this.#flushes.values()) resolve();
    this.#flushes.clear();
    this.port = null;
  }

  #post(message: Record<string, unknown>): void {
    this.port?.postMessage(message);
  }

  #setReadOnly(readOnly: boolean): void {
    this.#cardForm.setReadOnly(readOnly);
    this.form.setAttribute('aria-busy', String(readOnly && !this.#locked));
  }

  #showStatus(text: string): void {
    this.#statusLine.textContent = text;
    this.#statusLine.hidden = !text;
  }

  #loadError(code: string, message: string): void {
    this.#showStatus('The card form could not be loaded.');
    this.#post({ type: 'load_error', code, message });
  }

  async #checkSession(token: string): Promise<void> {
    this.#sessionToken = token;
    this.form.hidden = true;
    this.#showStatus('Loading secure card form…');
    const answer = await this.service._checkSession(token);
    if (answer.ok) {
      this.#showStatus('');
      this.form.hidden = false;
      this.#post({ type: 'loaded' });
      this.#post({ type: 'state', state: this.#cardForm.state() });
    } else {
      this.#loadError(answer.code, answer.message);
    }
  }

  async #tokenize(id: number, token: unknown): Promise<void> {
    const reply = (result: Record<string, unknown>) => this.#post({ type: 'tokenize_result', id, ...result });
    if (typeof token === 'string' && token) this.#sessionToken = token;

    if (!this.#cardForm.showErrors().isValid) {
      this.#post({ type: 'state', state: this.#cardForm.state() });
      return reply({ ok: false, code: 'validation_error', message: 'Some card details are missing or not valid.' });
    }

    this.#formError.textContent = '';
    this.#setReadOnly(true);
    try {
      const answer = await this.service._tokenize(this.#sessionToken, this.#cardForm.read());
      if (answer.ok) {
        this.#locked = true;
        return reply({ ok: true, sessionToken: answer.sessionToken, cardData: answer.cardData });
      }
      if (SERVER_CODES.includes(answer.code)) {
        if (answer.code === 'validation_error') this.#cardForm.showServerErrors(answer.fields);
        if (answer.code === 'card_declined') this.#formError.textContent = 'Your card was declined. Try another card.';
      }
      reply({ ok: false, code: answer.code, message: answer.message });
    } finally {
      this.#setReadOnly(this.#locked);
    }
  }

  #onPortMessage(message: unknown): void {
    if (!isRecord(message)) return;
    if (message.type === 'session' && typeof message.sessionToken === 'string') void this.#checkSession(message.sessionToken);
    else if (message.type === 'tokenize' && typeof message.id === 'number') {
      const work = this.#tokenize(message.id, message.sessionToken);
      this.service._inflight.add(work);
      void work.finally(() => this.service._inflight.delete(work));
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// The SDK side: the sandbox SDK's own SandboxCheckoutForm (sandbox/pekopay/web/dist/index.js), given a frame
// driver that frames the page above from this origin and connects the CardFrame run on it, and that counts
// what the form does for the double.

/** One form `initialize()` returned: the sandbox SDK's form, framing the double's page. */
export class PekoFormDouble extends SandboxCheckoutForm {
  readonly options: PekoInitializeOptions;

  constructor(options: PekoInitializeOptions, double: PekoCheckoutFormDouble) {
    let frame: CardFrame | null = null;
    const counts: Record<string, (detail?: unknown) => void> = {
      mount: () => double.mounts++,
      submit: () => double.submits++,
      unmount: () => double.unmounts++,
      tokenRequest: () => double.tokenRequests++,
      token: (token) => double.tokensSeen.push(token as string),
      transaction: (data) => double.transactions.push(data as PekoCompleteTransactionData),
      loadError: (error) => double.loadErrors.push(error as PekoSdkError),
      message: (message) => isRecord(message) && message.type === 'flush' && frame?.flushed(Number(message.id)),
      disconnect: () => {
        frame?.close();
        frame = null;
      },
    };
    super(options, {
      origin: location.origin,
      get readyTimeoutMs() {
        return double.readyTimeoutMs;
      },
      load: (iframe) => (iframe.srcdoc = FRAME_PAGE),
      holdsReady: () => double._loadFault?.kind === 'hang',
      connect: ({ iframe, frameWindow, port, sessionToken, environment }) => {
        frame = new CardFrame(frameWindow.document, double);
        framesByElement.set(iframe, frame);
        frame.connect(port, sessionToken, environment);
      },
      observe: (event, detail) => counts[event]?.(detail),
    });
    this.options = options;
  }

  /** Resolves once every field state the frame reported so far reached `onFormFieldStateChange`. */
  settled(): Promise<void> {
    const frame = this.frame && framesByElement.get(this.frame);
    return frame ? frame.flush() : Promise.resolve();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The double itself: `PekoCheckoutFormStatic`, the service behind its frames (token store, card judgement),
// the control API and what it observed.

type TokenRecord = { state: 'issued' | 'tokenized'; expired: boolean; unknown: boolean; tokenizing: boolean };
type LoadFault = { kind: 'fail'; code: string; message: string; times: number } | { kind: 'hang' };
type TokenizeFault =
  | { kind: 'fail'; code: string; message: string; times: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'hold'; released: Promise<void> };

export interface PekoDoubleOptions {
  /** How long a frame may take to say ready before `onLoadError frame_load_failed` (sandbox: 10 s). */
  readyTimeoutMs?: number;
  /** How long a tokenization may take before it fails with `network_error` (sandbox: 15 s). */
  tokenizeTimeoutMs?: number;
}

export class PekoCheckoutFormDouble implements PekoCheckoutFormStatic {
  readyTimeoutMs: number;
  tokenizeTimeoutMs: number;

  // What the double observed.
  /** The options of every `initialize()` call, in order. */
  readonly initialized: PekoInitializeOptions[] = [];
  /** Every form `initialize()` returned, in order. */
  readonly forms: PekoFormDouble[] = [];
  /** Every token the SDK was handed: `initialize`'s, then each `sessionTokenProvider()` answer, in order. */
  readonly tokensSeen: string[] = [];
  /** The token of every tokenize request that reached the service, in order. */
  readonly tokenizations: string[] = [];
  /** Every `completeTransaction` call the double made, in order. */
  readonly transactions: PekoCompleteTransactionData[] = [];
  /** Every error handed to `onLoadError`, in order. */
  readonly loadErrors: PekoSdkError[] = [];
  /** How many times `sessionTokenProvider()` was called. */
  tokenRequests = 0;
  /** How many times `submitFormFields()` was called (Enter in the frame included). */
  submits = 0;
  mounts = 0;
  unmounts = 0;

  /** @internal */
  _loadFault: LoadFault | undefined;
  /** @internal The frames' tokenize requests not answered yet. */
  readonly _inflight = new Set<Promise<void>>();
  #tokenizeFault: TokenizeFault | undefined;
  readonly #tokens = new Map<string, TokenRecord>();

  constructor(options: PekoDoubleOptions = {}) {
    this.readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
    this.tokenizeTimeoutMs = options.tokenizeTimeoutMs ?? TOKENIZE_TIMEOUT_MS;
  }

  /** `PekoCheckoutForm.initialize`, with the sandbox SDK's checks. (A property: it may be passed around unbound.) */
  initialize = (options: PekoInitializeOptions): PekoFormDouble => {
    checkInitializeOptions(options);
    this.initialized.push(options);
    this.tokensSeen.push(options.sessionToken);
    const form = new PekoFormDouble({ ...options }, this);
    this.forms.push(form);
    return form;
  };

  /** The form mounted most recently (for observing its token, frame, status). */
  get form(): PekoFormDouble | undefined {
    return this.forms.at(-1);
  }

  // ---- control API: faults -----------------------------------------------------------------------------

  /**
   * The next `times` frames (default: every one until clearFaults) report a load error with `code` when
   * they check their session: `frame_load_failed` (default), `invalid_session_token`, `token_used`,
   * `invalid_environment`, or `token_expired` (the SDK then asks `sessionTokenProvider` once, as the sandbox).
   */
  failLoad(code: PekoLoadCode = 'frame_load_failed', { message, times = Infinity }: { message?: string; times?: number } = {}): this {
    if (!LOAD_CODES.includes(code)) throw new TypeError(`failLoad: unknown load error code ${code}`);
    this._loadFault = { kind: 'fail', code, message: message ?? `Scripted load failure: ${code}.`, times };
    return this;
  }

  /** Frames never say they are ready: after `readyTimeoutMs` the SDK reports `frame_load_failed`. */
  hangLoad(): this {
    this._loadFault = { kind: 'hang' };
    return this;
  }

  /**
   * The next `times` tokenize requests (default: all until clearFaults) fail with `code` (default
   * `network_error`; any code of SUBMIT_CODES). `token_expired` makes the SDK refresh and try once more.
   */
  failTokenize(code: PekoSubmitCode = 'network_error', { message, times = Infinity }: { message?: string; times?: number } = {}): this {
    if (!SUBMIT_CODES.includes(code)) throw new TypeError(`failTokenize: unknown submit error code ${code}`);
    this.#tokenizeFault = { kind: 'fail', code, message: message ?? `Scripted tokenize failure: ${code}.`, times };
    return this;
  }

  /** Tokenize requests answer `ms` later (past `tokenizeTimeoutMs` they fail `network_error`, as the sandbox's). */
  delayTokenize(ms: number): this {
    this.#tokenizeFault = { kind: 'delay', ms };
    return this;
  }

  /** Tokenize requests never answer: after `tokenizeTimeoutMs` they fail with `network_error`. */
  hangTokenize(): this {
    this.#tokenizeFault = { kind: 'hold', released: new Promise(() => {}) };
    return this;
  }

  /**
   * Tokenize requests wait until the returned `release()` is called (then go on as usual). `release()`
   * resolves once the held requests were answered and their answers handled by the SDK.
   */
  holdTokenize(): { release(): Promise<void> } {
    let open!: () => void;
    const released = new Promise<void>((resolve) => (open = resolve));
    this.#tokenizeFault = { kind: 'hold', released };
    return {
      release: async () => {
        if (this.#tokenizeFault?.kind === 'hold' && this.#tokenizeFault.released === released) this.#tokenizeFault = undefined;
        open();
        // The held requests answer; their answers travel to the SDK over each form's channel, and one round
        // trip behind them they are handled.
        await Promise.all(this._inflight);
        await Promise.all(this.forms.map((form) => form.settled()));
      },
    };
  }

  /** `token` (default: every token seen so far) has expired: the service answers `token_expired` for it. */
  expireToken(token?: string): this {
    for (const each of token === undefined ? [...this.#tokens.keys(), ...this.tokensSeen] : [token]) this.#record(each).expired = true;
    return this;
  }

  /** The service does not know `token`: `invalid_session_token` (as for UNKNOWN_TOKEN or a malformed token). */
  revokeToken(token: string): this {
    this.#record(token).unknown = true;
    return this;
  }

  /** No more faults: loads and tokenize requests behave as the sandbox's (held requests are released). */
  clearFaults(): this {
    this._loadFault = undefined;
    this.#tokenizeFault = undefined;
    return this;
  }

  /** The state of `token` at the service: `unknown`, `expired`, `issued` or `tokenized` (used). */
  tokenState(token: string): 'unknown' | 'expired' | 'issued' | 'tokenized' {
    const found = this.#lookup(token);
    return 'error' in found ? (found.error == 'token_expired' ? 'expired' : 'unknown') : found.record.state;
  }

  // ---- the service (the sandbox checkout API's stand-in) ----------------------------------------------

  #record(token: string): TokenRecord {
    let record = this.#tokens.get(token);
    if (!record) {
      record = { state: 'issued', expired: false, unknown: false, tokenizing: false };
      this.#tokens.set(token, record);
    }
    return record;
  }

  #lookup(token: string): { error: 'invalid_session_token' | 'token_expired' } | { record: TokenRecord } {
    if (!WELL_FORMED.test(token) || token === UNKNOWN_TOKEN) return { error: 'invalid_session_token' };
    const record = this.#record(token);
    if (record.unknown) return { error: 'invalid_session_token' };
    if (record.expired) return { error: 'token_expired' };
    return { record };
  }

  #tokenError(code: 'invalid_session_token' | 'token_expired' | 'token_used') {
    return { ok: false as const, code, message: String(TOKEN_ERRORS[code]?.[1] ?? code) };
  }

  /** @internal `GET /checkout/sessions/:token`, as the frame sees it. */
  async _checkSession(token: string): Promise<SessionAnswer> {
    await Promise.resolve();
    const fault = this._loadFault;
    if (fault?.kind === 'fail' && fault.times > 0) {
      if (--fault.times <= 0) this._loadFault = undefined;
      return { ok: false, code: fault.code, message: fault.message };
    }
    const found = this.#lookup(token);
    if ('error' in found) return this.#tokenError(found.error);
    if (found.record.state !== 'issued') return this.#tokenError('token_used');
    return { ok: true };
  }

  /** @internal `POST /checkout/tokenize`, as the frame sees it (with the frame's 15 s limit). */
  async _tokenize(sessionToken: string, card: { number: string; expiry: string; cvc: string; name: string }): Promise<TokenizeAnswer> {
    this.tokenizations.push(sessionToken);
    const timeout = new Promise<TokenizeAnswer>((resolve) =>
      setTimeout(
        () => resolve({ ok: false, code: 'network_error', message: 'The payment service could not be reached.' }),
        this.tokenizeTimeoutMs,
      ),
    );
    return Promise.race([this.#answerTokenize(sessionToken, card), timeout]);
  }

  async #answerTokenize(sessionToken: string, card: unknown): Promise<TokenizeAnswer> {
    const fault = this.#tokenizeFault;
    if (fault?.kind === 'hold') await fault.released;
    else if (fault?.kind === 'delay') await wait(fault.ms);
    else if (fault?.kind === 'fail' && fault.times > 0) {
      if (--fault.times <= 0) this.#tokenizeFault = undefined;
      return { ok: false, code: fault.code, message: fault.message };
    }
    await Promise.resolve();
    const found = this.#lookup(sessionToken);
    if ('error' in found) return this.#tokenError(found.error);
    const { record } = found;
    if (record.state !== 'issued' || record.tokenizing) return this.#tokenError('token_used');
    const outcome = testCards.judgeCard(card);
    if (!outcome.ok) return { ok: false, code: outcome.code, message: outcome.message, ...(outcome.fields && { fields: outcome.fields }) };
    record.tokenizing = true;
    try {
      await wait(outcome.delayMs);
    } finally {
      record.tokenizing = false;
    }
    record.state = 'tokenized';
    return { ok: true, sessionToken, cardData: outcome.card };
  }
}

/** The double's card frame behind `iframe`, if the double mounted it (and it said ready). */
export const cardFrameOf = (
  iframe: HTMLIFrameElement,
): { document: Document; inputs: Record<FieldName, HTMLInputElement>; form: HTMLFormElement } | undefined => framesByElement.get(iframe);

/** Resolves once every field state the double's frame `iframe` reported so far reached its host. */
export const settled = (iframe: HTMLIFrameElement): Promise<void> => framesByElement.get(iframe)?.flush() ?? Promise.resolve();

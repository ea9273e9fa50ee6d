// A scripted, same-origin double of `@pekopay/web`'s `PekoCheckoutForm` for element-tier tests: the contract of
// src/providers/pekopay/sdk.ts, behaving like the sandbox SDK (sandbox/pekopay/web/dist/index.js) and its card
// frame (sandbox/pekopay/frame/card.js) — same error codes, field-state shapes, `onLoadError` cases and token
// rules — but with its card fields in a same-origin frame (srcdoc) that page script can fill, in every engine.
//
// As strict as the real SDK: `initialize()` checks its options, `mount()` needs a container connected to the
// document outside any shadow root, and the SDK side reaches its frame only through `window.frames[name]`
// (the frame says `peko:ready` with postMessage; SDK and frame then talk over a MessageChannel).
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
  PekoFieldState,
  PekoFormFieldState,
  PekoInitializeOptions,
} from '../../src/providers/pekopay/sdk.js';
// @ts-expect-error plain JS module shared by the sandbox's card frame and its tokenize API
import * as cardRulesModule from '../../sandbox/pekopay/frame/card-rules.js';
// @ts-expect-error plain JS module: the sandbox checkout API's answers (test cards, token errors)
import * as checkoutRulesModule from '../../sandbox/pekopay/frame/checkout-rules.js';

type FieldName = 'cardNumber' | 'expiry' | 'cvc' | 'cardholderName';
type FieldCheck = { isValid: boolean; isEmpty: boolean; error?: string };
interface CheckedCard {
  isValid: boolean;
  isEmpty: boolean;
  brand?: string;
  fields: Record<FieldName, FieldCheck>;
}
type CardAccepted = { ok: true; card: { last4Digits: string; cardType: string }; delayMs: number };
type CardRefused = { ok: false; status: number; code: string; message: string; fields?: { field: string; error?: string }[] };

const cardRules = cardRulesModule as {
  checkCard(card: { number: string; expiry: string; cvc: string; name: string }): CheckedCard;
  detectBrand(digits: string): string | undefined;
  digitsOf(value: string): string;
  formatCardNumber(digits: string): string;
  formatExpiry(raw: string, adding: boolean): string;
};
const checkoutRules = checkoutRulesModule as {
  judgeCard(card: unknown): CardAccepted | CardRefused;
  DECLINED_CARD: string;
  SLOW_CARD: string;
  CHARGE_DECLINED_CARD: string;
  SLOW_CARD_DELAY_MS: number;
  TOKEN_ERRORS: Record<string, readonly [number, string]>;
};

/** The sandbox's magic test cards (sandbox/README.md, "Test cards"), digits only. */
export const TEST_CARDS = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  amex: '378282246310005',
  /** `submitFormFields()` rejects `card_declined`. */
  declined: checkoutRules.DECLINED_CARD,
  /** Tokenizes after SLOW_CARD_DELAY_MS. */
  slow: checkoutRules.SLOW_CARD,
  /** Tokenizes; the backend's charges on it are declined (nothing the SDK sees). */
  chargeDeclined: checkoutRules.CHARGE_DECLINED_CARD,
} as const;
export const SLOW_CARD_DELAY_MS: number = checkoutRules.SLOW_CARD_DELAY_MS;

/** A well-formed token no PekoPay service knows: loading with it reports `invalid_session_token`. */
export const UNKNOWN_TOKEN = 'sess_00000000000000000000000000000000';
/** The shapes the sandbox issues (`sess_<32 hex>`) or accepts offline (`offline_…`); anything else is unknown. */
const WELL_FORMED = /^(?:sess_[0-9a-f]{32}|offline_(?:ttl\d{1,4}_)?[A-Za-z0-9]{8,64})$/;

/** A fresh well-formed session token, as the sandbox issues them (`sess_<32 hex>`). */
export const newToken = (): string =>
  `sess_${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;

/** The codes `submitFormFields()` can reject with after tokenizing (sandbox/README.md). */
export const SUBMIT_CODES = ['validation_error', 'card_declined', 'token_expired', 'token_used', 'invalid_session_token', 'network_error'] as const;
export type PekoSubmitCode = (typeof SUBMIT_CODES)[number];
/** The codes the frame reports at load (`onLoadError`, after a refresh attempt for `token_expired`). */
export const LOAD_CODES = ['invalid_session_token', 'token_expired', 'token_used', 'invalid_environment', 'frame_load_failed'] as const;
export type PekoLoadCode = (typeof LOAD_CODES)[number];

const FIELDS: readonly FieldName[] = ['cardNumber', 'expiry', 'cvc', 'cardholderName'];
const READY_TIMEOUT_MS = 10_000;
const TOKENIZE_TIMEOUT_MS = 15_000;

/** What `onLoadError` receives and `submitFormFields()` rejects with, as the sandbox's: an Error with a `code`. */
export class PekoSdkError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'PekoSdkError';
    this.code = code;
  }
}

const isRecord = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null;

function fieldState(field: any): PekoFieldState {
  const state: PekoFieldState = { isValid: field?.isValid === true, isEmpty: field?.isEmpty === true };
  if (typeof field?.error === 'string') state.error = field.error;
  return state;
}

/** Copies a field state from the frame into exactly the documented shape (as the sandbox SDK does). */
function formFieldState(raw: any): PekoFormFieldState {
  const fields = Object.fromEntries(FIELDS.map((name) => [name, fieldState(raw?.fields?.[name])])) as PekoFormFieldState['fields'];
  const state: PekoFormFieldState = { isValid: raw?.isValid === true, isEmpty: raw?.isEmpty === true, fields };
  if (typeof raw?.cardType === 'string') state.cardType = raw.cardType;
  return state;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------
// The frame page: the sandbox's card.html, same labels, autocomplete, errors and ids, with card.css. Its one
// inline script is the handshake: it tells its parent it is ready, as the sandbox frame does.

const FRAME_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Secure card payment form</title>
<link rel="stylesheet" href="/sandbox/pekopay/frame/card.css">
</head>
<body>
<main>
<h1 class="visually-hidden">Card details</h1>
<p class="status" id="status" role="status">Loading secure card form…</p>
<form id="card-form" novalidate hidden>
<div class="field">
<label for="card-number">Card number</label>
<div class="with-brand">
<input id="card-number" name="cardnumber" type="text" autocomplete="cc-number" inputmode="numeric" maxlength="23" spellcheck="false" placeholder="1234 1234 1234 1234" aria-describedby="card-number-brand card-number-error">
<span class="brand" id="card-number-brand"></span>
</div>
<p class="error" id="card-number-error"></p>
</div>
<div class="row">
<div class="field">
<label for="card-expiry">Expiry (MM/YY)</label>
<input id="card-expiry" name="exp-date" type="text" autocomplete="cc-exp" inputmode="numeric" maxlength="7" spellcheck="false" placeholder="MM/YY" aria-describedby="card-expiry-error">
<p class="error" id="card-expiry-error"></p>
</div>
<div class="field">
<label for="card-cvc">CVC</label>
<input id="card-cvc" name="cvc" type="text" autocomplete="cc-csc" inputmode="numeric" maxlength="4" spellcheck="false" placeholder="123" aria-describedby="card-cvc-error">
<p class="error" id="card-cvc-error"></p>
</div>
</div>
<div class="field">
<label for="card-name">Name on card</label>
<input id="card-name" name="ccname" type="text" autocomplete="cc-name" maxlength="100" spellcheck="false" aria-describedby="card-name-error">
<p class="error" id="card-name-error"></p>
</div>
<p class="error form-error" id="form-error" role="alert"></p>
<button type="submit" class="visually-hidden" tabindex="-1">Pay</button>
</form>
</main>
<script>parent.postMessage({ type: 'peko:ready' }, '*');</script>
</body>
</html>`;

const MESSAGES: Record<FieldName, Record<string, string>> = {
  cardNumber: {
    required: 'Enter the card number.',
    incomplete: 'The card number is incomplete.',
    invalid: 'The card number is not valid.',
    unsupported: 'This card brand is not accepted.',
  },
  expiry: {
    required: 'Enter the expiry date.',
    incomplete: 'Enter the expiry date as MM/YY.',
    invalid: 'The expiry date is not valid.',
    expired: 'This card has expired.',
  },
  cvc: {
    required: 'Enter the security code.',
    incomplete: 'The security code is too short.',
    invalid: 'The security code is not valid.',
  },
  cardholderName: {
    required: 'Enter the name on the card.',
    invalid: 'The name is not valid.',
  },
};
const BRAND_LABELS: Record<string, string> = { VISA: 'Visa', MASTERCARD: 'Mastercard', AMEX: 'Amex' };
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
 * document: formatting as typed, field errors on blur and submit, tokenizing with the service on request.
 */
class CardFrame {
  port: MessagePort | null = null;
  #sessionToken = '';
  #locked = false;
  #previousNumberDigits = '';
  #flushes = new Map<number, () => void>();
  #nextFlush = 1;
  readonly form: HTMLFormElement;
  readonly inputs: Record<FieldName, HTMLInputElement>;
  readonly #statusLine: HTMLElement;
  readonly #formError: HTMLElement;
  readonly #brandBadge: HTMLElement;
  readonly #errorLines: Record<FieldName, HTMLElement>;

  constructor(
    readonly document: Document,
    private readonly service: PekoCheckoutFormDouble,
  ) {
    const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
    this.form = byId('card-form');
    this.#statusLine = byId('status');
    this.#formError = byId('form-error');
    this.#brandBadge = byId('card-number-brand');
    this.inputs = {
      cardNumber: byId('card-number'),
      expiry: byId('card-expiry'),
      cvc: byId('card-cvc'),
      cardholderName: byId('card-name'),
    };
    this.#errorLines = {
      cardNumber: byId('card-number-error'),
      expiry: byId('card-expiry-error'),
      cvc: byId('card-cvc-error'),
      cardholderName: byId('card-name-error'),
    };
    this.inputs.cardNumber.addEventListener('input', (event) => this.#formatNumberInput(event as InputEvent));
    this.inputs.expiry.addEventListener('input', (event) => this.#formatExpiryInput(event as InputEvent));
    this.inputs.cvc.addEventListener('input', () => this.#formatCvcInput());
    for (const name of FIELDS) {
      this.inputs[name].addEventListener('input', () => this.#onInput(name));
      this.inputs[name].addEventListener('blur', () => this.#onBlur(name));
    }
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

  #readCard() {
    return {
      number: this.inputs.cardNumber.value,
      expiry: this.inputs.expiry.value,
      cvc: this.inputs.cvc.value,
      name: this.inputs.cardholderName.value,
    };
  }

  #formState() {
    const { brand, ...state } = cardRules.checkCard(this.#readCard());
    return brand ? { ...state, cardType: brand } : state;
  }

  #showFieldError(name: FieldName, error: string | undefined): void {
    this.#errorLines[name].textContent = error ? (MESSAGES[name][error] ?? MESSAGES[name].invalid!) : '';
    this.inputs[name].setAttribute('aria-invalid', String(Boolean(error)));
  }

  #onBlur(name: FieldName): void {
    const field = cardRules.checkCard(this.#readCard()).fields[name];
    // An untouched empty field is not an error yet: only a submit says so.
    this.#showFieldError(name, field.isValid || field.isEmpty ? undefined : field.error);
    this.#post({ type: 'state', state: this.#formState() });
  }

  #onInput(name: FieldName): void {
    this.#formError.textContent = '';
    const field = cardRules.checkCard(this.#readCard()).fields[name];
    // Typing clears an error once the field is right again, and never shows a new one mid-word.
    if (this.#errorLines[name].textContent) this.#showFieldError(name, field.isValid ? undefined : field.error);
    this.#post({ type: 'state', state: this.#formState() });
  }

  #formatNumberInput(event: InputEvent): void {
    const input = this.inputs.cardNumber;
    const caret = input.selectionStart ?? input.value.length;
    let digits = cardRules.digitsOf(input.value);
    let digitsBeforeCaret = cardRules.digitsOf(input.value.slice(0, caret)).length;
    if (event.inputType === 'deleteContentBackward' && digits === this.#previousNumberDigits && digitsBeforeCaret > 0) {
      // Backspace right after a space removed only the space: remove the digit before it instead.
      digits = digits.slice(0, digitsBeforeCaret - 1) + digits.slice(digitsBeforeCaret);
      digitsBeforeCaret--;
    }
    digits = digits.slice(0, 19);
    const formatted = cardRules.formatCardNumber(digits);
    this.#previousNumberDigits = digits;
    if (formatted !== input.value) {
      input.value = formatted;
      let position = 0;
      for (let seen = 0; position < formatted.length && seen < digitsBeforeCaret; position++) {
        if (formatted[position] !== ' ') seen++;
      }
      if (this.document.activeElement === input) input.setSelectionRange(position, position);
    }
    const brand = cardRules.detectBrand(digits);
    this.#brandBadge.textContent = brand ? (BRAND_LABELS[brand] ?? '') : '';
  }

  #formatExpiryInput(event: InputEvent): void {
    // While deleting, a trailing `MM/` must not grow its slash back.
    this.inputs.expiry.value = cardRules.formatExpiry(this.inputs.expiry.value, !(event.inputType?.startsWith('delete') ?? false));
  }

  #formatCvcInput(): void {
    const cleaned = cardRules.digitsOf(this.inputs.cvc.value).slice(0, 4);
    if (cleaned !== this.inputs.cvc.value) this.inputs.cvc.value = cleaned;
  }

  #setReadOnly(readOnly: boolean): void {
    for (const input of Object.values(this.inputs)) input.readOnly = readOnly;
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
      this.#post({ type: 'state', state: this.#formState() });
    } else {
      this.#loadError(answer.code, answer.message);
    }
  }

  async #tokenize(id: number, token: unknown): Promise<void> {
    const reply = (result: Record<string, unknown>) => this.#post({ type: 'tokenize_result', id, ...result });
    if (typeof token === 'string' && token) this.#sessionToken = token;

    const checked = cardRules.checkCard(this.#readCard());
    if (!checked.isValid) {
      for (const name of FIELDS) this.#showFieldError(name, checked.fields[name].isValid ? undefined : checked.fields[name].error);
      this.inputs[FIELDS.find((name) => !checked.fields[name].isValid) ?? 'cardNumber'].focus();
      this.#post({ type: 'state', state: this.#formState() });
      return reply({ ok: false, code: 'validation_error', message: 'Some card details are missing or not valid.' });
    }

    this.#formError.textContent = '';
    this.#setReadOnly(true);
    try {
      const card = this.#readCard();
      const answer = await this.service._tokenize(this.#sessionToken, { ...card, number: cardRules.digitsOf(card.number) });
      if (answer.ok) {
        this.#locked = true;
        return reply({ ok: true, sessionToken: answer.sessionToken, cardData: answer.cardData });
      }
      if (SERVER_CODES.includes(answer.code)) {
        if (answer.code === 'validation_error' && Array.isArray(answer.fields)) {
          for (const { field, error } of answer.fields) if (FIELDS.includes(field as FieldName)) this.#showFieldError(field as FieldName, error);
        }
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
// The SDK side: sandbox/pekopay/web/dist/index.js's SandboxCheckoutForm, framing the page above.

type Status = 'idle' | 'loading' | 'ready' | 'failed';

/** One form `initialize()` returned. */
export class PekoFormDouble implements PekoCheckoutFormInstance {
  readonly options: PekoInitializeOptions;
  readonly name = `peko-card-${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  #sessionToken: string;
  #status: Status = 'idle';
  #generation = 0;
  #iframe: HTMLIFrameElement | null = null;
  #frame: CardFrame | null = null;
  #port: MessagePort | null = null;
  #readyTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshedOnLoad = false;
  #submission: Promise<void> | null = null;
  #nextRequestId = 1;
  #pending = new Map<number, { resolve: (reply: any) => void; reject: (error: PekoSdkError) => void }>();

  constructor(
    options: PekoInitializeOptions,
    private readonly double: PekoCheckoutFormDouble,
  ) {
    this.options = options;
    this.#sessionToken = options.sessionToken;
  }

  /** The frame this form mounted, while mounted. */
  get frame(): HTMLIFrameElement | null {
    return this.#iframe;
  }

  /** `idle`, `loading`, `ready` (the fields are on screen) or `failed`. */
  get status(): Status {
    return this.#status;
  }

  /** The token this form holds now (refreshed ones included). */
  get sessionToken(): string {
    return this.#sessionToken;
  }

  mount(): void {
    if (this.#status === 'loading' || this.#status === 'ready') return;
    this.double.mounts++;
    const generation = ++this.#generation;
    this.#status = 'loading';
    this.#refreshedOnLoad = false;
    const { container, environment } = this.options;
    if (environment !== 'sandbox') {
      this.#failLoad('invalid_environment', `This is the sandbox SDK: environment must be "sandbox", not "${environment}".`);
      return;
    }
    if (!container.isConnected || container.getRootNode() !== document) {
      this.#failLoad('container_not_in_document', 'The container must be connected to the document, outside any shadow root.');
      return;
    }
    const iframe = document.createElement('iframe');
    iframe.name = this.name;
    iframe.title = 'Secure card payment form';
    iframe.srcdoc = FRAME_PAGE;
    const { height = 200, width = '100%' } = this.options as { height?: number | string; width?: number | string };
    iframe.style.height = typeof height === 'number' ? `${height}px` : String(height);
    iframe.style.width = typeof width === 'number' ? `${width}px` : String(width);
    iframe.style.border = 'none';
    iframe.style.display = 'block';
    window.addEventListener('message', this.#onWindowMessage);
    this.#readyTimer = setTimeout(() => {
      if (generation === this.#generation) this.#failLoad('frame_load_failed', `The card form did not load within ${this.double.readyTimeoutMs / 1000} seconds.`);
    }, this.double.readyTimeoutMs);
    this.#iframe = iframe;
    container.append(iframe);
    // Real hosted-field SDKs find their frame by name; a frame in a shadow root has none.
    if (this.#frameWindow() !== iframe.contentWindow) {
      this.#failLoad('container_not_in_document', 'The card frame is not reachable through window.frames.');
    }
  }

  submitFormFields(): Promise<void> {
    this.double.submits++;
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

  unmount(): void {
    this.double.unmounts++;
    this.#teardown('The card form was unmounted.');
    this.#status = 'idle';
  }

  /** Resolves once every field state the frame reported so far reached `onFormFieldStateChange`. */
  settled(): Promise<void> {
    return this.#frame?.flush() ?? Promise.resolve();
  }

  #frameWindow(): Window | undefined {
    return (window.frames as unknown as Record<string, Window | undefined>)[this.name];
  }

  #onWindowMessage = (event: MessageEvent): void => {
    const frameWindow = this.#frameWindow();
    if (!frameWindow || event.source !== frameWindow || event.origin !== location.origin) return;
    if (!isRecord(event.data) || event.data.type !== 'peko:ready') return;
    if (this.double._loadFault?.kind === 'hang') return; // a frame that never finishes loading
    clearTimeout(this.#readyTimer);
    // A reloaded frame says ready again: it gets a new channel, and anything pending on the old one fails.
    this.#closePort('The card form reloaded.');
    const frame = new CardFrame(frameWindow.document, this.double);
    this.#frame = frame;
    framesByElement.set(this.#iframe!, frame);
    const channel = new MessageChannel();
    this.#port = channel.port1;
    this.#port.onmessage = (message) => this.#onPortMessage(message.data);
    frame.connect(channel.port2, this.#sessionToken, this.options.environment);
  };

  #onPortMessage(message: unknown): void {
    if (!isRecord(message)) return;
    switch (message.type) {
      case 'loaded':
        this.#status = 'ready';
        break;
      case 'load_error':
        void this.#onLoadError(String(message.code), String(message.message));
        break;
      case 'state':
        this.options.onFormFieldStateChange?.(formFieldState(message.state));
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
      case 'flush':
        this.#frame?.flushed(message.id);
        break;
    }
  }

  async #onLoadError(code: string, message: string): Promise<void> {
    if (code !== 'token_expired' || this.#refreshedOnLoad) return this.#failLoad(code, message);
    this.#refreshedOnLoad = true;
    const generation = this.#generation;
    try {
      const token = await this.#freshToken();
      if (generation !== this.#generation) return;
      this.#sessionToken = token;
      this.#port?.postMessage({ type: 'session', sessionToken: token });
    } catch (error) {
      if (generation === this.#generation) this.#failLoad('token_expired', (error as Error).message);
    }
  }

  async #submit(generation: number): Promise<void> {
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
    const data: PekoCompleteTransactionData = {
      sessionToken,
      cardData: { last4Digits: String(cardData.last4Digits), cardType: String(cardData.cardType) },
    };
    this.double.transactions.push(data);
    await this.options.completeTransaction(data);
  }

  #tokenize(): Promise<any> {
    const port = this.#port;
    if (!port) return Promise.reject(new PekoSdkError('not_ready', 'The card form is not connected.'));
    const id = this.#nextRequestId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      port.postMessage({ type: 'tokenize', id, sessionToken: this.#sessionToken });
    });
  }

  async #freshToken(): Promise<string> {
    const provider = this.options.sessionTokenProvider;
    if (typeof provider !== 'function') {
      throw new PekoSdkError('token_expired', 'The session token expired and no sessionTokenProvider was given.');
    }
    this.double.tokenRequests++;
    let token: unknown;
    try {
      token = await provider();
    } catch (error) {
      throw new PekoSdkError('token_expired', `The session token expired and sessionTokenProvider failed: ${error}`);
    }
    if (typeof token !== 'string' || !token) {
      throw new PekoSdkError('token_expired', 'The session token expired and sessionTokenProvider returned no token.');
    }
    this.double.tokensSeen.push(token);
    return token;
  }

  #assertCurrent(generation: number): void {
    if (generation !== this.#generation) throw new PekoSdkError('not_ready', 'The card form was unmounted.');
  }

  #failLoad(code: string, message: string): void {
    const onLoadError = this.options.onLoadError;
    const generation = this.#generation;
    this.#teardown(message);
    this.#status = 'failed';
    // Asynchronous like every other callback, so a host never sees one from inside mount().
    queueMicrotask(() => {
      if (generation + 1 !== this.#generation) return;
      const error = new PekoSdkError(code, message);
      this.double.loadErrors.push(error);
      onLoadError?.(error);
    });
  }

  #closePort(reason: string): void {
    this.#port?.close();
    this.#port = null;
    this.#frame?.close();
    this.#frame = null;
    for (const { reject } of this.#pending.values()) reject(new PekoSdkError('not_ready', reason));
    this.#pending.clear();
  }

  #teardown(reason: string): void {
    this.#generation++;
    clearTimeout(this.#readyTimer);
    window.removeEventListener('message', this.#onWindowMessage);
    this.#closePort(reason);
    this.#iframe?.remove();
    this.#iframe = null;
    this.#submission = null;
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
    return { ok: false as const, code, message: String(checkoutRules.TOKEN_ERRORS[code]?.[1] ?? code) };
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
      setTimeout(() => resolve({ ok: false, code: 'network_error', message: 'The payment service could not be reached.' }), this.tokenizeTimeoutMs),
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
    const outcome = checkoutRules.judgeCard(card);
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
export const cardFrameOf = (iframe: HTMLIFrameElement): { document: Document; inputs: Record<FieldName, HTMLInputElement>; form: HTMLFormElement } | undefined =>
  framesByElement.get(iframe);

/** Resolves once every field state the double's frame `iframe` reported so far reached its host. */
export const settled = (iframe: HTMLIFrameElement): Promise<void> => framesByElement.get(iframe)?.flush() ?? Promise.resolve();

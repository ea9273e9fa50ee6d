// Shared test helpers: building elements against the in-page PekoPay double (test/doubles/peko-checkout-form.ts),
// acting in its same-origin card fields as a person would, and the sandbox's URLs.
import './setup/listeners.js';
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { PayCheckout } from '../src/index.js';
import type { PayErrorEvent, PayTokenEvent } from '../src/index.js';
import { setAttributes } from './attributes.js';
import { PekoCheckoutFormDouble, cardFrameOf, settled } from './doubles/peko-checkout-form.js';
// @ts-expect-error plain JS module shared with the Node config
import { SANDBOX_ORIGIN } from './ports.js';

export { setAttributes } from './attributes.js';
export { PekoCheckoutFormDouble } from './doubles/peko-checkout-form.js';

export const SANDBOX: string = SANDBOX_ORIGIN;
export const SDK_URL = `${SANDBOX}/sandbox/pekopay/web/dist/index.js`;
/** The demo merchant backend's token endpoint, served on the test page's own origin. */
export const TOKEN_URL = '/api/pekopay/token';

export const CARDS = {
  visa: '4242 4242 4242 4242',
  mastercard: '5555 5555 5555 4444',
  amex: '3782 822463 10005',
  declined: '4000 0000 0000 0002',
  slow: '4000 0000 0000 0077',
} as const;

PayCheckout.allowOrigins([SANDBOX]);

/**
 * Sets the attributes of a PekoPay element (tokens from the demo backend's token-url); `attributes` override
 * them (null removes). The SDK is `form`, given through the public `pekoCheckoutForm` property: by default a
 * new in-page double (test/doubles/peko-checkout-form.ts) — unless `attributes` name an `sdk-url`, which then
 * is the SDK. `null`: no injected form (the element then looks for a static or global PekoCheckoutForm, then
 * imports `sdk-url`).
 */
export const configurePekopay = (
  element: PayCheckout,
  attributes: Record<string, string | null> = {},
  form: PekoCheckoutFormDouble | null = attributes['sdk-url'] ? null : new PekoCheckoutFormDouble(),
): PayCheckout => {
  setAttributes(element, {
    provider: 'pekopay',
    environment: 'sandbox',
    'token-url': TOKEN_URL,
    amount: '9900',
    currency: 'CAD',
    ...attributes,
  });
  if (form) element.pekoCheckoutForm = form;
  return element;
};

/** A connected PekoPay element against the in-page double (or `form`, as configurePekopay); `attributes` override the defaults. */
export const pekopay = (attributes: Record<string, string | null> = {}, form?: PekoCheckoutFormDouble | null): Promise<PayCheckout> =>
  fixture<PayCheckout>(html`${configurePekopay(document.createElement('pay-checkout'), attributes, form)}`);

/** The PekoPay double `element` was given (its control and observation API). */
export const sdkOf = (element: PayCheckout): PekoCheckoutFormDouble => {
  const form = element.pekoCheckoutForm;
  if (!(form instanceof PekoCheckoutFormDouble)) throw new Error('the element was given no PekoPay double');
  return form;
};

/**
 * `element`'s next `type` event, or a failure that names it after `ms` (below mocha's own limit, which would
 * only say that the test took too long).
 */
export const nextEvent = <K extends keyof HTMLElementEventMap>(
  element: HTMLElement,
  type: K,
  ms = 15_000,
): Promise<HTMLElementEventMap[K]> => {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    oneEvent(element, type) as Promise<HTMLElementEventMap[K]>,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${type} within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
};

/** Resolves on the element's next `pay-ready`, unless it already is ready. */
export const ready = async (element: PayCheckout): Promise<void> => {
  if (element.status !== 'ready') await nextEvent(element, 'pay-ready');
};

export const nextError = (element: PayCheckout): Promise<PayErrorEvent> => nextEvent(element, 'pay-error');

/**
 * Connects `element` (not yet in the document), runs `check` on the pay-error it reports, then removes it. The
 * error is listened for before the element connects: some are found while it first renders.
 */
export const checkErrorOnConnect = async (element: PayCheckout, check: (error: PayErrorEvent) => void | Promise<void>): Promise<void> => {
  const error = nextError(element);
  document.body.append(element);
  try {
    await check(await error);
  } finally {
    element.remove();
  }
};

/**
 * The hosted card frame mounted for `element`, found as a person sees it: through the element's fields
 * slot, flattened (the mount point may sit in an outer host's light DOM when nested in shadow roots).
 */
export const cardFrame = (element: PayCheckout): HTMLIFrameElement => {
  const slot = element.shadowRoot!.querySelector<HTMLSlotElement>('[part="fields"] slot');
  const frame = slot?.assignedElements({ flatten: true })[0]?.querySelector('iframe');
  if (!frame) throw new Error('no card frame mounted');
  return frame;
};

export interface CardInput {
  number?: string;
  expiry?: string;
  cvc?: string;
  name?: string;
}

/** The double's card frame of `element`, its form on screen; throws when there is none a person could type in. */
const cardFields = (element: PayCheckout) => {
  const iframe = cardFrame(element);
  const fields = cardFrameOf(iframe);
  if (!iframe.contentDocument || !fields) {
    throw new Error('no card fields of the in-page PekoPay double (a cross-origin frame belongs to the end-to-end tier)');
  }
  if (fields.form.hidden) throw new Error('the card form is not on screen yet');
  return { iframe, ...fields };
};

/**
 * Types into the double's card fields as a person would: each field given (empty: left alone) is focused, its
 * content selected and replaced key by key, an `input` event per character (the frame formats as it goes).
 * `press: 'Enter'` then presses Enter in the last field: the form's implicit submission, as in the sandbox
 * frame. Resolves once the frame's field states reached the element and it rendered.
 */
export const typeCard = async (element: PayCheckout, card: CardInput = {}, press?: 'Enter'): Promise<void> => {
  const { number = CARDS.visa, expiry = '12/34', cvc = number.replace(/\s/g, '').length == 15 ? '1234' : '123', name = 'Sarah Ng' } = card;
  const { iframe, document: frameDocument, form } = cardFields(element);
  const view = frameDocument.defaultView!;
  const type: [string, string][] = [];
  if (number) type.push(['cc-number', number]);
  if (expiry) type.push(['cc-exp', expiry]);
  if (cvc) type.push(['cc-csc', cvc]);
  if (name) type.push(['cc-name', name]);
  let last: HTMLInputElement | undefined;
  for (const [autocomplete, text] of type) {
    const input = frameDocument.querySelector<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`)!;
    if (input.readOnly || input.disabled) throw new Error(`the ${autocomplete} field does not take input now`);
    input.focus();
    input.select();
    for (const character of text) {
      const start = input.selectionStart ?? input.value.length;
      const end = input.selectionEnd ?? start;
      if (input.value.length - (end - start) >= input.maxLength && input.maxLength >= 0) break;
      input.value = input.value.slice(0, start) + character + input.value.slice(end);
      input.setSelectionRange(start + 1, start + 1);
      input.dispatchEvent(new view.InputEvent('input', { bubbles: true, inputType: 'insertText', data: character }));
    }
    last = input;
  }
  if (press == 'Enter') {
    const target = last ?? frameDocument.querySelector<HTMLInputElement>('input[autocomplete="cc-number"]')!;
    target.focus();
    const keydown = new view.KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true });
    // Implicit submission: Enter in a text field submits its form through the form's default button.
    if (target.dispatchEvent(keydown)) form.requestSubmit(form.querySelector<HTMLButtonElement>('button[type="submit"]'));
    target.dispatchEvent(new view.KeyboardEvent('keyup', { key: 'Enter', code: 'Enter', bubbles: true }));
  }
  await settled(iframe);
  await element.updateComplete;
};

/** Resolves once every field state the double's card fields reported reached the element, and it rendered. */
export const fieldsSettled = async (element: PayCheckout): Promise<void> => {
  await settled(cardFrame(element));
  await element.updateComplete;
};

/** How many elements inside the double's card frame match `selector` (e.g. fields marked invalid). */
export const countInCardFrame = (element: PayCheckout, selector: string): number =>
  cardFields(element).document.querySelectorAll(selector).length;

/** How many `type` listeners are live on window (counted in the page by test/setup/listeners.ts). */
export const windowListeners = async (type: string): Promise<number> => window.__payTestListeners!(type, 'window');

export const fetchToken = async (query = ''): Promise<string> => {
  const response = await fetch(`${TOKEN_URL}${query}`);
  return ((await response.json()) as { token: string }).token;
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects every `type` event `element` emits from now on. */
export const collect = <K extends keyof GlobalEventHandlersEventMap>(element: HTMLElement, type: K) => {
  const events: GlobalEventHandlersEventMap[K][] = [];
  element.addEventListener(type, (event) => events.push(event as GlobalEventHandlersEventMap[K]));
  return events;
};

/** The element's visible error message. */
export const message = (element: PayCheckout): string => element.shadowRoot!.querySelector('[part="message"]')!.textContent!.trim();

export const button = (element: PayCheckout): HTMLButtonElement => element.shadowRoot!.querySelector('button[part="button"]')!;

/** The Retry button shown with a retryable error, or null. */
export const retryButton = (element: PayCheckout): HTMLButtonElement | null => element.shadowRoot!.querySelector('button[part="retry"]');

/** Once rendered, `element` shows the error `text` and offers Retry. */
export const expectRetryOffered = async (element: PayCheckout, text: string): Promise<void> => {
  await element.updateComplete;
  expect(message(element)).to.equal(text);
  expect(retryButton(element)?.textContent?.trim(), 'Retry is offered').to.equal('Retry');
};

/** Presses the element's Retry once rendered, and resolves once it shows no error any more (no message, no Retry). */
export const retry = async (element: PayCheckout): Promise<void> => {
  await element.updateComplete;
  retryButton(element)!.click();
  await waitUntil(() => !retryButton(element) && message(element) == '', 'Retry did not clear the error', { timeout: 10_000 });
};

/** Once rendered, `element` shows no error: no message, no Retry. */
export const expectNoError = async (element: PayCheckout): Promise<void> => {
  await element.updateComplete;
  expect(message(element)).to.equal('');
  expect(retryButton(element)).to.equal(null);
};

/** The saved-card radios, in order (the last is "Use a new card"), with their labels' text. */
export const cardRadios = (element: PayCheckout): { input: HTMLInputElement; label: string }[] =>
  [...element.shadowRoot!.querySelectorAll<HTMLLabelElement>('[part="card-option"]')].map((label) => ({
    input: label.querySelector('input')!,
    label: label.textContent!.trim(),
  }));

export const SAVED_CARDS = [
  { last4: '4242', cardType: 'VISA' },
  { last4: '4444', cardType: 'MASTERCARD', default: true },
  { last4: '0005', cardType: 'AMEX' },
];

/**
 * A PekoPay element against the in-page double (or `properties.pekoCheckoutForm`) whose tokens come from
 * `sessionTokenProvider` (recorded in `issued`), not token-url.
 */
export const withTokenProvider = async (
  provide: (call: number) => Promise<string>,
  properties: Partial<PayCheckout> = {},
): Promise<{ element: PayCheckout; issued: { token: string; at: number }[]; sdk: PekoCheckoutFormDouble }> => {
  const issued: { token: string; at: number }[] = [];
  const element = document.createElement('pay-checkout');
  let calls = 0;
  element.sessionTokenProvider = async () => {
    const token = await provide(++calls);
    issued.push({ token, at: performance.now() });
    return token;
  };
  Object.assign(element, {
    provider: 'pekopay',
    environment: 'sandbox',
    pekoCheckoutForm: new PekoCheckoutFormDouble(),
    amount: 9900,
    currency: 'CAD',
    ...properties,
  });
  return { element: await fixture<PayCheckout>(html`${element}`), issued, sdk: sdkOf(element) };
};

/** Clicks the Pay button and resolves with the `pay-token` it leads to. */
export const pay = async (element: PayCheckout): Promise<PayTokenEvent> => {
  const token = nextEvent(element, 'pay-token');
  button(element).click();
  return token;
};

/** A component that renders its content in its own shadow root (open, or closed like strict design systems). */
class ShadowBox extends HTMLElement {
  readonly inner: ShadowRoot;
  constructor(mode: ShadowRootMode) {
    super();
    this.inner = this.attachShadow({ mode });
  }
}
customElements.define(
  'test-shadow-closed',
  class extends ShadowBox {
    constructor() {
      super('closed');
    }
  },
);
customElements.define(
  'test-shadow-open',
  class extends ShadowBox {
    constructor() {
      super('open');
    }
  },
);

/** `depth` components nested in each other's shadow roots: the outermost, and the innermost shadow root. */
export const nestShadowRoots = (depth: number, mode: ShadowRootMode = 'closed'): { outer: HTMLElement; root: ShadowRoot } => {
  const outer = document.createElement(`test-shadow-${mode}`) as ShadowBox;
  let box = outer;
  for (let level = 1; level < depth; level++) {
    const child = document.createElement(`test-shadow-${mode}`) as ShadowBox;
    box.inner.append(child);
    box = child;
  }
  return { outer, root: box.inner };
};

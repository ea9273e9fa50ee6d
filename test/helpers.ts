// Shared test helpers: the sandbox's URLs, building elements, acting in the cross-origin card frame.
import { fixture, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { inFrame } from './frame-command.js';
import { html } from 'lit';
import { PayCheckout } from '../src/index.js';
import type { PayErrorEvent, PayTokenEvent } from '../src/index.js';
// @ts-expect-error plain JS module shared with the Node config
import { SANDBOX_ORIGIN } from './ports.js';

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

/** Sets the attributes of a PekoPay element against the sandbox; `attributes` override them (null removes). */
export const configurePekopay = (element: PayCheckout, attributes: Record<string, string | null> = {}): PayCheckout => {
  const all: Record<string, string | null> = {
    provider: 'pekopay',
    environment: 'sandbox',
    'sdk-url': SDK_URL,
    'token-url': TOKEN_URL,
    amount: '9900',
    currency: 'CAD',
    ...attributes,
  };
  for (const [name, value] of Object.entries(all)) if (value != null) element.setAttribute(name, value);
  return element;
};

/** A connected PekoPay element against the sandbox; `attributes` override the defaults. */
export const pekopay = (attributes: Record<string, string | null> = {}): Promise<PayCheckout> =>
  fixture<PayCheckout>(html`${configurePekopay(document.createElement('pay-checkout'), attributes)}`);

/** Resolves on the element's next `pay-ready`, unless it already is ready. */
export const ready = async (element: PayCheckout): Promise<void> => {
  if (element.status !== 'ready') await oneEvent(element, 'pay-ready');
};

export const nextError = (element: PayCheckout): Promise<PayErrorEvent> => oneEvent(element, 'pay-error');

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

/** Types into the cross-origin card fields as a person would (the browser drives the frame). */
export const typeCard = async (element: PayCheckout, card: CardInput = {}, press?: string): Promise<void> => {
  const { number = CARDS.visa, expiry = '12/34', cvc = number.replace(/\s/g, '').length == 15 ? '1234' : '123', name = 'Sarah Ng' } = card;
  const type: Record<string, string> = {};
  if (number) type['cc-number'] = number;
  if (expiry) type['cc-exp'] = expiry;
  if (cvc) type['cc-csc'] = cvc;
  if (name) type['cc-name'] = name;
  await inFrame(cardFrame(element).name, { type, press });
};

/** How many elements inside the card frame match `selector` (e.g. fields marked invalid). */
export const countInCardFrame = (element: PayCheckout, selector: string): Promise<number> =>
  inFrame<number>(cardFrame(element).name, { count: selector });

export const windowListeners = (type: string): Promise<number> =>
  executeServerCommand('window-listeners', { type }) as Promise<number>;

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
export const message = (element: PayCheckout): string =>
  element.shadowRoot!.querySelector('[part="message"]')!.textContent!.trim();

export const button = (element: PayCheckout): HTMLButtonElement =>
  element.shadowRoot!.querySelector('button[part="button"]')!;

/** The Retry button shown with a retryable error, or null. */
export const retryButton = (element: PayCheckout): HTMLButtonElement | null =>
  element.shadowRoot!.querySelector('button[part="retry"]');

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

/** A PekoPay element whose tokens come from `sessionTokenProvider` (recorded in `issued`), not token-url. */
export const withTokenProvider = async (
  provide: (call: number) => Promise<string>,
  properties: Partial<PayCheckout> = {},
): Promise<{ element: PayCheckout; issued: { token: string; at: number }[] }> => {
  const issued: { token: string; at: number }[] = [];
  const element = document.createElement('pay-checkout');
  let calls = 0;
  element.sessionTokenProvider = async () => {
    const token = await provide(++calls);
    issued.push({ token, at: performance.now() });
    return token;
  };
  Object.assign(element, { provider: 'pekopay', environment: 'sandbox', sdkUrl: SDK_URL, amount: 9900, currency: 'CAD', ...properties });
  return { element: await fixture<PayCheckout>(html`${element}`), issued };
};

/** Clicks the Pay button and resolves with the `pay-token` it leads to. */
export const pay = async (element: PayCheckout): Promise<PayTokenEvent> => {
  const token = oneEvent(element, 'pay-token');
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
customElements.define('test-shadow-closed', class extends ShadowBox { constructor() { super('closed'); } });
customElements.define('test-shadow-open', class extends ShadowBox { constructor() { super('open'); } });

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

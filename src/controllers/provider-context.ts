// The ProviderContext an adapter gets for one run of the payment method: what it may use of the element, each
// callback a no-op once the run is over (the element reconfigured, reset or disconnected).
import type { CSSResult } from 'lit';
import { PayCancelEvent } from '../events/pay-cancel.js';
import { PayCardSelectEvent } from '../events/pay-card-select.js';
import { PayChangeEvent } from '../events/pay-change.js';
import { PayReadyEvent } from '../events/pay-ready.js';
import { PayRedirectEvent } from '../events/pay-redirect.js';
import type { PayCheckoutTimeouts, ProviderConfig, ProviderContext } from '../providers/types.js';
import type { CheckoutHost, RunState } from './host.js';
import type { LocalizeController } from './localize.js';
import type { LightDomMount } from './mount.js';
import type { PaymentController } from './payment.js';

/** What a context asks of the provider run (./provider-run.ts) it belongs to. */
export interface ContextRun extends RunState {
  inline: boolean;
  readonly payment: Pick<PaymentController, 'accept' | 'pending'>;
}

/** Adds `styles` to the shadow root of `host` once. */
const adopt = (host: CheckoutHost, { styleSheet }: CSSResult): void => {
  const root = host.shadowRoot;
  if (root && styleSheet && !root.adoptedStyleSheets.includes(styleSheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, styleSheet];
  }
};

/** The context of the run that `signal` ends, with `config` and `timeouts` read when it started. */
export const createProviderContext = (
  run: ContextRun,
  host: CheckoutHost,
  texts: LocalizeController,
  mount: LightDomMount,
  config: ProviderConfig,
  signal: AbortSignal,
  timeouts: Readonly<PayCheckoutTimeouts>,
): ProviderContext => {
  const { provider } = config;
  const alive = () => !signal.aborted;
  return {
    config,
    host,
    signal,
    timeouts,
    injectedSdks: () => [host.pekoCheckoutForm, (host.constructor as { pekoCheckoutForm?: unknown }).pekoCheckoutForm],
    adoptStyles: (styles) => adopt(host, styles),
    container: () => mount.container(),
    ready: () => {
      if (alive() && run.go('ready')) run.emit(new PayReadyEvent({ provider }));
    },
    loading: () => {
      if (alive()) run.go('load');
    },
    update: () => {
      if (alive()) host.requestUpdate();
    },
    change: (detail) => {
      if (alive()) run.emit(new PayChangeEvent({ provider, ...detail }));
    },
    select: (card) => {
      if (alive()) run.emit(new PayCardSelectEvent({ provider, card, savedCard: !!card }));
    },
    token: (paymentToken, card, options) => alive() && run.payment.accept(provider, paymentToken, card, options),
    // Once a token went to `action`, or the payment is complete, what the payment method reports changes nothing of it.
    fail: (error) => {
      if (alive() && !run.payment.pending && run.status != 'complete') run.fail(error);
    },
    // A getter: the locale's texts may arrive after the adapter started.
    get texts() {
      return texts.texts;
    },
    payload: () => host.payload,
    hostedRegion: () => host.renderRoot.querySelector<HTMLElement>('.hosted')!,
    inline: (open) => {
      if (alive()) run.inline = open;
    },
    complete: (detail) => {
      if (!alive() || !run.go('complete')) return false;
      run.inline = false;
      run.error = undefined;
      run.completed(detail);
      return true;
    },
    cancel: (detail) => {
      if (!alive()) return;
      // Also while `redirecting`: back from the checkout page, this page as the browser kept it.
      if (run.status == 'submitting' || run.status == 'redirecting') run.go('settle');
      run.inline = false;
      // submit()'s answer first: a listener may start the next payment, or remove the element.
      run.end({ canceled: true, ...detail });
      run.emit(new PayCancelEvent(detail));
    },
    redirect: (detail) => {
      if (!alive() || run.status != 'submitting') return false;
      const event = new PayRedirectEvent(detail);
      run.emit(event);
      // Not prevented, the page leaves: also when a listener removed the element (for a "taking you to…" notice).
      return !event.defaultPrevented && (!alive() || run.go('redirect'));
    },
  };
};

// The shadow tree of <pay-checkout> (./pay-checkout.component.ts renders it), from the element's state and its
// controllers': the slots, the provider's own parts, the fields region, the message, Retry, the status and Pay.
import { html, nothing, type TemplateResult } from 'lit';
import type { FormAssociation } from './controllers/form-association.js';
import type { LocalizeController } from './controllers/localize.js';
import type { LightDomMount } from './controllers/mount.js';
import type { ProviderRun } from './controllers/provider-run.js';
import { policyOf } from './errors.js';
import type { PayStatus } from './internal/status.js';
import type { ProviderView } from './providers/types.js';

/** What the template reads of the element itself. */
export interface TemplateHost {
  readonly status: PayStatus;
  readonly hideSubmit: boolean;
  readonly offerSaveCard: boolean;
  readonly intent: string;
  readonly tokenUrl?: string | undefined;
  readonly sessionTokenProvider?: unknown;
}

export const checkoutTemplate = (
  host: TemplateHost,
  texts: LocalizeController,
  run: ProviderRun,
  form: FormAssociation,
  mount: LightDomMount,
): TemplateResult => {
  const { texts: t, lang, dir } = texts;
  const { error, inline, adapter, payment } = run;
  // Never started (rendered on a server): what the page shows until the payment method loads.
  const status = host.status == 'idle' ? 'loading' : host.status;
  const { disabled } = form;
  const view: ProviderView = { t, status, disabled, offerSaveCard: host.offerSaveCard && host.intent === 'charge' };
  // Disabled: the controls are, as native ones (assistive technology still finds them); what is not ours to
  // disable, the provider's frames, is inert, as they are under the loading placeholder (no Tab into hidden fields).
  const loading = status == 'loading';
  const inert = disabled || loading;
  return html`<div part="base" class="base" lang=${lang} dir=${dir ?? nothing}>
    <slot name="header"></slot>
    ${adapter?.renderAbove?.(view)}
    <div
      part="fields"
      class="fields ${status}"
      role="group"
      aria-label=${t.cardDetails}
      aria-busy=${loading || status == 'submitting'}
      aria-disabled=${disabled || nothing}
      ?hidden=${adapter?.fieldsShown == false}
    >
      ${loading ? html`<div class="cover"><div part="placeholder" class="placeholder"></div></div>` : nothing}
      <slot name=${mount.slot} ?inert=${inert}></slot>
      <div class="hosted" ?inert=${inert}></div>
    </div>
    ${adapter?.renderBelow?.(view)}
    <div part="message" class="message" role="alert">${error?.message}</div>
    ${
      // In `error`, Retry starts over where that may help: frame-load (an inline page given its session did not load:
      // there is no Pay to press), token-expired when the element can get another token.
      error &&
      (policyOf(error.code).retry ||
        (status == 'error' &&
          (error.code == 'frame-load' || (error.code == 'token-expired' && !!(host.tokenUrl || host.sessionTokenProvider)))))
        ? html`<button part="retry" class="retry" type="button" ?disabled=${disabled} @click=${payment.retry}>${t.retry}</button>`
        : nothing
    }
    <div class="sr-only" role="status">${texts.statusText(status)}</div>
    ${
      host.hideSubmit || inline
        ? nothing
        : // Once a payment began the button stays focusable (aria-disabled, clicks ignored): a disabled button
          // would drop a keyboard user's focus to the page just as the payment's outcome is announced.
          html`<button
            part="button"
            type="button"
            ?disabled=${inert}
            aria-disabled=${status != 'ready' ? 'true' : nothing}
            @click=${form.pay}
          >
            <slot name="button-label">${texts.buttonLabel()}</slot>
          </button>`
    }
    <slot name="footer"></slot>
  </div>`;
};

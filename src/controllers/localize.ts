// Localization: the texts the element shows and the locale it formats amounts in, following `locale`, else the
// nearest `lang`. English is bundled; any other locale's texts arrive in a lazily loaded chunk.
import type { ReactiveController } from 'lit';
import { INTENTS } from '../config.js';
import type { PayIntent } from '../events/pay-token.js';
import { formatMoney } from '../internal/money.js';
import type { PayStatus } from '../internal/status.js';
import en from '../locales/en.js';
import { loadTranslation, matchLocale } from '../locales/index.js';
import type { Translation } from '../locales/translation.js';
import type { CheckoutHost } from './host.js';

export class LocalizeController implements ReactiveController {
  /** The texts shown: English until the wanted locale's chunk has loaded. */
  texts: Translation = en;
  /** The locale of `texts`. */
  lang = 'en';
  /** The locale wanted by `locale` or `lang`, once matched to a supported one. */
  private _wanted = 'en';
  /** Settles when the wanted locale's texts are applied (or failed to load); unset when nothing loads. */
  private _loading?: Promise<void> | undefined;

  constructor(private readonly _host: CheckoutHost) {
    _host.addController(this);
  }

  /** `locale`, else the nearest `lang` (in this tree, then the document's), else English. */
  locale(): string {
    const { locale } = this._host;
    return (
      (typeof locale == 'string' && locale) || this._host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en'
    );
  }

  /** Before every update: follows the wanted locale, English at once, any other once its chunk has loaded. */
  hostUpdate(): void {
    const locale = matchLocale(this.locale());
    if (locale == this._wanted) return;
    this._wanted = locale;
    const apply = (translation: Translation) => {
      if (this._wanted != locale) return;
      this.texts = translation;
      this.lang = locale;
      this._loading = undefined;
      this._host.requestUpdate();
    };
    if (locale == 'en') apply(en);
    // A locale chunk that cannot load leaves the texts in English, which beats no texts at all.
    else {
      this._loading = loadTranslation(locale).then(apply, () => {
        if (this._wanted == locale) this._loading = undefined;
      });
    }
  }

  /** Calls `then` once the wanted locale's texts are applied: at once, unless they are still loading. */
  whenLoaded(then: () => void): void {
    if (this._loading) this._loading.then(then);
    else then();
  }

  /** The Pay button's text: the intent's, else "Pay" with the amount when there is a valid one. */
  buttonLabel(): string {
    const { intent, amount, currency } = this._host;
    const t = this.texts;
    if (intent !== 'charge' && INTENTS.includes(intent as PayIntent)) return t.intents[intent as Exclude<PayIntent, 'charge'>];
    try {
      if (amount != null && currency) return t.payAmount(formatMoney(amount, currency, this.locale()));
    } catch {
      // An invalid amount, currency or locale is reported by readConfig(); the button just says "Pay".
    }
    return t.pay;
  }

  /** What the live region announces in `status`. */
  statusText(status: PayStatus): string {
    const { loading, processing: submitting, ready, complete, redirecting } = this.texts;
    return ({ loading, submitting, ready, complete, redirecting } as Partial<Record<PayStatus, string>>)[status] ?? '';
  }
}

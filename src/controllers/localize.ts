// Localization: the texts the element shows, the locale it formats amounts in and the direction it is laid out
// in, following `locale`, else the nearest `lang`, live. English is bundled; any other shipped locale's texts
// arrive in a lazily loaded chunk; script may add locales and override texts (registerTranslation). Safe without
// a DOM (Lit's server renderer runs hostUpdate): no `document`, `closest` or observer is needed there.
import type { ReactiveController } from 'lit';
import { INTENTS } from '../config.js';
import type { PayIntent } from '../events/pay-token.js';
import { formatMoney } from '../internal/money.js';
import type { PayStatus } from '../internal/status.js';
import en from '../locales/en.js';
import { addTranslation, matchLocale, translationOf } from '../locales/index.js';
import type { Translation, TranslationOverrides } from '../locales/translation.js';
import type { CheckoutHost } from './host.js';

export type { TranslationOverrides };

/** The controllers of connected elements, which a registered translation or a `lang`/`dir` change updates. */
const live = new Set<LocalizeController>();
/** One observer for every element: `lang` and `dir` in the document and in the shadow roots elements sit in. */
let observer: MutationObserver | undefined;
const WATCHED: MutationObserverInit = { attributeFilter: ['lang', 'dir'], subtree: true };
/** How long an error waits for its locale's texts: shown in English after that, rather than never. */
const TEXTS_WAIT_MS = 3000;

const reloadAll = () => live.forEach((controller) => controller._reload());

/** Adds a locale, or overrides texts of one (see addTranslation); connected elements update at once. */
export const registerTranslation = (locale: string, partial: TranslationOverrides): void => {
  addTranslation(locale, partial);
  reloadAll();
};

export class LocalizeController implements ReactiveController {
  /** The texts shown: English until the wanted locale's chunk has loaded. */
  texts: Translation = en;
  /** The locale of `texts`. */
  lang = 'en';
  /** The direction the element's wrapper sets: the texts' (`rtl` for Arabic), unless the page set `dir` on the element or above. */
  dir?: 'ltr' | 'rtl' | undefined;
  /** The locale wanted by `locale` or `lang`, once matched to a supported one ('' until the first update). */
  private _wanted = '';
  /** Settles when the wanted locale's texts are applied (or failed to load); unset when nothing loads. */
  private _loading?: Promise<void> | undefined;

  constructor(private readonly _host: CheckoutHost) {
    _host.addController(this);
  }

  hostConnected(): void {
    live.add(this);
    observer ??= new MutationObserver(reloadAll);
    // The document, and the shadow root the element sits in, if any (observing a node again replaces its registration).
    observer.observe(document, WATCHED);
    observer.observe(this._host.getRootNode(), WATCHED);
  }

  hostDisconnected(): void {
    live.delete(this);
    if (!live.size) observer?.disconnect();
  }

  /** @internal Follows the locale again, and applies its texts anew (a translation was registered, a `lang` changed). */
  _reload(): void {
    this._wanted = '';
    this._host.requestUpdate();
  }

  /**
   * `locale`, else the nearest `lang` (in this tree, then the document's), else English. Without a DOM (server
   * rendering), the element's own `lang` attribute stands for the nearest.
   */
  locale(): string {
    const host = this._host;
    const { locale } = host;
    return (
      (typeof locale == 'string' && locale) ||
      host.closest?.('[lang]')?.getAttribute('lang') ||
      host.getAttribute?.('lang') ||
      globalThis.document?.documentElement.lang ||
      'en'
    );
  }

  /** Before every update: follows the wanted locale (English at once, any other once its chunk has loaded) and the direction. */
  hostUpdate(): void {
    const locale = matchLocale(this.locale());
    if (locale != this._wanted) {
      this._wanted = locale;
      const apply = (translation: Translation) => {
        if (this._wanted != locale) return;
        this.texts = translation;
        this.lang = locale;
        this._loading = undefined;
        this._host.requestUpdate();
      };
      const translation = translationOf(locale);
      if (!(translation instanceof Promise)) apply(translation);
      // A locale chunk that cannot load leaves the texts as they were (English at first), which beats no texts at all.
      else {
        const loading = translation.then(apply, () => {
          if (this._wanted == locale) this._loading = undefined;
        });
        this._loading = Promise.race([loading, new Promise<void>((resolve) => setTimeout(resolve, TEXTS_WAIT_MS))]);
      }
    }
    this.dir = this._host.closest?.('[dir]') ? undefined : this.texts.dir;
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

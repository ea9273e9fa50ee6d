// Saved cards for PekoPay: the `cards` list checked, and the radio group offering them before
// "Use a new card", plus the "Save this card" choice. Native radios give the keyboard behaviour
// (arrow keys move and select, one tab stop) and the announcements for free.
import { css, html, nothing, type TemplateResult } from 'lit';
import { PayCheckoutError } from '../../errors.js';
import type { PaySavedCard } from '../../events/pay-token.js';
import type { ProviderView } from '../types.js';

const BRANDS: Record<string, string> = { VISA: 'Visa', MASTERCARD: 'Mastercard', AMEX: 'American Express' };

/** The brand as people say it: `VISA` → "Visa". Unknown brands as given. */
export const brandName = (cardType: string): string => BRANDS[cardType.toUpperCase()] ?? cardType;

/** `cards` as a list of saved cards (copies, without unknown keys), or the `config` error saying what is wrong. */
export const parseCards = (raw: unknown): PaySavedCard[] | PayCheckoutError => {
  if (raw == null) return [];
  if (!Array.isArray(raw)) return new PayCheckoutError('config', 'cards must be a JSON array of { last4, cardType, default? }');
  const cards: PaySavedCard[] = [];
  for (const [index, card] of raw.entries()) {
    const { last4, cardType, default: isDefault } = (card ?? {}) as Partial<PaySavedCard>;
    if (
      typeof last4 != 'string' ||
      !/^\d{4}$/.test(last4) ||
      typeof cardType != 'string' ||
      !/^[\w -]{1,32}$/.test(cardType) ||
      (isDefault != null && typeof isDefault != 'boolean')
    ) {
      return new PayCheckoutError('config', `cards[${index}] must be { last4: "4 digits", cardType: "VISA", default?: boolean }`);
    }
    cards.push(isDefault ? { last4, cardType, default: true } : { last4, cardType });
  }
  return cards;
};

/** Each element's choice (`null`: a new card), kept when its payment method starts over (Retry, reset()). */
const choices = new WeakMap<object, PaySavedCard | null>();

/** The choice to show: the element's last one while its card is still offered, else the card marked default, else the first. */
export const initialChoice = (host: object, cards: readonly PaySavedCard[]): PaySavedCard | null => {
  const kept = choices.get(host);
  if (kept === null) return null;
  const same = (card: PaySavedCard) => !!kept && card.last4 == kept.last4 && card.cardType == kept.cardType;
  return cards.find(same) ?? cards.find((card) => card.default) ?? cards[0] ?? null;
};

/** Remembers the payer's choice for `host` (see initialChoice). */
export const rememberChoice = (host: object, card: PaySavedCard | null): void => void choices.set(host, card);

export const savedCardStyles = css`
  .cards {
    display: grid;
    gap: calc(var(--_gap) / 2);
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .cards legend {
    padding: 0;
    margin-block-end: calc(var(--_gap) / 2);
    font-weight: 600;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5em;
    cursor: pointer;
  }
  .choice input {
    margin: 0;
    accent-color: var(--_accent);
  }
`;

/** Only while the element takes input, and is not disabled, may the payer change the choice. */
const locked = (view: ProviderView): boolean => view.disabled || (view.status != 'ready' && view.status != 'loading');

/** The radio group: each saved card ("Visa ending in 4242"), then "Use a new card". */
export const cardChoices = (
  view: ProviderView,
  cards: readonly PaySavedCard[],
  chosen: PaySavedCard | null,
  choose: (card: PaySavedCard | null) => void,
): TemplateResult => {
  const { t } = view;
  const choice = (label: string, card: PaySavedCard | null) =>
    html`<label part="card-option" class="choice"
      ><input type="radio" name="card" .checked=${card == chosen} @change=${() => choose(card)} />${label}</label
    >`;
  return html`<fieldset part="cards" class="cards" ?disabled=${locked(view)}>
    <legend>${t.paymentMethod}</legend>
    ${cards.map((card) => choice(t.cardEnding(brandName(card.cardType), card.last4), card))} ${choice(t.newCard, null)}
  </fieldset>`;
};

/** The "Save this card" checkbox for a new card, when the element offers it. */
export const saveCardChoice = (view: ProviderView, checked: boolean, toggle: (checked: boolean) => void) =>
  view.offerSaveCard
    ? html`<label part="save-card" class="choice"
        ><input
          type="checkbox"
          .checked=${checked}
          ?disabled=${locked(view)}
          @change=${(event: Event) => toggle((event.target as HTMLInputElement).checked)}
        />${view.t.saveThisCard}</label
      >`
    : nothing;

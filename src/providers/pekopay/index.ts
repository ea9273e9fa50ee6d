// PekoPay: the hosted card fields of `@pekopay/web` (./card-fields.ts), mounted in the element's light-DOM slot,
// with the element's token source behind the SDK's `sessionTokenProvider`; saved cards offered before them.
import { PayCheckoutError, toPayError } from '../../errors.js';
import type { PaySavedCard } from '../../events/pay-token.js';
import { TokenSource } from '../../internal/token-source.js';
import type { PaymentProvider, ProviderConfig, ProviderContext } from '../types.js';
import { CardFields } from './card-fields.js';
import { takeEarlyToken } from './early.js';
import { sdkUrl } from './sdk-source.js';
import { cardChoices, initialChoice, parseCards, rememberChoice, saveCardChoice, savedCardStyles } from './saved-cards.js';

export const validate = (config: ProviderConfig): PayCheckoutError | undefined => {
  if (config.mode && config.mode != 'embedded') {
    return new PayCheckoutError('config', `pekopay supports mode="embedded" only, not "${config.mode}"`);
  }
  const { initial, url, provider } = config.tokens;
  if (!(initial || url || provider)) {
    return new PayCheckoutError('config', 'pekopay needs session-token, token-url or sessionTokenProvider');
  }
  const cards = parseCards(config.cards);
  if (cards instanceof PayCheckoutError) return cards;
  try {
    sdkUrl(config);
  } catch (error) {
    return error as PayCheckoutError;
  }
  return undefined;
};

export const create = (context: ProviderContext): PaymentProvider => {
  const { config, signal, timeouts } = context;
  const tokens = new TokenSource({ ...config.tokens, timeoutMs: timeouts.token, retries: 2, signal, early: takeEarlyToken(signal) });
  /** Hands a token (or a saved card) to the element; once it is accepted, no token is fetched ahead any more. */
  const emit: ProviderContext['token'] = (...args) => {
    const accepted = context.token(...args);
    if (accepted) tokens.stopRefreshing();
    return accepted;
  };
  const cards = parseCards(config.cards) as PaySavedCard[];
  let chosen = initialChoice(context.host, cards);
  let saveCard = false;
  // New-card fields failing while a saved card is chosen leave it payable: said once "Use a new card" is chosen again.
  let fieldsFailure: PayCheckoutError | undefined;
  const fieldsFailed = (error: PayCheckoutError) => (chosen ? void (fieldsFailure = error) : context.fail(error));
  const fields = new CardFields(context, tokens, {
    ready: () => {
      if (!chosen) context.ready();
    },
    token: (paymentToken, card) => emit(paymentToken, card, { saveCard }),
    fail: fieldsFailed,
  });
  // The saved-card list is ours, so are its styles: they travel in this chunk, adopted next to the element's.
  if (cards.length) context.adoptStyles(savedCardStyles);

  const choose = (card: PaySavedCard | null) => {
    if (card == chosen) return;
    rememberChoice(context.host, (chosen = card));
    context.select(card && { last4: card.last4, cardType: card.cardType });
    if (!card && fieldsFailure) context.fail(fieldsFailure);
    else if (card || fields.ready) context.ready();
    else {
      context.loading();
      if (!fields.started) fields.mount().catch((error: unknown) => fieldsFailed(toPayError(error, 'sdk-load')));
    }
    context.update();
  };

  return {
    get fieldsShown() {
      return !chosen;
    },

    get payable() {
      return !!chosen || fields.complete;
    },

    renderAbove(view) {
      return cards.length ? cardChoices(view, cards, chosen, choose) : undefined;
    },

    renderBelow(view) {
      return chosen ? undefined : saveCardChoice(view, saveCard, (checked) => (saveCard = checked));
    },

    async mount() {
      if (chosen) context.ready();
      else await fields.mount();
    },

    submit() {
      // A saved card needs no PekoPay token: the backend charges it by customer and card.
      if (chosen) {
        emit('', { last4: chosen.last4, cardType: chosen.cardType }, { savedCard: true });
        return Promise.resolve();
      }
      return fields.submit();
    },

    async refreshToken() {
      await tokens.refresh();
    },

    unmount() {
      fields.unmount();
    },
  };
};

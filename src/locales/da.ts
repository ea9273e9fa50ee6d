// Danish.
import type { Translation } from './translation.js';

const da: Translation = {
  payAmount: (amount) => `Betal ${amount}`,
  pay: 'Betal',
  intents: { subscription: 'Abonnér', 'save-card': 'Gem kort', 'update-card': 'Opdater kort' },
  cardDetails: 'Kortoplysninger',
  paymentMethod: 'Betalingsmetode',
  cardEnding: (brand, last4) => `${brand} der ender på ${last4}`,
  newCard: 'Brug et nyt kort',
  saveThisCard: 'Gem kortet til fremtidige betalinger',
  required: 'Indtast dine betalingsoplysninger.',
  retry: 'Prøv igen',
  loading: 'Indlæser sikker betalingsformular…',
  processing: 'Behandler betaling…',
  ready: 'Betalingsformularen er klar.',
  complete: 'Betalingsoplysningerne er modtaget.',
  redirecting: 'Åbner den sikre betalingsside…',
  hostedFrame: 'Sikker betalingsside',
  hostedDialog: 'Sikker betaling',
  closeHosted: 'Luk betalingsvinduet',
  errors: {
    config: 'Denne betalingsformular er ikke sat korrekt op.',
    'insecure-config': 'Denne betalingsformular blev afvist, fordi dens opsætning ikke er sikker.',
    'sdk-load': 'Den sikre betalingsformular kunne ikke indlæses.',
    'token-fetch': 'Betalingssessionen kunne ikke startes. Prøv igen.',
    'token-expired': 'Din betalingssession er udløbet. Prøv igen.',
    validation: 'Kontrollér dine kortoplysninger.',
    declined: 'Dit kort blev afvist. Brug et andet kort.',
    tokenize: 'Dine kortoplysninger kunne ikke behandles. Prøv igen.',
    timeout: 'Betalingsudbyderen var for længe om at svare. Prøv igen.',
    session: 'Betalingssessionen kunne ikke gennemføres.',
    'frame-load': 'Betalingssiden kunne ikke indlæses.',
    'action-failed': 'Din betaling kunne ikke gennemføres. Prøv igen.',
  },
};

export default da;

// Swedish.
import type { Translation } from './translation.js';

const sv: Translation = {
  payAmount: (amount) => `Betala ${amount}`,
  pay: 'Betala',
  intents: { subscription: 'Prenumerera', 'save-card': 'Spara kort', 'update-card': 'Uppdatera kort' },
  cardDetails: 'Kortuppgifter',
  paymentMethod: 'Betalningssätt',
  cardEnding: (brand, last4) => `${brand} som slutar på ${last4}`,
  newCard: 'Använd ett nytt kort',
  saveThisCard: 'Spara kortet för framtida betalningar',
  required: 'Ange dina betalningsuppgifter.',
  retry: 'Försök igen',
  loading: 'Läser in säkert betalformulär…',
  processing: 'Behandlar betalningen…',
  ready: 'Betalformuläret är klart.',
  complete: 'Betalningsuppgifterna har tagits emot.',
  redirecting: 'Öppnar den säkra betalningssidan…',
  hostedFrame: 'Säker betalningssida',
  hostedDialog: 'Säker betalning',
  closeHosted: 'Stäng betalningsfönstret',
  errors: {
    config: 'Det här betalformuläret är inte korrekt konfigurerat.',
    'insecure-config': 'Det här betalformuläret avvisades eftersom dess konfiguration inte är säker.',
    'sdk-load': 'Det säkra betalformuläret kunde inte läsas in.',
    'token-fetch': 'Betalningssessionen kunde inte startas. Försök igen.',
    'token-expired': 'Din betalningssession har gått ut. Försök igen.',
    validation: 'Kontrollera dina kortuppgifter.',
    declined: 'Ditt kort nekades. Använd ett annat kort.',
    tokenize: 'Dina kortuppgifter kunde inte behandlas. Försök igen.',
    timeout: 'Betalningsleverantören tog för lång tid på sig att svara. Försök igen.',
    session: 'Betalningssessionen kunde inte slutföras.',
    'frame-load': 'Betalningssidan kunde inte läsas in.',
    'action-failed': 'Din betalning kunde inte slutföras. Försök igen.',
  },
};

export default sv;

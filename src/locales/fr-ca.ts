// Canadian French.
import type { Translation } from './translation.js';

const frCA: Translation = {
  payAmount: (amount) => `Payer ${amount}`,
  pay: 'Payer',
  intents: { subscription: "S'abonner", 'save-card': 'Enregistrer la carte', 'update-card': 'Mettre à jour la carte' },
  cardDetails: 'Renseignements sur la carte',
  paymentMethod: 'Mode de paiement',
  cardEnding: (brand, last4) => `${brand} se terminant par ${last4}`,
  newCard: 'Utiliser une nouvelle carte',
  saveThisCard: 'Enregistrer cette carte pour de futurs paiements',
  required: 'Veuillez entrer vos renseignements de paiement.',
  retry: 'Réessayer',
  loading: 'Chargement du formulaire de paiement sécurisé…',
  processing: 'Traitement du paiement…',
  ready: 'Formulaire de paiement prêt.',
  complete: 'Renseignements de paiement reçus.',
  redirecting: 'Ouverture de la page de paiement sécurisée…',
  hostedFrame: 'Page de paiement sécurisée',
  hostedDialog: 'Paiement sécurisé',
  closeHosted: 'Fermer la fenêtre de paiement',
  errors: {
    config: "Ce formulaire de paiement n'est pas configuré correctement.",
    'insecure-config': "Ce formulaire de paiement a été refusé, car sa configuration n'est pas sécuritaire.",
    'sdk-load': "Le formulaire de paiement sécurisé n'a pas pu être chargé.",
    'token-fetch': "La session de paiement n'a pas pu démarrer. Veuillez réessayer.",
    'token-expired': 'Votre session de paiement a expiré. Veuillez réessayer.',
    validation: 'Veuillez vérifier les renseignements de votre carte.',
    declined: 'Votre carte a été refusée. Veuillez utiliser une autre carte.',
    tokenize: "Les renseignements de votre carte n'ont pas pu être traités. Veuillez réessayer.",
    timeout: 'Le fournisseur de paiement a mis trop de temps à répondre. Veuillez réessayer.',
    session: "La session de paiement n'a pas pu être complétée.",
    'frame-load': "La page de paiement n'a pas pu être chargée.",
    'action-failed': "Votre paiement n'a pas pu être complété. Veuillez réessayer.",
  },
};

export default frCA;

// The SaaS signup demo (seed: "SaaS subscription signup with trial and plan upgrades"): choose a plan,
// tokenize the card with <pay-checkout>, subscribe through the shop's backend (trial first), then upgrade
// with switch-plan; webhooks keep the shop's own account state in step.
// @ts-check
import { byId, callBackend, createPekoPayElement, livePanels, loadPayCheckout, logElementEvents, money } from './demo-kit.js';

/** The sandbox's test clock jumps this far: past the 14-day trial. */
const TRIAL_DAYS = 14;
/** Webhooks arrive on their own schedule: look again after these delays (ms). */
const REFRESH_AGAIN_MS = [600, 2000];

const { events } = livePanels(/** @type {HTMLElement} */ (document.querySelector('main')));
const form = /** @type {HTMLFormElement} */ (byId('signup-form'));
const signupError = /** @type {HTMLElement} */ (byId('signup-error'));
const accountMessage = /** @type {HTMLElement} */ (byId('account-message'));

/** @type {string | undefined} */
let subscriptionId;
/** @type {Map<string, any>} */
const plans = new Map();

/** @param {string | null} iso */
const date = (iso) => (iso ? new Date(iso).toLocaleDateString('en-CA', { dateStyle: 'medium' }) : '—');

/** @param {any[]} list */
function renderPlans(list) {
  const options = list.map((plan, index) => {
    plans.set(plan.key, plan);
    const label = document.createElement('label');
    label.className = 'plan';
    const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'plan', value: plan.key, checked: index === 0 });
    const name = Object.assign(document.createElement('strong'), { textContent: plan.name });
    const price = Object.assign(document.createElement('span'), {
      textContent: `${money(plan.price, plan.currency)} / month (${money(plan.totalPerPeriod, plan.currency)} with GST and PST) · ${plan.trialPeriodDays}-day free trial`,
    });
    label.append(input, ' ', name, price);
    return label;
  });
  byId('plans').replaceChildren(...options);
}

/** @param {{ paymentToken: string, idempotencyKey: string }} detail */
async function subscribe({ paymentToken, idempotencyKey }) {
  const data = new FormData(form);
  signupError.textContent = 'Creating your subscription…';
  const answer = await callBackend(
    'POST',
    '/api/pekopay/subscriptions',
    {
      paymentToken,
      plan: data.get('plan'),
      customer: { email: data.get('email'), firstname: data.get('firstname'), lastname: data.get('lastname') },
    },
    { 'Idempotency-Key': idempotencyKey },
  );
  if (!answer.ok) {
    signupError.textContent = `${answer.body?.message ?? 'The signup failed.'} (${answer.body?.error ?? answer.status})`;
    /** @type {any} */ (form.querySelector('pay-checkout'))?.reset();
    return;
  }
  signupError.textContent = '';
  subscriptionId = answer.body.subscription.id;
  form.hidden = true;
  form.querySelector('pay-checkout')?.remove();
  byId('account').hidden = false;
  byId('account-title').focus();
  refreshSoon();
}

async function refresh() {
  if (!subscriptionId) return;
  const answer = await callBackend('GET', `/api/pekopay/subscriptions/${encodeURIComponent(subscriptionId)}`);
  if (!answer.ok) {
    accountMessage.textContent = answer.body?.message ?? 'The subscription could not be read.';
    return;
  }
  const { subscription, transactions, account } = answer.body;
  byId('subscription-id').textContent = subscription.id;
  byId('subscription-plan').textContent =
    `${subscription.planName} — ${money(subscription.total, subscription.currency)} / month with taxes`;
  byId('subscription-status').textContent = subscription.status;
  byId('subscription-trial').textContent = date(subscription.trialEndsAt);
  byId('subscription-next').textContent = subscription.nextBillingDate
    ? `${date(subscription.nextBillingDate)}: ${money(subscription.total, subscription.currency)}`
    : '—';
  byId('subscription-card').textContent =
    `${subscription.paymentSource.cardType} ending in ${subscription.paymentSource.cardLastFourDigits}`;
  byId('account-status').textContent = `${account.status} on ${plans.get(account.plan)?.name ?? account.plan}`;
  /** @type {HTMLButtonElement} */ (byId('upgrade')).disabled = account.plan === 'growth' || subscription.status === 'CANCELED';
  /** @type {HTMLButtonElement} */ (byId('cancel')).disabled = subscription.status === 'CANCELED';
  /** @type {HTMLButtonElement} */ (byId('end-trial')).disabled = subscription.status === 'CANCELED';
  if (transactions.length) {
    byId('charges').replaceChildren(
      ...transactions.map((/** @type {any} */ txn) => {
        const row = document.createElement('tr');
        for (const text of [txn.id, txn.items[0]?.name ?? '', txn.status, money(txn.total, txn.currency)]) {
          row.append(Object.assign(document.createElement('td'), { textContent: text }));
        }
        row.dataset.transactionId = txn.id;
        return row;
      }),
    );
  }
}

function refreshSoon() {
  refresh();
  for (const delay of REFRESH_AGAIN_MS) setTimeout(refresh, delay);
}

/**
 * @param {string} path
 * @param {unknown} body
 * @param {string} doing
 */
async function act(path, body, doing) {
  accountMessage.textContent = doing;
  const answer = await callBackend('POST', path, body);
  accountMessage.textContent = answer.ok ? '' : `${answer.body?.message ?? 'That failed.'} (${answer.body?.error ?? answer.status})`;
  refreshSoon();
}

byId('upgrade').addEventListener('click', () =>
  act(`/api/pekopay/subscriptions/${encodeURIComponent(subscriptionId ?? '')}/switch`, { plan: 'growth' }, 'Upgrading…'),
);
byId('cancel').addEventListener('click', () =>
  act(`/api/pekopay/subscriptions/${encodeURIComponent(subscriptionId ?? '')}/cancel`, {}, 'Canceling…'),
);
byId('end-trial').addEventListener('click', () =>
  act('/api/pekopay/sandbox/advance-clock', { days: TRIAL_DAYS }, 'Moving the sandbox clock…'),
);
form.addEventListener('submit', (event) => event.preventDefault());

const [catalog, config] = await Promise.all([callBackend('GET', '/api/pekopay/catalog'), loadPayCheckout(byId('load-status'))]);
if (catalog.ok) renderPlans(catalog.body.plans);
if (config) {
  byId('end-trial').hidden = !config.sandbox;
  const checkout = createPekoPayElement(config);
  const label = Object.assign(document.createElement('span'), { slot: 'button-label', textContent: 'Start 14-day free trial' });
  checkout.append(label);
  logElementEvents(checkout, events);
  checkout.addEventListener('pay-token', (event) => subscribe(/** @type {CustomEvent} */ (event).detail));
  byId('load-status')?.remove();
  byId('checkout-slot').append(checkout);
}

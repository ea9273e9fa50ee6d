// The demo page's script: loads the <pay-checkout> bundle, allows the local sandbox origin, mounts a PekoPay
// checkout and shows every event the element dispatches.
// @ts-check

const LOGGED_EVENTS = ['pay-ready', 'pay-change', 'pay-card-select', 'pay-token', 'pay-success', 'pay-error'];
const MAX_LOG_ENTRIES = 100;
/** Sandbox switches on this page's URL are passed to the merchant's token endpoint (see sandbox/README.md). */
const SANDBOX_PARAMS = ['ttl', 'sandbox_fault', 'sandbox_delay'];
/** `?cards=1`: offer two saved cards (stand-ins until the sandbox's stored cards for a customer are wired in). */
const DEMO_CARDS = [
  { last4: '4242', cardType: 'VISA', default: true },
  { last4: '4444', cardType: 'MASTERCARD' },
];

const slot = /** @type {HTMLElement} */ (document.getElementById('checkout-slot'));
const loadStatus = /** @type {HTMLElement} */ (document.getElementById('load-status'));
const tokenResult = /** @type {HTMLElement} */ (document.getElementById('token-result'));
const log = /** @type {HTMLOListElement} */ (document.getElementById('event-log'));

/** The SDK and its card frame come from 127.0.0.1: the same server, another origin to the browser. */
const sandboxOrigin = `${location.protocol}//127.0.0.1${location.port ? `:${location.port}` : ''}`;

function tokenUrl() {
  const url = new URL('/api/pekopay/token', location.origin);
  const pageParams = new URLSearchParams(location.search);
  for (const key of SANDBOX_PARAMS) {
    const value = pageParams.get(key);
    if (value !== null) url.searchParams.set(key, value);
  }
  return url.pathname + url.search;
}

/**
 * @param {string} name
 * @param {unknown} detail
 */
function logEvent(name, detail) {
  const entry = document.createElement('li');
  entry.className = `event event-${name}`;
  const heading = document.createElement('p');
  const title = document.createElement('strong');
  title.textContent = name;
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString(undefined, { hour12: false });
  heading.append(title, ' ', time);
  const payload = document.createElement('pre');
  payload.textContent = JSON.stringify(detail) ?? 'undefined';
  entry.append(heading, payload);
  log.prepend(entry);
  while (log.children.length > MAX_LOG_ENTRIES) log.lastElementChild?.remove();
}

/** @param {any} detail the `pay-token` detail */
function showToken(detail) {
  /** @type {HTMLElement} */ (document.getElementById('token-value')).textContent = detail?.savedCard
    ? '— (a saved card: no token; the backend charges the card)'
    : String(detail?.paymentToken ?? '');
  const card = detail?.card;
  /** @type {HTMLElement} */ (document.getElementById('token-card')).textContent = card
    ? `${card.cardType ?? ''} ending in ${card.last4 ?? card.last4Digits ?? '????'}`
    : '—';
  /** @type {HTMLElement} */ (document.getElementById('token-idempotency')).textContent = String(detail?.idempotencyKey ?? '—');
  tokenResult.hidden = false;
  /** @type {HTMLElement} */ (document.getElementById('token-title')).focus();
}

async function main() {
  try {
    // Imported dynamically so that a missing build shows a message instead of a blank page.
    // @ts-ignore: a URL the demo server maps to the build output
    await import('/dist/cdn/pay-checkout.min.js');
  } catch (error) {
    loadStatus.textContent = 'The payment form could not be loaded. Run `npm run build`, then reload this page.';
    loadStatus.classList.add('load-error');
    console.error(error);
    return;
  }
  const PayCheckout = /** @type {any} */ (customElements.get('pay-checkout'));
  if (!PayCheckout) {
    loadStatus.textContent = 'The bundle did not register <pay-checkout>.';
    loadStatus.classList.add('load-error');
    return;
  }
  // The element only accepts https provider origins unless the page allows others from script.
  PayCheckout.allowOrigins([sandboxOrigin]);

  const checkout = /** @type {HTMLElement & { reset(): void }} */ (document.createElement('pay-checkout'));
  checkout.setAttribute('provider', 'pekopay');
  checkout.setAttribute('environment', 'sandbox');
  checkout.setAttribute('token-url', tokenUrl());
  checkout.setAttribute('sdk-url', `${sandboxOrigin}/sandbox/pekopay/web/dist/index.js`);
  checkout.setAttribute('amount', '9900');
  checkout.setAttribute('currency', 'CAD');
  const pageParams = new URLSearchParams(location.search);
  if (pageParams.has('cards')) {
    checkout.setAttribute('cards', JSON.stringify(DEMO_CARDS));
    checkout.setAttribute('offer-save-card', '');
  }
  // `?action=1`: the element posts the result to the demo merchant's echoing charge endpoint itself.
  if (pageParams.has('action')) checkout.setAttribute('action', '/api/actions/charge');
  for (const name of LOGGED_EVENTS) {
    checkout.addEventListener(name, (event) => logEvent(name, /** @type {CustomEvent} */ (event).detail));
  }
  checkout.addEventListener('pay-token', (event) => showToken(/** @type {CustomEvent} */ (event).detail));
  loadStatus.remove();
  slot.append(checkout);

  /** @type {HTMLElement} */ (document.getElementById('pay-again')).addEventListener('click', () => {
    tokenResult.hidden = true;
    checkout.reset();
    checkout.focus();
  });
}

/** @type {HTMLElement} */ (document.getElementById('clear-log')).addEventListener('click', () => log.replaceChildren());
main();

// The Reepay demo page: a <pay-checkout provider="reepay"> in the mode of the page's `?mode=` (modal,
// iframe, redirect) for a charge with order lines or, with `?kind=recurring`, a "save card" session; the
// shop's backend creates the session, verifies the result and later charges the saved card.
// @ts-check

const LOGGED_EVENTS = ['pay-ready', 'pay-redirect', 'pay-complete', 'pay-cancel', 'pay-error'];
const MODES = { modal: 'The checkout opens in a modal over this page.', iframe: 'The checkout opens inside this page.', redirect: 'You go to the checkout page and come back here.' };

const params = new URLSearchParams(location.search);
const mode = /** @type {keyof typeof MODES} */ (Object.hasOwn(MODES, params.get('mode') ?? '') ? params.get('mode') : 'modal');
const kind = params.get('kind') === 'recurring' ? 'recurring' : 'charge';
/** The checkout page comes from 127.0.0.1: the same server, another origin to the browser. */
const sandboxOrigin = `${location.protocol}//127.0.0.1${location.port ? `:${location.port}` : ''}`;

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @param {string} path
 * @param {unknown} body
 */
async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { ok: response.ok, body: await response.json().catch(() => null) };
}

/**
 * @param {string} name
 * @param {unknown} detail
 */
function logEvent(name, detail) {
  const entry = Object.assign(document.createElement('li'), { className: `event event-${name}` });
  const heading = document.createElement('p');
  const time = Object.assign(document.createElement('time'), { dateTime: new Date().toISOString(), textContent: new Date().toLocaleTimeString() });
  heading.append(Object.assign(document.createElement('strong'), { textContent: name }), ' ', time);
  entry.append(heading, Object.assign(document.createElement('pre'), { textContent: JSON.stringify(detail) }));
  byId('event-log').prepend(entry);
}

/**
 * @param {string} title
 * @param {[string, string][]} rows
 */
function showResult(title, rows) {
  byId('result-title').textContent = title;
  byId('result-list').replaceChildren(
    ...rows.flatMap(([term, value]) => [
      Object.assign(document.createElement('dt'), { textContent: term }),
      Object.assign(document.createElement('dd'), { textContent: value }),
    ]),
  );
  byId('result').hidden = false;
  byId('result-title').focus();
}

/** @param {any} detail the `pay-complete` detail: a hint the shop's backend checks with Reepay */
async function onComplete(detail) {
  if (detail.paymentMethod) {
    showResult('Card saved', [['Customer', detail.customer], ['Saved card', detail.paymentMethod]]);
    const charge = /** @type {HTMLButtonElement} */ (byId('charge-saved'));
    charge.hidden = false;
    charge.onclick = async () => {
      charge.disabled = true;
      const { ok, body } = await post('/api/reepay/charge-saved', { paymentMethod: detail.paymentMethod });
      byId('charge-result').textContent = ok
        ? `Charge ${body.handle}: ${body.state}${body.error ? ` (${body.error})` : ''}, ${(body.amount / 100).toFixed(2)} ${body.currency}.`
        : `The charge failed: ${body?.message ?? 'no answer'}.`;
      charge.disabled = false;
    };
    return;
  }
  showResult('Payment accepted — checking with Reepay…', [['Session', detail.sessionId], ['Order', detail.invoice]]);
  const { ok, body } = await post('/api/reepay/verify', { invoice: detail.invoice });
  showResult(ok ? `Payment ${body.state}, verified by the shop's server` : 'The payment could not be verified', [
    ['Session', detail.sessionId],
    ['Order', detail.invoice],
    ['Customer', detail.customer],
    ...(ok ? /** @type {[string, string][]} */ ([['Amount', `${(body.amount / 100).toFixed(2)} ${body.currency}`]]) : []),
  ]);
}

async function main() {
  for (const link of document.querySelectorAll('.demo-nav a')) {
    const target = new URL(/** @type {HTMLAnchorElement} */ (link).href);
    if (target.pathname === location.pathname && target.searchParams.get('mode') === mode && (target.searchParams.get('kind') ?? 'charge') === kind) {
      link.setAttribute('aria-current', 'page');
    }
  }
  byId('order-charge').hidden = kind !== 'charge';
  byId('order-recurring').hidden = kind === 'charge';
  byId('mode-hint').textContent = MODES[mode];
  try {
    // @ts-ignore: a URL the demo server maps to the build output
    await import('/dist/cdn/pay-checkout.min.js');
  } catch (error) {
    byId('load-status').textContent = 'The payment form could not be loaded. Run `npm run build`, then reload this page.';
    byId('load-status').classList.add('load-error');
    console.error(error);
    return;
  }
  const PayCheckout = /** @type {any} */ (customElements.get('pay-checkout'));
  // The element only accepts Reepay's https checkout unless the page allows others from script.
  PayCheckout.allowOrigins([sandboxOrigin]);

  const checkout = /** @type {HTMLElement & { payload?: unknown }} */ (document.createElement('pay-checkout'));
  checkout.setAttribute('provider', 'reepay');
  checkout.setAttribute('environment', 'sandbox');
  checkout.setAttribute('mode', mode);
  checkout.setAttribute('session-endpoint', '/api/reepay/session');
  if (kind === 'charge') {
    checkout.setAttribute('amount', '105575');
    checkout.setAttribute('currency', 'DKK');
  } else {
    checkout.append(Object.assign(document.createElement('span'), { slot: 'button-label', textContent: 'Save card' }));
  }
  // The backend prices the order itself; the page says only what kind of session and where to come back.
  checkout.payload = { kind, returnPath: `${location.pathname}?mode=${mode}&kind=${kind}` };
  for (const name of LOGGED_EVENTS) checkout.addEventListener(name, (event) => logEvent(name, /** @type {CustomEvent} */ (event).detail));
  checkout.addEventListener('pay-complete', (event) => onComplete(/** @type {CustomEvent} */ (event).detail));
  byId('load-status').remove();
  byId('checkout-slot').append(checkout);
}

byId('clear-log').addEventListener('click', () => byId('event-log').replaceChildren());
main();

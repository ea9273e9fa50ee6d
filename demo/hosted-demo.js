// Shared by the hosted-checkout demo pages (Reepay, Paiwise): the page's mode, loading <pay-checkout> with the
// local sandbox's checkout origin allowed, the event log and the result panel.
// @ts-check
import { byId, eventLog } from './demo-kit.js';

const LOGGED_EVENTS = ['pay-ready', 'pay-redirect', 'pay-complete', 'pay-cancel', 'pay-error'];
/** The page's event log, on screen from the start. */
const log = eventLog();
export const MODE_HINTS = {
  modal: 'The checkout opens in a modal over this page.',
  iframe: 'The checkout opens inside this page.',
  redirect: 'You go to the checkout page and come back here.',
};

/**
 * The page's `?mode=` (modal by default), and marks the navigation link to this page as current: the one whose
 * path is this page's and whose query has these values (`defaults` for those it leaves out).
 * @param {Record<string, string>} wanted query values of this page, e.g. `{ kind: 'charge' }`
 * @param {Record<string, string>} defaults
 * @returns {keyof typeof MODE_HINTS}
 */
export function hostedPage(wanted, defaults) {
  const asked = new URLSearchParams(location.search).get('mode') ?? '';
  const mode = /** @type {keyof typeof MODE_HINTS} */ (Object.hasOwn(MODE_HINTS, asked) ? asked : 'modal');
  for (const link of document.querySelectorAll('.demo-nav a')) {
    const target = new URL(/** @type {HTMLAnchorElement} */ (link).href);
    const matches = Object.entries({ mode, ...wanted }).every(([key, value]) => (target.searchParams.get(key) ?? defaults[key]) === value);
    if (target.pathname === location.pathname && matches) link.setAttribute('aria-current', 'page');
  }
  byId('mode-hint').textContent = MODE_HINTS[mode];
  return mode;
}

/**
 * Imports the self-contained build and allows the sandbox's checkout origin (127.0.0.1: the same server,
 * another origin to the browser): the element only accepts the providers' https checkouts unless the page
 * allows others from script. False, with a message on the page, when the build is missing.
 */
export async function loadHostedCheckout() {
  try {
    // @ts-ignore: a URL the demo server maps to the build output
    await import('/dist/cdn/pay-checkout.min.js');
  } catch (error) {
    byId('load-status').textContent = 'The payment form could not be loaded. Run `npm run build`, then reload this page.';
    byId('load-status').classList.add('load-error');
    console.error(error);
    return false;
  }
  const PayCheckout = /** @type {any} */ (customElements.get('pay-checkout'));
  PayCheckout.allowOrigins([`${location.protocol}//127.0.0.1${location.port ? `:${location.port}` : ''}`]);
  return true;
}

/**
 * Logs the element's events in the page's event log, and puts the element where the loading message was.
 * @param {HTMLElement} element
 */
export function showHostedElement(element) {
  for (const name of LOGGED_EVENTS) {
    element.addEventListener(name, (event) => log.add(name, /** @type {CustomEvent} */ (event).detail, `event-${name}`));
  }
  byId('load-status').remove();
  byId('checkout-slot').append(element);
}

/**
 * @param {string} title
 * @param {[string, string][]} rows
 */
export function showResult(title, rows) {
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

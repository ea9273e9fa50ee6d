// The Paiwise sandbox's client page (the customer object's client_page): lists a customer's saved cards and lets
// them choose the default card or remove one, through the sandbox's public per-customer endpoints.
// @ts-check
import { BRAND_LABELS } from '../../shared/card-form.js';

const API = '/sandbox/paiwise/pay/clients';
const TIMEOUT_MS = 10_000;
const token = new URLSearchParams(location.search).get('token') ?? '';
const statusLine = /** @type {HTMLElement} */ (document.getElementById('status'));
const list = /** @type {HTMLUListElement} */ (document.getElementById('cards'));

/** @typedef {{ card_id: string, brand: string, last4: string, expiry: string, default: boolean }} SavedCard */

/**
 * @param {string} text
 * @param {() => Promise<void>} onClick
 */
function button(text, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}

/** @param {{ savedCards: SavedCard[] }} client */
function render({ savedCards }) {
  list.replaceChildren(
    ...savedCards.map((card) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      const name = `${BRAND_LABELS[card.brand] ?? card.brand} ending in ${card.last4}`;
      label.textContent = `${name}, expires ${card.expiry}${card.default ? ' (default)' : ''}`;
      item.append(label);
      if (!card.default) {
        item.append(button('Make default', () => call(`/cards/${card.card_id}/default`, 'POST', `${name} is now your default card.`)));
      }
      item.append(button(`Remove ${name}`, () => call(`/cards/${card.card_id}`, 'DELETE', `${name} was removed.`)));
      return item;
    }),
  );
  if (!savedCards.length) statusLine.textContent = 'You have no saved cards.';
}

/**
 * @param {string} path
 * @param {string} method
 * @param {string} [done] announced once it worked
 */
async function call(path, method, done) {
  try {
    const response = await fetch(`${API}/${encodeURIComponent(token)}${path}`, {
      method,
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    statusLine.textContent = done ?? '';
    render(await response.json());
  } catch {
    statusLine.textContent = 'Your cards could not be loaded or changed. Reload the page to try again.';
  }
}

call('', 'GET');

// Shared by the demo pages: loading <pay-checkout> from the built file, creating a PekoPay element from the
// backend's public settings, the live panels (the element's events, the backend's calls and webhooks),
// and JSON calls to the merchant backend.
// @ts-check

const MAX_LOG_ENTRIES = 100;
const ACTIVITY_POLL_MS = 1000;
export const ELEMENT_EVENTS = ['pay-ready', 'pay-change', 'pay-card-select', 'pay-token', 'pay-complete', 'pay-error'];

/**
 * @typedef {{ environment: string, sdkUrl: string | null, sandbox: boolean, tokenUrl: string }} PekoPayPublicConfig
 * @typedef {HTMLElement & { reset(): void, submit(): Promise<unknown>, status: string, amount?: number, currency?: string }} PayCheckoutElement
 */

/**
 * Imports the self-contained build and reads the backend's public PekoPay settings. The element accepts
 * only https provider origins unless the page allows others from script: the page allows the local
 * sandbox's origin, and only a loopback one.
 * @param {HTMLElement} status where to say what went wrong
 * @returns {Promise<PekoPayPublicConfig | null>}
 */
export async function loadPayCheckout(status) {
  try {
    // Imported dynamically so that a missing build shows a message instead of a blank page.
    // @ts-ignore: a URL the demo server maps to the build output
    await import('/dist/cdn/pay-checkout.min.js');
  } catch (error) {
    showLoadError(status, 'The payment form could not be loaded. Run `npm run build`, then reload this page.');
    console.error(error);
    return null;
  }
  const PayCheckout = /** @type {any} */ (customElements.get('pay-checkout'));
  if (!PayCheckout) {
    showLoadError(status, 'The bundle did not register <pay-checkout>.');
    return null;
  }
  const answer = await callBackend('GET', '/api/pekopay/config');
  if (!answer.ok) {
    showLoadError(status, 'The shop backend did not answer. Is `npm start` running?');
    return null;
  }
  const config = /** @type {PekoPayPublicConfig} */ (answer.body);
  if (config.sdkUrl) {
    const { origin, hostname } = new URL(config.sdkUrl);
    if (['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) PayCheckout.allowOrigins([origin]);
  }
  return config;
}

/**
 * @param {HTMLElement} status
 * @param {string} message
 */
function showLoadError(status, message) {
  status.textContent = message;
  status.classList.add('load-error');
}

/**
 * A `<pay-checkout provider="pekopay">` wired to the backend's token endpoint.
 * @param {PekoPayPublicConfig} config
 * @param {Record<string, string>} [attributes]
 */
export function createPekoPayElement(config, attributes = {}) {
  const element = /** @type {PayCheckoutElement} */ (document.createElement('pay-checkout'));
  /** @type {Record<string, string>} */
  const all = { provider: 'pekopay', environment: config.environment, 'token-url': config.tokenUrl, ...attributes };
  if (config.sdkUrl) all['sdk-url'] = config.sdkUrl;
  for (const [name, value] of Object.entries(all)) element.setAttribute(name, value);
  return element;
}

/**
 * @param {string} title
 * @param {unknown} detail
 * @param {string} className
 */
function logEntry(title, detail, className) {
  const entry = document.createElement('li');
  entry.className = `event ${className}`;
  const heading = document.createElement('p');
  const name = document.createElement('strong');
  name.textContent = title;
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString(undefined, { hour12: false });
  heading.append(name, ' ', time);
  entry.append(heading);
  if (detail !== undefined) {
    const payload = document.createElement('pre');
    payload.textContent = typeof detail === 'string' ? detail : JSON.stringify(detail);
    entry.append(payload);
  }
  return entry;
}

/**
 * A list that shows the newest entry first and keeps the last 100.
 * @param {HTMLOListElement} list
 * @param {HTMLButtonElement | null} [clear]
 */
export function createLog(list, clear) {
  clear?.addEventListener('click', () => list.replaceChildren());
  return {
    /**
     * @param {string} title
     * @param {unknown} [detail]
     * @param {string} [className]
     */
    add(title, detail, className = '') {
      list.prepend(logEntry(title, detail, className));
      while (list.children.length > MAX_LOG_ENTRIES) list.lastElementChild?.remove();
    },
  };
}

/**
 * A log panel (`<section class="card log">`: title, Clear button, newest-first list `#<name>-log`), in place of
 * `slot` or at the end of it.
 * @param {{ slot: HTMLElement, replace?: boolean }} where
 * @param {string} name `event`, `activity`: the panel's ids are `<name>-log`, `clear-<name>`, `<name>-title`
 * @param {string} title
 * @param {string} [hint] a line under the title
 */
export function logPanel({ slot, replace = false }, name, title, hint) {
  const section = Object.assign(document.createElement('section'), { className: 'card log' });
  section.setAttribute('aria-labelledby', `${name}-title`);
  const header = Object.assign(document.createElement('div'), { className: 'log-header' });
  const heading = Object.assign(document.createElement('h2'), { id: `${name}-title`, textContent: title });
  const clear = Object.assign(document.createElement('button'), { type: 'button', className: 'button button-quiet', textContent: 'Clear' });
  clear.id = `clear-${name}`;
  header.append(heading, clear);
  const list = Object.assign(document.createElement('ol'), { id: `${name}-log`, className: 'event-log' });
  section.append(header, ...(hint ? [Object.assign(document.createElement('p'), { className: 'hint', textContent: hint })] : []), list);
  if (replace) slot.replaceWith(section);
  else slot.append(section);
  return createLog(list, clear);
}

/**
 * The page's event log, in place of its `#event-panel`: what the element dispatched, newest first.
 * @param {string} [title]
 */
export const eventLog = (title = 'Event log') =>
  logPanel({ slot: byId('event-panel'), replace: true }, 'event', title, 'Events the element dispatched, newest first.');

/**
 * Adds the live panels at the end of `main`: the element's events and the backend's calls and webhooks.
 * @param {HTMLElement} main
 */
export function livePanels(main) {
  const events = logPanel({ slot: main }, 'event', 'Element events');
  const activity = logPanel({ slot: main }, 'activity', 'Backend calls and webhooks');
  followBackendActivity(activity);
  return { events, activity };
}

/**
 * Logs every event the element dispatches.
 * @param {HTMLElement} element
 * @param {ReturnType<typeof createLog>} log
 */
export function logElementEvents(element, log) {
  for (const name of ELEMENT_EVENTS) {
    element.addEventListener(name, (event) => log.add(name, /** @type {CustomEvent} */ (event).detail, `event-${name}`));
  }
}

/**
 * Shows what the backend did — its calls to PekoPay and the webhooks it verified — as it happens.
 * @param {ReturnType<typeof createLog>} log
 */
export function followBackendActivity(log) {
  let after = -1;
  let busy = false;
  const poll = async () => {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const answer = await callBackend('GET', `/api/activity?after=${Math.max(after, 0)}`, undefined, {}, false);
      if (!answer.ok) return;
      const { entries, last } = /** @type {{ entries: any[], last: number }} */ (answer.body);
      // The first poll only learns where the feed is: older entries belong to other visits.
      if (after >= 0) {
        for (const entry of entries) {
          const title = entry.kind === 'webhook' ? `← ${entry.provider} webhook ${entry.summary}` : `→ ${entry.provider} ${entry.summary}`;
          log.add(title, { request: entry.request, response: entry.response }, entry.ok ? 'activity-ok' : 'activity-failed');
        }
      }
      after = last;
    } finally {
      busy = false;
    }
  };
  poll();
  return setInterval(poll, ACTIVITY_POLL_MS);
}

/**
 * A JSON call to the merchant backend; never throws.
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {Record<string, string>} [headers]
 * @param {boolean} [quiet] false: also log it on the console
 * @returns {Promise<{ ok: boolean, status: number, body: any }>}
 */
export async function callBackend(method, path, body, headers = {}, quiet = true) {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { error: 'invalid_response', message: 'The shop answered something that is not JSON.' };
    }
    return { ok: response.ok, status: response.status, body: parsed };
  } catch (error) {
    if (!quiet) console.warn(method, path, error);
    return { ok: false, status: 0, body: { error: 'network_error', message: 'The shop could not be reached.' } };
  }
}

/**
 * @param {number} amount major units
 * @param {string} currency
 */
export const money = (amount, currency) => new Intl.NumberFormat('en-CA', { style: 'currency', currency }).format(amount);

/**
 * @param {string} id
 * @returns {any}
 */
export const byId = (id) => document.getElementById(id);

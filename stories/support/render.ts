// Renders <pay-checkout> from a story's args, named as custom-elements.json names them (and as the
// controls show them): attributes are set as attributes, other public properties as properties, slots
// as slotted text, custom properties as inline styles, and the `on<Event>` actions become listeners.
import type { PayCheckout } from '../../src/index.js';
import { checkoutDeclaration } from './manifest.js';

export type CheckoutArgs = Record<string, unknown>;

const { attributes = [], slots = [], events = [] } = checkoutDeclaration;
const attributeNames = new Set(attributes.map(({ name }) => name));
const slotNames = new Set(slots.map(({ name }) => name));
/** `pay-token` → `onPayToken`, as Storybook names the action of an event from the manifest. */
const handlers = events.map(({ name }) => [name, `on${name.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase())}`] as const);

export const renderCheckout = (args: CheckoutArgs): PayCheckout => {
  const checkout = document.createElement('pay-checkout');
  for (const [name, value] of Object.entries(args)) {
    if (value == null || value === false || value === '' || (typeof value == 'function' && name.startsWith('on'))) continue;
    if (name.startsWith('--')) checkout.style.setProperty(name, String(value));
    else if (slotNames.has(name))
      checkout.append(Object.assign(document.createElement('span'), { slot: name, textContent: String(value) }));
    else if (attributeNames.has(name)) checkout.setAttribute(name, value === true ? '' : String(value));
    else Object.assign(checkout, { [name]: value });
  }
  for (const [event, handler] of handlers) {
    const listener = args[handler];
    if (typeof listener == 'function') checkout.addEventListener(event, listener as EventListener);
  }
  return checkout;
};

// `pay-checkout/react`: <PayCheckout> for React 17–19, made by @lit/react, with one typed prop per `pay-*`
// event (`onPayToken={(event) => event.detail.paymentToken}`). Importing it registers <pay-checkout>.
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { PayCheckout as PayCheckoutElement } from './pay-checkout.js';

/** Every event the element dispatches: the `pay-*` entries of the global event map (src/events/). */
type PayEventType = Extract<keyof GlobalEventHandlersEventMap, `pay-${string}`>;

/** `pay-card-select` → `onPayCardSelect`. */
type PropName<Type extends string> = Type extends `${infer Head}-${infer Tail}` ? `${PropName<Head>}${Capitalize<PropName<Tail>>}` : Type;
type EventProps = { [Type in PayEventType as `on${Capitalize<PropName<Type>>}`]: EventName<GlobalEventHandlersEventMap[Type]> };

/** The event name, typed with its class from the global event map. */
const on = <Type extends PayEventType>(type: Type) => type as EventName<GlobalEventHandlersEventMap[Type]>;

/**
 * React prop → DOM event, one line per event. `satisfies` makes a new event in the global map a type
 * error here until its line is added, and checks each line's name against its type.
 */
const events = {
  onPayReady: on('pay-ready'),
  onPayChange: on('pay-change'),
  onPayToken: on('pay-token'),
  onPayError: on('pay-error'),
  onPayCardSelect: on('pay-card-select'),
  onPayComplete: on('pay-complete'),
  onPayCancel: on('pay-cancel'),
  onPayRedirect: on('pay-redirect'),
} satisfies EventProps;

/**
 * `<pay-checkout>` as a React component: properties (`provider`, `tokenUrl`, `amount`, `sessionTokenProvider`
 * …) are set on the element, `on*` props listen to its `pay-*` events, and `ref` is the element
 * (`ref.current.submit()`).
 */
const component = createComponent({
  react: React,
  tagName: 'pay-checkout',
  // The registered class, which is another copy's when one was registered first (a CDN tag beside this bundle):
  // its properties are the ones to set, and this copy's class, never defined, has none yet.
  elementClass: (customElements.get('pay-checkout') as typeof PayCheckoutElement | undefined) ?? PayCheckoutElement,
  events,
  displayName: 'PayCheckout',
});

/** What the element has that no prop may set: its read-only state, its methods and its form callbacks. */
type NotProps =
  | {
      [Key in keyof PayCheckoutElement]-?: PayCheckoutElement[Key] extends (...args: never[]) => unknown
        ? Key extends 'sessionTokenProvider'
          ? never
          : Key
        : never;
    }[keyof PayCheckoutElement]
  | 'status'
  | 'form'
  | 'validity'
  | 'validationMessage'
  | 'willValidate';

/** The props of <PayCheckout>: the element's settable properties, and an `on…` prop per `pay-*` event. */
export type PayCheckoutProps = Omit<React.ComponentProps<typeof component>, NotProps>;

export const PayCheckout = component as React.ForwardRefExoticComponent<PayCheckoutProps>;
export { PayCheckoutElement };
export type * from './events/index.js';

// Every public event class and its detail types, one import away; also the `pay-checkout/events` entry, which
// registers nothing (no element, no Lit): a page or a backend can type and build the events alone.
export * from './pay-event.js';
export * from './pay-ready.js';
export * from './pay-change.js';
export * from './pay-card-select.js';
export * from './pay-token.js';
export * from './pay-error.js';
export * from './pay-complete.js';
export * from './pay-cancel.js';
export * from './pay-redirect.js';
export type { PayErrorCode } from '../errors.js';

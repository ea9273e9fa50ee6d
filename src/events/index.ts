// Every public event class, one import away.
export * from './pay-event.js';
export * from './pay-ready.js';
export * from './pay-change.js';
export * from './pay-card-select.js';
export * from './pay-token.js';
export * from './pay-success.js';
export * from './pay-error.js';
export * from './pay-complete.js';
export * from './pay-cancel.js';
export * from './pay-redirect.js';

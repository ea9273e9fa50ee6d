// The element's shadow styles. Everything a host may want to change is a --pay-checkout-* property.
// Colour defaults are light-dark() pairs: the dark ones apply when the element's inherited
// `color-scheme` is dark (a page's `color-scheme: light dark` follows prefers-color-scheme).
import { css } from 'lit';

export default css`
  :host {
    display: block;
    font-family: var(--pay-checkout-font, system-ui, sans-serif);
    color: var(--pay-checkout-text, light-dark(#1a1a1a, #e3e3e3));
    --_accent: var(--pay-checkout-accent, light-dark(#0b57d0, #a8c7fa));
    --_radius: var(--pay-checkout-radius, 8px);
    --_gap: var(--pay-checkout-spacing, 12px);
  }
  :host([hidden]) {
    display: none;
  }
  /* Positioned: the visually hidden status region's containing block. Without it that was the page's root,
     and every layout of the page placed every element's region again (100 elements: 2.2 times the time). */
  .base {
    position: relative;
    display: grid;
    gap: var(--_gap);
  }
  /* The placeholder and the card fields share one cell: while loading the placeholder lies over the fields
     (hidden under it), so the element keeps its height when they get ready. Nothing else may lie over them. */
  .fields {
    display: grid;
    min-height: 1px;
  }
  .fields[hidden] {
    display: none;
  }
  .cover,
  .fields > slot::slotted(*) {
    grid-area: 1 / 1;
  }
  .loading > slot::slotted(*) {
    opacity: 0;
  }
  /* Off screen the placeholder is not rendered, so its pulse is not run: every running animation makes each
     style update of the page dearer, which 100 elements loading at once paid for (npm run bench). */
  .cover {
    position: relative;
    z-index: 1;
    content-visibility: auto;
    contain-intrinsic-size: auto 200px;
  }
  .placeholder {
    height: 200px;
    border-radius: var(--_radius);
    background: var(--pay-checkout-placeholder, light-dark(#eef0f3, #2d3036));
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  @keyframes pulse {
    to {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .placeholder {
      animation: none;
    }
  }
  .message:empty {
    display: none;
  }
  .message {
    color: var(--pay-checkout-error, light-dark(#b3261e, #f2b8b5));
    font-size: 0.9em;
  }
  button {
    font: inherit;
    font-weight: 600;
    padding: 0.75em 1em;
    /* Transparent, but drawn in forced-colours mode, which drops the background that shows a button's edge. */
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--pay-checkout-accent-text, light-dark(#fff, #062e6f));
    cursor: pointer;
  }
  .retry {
    justify-self: start;
    padding: 0.4em 0.9em;
    background: none;
    color: var(--_accent);
    border-color: currentColor;
  }
  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
  button:focus-visible {
    outline: var(--pay-checkout-focus-ring, 3px solid var(--_accent));
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

// Styles of hosted checkout pages (inline frame, modal), adopted into the element's shadow root by the
// hosted-checkout providers only, so a page that uses PekoPay does not download them.
import { css } from 'lit';

const styles = css`
  .hosted > iframe {
    display: block;
    width: 100%;
    height: var(--pay-checkout-frame-height, 560px);
    border: 0;
    border-radius: var(--_radius);
  }
  .hosted > iframe[hidden] {
    display: none;
  }
  dialog {
    width: min(480px, calc(100vw - 32px));
    max-height: calc(100vh - 32px);
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: #fff;
    color: inherit;
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  dialog iframe {
    display: block;
    width: 100%;
    height: min(640px, calc(100vh - 96px));
    border: 0;
  }
  .close {
    display: block;
    margin: 4px 4px 0 auto;
    padding: 2px 12px;
    font-size: 1.5em;
    line-height: 1.2;
    background: transparent;
    color: inherit;
  }
`;

/** Adds the hosted styles to `root` once. */
export const adoptHostedStyles = (root: Node): void => {
  const sheet = styles.styleSheet;
  if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
};

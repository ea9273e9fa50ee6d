// Styles of hosted checkout pages (inline frame, modal), adopted into the element's shadow root only when a
// hosted page opens, so a page that uses PekoPay, or has not opened a hosted page yet, does not download them.
import { css } from 'lit';

export default css`
  /* Top-aligned, not display: block, so that [hidden] still hides it. */
  .hosted iframe {
    vertical-align: top;
    width: 100%;
    height: var(--pay-checkout-frame-height, 560px);
    border: 0;
    border-radius: var(--_radius);
  }
  /* The browser keeps a modal within the viewport (max-width, max-height) and colours it (Canvas). */
  dialog {
    width: 480px;
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
  }
  dialog::backdrop {
    background: #0000008c;
  }
  .hosted dialog iframe {
    height: min(640px, calc(100vh - 96px));
  }
  /* At the inline end: the top right, or the top left in a right-to-left locale. */
  .close {
    display: block;
    margin-block: 4px 0;
    margin-inline: auto 4px;
    padding: 2px 12px;
    font-size: 1.5em;
    line-height: 1.2;
    background: none;
    color: inherit;
  }
`;

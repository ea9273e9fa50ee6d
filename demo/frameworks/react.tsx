// The React demo: <PayCheckout> from `pay-checkout/react`; its `on…` props update React state.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PayCheckout, type PayTokenDetail } from 'pay-checkout/react';
import { checkoutConfig } from './sandbox.js';

function Checkout() {
  const [token, setToken] = useState<PayTokenDetail | null>(null);
  const [error, setError] = useState('');
  const [received, setReceived] = useState<string[]>([]);
  const note = (event: Event) => setReceived((types) => [...types, event.type]);
  return (
    <>
      <PayCheckout
        {...checkoutConfig}
        onPayReady={note}
        onPayChange={note}
        onPayToken={(event) => {
          note(event);
          setToken(event.detail);
        }}
        onPayError={(event) => {
          note(event);
          setError(`${event.detail.code}: ${event.detail.message}`);
        }}
      />
      {error && (
        <p className="hint" role="status">
          Last pay-error seen by React — {error}
        </p>
      )}
      {token && (
        <section className="token-result" aria-labelledby="token-title">
          <h2 id="token-title">React's onPayToken received the token</h2>
          <dl>
            <dt>Payment token</dt>
            <dd>
              <code id="token-value">{token.paymentToken}</code>
            </dd>
            <dt>Card</dt>
            <dd id="token-card">{token.card ? `${token.card.cardType} ending in ${token.card.last4}` : '—'}</dd>
          </dl>
        </section>
      )}
      <details className="hint">
        <summary>Events React's props received ({received.length})</summary>
        <ol id="received">
          {received.map((type, index) => (
            <li key={index}>{type}</li>
          ))}
        </ol>
      </details>
    </>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <Checkout />
  </StrictMode>,
);

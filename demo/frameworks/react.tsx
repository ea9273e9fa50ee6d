// The React demo: <PayCheckout> from `pay-checkout/react`, its `onPayToken` prop updating React state.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PayCheckout, type PayTokenDetail } from 'pay-checkout/react';
import { checkoutConfig } from './sandbox.js';

function Checkout() {
  const [token, setToken] = useState<PayTokenDetail | null>(null);
  const [error, setError] = useState('');
  return (
    <>
      <PayCheckout
        {...checkoutConfig}
        onPayToken={(event) => setToken(event.detail)}
        onPayError={(event) => setError(`${event.detail.code}: ${event.detail.message}`)}
      />
      {error && <p className="hint" role="status">Last pay-error seen by React — {error}</p>}
      {token && (
        <section className="token-result" aria-labelledby="token-title">
          <h2 id="token-title">React's onPayToken received the token</h2>
          <dl>
            <dt>Payment token</dt>
            <dd><code id="token-value">{token.paymentToken}</code></dd>
            <dt>Card</dt>
            <dd id="token-card">{token.card ? `${token.card.cardType} ending in ${token.card.last4}` : '—'}</dd>
          </dl>
        </section>
      )}
    </>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <Checkout />
  </StrictMode>,
);

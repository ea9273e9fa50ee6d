// The Vue demo: <pay-checkout> in a Vue template; its `@pay-…` listeners update refs. (A template string,
// compiled in the browser, keeps the demo to one file; in a single-file component the template is the same.)
import { createApp, defineComponent, ref } from 'vue';
import 'pay-checkout';
import type { PayErrorEvent, PayTokenDetail, PayTokenEvent } from 'pay-checkout';
import { checkoutConfig } from './sandbox.js';

const Checkout = defineComponent({
  setup() {
    const token = ref<PayTokenDetail | null>(null);
    const error = ref('');
    const received = ref<string[]>([]);
    const note = (event: Event) => received.value.push(event.type);
    const onToken = (event: PayTokenEvent) => {
      note(event);
      token.value = event.detail;
    };
    const onError = (event: PayErrorEvent) => {
      note(event);
      error.value = `${event.detail.code}: ${event.detail.message}`;
    };
    return { config: checkoutConfig, token, error, received, note, onToken, onError };
  },
  template: `
    <pay-checkout
      :provider="config.provider"
      :environment="config.environment"
      :sdk-url="config.sdkUrl"
      :token-url="config.tokenUrl"
      :amount="config.amount"
      :currency="config.currency"
      @pay-ready="note"
      @pay-change="note"
      @pay-token="onToken"
      @pay-error="onError"
    ></pay-checkout>
    <p v-if="error" class="hint" role="status">Last pay-error seen by Vue — {{ error }}</p>
    <section v-if="token" class="token-result" aria-labelledby="token-title">
      <h2 id="token-title">Vue's @pay-token listener received the token</h2>
      <dl>
        <dt>Payment token</dt>
        <dd><code id="token-value">{{ token.paymentToken }}</code></dd>
        <dt>Card</dt>
        <dd id="token-card">{{ token.card ? token.card.cardType + ' ending in ' + token.card.last4 : '—' }}</dd>
      </dl>
    </section>
    <details class="hint">
      <summary>Events Vue's listeners received ({{ received.length }})</summary>
      <ol id="received"><li v-for="(type, index) in received" :key="index">{{ type }}</li></ol>
    </details>
  `,
});

const app = createApp(Checkout);
// <pay-checkout> is a custom element, not a Vue component.
app.config.compilerOptions.isCustomElement = (tag) => tag === 'pay-checkout';
app.mount('#app');

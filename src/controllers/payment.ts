// The payment once a token exists: tokens never handed out twice, the idempotency key, the `action` POST and
// its Retry (the same attempt, with the same key), and the form value.
import { toPayError } from '../errors.js';
import { PayTokenEvent, type PayCard, type PayTokenDetail } from '../events/pay-token.js';
import { guard } from '../internal/async.js';
import { randomId } from '../internal/random.js';
import { safeUrl } from '../internal/safe-url.js';
import type { TokenOptions } from '../providers/types.js';
import type { PekoPayCompleteDetail } from '../events/pay-complete.js';
import type { CheckoutHost, RunState, TimeoutsSource } from './host.js';
import type { Refusal } from '../internal/action.js';

export class PaymentController {
  /** Tokens never to hand out again (handed to the host, or found expired), whatever the source. */
  private readonly _used = new Set<string>();
  /** The `session-token` and when this element first saw it: its lifetime runs from then. */
  private _given?: [token: string, at: number];
  /** A token whose `action` POST has not succeeded yet, nor been refused for good: Retry posts it again, with the same key. */
  private _attempt?: PayTokenDetail | undefined;
  private _posting?: Promise<void> | undefined;

  constructor(
    private readonly _host: CheckoutHost,
    private readonly _run: RunState,
    private readonly _timeouts: TimeoutsSource,
  ) {}

  /** A token waits for its `action` POST to succeed (Retry, or submit(), posts it again). */
  get pending(): boolean {
    return !!this._attempt;
  }

  /** The `action` POST in flight, if any. */
  get posting(): Promise<void> | undefined {
    return this._posting;
  }

  /** What the configuration needs to know of tokens, noting when `given` (`session-token`) was first seen. */
  tokens(given: unknown): { tokenIssuedAt: number | undefined; usedTokens: Set<string> } {
    if (given && this._given?.[0] !== given) this._given = [given as string, Date.now()];
    return { tokenIssuedAt: this._given?.[1], usedTokens: this._used };
  }

  /** The payer starts over (reset()): an attempt `action` has not accepted is let go of. */
  clear(): void {
    this._attempt = undefined;
  }

  /** The run stopped, aborting its POST: the next run posts the attempt again. */
  stopped(): void {
    this._posting = undefined;
  }

  /** Takes a token from the adapter (see ProviderContext.token): emits `pay-token`, then completes, or first posts it to `action`. */
  accept(
    provider: string,
    paymentToken: string,
    card: PayCard | null,
    { savedCard = false, saveCard = false }: TokenOptions = {},
  ): boolean {
    const state = this._run;
    // A token that arrives without submit() (the payer pressed Enter in the hosted fields) is a submit too.
    if (state.status == 'ready') state.go('submit');
    if (state.status != 'submitting' || this._attempt || this._used.has(paymentToken)) return false;
    // A saved card has no token ('') to use up.
    if (paymentToken) this._used.add(paymentToken);
    const { intent, customerId } = this._host;
    const detail: PayTokenDetail = {
      provider,
      paymentToken,
      card,
      savedCard,
      saveCard,
      intent: intent as PayTokenDetail['intent'],
      customerId: customerId || null,
      idempotencyKey: randomId(),
    };
    state.error = undefined;
    const posting = !!this._host.action;
    if (posting) this._attempt = detail;
    else state.go('complete');
    state.emit(new PayTokenEvent(detail));
    if (posting) void this.post();
    else state.completed(detail as PekoPayCompleteDetail);
    return true;
  }

  /** Posts the pending attempt to `action`: right after its token, and again (same key) on Retry. */
  post(): Promise<void> {
    if (this._run.status == 'error') this._run.go('submit');
    else if (this._posting) return this._posting;
    const posting: Promise<void> = this._postOnce().finally(() => {
      if (this._posting == posting) this._posting = undefined;
    });
    return (this._posting = posting);
  }

  /** The Retry button: posts a failed `action` again, or fetches a token, or starts over. */
  readonly retry = (): void => {
    if (this._attempt) this._host.submit().catch(() => {});
    else void this._host.refreshToken();
  };

  private async _postOnce(): Promise<void> {
    const signal = this._run.signal!;
    const attempt = this._attempt!;
    const timeouts = this._timeouts();
    this._run.error = undefined;
    let body: unknown;
    try {
      // Checked again: `action` may have changed since the payment method started.
      const url = safeUrl(this._host.action!, [], true);
      const { postAction } = await guard(import('../internal/action.js'), timeouts.sdk, signal, 'action-failed', 'the action module');
      body = await postAction(url, attempt, this._host.payload, signal, timeouts.action);
    } catch (error) {
      if (signal.aborted) return;
      // Refused for good (declined, a spent token): let go of it, and Retry starts over with a new one.
      if ((error as Refusal)._final) this._attempt = undefined;
      this._run.fail(toPayError(error, 'action-failed'));
      return;
    }
    if (signal.aborted) return;
    this._attempt = undefined;
    this._run.go('complete');
    this._run.completed({ ...attempt, body } as PekoPayCompleteDetail);
  }
}

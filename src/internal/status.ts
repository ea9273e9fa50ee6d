// The element's one state machine: which `status` follows which, and nothing else.

export type PayStatus = 'idle' | 'loading' | 'ready' | 'submitting' | 'redirecting' | 'complete' | 'error';

/**
 * What can happen: `start` (configuration applied), `load` (a ready element loads more, e.g. the card
 * fields for "Use a new card"), `ready` (payment method usable), `submit` (also: post a failed `action`
 * again, and one whose POST a restart interrupted), `settle` (a submit ended without a result, or failed, and
 * the form is usable again; also after a redirect that never left), `redirect` (leaving for a hosted checkout
 * page), `complete` (a token, or a hosted checkout accepted: also while `ready`, when the payer paid inside an
 * inline hosted page, while `loading`, when the element finds the result of a redirect on the page it came back
 * to, and while `idle`, when the browser restores a completed payment with its form), `fail` (the element
 * cannot take a payment until something changes), `stop` (disconnected).
 */
export type StatusInput = 'start' | 'load' | 'ready' | 'submit' | 'settle' | 'redirect' | 'complete' | 'fail' | 'stop';

const transitions: Record<PayStatus, Partial<Record<StatusInput, PayStatus>>> = {
  idle: { start: 'loading', complete: 'complete', fail: 'error' },
  loading: { start: 'loading', ready: 'ready', complete: 'complete', fail: 'error', stop: 'idle' },
  ready: { start: 'loading', load: 'loading', submit: 'submitting', complete: 'complete', fail: 'error', stop: 'idle' },
  submitting: {
    start: 'loading',
    settle: 'ready',
    redirect: 'redirecting',
    complete: 'complete',
    fail: 'error',
    stop: 'idle',
  },
  redirecting: { start: 'loading', settle: 'ready', fail: 'error', stop: 'idle' },
  complete: { start: 'loading', stop: 'idle' },
  error: { start: 'loading', submit: 'submitting', fail: 'error', stop: 'idle' },
};

/** The status after `input`, or undefined when `input` is not allowed in `status` (and must be ignored). */
export const nextStatus = (status: PayStatus, input: StatusInput): PayStatus | undefined => transitions[status][input];

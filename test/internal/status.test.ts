// The status state machine.
import { expect } from '@open-wc/testing';
import { nextStatus, type PayStatus, type StatusInput } from '../../src/internal/status.js';

describe('status machine', () => {
  it('follows a payment from idle to complete', () => {
    const path: StatusInput[] = ['start', 'ready', 'submit', 'complete'];
    let status: PayStatus = 'idle';
    const seen = path.map((input) => (status = nextStatus(status, input)!));
    expect(seen).to.deep.equal(['loading', 'ready', 'submitting', 'complete']);
  });

  it('refuses a second submit while submitting, and a submit while loading', () => {
    expect(nextStatus('submitting', 'submit')).to.equal(undefined);
    expect(nextStatus('loading', 'submit')).to.equal(undefined);
    expect(nextStatus('complete', 'submit')).to.equal(undefined);
  });

  it('settles back to ready after a recoverable submit failure, and errors otherwise', () => {
    expect(nextStatus('submitting', 'settle')).to.equal('ready');
    expect(nextStatus('submitting', 'fail')).to.equal('error');
    expect(nextStatus('ready', 'settle')).to.equal(undefined);
  });

  it('restarts from error or complete, and stops from anywhere to idle', () => {
    expect(nextStatus('error', 'start')).to.equal('loading');
    expect(nextStatus('complete', 'start')).to.equal('loading');
    for (const status of ['loading', 'ready', 'submitting', 'redirecting', 'complete', 'error'] as PayStatus[]) {
      expect(nextStatus(status, 'stop'), status).to.equal('idle');
    }
  });

  it('completes from ready (paid in an inline hosted page), from loading (the result of a redirect) and from idle (restored with its form)', () => {
    expect(nextStatus('ready', 'complete')).to.equal('complete');
    expect(nextStatus('loading', 'complete')).to.equal('complete');
    expect(nextStatus('idle', 'complete')).to.equal('complete');
  });

  it('leaves for a hosted page only while submitting, and comes back to ready if it never left', () => {
    expect(nextStatus('submitting', 'redirect')).to.equal('redirecting');
    expect(nextStatus('ready', 'redirect')).to.equal(undefined);
    expect(nextStatus('redirecting', 'settle')).to.equal('ready');
  });

  it('does not turn a completed payment into an error', () => {
    expect(nextStatus('complete', 'fail')).to.equal(undefined);
  });

  it('goes back to loading from ready only, when more must load (the fields for a new card)', () => {
    expect(nextStatus('ready', 'load')).to.equal('loading');
    for (const status of ['idle', 'loading', 'submitting', 'complete', 'error'] as PayStatus[]) {
      expect(nextStatus(status, 'load'), status).to.equal(undefined);
    }
  });

  it('submits again from error (a failed action is posted again)', () => {
    expect(nextStatus('error', 'submit')).to.equal('submitting');
  });
});

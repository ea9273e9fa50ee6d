// The redirect-return record: what the element writes before leaving for a hosted page, and when it
// believes the page it came back to.
import { expect } from '@open-wc/testing';
import { rememberRedirect, takeRedirect } from '../../src/providers/hosted/redirect-return.js';

const ID = `cs_${'a'.repeat(32)}`;

describe('redirect return', () => {
  beforeEach(() => sessionStorage.clear());

  it('recognizes the session this tab left for, once', () => {
    rememberRedirect('reepay', ID);
    expect(takeRedirect('reepay', ID)).to.equal(true);
    expect(takeRedirect('reepay', ID)).to.equal(false);
  });

  it('refuses another session id and keeps the record for the real one', () => {
    rememberRedirect('reepay', ID);
    expect(takeRedirect('reepay', `cs_${'b'.repeat(32)}`)).to.equal(false);
    expect(takeRedirect('reepay', ID)).to.equal(true);
  });

  it('keeps providers apart', () => {
    rememberRedirect('reepay', ID);
    expect(takeRedirect('paiwise', ID)).to.equal(false);
    expect(takeRedirect('reepay', ID)).to.equal(true);
  });

  it('forgets a record older than a day, and ignores a corrupt one', () => {
    sessionStorage.setItem('pay-checkout:redirect:reepay', JSON.stringify({ id: ID, at: Date.now() - 25 * 60 * 60_000 }));
    expect(takeRedirect('reepay', ID)).to.equal(false);
    expect(sessionStorage.getItem('pay-checkout:redirect:reepay')).to.equal(null);
    sessionStorage.setItem('pay-checkout:redirect:reepay', '{not json');
    expect(takeRedirect('reepay', ID)).to.equal(false);
  });
});

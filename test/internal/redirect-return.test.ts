// The redirect-return record: what the element writes before leaving for a hosted page (the session, and the
// return URLs it knew), and when it believes the page it came back to.
import { expect } from '@open-wc/testing';
import { redirectUrls, rememberRedirect, takeRedirect } from '../../src/providers/hosted/redirect-return.js';
import { readReturn } from '../../src/providers/hosted/return-urls.js';
import type { ReturnRules, ReturnUrls } from '../../src/providers/hosted/types.js';

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

describe('redirect return: the return URLs kept with the record', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps the accept and cancel URLs known when leaving', () => {
    rememberRedirect('reepay', ID, {
      accept: new URL('https://shop.example/accept?order=1'),
      cancel: new URL('https://shop.example/decline'),
    });
    const urls = redirectUrls('reepay');
    expect([urls.accept?.href, urls.cancel?.href]).to.deep.equal(['https://shop.example/accept?order=1', 'https://shop.example/decline']);
  });

  it('knows no URL without a record, for a record without URLs, or a corrupt one', () => {
    expect(redirectUrls('reepay')).to.deep.equal({});
    rememberRedirect('reepay', ID);
    expect(redirectUrls('reepay')).to.deep.equal({ accept: undefined, cancel: undefined, id: ID });
    sessionStorage.setItem('pay-checkout:redirect:reepay', JSON.stringify({ id: ID, at: Date.now(), accept: 'not a url', cancel: 7 }));
    expect(redirectUrls('reepay')).to.deep.equal({ accept: undefined, cancel: undefined, id: ID });
    sessionStorage.setItem('pay-checkout:redirect:reepay', '{not json');
    expect(redirectUrls('reepay')).to.deep.equal({});
  });
});

describe('redirect return: matching a location against the return URLs', () => {
  const rules: ReturnRules = {
    fields: ['acceptUrl', 'cancelUrl'],
    idParam: 'id',
    canceledAtShared: (here) => !here.searchParams.has('customer'),
    byParameters: (here) => (here.searchParams.has('id') ? 'cancel' : undefined),
    completed: () => undefined,
  };
  const urls = { accept: new URL('https://shop.example/back?outcome=accept'), cancel: new URL('https://shop.example/back?outcome=cancel') };
  const read = (href: string, known: ReturnUrls = urls) => readReturn(new URL(href), known, rules);

  it('recognises each URL with parameters added, in any order, and reads the id', () => {
    expect(read(`https://shop.example/back?id=${ID}&outcome=accept&customer=c`)).to.deep.equal({ outcome: 'complete', sessionId: ID });
    expect(read('https://shop.example/back?outcome=cancel')).to.deep.equal({ outcome: 'cancel', sessionId: null });
  });

  it('recognises nothing at another origin, path or query value', () => {
    for (const href of [
      `https://shop.example.evil/back?outcome=accept&id=${ID}`,
      `http://shop.example/back?outcome=accept&id=${ID}`,
      `https://shop.example/back/?outcome=accept&id=${ID}`,
      `https://shop.example/back?outcome=other&id=${ID}`,
      `https://shop.example/back?id=${ID}`,
    ]) {
      expect(read(href), href).to.equal(undefined);
    }
  });

  it("lets the provider's rule decide at one URL for both", () => {
    const shared = new URL('https://shop.example/back');
    expect(read(`https://shop.example/back?id=${ID}&customer=c`, { accept: shared, cancel: shared })?.outcome).to.equal('complete');
    expect(read(`https://shop.example/back?id=${ID}`, { accept: shared, cancel: shared })?.outcome).to.equal('cancel');
  });

  it('reads the parameters only when neither URL is known', () => {
    expect(read(`https://anywhere.example/?id=${ID}`, {})).to.deep.equal({ outcome: 'cancel', sessionId: ID });
    expect(read(`https://anywhere.example/?id=${ID}`, { accept: urls.accept })).to.equal(undefined);
    expect(read(`https://anywhere.example/?id=${ID}`, { cancel: urls.cancel })).to.equal(undefined);
  });
});

// The hosted checkout's run (src/providers/hosted/page.ts) against a bare context: what it does with the
// redirect record when the element that runs it has let it go.
import { expect } from '@open-wc/testing';
import { hostedRun } from '../../src/providers/hosted/page.js';
import { rememberRedirect } from '../../src/providers/hosted/redirect-return.js';
import type { HostedProvider } from '../../src/providers/hosted/types.js';
import { page } from '../../src/providers/reepay/page.js';
import type { ReepaySession } from '../../src/providers/reepay/session.js';
import type { ProviderContext } from '../../src/providers/types.js';

const ID = `cs_${'a'.repeat(32)}`;
const KEY = 'pay-checkout:redirect:reepay';

describe('hosted run: a redirect return', () => {
  const here = location.href;
  afterEach(() => {
    sessionStorage.clear();
    history.replaceState(null, '', here);
  });

  it('leaves the record to a run that can still report it when its own was let go of (a restart)', () => {
    const accept = Object.assign(new URL(here), { search: '?reepay=accept', hash: '' });
    rememberRedirect('reepay', ID, { accept, cancel: Object.assign(new URL(accept), { search: '?reepay=cancel' }) });
    history.replaceState(null, '', `${accept.href}&id=${ID}&invoice=order-1&customer=c-1`);
    const reported: string[] = [];
    const run = new AbortController();
    const context = {
      config: { provider: 'reepay' },
      signal: run.signal,
      timeouts: { submit: 1_000 },
      payload: () => undefined,
      complete: () => (reported.push('complete'), false),
      cancel: () => reported.push('cancel'),
    } as unknown as ProviderContext;
    run.abort(); // the element restarted between loading this code and reading the return
    const hosted = hostedRun(context, {} as HostedProvider<ReepaySession>, page(), 'redirect', undefined);
    expect(hosted.back(), 'a let-go run takes no return').to.equal(false);
    expect(reported).to.deep.equal([]);
    expect(JSON.parse(sessionStorage.getItem(KEY)!).id, 'the record is left for the next run').to.equal(ID);
  });
});

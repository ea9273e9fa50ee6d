// The hosted page's frame and modal (src/providers/hosted/frame.ts) at the edges no provider of ours reaches: a page
// whose connect() throws, as HostedPage allows, before anything loads.
import { expect } from '@open-wc/testing';
import { PayCheckoutError } from '../../src/errors.js';
import en from '../../src/locales/en.js';
import { openPage } from '../../src/providers/hosted/frame.js';
import type { HostedPage, HostedSession } from '../../src/providers/hosted/types.js';
import type { ProviderContext } from '../../src/providers/types.js';

describe('hosted frame: a page whose connect() throws', () => {
  it('rejects with its error and leaves no dialog, frame or scroll lock behind', async () => {
    const region = document.createElement('div');
    document.body.append(region);
    const context = {
      signal: new AbortController().signal,
      timeouts: { mount: 5_000 },
      texts: en,
      config: { provider: 'thrower' },
      hostedRegion: () => region,
      adoptStyles: () => {},
      inline: () => {},
    } as unknown as ProviderContext;
    const page = {
      connect: () => {
        throw new PayCheckoutError('config', 'this session cannot be shown in a frame');
      },
    } as unknown as HostedPage<HostedSession>;
    const session: HostedSession = { id: 'thrower_1' };
    for (const mode of ['modal', 'iframe'] as const) {
      const refused = await openPage(context, page, session, {}, mode, null, {}).then(
        () => undefined,
        (error: PayCheckoutError) => error,
      );
      expect(refused, mode).to.include({ code: 'config', reason: 'this session cannot be shown in a frame' });
      expect(region.children, `${mode}: nothing left in the element`).to.have.length(0);
      expect(document.documentElement.style.overflow).to.equal('');
    }
    region.remove();
  });
});

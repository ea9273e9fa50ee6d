// URL allow-listing and secret detection.
import { expect } from '@open-wc/testing';
import { PayCheckoutError } from '../../src/errors.js';
import { allowOrigins, looksLikeSecret, safeUrl } from '../../src/internal/safe-url.js';

const PREFIX = 'https://cdn.jsdelivr.net/npm/@pekopay/web@';
const code = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as PayCheckoutError).code;
  }
};

describe('safeUrl', () => {
  it('accepts https URLs under an allowed prefix', () => {
    expect(safeUrl(`${PREFIX}1.0.0/dist/index.js`, [PREFIX]).href).to.equal(`${PREFIX}1.0.0/dist/index.js`);
  });

  it('refuses look-alikes, traversal, other schemes and credentials', () => {
    for (const url of [
      `${PREFIX}1.0.0/../../evil@1/index.js`,
      `${PREFIX.replace('https', 'http')}1.0.0/dist/index.js`,
      'https://cdn.jsdelivr.net.evil.example/npm/@pekopay/web@1/dist/index.js',
      `https://user:pw@cdn.jsdelivr.net/npm/@pekopay/web@1/dist/index.js`,
      'javascript:alert(1)',
      'data:text/javascript,alert(1)',
      'blob:https://cdn.jsdelivr.net/x',
    ]) {
      expect(
        code(() => safeUrl(url, [PREFIX])),
        url,
      ).to.equal('insecure-config');
    }
  });

  it('refuses an encoded slash or backslash under a prefix (a server decoding it would serve another path)', () => {
    for (const url of [`${PREFIX}1.0.0/..%2f..%2fevil@1/index.js`, `${PREFIX}1.0.0/..%5C..%5Cevil@1/index.js`]) {
      expect(
        code(() => safeUrl(url, [PREFIX])),
        url,
      ).to.equal('insecure-config');
    }
  });

  it('does not repeat credentials written into a refused URL in its reason (reasons go to logs)', () => {
    try {
      safeUrl('https://priv_live_0123:pw_4567@evil.example/token', []);
      expect.fail('the URL was allowed');
    } catch (error) {
      const { code, reason } = error as PayCheckoutError;
      expect(code).to.equal('insecure-config');
      expect(reason).to.equal('URL not allowed: https://evil.example/token');
    }
  });

  it('accepts the page origin only when asked, and origins allowed from script', () => {
    expect(code(() => safeUrl('/api/token', []))).to.equal('insecure-config');
    expect(safeUrl('/api/token', [], true).origin).to.equal(location.origin);
    expect(code(() => safeUrl('http://127.0.0.1:9/x', []))).to.equal('insecure-config');
    allowOrigins(['http://127.0.0.1:9']);
    expect(safeUrl('http://127.0.0.1:9/x', []).href).to.equal('http://127.0.0.1:9/x');
  });

  it('refuses to allow origins that are not http(s) or carry credentials', () => {
    expect(() => allowOrigins(['javascript:alert(1)'])).to.throw(TypeError);
    expect(() => allowOrigins(['https://a:b@example.com'])).to.throw(TypeError);
  });

  it('reports config for a value that is not a URL', () => {
    expect(code(() => safeUrl('http://[::1', [PREFIX]))).to.equal('config');
  });
});

describe('looksLikeSecret', () => {
  it('recognises provider secrets and leaves tokens alone', () => {
    for (const secret of ['priv_abc', 'Basic ZGVtbzpzZWNyZXQ=', 'Bearer abc', 'paiwise_sandbox_demo', 'sk_live_x']) {
      expect(looksLikeSecret(secret), secret).to.equal(true);
    }
    for (const value of ['sess_0123', 'cs_0123', undefined, '']) {
      expect(looksLikeSecret(value), String(value)).to.equal(false);
    }
  });
});

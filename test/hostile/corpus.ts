// Hostile inputs shared by the hostile-input tests: URLs that no URL input may ever fetch, frame or
// navigate to, and values shaped like provider secrets that must never be accepted in a browser.

/** Allowed production prefixes the look-alikes below imitate. */
const JSDELIVR = 'https://cdn.jsdelivr.net/npm/@pekopay/web@1.0.0/dist/index.js';

/**
 * Refused for every URL input of the element, whatever the provider and environment: other schemes,
 * `http:` outside the allow-list, foreign and look-alike hosts, credentials, encoded and parser tricks.
 * (Relative paths are not here: a same-origin path is a legitimate `token-url`.)
 */
export const HOSTILE_URLS: readonly string[] = [
  // Schemes that run code or read local data.
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  ' javascript:alert(1)',
  '\njavascript:alert(1)',
  '\u0000javascript:alert(1)',
  'java\tscript:alert(1)',
  'javascript://cdn.jsdelivr.net/%0Aalert(1)',
  'vbscript:msgbox(1)',
  'data:text/javascript,alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'blob:https://cdn.jsdelivr.net/0b7d6c1e-1111-4a4a-9999-abcdefabcdef',
  'file:///etc/passwd',
  'ftp://cdn.jsdelivr.net/npm/@pekopay/web@1.0.0/dist/index.js',
  'ws://checkout.reepay.com/',
  'wss://checkout.reepay.com/',
  'about:blank',
  'view-source:https://checkout.reepay.com/',
  'chrome://settings',
  // Plain http for hosts that are only allowed over https.
  JSDELIVR.replace('https:', 'http:'),
  'http://checkout.reepay.com/#/checkout/preload',
  'http://staging-checkout.reepay.com/#/preload',
  'http://api.paiwise.com/checkout/',
  // Foreign hosts.
  'https://evil.example/pekopay.js',
  'https://example.com/',
  'http://localhost:1/steal',
  'http://127.0.0.1:1/steal',
  'http://[::1]:1/steal',
  'https://2130706433/',
  'https://0x7f.0.0.1/',
  '//evil.example/x.js',
  '\\\\evil.example\\x.js',
  '/\\evil.example/x.js',
  'https:evil.example/x.js',
  'https:/\\evil.example/x.js',
  // Look-alike hosts.
  'https://cdn.jsdelivr.net.evil.example/npm/@pekopay/web@1.0.0/dist/index.js',
  'https://cdn-jsdelivr.net/npm/@pekopay/web@1.0.0/dist/index.js',
  'https://cdn.jsdelivr.com/npm/@pekopay/web@1.0.0/dist/index.js',
  'https://cdn.jsdeIivr.net/npm/@pekopay/web@1.0.0/dist/index.js',
  'https://cdn.jsdelivr.net./npm/@pekopay/web@1.0.0/dist/index.js',
  'https://checkout.reepay.com.evil.example/#/checkout/preload',
  'https://checkout-reepay.com/#/checkout/preload',
  'https://checkout.reepay.co/#/checkout/preload',
  'https://сheckout.reepay.com/#/checkout/preload',
  'https://CHECKOUT.REEPAY.COM.evil.example/',
  'https://api.paiwise.com.evil.example/checkout/',
  'https://evil.example/https://cdn.jsdelivr.net/npm/@pekopay/web@1.0.0/dist/index.js',
  'https://evil.example/?u=https://checkout.reepay.com/',
  // Credentials in URLs.
  'https://user:pass@cdn.jsdelivr.net/npm/@pekopay/web@1.0.0/dist/index.js',
  'https://user@checkout.reepay.com/#/checkout/preload',
  'https://user:@checkout.reepay.com/',
  'https://cdn.jsdelivr.net@evil.example/npm/@pekopay/web@1.0.0/dist/index.js',
  'https://evil.example%2f@cdn.jsdelivr.net/npm/@pekopay/web@1.0.0/dist/index.js',
  'https://priv_0123456789abcdef0123456789abcdef@checkout.reepay.com/',
  // Encoded and path tricks that leave the allowed prefix.
  'https://cdn.jsdelivr.net/npm/@pekopay/web@1.0.0/../../evil@1/index.js',
  'https://cdn.jsdelivr.net/npm/@pekopay/web@1.0.0/%2e%2e/%2e%2e/evil@1/index.js',
  'https://cdn.jsdelivr.net/npm/@pekopay%2fweb@1.0.0/dist/index.js',
  'https://cdn.jsdelivr.net\\@evil.example/',
  'https://cdn.jsdelivr.net%2eevil.example/npm/@pekopay/web@1.0.0/dist/index.js',
  'https://cdn.jsdelivr.net/npm/@evil/web@1.0.0/dist/index.js',
  'https://cdn.jsdelivr.net/npm/@pekopay/web-evil@1.0.0/dist/index.js',
  'https://cdn.jsdelivr.net\u2044npm/@pekopay/web@1.0.0/dist/index.js',
];

/** Values shaped like provider secrets: refused with `insecure-config` wherever the element takes a token or URL. */
export const SECRETS: readonly string[] = [
  'priv_0123456789abcdef0123456789abcdef',
  ' priv_sandbox_demo',
  'PRIV_SANDBOX_DEMO',
  'Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=',
  'basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=',
  'Bearer paiwise_sandbox_demo',
  'paiwise_sandbox_demo',
  'sk_live_0123456789abcdef',
  'sk_test_0123456789abcdef',
];

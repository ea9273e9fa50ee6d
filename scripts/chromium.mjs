// How the tests and the bench launch headless Chromium: Debian's by default, CHROME_PATH to override.
export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Root needs --no-sandbox; the rest keeps Chromium quiet on a closed network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

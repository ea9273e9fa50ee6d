// How every test launches headless Chromium (web-test-runner and the Storybook smoke test): quiet on a
// closed network, and able to run as root in a container.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// The three browser engines every browser test runs in, launched from Debian's packages (no browser is
// downloaded): Chromium and Firefox through puppeteer, WebKit (WebKitGTK, Safari's engine) through
// WebKitWebDriver under Xvfb. `PAY_TEST_BROWSERS` (a comma list) narrows a run to some of them.
// @ts-check
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';

export const ENGINES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);
/** @typedef {(typeof ENGINES)[number]} Engine */

/** The engines this run uses: `PAY_TEST_BROWSERS`, else all three. */
export function selectedEngines(value = process.env.PAY_TEST_BROWSERS) {
  if (!value) return [...ENGINES];
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((name) => !(/** @type {readonly string[]} */ (ENGINES).includes(name)));
  if (unknown.length) throw new Error(`PAY_TEST_BROWSERS: unknown engine ${unknown.join(', ')} (use ${ENGINES.join(', ')})`);
  return /** @type {Engine[]} */ (names);
}

/** puppeteer launch options: Debian's Chromium (or CHROME_PATH), quiet on a closed network. */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

/** puppeteer launch options for Firefox ESR over WebDriver BiDi (FIREFOX_PATH overrides the path). */
export const firefoxLaunchOptions = {
  browser: /** @type {const} */ ('firefox'),
  executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
  headless: true,
};

/** The engine a web-test-runner launcher drives, from its name ("Chrome", "Firefox", "WebKit"). */
export function engineOf(/** @type {{ name: string }} */ browser) {
  const name = browser.name.toLowerCase();
  if (name.includes('firefox')) return 'firefox';
  if (name.includes('webkit')) return 'webkit';
  return 'chromium';
}

const portOpen = (/** @type {number} */ port) =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * WebKitWebDriver under its own Xvfb display, in a process group of its own so that stopping it stops
 * Xvfb and every WebKit process too. Resolves once the driver accepts connections.
 * @param {number} port
 */
export async function startWebKitDriver(port) {
  const child = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`, '--host=127.0.0.1'], {
    detached: true,
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    await gone;
    clearTimeout(timer);
  };
  for (const deadline = Date.now() + 20_000; !(await portOpen(port));) {
    if (exited) throw new Error('WebKitWebDriver exited at start: is webkit2gtk-driver (and xvfb) installed?');
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`WebKitWebDriver did not listen on ${port} within 20 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { stop };
}

/**
 * WebdriverIO's capabilities and WebKitGTK's own (its driver's browser options), which WebdriverIO's types do
 * not list.
 * @typedef {WebdriverIO.Capabilities & { 'webkitgtk:browserOptions'?: { args?: string[] } }} WebKitGtkCapabilities
 */

/**
 * The web-test-runner launchers for `engines`; WebKit's needs the driver of startWebKitDriver on `webkitPort`.
 * @param {Engine[]} engines
 * @param {number} webkitPort
 */
export function launchers(engines, webkitPort) {
  return engines.map((engine) => {
    if (engine === 'chromium') return chromeLauncher({ launchOptions: chromiumLaunchOptions });
    if (engine === 'firefox') return puppeteerLauncher({ launchOptions: firefoxLaunchOptions });
    /** @type {WebKitGtkCapabilities} */
    const capabilities = {
      browserName: 'MiniBrowser',
      // Without it webdriverio asks for BiDi, which WebKitWebDriver refuses ("Failed to match capabilities").
      'wdio:enforceWebDriverClassic': true,
      // Navigate returns once the navigation starts: the runner waits for the test page itself (it reports over
      // its own socket, within testsStartTimeout). With the default ("normal") a navigation WebKit's driver never
      // saw end held the command, and the launcher, which does not await it, failed the run uncaught.
      pageLoadStrategy: 'none',
      'webkitgtk:browserOptions': { args: ['--automation'] },
    };
    const webkit = webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: webkitPort,
      logLevel: 'error',
      capabilities,
    });
    // Its label comes from the capabilities; name it for the reports.
    const initialize = webkit.initialize.bind(webkit);
    webkit.initialize = async (...args) => {
      await initialize(...args);
      webkit.name = 'WebKit';
    };
    return webkit;
  });
}

// Headless Chromium as every browser test drives it (web-test-runner's launcher and the Node tests'
// puppeteer), and typing into a cross-origin card frame as a person would.

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

/**
 * Types into the hosted card fields of `frame` (a puppeteer Frame), field by `autocomplete` value, e.g.
 * `{ 'cc-number': '4242…' }`.
 * @param {import('puppeteer-core').Frame} frame
 * @param {Record<string, string>} fields
 * @param {{ refind?: () => Promise<import('puppeteer-core').Frame> }} [options] how to find the frame again
 */
export async function typeInCardFrame(frame, fields, { refind } = {}) {
  for (const [autocomplete, text] of Object.entries(fields)) {
    const selector = `[autocomplete="${autocomplete}"]`;
    // The driver, not the product, has been seen (rarely) to lose its handle on a live frame: one more try
    // then, with the frame found again when the caller can (`refind`). A frame the element really removed
    // fails at once, and says so. The two waits stay well under web-test-runner's 20 s per command.
    // Visible: a hosted page may show its form only once its session has loaded.
    const wait = () => frame.waitForSelector(selector, { visible: true, timeout: 7_000 });
    await wait()
      .catch(async (error) => {
        if (frame.detached && !refind) throw error;
        if (refind) frame = await refind();
        return wait();
      })
      .catch((error) => {
        throw new Error(`${error.message} (frame detached: ${frame.detached}; ${error.cause?.message ?? ''})`);
      });
    // Keys go to the focused frame, and focus reaches an out-of-process frame asynchronously: on a loaded
    // machine the first keys can land before it. Check what the field holds (as formatted by the page) and
    // type again when keys were lost, as a person who looks at the field would.
    const typed = (value) => value.replace(/[^0-9a-z]/gi, '') === text.replace(/[^0-9a-z]/gi, '');
    for (let attempt = 0; ; attempt++) {
      await frame.click(selector, { count: 3 });
      await frame.type(selector, text);
      if (typed(await frame.$eval(selector, (input) => /** @type {HTMLInputElement} */ (input).value)) || attempt == 2) break;
      await frame.$eval(selector, (input) => {
        /** @type {HTMLInputElement} */ (input).value = '';
      });
    }
  }
}

/**
 * Pays on `page` as a person would: waits for its <pay-checkout> to be ready, types a test card (the Visa
 * that succeeds unless told) into the sandbox's cross-origin card frame and presses Pay.
 * @param {import('puppeteer-core').Page} page
 */
export async function payWithTestCard(page, number = '4242424242424242') {
  await page.waitForSelector('pay-checkout[status="ready"]', { timeout: 20_000 });
  const frameName = await page.$eval('pay-checkout iframe', (frame) => frame.name);
  const frame = page.frames().find((candidate) => candidate.name() === frameName);
  if (!frame) throw new Error(`no frame named ${frameName}`);
  await typeInCardFrame(frame, { 'cc-number': number, 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' });
  await page.click('pay-checkout >>> button[part="button"]');
}

/**
 * Every uncaught exception and console error of `page`, from now on.
 * @param {import('puppeteer-core').Page} page
 */
export function pageProblems(page) {
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

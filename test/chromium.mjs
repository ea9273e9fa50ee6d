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

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {object} FrameDriver how a test acts in a frame of another origin
 * @property {<T>(fn: string | ((...args: any[]) => T | Promise<T>), ...args: unknown[]) => Promise<T>} evaluate runs `fn`
 *   (or a script's source, outside the page's Content-Security-Policy) in the frame's document
 * @property {(selector: string, timeout: number) => Promise<void>} waitVisible
 * @property {(selector: string, count?: number) => Promise<void>} click clicks the element, as the page's mouse
 * @property {(selector: string, text: string) => Promise<void>} type focuses the element and types, as the page's keyboard
 */

/**
 * A driver for `frame` (a puppeteer Frame). Normally puppeteer's own. Puppeteer has been seen to lose a live
 * out-of-process frame: the frame is up and its element ready, but every evaluation in it hangs, whatever
 * the timeout (measured: 3 to 4 card frames in 80, two PekoPay instances per page, on a two-core machine;
 * the kind of race of puppeteer#10715, a frame turning into an out-of-process one). For such a frame the
 * driver goes around puppeteer's bookkeeping: it evaluates through a DevTools session of the frame's own
 * target, and clicks and types with the page's mouse and keyboard at the element's place on the page.
 * @param {import('puppeteer-core').Frame} frame
 * @returns {Promise<FrameDriver>}
 */
export async function frameDriver(frame) {
  // PAY_TEST_FRAME_DRIVER=direct: every frame through its own target (to test that driver on its own).
  const answers = process.env.PAY_TEST_FRAME_DRIVER != 'direct' && !directDrivers.has(frame) && await Promise.race([frame.evaluate(() => true).catch(() => false), sleep(3000).then(() => false)]);
  if (!answers && !frame.detached) {
    // A frame puppeteer lost stays lost: its direct driver is kept, and not probed for again. A frame of
    // this page's process (same origin) has no target of its own: puppeteer's driver is all there is.
    let direct = directDrivers.get(frame);
    if (!direct) directDrivers.set(frame, (direct = directDriver(frame).catch((error) => (directDrivers.delete(frame), Promise.reject(error)))));
    const driver = await direct;
    if (driver) return driver;
    directDrivers.delete(frame);
  }
  return {
    evaluate: (fn, ...args) => /** @type {Promise<any>} */ (frame.evaluate(/** @type {any} */ (fn), ...args)),
    waitVisible: async (selector, timeout) => void (await frame.waitForSelector(selector, { visible: true, timeout })),
    click: (selector, count = 1) => frame.click(selector, { count }),
    type: (selector, text) => frame.type(selector, text),
  };
}

/** @type {WeakMap<import('puppeteer-core').Frame, Promise<FrameDriver | undefined>>} */
const directDrivers = new WeakMap();

/**
 * The driver that evaluates through the DevTools session of the frame's own target (found by its name);
 * undefined when the frame has no target of its own.
 * @param {import('puppeteer-core').Frame} frame
 * @returns {Promise<FrameDriver | undefined>}
 */
async function directDriver(frame) {
  const name = frame.name();
  const page = frame.page();
  /** @type {import('puppeteer-core').CDPSession | undefined} */
  let session;
  const targets = page.browser().targets();
  for (const target of [...targets.filter((t) => t.url() == frame.url()), ...targets.filter((t) => t.url() != frame.url() && t.type() == 'other')]) {
    const candidate = await target.createCDPSession().catch(() => undefined);
    if (!candidate) continue;
    const { result } = await candidate.send('Runtime.evaluate', { expression: 'window.name', returnByValue: true }).catch(() => ({ result: {} }));
    if (result.value === name) {
      session = candidate;
      break;
    }
    await candidate.detach().catch(() => {});
  }
  if (!session) return undefined;
  const cdp = session;
  page.once('close', () => void cdp.detach().catch(() => {}));
  /** @type {FrameDriver['evaluate']} */
  const evaluate = async (fn, ...args) => {
    const expression = typeof fn == 'string' ? fn : `(${fn})(...${JSON.stringify(args)})`;
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }).catch((error) => {
      // The frame went to another process (e.g. navigated): the next command finds it afresh.
      directDrivers.delete(frame);
      throw error;
    });
    if (exceptionDetails) throw new Error(`in the frame ${name}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
  return {
    evaluate,
    async waitVisible(selector, timeout) {
      const visible = (/** @type {string} */ s) => {
        const rect = document.querySelector(s)?.getBoundingClientRect();
        return !!rect && rect.width > 0 && rect.height > 0;
      };
      for (const deadline = Date.now() + timeout; !(await evaluate(visible, selector)); await sleep(100)) {
        if (Date.now() > deadline) throw new Error(`Waiting for selector \`${selector}\` failed (through the frame's own target): ${timeout}ms exceeded`);
      }
    },
    async click(selector, count = 1) {
      const owner = await frame.frameElement();
      if (!owner) throw new Error(`the frame ${name} has no element in its parent`);
      // Where the element's centre is on the page: the frame element's box (puppeteer adds the offsets of
      // frames above it), its border and padding, and the element's place in the frame.
      const at = async () => {
        const inner = await evaluate((/** @type {string} */ s) => {
          const rect = /** @type {HTMLElement} */ (document.querySelector(s)).getBoundingClientRect();
          return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        }, selector);
        const inset = await owner.evaluate((element) => {
          const style = getComputedStyle(element);
          return { x: element.clientLeft + parseFloat(style.paddingLeft), y: element.clientTop + parseFloat(style.paddingTop) };
        });
        const box = await owner.boundingBox();
        if (!box) throw new Error(`the frame ${name} is not rendered`);
        return { x: Math.round(box.x + inset.x + inner.x), y: Math.round(box.y + inset.y + inner.y) };
      };
      // Into view: the element in its frame, and the page around the frame; a scroll in one process reaches
      // the other a little later, so the place is read until it holds still.
      await evaluate((/** @type {string} */ s) => document.querySelector(s)?.scrollIntoView({ block: 'center', behavior: 'instant' }), selector);
      let point = await at();
      const outside = await page.evaluate(({ x, y }) => x < 0 || y < 0 || x > innerWidth || y > innerHeight, point);
      if (outside) await page.evaluate(({ x, y }) => scrollBy({ left: x - innerWidth / 2, top: y - innerHeight / 2, behavior: 'instant' }), point);
      for (let reads = 0; reads < 20; reads++) {
        await sleep(50);
        const next = await at();
        if (next.x == point.x && next.y == point.y) break;
        point = next;
      }
      await page.mouse.click(point.x, point.y, { count });
    },
    async type(selector, text) {
      await evaluate((/** @type {string} */ s) => /** @type {HTMLElement} */ (document.querySelector(s)).focus(), selector);
      await page.keyboard.type(text);
    },
  };
}

/**
 * Types into the hosted card fields of `frame` (a puppeteer Frame), field by `autocomplete` value, e.g.
 * `{ 'cc-number': '4242…' }`.
 * @param {import('puppeteer-core').Frame} frame
 * @param {Record<string, string>} fields
 */
export async function typeInCardFrame(frame, fields) {
  for (const [autocomplete, text] of Object.entries(fields)) {
    const selector = `[autocomplete="${autocomplete}"]`;
    // A driver per field: each field is a command of its own in the browser tests, well under
    // web-test-runner's 20 s per command. Visible: a hosted page may show its form only once its session has loaded.
    const driver = await frameDriver(frame);
    await driver.waitVisible(selector, 10_000);
    // Keys go to the focused frame, and focus reaches an out-of-process frame asynchronously: on a loaded
    // machine the first keys can land before it. Check what the field holds (as formatted by the page) and
    // type again when keys were lost, as a person who looks at the field would.
    const typed = (/** @type {string} */ value) => value.replace(/[^0-9a-z]/gi, '') === text.replace(/[^0-9a-z]/gi, '');
    const value = (/** @type {string} */ s) => /** @type {HTMLInputElement} */ (document.querySelector(s)).value;
    for (let attempt = 0; ; attempt++) {
      await driver.click(selector, 3);
      await driver.type(selector, text);
      if (typed(await driver.evaluate(value, selector)) || attempt == 2) break;
      await driver.evaluate((/** @type {string} */ s) => {
        /** @type {HTMLInputElement} */ (document.querySelector(s)).value = '';
      }, selector);
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

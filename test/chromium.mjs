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
 * `work`, or an error after `ms`. Every step that waits on a frame is bounded like this, well under
 * web-test-runner's 20 s per command, so that a stalled step is named (and worked around) rather than the
 * whole command timing out without saying where.
 * @template T @param {Promise<T>} work @param {number} ms @param {string} what
 * @returns {Promise<T>}
 */
const within = (work, ms, what) => {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const stall = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return /** @type {Promise<T>} */ (Promise.race([work, stall]).finally(() => clearTimeout(timer)));
};

/** How long one puppeteer step in a frame may take before the frame is taken for lost. */
const STEP_MS = 5000;

/**
 * A driver for `frame` (a puppeteer Frame). Normally puppeteer's own. Puppeteer has been seen to lose a live
 * out-of-process frame: the frame is up and its element ready, but every evaluation in it hangs, whatever
 * the timeout (measured: 3 to 4 card frames in 80, two PekoPay instances per page, on a two-core machine;
 * the kind of race of puppeteer#10715, a frame turning into an out-of-process one). For such a frame the
 * driver goes around puppeteer's bookkeeping: it evaluates through a DevTools session of the frame's own
 * target, and clicks and types with the page's mouse and keyboard at the element's place on the page.
 * A frame can also be lost after the probe, in the middle of a command: each puppeteer step is bounded
 * (STEP_MS) and, when it stalls, is done again through the frame's own target.
 * @param {import('puppeteer-core').Frame} frame
 * @returns {Promise<FrameDriver>}
 */
export async function frameDriver(frame) {
  // PAY_TEST_FRAME_DRIVER=direct: every frame through its own target (to test that driver on its own).
  const answers =
    process.env.PAY_TEST_FRAME_DRIVER != 'direct' &&
    !directDrivers.has(frame) &&
    (await within(frame.evaluate(() => true), 3000, 'probe').catch(() => false));
  if (!answers) {
    const direct = await directDriverOf(frame);
    if (direct) return direct;
  }
  // PAY_TEST_FRAME_DRIVER=lose: puppeteer loses every frame right after the probe (to test the switch below).
  const lose = process.env.PAY_TEST_FRAME_DRIVER == 'lose';
  const never = () => new Promise(() => {});
  /** @type {FrameDriver['evaluate']} */
  const raw = (fn, ...args) => /** @type {Promise<any>} */ (frame.evaluate(/** @type {any} */ (fn), ...args));
  /** @type {Omit<FrameDriver, 'waitVisible'>} */
  const puppeteer = lose
    ? { evaluate: never, click: never, type: never }
    : {
        evaluate: raw,
        click: (selector, count = 1) => clickInFrame(frame, raw, selector, count),
        type: (selector, text) => frame.type(selector, text),
      };
  /**
   * Puppeteer's step, bounded. When it fails (stalls, or throws) and the frame no longer answers puppeteer,
   * the step is done through the frame's own target, as is every later step. Puppeteer's click and typing
   * begin with an evaluation in the frame (finding the element), which is what hangs in a lost frame: a
   * stalled step has not acted yet, and is done once. A frame that answers keeps the step's own error.
   * @template {keyof typeof puppeteer} K @param {K} step @param {number} ms
   * @returns {FrameDriver[K]}
   */
  const bounded = (step, ms) =>
    /** @type {any} */ (
      async (/** @type {any[]} */ ...args) => {
        const lost = directDrivers.has(frame) && (await directDriverOf(frame));
        if (lost) return /** @type {any} */ (lost[step])(...args);
        try {
          return await within(/** @type {any} */ (puppeteer[step])(...args), ms, `puppeteer ${step} in the frame ${frame.name()}`);
        } catch (error) {
          const probe = lose ? never() : frame.evaluate(() => true);
          if (frame.detached || (await within(probe, 1500, 'probe').catch(() => false))) throw error;
          const direct = await directDriverOf(frame, true);
          if (!direct) throw error;
          return /** @type {any} */ (direct[step])(...args);
        }
      }
    );
  // Waiting polls with bounded evaluations, so a frame lost while waiting is noticed within a step.
  const poll = bounded('evaluate', STEP_MS);
  return {
    // axe's source and run take a while in a big page: a longer bound for evaluations.
    evaluate: bounded('evaluate', 3 * STEP_MS),
    waitVisible: (selector, timeout) => waitVisible(poll, selector, timeout),
    // A click reads the element's place until it holds still: a little longer.
    click: bounded('click', STEP_MS + 3000),
    type: bounded('type', STEP_MS),
  };
}

/**
 * Presses `key` with the page's keyboard, focus being in `frame`. A key that closes its frame (Escape in a
 * modal checkout: the hosted page asks the element to cancel, and the element removes the frame) can leave
 * the key's release unanswered by Chromium: the release went to the frame as it went away. Seen as a press
 * of 28.4 s, so the `card-frame` command timed out (CI named it twice); with each half timed, the release
 * stalled in a frame already detached (once in about 20 runs of reepay.test.ts with one core kept busy).
 * So each half (down, up) ends when Chromium answers or when the frame is gone (the frame closing is what
 * the key asked for, and the test checks why it closed); a half that stalls in a live frame is an error
 * after STEP_MS that says so.
 * @param {import('puppeteer-core').Frame} frame @param {import('puppeteer-core').KeyInput} key
 */
export async function pressInFrame(frame, key) {
  const page = frame.page();
  /** @type {(detached: import('puppeteer-core').Frame) => void} */
  let onDetached = () => {};
  const gone = new Promise((resolve) => {
    onDetached = (detached) => detached === frame && resolve(undefined);
    page.on('framedetached', onDetached);
    if (frame.detached) resolve(undefined);
  });
  try {
    for (const half of /** @type {const} */ (['down', 'up'])) {
      await within(Promise.race([page.keyboard[half](key), gone]), STEP_MS, `key ${key} ${half} in the frame ${frame.name()}`);
    }
  } finally {
    page.off('framedetached', onDetached);
  }
}

/**
 * Clicks `selector` in `frame` with the page's mouse, at the element's centre on the page: the frame
 * element's box (puppeteer adds the offsets of frames above it), its border and padding, and the element's
 * place in the frame, read through `evaluate`. Not puppeteer's `frame.click`: that reads the place once,
 * right after scrolling the element into view, and a scroll in an out-of-process frame reaches the frames
 * around it a little later, so under load its click could land where the element was (seen in CI: the Pay
 * button of a hosted page in an inline frame, inside a frame of the test page, never pressed). Here the place
 * is read until it holds still (three reads in a row), and the frame itself must find the element at that
 * point (nothing covers it) before the mouse clicks.
 * @param {import('puppeteer-core').Frame} frame @param {FrameDriver['evaluate']} evaluate
 * @param {string} selector @param {number} count
 */
async function clickInFrame(frame, evaluate, selector, count) {
  const page = frame.page();
  const owner = await frame.frameElement();
  if (!owner) throw new Error(`the frame ${frame.name()} has no element in its parent`);
  const at = async () => {
    const inner = await evaluate((/** @type {string} */ s) => {
      const element = /** @type {HTMLElement} */ (document.querySelector(s));
      const rect = element.getBoundingClientRect();
      const [x, y] = [rect.x + rect.width / 2, rect.y + rect.height / 2];
      const found = document.elementFromPoint(x, y);
      return { x, y, hit: !!found && (element == found || element.contains(found)) };
    }, selector);
    const inset = await owner.evaluate((element) => {
      const style = getComputedStyle(element);
      return { x: element.clientLeft + parseFloat(style.paddingLeft), y: element.clientTop + parseFloat(style.paddingTop) };
    });
    const box = await owner.boundingBox();
    if (!box) throw new Error(`the frame ${frame.name()} is not rendered`);
    return { x: Math.round(box.x + inset.x + inner.x), y: Math.round(box.y + inset.y + inner.y), hit: inner.hit };
  };
  // Into view: the element in its frame (which scrolls the frames around it), and the page if still needed.
  await evaluate((/** @type {string} */ s) => document.querySelector(s)?.scrollIntoView({ block: 'center', behavior: 'instant' }), selector);
  let point = await at();
  const outside = await page.evaluate(({ x, y }) => x < 0 || y < 0 || x > innerWidth || y > innerHeight, point);
  if (outside) await page.evaluate(({ x, y }) => scrollBy({ left: x - innerWidth / 2, top: y - innerHeight / 2, behavior: 'instant' }), point);
  for (let reads = 0, same = 0; same < 2 || !point.hit; reads++) {
    if (reads == 40) throw new Error(`${selector} in the frame ${frame.name()} did not hold still${point.hit ? '' : ', or something covers it'} within 2 s`);
    await sleep(50);
    const next = await at();
    same = next.x == point.x && next.y == point.y ? same + 1 : 0;
    point = next;
  }
  await page.mouse.click(point.x, point.y, { count });
}

/**
 * Waits until `selector` is visible in a frame (a box of some size, not `visibility: hidden`), evaluating
 * through `evaluate` every 100 ms. An evaluation that fails (the frame's document is being replaced: a
 * hosted page loading its next page) counts as not yet.
 * @param {FrameDriver['evaluate']} evaluate @param {string} selector @param {number} timeout
 */
async function waitVisible(evaluate, selector, timeout) {
  const visible = (/** @type {string} */ s) => {
    const element = document.querySelector(s);
    const rect = element?.getBoundingClientRect();
    return !!rect && rect.width > 0 && rect.height > 0 && getComputedStyle(/** @type {Element} */ (element)).visibility != 'hidden';
  };
  let failure = '';
  const check = () => evaluate(visible, selector).catch((/** @type {Error} */ error) => ((failure = `; last evaluation: ${error.message}`), false));
  for (const deadline = Date.now() + timeout; !(await check()); await sleep(100)) {
    if (Date.now() > deadline) throw new Error(`Waiting for selector \`${selector}\` to be visible failed: ${timeout}ms exceeded${failure}`);
  }
}

/**
 * The direct driver of `frame` (kept once made: a frame puppeteer lost stays lost), or undefined when the
 * frame has no target of its own (a frame of this page's process, same origin: puppeteer's driver is all there is).
 * @param {import('puppeteer-core').Frame} frame
 * @param {boolean} [lost] puppeteer lost the frame in the middle of a step (said in the log, so a run shows it)
 */
async function directDriverOf(frame, lost = false) {
  if (frame.detached) return undefined;
  let direct = directDrivers.get(frame);
  if (!direct) {
    if (lost) console.warn(`[frame driver] puppeteer lost the frame ${frame.name()} in the middle of a step: going on through its own target`);
    directDrivers.set(frame, (direct = directDriver(frame).catch((error) => (directDrivers.delete(frame), Promise.reject(error)))));
  }
  const driver = await direct;
  if (!driver) directDrivers.delete(frame);
  return driver;
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
    // Bounded: a target that does not answer (another page's frame, busy or paused) is not this frame.
    const candidate = await within(target.createCDPSession(), 1500, 'a DevTools session').catch(() => undefined);
    if (!candidate) continue;
    const { result } = await within(candidate.send('Runtime.evaluate', { expression: 'window.name', returnByValue: true }), 1500, 'window.name').catch(
      () => ({ result: /** @type {{ value?: unknown }} */ ({}) }),
    );
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
    const sent = cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    const { result, exceptionDetails } = await within(sent, 10_000, `evaluation in the frame ${name} (its own target)`).catch((error) => {
      // The frame went to another process (e.g. navigated): the next command finds it afresh.
      directDrivers.delete(frame);
      throw error;
    });
    if (exceptionDetails) throw new Error(`in the frame ${name}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
  return {
    evaluate,
    waitVisible: (selector, timeout) => waitVisible(evaluate, selector, timeout),
    click: (selector, count = 1) => clickInFrame(frame, evaluate, selector, count),
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

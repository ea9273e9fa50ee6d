// The end-to-end tier's one way to act as a person in a cross-origin frame (hosted card fields, a hosted
// checkout page), which page script cannot reach: each launcher's own API, nothing more. puppeteer
// (Chromium, Firefox) finds the frame by name and clicks from the keyboard (see `activate`); WebDriver
// (WebKit) switches into each frame on its way from the top window, found by name through open shadow roots.
//
// One command is one step (look for the frame, type one field, click, press a key, read a text), each
// bounded well within the 20 s web-test-runner gives a command's answer (a bound in its browser code,
// not configurable): test/e2e/frame.ts runs a person's action as a series of them, and waits for the frame
// to show up by asking again (a cross-origin frame is another process, which a loaded two-core machine
// running three browsers may start late). A whole action in one command could outlast those 20 s there,
// and fail with no word of which step was slow.
// @ts-check

/**
 * @typedef {object} FrameInput one step in the frame: `find`, or one of the others
 * @property {string} frameName the frame's name
 * @property {string[]} path the names of the frames from the top window down to it
 * @property {boolean} [find] answer whether the frame is there yet, doing nothing in it: `true`, or what was
 *   there instead (for the failure message)
 * @property {Record<string, string>} [type] text to type, by the field's `autocomplete` (`cc-number`, …)
 * @property {string} [click] a selector to click
 * @property {string} [press] a key to press (`Enter`, `Escape`) in the focused field
 * @property {string} [text] answer the first non-empty text of this selector (within 10 s)
 */

/** How long a step may wait for what it acts on (a field, a button, a text) to show in the frame. */
const STEP_MS = 10_000;
/** How long a step other than `find` may look for a frame `find` saw (it may be navigating). */
const REFIND_MS = 3_000;
const fieldSelector = (/** @type {string} */ autocomplete) => `[autocomplete="${autocomplete}"]`;
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `promise`, or `fallback` once `ms` have passed: a frame that navigates or goes away under a step can
 * leave the protocol's answer to that step pending for good.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {T} fallback
 * @returns {Promise<T>}
 */
function within(promise, ms, fallback) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return /** @type {Promise<T>} */ (Promise.race([promise, late]).finally(() => clearTimeout(timer)));
}

/**
 * Settles when `frame` navigates or is detached: a click on a link that leaves the page (a hosted
 * checkout's cancel link) is done then, whether or not the protocol ever answers the click itself.
 * @param {import('puppeteer-core').Page} page
 * @param {import('puppeteer-core').Frame} frame
 * @returns {{ left: Promise<void>, stop: () => void }}
 */
function frameLeft(page, frame) {
  /** @type {() => void} */
  let stop = () => undefined;
  const left = new Promise((resolve) => {
    const on = (/** @type {import('puppeteer-core').Frame} */ changed) => changed === frame && resolve(undefined);
    page.on('framenavigated', on);
    page.on('framedetached', on);
    stop = () => {
      page.off('framenavigated', on);
      page.off('framedetached', on);
    };
  });
  return { left: /** @type {Promise<void>} */ (left), stop };
}

/**
 * The frame named `frameName`, asked of each frame itself (`window.name`): puppeteer's own `frame.name()`
 * is empty for Firefox over WebDriver BiDi. If it is not among the page's frames within `ms`, what the page's
 * frames were (their addresses and names) for the test's failure message.
 * @param {import('puppeteer-core').Page} page
 * @param {string} frameName
 * @param {number} ms
 * @returns {Promise<import('puppeteer-core').Frame | string>}
 */
async function findFrame(page, frameName, ms) {
  for (const deadline = Date.now() + ms; ; await sleep(100)) {
    const seen = [];
    for (const frame of page.frames()) {
      if (frame.detached || frame === page.mainFrame()) continue;
      const name = await within(
        frame.evaluate(() => window.name).catch(() => '(no answer)'),
        1_000,
        '(no answer within 1 s)',
      );
      if (name === frameName) return frame;
      seen.push(`${frame.url()} named ${name}`);
    }
    if (Date.now() > deadline) return `the page's frames: ${seen.join(', ') || 'none'}`;
  }
}

/**
 * "Clicks" `target` from the keyboard, as a keyboard user does: a button or link is focused and activated
 * with Enter, anything else (a field) is focused. Not the mouse: a mouse event into a frame of another site
 * (its own process) waits for the browser's hit test, and on a loaded machine Chromium sometimes never
 * answers it: the click was lost and the mouse stayed pressed for the next test (reproduced 2 runs in 10 of
 * test/e2e/csp.test.ts under load). Keys go to the focused frame, with no hit test.
 * @param {import('puppeteer-core').ElementHandle<Element> | null} target
 */
async function activate(target) {
  if (!target) return;
  const activates = await target.evaluate((element) => element.matches('button, a[href], input[type="submit"], input[type="button"]'));
  if (activates) await target.press('Enter');
  else await target.focus();
}

/**
 * @param {import('puppeteer-core').Page} page
 * @param {FrameInput} input
 */
async function withPuppeteer(page, { frameName, find, type = {}, click, press, text }) {
  const frame = await findFrame(page, frameName, find ? 0 : REFIND_MS);
  if (find) return typeof frame === 'string' ? frame : true;
  if (typeof frame === 'string') throw new Error(`no frame named ${frameName} within ${REFIND_MS} ms (${frame})`);
  for (const [autocomplete, value] of Object.entries(type)) {
    const field = await frame.waitForSelector(fieldSelector(autocomplete), { visible: true, timeout: STEP_MS });
    // A person replaces what a field holds (a declined card's number, say) rather than typing after it.
    await field?.evaluate((input) => void (/** @type {HTMLInputElement} */ (input.value = '')));
    await field?.type(value);
  }
  if (click) {
    const target = await frame.waitForSelector(click, { visible: true, timeout: STEP_MS });
    const { left, stop } = frameLeft(page, frame);
    try {
      await within(Promise.race([activate(target), left]), STEP_MS, undefined);
    } finally {
      stop();
    }
  }
  if (press) await page.keyboard.press(/** @type {import('puppeteer-core').KeyInput} */ (press));
  if (text) {
    for (const deadline = Date.now() + STEP_MS; ; await sleep(100)) {
      const found = await frame.evaluate((selector) => document.querySelector(selector)?.textContent?.trim() ?? '', text);
      if (found || Date.now() > deadline) return found;
    }
  }
  return true;
}

/**
 * In the page: the iframe named `name` in the document, looking through open shadow roots.
 * @param {string} name
 */
function findFrameElement(name) {
  /** @param {Document | ShadowRoot} root @returns {Element | null} */
  const find = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.localName === 'iframe' && /** @type {HTMLIFrameElement} */ (element).name === name) return element;
      const found = element.shadowRoot && find(element.shadowRoot);
      if (found) return found;
    }
    return null;
  };
  return find(document);
}

/** WebDriver's names for the keys tests press. */
const WEBDRIVER_KEYS = { Enter: '\uE007', Escape: '\uE00C', Tab: '\uE004' };

/**
 * @param {WebdriverIO.Browser} driver
 * @param {FrameInput} input
 */
async function withWebDriver(driver, { path, find, type = {}, click, press, text }) {
  await driver.switchToFrame(null);
  try {
    for (const name of path) {
      const frame = await driver.execute(findFrameElement, name);
      if (!frame && find) return `no frame element named ${name}`;
      if (!frame) throw new Error(`no frame named ${name}`);
      try {
        await driver.switchToFrame(/** @type {any} */ (frame));
      } catch (error) {
        // A frame element whose document is not there yet: not found yet, for `find`.
        if (find) return `frame ${name} could not be entered: ${/** @type {Error} */ (error).message}`;
        throw error;
      }
    }
    if (find) return true;
    const shown = async (/** @type {string} */ selector) => {
      for (const deadline = Date.now() + STEP_MS; ; await sleep(100)) {
        const element = await driver.$(selector);
        if ((await element.isExisting()) && (await element.isDisplayed())) return element;
        if (Date.now() > deadline) throw new Error(`${selector}: not shown in the frame within ${STEP_MS} ms`);
      }
    };
    for (const [autocomplete, value] of Object.entries(type)) {
      const field = await shown(fieldSelector(autocomplete));
      await field.click();
      await field.clearValue();
      await field.addValue(value);
    }
    // A click by script: WebDriver's Element Click waits for the navigation a click starts, and WebKit's driver
    // now and then never sees a framed page's navigation end (the command hung, then "no such window").
    if (click) await driver.execute((/** @type {HTMLElement} */ element) => element.click(), /** @type {any} */ (await shown(click)));
    if (press) {
      const key = WEBDRIVER_KEYS[/** @type {keyof typeof WEBDRIVER_KEYS} */ (press)] ?? press;
      await driver.keys([key]);
    }
    if (text) {
      for (const deadline = Date.now() + STEP_MS; ; await sleep(100)) {
        const element = await driver.$(text);
        const found = (await element.isExisting()) ? (await element.getText()).trim() : '';
        if (found || Date.now() > deadline) return found;
      }
    }
    return true;
  } finally {
    // The frame may be gone (Escape closes a modal): back to the top window either way.
    await driver.switchToFrame(null).catch(() => undefined);
  }
}

/**
 * Runs one step (`input`) in the test page's frame for the session's launcher.
 * @param {any} session a web-test-runner test session
 * @param {FrameInput} input
 */
export async function actInFrame(session, input) {
  const browser = session.browser;
  if (browser.type === 'webdriver') {
    if (!browser.driver) throw new Error('the WebDriver session is not started');
    return withWebDriver(browser.driver, input);
  }
  return withPuppeteer(browser.getPage(session.id), input);
}

// What the Node tests that open a page in a browser (puppeteer) share: paying in the sandbox's cross-origin
// card frame with puppeteer's own frame API, and collecting a page's problems.
// @ts-check

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
  const fields = { 'cc-number': number, 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' };
  for (const [autocomplete, text] of Object.entries(fields)) {
    const field = await frame.waitForSelector(`[autocomplete="${autocomplete}"]`, { visible: true, timeout: 10_000 });
    // A person replaces what the field holds (a declined card's number) rather than typing after it.
    await field?.evaluate((input) => void (/** @type {HTMLInputElement} */ (input.value = '')));
    await field?.type(text);
  }
  await page.click('pay-checkout >>> button[part="button"]');
}

/**
 * Every uncaught exception and console error of `page`, from now on.
 * @param {import('puppeteer-core').Page} page
 */
export function pageProblems(page) {
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

// Strict page: every provider and mode pays on demo/strict.html — the built file, served with a strict
// Content-Security-Policy and Trusted Types (demo/strict-csp.mjs), no nonce — with zero
// `securitypolicyviolation` events; a control page under the same policy shows that violations are really
// reported. The page runs in a frame of this (same-origin) test page, under its own response's policy; its
// recorder (demo/strict-violations.js) keeps every violation in this tab's sessionStorage, which the test
// page shares, across a redirect to the hosted checkout and back.
import { expect, waitUntil } from '@open-wc/testing';
import { inFrame, testCard } from './frame.js';
import type { PayCheckout } from '../../src/index.js';
import { figure } from '../hostile/figures.js';
import { SANDBOX } from './support.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const FRAME_NAME = 'strict-page';
const VIOLATIONS_KEY = 'pay-checkout-strict-violations';
const CARD = testCard();
const POLICY =
  `default-src 'self'; script-src 'self' ${SANDBOX}; style-src 'self'; frame-src 'self' ${SANDBOX}; ` +
  "connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  page: string;
}

let frame: HTMLIFrameElement;
/** The strict page's document, or null while the frame shows the hosted checkout (another origin). */
const strictPage = (): Document | null => frame.contentDocument;
const checkout = (): PayCheckout => strictPage()!.querySelector('pay-checkout')!;
const violations = (): Violation[] => JSON.parse(sessionStorage.getItem(VIOLATIONS_KEY) ?? '[]');

/** The detail of the `type` event the strict page logged (its event log, as a person reads it). */
const logged = async (type: string): Promise<Record<string, unknown>> => {
  const selector = `#event-log .event-${type} pre`;
  await waitUntil(() => strictPage()?.querySelector(selector), `the strict page logged no ${type}`, { timeout: 15_000 }).catch(
    (error: Error) => {
      // What the page did instead: its log and the element's status.
      const page = strictPage();
      const log = page ? [...page.querySelectorAll('#event-log > li')].map((entry) => entry.querySelector('strong')?.textContent) : 'left';
      throw new Error(`${error.message} (log: ${JSON.stringify(log)}; status ${page && checkout()?.status})`);
    },
  );
  return JSON.parse(strictPage()!.querySelector(selector)!.textContent!);
};

/** Acts in a cross-origin frame (inside the strict page, or the strict page's frame itself) as a person. */

const pressPay = () => checkout().shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();

/** PekoPay: the card fields mounted in the page (light DOM), then the element's Pay button. */
const payInCardFields = async () => {
  await inFrame(strictPage()!.querySelector<HTMLIFrameElement>('pay-checkout iframe')!, { type: CARD });
  pressPay();
};

/** A hosted checkout in the element's inline frame or modal: Pay opens it, the payer pays there. */
const payInHostedFrame = (payButton: string) => async () => {
  pressPay();
  const hosted = () => checkout().shadowRoot!.querySelector('iframe');
  await waitUntil(() => hosted() && !hosted()!.hidden, 'the hosted checkout did not open', { timeout: 10_000 });
  await inFrame(hosted()!, { type: CARD, click: payButton });
};

/** A redirect: Pay emits the cancelable pay-redirect, the page leaves for the checkout and comes back. */
const payOnHostedPage = (payButton: string) => async () => {
  let redirect: { url?: string } | undefined;
  checkout().addEventListener('pay-redirect', (event) => (redirect = event.detail));
  pressPay();
  await waitUntil(() => strictPage() === null, 'the strict page did not leave for the checkout', { timeout: 10_000 });
  expect(redirect?.url?.startsWith(SANDBOX), 'pay-redirect before leaving').to.equal(true);
  await inFrame(frame, { type: CARD, click: payButton });
};

/**
 * Every provider and mode of the strict page (demo/strict.js's FLOWS): how the payer pays, and the event
 * that says it is done. Paiwise's modes are one entry each (its hosted page's button is `#pay-button`).
 */
const FLOWS: { flow: string; pay: () => Promise<void>; done: 'pay-token' | 'pay-complete' }[] = [
  { flow: 'pekopay-embedded', pay: payInCardFields, done: 'pay-token' },
  { flow: 'reepay-iframe', pay: payInHostedFrame('#pay'), done: 'pay-complete' },
  { flow: 'reepay-modal', pay: payInHostedFrame('#pay'), done: 'pay-complete' },
  { flow: 'reepay-redirect', pay: payOnHostedPage('#pay'), done: 'pay-complete' },
  { flow: 'paiwise-iframe', pay: payInHostedFrame('#pay-button'), done: 'pay-complete' },
  { flow: 'paiwise-modal', pay: payInHostedFrame('#pay-button'), done: 'pay-complete' },
  { flow: 'paiwise-redirect', pay: payOnHostedPage('#pay-button'), done: 'pay-complete' },
];

let completed = 0;

beforeEach(() => {
  sessionStorage.clear();
  frame = Object.assign(document.createElement('iframe'), { name: FRAME_NAME, title: 'Strict page' });
  frame.style.cssText = 'width: 1000px; height: 900px';
  document.body.append(frame);
});
afterEach(() => frame.remove());

describe('e2e: strict Content-Security-Policy with Trusted Types', () => {
  after(() => figure('strict CSP + Trusted Types', `${completed} provider/mode flows completed, 0 violations`));

  it('serves the strict page with the policy, naming only the sandbox as the provider origin', async () => {
    const response = await fetch('/demo/strict.html', { method: 'HEAD' });
    expect(response.headers.get('content-security-policy')).to.equal(POLICY);
  });

  for (const { flow, pay, done } of FLOWS) {
    it(`completes ${flow} on the strict page with zero policy violations`, async function () {
      this.timeout(30_000);
      frame.src = `/demo/strict.html?flow=${flow}`;
      await waitUntil(() => strictPage()?.querySelector('pay-checkout')?.status === 'ready', 'the element is not ready', {
        timeout: 15_000,
      });
      await pay();
      const detail = await logged(done);
      expect(detail.provider).to.equal(flow.split('-')[0]);
      expect(checkout().status).to.equal('complete');
      await sleep(300); // violation reports are queued as tasks
      expect(violations(), JSON.stringify(violations())).to.deep.equal([]);
      expect(strictPage()!.getElementById('violations-count')!.textContent).to.match(/^None/);
      completed++;
    });
  }

  it('reports each thing the policy forbids on a control page under the same policy, so zero means zero', async () => {
    frame.src = '/test/fixtures/strict-control.html';
    await waitUntil(() => strictPage()?.body?.dataset.done === '', 'the control page did not run', { timeout: 10_000 });
    await waitUntil(() => violations().length >= 8, `only ${JSON.stringify(violations())}`, { timeout: 5000 });
    await sleep(300);
    expect(
      violations()
        .map((violation) => violation.directive)
        .sort(),
    ).to.deep.equal([
      'frame-src', // a frame from a foreign origin
      'require-trusted-types-for', // a string into an HTML sink
      'script-src-elem', // an inline script
      'style-src-attr', // a style attribute in the HTML
      'style-src-attr', // a style attribute set from script
      'style-src-attr', // the same inside a closed shadow root
      'style-src-elem', // an inline <style>
      'trusted-types', // a Trusted Types policy other than Lit's
    ]);
    expect((frame.contentWindow as Window & { inlineScriptRan?: boolean }).inlineScriptRan).to.equal(undefined);
  });
});
